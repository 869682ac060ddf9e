from collections.abc import Callable

import pytest

Found = Callable[[str, str], list[str]]


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("password: Tr33house!", "Tr33house!"),
        ("The password is Oakfield2024.", "Oakfield2024"),
        ("PIN 4821", "4821"),
        ("pw - bluebird7", "bluebird7"),
        ("Please use Sunflower#12 to open it.", "Sunflower#12"),
        ("The password for register.xlsx is Oakfield2024", "Oakfield2024"),
        ('The password to open the spreadsheet is "Maple!22".', "Maple!22"),
        ("The password is sunflower", "sunflower"),
        ("Passcode = 739104", "739104"),
        ("The MIS admin password is now Tr4nsfer#Season26.", "Tr4nsfer#Season26"),
        ("Your parent portal PIN is 882 194.", "882 194"),
        ("Guest wifi OAKFIELD-GUEST, key is Sunflower#Meadow7.", "Sunflower#Meadow7"),
        ("I've set the password to TempPass9921 for now.", "TempPass9921"),
        ("Sorry, I've set it back to Oak2025!reset.", "Oak2025!reset"),
        ("Your ParentPay activation code is PX7H-22KQ.", "PX7H-22KQ"),
        ("The passphrase is purple elephant tango. Return the laptops by Friday.", "purple elephant tango"),
        ("Ava's new code is 3391 after the lock was reset.", "3391"),
        ("The door code is 1066#.", "1066#"),
    ],
)
def test_password_found(found: Found, text: str, secret: str) -> None:
    assert found(text, "PASSWORD") == [secret]


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # Evidence that adds up: the token's shape and what is said around it.
        ("the code is 9032", ["9032"]),
        ("it opens with Kx7!pq", ["Kx7!pq"]),
        ("Unlock it using 4417 if the office is shut.", ["4417"]),
        ("the copier code is changing to 7718 from Monday", ["7718"]),
        ("login: j.smith@oakfield.sch.uk / Harbour22", ["Harbour22"]),
        ("Login details are j.smith / Harbour22", ["Harbour22"]),
        ("Hi, It's Tulip#88, all one word.\n\n> what's the password for the register?", ["Tulip#88"]),
        ("The password for the register is Maple!22 and for the SEN file it is Birch#41.", ["Maple!22", "Birch#41"]),
        # Two in one sentence after a plural label; the "!" of the first does not end the sentence.
        ("Passwords are Blue77! for the register and Green88? for the timetable.", ["Blue77!", "Green88"]),
        ("The door code is changing to 7718 from Monday.", ["7718"]),
        # A login given as "address / secret" with no word for it.
        ("Your details: j.smith@oakfield.sch.uk / Harbour22", ["Harbour22"]),
        ("Combination for the padlock is 4-7-1-1.", ["4-7-1-1"]),
        ("Key safe: 3196", ["3196"]),
        ("Log in as admin with Harbour22 and change it straight away.", ["Harbour22"]),
        ("Wifi: Oakfield-Guest / Sunflower#Meadow7", ["Sunflower#Meadow7"]),
        ("For the spreadsheet use: Tulip#88", ["Tulip#88"]),
        # Devices and what opens them; a cue right after the secret.
        ("The bike shed padlock is 2718 now", ["2718"]),
        ("Alarm: 5521, you have 30 seconds", ["5521"]),
        ("Type 4410 on the side door keypad", ["4410"]),
        ("Press 6642 then the green button to get in", ["6642"]),
        ("His home learning code is Otter7Lake", ["Otter7Lake"]),
        ("PIN is 3 9 1 7 for the franking machine", ["3 9 1 7"]),
        ("The safe combination is 1984, as in the book.", ["1984"]),
        # Accounts: a plain user name before the secret, "pass", "admin:", plural "logins".
        ("Scanner account: scanuser / Birch!tree4", ["Birch!tree4"]),
        ("Governor hub - user kpatel, pass Oak&Ash55", ["Oak&Ash55"]),
        ("New door system admin: Gr3en!Door", ["Gr3en!Door"]),
        ("Reading app logins - Maya: Comet41, Zac: Pluto92", ["Comet41", "Pluto92"]),
        ("The Wi-Fi in the sports hall is Racket5Net.", ["Racket5Net"]),
        ("re: wifi - its Lantern77", ["Lantern77"]),
        ("The library PC login is cpowell and the password's Sh3lf!Books", ["Sh3lf!Books"]),
        # A plain word the small tagger calls an adjective is still the password given.
        ("The password is goldfish.", ["goldfish"]),
        # A device or place right before a digit code, or named right after it.
        ("Side gate 5827, main door 6403.", ["5827", "6403"]),
        ("Staff toilets 7391", ["7391"]),
        ("6284 for the printer in the staffroom", ["6284"]),
        ("Alarm: 1947 then press set.", ["1947"]),  # a year before 1950 is no year here
        ("The minibus barrier code is 4471.", ["4471"]),
        ("Recovery codes: 7781 3340 and 2219 0057.", ["7781", "3340", "2219", "0057"]),
        ("Code for the pool store is 2284*", ["2284*"]),
        # What is said after it: the label reversed, the characters described.
        ("Lighthouse7 is the new password for the shared laptop.", ["Lighthouse7"]),
        ("Rowan&Ash3 is the new one for the music drive.", ["Rowan&Ash3"]),
        ("It's Marigold.7 - with the dot.", ["Marigold.7"]),
        ("It's Sparrow22 - all lower case.", ["Sparrow22"]),
        # A bracketed aside between the label and the secret.
        ("His tablet passcode (the school one) is Comet!19.", ["Comet!19"]),
    ],
)
def test_password_given_naturally(found: Found, text: str, secrets: list[str]) -> None:
    assert found(text, "PASSWORD") == secrets


@pytest.mark.parametrize(
    "text",
    [
        "I'll send the password separately.",
        "The file is password protected.",
        "Please reset your password.",
        "The password is in a separate email.",
        "The password is the same as before.",
        "Your password must be at least 8 characters.",
        "Password: see below",
        "Use Teams to open it.",
        "The passcode will be sent by text.",
        "Please pin the notice to the board by 10:30.",
        "The password for the file is below.",
        "The dress code is smart casual.",
        "The key is to practise every day.",
        "The meeting was changed to 3pm.",
        "Reset to 2024 defaults before the upgrade.",
        "Pin 12 posters to the board.",
        "The code is on the back of the letter.",
        "The course code is 7101.",
        "Your order code is AB12-CD34.",
        "Use code SUMMER25 for 10% off.",
        "Sign in with SSO then open Teams2.",
        "Please log in to Arbor and check Y6 attendance.",
        "Access via www.oakfield.sch.uk/login2024",
        "The door code for the new building will be sent separately.",
        "Kids code club 2025 starts on Tuesday.",
        "Username: t.jones, password: see below",
        "It's Year 6 on Tuesday, what's the plan?",
        "Passwords are changing on Monday, see the IT notice.",
        "Send it to j.smith@oakfield.sch.uk / office by Friday.",
        "The door code is changing soon! Details to follow.",
        "The key safe is by the side gate, next to room 14.",
        "The wifi is down, use Teams2 on your phone instead.",
        "Log in as admin with your own account, not Office365.",
        "Please use: Year6 planning folder on the shared drive.",
        "The score was 4-7-1-1 over the four rounds.",
        "Network: Oakfield-Staff, ask IT for access.",
        # Public codes, references and the user name of a pair.
        "Specification codes: 8300 (Maths), 8461 (Biology), 8035 (Geography).",
        "Share code for EU settled status: W7X 3KD 9PT.",
        "The room code for the sports hall is SH1.",
        "Purple Mash login: class4b, password to follow by text.",
        "The password is correct now, thanks.",
        "Sorry, I've forgotten my password again!",
        "Subject: SIMS admin password\nFor the data manager only: SIMS will be down on Friday.",
        "Try the Y7 tracker; the account for it is on the KS3 / KS4 shared drive.",
        # A log-in question is not a password question; times are not codes.
        "Can you log in and check the register? It's for the B12a group.",
        "Meet me at the front gate at 1515 please.",
        "The alarm went off at 1430 and again after 1600.",
        # Game and join PINs are shown to the class; advice on passphrases is not one.
        "Quiz game PIN 552910 - join on the board.",
        "Join the Kahoot with PIN 4471 83 at the start of the lesson.",
        "A strong passphrase is four random words.",
        "Your username is 6KPatel.",
        "User ID: ABpatel22, your password comes by text.",
        # A device or place beside a number that is no code.
        "The gate was fixed in 2019 and the toilets in 2021.",
        # Words joined by slashes, a list after a comma, four digits alone: not given secrets.
        "Position: Designer, fashion/clothing",
        "We need two helpers, Covid19 rules still apply.",
        "No, it's 2417 now.",
        # Given alone but with nothing else said: no secret without the protected file.
        "Hi, the list is attached. It's Oak-Tree-2025",
        "Gate 3 opens at 0815 for the coaches.",
        "Printer 2 on the first floor is out of toner.",
        "Is the trip still on? Yes, it's 2025 guidance we follow.",
    ],
)
def test_not_a_password(found: Found, text: str) -> None:
    assert found(text, "PASSWORD") == []


def test_a_code_that_changes_to_a_new_value_is_given(detector) -> None:  # type: ignore[no-untyped-def]
    text = "The staff entrance keypad code changes on Monday to 73915. The password changes every term to something new."
    found = [(e.type.value, e.text) for e in detector.analyze(text)]
    assert found == [("PASSWORD", "73915")]


# --- a password-protected file in the same draft -------------------------------------


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        ("The file is attached. It's Oak-Tree-2025", ["Oak-Tree-2025"]),
        ("Here it is: Harbour22", ["Harbour22"]),
        ("Use Sunny-Day-44 please.", ["Sunny-Day-44"]),
    ],
)
def test_a_protected_file_raises_the_prior(detector, text: str, secrets: list[str]) -> None:  # type: ignore[no-untyped-def]
    from service.detect.recognizers.password import secrets_for_a_protected_file

    found = detector.analyze(text)
    assert [e.text for e in found if e.type.value == "PASSWORD"] == []  # not without the file
    assert [e.text for e in secrets_for_a_protected_file(text, found)] == secrets


@pytest.mark.parametrize(
    "text",
    [
        "Attached is the list for ME14 2QT and SW1A 1AA.",  # a shape alone is no secret
        "It's at ME14 2QT, ring 07700 900123 if lost.",  # what the detector found stays what it is
        "It's the Y6 list, ref INV-2291, for £340.",
        "It's 12/03/2025 for the meeting.",
        "It's 2025 already!",
        "Here it is: the usual list.",
    ],
)
def test_a_protected_file_alone_is_not_enough(detector, text: str) -> None:  # type: ignore[no-untyped-def]
    from service.detect.recognizers.password import secrets_for_a_protected_file

    assert secrets_for_a_protected_file(text, detector.analyze(text)) == []


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The Passwords are below", True),
        ("the keypad code", True),
        ("Front gate", True),
        ("log in details: x", True),
        ("try it", True),
        ("codes", True),
        ("pass", True),
        ("ADMIN", True),
        ("the Wi-Fi", True),
        ("all one word", True),
        ("j.smith@oakfield.sch.uk / x", True),
        ("jsmith / x", True),
        ("The governors agreed the budget for the library refurbishment.", False),
        ("passage, compass, codex, trying, lockdown", False),
        ("12 / 30 pupils", False),
    ],
)
def test_any_cue_is_the_whole_alternation(text: str, cue: bool) -> None:
    """The quick test searches its parts one by one: the same answer as all of them joined."""
    import regex

    from service.detect.recognizers.password import _ANY_CUE_PARTS, _any_cue

    joined = regex.compile("|".join(p.pattern for p in _ANY_CUE_PARTS), regex.IGNORECASE)
    assert _any_cue(text) is cue
    assert (joined.search(text) is not None) is cue

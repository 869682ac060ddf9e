"""Who the greeting addresses by name, and whether a To recipient is that person.

"Dear Sarah," / "Hi Mr Patel" / "Morning Liz," / "Dear Mrs Smith-Jones" at the top of
the sender's own text name the person the email is meant for. CONTRACT section 8:
`recipient-name-mismatch` fires when that person matches none of the To recipients.
Greetings to a group or a role ("Dear parents", "Hi all", "Dear Sir or Madam", "Dear
Year 6 team") never count, and a recipient about whom nothing is known (office@, a
distribution list) is never called a mismatch: a guard that cries wolf is switched off.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from service.context.names import is_given_name, same_given_name, same_surname
from service.context.participants import _SIGNATURE_WORDS, _TITLES, ROLE_WORDS, _fold
from service.schemas.scan import Recipient

_GREETING = regex.compile(
    r"^(?:dear|hi|hiya|hello|hey|greetings|good\s+(?:morning|afternoon|evening|day)|morning|afternoon|evening)"
    r"\b[\s,]*(?P<rest>.*)$",
    regex.IGNORECASE,
)
# A bare name as the first line ("Sarah," / "Mrs Patel,").
_BARE_NAME = regex.compile(r"^(?P<rest>(?:\p{Lu}[\p{L}'’.\-]*\s+){0,2}\p{Lu}[\p{L}'’\-]*)\s*,\s*$")
_END = regex.compile(r"[,!:;?()]|\s[-–—]\s|[–—]|\.(?=\s|$)")
_WORD = regex.compile(r"[\p{L}\p{M}'’.\-]+|\d+|[&/+]")
_MAX_LEADING_WORDS = 4
_MAX_GREETED_WORDS = 8
_FIRST_LINES = 3

# Words that make a greeting one to a group or a role.
_GROUP_WORDS = frozenset(
    """all everyone everybody both team teams colleague colleagues sir sirs madam madams
    parent parents carer carers guardian guardians family families friend friends folks guys
    there again whom concern you yall y'all people gang ladies gentlemen gents mum mums dad dads
    governor governors trustee trustees member members committee board panel staff class
    year years form group department dept faculty office reception admissions finance payroll
    head headteacher headmaster headmistress principal deputy teacher teachers tutor tutors
    senco sendco dsl dpo bursar clerk manager managers coordinator co-ordinator officer officers
    lead leads leader leaders director directors chair secretary customer customers supplier
    suppliers client clients applicant candidate candidates partner partners pupils students
    children kids lovely lovelies hun hon love mate mates darling sweetie sir/madam boss coach
    reader nurse chef inspector sergeant constable auntie nan grandma grandad gran grandparents
    neighbour neighbours volunteers volunteer helpers colleague/s""".split()
)
# Words that make a display name a team's, a role's or an organisation's ("Credit Control",
# "Wildwood Education", "Junior Section"), on top of the group, role and signature words.
_NOT_A_PERSON_WORDS = frozenset(
    """control credit section worker workers education support service services accounts account
    bookings booking sales orders order customer care centre center club society association
    foundation charity group project unit hub desk line portal enquiries payroll catering
    transport coaches travel holidays tours uniform shop store pta ptfa network agency
    consultancy partnership solutions inc llp county borough city police health clinic surgery
    hospital practice pharmacy library museum theatre sports football fc rugby cricket swimming
    gym music dance youth junior juniors senior seniors ep admin team mailbox inbox notifications
    system alerts news newsletter events marketing communications it ict technician technicians""".split()
)
_TITLE_JOINERS = frozenset({"and", "&", "/", "+"})
# Small words inside surnames.
_PARTICLES = frozenset("ni nic mac mc de da di del della van von der den le la al el bin binti ap ó o".split())


@dataclass(frozen=True, slots=True)
class GreetedPerson:
    """One person the greeting names: as written (for the message), and the folded name words."""

    written: str
    words: tuple[str, ...]  # folded, titles dropped; an initial as "s."
    titled: bool  # "Mr Patel": the word after a title is a surname


def _first_lines(body: str) -> list[str]:
    lines = []
    for raw in body.splitlines():
        line = raw.strip()
        if line.startswith(">"):
            break
        if line:
            lines.append(line)
        if len(lines) >= _FIRST_LINES:
            break
    return lines


def _addressed(line: str) -> str | None:
    """What follows the greeting word, up to where the greeting ends."""
    match = _GREETING.match(line)
    if match:
        rest = match.group("rest")
    else:
        bare = _BARE_NAME.match(line)
        if not bare:
            return None
        rest = bare.group("rest")
        words = rest.split()
        # "Sarah," alone is a greeting only when Sarah is a name ("Thanks," is not).
        if len(words) == 1 and not is_given_name(_fold(words[0])):
            return None
    end = _END.search(rest)
    while end and end.group() == "." and _is_abbreviation(rest[: end.start()]):
        end = _END.search(rest, end.end())
    if end:
        return rest[: end.start()]
    # "Hi Sam just to say ...": only the capitalised words straight after the greeting.
    kept = []
    for word in rest.split()[:_MAX_LEADING_WORDS]:
        if word[:1].isupper() or _fold(word) in _TITLES or word in _TITLE_JOINERS:
            kept.append(word)
        else:
            break
    return " ".join(kept)


def _is_abbreviation(before: str) -> bool:
    """'Mr.' or an initial 'S.' ends no greeting."""
    last = before.split()[-1] if before.split() else ""
    return _fold(last) in _TITLES or (len(last) == 1 and last.isalpha())


_LETTER_LINES = 25


def greeted_in_letter(text: str) -> tuple[GreetedPerson, ...]:
    """The people an attached letter greets ("Dear Mr and Mrs Osei," under its letterhead)."""
    for line in [line.strip() for line in text.splitlines()[:_LETTER_LINES]]:
        if _GREETING.match(line):
            addressed = _addressed(line)
            return _people(addressed) if addressed else ()
    return ()


def greeted_people(body: str) -> tuple[GreetedPerson, ...]:
    """The people the body's opening greeting names; () for none, a group or a role."""
    for line in _first_lines(body)[:1]:
        addressed = _addressed(line)
        if addressed is None:
            return ()
        return _people(addressed)
    return ()


def _people(addressed: str) -> tuple[GreetedPerson, ...]:
    tokens = _WORD.findall(addressed)
    if not tokens or len(tokens) > _MAX_GREETED_WORDS:
        return ()
    folded = [_fold(t).strip(".'’") for t in tokens]
    if any(f in _GROUP_WORDS or f in ROLE_WORDS or t.isdigit() for t, f in zip(tokens, folded)):
        return ()
    letters = [t.strip(".") for t in tokens]
    if any(t.isupper() and len(t) > 1 and _fold(t) not in _TITLES for t in letters) and not addressed.isupper():
        return ()  # "Dear SENCo", "Hi DSL": an acronym is a role
    lower_case = addressed == addressed.lower()
    people: list[GreetedPerson] = []
    current: list[str] = []
    written: list[str] = []
    titled = False

    def close() -> None:
        nonlocal current, written, titled
        if current:
            people.append(GreetedPerson(" ".join(written), tuple(current), titled))
        current, written, titled = [], [], False

    for token, fold in zip(tokens, folded):
        if fold in _TITLE_JOINERS or fold == "and":
            # "Mr and Mrs Patel": a joiner between titles keeps the one person.
            if current:
                close()
            else:
                written.append(token)
            continue
        if fold in _TITLES:
            titled = True
            written.append(token)
            continue
        if fold in _PARTICLES and titled:
            written.append(token)  # "Ms Ní Bhriain", "Mr van Dijk": part of the surname
            continue
        if not (token[:1].isupper() or lower_case):
            return ()  # a word that is not a name: not a greeting we can read
        if lower_case and len(fold) > 1 and not is_given_name(fold) and not current:
            return ()  # "hi again": without capitals, only a known given name counts
        written.append(token)
        current.append(fold + "." if len(fold) == 1 else fold)
    close()
    return tuple(people)


# --- matching a greeted person to a recipient ----------------------------------------


@dataclass(frozen=True, slots=True)
class _Known:
    """What a recipient's display name and address say about their name."""

    display: tuple[str, ...]  # whole words of the display name, in order
    address: tuple[str, ...]  # whole words of the address's local part
    initials: frozenset[str]  # first letters known only as initials
    run: str  # a local part with no separators ("sjones"), else ""
    domain: str = ""  # the domain's labels before its suffix, run together ("harperlaw")

    @property
    def empty(self) -> bool:
        return not (self.display or self.address or self.initials or self.run)


def _split_name(text: str) -> list[str]:
    text = regex.sub(r"\([^)]*\)|\[[^\]]*\]", " ", text)
    if text.count(",") == 1:
        last, first = text.split(",")
        text = f"{first} {last}"
    return [w for w in (_fold(t).strip(".'’") for t in _WORD.findall(text)) if w and w not in _TITLES]


def names_a_team(name: str | None) -> bool:
    """Whether a display name is a team's, a role's, a list's or an organisation's
    ("Credit Control", "Year 6 Team", "Office"), or no name at all."""
    raw = regex.sub(r"\([^)]*\)|\[[^\]]*\]", " ", name or "")
    words = [w for w in (_fold(t).strip(".'’") for t in _WORD.findall(raw)) if w]
    if len(words) == 1 and _department_word(words[0]):
        return True  # "Litigation", "Accounts": a mailbox named for what it does
    return not words or any(
        w.isdigit() or w in _GROUP_WORDS or w in ROLE_WORDS or w in _SIGNATURE_WORDS or w in _NOT_A_PERSON_WORDS
        for w in words
    )


def _department_word(word: str) -> bool:
    """A dictionary word that is nobody's name."""
    from service.detect.recognizers.person import common_words, known_names

    return word in common_words() and word not in known_names() and not is_given_name(word)


def _known(recipient: Recipient) -> _Known:
    display: list[str] = []
    initials: set[str] = set()
    name = recipient.name or ""
    if name and "@" not in name:
        words = _split_name(name)
        if any(w in _GROUP_WORDS or w.isdigit() for w in words):
            return _Known((), (), frozenset(), "", _domain_words(recipient.address))  # "Year 6 Team": a list
        if names_a_team(name):
            words = []  # "Credit Control": the address alone may still say whose it is
        for word in words:
            if word in ROLE_WORDS:
                continue
            (initials.add(word) if len(word) == 1 else display.append(word))
    local = recipient.address.strip().strip("<>").rsplit("@", 1)[0].split("+", 1)[0]
    parts = [regex.sub(r"\d+", "", _fold(p)) for p in regex.split(r"[._\-]+", local)]
    parts = [p for p in parts if p and p not in ROLE_WORDS and p not in _GROUP_WORDS and p not in _NOT_A_PERSON_WORDS]
    address: list[str] = []
    run = ""
    if len(parts) == 1 and len(parts[0]) >= 4:
        # "sarahjones" tells a name; "accounts", "sjones" or "year6team" cannot be read for one.
        if any(parts[0].startswith(g) and len(g) >= 3 for g in _given_prefixes(parts[0])):
            run = parts[0]
    else:
        for part in parts:
            (initials.add(part) if len(part) == 1 else address.append(part))
    return _Known(tuple(display), tuple(address), frozenset(initials), run, _domain_words(recipient.address))


def _domain_words(address: str) -> str:
    """'family@harperlaw.co.uk' -> 'harperlaw': a firm or a family named in its own domain."""
    domain = _fold(address.strip().strip("<>").rsplit("@", 1)[-1]) if "@" in address else ""
    labels = [label for label in domain.split(".") if label]
    # Drop the suffix ("co.uk", "com", "org.uk"): labels of two or three letters at the end.
    while len(labels) > 1 and len(labels[-1]) <= 3:
        labels.pop()
    return "".join(labels)


def _given_prefixes(run: str) -> list[str]:
    """Given names the run starts with, leaving nothing, an initial or a surname-length rest."""
    return [
        run[:n] for n in range(len(run), 2, -1)
        if is_given_name(run[:n]) and len(run) - n != 2 and run[:n] not in ROLE_WORDS
    ]


def _given_name_known(known: _Known) -> bool:
    """Whether the recipient's given name is written out (so an initial proves nothing)."""
    return len(known.display) >= 2 or any(is_given_name(w) for w in (*known.display, *known.address))


def _word_matches(word: str, known: _Known, titled: bool) -> bool:
    if word.endswith("."):  # an initial in the greeting ("Hi S Hughes")
        letter = word[0]
        return any(w.startswith(letter) for w in (*known.display, *known.address)) or letter in known.initials or (
            known.run.startswith(letter)
        )
    for candidate in (*known.display, *known.address):
        if same_surname(word, candidate) or (not titled and same_given_name(word, candidate)):
            return True
    if known.run:
        parts = [p for p in word.split("-") if len(p) > 1]
        if any(known.run.startswith(p) or known.run.endswith(p) for p in parts):
            return True
    if titled and len(word) >= 4 and word in known.domain:
        return True  # "Dear Ms Harper" to family@harperlaw.co.uk
    if not titled and word[0] in known.initials and not _given_name_known(known):
        return True
    return False


def _evidence(known: _Known) -> tuple[bool, bool]:
    """Whether the recipient's given name, and their surname, can be told at all.

    "jones.family@" tells a surname but no given name, so "Dear Sarah" cannot be refuted;
    "sarah@" tells a given name but no surname, so "Dear Mrs Smith" cannot be either.
    """
    words = (*known.display, *known.address)
    full = len(known.display) >= 2 or len(known.address) >= 2
    given = full or bool(known.initials) or bool(known.run) or any(is_given_name(w) for w in words)
    run_rest = len(known.run) - max((len(p) for p in _given_prefixes(known.run)), default=0) if known.run else 0
    surname = full or run_rest >= 3 or any(not is_given_name(w) for w in words)
    return given, surname


def greets(person: GreetedPerson, recipient: Recipient) -> bool | None:
    """True when the recipient may be the greeted person, False when they cannot be,
    None when too little is known of the recipient's name to tell (a role mailbox)."""
    known = _known(recipient)
    if known.empty:
        return None
    words = person.words
    if not any(not w.endswith(".") for w in words):
        return None  # "Hi S," alone says too little
    given_known, surname_known = _evidence(known)
    last = len(words) - 1
    for i, word in enumerate(words):
        # "Mr Patel", and the last word of "Sarah Jones", are surnames; other words given names.
        as_surname = i == last and (person.titled or last > 0)
        if word.endswith("."):
            continue
        if (as_surname and not surname_known) or (not as_surname and not given_known):
            return None
    return all(_word_matches(w, known, person.titled and i == last) for i, w in enumerate(words))


@dataclass(frozen=True, slots=True)
class NameMismatch:
    """A greeted person who is none of the To recipients."""

    greeted: str  # as written in the greeting ("Sarah", "Mr Patel")
    to: tuple[str, ...]  # the To recipients as the sender sees them (display name, else address)


def greeting_mismatches(body: str, to: Sequence[Recipient], sender: str = "") -> tuple[NameMismatch, ...]:
    """Greeted people who match none of the To recipients (CONTRACT section 8).

    Silent when there is no To recipient but the sender (mail to oneself with the real
    recipients in Bcc), when a To recipient is a distribution list, and when nothing is
    known about a To recipient's name.
    """
    own = sender.strip().lower()
    to = [r for r in to if r.address.strip().lower() != own]
    people = greeted_people(body)
    if not people or not to or any(r.type == "distributionList" for r in to):
        return ()
    found = []
    for person in people:
        answers = [greets(person, r) for r in to]
        if any(a is None or a for a in answers):
            # NOTE: one greeted person in To is enough ("Hi Sarah and Tom" with Tom copied in
            # on purpose is everyday mail); a guard that cries wolf is switched off.
            return ()
        found.append(person.written)
    shown = tuple(dict.fromkeys((r.name or "").strip() or r.address.strip() for r in to))
    return tuple(NameMismatch(greeted, shown) for greeted in found)

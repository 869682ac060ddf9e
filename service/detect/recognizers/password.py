"""PASSWORD: a password, passcode or PIN given in the text (the span is the secret)."""

from collections.abc import Sequence
from functools import lru_cache
from typing import ClassVar

import regex
from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from service.detect.nlp import fine_tags
from service.detect.recognizers import _tables
from service.detect.recognizers._base import OneEntityRecognizer
from service.detect.recognizers._context import REFERENCE_WORDS, label_regex, scored_result
from service.detect.types import DetectedEntity
from service.schemas.entities import EntityType
from service.settings import REPO_ROOT

# Labels after which a plain word may be the secret: "the password is sunflower".
_WORD_LABEL = (
    r"(?:(?:wi-?fi\s+|network\s+|wireless\s+|admin\s+|new\s+|temporary\s+)?"
    r"(?:pass(?:word|code|phrase)|pass\s+code|passwd|pwd|pw))"
)
# Labels after which only a secret-looking value counts: "door code 1066#", "key is X".
_CODE_LABEL = (
    r"(?:(?:access|door|login|log-in|unlock|entry|alarm|lock|locker|keypad|key|activation"
    r"|security|gate|new|wi-?fi|network)\s+code|(?:wi-?fi|network|wireless)\s+key|key|combination)"
)
_LABEL = rf"(?P<label>{_WORD_LABEL}|{_CODE_LABEL})"
# "for the file", "to open register.xlsx": a short phrase between the label and "is".
_FOR_WHAT = (
    r"(?:[ \t]+(?:for|to|of|on)\s+(?:[^\n:;.!?]|\.(?=\S)){1,50}?)?"
    # "the key this half term is X", "the code from Monday is X": when it holds.
    r"(?:[ \t]+(?:this|next|from)\s+(?:half[ \t-]+term|term|week|month|year|monday|tuesday|wednesday"
    r"|thursday|friday|saturday|sunday|today|tomorrow|now\s+on))?"
    # "Maisie's iPad passcode (the one she brings in) is X": an aside in brackets.
    r"(?:[ \t]*\([^()\n]{1,60}\))?"
)
_SEPARATOR = (
    r"(?:\s*(?:[:=]|[-–—](?!\w))\s*"
    r"|['’]s\s+(?:now\s+|still\s+)?"
    r"|\s+(?:is|was|will\s+be|would\s+be|has\s+been|have\s+been)"
    r"(?:\s+(?:now|still|currently|just))?(?:\s+(?:set|changed|reset)\s+to)?\s*[:\-]?\s*"
    # "the keypad code changes on Monday to 73915"
    # "the cabinet code has changed to 4417"
    r"|\s+(?:(?:has|have)\s+(?:now\s+)?(?:been\s+)?)?(?:changes|changed|will\s+change|is\s+changing|changing)"
    r"(?:\s+(?:on|from)\s+[\w ]{1,20}?)?\s+to\s*[:\-]?\s*)"
)
_QUOTE = "[\"'“”‘’]"
_SECRET = r"(?P<secret>[^\s\"'“”‘’<>(\[][^\s\"'“”‘’<>]{2,63})"

# Label, separator, secret: "password: Tr33house!", "the password is Oakfield2024".
GIVEN = regex.compile(rf"(?i)\b{_LABEL}{_FOR_WHAT}{_SEPARATOR}{_QUOTE}?{_SECRET}")
# Label and secret with no separator: "password Tr33house!". The secret must look like
# one (digits or symbols), or "password protected" would match.
# On one line: a "Key" header over a table's first row ("SSID\tKey\nOAK-GUEST\t...") gives no key.
ADJACENT = regex.compile(rf"(?i)\b{_LABEL}[ \t]+{_QUOTE}?{_SECRET}")
# "PIN 4821", "the portal PIN is 882 194": four to eight digits, maybe in two groups.
PIN = regex.compile(
    r"(?i)(?<!\b(?:game|join|quiz|kahoot|class)\s+)\bpin(?:\s+(?:number|code|no\.?))?(?:\s+(?:for|to|of|on)\s+[^\n:;.!?\d]{1,40}?)?"
    r"(?:\s*[:=\-]\s*|\s+(?:is|was|will\s+be)(?:\s+now)?\s*[:\-]?\s*|\s+)"
    r"(?P<secret>\d(?:[ ]\d){3,7}(?![ ]?\d)|\d{2,4}(?:[ -]\d{2,4})?)(?![\d/.:,]\d)\b"
)
# "the safe combination is 31-07-88", "backup code is 738 201 556", "the cabinet code has
# changed to 4417": a code cue, a separator, then one group of digits, even when it is
# shaped like a date or written in spaced groups. The word before "code" must not name a
# public code (_PUBLIC_CODES); a phone number is never a code (_in_a_phone_number).
DIGIT_CODE = regex.compile(
    r"(?i)\b(?P<cue>codes?|combinations?|combo|padlocks?|pin(?:[ \t]+(?:number|no\.?|code))?|pass(?:code|word)|key[ \t]*safe"
    r"|lock[ \t]*box)"
    rf"{_FOR_WHAT}(?:{_SEPARATOR}|[ \t]+(?P<of>of)[ \t]+)"
    r"(?P<secret>\d{1,4}(?:[ \-./]\d{1,4}){1,7}|\d{3,8})(?![\w:%£$€]|[ \t]?\d|[.\-/,]\d|[ \t]*(?:am|pm|p)\b)"
)
# "I've issued backup code 731 604 228", "door code 4417 from Monday": a kind of code that opens
# something, then the digits with no "is" or colon between.
DIGIT_CODE_BARE = regex.compile(
    r"(?i)\b(?:backup|recovery|one-time|mfa|2fa|verification|reset|unlock|door|alarm|gate|keypad|key[ \t-]?safe"
    r"|entry|access|padlock|locker|copier|photocopier)[ \t]+(?P<cue>codes?|pin)[ \t]+"
    r"(?P<secret>\d{1,4}(?:[ \-.]\d{1,4}){1,7}|\d{3,8})(?![\w:%£$€]|[ \t]?\d|[.\-/,]\d|[ \t]*(?:am|pm|p)\b)"
)
# The word before the cue: "cabinet code", "course code".
_KIND_BEFORE = regex.compile(r"([\w-]{1,30})[ \t]+\Z")
# Codes everyone may know: "the course code is 7101", "sort code 20-45-77", "bus code 417".
_PUBLIC_CODES = frozenset(
    """course exam subject spec specification centre center candidate post area dialling dialing dress
    sort bus route discount promo promotional voucher booking order product share class tax qr bar zip
    country colour color source cost nominal department ucas qualification unit component option
    morse highway conduct practice tracking reference ref invoice account cpd error status club
    meeting room programme program lesson activity event budget ledger finance expense vat gl payroll dfe la
    school establishment urn laestab group set teacher timetable ticket customer client supplier vendor item
    stock catalogue part model serial batch lot sku isbn barcode commodity tariff diagnosis icd snomed ods
    asset""".split()
)
_DIGITS_OF_A_CODE = (4, 12)


# "use Sunflower#12 to open it".
USE_TO_OPEN = regex.compile(
    rf"(?i)\buse\s+{_QUOTE}?{_SECRET}{_QUOTE}?\s+to\s+(?:open|unlock|access|log\s*in|sign\s*in|get\s+in)"
)
# "set the password to TempPass9921", "I've set it back to Oak2025!reset".
SET_TO = regex.compile(
    r"(?i)\b(?:set|reset|changed?)\s+(?:(?:it|the|your|his|her|their|my|its)\s+)?"
    rf"(?:(?:password|passcode|pin|code)\s+)?(?:back\s+)?to\s+{_QUOTE}?{_SECRET}"
)
# "The passphrase is purple elephant tango": two to six words.
PASSPHRASE = regex.compile(
    rf"(?i)\bpass\s*phrase{_FOR_WHAT}{_SEPARATOR}{_QUOTE}?(?P<secret>[a-z]+(?:[ -][a-z]+){{1,5}})"
)

# "the key is ravenswood meadow, all lower case with the space": words given as a Wi-Fi key or a
# password, spelt out after them (the spelling makes plain words a secret).
SPELLED_PHRASE = regex.compile(
    r"(?i)\b(?:pass(?:word|phrase)|(?:wi-?fi|network|wireless)\s+(?:key|password)|key|code)\s+(?:is|was|will\s+be|:)\s*"
    r"(?P<secret>[a-z]+(?:[ -][a-z]+){1,4})"
    r"(?=[ \t]*[,(\-–][ \t]*(?:all[ \t]+)?(?:(?:lower|upper)[ \t-]*case|one[ \t]+word|with[ \t]+(?:the|a)[ \t]+(?:space|hyphen|dash)"
    r"|no[ \t]+spaces|capital[ \t]+\w\b))"
)

_TRAILING = ".,;:)]}\"'“”‘’?"
# "A good passphrase is three random words": advice on making one, not one.
_DESCRIBES_A_PHRASE = regex.compile(r"(?i)\b(?:words?|random|letters|characters|long|memorable)\b")
# Words that follow "the password is" without being the password.
FILLER = frozenset({
    "attached", "below", "above", "separate", "separately", "same", "different", "enclosed",
    "required", "needed", "protected", "sent", "coming", "changed", "reset", "expired",
    "correct", "wrong", "incorrect", "unchanged", "following", "please", "see", "available",
    "case", "sensitive", "your", "their", "our", "the", "this", "that", "here", "there",
    "usual", "normal", "standard", "set", "saved", "stored", "shared", "provided", "given",
    "known", "unknown", "hidden", "secret", "secure", "safe", "strong", "weak", "needs",
    "must", "should", "will", "would", "can", "cannot", "can't", "won't", "not", "also",
    "still", "now", "then", "in", "on", "at", "to", "by", "from", "with", "via", "over",
    "under", "sms", "text", "email", "phone", "call", "tbc", "n/a", "none", "blank", "empty",
    "forgotten", "lost", "and", "or", "but", "for", "of", "as", "be", "being", "been",
    "is", "was", "are", "were", "has", "have", "had", "it", "its", "one", "a", "an",
    "field", "box", "policy", "manager", "reset", "change", "protection", "protect",
})
# Penn Treebank tags a password is never given when it is an ordinary word: prepositions,
# auxiliaries, conjunctions, determiners, particles, pronouns, adverbs, verbs, adjectives,
# interjections. (Fine tags, not coarse POS: the pipeline leaves out the attribute ruler
# that maps one to the other, for speed.)
_NOT_A_SECRET_TAGS = frozenset(
    {
        "IN", "MD", "CC", "DT", "PDT", "WDT", "TO", "RP", "POS", "PRP", "PRP$", "WP", "WP$", "EX",
        "RB", "RBR", "RBS", "WRB", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "JJ", "JJR", "JJS", "UH",
        "CD",  # "a good passphrase is three random words"
    }
)


# --- evidence that adds up --------------------------------------------------------------
#
# People give secrets in words no fixed phrasing covers: "the code is 9032", "it opens
# with Kx7!pq", "It's Tulip#88, all one word" under a quoted "what's the password?",
# "login: j.smith@... / Harbour22". A token is a secret when what it looks like and
# what is said around it add up: each piece of evidence has a weight, and the token is
# reported when the sum reaches EVIDENCE_NEEDED. A shape alone, or a cue word alone,
# never does.

EVIDENCE_NEEDED = 0.6
# Things a code opens: "the barrier code", "Front gate 1802", "3746 for the photocopier".
_DEVICES = (
    r"keypad|padlock|locks?|lockers?|alarm|gates?|doors?|safe|key\s*safe|lock\s*box|(?:photo)?copier|printer"
    r"|barrier|cupboard|shed|toilets?|server|lift|store\s*room|wi-?fi|ipads?|tablets?|laptops?"
)
# Tokens of a secret's shape weighed in one text at most: each costs a few small searches.
MOST_TOKENS_WEIGHED = 3_000
# What the token looks like.
_SHAPE_MIXED = 0.45  # letters with digits or symbols: Kx7!pq, Harbour22, PX7H-22KQ
_SHAPE_DIGITS = 0.3  # four to eight digits: 9032, 7718 (a year weighs less)
_SHAPE_YEAR = 0.1
# What is said before it, in its sentence: the strongest cue counts, and the weak ones
# ("use", "it's", "account") add up to WEAK_CUES_AT_MOST beside other evidence, never alone.
_CUES_BEFORE: tuple[tuple[float, str], ...] = (
    (0.35, r"pass(?:word|code|phrase)s?|passwd|pwd|pw|pins?"),
    (0.3, r"combination|(?:key|door|keypad|alarm|gate|locker|padlock|safe|copier|photocopier|printer)\s+codes?"
          r"|key\s*safe|lock\s*box|network\s+key|logins"
          # "Both accounts reset: Ella is Otter2025 and Sam is Badger2025"
          r"|(?:accounts?|logins?)\s+(?:(?:has|have)\s+been\s+|(?:are|is|were|was)\s+(?:now\s+)?|now\s+)?"
          r"(?:reset|unlocked|set\s+up|created|re-?enabled)"),
    # A device alone is a weaker cue: "the alarm went off at 1430" is a time.
    (0.25, r"keypad|padlock|alarm|door\s+entry|(?:front|back|side|main)\s+gate"),
    # "opens with", "unlock it using", "login: address / X", "the SIMS login for the office PC is X"
    # (not "sign in with SSO then open Teams2").
    (0.3, r"(?:opens?|unlocks?|open\s+it|unlock\s+it|get\s+in|access\s+it)\s+(?:with|using|by\s+typing)"
          r"|(?:log\s*-?\s*in|login|sign\s*-?\s*in|credentials|user\s*name)"
          r"(?:\s+(?:for|to|on)\s+[^\n.:;!?]{1,30}?)?\s*(?:details?\s*)?(?:[:=]|is|are)"),
)
_WEAK_CUES = r"use|uses|using|try|it'?s|it\s+is|its|type|enter|accounts?|portal|reset|user(?:\s*name)?|log\s*-?\s*in|sign\s*-?\s*in"
_WEAK_CUE_WEIGHT = 0.1
WEAK_CUES_AT_MOST = 0.2
# Said right before it, nothing between: "log in as admin with X", "use: X", "pass X",
# "admin: X", "type X", "Wifi: Oakfield-Guest / X". Further off they are ordinary words
# ("sign in with SSO then open Teams2").
_CUES_RIGHT_BEFORE = regex.compile(
    r"(?i)(?:\b(?:log\s*-?\s*in|sign\s*-?\s*in)\s+(?:as\s+\S+\s+)?(?:with|using)"
    r"|\buse\s*:|\b(?:accounts?|log-?ins?|portal)\b[^\n.!?]{0,40}?\buse|\bset\s+(?:\w+\s+)?up\s+with|\bpass\s*[:=]?|\badmin\s*[:=]|\b(?:type|enter|key\s+in|punch\s+in)(?:\s+in)?"
    r"|\b(?:wi-?fi|network|ssid)\s*[:=]?\s*\S+[ \t]*[/,]"
    # "The Wi-Fi at the outdoor centre is X", "re: wifi - yep its X" (not "the wifi is down, use X").
    r"|\b(?:wi-?fi|wireless|ssid)(?:\s+(?:at|in|for|on)\s+[^\n.:;!?]{1,30}?)?(?:\s+(?:password|key|code))?"
    r"\s*(?:[:=\-–]|is|'s)(?:\s*(?:yep|yes|now|still|it'?s|its))*)[ \t]*\Z"
)
_RIGHT_BEFORE_WEIGHT = 0.3
# "I've reset it. temp one is X", "the new one is X": "one" stands for a password only in a
# text about a reset, a login or being locked out ("the new one is iPhone15" is a phone).
_ONE_RIGHT_BEFORE = regex.compile(r"(?i)\b(?:temp|temporary|new)\s+one\s*(?:is|['’]s|[:=\-–])[ \t]*\Z")
_ABOUT_A_LOGIN = regex.compile(
    r"(?i)\b(?:reset|locked\s+out|log\s*-?\s*in|login|sign\s*-?\s*in|pass(?:word|code)s?|credentials|account)\b"
)
# "code" says secret with nothing but an article before it ("the code is 9032") or a kind
# of code that opens something ("the staff room door code", "your reset code"); a course,
# specification, share or discount code is public.
_CODE = regex.compile(r"(?i)\b(?:(?P<kind>[\w-]+)\s+)?codes?\b")
_SECRET_CODES = frozenset(
    """the a an this that new my your his her their our its access door entry keypad key alarm gate lock
    locker padlock safe copier photocopier printer user login log-in unlock security pin reset verification
    confirmation activation one-time otp join invite invitation learning parent pupil student family app
    home sign-in wifi wi-fi network building backup recovery mfa 2fa barrier mobile phone ipad tablet
    laptop server toilet toilets cupboard shed lift""".split()
)
_CODE_CUE = 0.3
# Said right after it: "Tulip#88, all one word", "capital T", "on the keypad", "to get in".
_CUE_AFTER = regex.compile(
    r"\A[\s,(\-–—]*(?:all\s+one\s+word|one\s+word|case[\s-]sensitive|no\s+spaces|capital\s+\w\b|"
    r"(?:all\s+)?(?:lower|upper)\s*-?\s*case|with\s+the\s+(?:hash|exclamation|dollar|at|dot|full\s+stop|spaces?|star)|"
    # "Parrot-Green-5 is the password", "Chalk&Talk8 is the new one for the staff drive"
    r"is\s+(?:the|my|our|your)\s+(?:new\s+|current\s+|temporary\s+)?(?:pass(?:word|code|phrase)|pin|one)\b|"
    # "Try Harbour77 - that's what it was last term"
    r"that['’]?s\s+(?:what\s+it\s+(?:was|is|used\s+to\s+be)|the\s+(?:old\s+|new\s+)?(?:one|code|password|pin))\b|"
    rf"(?:on|into|for|at)\s+the\s+(?:[\w-]+\s+){{0,3}}(?:{_DEVICES}|card\s+reader|(?:shared\s+)?drive)\b|"
    r"then\s+(?:press\s+)?(?:the\s+)?(?:green|enter|hash|#|tick|key)|"
    # "welcome2OAK - it'll make you choose a new one", "Bluebell7, you'll be asked to change it"
    r"(?:it['’]?ll|it\s+will|you['’]?ll|you\s+will)\s+(?:make\s+you|ask\s+you\s+to|be\s+(?:asked|prompted|made|forced)\s+to)"
    r"\s+(?:choose|change|set|pick|reset|create)\b|"
    r"to\s+(?:get\s+in(?:to)?|open|unlock|log\s*-?\s*in|sign\s*-?\s*in|access|disarm))",
    regex.IGNORECASE,
)
_CUE_AFTER_WEIGHT = 0.3
# Given right after "user name is": the user name, not the secret.
_USER_NAME_BEFORE = regex.compile(r"(?i)\buser\s*(?:name|id)\s*(?:is|[:=])[ \t]*\Z")
# A device or place right before a code: "Front gate 1802", "Upstairs toilets 8361", "Alarm: 1928".
_DEVICE_RIGHT_BEFORE = regex.compile(
    rf"(?i)\b(?:{_DEVICES})(?:[ \t]+(?:by|on|at|in)[ \t]+(?:the[ \t]+)?[\w-]+(?:[ \t]+[\w-]+)?)?"
    # "The staff room door is 2580 now", "Key safe by the back door: 1957".
    r"(?:[ \t]*[:=\-]|[ \t]+(?:is|['’]s)(?:[ \t]+now)?)?[ \t]*\Z"
)
_COLON_RIGHT_BEFORE = regex.compile(r"[:=][ \t]*\Z")
# A value being given, right before the token: "is 3141", "alarm: 3005".
_GIVEN_RIGHT_BEFORE = regex.compile(r"(?i)(?:\bis|\bare|[:=])[ \t]*\Z")
_GIVEN_WEIGHT = 0.1
# A time of day: "at 1430", "from 0900".
_AT_A_TIME = regex.compile(r"(?i)\b(?:at|by|from|until|till|before|after|between)[ \t]+\Z")
_OFFER = regex.compile(
    r"(?i)\d+\s*%\s*off|\b(?:discount|voucher|promo(?:tion(?:al)?)?|special\s+offer)\b"
    # A game or join PIN is put on the board for the class: "Kahoot game PIN 847362".
    r"|\b(?:game|join|quiz|kahoot)\s+(?:pin|code)\b|\bkahoot\b"
)
# A question about a password in the thread makes "It's X" an answer.
_ASKED = regex.compile(
    r"(?i)\b(?:pass(?:word|code)|pin|code|combination|login)\b[^?\n]{0,60}\?"
    r"|\b(?:what'?s|what\s+is|forgotten|forgot|remind\s+me\s+of)\b[^?\n.]{0,40}\b(?:pass(?:word|code)|pin|code)\b"
)
_ASKED_WEIGHT = 0.15
# A password-protected file in the same draft: the password for it is often given in
# the body ("It's Oak-Tree-2025", "here it is: Harbour22"). Weighs only beside some
# other word of evidence, never with the token's shape alone (a postcode is no secret).
PROTECTED_FILE_WEIGHT = 0.15
# "j.smith@oakfield.sch.uk / Harbour22", "jsmith / Sunny-Day-44", "centre admin / X": the
# second of a user-name pair (a lower-case user name: "KS2 / KS3" is no pair).
_PAIR_BEFORE = regex.compile(
    r"(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?<![\w.])[a-z][a-z0-9._-]{2,30})[ \t]*/[ \t]*\Z"
)
_PAIR_WEIGHT = 0.3
_CUE_RES = tuple((weight, regex.compile(rf"(?i)\b(?:{words})(?!\w)")) for weight, words in _CUES_BEFORE)
_WEAK_CUE_RE = regex.compile(rf"(?i)\b(?:{_WEAK_CUES})(?!\w)")
# Quick test: a text with no cue at all is not read token by token.
# NOTE: one pattern a kind of cue, each searched on its own: joined in one alternation
# (every branch tried at every position, none anchored by a literal) the test took 38 ms
# on a 60,000-character report with no cue, against 12 ms for the parts one by one.
_ANY_CUE_PARTS: tuple["regex.Pattern[str]", ...] = tuple(
    regex.compile(part, regex.IGNORECASE)
    for part in (
        *(rf"\b(?:{words})(?!\w)" for _, words in _CUES_BEFORE),
        rf"\b(?:{_WEAK_CUES})(?!\w)",
        r"\bcodes?\b",
        r"\bpass\b",
        r"\badmin\b",
        r"\b(?:wi-?fi|wireless|ssid)\b",
        r"\b(?:keypad|padlock|alarm|gate|safe|lock|one\s+word|case[\s-]sensitive|get\s+in|green\s+button|press"
        rf"|{_DEVICES}|capital|(?:lower|upper)\s*-?\s*case|locked\s+out|that'?s\s+it|exclamation|dollar|shift"
        r"|drive|dot|new\s+one|set\s+\w+\s+up)\b",
        r"@[\w-]+\.[\w.-]+[ \t]*/",
        r"\b[a-z][a-z0-9._-]{2,30}[ \t]*/",
    )
)


def _any_cue(text: str) -> bool:
    return any(part.search(text) for part in _ANY_CUE_PARTS)


_CANDIDATE = regex.compile(r"(?<![\w@./:#£$€-])[^\s\"'“”‘’<>()\[\]]{4,40}")
# "j.smith / Harbour22", "login: class2a, password red-apple-7": the first is the user name.
_USER_NAME_OF_PAIR = regex.compile(
    r"[ \t]*/[ \t]*\S|,?[ \t]+(?:and[ \t]+)?(?:(?:the|my|her|his|their)[ \t]+)?(?:password|pass|pw|pwd)\b",
    regex.IGNORECASE,
)
# A full stop, "!" or "?" ends a sentence when a capital follows: "Blue77! for the
# register and Green88?" is one sentence, its "!" part of the first secret.
_SENTENCE_START = regex.compile(r"[.!?](?=\s+[^a-z\s]|\s*\Z)|\n")
_EVIDENCE_WINDOW = 80
# Not a secret whatever is said around it: web and mail addresses, references and
# identifiers with a label of their own, phone-shaped digit groups.
_NOT_SECRET = regex.compile(
    r"(?i)^(?:https?:|www\.)|@[\w-]+\.\w|@$|^(?:year|yr|room|rm|page|p|version|v|ext|extn|y|ks)\d"
    r"|\.(?:com|uk|org|net|pdf|docx?|xlsx?)$"
)


# A run of digits around a token, joined by single spaces, hyphens or dots: "07700 900 271".
_DIGIT_RUN = regex.compile(r"(?:\+[ \t]?)?\d(?:[ \t.\-]?\d){0,15}")
_PHONE_WORD_BEFORE = regex.compile(r"(?i)\b(?:tel|phone|mobile|mob|call|ring|text|fax|landline|number)\b[^\n\d]{0,12}\Z")


def _in_a_phone_number(text: str, start: int, end: int) -> bool:
    """The digits at start:end are (part of) a phone number: a UK number with its trunk 0
    ("01632 960 448", "07700900271"), a number with a country code, or digits after a phone word."""
    low = max(0, start - 20)
    for run in _DIGIT_RUN.finditer(text, low, min(len(text), end + 20)):
        if run.start() <= start and end <= run.end() or start <= run.start() < end:
            digits = sum(c.isdigit() for c in run.group())
            if run.group().startswith("+") and digits >= 8:
                return True
            if run.group().startswith("0") and 10 <= digits <= 11:
                return True
            if digits >= 6 and _PHONE_WORD_BEFORE.search(text, max(0, run.start() - 30), run.start()):
                return True
    return False


# "It's 6031 now" below a quoted "does anyone know the code?": an answer, when the thread asks.
_ANSWER_RIGHT_BEFORE = regex.compile(
    r"(?i)(?:\bit['’]?s|\bit\s+is|\bthat['’]?s|\btry)(?:\s+(?:now|actually|just))?[ \t]*[:\-]?[ \t]*\Z"
)
_ANSWER_WEIGHT = 0.15
_REPLY_ABOUT_A_LOGIN = regex.compile(
    r"(?im)^[ \t]*(?:subject:[ \t]*)?re:[ \t]*[^\n]{0,40}?\b(?:pass(?:word|code)s?|pins?|log-?ins?|log[ \t]+in|locked[ \t]+out|wi-?fi)\b"
)


# Capitals then digits: a ticket, order or invoice number ("INC2291", "PO-4410"), a secret only
# when a password word or what follows says so.
_REFERENCE_SHAPE = regex.compile(r"\p{Lu}{2,5}-?\d{3,}")
_READ_OUT = regex.compile(r"\d(?:-\d){3,7}")
_WORDS_AND_SLASHES = regex.compile(r"\p{L}+(?:/\p{L}+)+[,;]?")


# "Bumblebee, capital B, all one word": how a word given as a secret is spelt out after it.
_SPELLED_AFTER = regex.compile(
    r"[ \t]*[,(\-–—][ \t]*(?:(?:with\s+a\s+)?capital\s+(?P<letter>\p{L})\b|all\s+one\s+word|one\s+word)",
    regex.IGNORECASE,
)


def _spelled_out(token: str, following: str) -> bool:
    """The words after a plain word spell it out as a secret; a capital named must be its own."""
    m = _SPELLED_AFTER.match(following)
    if m is None:
        return False
    letter = m.group("letter")
    if not token[:1].isupper():
        return False
    return letter is None or token[:1] == letter.upper()


def _shape_weight(token: str) -> float:
    if token.isalpha():
        return 0.0  # most words: nothing to weigh
    if _READ_OUT.fullmatch(token):  # "4-7-1-1", a combination read out
        token = token.replace("-", "")
    if token[:-1].isdigit() and token[-1] in "#*":  # "1590*", "1066#": then the star or hash key
        token = token[:-1]
    if token.isdigit():
        if not 4 <= len(token) <= 8:
            return 0.0
        return _SHAPE_YEAR if len(token) == 4 and 1950 <= int(token) <= 2039 else _SHAPE_DIGITS
    if _WORDS_AND_SLASHES.fullmatch(token):
        return 0.0  # "museum/gallery", "broadcasting/film/video": words, not a secret
    letters = any(c.isalpha() for c in token)
    # Dots, hyphens and underscores alone make a user name or a file name (j.smith), not a secret.
    # An exclamation or question mark at the end ends a word ("soon!"), not a secret.
    symbols = any(not c.isalnum() and c not in ".-_'’" for c in token.rstrip("!?"))
    if letters and (any(c.isdigit() for c in token) or symbols):
        return _SHAPE_MIXED
    return 0.0


def _cue_weight(text: str, sentence_start: int, start: int) -> float:
    before = (max(sentence_start, start - _EVIDENCE_WINDOW), start)
    weights = [weight for weight, cue in _CUE_RES if cue.search(text, *before)]
    for code in _CODE.finditer(text, *before):
        if (code.group("kind") or "the").lower() in _SECRET_CODES:
            weights.append(_CODE_CUE)
            break
    if _CUES_RIGHT_BEFORE.search(text[before[0] : start]):
        weights.append(_RIGHT_BEFORE_WEIGHT)
    return max(weights, default=0.0)


def _weak_cue_weight(text: str, sentence_start: int, start: int) -> float:
    before = (max(sentence_start, start - _EVIDENCE_WINDOW), start)
    return min(WEAK_CUES_AT_MOST, _WEAK_CUE_WEIGHT * len(_WEAK_CUE_RE.findall(text, *before)))


def secrets_by_evidence(text: str, *, protected_file: bool = False) -> list[tuple[int, int]]:
    """Spans of tokens whose shape and surroundings add up to a given secret.

    `protected_file`: the draft carries a password-protected attachment.
    """
    if not protected_file and not _any_cue(text):
        return []
    asked = _ASKED_WEIGHT if _ASKED.search(text) else 0.0
    # "Re: login - it's BlackCat13": a reply about a login answers with the secret.
    replying = _REPLY_ABOUT_A_LOGIN.search(text) is not None
    found = []
    weighed = 0
    for match in _CANDIDATE.finditer(text):
        start, end = match.span()
        while end > start and text[end - 1] in _TRAILING:
            end -= 1
        token = text[start:end]
        shape = _shape_weight(token)
        if not shape and token.isalpha() and _spelled_out(token, text[end : end + 40]):
            shape = _SHAPE_DIGITS  # "It's Bumblebee, capital B, all one word": a word spelt out as a secret
        if not shape or _NOT_SECRET.search(token) or _is_a_date_time_or_amount(token):
            continue
        weighed += 1
        if weighed > MOST_TOKENS_WEIGHED:
            break  # a table of thousands of codes: its first rows say whether it gives secrets
        sentence_start = max((m.end() for m in _SENTENCE_START.finditer(text, max(0, start - 200), start)), default=0)
        if _REFERENCE_LABEL.search(text, max(sentence_start, start - 25), start):
            continue
        if _USER_NAME_OF_PAIR.match(text, end):
            continue  # "j.smith / Harbour22": the first of the pair is the user name
        if _USER_NAME_BEFORE.search(text, max(sentence_start, start - 20), start):
            continue  # "Your username is 5HJones"
        following = text[end : end + 40]
        after = _CUE_AFTER_WEIGHT if _CUE_AFTER.search(following) else 0.0
        cue = _cue_weight(text, sentence_start, start)
        if token[0].isdigit() and _DEVICE_RIGHT_BEFORE.search(text, max(sentence_start, start - 40), start):
            cue = max(cue, _RIGHT_BEFORE_WEIGHT)
            # "Key safe by the back door: 1957": after a device, a year's shape is a code's.
            if token.isdigit() and 4 <= len(token) <= 8 and _COLON_RIGHT_BEFORE.search(text, max(0, start - 4), start):
                shape = max(shape, _SHAPE_DIGITS)
        if _PAIR_BEFORE.search(text, max(sentence_start, start - 80), start):
            cue = max(cue, _PAIR_WEIGHT)
        if _ONE_RIGHT_BEFORE.search(text, max(sentence_start, start - 30), start) and _ABOUT_A_LOGIN.search(text):
            cue = max(cue, _RIGHT_BEFORE_WEIGHT)
        if token.isdigit() and _AT_A_TIME.search(text, max(0, start - 12), start):
            continue  # "meet at the front gate at 1515"
        if token[0].isdigit() and _in_a_phone_number(text, start, end):
            continue  # "Site team / 07700 900 271": a phone number, not a code
        # In a reply about a login an upper-case code is a reference ("it's INC2291 in the tracker").
        answering = asked or replying and not regex.fullmatch(r"[\p{Lu}\d-]+", token)
        if answering and _ANSWER_RIGHT_BEFORE.search(text, max(sentence_start, start - 20), start):
            cue = max(cue, _ANSWER_WEIGHT)  # "It's 6031 now", answering the question in the thread
        if cue or after:
            cue += _GIVEN_WEIGHT if _GIVEN_RIGHT_BEFORE.search(text, max(0, start - 8), start) else 0.0
        if _REFERENCE_SHAPE.fullmatch(token) and cue < _CUES_BEFORE[0][0] and not after:
            continue  # "Accounts reset this term, see INC2291": a ticket or order number, not a secret
        said = cue + after + asked
        weak = _weak_cue_weight(text, sentence_start, start) if cue or after or protected_file else 0.0
        if (said or weak) and _OFFER.search(text, sentence_start, min(len(text), end + 60)):
            continue  # "use code SUMMER25 for 10% off": a discount code is meant to be shared
        prior = PROTECTED_FILE_WEIGHT if protected_file and (said or weak) else 0.0
        if shape + said + weak + prior >= EVIDENCE_NEEDED:
            found.append((start, end))
    return found


def digit_codes(text: str) -> list[tuple[int, int]]:
    """Digit codes after a code cue (DIGIT_CODE): "the safe combination is 31-07-88"."""
    # A kind of code that opens something is a secret as it stands ("backup code 731 604 228").
    found = [m.span("secret") for m in DIGIT_CODE_BARE.finditer(text) if not _in_a_phone_number(text, *m.span("secret"))]
    bare = set(found)
    for match in DIGIT_CODE.finditer(text):
        start, end = match.span("secret")
        if (start, end) in bare:
            continue
        value = match.group("secret")
        before = _KIND_BEFORE.search(text, max(0, match.start() - 40), match.start())
        kind = before.group(1).lower() if before else ""
        if kind in _PUBLIC_CODES or kind in _COUNTED:
            continue  # "the course code is 7101", "a combination of 2 3": not a secret
        digits = sum(c.isdigit() for c in value)
        # A padlock of three dials: "Stationery cupboard padlock: 852", "the combination is 3-1-7".
        # Not a count or a measure: no "of", one padlock, nothing counted after it ("120 in stock").
        dials = (
            digits == 3
            and not match.group("of")
            and match.group("cue").lower() in {"combination", "combo", "padlock"}
            and _DIALS_END.match(text, end) is not None
        )
        if not (_DIGITS_OF_A_CODE[0] <= digits <= _DIGITS_OF_A_CODE[1] or dials):
            continue
        if match.group("of") and value.isdigit() and len(value) == 4 and 1950 <= int(value) <= 2039:
            continue  # "the combination of 2019 and 2020 results"
        if regex.fullmatch(r"\d{1,2}\.\d{2}|\d{1,2}([/.\-])\d{1,2}\1(?:19|20)\d\d", value):
            continue  # "12.30", a time or a price; "31/07/2026", a date with its century
        if _in_a_phone_number(text, start, end):
            continue
        sentence_start = max((m.end() for m in _SENTENCE_START.finditer(text, max(0, start - 200), start)), default=0)
        if _OFFER.search(text, sentence_start, min(len(text), end + 60)):
            continue
        found.append((start, end))
    return found


_DIALS_END = regex.compile(r"[ \t]*(?:[.,;:!)\n]|\Z|(?:for|on|then|and|to)\b|[-–—])", regex.IGNORECASE)
# Counting words before "combination(s) of": "a combination of", "two combinations of".
_COUNTED = frozenset({"a", "any", "some", "one", "two", "three", "several", "many", "every", "each", "no"})


# --- tables and lists of secrets ----------------------------------------------------------
#
# A login table gives its secrets by its header, not in words on each row:
#
#     Name    Username    Password            | Door | Code |
#     Amira   amira3b     rocket41            | Main entrance | 4096 |
#
# A column whose header is a password label makes the cells under it secrets; a column of
# codes, PINs or keys needs cells shaped like one (digits or symbols) and, for a bare
# "Code", a word in the header or the heading above that says what it opens ("Door",
# "Locker", "Wi-Fi"). A list under a heading that names secrets ("Locker combinations:",
# "Door codes:") gives the value at the end of each line. Lines and cells are capped.

_TABLE_LINES_AT_MOST = 300  # rows of one table or list
_LINES_AT_MOST = 5_000  # lines of one text read for tables
_CELLS_AT_MOST = 30
_LINE_CHARS_AT_MOST = 1_000
# Header cells that make a column of secrets (the whole cell, a word before it allowed).
_WORD_COLUMN = regex.compile(
    r"(?i)(?:(?:new|temporary|temp|initial|default|first|current|starting|wi-?fi|network|login|log-in|account|app"
    r"|user|student|pupil|staff|parent|portal|admin|device|laptop|ipad|tablet)[ \t]+)?"
    r"(?:pass(?:word|code|phrase)s?|pass|pwd?s?|p/?w)(?:[ \t]*\([^()\n]{1,30}\))?[ \t]*[:*]?"
)
_CODE_COLUMN = regex.compile(
    r"(?i)(?:(?P<kind>[\w-]{1,30})[ \t]+)?(?P<what>codes?|pins?(?:[ \t]+(?:number|no\.?|code))?|keys?|combinations?|combo)"
    r"(?:[ \t]*\([^()\n]{1,30}\))?[ \t]*[:*]?"
)
_USER_COLUMN = regex.compile(r"(?i)\b(?:user(?:[ \t]*(?:name|id))?|username|login|log-?in|e-?mail|account|id)\b")
# Words in a header or heading that say a bare "Code" column opens something.
_OPENS_SOMETHING = regex.compile(
    r"(?i)\b(?:keypad|padlock|locks?|lockers?|alarm|gates?|doors?|safe|key\s*safe|lock\s*box|barrier|cupboard|shed"
    r"|toilets?|entrance|entry|access|cabinet|store\s*room|wi-?fi|network|ssid|login|log-in|logins|app|apps)\b"
)
# A heading over a list of secrets: "Locker combinations Y9:", "Door codes:", "Wi-Fi passwords".
_SECRET_HEADING = regex.compile(
    r"(?i)\b(?:pass(?:word|code)s|logins|log-ins|login\s+details|pins|combinations|(?P<kind>[\w-]{1,30})\s+codes)\b"
)
# "Locker 14 - 3029", "Main entrance: 4096", "Hall\t7123": a label, a separator, one value.
_LIST_LINE = regex.compile(
    r"[ \t]*(?:[-*•·][ \t]+)?(?P<label>[^\t\n:=–—]{1,40}?)[ \t]*(?:[:=–—]|[ \t]-[ \t]|\t)[ \t]*"
    r"(?P<value>[^\s]{4,40})[ \t]*"
)
_MARKDOWN_RULE = regex.compile(r"[ \t]*\|?[ \t:|\-]*-[ \t:|\-]*")
# A cell that says where the secret is, not the secret: "(sent by text)", "n/a", "see letter".
_NOT_A_CELL_VALUE = regex.compile(r"(?i)[(\[<]|^(?:-+|n/?a|tbc|tba|none|same|ditto|as\s+above|\?+|x+|\*+|\.+)$")


def _cells(text: str, line: _tables.Line) -> tuple[str, list[tuple[int, int]]] | None:
    """The separator of a table line and its cells as spans (stripped; an empty cell keeps
    its place), or None for prose."""
    return _tables.sniff_row(text, line, longest=_LINE_CHARS_AT_MOST, most_cells=_CELLS_AT_MOST)


def _secret_column(header: str, others: str, heading: str) -> str | None:
    """'word' for a password column, 'code' for a code / PIN / key column, None otherwise."""
    if _WORD_COLUMN.fullmatch(header):
        # "Pass" alone is also an exam result ("Entries | Pass | Fail"): a user name beside it says login.
        if regex.fullmatch(r"(?i)pass|p/?w[ \t]*[:*]?", header) and not _USER_COLUMN.search(others):
            return None
        return "word"
    column = _CODE_COLUMN.fullmatch(header)
    if column is None:
        return None
    kind = (column.group("kind") or "").lower()
    if kind:
        if kind in _PUBLIC_CODES:
            return None  # "Account code", "Course code"
        return "code" if kind in _SECRET_CODES or _OPENS_SOMETHING.fullmatch(kind) else None
    if column.group("what").lower().startswith(("pin", "combination", "combo")):
        return "code"
    # A bare "Code" or "Key": the other headers or the heading must say what it opens.
    return "code" if _OPENS_SOMETHING.search(others) or _OPENS_SOMETHING.search(heading) else None


def _cell_is_secret(text: str, start: int, end: int, column: str, first: bool) -> bool:
    value = text[start:end]
    if len(value) < 4 or len(value) > 64 or _NOT_A_CELL_VALUE.search(value):
        return False
    if value.lower() in FILLER or _NOT_SECRET.search(value):
        return False
    if regex.fullmatch(r"\d{1,4}(?:[ \-]\d{1,4}){1,7}", value):  # "19 04 61", "24-11-09": a code read out
        digits = sum(c.isdigit() for c in value)
        return column == "code" and 4 <= digits <= 12 and not _in_a_phone_number(text, start, end)
    if any(c.isspace() for c in value):
        return False  # "set on first login", "ask the office": words, not a secret
    if value[0].isdigit() and (_in_a_phone_number(text, start, end) or _is_a_date_time_or_amount(value)):
        return False
    if value.isdigit():
        return 4 <= len(value) <= 8
    if first:
        # The first column names what the row is about ("Password | Where to get it" over
        # "Wi-Fi | notice board"): only a value shaped like a secret is one there.
        return _shape_weight(value) > 0
    if column == "word" and value.isalpha():
        return True  # "tulip" in a password column beside the user name
    return _shape_weight(value) > 0 or (column == "word" and looks_like_secret(value))


def secrets_in_tables(text: str) -> list[tuple[int, int, str]]:
    """Cells of password, PIN and code columns, and values in lists under a heading of secrets:
    (start, end, "word" for a password column or "code" for a column or list of codes)."""
    if not _TABLE_CUE.search(text):
        return []
    lines = _tables.lines(text, _LINES_AT_MOST)
    found: list[tuple[int, int, str]] = []
    index = 0
    while index < len(lines):
        line_start, line = lines[index]
        index += 1
        header = _cells(text, (line_start, line))
        if header is None:
            if len(line) <= 200 and (line.rstrip().endswith(":") or line.lower().startswith("subject:")):
                index = _list_under_heading(text, lines, index, line, found)
            continue
        kind, cells = header
        heading = " ".join(text_line for _, text_line in lines[max(0, index - 3) : index - 1])
        columns = []
        for column, (a, b) in enumerate(cells):
            others = " ".join(text[x:y] for x, y in cells if (x, y) != (a, b))
            what = _secret_column(text[a:b], others, heading)
            if what is not None:
                columns.append((column, what))
        if len(cells) == 2 and columns and columns[0][0] == 0 and _beside_a_user_row(text, lines, index - 1, kind):
            # A form, not a table: "Username\tjsmith" above "Password\ttulip".
            x, y = cells[1]
            if _cell_is_secret(text, x, y, columns[0][1], first=False):
                found.append((x, y, columns[0][1]))
            continue
        if not columns:
            continue
        under: dict[int, list[tuple[int, int]]] = {column: [] for column, _ in columns}
        for row_start, row in lines[index : index + _TABLE_LINES_AT_MOST]:
            if _MARKDOWN_RULE.fullmatch(row):
                index += 1
                continue
            row_cells = _cells(text, (row_start, row))
            if row_cells is None or row_cells[0] != kind or len(row_cells[1]) > len(cells) + 1:
                break
            index += 1
            for column, what in columns:
                if column >= len(row_cells[1]):
                    continue
                x, y = row_cells[1][column]
                while y > x and text[y - 1] in _TRAILING:
                    y -= 1
                if _cell_is_secret(text, x, y, what, first=column == 0):
                    under[column].append((x, y))
        for column, what in columns:
            found.extend((x, y, what) for x, y in _not_a_status(text, under[column]))
    return found


def _beside_a_user_row(text: str, lines: Sequence[_tables.Line], at: int, kind: str) -> bool:
    for near in (at - 1, at + 1):
        if 0 <= near < len(lines):
            row = _cells(text, lines[near])
            if row is not None and row[0] == kind and len(row[1]) == 2:
                a, b = row[1][0]
                if _USER_COLUMN.fullmatch(text[a:b].rstrip(":")):
                    return True
    return False


# What a password column says instead of a password: "Done", "Pending", "Emailed".
_STATUS_WORDS = frozenset(
    """done pending active inactive locked unlocked issued emailed texted posted yes no ok okay told
    default temporary temp expired reset sent changed set new old given none blank emailed printed
    requested received waiting current disabled enabled""".split()
)


def _not_a_status(text: str, cells: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A plain word said twice in one column is a status ("Done", "Done"), and so is every
    plain word in that column; secrets with digits or symbols stay."""
    words = [text[x:y].lower() for x, y in cells if text[x:y].isalpha()]
    repeated = len(words) != len(set(words)) or any(w in _STATUS_WORDS for w in words)
    return [(x, y) for x, y in cells if not (repeated and text[x:y].isalpha())]


def _list_under_heading(
    text: str, lines: Sequence[_tables.Line], index: int, heading: str, found: list[tuple[int, int, str]]
) -> int:
    """Values at the end of "label - value" lines under a heading of secrets; the next line to read."""
    named = _SECRET_HEADING.search(heading)
    if named is None:
        return index
    kind = (named.group("kind") or "").lower()
    if kind and (kind in _PUBLIC_CODES or kind not in _SECRET_CODES and not _OPENS_SOMETHING.fullmatch(kind)):
        return index  # "Specification codes:", "Course codes:"
    if kind in {"the", "a", "an", "this", "that", "these", "those", "my", "your", "our", "their", "new"}:
        return index  # "Here are the codes:": of what?
    read = index
    for row_start, row in lines[index : index + _TABLE_LINES_AT_MOST]:
        item = _LIST_LINE.fullmatch(row) if len(row) <= 200 else None
        if item is None or _a_table_header(text, row_start, row, heading):
            break  # the list ends; a table's header under the heading is read as a table
        read += 1
        a, b = row_start + item.start("value"), row_start + item.end("value")
        while b > a and text[b - 1] in _TRAILING:
            b -= 1
        value = text[a:b]
        if len(value) >= 4 and (value.isdigit() and len(value) <= 8 or _shape_weight(value) > 0):
            if not _NOT_SECRET.search(value) and not _is_a_date_time_or_amount(value):
                if not _in_a_phone_number(text, a, b):
                    found.append((a, b, "code"))
    return read


def _a_table_header(text: str, row_start: int, row: str, heading: str) -> bool:
    cells = _cells(text, (row_start, row))
    return cells is not None and any(_secret_column(text[a:b], "", heading) for a, b in cells[1])


_TABLE_CUE = regex.compile(
    r"(?i)pass(?:word|code|phrase)?s?\b|\bpwd?s?\b|\bp/?w\b|\bpins?\b|\bcodes?\b|\bkeys?\b|\bcombinations?\b|\bcombo\b|\blog-?ins\b"
)


def looks_like_secret(value: str) -> bool:
    """Digits, symbols, or a capital inside a word: what passwords and PINs are made of.

    An exclamation or question mark at the end ends a sentence ("again!"), not a secret.
    """
    value = value.rstrip("!?")
    has_digit = any(c.isdigit() for c in value)
    has_symbol = any(not c.isalnum() for c in value)
    camel = regex.search(r"\p{Ll}\p{Lu}", value) is not None  # KingfisherBlue
    return has_digit or camel or (has_symbol and any(c.isalpha() for c in value))


_REFERENCE_LABEL = label_regex(REFERENCE_WORDS + ("phone", "tel", "mobile", "room", "year", "uln", "upn", "nhs"))


# A password shown as an example of what not to choose, in an e-safety lesson or a reminder:
# "passwords like Summer2024! or qwerty123", "why 'password123' is a bad one".
_EXAMPLE_BEFORE = regex.compile(
    r"(?i)\b(?:like|such\s+as|e\.?g\.?|for\s+example|never\s+use|avoid|instead\s+of)[ \t]*[\"'“‘]?"
    r"(?:\S+?[\"'”’]?(?:[ \t]+or|[ \t]+and|,)[ \t]+[\"'“‘]?){0,3}$"
)
_EXAMPLE_AFTER = regex.compile(
    r"[\"'”’]?[ \t]+(?:is|are|was|makes)[ \t]+(?:a[ \t]+)?(?:bad|weak|poor|terrible|common|easy|guessable)\b", regex.IGNORECASE
)


def _an_example(text: str, start: int, end: int) -> bool:
    return bool(_EXAMPLE_BEFORE.search(text, max(0, start - 40), start) or _EXAMPLE_AFTER.match(text, end))


class PasswordRecognizer(OneEntityRecognizer):
    """A secret that the text gives as a password, passcode, PIN or code.

    "password: X", "the password (for the file) is now X", "PIN 4821", "pw - X",
    "door code is 1066#", "use X to open it", "set it back to X", "the passphrase
    is three plain words". The word alone ("password protected", "I'll send the
    password separately", "reset your password") is not a password. A plain word
    given after "the password is" counts when spaCy tags it as a noun or name, not
    as "below", "attached", "the" or another filler; after "code" or "key" only a
    value with digits or symbols counts ("the dress code is smart" is not one).
    """

    CONTEXT: ClassVar[list[str]] = ["password", "passcode", "pin"]
    STRONG_SCORE = 0.9
    WORD_SCORE = 0.6
    EVIDENCE_SCORE = 0.8

    ENTITY = "PASSWORD"

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        found: dict[tuple[int, int], float] = {}

        def keep(span: tuple[int, int] | None, score: float) -> None:
            if span is not None and not any(s < span[1] and span[0] < e for s, e in found if (s, e) != span):
                found[span] = max(found.get(span, 0.0), score)

        for match in PIN.finditer(text):
            digits = sum(c.isdigit() for c in match.group("secret"))
            if _OFFER.search(text, max(0, match.start() - 60), min(len(text), match.end() + 60)):
                continue  # "Join the Kahoot with PIN 4471 83": shown to the whole class
            if 4 <= digits <= 8:
                keep(match.span("secret"), self.STRONG_SCORE)
        for match in SPELLED_PHRASE.finditer(text):
            keep(match.span("secret"), self.STRONG_SCORE)
        for match in PASSPHRASE.finditer(text):
            span = self._secret_span(text, match)
            if span is not None and not self._filler_start(text[span[0] : span[1]]) and not _DESCRIBES_A_PHRASE.search(
                text[span[0] : span[1]]
            ):
                keep(span, self.STRONG_SCORE)
        for match in GIVEN.finditer(text):
            span = self._secret_span(text, match)
            if span is None:
                continue
            secret = text[span[0] : span[1]]
            if looks_like_secret(secret) and not _is_a_date_time_or_amount(secret):
                keep(span, self.STRONG_SCORE)
            elif self._word_label(match) and self._plain_word_secret(secret, span[0], nlp_artifacts):
                keep(span, self.WORD_SCORE)
        for pattern in (ADJACENT, USE_TO_OPEN, SET_TO):
            for match in pattern.finditer(text):
                span = self._secret_span(text, match)
                if span is None:
                    continue
                secret = text[span[0] : span[1]]
                if pattern is SET_TO and secret.isdigit():
                    continue  # "reset to 2024" is a year, not a code
                if looks_like_secret(secret) and not _is_a_date_time_or_amount(secret):
                    keep(span, self.STRONG_SCORE)
        for span in secrets_by_evidence(text):
            keep(span, self.EVIDENCE_SCORE)
        for start, end, column in secrets_in_tables(text):
            # A password column's header says so outright: its cells outrank a name read in a table.
            keep((start, end), self.STRONG_SCORE if column == "word" else self.EVIDENCE_SCORE)
        for span in digit_codes(text):
            keep(span, self.EVIDENCE_SCORE)
        return [
            self._result(start, end, score) for (start, end), score in sorted(found.items())
            if not _an_example(text, start, end)
        ]

    @staticmethod
    def _secret_span(text: str, match: "regex.Match[str]") -> tuple[int, int] | None:
        start, end = match.span("secret")
        while end > start and text[end - 1] in _TRAILING:
            end -= 1
        if end - start < 4:
            return None
        if text[start:end].lower() in FILLER:
            return None
        return start, end

    @staticmethod
    def _word_label(match: "regex.Match[str]") -> bool:
        return regex.fullmatch(_WORD_LABEL, match.group("label"), regex.IGNORECASE) is not None

    @staticmethod
    def _filler_start(words: str) -> bool:
        return words.split()[0].lower() in FILLER

    @staticmethod
    def _plain_word_secret(secret: str, start: int, nlp_artifacts: NlpArtifacts | None) -> bool:
        if not secret.isalpha():
            return False
        if nlp_artifacts is None or nlp_artifacts.tokens is None:
            return True
        span = nlp_artifacts.tokens.char_span(start, start + len(secret), alignment_mode="expand")
        if span is None:
            return True
        tag = fine_tags(span[:1])[0]
        if tag in _ADJECTIVE_TAGS:
            # The small tagger calls an unknown noun after "is" an adjective ("the password is
            # goldfish"); a word the dictionary knows as an adjective ("correct") is one.
            adjectives = _adjectives()
            return adjectives is not None and secret.lower() not in adjectives
        return tag not in _NOT_A_SECRET_TAGS

    def _result(self, start: int, end: int, score: float) -> RecognizerResult:
        return scored_result(self, "PASSWORD", start, end, score, "password given in the text")


_ADJECTIVE_TAGS = frozenset({"JJ", "JJR", "JJS"})
_LEMMA_TABLES = REPO_ROOT / "models" / "sendguard_en_sm" / "lemmatizer" / "lookups"


@lru_cache(maxsize=1)
def _adjectives() -> frozenset[str] | None:
    """WordNet's adjectives, from the lemmatizer tables shipped with the bundled pipeline
    (None without them: then an adjective tag keeps its old meaning, not a secret)."""
    from spacy.lookups import Lookups

    try:
        index = Lookups().from_disk(_LEMMA_TABLES).get_table("lemma_index")
    except (OSError, KeyError, ValueError):
        return None
    return frozenset(index.get("adj", []))


def _is_a_date_time_or_amount(value: str) -> bool:
    return bool(
        regex.fullmatch(
            r"[£$€]\S*|\d+(?:[.,]\d+)?%|\d{1,4}[/.:\-]\d{1,2}(?:[/.:\-]\d{2,4})?|\d{1,2}(?:[.:]\d{2})?(?:am|pm)",
            value,
            regex.IGNORECASE,
        )
    )


def secrets_for_a_protected_file(text: str, found: Sequence[DetectedEntity]) -> list[DetectedEntity]:
    """Secrets given in a draft that carries a password-protected file, not already found.

    The detector reads one text at a time and cannot know about the attachment; the
    scanner calls this for the subject and body when one is protected. A token that
    overlaps anything already found (a postcode, a phone number, a reference) is left alone.
    """
    out = []
    for start, end in secrets_by_evidence(text, protected_file=True):
        if any(e.start < end and start < e.end for e in found):
            continue
        out.append(DetectedEntity(EntityType.PASSWORD, start, end, PasswordRecognizer.EVIDENCE_SCORE, text[start:end]))
    return out

"""Loading the development corpus (corpus/README.md describes the formats).

Entity texts: `corpus/entities/*.txt`, records headed `### <id>`, entities marked
inline as `[[surface|TYPE]]`. `load_entity_texts()` strips the markup and returns
each text with the character spans of its entities.

Drafts: `corpus/drafts/*.yaml`, each a list of cases holding a ScanRequest message
and the verdict and rule ids expected of it. `load_drafts()` validates each one.
"""

import base64
import hashlib
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field

from service.schemas.entities import EntityType
from service.history import InMemoryHistory, SentTo
from service.schemas.scan import Recipient, ScanRequest

CORPUS_DIR = Path(__file__).resolve().parents[1] / "corpus"
ENTITIES_DIR = CORPUS_DIR / "entities"
DRAFTS_DIR = CORPUS_DIR / "drafts"

_HEADER = re.compile(r"^### +(?P<id>[A-Za-z0-9_.-]+) *$")
_MARK = re.compile(r"\[\[(?P<surface>[^\[\]|\n]+)\|(?P<type>[A-Z_]+)\]\]")
_STRAY = re.compile(r"\[\[|\]\]")
_CONTRACT_TYPES = frozenset(t.value for t in EntityType)

VERDICTS = ("allow", "warn", "block")
RULE_IDS = frozenset(
    {
        "subject-personal-data",
        "external-recipients-visible",
        "personal-data-external",
        "special-category-external",
        "unprotected-attachment-external",
        "password-in-message",
        "ctf-attachment",
        "lookalike-recipient-domain",
        "unscannable-attachment",
        "confidential-flag-missing",
    }
)
# CONTRACT section 8 (misdirected email): kept apart so that the section 7 tables
# do not change meaning while those rules are being built.
MISDIRECTED_RULE_IDS = frozenset(
    {"recipient-name-mismatch", "attachment-about-someone-else", "new-external-recipient", "recipient-address-changed"}
)
INTERNAL_DOMAINS = ("oakfield.sch.uk", "oakfieldtrust.org.uk")

# The sealed set (corpus/sealed/README.md): written apart from the engine, never tuned on,
# its errors never listed. corpus/general/: ordinary prose of many locales, where a name
# model that forgot what it knew shows it.
SEALED_DIR = CORPUS_DIR / "sealed"
# A second sealed set, written later by another helper who never saw the engine (ids sy-).
SEALED2_DIR = CORPUS_DIR / "sealed2"
# A third, written in session 7 the same way (ids sz-).
SEALED3_DIR = CORPUS_DIR / "sealed3"
SEALED4_DIR = CORPUS_DIR / "sealed4"
SEALED5_DIR = CORPUS_DIR / "sealed5"
# Hand-written ordinary prose of many locales, by a helper who never saw the engine: the
# general set that nobody tunes on (corpus/general/ is generated from our own templates).
SEALED5_GENERAL_DIR = SEALED5_DIR / "general"
# Written in session 11 while sealed5 was spent; its general part by another helper (s6g-).
SEALED6_DIR = CORPUS_DIR / "sealed6"
SEALED6_GENERAL_DIR = SEALED6_DIR / "general"
# Written later in session 11, when sealed6's school part was spent (s7-).
SEALED7_DIR = CORPUS_DIR / "sealed7"
GENERAL_DIR = CORPUS_DIR / "general"


# One record in five, chosen by a hash of its id, is held out: evaluate.py reports
# its figures but never lists its errors, so tuning on the rest can be checked
# against text nobody tuned on.
HOLDOUT_SHARE = 0.2


def is_holdout(record_id: str) -> bool:
    digest = hashlib.sha256(record_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") < HOLDOUT_SHARE * 2**32


class CorpusError(ValueError):
    """A corpus file that does not follow corpus/README.md; the message names the place."""


class Span(BaseModel):
    model_config = ConfigDict(frozen=True)

    type: str
    start: int
    end: int
    text: str


class EntityText(BaseModel):
    id: str
    source: str
    text: str
    spans: list[Span]


class Expectation(BaseModel):
    model_config = ConfigDict(extra="forbid")

    action: str
    rules: list[str] = Field(default_factory=list)


class SentBefore(BaseModel):
    """Messages the draft's sender sent before it: who to, how many times (CONTRACT section 8)."""

    model_config = ConfigDict(extra="forbid")

    to: list[Recipient] = Field(default_factory=list)
    cc: list[Recipient] = Field(default_factory=list)
    bcc: list[Recipient] = Field(default_factory=list)
    times: int = Field(default=1, ge=1, le=10_000)
    date: str | None = None


class Draft(BaseModel):
    id: str
    source: str
    why: str
    expect: Expectation
    request: ScanRequest
    tags: list[str] = Field(default_factory=list)
    # The sender's recipient history before this draft, oldest first; None: no history read.
    history: list[SentBefore] | None = None

    def recipient_history(self) -> tuple[str | None, InMemoryHistory | None]:
        """The sender (the draft's From) and an in-memory history replaying `history`."""
        sender = self.request.message.sender
        if self.history is None or sender is None:
            return None, None
        store = InMemoryHistory()
        for sent in self.history:
            recipients = [SentTo(r.address, r.name) for r in (*sent.to, *sent.cc, *sent.bcc)]
            for _ in range(sent.times):
                store.record_sent(sender.address, recipients)
        return sender.address, store


_HISTORY_COUNT_KEYS = ("times", "count", "repeat")
_HISTORY_TOTAL_KEYS = ("sent", "sent_messages", "messages")
_HISTORY_DATE_KEYS = ("date", "when", "sent_at")


def _list_of(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def expand_history(value: Any) -> list[dict[str, Any]] | None:
    """A draft's `history:` in its shorthands, as a list of SentBefore dicts.

    - a list of sent messages: `{to: [...], cc: [...], bcc: [...], times: N, date: ...}`,
      or just a recipient shorthand (one message to that address);
    - or one mapping `{sent: N, to: [...]}`: N messages in all, each recipient written
      to once and the rest to no one in particular.
    """
    if value is None:
        return None
    if isinstance(value, dict):
        listed = next((value[k] for k in _HISTORY_TOTAL_KEYS if isinstance(value.get(k), list)), None)
        if listed is not None:  # {messages: [...]}: the list form under a key
            return expand_history(listed)
    if isinstance(value, dict) and any(k in value for k in _HISTORY_TOTAL_KEYS):
        total = next(int(value[k]) for k in _HISTORY_TOTAL_KEYS if k in value)
        known = _list_of(value.get("to", value.get("recipients")))
        out: list[dict[str, Any]] = [{"to": [_recipient(r)]} for r in known]
        if total > len(out):
            out.append({"times": total - len(out)})
        return out
    out = []
    for item in _list_of(value):
        if isinstance(item, str):
            out.append({"to": [_recipient(item)]})
            continue
        if not isinstance(item, dict):
            raise CorpusError(f"history: expected a sent message or an address, got {item!r}")
        entry: dict[str, Any] = {k: [_recipient(r) for r in _list_of(item.get(k))] for k in ("to", "cc", "bcc")}
        entry["to"] += [_recipient(r) for r in _list_of(item.get("recipients"))]
        for key in _HISTORY_COUNT_KEYS:
            if key in item:
                entry["times"] = item[key]
        for key in _HISTORY_DATE_KEYS:
            if key in item:
                entry["date"] = str(item[key])
        # A sent message's own sender is the draft's (CONTRACT section 8: history is per sender).
        unknown = set(item) - {"to", "cc", "bcc", "recipients", "from", "subject", *_HISTORY_DATE_KEYS,
                               *_HISTORY_COUNT_KEYS}
        if unknown:
            raise CorpusError(f"history: unknown keys {sorted(unknown)}")
        out.append(entry)
    return out


def parse_marked(marked: str, where: str = "text") -> tuple[str, list[Span]]:
    """Strip `[[surface|TYPE]]` markup; return the plain text and the entity spans."""
    out: list[str] = []
    spans: list[Span] = []
    pos = 0
    length = 0
    for m in _MARK.finditer(marked):
        plain = marked[pos : m.start()]
        _check_no_stray(plain, where)
        out.append(plain)
        length += len(plain)
        surface, etype = m.group("surface"), m.group("type")
        if etype not in _CONTRACT_TYPES:
            raise CorpusError(f"{where}: unknown entity type {etype!r}")
        if surface != surface.strip():
            raise CorpusError(f"{where}: span {etype} has leading or trailing space")
        spans.append(Span(type=etype, start=length, end=length + len(surface), text=surface))
        out.append(surface)
        length += len(surface)
        pos = m.end()
    rest = marked[pos:]
    _check_no_stray(rest, where)
    out.append(rest)
    return "".join(out), spans


def _check_no_stray(plain: str, where: str) -> None:
    if _STRAY.search(plain):
        raise CorpusError(f"{where}: unbalanced or malformed [[...|TYPE]] markup near {plain[-40:]!r}")


def iter_records(path: Path) -> Iterator[tuple[str, int, str]]:
    """Yield (id, line number, marked text) for each `### id` record of an entity file."""
    current_id: str | None = None
    start_line = 0
    lines: list[str] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        header = _HEADER.match(line)
        if header:
            if current_id is not None:
                yield current_id, start_line, "\n".join(lines).strip("\n")
            current_id, start_line, lines = header.group("id"), number, []
        elif current_id is not None:
            lines.append(line)
        # Lines before the first header are notes for the reader.
    if current_id is not None:
        yield current_id, start_line, "\n".join(lines).strip("\n")


def load_entity_texts(directory: Path = ENTITIES_DIR) -> list[EntityText]:
    texts: list[EntityText] = []
    seen: set[str] = set()
    for path in sorted(directory.glob("*.txt")):
        for record_id, line, marked in iter_records(path):
            where = f"{path.name}:{line} ({record_id})"
            if record_id in seen:
                raise CorpusError(f"{where}: duplicate id")
            seen.add(record_id)
            if not marked.strip():
                raise CorpusError(f"{where}: empty record")
            text, spans = parse_marked(marked, where)
            texts.append(EntityText(id=record_id, source=path.name, text=text, spans=spans))
    return texts


def _recipient(value: Any) -> Any:
    """'Name <a@b>' or 'a@b' shorthand -> a Recipient dict with Outlook's usual type hint."""
    if not isinstance(value, str):
        return value
    m = re.fullmatch(r"\s*(?:(?P<name>[^<]*?)\s*<(?P<addr>[^>]+)>|(?P<bare>\S+))\s*", value)
    if not m:
        raise CorpusError(f"bad recipient shorthand {value!r}")
    address = m.group("addr") or m.group("bare")
    domain = address.rsplit("@", 1)[-1].lower()
    internal = any(domain == d or domain.endswith("." + d) for d in INTERNAL_DOMAINS)
    out: dict[str, Any] = {"address": address, "type": "user" if internal else "externalUser"}
    if m.group("name"):
        out["name"] = m.group("name")
    return out


def _attachment(value: dict[str, Any], directory: Path) -> dict[str, Any]:
    """`text:` (UTF-8 content) or `file:` (a file beside the drafts) -> content_base64 and size."""
    item = dict(value)
    raw: bytes | None = None
    if "text" in item:
        raw = str(item.pop("text")).encode("utf-8")
    elif "file" in item:
        path = directory / str(item.pop("file"))
        if not path.is_file():
            raise CorpusError(f"attachment file {path} is missing (python -m bench.make_attachments)")
        raw = path.read_bytes()
    if raw is not None:
        item["content_base64"] = base64.b64encode(raw).decode("ascii")
        item.setdefault("size", len(raw))
    return item


def expand_message(message: dict[str, Any], directory: Path = DRAFTS_DIR) -> dict[str, Any]:
    """Expand the corpus shorthands into a CONTRACT section 2 message."""
    msg = dict(message)
    if isinstance(msg.get("body"), str):
        msg["body"] = {"content": msg["body"], "type": "text"}
    for key in ("from", "to", "cc", "bcc"):
        if key == "from" and key in msg:
            msg[key] = _recipient(msg[key])
        elif key in msg:
            msg[key] = [_recipient(r) for r in msg[key]]
    if "attachments" in msg:
        msg["attachments"] = [_attachment(a, directory) for a in msg["attachments"]]
    return msg


def load_drafts(directory: Path = DRAFTS_DIR, *, files: Iterable[str] | None = None,
                exclude: Iterable[str] = ()) -> list[Draft]:
    """The drafts of every YAML file in `directory` (or only `files`), less `exclude`."""
    drafts: list[Draft] = []
    seen: set[str] = set()
    wanted = set(files) if files is not None else None
    skipped = set(exclude)
    for path in sorted(directory.glob("*.yaml")):
        if (wanted is not None and path.name not in wanted) or path.name in skipped:
            continue
        try:
            cases = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        except yaml.YAMLError as exc:
            raise CorpusError(f"{path.name}: not valid YAML: {exc}") from exc
        if not isinstance(cases, list):
            raise CorpusError(f"{path.name}: expected a list of drafts")
        for number, case in enumerate(cases, 1):
            where = f"{path.name} #{number} ({case.get('id', '?') if isinstance(case, dict) else '?'})"
            if not isinstance(case, dict) or not {"id", "why", "expect", "message"} <= case.keys():
                raise CorpusError(f"{where}: needs id, why, expect and message")
            unknown = set(case) - {"id", "why", "expect", "message", "tags", "history"}
            if unknown:
                raise CorpusError(f"{where}: unknown keys {sorted(unknown)}")
            if case["id"] in seen:
                raise CorpusError(f"{where}: duplicate id")
            seen.add(case["id"])
            try:
                request = ScanRequest.model_validate({"message": expand_message(case["message"], directory)})
                expect = Expectation.model_validate(case["expect"])
                history = expand_history(case.get("history"))
                sent = None if history is None else [SentBefore.model_validate(h) for h in history]
            except ValueError as exc:
                raise CorpusError(f"{where}: {exc}") from exc
            if expect.action not in VERDICTS:
                raise CorpusError(f"{where}: expected action {expect.action!r} is not one of {VERDICTS}")
            bad = set(expect.rules) - RULE_IDS - MISDIRECTED_RULE_IDS
            if bad:
                raise CorpusError(f"{where}: unknown rule ids {sorted(bad)}")
            drafts.append(
                Draft(
                    id=case["id"],
                    source=path.name,
                    why=str(case["why"]),
                    expect=expect,
                    request=request,
                    tags=list(case.get("tags", [])),
                    history=sent,
                )
            )
    return drafts

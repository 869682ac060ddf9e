"""Rule and organisation YAML as text: parse with file:line errors, set a rule's status, diff two versions."""

import difflib
import re
import tempfile
from pathlib import Path

import yaml

from service.rules.loader import RuleFileError, load_organisation, load_rule
from service.rules.model import RULE_ID, Rule, Status
from service.schemas.org import Organisation

ORGANISATION = "organisation"
# The longest rule id the store keeps (rule_versions.name).
MAX_ID_CHARS = 80
MAX_YAML_CHARS = 200_000

_STATUS_LINE = re.compile(r"^status:[^\n]*$", re.MULTILINE)
_ACTION_LINE = re.compile(r"^action:[^\n]*$", re.MULTILINE)


class RuleRejected(ValueError):
    """A change that may not take effect; `problems` name the file, the line or the example."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


def declared_id(text: str) -> str | None:
    """The `id:` a rule's YAML gives, if it can be read at all (used to name the file in errors)."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return None
    value = data.get("id") if isinstance(data, dict) else None
    return value if isinstance(value, str) and re.fullmatch(RULE_ID, value) else None


def declared_status(text: str) -> str:
    """The `status:` a rule's YAML gives (enabled when absent), for listing before it is validated."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return Status.ENABLED.value
    value = data.get("status", Status.ENABLED.value) if isinstance(data, dict) else None
    return value if value in {s.value for s in Status} else Status.ENABLED.value


def _within_limit(text: str) -> None:
    if len(text) > MAX_YAML_CHARS:
        raise RuleRejected([f"the YAML is longer than {MAX_YAML_CHARS} characters"])


def parse_rule(text: str, rule_id: str | None = None) -> Rule:
    """The rule in `text`, checked exactly as a file rules/<id>.yaml would be (schema, entity
    names, regex safety, id = file name); errors read `<id>.yaml: line N: ...`."""
    _within_limit(text)
    name = rule_id or declared_id(text) or "new-rule"
    if len(name) > MAX_ID_CHARS:
        raise RuleRejected([f"the rule id is longer than {MAX_ID_CHARS} characters"])
    # The loader's messages (file and line) are the ones administrators know from rules/:
    # give it the text as the file it would be.
    with tempfile.TemporaryDirectory(prefix="sendguard-rule-") as folder:
        path = Path(folder) / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            return load_rule(path)
        except RuleFileError as exc:
            raise RuleRejected([f"{name}.yaml: {p}" for p in exc.problems]) from None


def parse_organisation(text: str) -> Organisation:
    _within_limit(text)
    with tempfile.TemporaryDirectory(prefix="sendguard-org-") as folder:
        path = Path(folder) / "organisation.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            return load_organisation(path)
        except RuleFileError as exc:
            raise RuleRejected([f"organisation.yaml: {p}" for p in exc.problems]) from None


def with_status(text: str, status: Status) -> str:
    """The same YAML with its top-level `status:` set; comments and layout are kept."""
    line = f"status: {status.value}"
    if _STATUS_LINE.search(text):
        return _STATUS_LINE.sub(line, text, count=1)
    action = _ACTION_LINE.search(text)
    if action:
        return text[: action.end()] + "\n" + line + text[action.end():]
    return text.rstrip("\n") + "\n" + line + "\n"


def yaml_diff(old: str | None, new: str | None, name: str, old_version: int, new_version: int) -> str:
    """A unified diff between two versions (empty text for a new or deleted rule)."""
    lines = difflib.unified_diff(
        (old or "").splitlines(keepends=True),
        (new or "").splitlines(keepends=True),
        fromfile=f"{name}.yaml@{old_version}" if old is not None else "/dev/null",
        tofile=f"{name}.yaml@{new_version}" if new is not None else "/dev/null",
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)

"""Reading rules/*.yaml and the organisation file, with errors that name file and line."""

from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from service.rules.model import Rule
from service.schemas.org import Organisation

M = TypeVar("M", bound=BaseModel)

# Files in a rules folder that are not rules.
_NOT_RULES = ("organisation",)


class RuleFileError(ValueError):
    """A rule or organisation file that cannot be used; str() is one line per problem."""

    def __init__(self, path: Path, problems: Sequence[str]) -> None:
        self.path = path
        self.problems = list(problems)
        super().__init__("; ".join(f"{path.name}: {p}" for p in problems))


def _line_of(node: yaml.Node | None, loc: tuple[int | str, ...]) -> int | None:
    """Follow a pydantic error location through the YAML node tree to a line number."""
    line = node.start_mark.line + 1 if node is not None else None
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if k.value == key:
                    node, line = v, k.start_mark.line + 1
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line + 1
        else:
            # Union branches add their type name to the location: skip them.
            continue
    return line


def load_model(path: Path, model: type[M]) -> M:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(path, [f"cannot be read ({exc.__class__.__name__})"]) from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data: Any = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        raise RuleFileError(path, [f"{where}not valid YAML ({getattr(exc, 'problem', exc)})"]) from None
    if not isinstance(data, dict):
        raise RuleFileError(path, ["line 1: expected a mapping of keys to values"])
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            line = _line_of(node, loc)
            field = ".".join(str(p) for p in loc if not (isinstance(p, str) and "[" in p)) or "(top)"
            message = err["msg"].removeprefix("Value error, ")
            if err["type"] == "extra_forbidden":
                message = "unknown key"
            elif err["type"] == "enum" and "types" in loc:
                message = f"unknown entity type {err['input']!r} (see CONTRACT section 6)"
            problems.append(f"line {line}: {field}: {message}" if line else f"{field}: {message}")
        raise RuleFileError(path, problems) from None


def load_rule(path: Path) -> Rule:
    rule = load_model(path, Rule)
    if rule.id != path.stem:
        raise RuleFileError(path, [f"line 1: id {rule.id!r} must equal the file name {path.stem!r}"])
    return rule


def rule_files(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.glob("*.yaml") if not p.name.startswith(_NOT_RULES) and not p.name.startswith(".")
    )


def load_rules(folder: Path) -> tuple[list[Rule], list[RuleFileError]]:
    """Every rule that validates, and the errors of those that do not."""
    if not folder.is_dir():
        raise RuleFileError(folder, ["the rules folder does not exist"])
    rules, errors = [], []
    for path in rule_files(folder):
        try:
            rules.append(load_rule(path))
        except RuleFileError as exc:
            errors.append(exc)
    return rules, errors


def load_organisation(path: Path) -> Organisation:
    return load_model(path, Organisation)

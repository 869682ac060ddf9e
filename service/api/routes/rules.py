"""/v1/admin/rules, /v1/admin/organisation and /v1/admin/dry-run[/upload]: rule management for administrators.

Every change is validated (schema, entity names, regex safety, the rule's own examples
through the real detector) before it is stored; the store keeps each version with who
(the token's object id), when, a diff of the YAML and the reason. Workers pick changes
up by polling (service/rulebook/reload.py).
"""

import base64
import binascii
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import PurePath
from typing import Annotated, Any, Literal, Self

from fastapi import APIRouter, Depends, File, Form, HTTPException, Path, Request, UploadFile, status
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from service.api.deps import AdminUser
from service.api.json_body import OffLoopJsonRoute
from service.extract.email_file import InputError, load_email, load_eml, load_msg
from service.rulebook.admin import MAX_REASON_CHARS, RuleExists, RuleNotFound
from service.rulebook.reload import RuleWatcher
from service.rulebook.store import ORG, RULE, ConcurrentChange, StoredVersion
from service.rulebook.texts import MAX_ID_CHARS, MAX_YAML_CHARS, ORGANISATION, RuleRejected
from service.rules.model import RULE_ID, Status
from service.scanner import Scanner
from service.schemas.scan import Finding, ScanRequest

router = APIRouter(prefix="/v1/admin", tags=["rules"], route_class=OffLoopJsonRoute)

RuleId = Annotated[str, Path(pattern=RULE_ID, max_length=MAX_ID_CHARS)]
# A dry-run upload: room for a draft with 20 MB of attachments, base64-encoded in a .eml.
MAX_UPLOAD_BYTES = 30 * 1024 * 1024
_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "No valid Entra ID token"},
    403: {"description": "The token lacks the administrator role"},
}


def get_watcher(request: Request) -> RuleWatcher:
    watcher: RuleWatcher = request.app.state.rules_watcher
    return watcher


WatcherDep = Annotated[RuleWatcher, Depends(get_watcher)]


class _Shape(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RuleChange(_Shape):
    yaml: str = Field(min_length=1, max_length=MAX_YAML_CHARS, description="the whole rule file")
    reason: str = Field(min_length=1, max_length=MAX_REASON_CHARS, description="why: kept in the audit trail")


class Reason(_Shape):
    reason: str = Field(min_length=1, max_length=MAX_REASON_CHARS)


class RuleSummary(_Shape):
    id: str
    title: str | None
    action: str | None
    status: str | None
    version: int
    changed_at: datetime
    changed_by: str
    # False when the stored rule does not load (see rule_errors).
    in_force: bool


class RuleList(_Shape):
    rules_version: int | None = Field(description="the rulebook generation this worker runs")
    worker: str
    rules: list[RuleSummary]
    rule_errors: list[str]


class Version(_Shape):
    id: str
    version: int
    change: str
    status: str | None
    changed_at: datetime
    changed_by: str = Field(description="the Entra object id (or cli:uid<N>) of whoever made the change")
    reason: str
    diff: str
    yaml: str | None

    @classmethod
    def of(cls, v: StoredVersion) -> "Version":
        return cls(id=v.name, version=v.version, change=v.change, status=v.status, changed_at=v.created_at,
                   changed_by=v.actor, reason=v.reason, diff=v.diff, yaml=v.yaml_text)


class ChangeResult(_Shape):
    changed: bool = Field(description="false when the YAML was already in force")
    version: Version


class DryRunRequest(_Shape):
    draft: ScanRequest | None = Field(default=None, description="a ScanRequest, as the add-in sends it")
    email_base64: str | None = Field(default=None, description="or a .eml or .msg file, base64-encoded")
    candidate_rule: str | None = Field(
        default=None, max_length=MAX_YAML_CHARS,
        description="a rule's YAML to try alongside the rules in force (replacing one with the same id)",
    )

    @model_validator(mode="after")
    def _one_draft(self) -> Self:
        if (self.draft is None) == (self.email_base64 is None):
            raise ValueError("give either draft or email_base64")
        return self


class DryRunFinding(Finding):
    shown: bool = Field(description="false for a shadow rule: recorded, never shown to staff")
    candidate: bool = Field(description="true when the candidate rule made this finding")


class DryRunResult(_Shape):
    action: Literal["allow", "warn", "block"]
    summary: str
    findings: list[DryRunFinding]
    rules_checked: list[str]
    rules_version: int | None
    worker: str


def _refused(exc: RuleRejected) -> HTTPException:
    return HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail="Not accepted: " + "; ".join(exc.problems))


def _not_found(name: str) -> HTTPException:
    return HTTPException(status.HTTP_404_NOT_FOUND, detail=f"there is no rule {name!r}")


def _conflict() -> HTTPException:
    return HTTPException(status.HTTP_409_CONFLICT, detail="someone else changed this at the same moment; try again")


@contextmanager
def _answers_for(name: str = ORGANISATION) -> Iterator[None]:
    """The rule store's refusals as HTTP answers: 404, 422 naming the problems, 409."""
    try:
        yield
    except RuleNotFound:
        raise _not_found(name) from None
    except RuleRejected as exc:
        raise _refused(exc) from None
    except RuleExists as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, detail=f"rule {exc} exists; change it with PUT") from None
    except ConcurrentChange:
        raise _conflict() from None


def _changed(watcher: RuleWatcher, version: StoredVersion, changed: bool) -> ChangeResult:
    if changed:
        # This worker need not wait for its next poll; the others follow within seconds.
        watcher.refresh()
    return ChangeResult(changed=changed, version=Version.of(version))


@router.get("/rules", response_model=RuleList, responses=_ERRORS)
def list_rules(_admin: AdminUser, watcher: WatcherDep) -> RuleList:
    """Every stored rule, with whether this worker has it in force."""
    snapshot = watcher.store.snapshot()
    loaded = {r.id: r for r in watcher.scanner.rules}
    rules = []
    for name, v in snapshot.rules.items():
        rule = loaded.get(name)
        rules.append(RuleSummary(
            id=name, title=rule.title if rule else None, action=rule.action if rule else None,
            status=v.status or (rule.status.value if rule else None), version=v.version,
            changed_at=v.created_at, changed_by=v.actor, in_force=rule is not None,
        ))
    return RuleList(rules_version=watcher.generation, worker=watcher.worker, rules=rules,
                    rule_errors=watcher.scanner.rule_errors)


@router.get("/rules/{rule_id}", response_model=Version, responses={**_ERRORS, 404: {}})
def read_rule(rule_id: RuleId, _admin: AdminUser, watcher: WatcherDep) -> Version:
    with _answers_for(rule_id):
        current = watcher.admin.current(rule_id)
    return Version.of(current)


@router.get("/rules/{rule_id}/history", response_model=list[Version], responses=_ERRORS)
def rule_history(rule_id: RuleId, _admin: AdminUser, watcher: WatcherDep) -> list[Version]:
    """Every version of the rule, newest first: who, when, why and the diff."""
    return [Version.of(v) for v in watcher.store.history(RULE, rule_id)]


@router.post("/rules", response_model=ChangeResult, status_code=status.HTTP_201_CREATED,
             responses={**_ERRORS, 409: {}, 422: {"description": "names the file, line or failing example"}})
def create_rule(body: RuleChange, admin: AdminUser, watcher: WatcherDep) -> ChangeResult:
    with _answers_for():
        version, changed = watcher.admin.apply(body.yaml, actor=admin.object_id, reason=body.reason,
                                               create_only=True)
    return _changed(watcher, version, changed)


@router.put("/rules/{rule_id}", response_model=ChangeResult,
            responses={**_ERRORS, 409: {}, 422: {"description": "names the file, line or failing example"}})
def put_rule(rule_id: RuleId, body: RuleChange, admin: AdminUser, watcher: WatcherDep) -> ChangeResult:
    """Create or replace the rule; its YAML's id must be the one in the path."""
    with _answers_for(rule_id):
        version, changed = watcher.admin.apply(body.yaml, actor=admin.object_id, reason=body.reason,
                                               rule_id=rule_id)
    return _changed(watcher, version, changed)


@router.post("/rules/{rule_id}/{new_status}", response_model=ChangeResult,
             responses={**_ERRORS, 404: {}, 409: {}, 422: {}})
def set_rule_status(
    rule_id: RuleId, new_status: Literal["enable", "disable", "shadow"], body: Reason, admin: AdminUser,
    watcher: WatcherDep,
) -> ChangeResult:
    """enable: shown to staff; shadow: evaluated and recorded, never shown; disable: not evaluated."""
    wanted = {"enable": Status.ENABLED, "disable": Status.DISABLED, "shadow": Status.SHADOW}[new_status]
    with _answers_for(rule_id):
        version, changed = watcher.admin.set_status(rule_id, wanted, actor=admin.object_id, reason=body.reason)
    return _changed(watcher, version, changed)


@router.delete("/rules/{rule_id}", response_model=ChangeResult, responses={**_ERRORS, 404: {}, 409: {}, 422: {}})
def delete_rule(rule_id: RuleId, body: Reason, admin: AdminUser, watcher: WatcherDep) -> ChangeResult:
    """Removes the rule from force; its history stays."""
    with _answers_for(rule_id):
        version = watcher.admin.delete(rule_id, actor=admin.object_id, reason=body.reason)
    return _changed(watcher, version, True)


@router.get("/organisation", response_model=Version, responses={**_ERRORS, 404: {}})
def read_organisation(_admin: AdminUser, watcher: WatcherDep) -> Version:
    with _answers_for(ORGANISATION):
        current = watcher.admin.organisation()
    return Version.of(current)


@router.get("/organisation/history", response_model=list[Version], responses=_ERRORS)
def organisation_history(_admin: AdminUser, watcher: WatcherDep) -> list[Version]:
    return [Version.of(v) for v in watcher.store.history(ORG, ORGANISATION)]


@router.put("/organisation", response_model=ChangeResult, responses={**_ERRORS, 409: {}, 422: {}})
def put_organisation(body: RuleChange, admin: AdminUser, watcher: WatcherDep) -> ChangeResult:
    with _answers_for(ORGANISATION):
        version, changed = watcher.admin.apply_organisation(body.yaml, actor=admin.object_id, reason=body.reason)
    return _changed(watcher, version, changed)


@router.post("/dry-run", response_model=DryRunResult, responses={**_ERRORS, 422: {}})
def dry_run(body: DryRunRequest, _admin: AdminUser, watcher: WatcherDep) -> DryRunResult:
    """Which rules would fire on this draft and why, shadow rules included and marked. Nothing is stored."""
    draft = body.draft if body.draft is not None else _decode_email(body.email_base64 or "")
    return _dry_run(draft, body.candidate_rule, watcher)


@router.post(
    "/dry-run/upload", response_model=DryRunResult,
    responses={**_ERRORS, 413: {"description": "the file is over the size limit"},
               415: {"description": "not a .eml, .msg or .json file"},
               422: {"description": "the file cannot be read as an email or ScanRequest, or the candidate rule "
                                    "is refused"}},
)
def dry_run_upload(
    _admin: AdminUser,
    watcher: WatcherDep,
    # A part without a file name arrives as text: taken here so that the answer can say so plainly.
    file: Annotated[UploadFile | str, File(description="a .eml, .msg, or .json file holding a ScanRequest")],
    candidate_rule: Annotated[str | None, Form(
        max_length=MAX_YAML_CHARS,
        description="a rule's YAML to try alongside the rules in force (replacing one with the same id)")] = None,
) -> DryRunResult:
    """The dry run for a draft uploaded as a file (multipart/form-data). Nothing is stored."""
    if isinstance(file, str):
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT,
                            detail="Send the draft as a file upload (with a file name), not as a text field.")
    data = file.file.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise HTTPException(status.HTTP_413_CONTENT_TOO_LARGE,
                            detail=f"The file is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB.")
    kind = _upload_kind(file.filename, file.content_type)
    if kind is None:
        raise HTTPException(status.HTTP_415_UNSUPPORTED_MEDIA_TYPE,
                            detail="Upload a .eml or .msg email, or a .json file holding a ScanRequest.")
    return _dry_run(_read_upload(kind, data), candidate_rule or None, watcher)


def _dry_run(draft: ScanRequest, candidate_rule: str | None, watcher: RuleWatcher) -> DryRunResult:
    scanner = watcher.scanner
    candidate_id = None
    if candidate_rule is not None:
        with _answers_for():
            candidate = watcher.checker.validate(candidate_rule)
        candidate_id = candidate.id
        rules = [r for r in scanner.rules if r.id != candidate.id] + [candidate]
        scanner = Scanner(scanner.detector, rules, scanner.organisation, scanner.settings)
    result, _facts, shadow = scanner.scan_with_facts(draft)
    findings = [DryRunFinding(**f.model_dump(), shown=True, candidate=f.rule == candidate_id)
                for f in result.findings]
    findings += [DryRunFinding(**f.model_dump(), shown=False, candidate=f.rule == candidate_id) for f in shadow]
    return DryRunResult(
        action=result.action, summary=result.summary, findings=findings,
        rules_checked=[r.id for r in scanner.engine.rules], rules_version=watcher.generation, worker=watcher.worker,
    )


# By the file name's ending first; a name without one is judged by the part's content type.
_SUFFIXES = {".eml": "eml", ".msg": "msg", ".json": "json"}
_CONTENT_TYPES = {"message/rfc822": "eml", "application/vnd.ms-outlook": "msg", "application/json": "json"}


def _upload_kind(filename: str | None, content_type: str | None) -> str | None:
    suffix = PurePath(filename or "").suffix.lower()
    if suffix:
        return _SUFFIXES.get(suffix)
    return _CONTENT_TYPES.get((content_type or "").split(";")[0].strip().lower())


def _read_upload(kind: str, data: bytes) -> ScanRequest:
    """The uploaded file as a ScanRequest; 422 with one plain sentence when it cannot be (never its content)."""
    try:
        if kind == "eml":
            return load_eml(data)
        if kind == "msg":
            return load_msg(data)
    except InputError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=f"The email file: {exc}") from None
    if not data.strip():
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail="The .json file is empty.")
    try:
        return ScanRequest.model_validate_json(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        if first["type"] == "json_invalid":
            problem = "The .json file is not valid JSON."
        else:
            where = ".".join(str(p) for p in first["loc"]) or "(top)"
            what = "unknown field" if first["type"] == "extra_forbidden" else first["msg"]
            more = f" (and {exc.error_count() - 1} more problems)" if exc.error_count() > 1 else ""
            problem = f"The .json file is not a valid ScanRequest: {where}: {what}{more}."
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=problem) from None


def _decode_email(data: str) -> ScanRequest:
    try:
        raw = base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail="email_base64 is not valid base64") from None
    try:
        return load_email(raw)
    except InputError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=f"The email file: {exc}") from None

"""A secret given without a label still blocks when the draft carries the protected file."""

import base64

from service.scanner import Scanner
from service.schemas.scan import ScanRequest
from service.settings import REPO_ROOT

PROTECTED = REPO_ROOT / "corpus" / "drafts" / "files" / "class_list_5B_protected.xlsx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _request(body: str, protected: bool) -> ScanRequest:
    attachments = []
    if protected:
        attachments.append({
            "name": "class_list_5B_protected.xlsx", "content_type": XLSX, "size": PROTECTED.stat().st_size,
            "content_base64": base64.b64encode(PROTECTED.read_bytes()).decode(),
        })
    return ScanRequest.model_validate({"message": {
        "subject": "Class list", "body": {"content": body, "type": "text"},
        "from": {"address": "t.jones@oakfield.sch.uk", "name": "Tom Jones"},
        "to": [{"address": "office@otherschool.org.uk", "name": "Office"}],
        "attachments": attachments,
    }})


def test_an_unlabelled_secret_beside_a_protected_file_blocks(scanner: Scanner) -> None:
    result = scanner.scan(_request("Hi, the list is attached. It's Oak-Tree-2025\n\nTom", protected=True))
    finding = next(f for f in result.findings if f.rule == "password-in-message")
    assert finding.action == "block"
    assert finding.entities == {"PASSWORD": 1}


def test_the_same_words_without_the_file_are_not_a_password(scanner: Scanner) -> None:
    result = scanner.scan(_request("Hi, the list is attached. It's Oak-Tree-2025\n\nTom", protected=False))
    assert "password-in-message" not in {f.rule for f in result.findings}


def test_a_postcode_beside_a_protected_file_is_not_a_password(scanner: Scanner) -> None:
    result = scanner.scan(_request("Hi, the list is attached. It's for the ME14 2QT site.\n\nTom", protected=True))
    assert "password-in-message" not in {f.rule for f in result.findings}

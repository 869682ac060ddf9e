"""Common Transfer Files (DfE pupil records), known by name or by content.

DfE names a CTF <sending LA><estab>_CTF_<receiving LA><estab>_<nnn>.xml, for example
8231234_CTF_8235678_001.xml; an LA sends as LLLL and an unknown destination is
written XXXXXXX (or MMMXXXX). The root element is <CTfile> and the header's
<DocumentName> is "Common Transfer File".
"""

import re
from pathlib import PurePosixPath

_NAME = re.compile(r"^[0-9A-Z]{7,10}_CTF_[0-9A-Z]{7,10}_[0-9]{3}\.xml$", re.IGNORECASE)
_ROOT = re.compile(rb"<(?:[\w.-]+:)?CTfile[\s>/]")
_DOCUMENT_NAME = re.compile(rb"common\s+transfer\s+file", re.IGNORECASE)
_ROOT_UTF16 = "<CTfile".encode("utf-16-le")
_HEAD = 8192


def name_is_ctf(name: str) -> bool:
    return bool(_NAME.match(PurePosixPath(name.replace("\\", "/")).name))


def content_is_ctf(data: bytes) -> bool:
    head = data[:_HEAD]
    if _ROOT.search(head) or _ROOT_UTF16 in head:
        return True
    return head.lstrip(b"\xef\xbb\xbf \r\n\t").startswith(b"<") and bool(_DOCUMENT_NAME.search(head))

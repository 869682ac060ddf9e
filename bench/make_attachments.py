"""Make the binary attachments the draft corpus refers to (corpus/drafts/files/).

Run once after changing it: `python -m bench.make_attachments`. The files are made
by the real tools (openpyxl, python-docx, msoffcrypto-tool, pyzipper), so protection
and corruption look exactly as they do in staff mail. Everything in them is invented.
"""

import io
from pathlib import Path

import docx
import msoffcrypto
import openpyxl
import pyzipper

from bench.corpus import DRAFTS_DIR

FILES_DIR = DRAFTS_DIR / "files"
# The password the corpus drafts quote in their bodies for the protected files.
CORPUS_FILE_PASSWORD = "Bluebell42!"

_CLASS_LIST = [
    ("UPN", "Surname", "Forename", "DOB", "FSM", "SEN"),
    ("W886204114375", "Hughes", "Tyler", "02/09/2015", "Y", "K"),
    ("P887221016646", "Ogundipe", "Folake", "17/01/2016", "N", ""),
    ("C886401813591", "Zielinska", "Natalia", "30/06/2015", "N", "E"),
    ("F886401819051", "Rahman", "Ayaan", "11/11/2015", "Y", ""),
    ("J886401816048", "O'Connor", "Niamh", "05/03/2016", "N", "K"),
]


def _xlsx_bytes() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "5B"
    for row in _CLASS_LIST:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _encrypted_xlsx_bytes() -> bytes:
    plain = io.BytesIO(_xlsx_bytes())
    office = msoffcrypto.OfficeFile(plain)
    out = io.BytesIO()
    office.encrypt(CORPUS_FILE_PASSWORD, out)
    return out.getvalue()


def _docx_bytes() -> bytes:
    document = docx.Document()
    document.add_heading("SEN support plan - spring term", level=1)
    document.add_paragraph("Pupil: Oskar Lewandowski, Year 4, UPN Y886401815297")
    document.add_paragraph(
        "Oskar has an EHCP for autism and speech and language needs. He receives 1:1 support "
        "each morning and uses a visual timetable. Review date: 11 March."
    )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _encrypted_zip_bytes() -> bytes:
    out = io.BytesIO()
    with pyzipper.AESZipFile(out, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES) as zf:
        zf.setpassword(CORPUS_FILE_PASSWORD.encode())
        rows = "\n".join(",".join(r) for r in _CLASS_LIST)
        zf.writestr("attendance_5B.csv", rows + "\n")
    return out.getvalue()


def _corrupt_docx_bytes() -> bytes:
    # A real document cut short, as a failed upload leaves it.
    whole = _docx_bytes()
    return whole[: len(whole) // 3]


def make_all(directory: Path = FILES_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    made = {
        "class_list_5B.xlsx": _xlsx_bytes(),
        "class_list_5B_protected.xlsx": _encrypted_xlsx_bytes(),
        "sen_support_plan.docx": _docx_bytes(),
        "attendance_5B_protected.zip": _encrypted_zip_bytes(),
        "minutes_corrupt.docx": _corrupt_docx_bytes(),
    }
    paths = []
    for name, data in made.items():
        path = directory / name
        path.write_bytes(data)
        paths.append(path)
    return paths


if __name__ == "__main__":
    for p in make_all():
        print(f"{p.name}\t{p.stat().st_size} bytes")

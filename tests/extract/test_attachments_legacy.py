"""Word, Excel and PowerPoint 97-2003 files, made by LibreOffice when it is installed."""

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import docx
import openpyxl
import pptx
import pytest

from service.extract.types import ExtractedAttachment

Extract = Callable[..., ExtractedAttachment]

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) writes the legacy formats"
)


@pytest.fixture(scope="module")
def legacy_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("legacy")
    document = docx.Document()
    document.add_paragraph("Amelia Hart has an EHCP")
    document.save(str(folder / "letter.docx"))
    workbook = openpyxl.Workbook()
    for row in (["Name", "DOB"], ["Amelia Hart", "2015-01-01"], ["Oliver Quinn", "2015-02-02"]):
        workbook.active.append(row)
    workbook.save(folder / "list.xlsx")
    # A1 and the last cell of a legacy sheet: calamine would allocate 16.7 million cells.
    sparse = openpyxl.Workbook()
    sparse.active["A1"] = "Name"
    sparse.active["IV65536"] = "end"
    sparse.save(folder / "sparse.xlsx")
    deck = pptx.Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[1])
    slide.shapes.title.text = "Trip"
    slide.placeholders[1].text = "Isla Patel EpiPen"
    deck.save(str(folder / "trip.pptx"))
    env = {**os.environ, "HOME": str(folder)}  # LibreOffice writes its profile under HOME
    for source, target in (
        ("letter.docx", "doc"), ("list.xlsx", "xls"), ("sparse.xlsx", "xls"), ("trip.pptx", "ppt")
    ):
        subprocess.run(
            ["soffice", "--headless", "--convert-to", target, "--outdir", str(folder), str(folder / source)],
            check=True,
            capture_output=True,
            env=env,
            timeout=120,
        )
    return folder


def test_doc(extract: Extract, legacy_files: Path) -> None:
    result = extract("letter.doc", (legacy_files / "letter.doc").read_bytes())
    assert result.readable and not result.protected
    assert "Amelia Hart has an EHCP" in result.text


def test_xls_is_a_table(extract: Extract, legacy_files: Path) -> None:
    result = extract("list.xls", (legacy_files / "list.xls").read_bytes())
    assert result.people_count == 2
    assert "Amelia Hart\t2015-01-01" in result.text


def test_sparse_xls_is_refused_before_calamine_allocates_its_grid(extract: Extract, legacy_files: Path) -> None:
    result = extract("sparse.xls", (legacy_files / "sparse.xls").read_bytes())
    assert not result.readable and "spread over too large an area" in result.reason


def test_ppt(extract: Extract, legacy_files: Path) -> None:
    result = extract("trip.ppt", (legacy_files / "trip.ppt").read_bytes())
    assert "Isla Patel EpiPen" in result.text


def test_legacy_file_cut_short_is_damaged(extract: Extract, legacy_files: Path) -> None:
    data = (legacy_files / "letter.doc").read_bytes()
    result = extract("letter.doc", data[: len(data) // 3])
    assert not result.readable and result.reason

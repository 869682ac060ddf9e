"""Scan time with attachments: the cases of DESIGN.md's budgets, through the whole scanner.

Builds the files with real tools (python-docx, fpdf2, openpyxl, msoffcrypto-tool,
zipfile) into a temporary folder, then times `Scanner.scan` on a draft carrying each
one to an outside recipient, warm, and prints p50/p95 and the verdict. The zip bomb
also reports the growth of peak RSS. Needs the test extras (`pip install -e .[test]`).

    python -m bench.attachments [--runs N]
"""

import argparse
import base64
import io
import random
import resource
import statistics
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from service.schemas.scan import ScanRequest
from service.scanner import build_scanner

_FIRST = ["Olivia", "Jakub", "Aisha", "Chidi", "Mei", "Oisin", "Zara", "Tomasz", "Amara", "Ravi", "Sofia", "Kwame"]
_LAST = ["Smith", "Nowak", "Begum", "Okonkwo", "Chen", "Murphy", "Khan", "Kowalski", "Okafor", "Patel", "Silva", "Mensah"]
_SENTENCES = (
    "The curriculum review covered reading, phonics and the maths mastery approach across the key stages.",
    "Staff discussed assessment timings, moderation with partner schools and the new homework policy.",
    "Attendance for the autumn term was slightly above the national average for primary schools.",
    "The governors agreed the budget for the library refurbishment and the new playground markings.",
    "Subject leaders will present their action plans at the next staff meeting in the main hall.",
    "The trust's estates team has scheduled the boiler replacement for the February half term.",
    "Parents' evening feedback was positive, particularly about the reading records and homework clubs.",
    "The science week programme includes visits from a local engineering firm and the county museum.",
)


def _docx(path: Path, size: int) -> None:
    """A report as schools write them: about 200 KB of prose and a photograph, ~1 MB in all."""
    import docx
    from PIL import Image

    rng = random.Random(1)
    document = docx.Document()
    for _ in range(200_000 // 800):
        document.add_paragraph(" ".join(rng.choice(_SENTENCES) for _ in range(8)))
    noise = Image.frombytes("RGB", (480, 480), rng.randbytes(480 * 480 * 3))
    picture = io.BytesIO()
    noise.save(picture, format="PNG")
    picture.seek(0)
    document.add_picture(picture)
    document.save(path)
    while path.stat().st_size < size * 0.95:  # top up with prose if the picture came out small
        document.add_paragraph(" ".join(rng.choice(_SENTENCES) for _ in range(400)))
        document.save(path)


def _pdf(path: Path, size: int) -> None:
    from fpdf import FPDF

    rng = random.Random(3)
    pdf = FPDF()
    pdf.set_font("Helvetica", size=8)
    pdf.set_compression(False)
    # About 4 KB of page content per page of text.
    for _ in range(size // 4000 + 1):
        pdf.add_page()
        pdf.multi_cell(0, 5, " ".join(rng.choice(_SENTENCES) for _ in range(36)))
    path.write_bytes(bytes(pdf.output()))


def _xlsx(path: Path, rows: int) -> None:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Pupils")
    sheet.append(["UPN", "Forename", "Surname", "DOB", "Postcode", "SEN", "Medical"])
    rng = random.Random(2)
    for i in range(rows):
        sheet.append(
            [f"A{rng.randrange(10**12):012d}", rng.choice(_FIRST), rng.choice(_LAST),
             f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/20{rng.randint(10, 19)}",
             f"ME{rng.randint(1, 20)} {rng.randint(1, 9)}AB", rng.choice(["", "K", "E"]), rng.choice(["", "Asthma"])]
        )
    book.save(path)


def _encrypted(path: Path, source: Path) -> None:
    import msoffcrypto.format.ooxml as ooxml

    with source.open("rb") as plain, path.open("wb") as out:
        ooxml.OOXMLFile(plain).encrypt("Bluebird#2026", out)


def _zip_bomb(path: Path, uncompressed: int) -> None:
    chunk = b"\0" * (1024 * 1024)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open("zeros.csv", "w", force_zip64=True) as entry:
            for _ in range(uncompressed // len(chunk)):
                entry.write(chunk)


def _request(path: Path) -> ScanRequest:
    data = path.read_bytes()
    return ScanRequest.model_validate(
        {
            "message": {
                "subject": "Files for you",
                "body": {"content": "Hello,\n\nPlease find the file attached.\n\nKind regards\nTom Jones", "type": "text"},
                "from": {"address": "t.jones@oakfield.sch.uk", "name": "Tom Jones"},
                "to": [{"address": "bookings@adventure-trips.co.uk"}],
                "attachments": [
                    {"name": path.name, "size": len(data), "content_base64": base64.b64encode(data).decode()}
                ],
            }
        }
    )


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args(argv)

    folder = Path(tempfile.mkdtemp(prefix="sendguard-bench-"))
    builders: list[tuple[str, str, Callable[[Path], None]]] = [
        ("1 MB docx", "minutes.docx", lambda p: _docx(p, 1_000_000)),
        ("1 MB text PDF", "minutes.pdf", lambda p: _pdf(p, 1_000_000)),
        ("10,000-row pupil xlsx", "pupils.xlsx", lambda p: _xlsx(p, 10_000)),
        ("encrypted xlsx", "pupils-locked.xlsx", lambda p: _encrypted(p, folder / "pupils.xlsx")),
        ("zip bomb (1 GB of zeros)", "bomb.zip", lambda p: _zip_bomb(p, 1024 * 1024 * 1024)),
    ]
    scanner = build_scanner()
    print(f"{'case':28s} {'file KB':>8s} {'p50 ms':>8s} {'p95 ms':>8s} {'max ms':>8s}  verdict  RSS growth MB")
    for label, name, build in builders:
        path = folder / name
        build(path)
        request = _request(path)
        before = _peak_rss_mb()
        result = scanner.scan(request)  # warm-up, and the verdict shown
        growth = _peak_rss_mb() - before
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            scanner.scan(request)
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
        rules = ",".join(f.rule for f in result.findings) or "-"
        print(
            f"{label:28s} {path.stat().st_size // 1024:8d} {statistics.median(times):8.1f} {p95:8.1f} "
            f"{times[-1]:8.1f}  {result.action:7s}  {growth:6.1f}   {rules}"
        )
    print(f"\n{args.runs} warm runs each, one process, one scan at a time; files in {folder}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

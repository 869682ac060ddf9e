"""Protect this file: time to protect a ~1 MB Word, Excel, PDF and other file.

    python -m bench.protect              # about a minute
    python -m bench.protect --runs 5     # quicker

DESIGN.md budget: POST /v1/protect for a 1 MB Office file <= 1 s. Two figures a file:
`protect_file` in this process (checking and encrypting), and POST /v1/protect to a
real `sendguard serve` on loopback (base64 and JSON both ways included; the server
runs with development sign-in, so no token checking is timed). Files are made with
python-docx, openpyxl, fpdf2 and random bytes; p50 and p95 of the runs are printed.
"""

import argparse
import base64
import io
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx

TARGET_BYTES = 1024 * 1024


def _noise_png(size: int) -> bytes:
    from PIL import Image

    side = int((size / 3) ** 0.5)
    out = io.BytesIO()
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(out, format="PNG")
    return out.getvalue()


def make_docx() -> bytes:
    """A letter with a photo in it: Word files reach 1 MB through pictures, not text."""
    import docx

    document = docx.Document()
    for i in range(200):
        document.add_paragraph(f"Paragraph {i}: notes on the annual review, attendance and the agreed support. " * 3)
    document.add_picture(io.BytesIO(_noise_png(TARGET_BYTES - 40_000)))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_xlsx() -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Pupil", "Year", "Group", "Score", "Reference", "Notes"])
    i = 0
    while True:
        for _ in range(2000):
            i += 1
            sheet.append([f"Pupil {i:06d}", 7 + i % 5, f"G{i % 13}", (i * 37) % 101, os.urandom(6).hex(),
                          f"Reading age {i % 17} months ahead; {os.urandom(4).hex()}"])
        out = io.BytesIO()
        workbook.save(out)
        if out.tell() >= TARGET_BYTES:
            return out.getvalue()


def make_pdf() -> bytes:
    from fpdf import FPDF

    def pdf_of(pages: int) -> bytes:
        pdf = FPDF()
        pdf.set_font("helvetica", size=10)
        for page in range(pages):
            pdf.add_page()
            pdf.multi_cell(0, 5, text=f"Page {page}. " + " ".join(os.urandom(4).hex() for _ in range(500)))
        return bytes(pdf.output())

    sample = pdf_of(20)
    return pdf_of(int(20 * TARGET_BYTES / len(sample)) + 1)


def make_other() -> bytes:
    return os.urandom(TARGET_BYTES)


FILES: dict[str, tuple[str, Callable[[], bytes]]] = {
    "docx": ("review.docx", make_docx),
    "xlsx": ("register.xlsx", make_xlsx),
    "pdf": ("plan.pdf", make_pdf),
    "zip": ("photo.heic", make_other),
}


def _percentiles(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _serve() -> tuple[str, object]:
    from tests.serving import clean_environment, launch

    folder = Path(tempfile.mkdtemp(prefix="sendguard-bench-protect-"))
    env = clean_environment(SENDGUARD_AUTH_MODE="dev", SENDGUARD_DATA_DIR=str(folder))
    return launch(env, folder / "server.log")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    from service.protect import protect_file
    from tests.serving import stop

    made = {kind: (name, make()) for kind, (name, make) in FILES.items()}
    base_url, process = _serve()
    try:
        print(f"{'file':6} {'size':>9}  {'in process p50/p95':>20}  {'POST /v1/protect p50/p95':>26}")
        with httpx.Client(base_url=base_url, timeout=60) as client:
            for kind, (name, data) in made.items():
                protect_file(name, data)  # first-call costs (imports) are not the steady state
                local = []
                for _ in range(args.runs):
                    started = time.perf_counter()
                    protect_file(name, data)
                    local.append(time.perf_counter() - started)
                body = {"attachment": {"name": name, "content_type": None,
                                       "content_base64": base64.b64encode(data).decode("ascii")}}
                served = []
                for _ in range(args.runs + 1):
                    started = time.perf_counter()
                    response = client.post("/v1/protect", json=body)
                    served.append(time.perf_counter() - started)
                    response.raise_for_status()
                local_p50, local_p95 = _percentiles(local)
                served_p50, served_p95 = _percentiles(served[1:])
                print(f"{kind:6} {len(data) / 1024:>7.0f}KB  {local_p50 * 1000:>8.0f} / {local_p95 * 1000:>4.0f} ms"
                      f"  {served_p50 * 1000:>14.0f} / {served_p95 * 1000:>4.0f} ms")
    finally:
        stop(process)  # type: ignore[arg-type]
    print(f"\nruns: {args.runs} each; budget (DESIGN.md): POST /v1/protect, 1 MB Office file <= 1000 ms")


if __name__ == "__main__":
    main()

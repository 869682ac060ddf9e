#!/usr/bin/env python3
"""Rebuild the attachments of the fifth sealed set (corpus/sealed5/drafts/files/).

Everything is invented. Identifiers are checksum-valid on purpose and belong to no one;
phones are Ofcom drama numbers. Run from anywhere:

    .venv/bin/python corpus/sealed5/make_files.py

Plain files come out byte for byte the same on each run (fixed document dates and zip
times); the encrypted ones draw a fresh salt each time.
"""
import csv
import datetime
import io
import pathlib
import re
import zipfile

import docx
from msoffcrypto.format.ooxml import OOXMLFile
import openpyxl
from pypdf import PdfReader, PdfWriter

OUT = pathlib.Path(__file__).resolve().parent / "drafts" / "files"
FIXED = datetime.datetime(2026, 1, 12, 9, 0, 0)
PW_XLSX = "Otter-Lantern-82"      # quoted by some drafts on purpose
PW_PDF = "Harbour-Violet-19"      # quoted by some drafts on purpose
PW_DOCX = "Saffron-Kettle-47"


# ---------------------------------------------------------------- helpers

def fixed_zip(data: bytes) -> bytes:
    """Rewrite an OOXML zip with fixed entry times so reruns are byte-identical."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            new = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 12, 9, 0, 0))
            new.compress_type = zipfile.ZIP_DEFLATED
            new.external_attr = info.external_attr
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the time of saving
                body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2026-01-12T09:00:00Z", body)
            dst.writestr(new, body)
    return buf.getvalue()


def save_docx(d: docx.Document, name: str) -> bytes:
    cp = d.core_properties
    cp.author = "Oakfield Learning Trust"
    cp.last_modified_by = "Oakfield Learning Trust"
    cp.created = FIXED
    cp.modified = FIXED
    cp.revision = 1
    buf = io.BytesIO()
    d.save(buf)
    data = fixed_zip(buf.getvalue())
    (OUT / name).write_bytes(data)
    return data


def save_xlsx(wb: openpyxl.Workbook, name: str) -> bytes:
    wb.properties.creator = "Oakfield Learning Trust"
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    buf = io.BytesIO()
    wb.save(buf)
    data = fixed_zip(buf.getvalue())
    (OUT / name).write_bytes(data)
    return data


def encrypt_office(plain: bytes, name: str, password: str):
    out = io.BytesIO()
    OOXMLFile(io.BytesIO(plain)).encrypt(password, out)
    (OUT / name).write_bytes(out.getvalue())


def pdf_bytes(lines, title="Document") -> bytes:
    """A small text PDF written by hand (Helvetica, one page per 48 lines)."""
    def esc(s):
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    pages = [lines[i:i + 48] for i in range(0, len(lines), 48)] or [[]]
    objs = []
    n_pages = len(pages)
    # 1 catalog, 2 pages, 3 font, 4 info, then (page, content) pairs
    kids = " ".join(f"{5 + 2 * i} 0 R" for i in range(n_pages))
    objs.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objs.append(f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode())
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    objs.append(f"<< /Title ({esc(title)}) /Producer (sealed5 make_files) /CreationDate (D:20260112090000Z) >>".encode("latin-1"))
    for i, page in enumerate(pages):
        content_id = 6 + 2 * i
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                    f"/Resources << /Font << /F1 3 0 R >> >> /Contents {content_id} 0 R >>".encode())
        parts = ["BT", "/F1 10 Tf", "14 TL", "50 800 Td"]
        for ln in page:
            parts.append(f"({esc(ln)}) Tj T*")
        parts.append("ET")
        stream = "\n".join(parts).encode("cp1252")
        objs.append(b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(out.tell())
        out.write(f"{i} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R /Info 4 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def save_pdf(lines, name, title):
    data = pdf_bytes(lines, title)
    (OUT / name).write_bytes(data)
    return data


def encrypt_pdf(plain: bytes, name: str, password: str):
    w = PdfWriter(clone_from=PdfReader(io.BytesIO(plain)))
    w.encrypt(user_password=password, owner_password=password + "-owner", algorithm="AES-256")
    buf = io.BytesIO()
    w.write(buf)
    (OUT / name).write_bytes(buf.getvalue())


# ---------------------------------------------------------------- the files

def spelling_list():
    d = docx.Document()
    d.add_heading("Year 2 spellings - spring term, weeks 1-6", 1)
    d.add_paragraph("Practise five minutes a day: look, say, cover, write, check. Tests are on Fridays.")
    t = d.add_table(rows=1, cols=3)
    t.rows[0].cells[0].text, t.rows[0].cells[1].text, t.rows[0].cells[2].text = "Week", "Rule", "Words"
    for w, r, words in [("1", "-dge at the end", "badge, edge, bridge, fudge"),
                        ("2", "kn- and gn-", "knock, know, gnat, gnaw"),
                        ("3", "-le endings", "table, apple, bottle, little"),
                        ("4", "-tion", "station, fiction, motion, nation"),
                        ("5", "contractions", "can't, didn't, it's, couldn't"),
                        ("6", "homophones", "there, their, they're, bear, bare")]:
        c = t.add_row().cells
        c[0].text, c[1].text, c[2].text = w, r, words
    d.add_paragraph("Our class reader this half term is The Owl Who Was Afraid of the Dark.")
    save_docx(d, "year2_spellings_spring.docx")


def risk_assessment():
    d = docx.Document()
    d.add_heading("Risk assessment: Year 8 coasteering day (generic)", 1)
    d.add_paragraph("Activity leader: Trip Leader. Provider: licensed adventure centre (AALA). Ratio 1:8.")
    t = d.add_table(rows=1, cols=3)
    t.rows[0].cells[0].text, t.rows[0].cells[1].text, t.rows[0].cells[2].text = "Hazard", "Who", "Control"
    for h, w, c in [("Cold water shock", "All pupils", "Wetsuits, gradual entry, instructor briefing"),
                    ("Asthma or allergy on the rocks", "Pupils with known conditions",
                     "Inhalers and auto-injectors carried by staff; medical forms checked the week before"),
                    ("Tides and swell", "All", "Tide times checked; centre can cancel on the day"),
                    ("Jumps", "All", "No jumps above 3 m; depth checked by instructor")]:
        r = t.add_row().cells
        r[0].text, r[1].text, r[2].text = h, w, c
    d.add_paragraph("Parents are asked to tell the trip leader of any medical needs on the consent form.")
    save_docx(d, "risk_assessment_coasteering_Y8.docx")


TRIP_ROWS = [
    ("Finlay", "Garside", "6M", "Type 1 diabetes - Libre sensor, insulin pen", "671 127 8747"),
    ("Ama", "Boateng", "6M", "Sleepwalks - room near staff", "601 261 5493"),
    ("Jakub", "Wróbel", "6L", "Bedwetting - spare sleeping bag", "697 724 0709"),
    ("Saffron", "Achterberg", "6L", "Nut allergy - EpiPen x2", "499 022 1451"),
    ("Tobiah", "Mensah-Clarke", "6M", "None", ""),
]


def trip_medical():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Medical"
    ws.append(["Kingswood residential - Year 6 - medical and care needs (CONFIDENTIAL)"])
    ws.append([])
    ws.append(["First name", "Surname", "Class", "Medical / care need", "NHS number"])
    for row in TRIP_ROWS:
        ws.append(list(row))
    ws2 = wb.create_sheet("Emergency contacts")
    ws2.append(["Pupil", "Contact", "Phone"])
    ws2.append(["Finlay Garside", "Rachel Garside (mum)", "07700 900511"])
    ws2.append(["Ama Boateng", "Kwabena Boateng (dad)", "07700 900512"])
    plain = save_xlsx(wb, "kingswood_medical_Y6.xlsx")
    encrypt_office(plain, "kingswood_medical_Y6_protected.xlsx", PW_XLSX)


def sen_register_csv():
    rows = [
        ["UPN", "Surname", "Forename", "Year", "SEN status", "Primary need"],
        ["E886203017704", "Haddadi", "Lina", "4", "K", "SLCN"],
        ["Q886989413860", "Brennan", "Harvey", "6", "E", "ASD"],
        ["L330233314511", "Crabtree", "Ellis", "3", "K", "SpLD (dyslexia)"],
        ["D887955817491", "Siddiqui", "Mariam", "3", "K", "ASD"],
    ]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    (OUT / "sen_register_autumn.csv").write_bytes(buf.getvalue().encode("utf-8"))


def cp_report():
    lines = [
        "Oakfield Primary - Report to Initial Child Protection Conference",
        "Child: Rafferty Cole    DOB: 14/03/2019    Year 2",
        "NHS number: 985 518 5919",
        "Author: Designated Safeguarding Lead",
        "",
        "1. Attendance this year: 87.4%, 11 late marks.",
        "2. Concerns: bruising to the upper arm (finger marks) seen 4 December;",
        "   Rafferty said his father grabbed him. Body map completed.",
        "3. Rafferty has been withdrawn in class and is hungry on Mondays.",
        "4. School supports a child protection plan under the category of physical abuse.",
    ]
    plain = save_pdf(lines, "icpc_report_RC.pdf", "ICPC report")
    encrypt_pdf(plain, "icpc_report_RC_protected.pdf", PW_PDF)


def newsletter():
    lines = [
        "Hollowfield Primary - Spring Newsletter 1",
        "",
        "Welcome back! Our value this half term is kindness.",
        "Year 4 swimming starts on 16 January. Year 6 SATs evening is 27 January.",
        "Allergy Awareness: we are a nut-free school - please check lunchboxes.",
        "Free school meals: if you think you may be eligible, the check takes five minutes.",
        "Chess club were county runners-up. The PTA raised 1,240 pounds at the fair.",
        "Our Year 3 class read Charlotte's Web and wrote letters to Wilbur.",
    ]
    save_pdf(lines, "hollowfield_newsletter_spring1.pdf", "Spring newsletter")


def return_to_work():
    d = docx.Document()
    d.add_heading("Return to work interview", 1)
    for k, v in [("Employee", "Ola Adeyemi"), ("Role", "Teacher, Year 3"),
                 ("Dates absent", "3 - 21 November"),
                 ("Reason given", "Miscarriage; signed off by GP"),
                 ("Support agreed", "Phased return over two weeks; referral to the Employee Assistance "
                                    "Programme counselling; no playground duty for a month"),
                 ("Occupational health", "Referral not needed at this stage")]:
        p = d.add_paragraph()
        p.add_run(k + ": ").bold = True
        p.add_run(v)
    save_docx(d, "return_to_work_OA.docx")


def corrupt_minutes():
    d = docx.Document()
    d.add_heading("Local Governing Body - minutes - 13 January", 1)
    for i in range(30):
        d.add_paragraph(f"Item {i + 1}: discussed and noted. Actions carried forward to the next meeting.")
    buf = io.BytesIO()
    d.save(buf)
    data = fixed_zip(buf.getvalue())
    (OUT / "lgb_minutes_jan.docx").write_bytes(data[: len(data) * 2 // 5])  # cut short: unreadable


def choir_list():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Choir"
    ws.append(["Trust Choir - Festival of Voices - singers"])
    ws.append(["Name", "School", "Part"])
    for r in [("Harmony Bello", "Oakfield Primary", "Soprano"), ("Ivo Petrov", "Oakfield Primary", "Alto"),
              ("Rosa Delgado", "Hollowfield Primary", "Soprano"), ("Cian Maguire", "Hollowfield Primary", "Alto"),
              ("Mei Lin Tan", "Oakfield Primary", "Soprano"), ("Patience Addo", "Hollowfield Primary", "Alto")]:
        ws.append(list(r))
    save_xlsx(wb, "choir_singers_festival.xlsx")


def report_other_child():
    lines = [
        "Oakfield Primary - End of term report - Autumn",
        "Pupil: Kacper Nowak    Class: 5W",
        "",
        "English: Kacper writes lively stories and has improved his handwriting.",
        "Maths: Secure with fractions; keep practising times tables at home.",
        "Science: Enjoyed the Earth and Space unit and asked great questions.",
        "Attitude: A kind member of the class who is always ready to help.",
        "Class teacher: Mr R Lindqvist",
    ]
    save_pdf(lines, "report_autumn_Kacper_Nowak.pdf", "End of term report")


def payroll_starters():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Starters"
    ws.append(["Name", "Start", "NI number", "Sort code", "Account", "Post"])
    ws.append(["Agnieszka Zielinska", "05/01/2026", "WP739105A", "", "", "TA2"])
    ws.append(["Bogdan Ionescu", "01/12/2025", "NE621844B", "", "", "Site assistant"])
    ws.append(["Ffion Rees", "05/01/2026", "JT482761C", "30-96-34", "81726354", "Admin officer"])
    save_xlsx(wb, "payroll_starters_jan.xlsx")


def ctf():
    xml = """<?xml version="1.0" encoding="UTF-8"?>
<CTfile>
  <Header>
    <DocumentName>Common Transfer File</DocumentName>
    <CTFversion>25.0</CTFversion>
    <SourceSchool><LEA>886</LEA><Estab>2030</Estab><SchoolName>Oakfield Primary</SchoolName></SourceSchool>
    <DestSchool><LEA>887</LEA><Estab>4112</Estab></DestSchool>
  </Header>
  <CTFpupilData>
    <Pupil>
      <UPN>E886203017704</UPN>
      <Surname>Haddadi</Surname><Forename>Lina</Forename>
      <DOB>2016-05-14</DOB><Gender>F</Gender>
      <BasicDetails><Ethnicity>AOTH</Ethnicity><FSMhistory>Y</FSMhistory></BasicDetails>
    </Pupil>
  </CTFpupilData>
</CTfile>
"""
    (OUT / "886_CTF_887_001.xml").write_bytes(xml.encode("utf-8"))


def invoice():
    lines = [
        "Brightwell Roofing Ltd - INVOICE 4471",
        "Unit 6, Riverside Trade Park, Aylesford",
        "To: Oakfield Learning Trust, Finance",
        "",
        "Gutter clearance and flashing repair, Block C         1,180.00",
        "VAT 20%                                                 236.00",
        "Total                                                1,416.00",
        "",
        "Pay to: Brightwell Roofing Ltd, sort code 40-12-76, account 55443322",
        "Payment terms 30 days. Thank you for your business.",
    ]
    save_pdf(lines, "invoice_brightwell_4471.pdf", "Invoice 4471")


def suspension_letter():
    d = docx.Document()
    d.add_paragraph("Oakfield Primary School, Sutton Road, Maidstone")
    d.add_paragraph("Mr J Rowntree")
    d.add_heading("Suspension of Dexter Rowntree (Year 5)", 2)
    d.add_paragraph("I am writing to confirm that Dexter has been suspended for two school days, "
                    "Thursday 15 and Friday 16 January, following a physical assault on a member of staff. "
                    "You have the right to make representations to the governing board.")
    d.add_paragraph("Carys Llewellyn, Headteacher")
    d.core_properties.title = "Suspension letter"
    buf = io.BytesIO()
    cp = d.core_properties
    cp.created = cp.modified = FIXED
    d.save(buf)
    plain = fixed_zip(buf.getvalue())
    encrypt_office(plain, "letter_from_head_DR_protected.docx", PW_DOCX)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for make in (spelling_list, risk_assessment, trip_medical, sen_register_csv, cp_report, newsletter,
                 return_to_work, corrupt_minutes, choir_list, report_other_child, payroll_starters, ctf,
                 invoice, suspension_letter):
        make()
    for p in sorted(OUT.iterdir()):
        print(f"{p.stat().st_size:7d}  {p.name}")


if __name__ == "__main__":
    main()

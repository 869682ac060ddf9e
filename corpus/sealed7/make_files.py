#!/usr/bin/env python3
"""Builds corpus/sealed7/drafts/files/. Everything invented. Reruns are byte-identical except
the encrypted files (fresh salt)."""
import csv
import io
import pathlib
import zipfile

import docx
import msoffcrypto
import openpyxl
from pypdf import PdfReader, PdfWriter

OUT = pathlib.Path(__file__).resolve().parent / "drafts" / "files"
OUT.mkdir(parents=True, exist_ok=True)
FIXED = (2026, 11, 20, 9, 0, 0)


def fix_zip(path):
    """Rewrite an OOXML zip with fixed times and a fixed core.xml date."""
    src = zipfile.ZipFile(path)
    items = [(i.filename, src.read(i.filename)) for i in src.infolist()]
    src.close()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in items:
            if name == "docProps/core.xml":
                import re
                data = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2026-11-20T09:00:00Z", data)
            zi = zipfile.ZipInfo(name, FIXED)
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)
    path.write_bytes(buf.getvalue())


def make_docx(name, title, paras, table=None):
    d = docx.Document()
    d.core_properties.author = "Oakfield"
    import datetime
    d.core_properties.created = datetime.datetime(2026, 11, 20, 9, 0, 0)
    d.core_properties.modified = datetime.datetime(2026, 11, 20, 9, 0, 0)
    d.add_heading(title, 1)
    for p in paras:
        d.add_paragraph(p)
    if table:
        t = d.add_table(rows=0, cols=len(table[0]))
        for row in table:
            cells = t.add_row().cells
            for c, v in zip(cells, row):
                c.text = v
    p = OUT / name
    d.save(p)
    fix_zip(p)
    return p


def make_xlsx(name, sheets):
    wb = openpyxl.Workbook()
    first = True
    for title, rows in sheets:
        ws = wb.active if first else wb.create_sheet()
        first = False
        ws.title = title
        for r in rows:
            ws.append(r)
    p = OUT / name
    wb.save(p)
    fix_zip(p)
    return p


def pdf_escape(s):
    return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(name, lines):
    y = 800
    parts = ["BT /F1 10 Tf"]
    for ln in lines:
        parts.append(f"1 0 0 1 50 {y} Tm ({pdf_escape(ln)}) Tj")
        y -= 14
    parts.append("ET")
    stream = "\n".join(parts).encode("latin-1")
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offs = []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += f"{i} 0 obj\n".encode() + o + b"\nendobj\n"
    x = len(out)
    out += f"xref\n0 {len(objs)+1}\n0000000000 65535 f \n".encode()
    for o in offs:
        out += f"{o:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objs)+1} /Root 1 0 R >>\nstartxref\n{x}\n%%EOF\n".encode()
    p = OUT / name
    p.write_bytes(bytes(out))
    return p


def encrypt_office(src, name, password):
    f = msoffcrypto.OfficeFile(open(src, "rb"))
    with open(OUT / name, "wb") as out:
        f.encrypt(password, out)


def encrypt_pdf(src, name, password):
    r = PdfReader(str(src))
    w = PdfWriter()
    for pg in r.pages:
        w.add_page(pg)
    w.encrypt(user_password=password, owner_password=password + "-owner", algorithm="AES-256")
    with open(OUT / name, "wb") as f:
        w.write(f)


# ---- clean ----
make_docx("y8_reading_list_autumn.docx", "Year 8 reading list - autumn term", [
    "Wonder by R. J. Palacio (Auggie Pullman starts school).",
    "The Boy at the Back of the Class by Onjali Q. Rauf.",
    "Noughts and Crosses by Malorie Blackman (Sephy and Callum).",
    "I Am Malala - biography. Greta Thunberg - No One Is Too Small to Make a Difference.",
    "Please return library books to the LRC by Friday 12 December.",
])
make_docx("risk_assessment_coastal_walk_Y5.docx", "Risk assessment - Year 5 coastal walk, Reculver", [
    "Group leader: class teacher. Ratio 1:6. First aider with the group.",
    "Pupils with asthma carry their own inhalers; allergy medication travels in the first aid bag.",
    "Tide times checked the day before. Mobile signal patchy near the towers.",
], table=[["Hazard", "Risk", "Control"], ["Cliff edge", "High", "Stay on the path, adults at the ends"],
          ["Tide", "Medium", "Walk only on a falling tide"], ["Sun", "Low", "Hats and sun cream"]])
make_pdf("newsletter_oakfield_autumn2.pdf", [
    "Oakfield Academy - Autumn 2 newsletter",
    "Diwali assembly led by Year 9 - thank you to everyone who brought diyas.",
    "Black History Month: our houses Seacole, Equiano and Johnson ran the quiz.",
    "Hanukkah and Christmas lunch on 17 December. Free school meals: check if you can apply.",
    "Anti-Bullying Week: odd socks day raised 412 pounds for the Anna Freud Centre.",
    "Attendance this half term: 94.1 per cent. Well done 10K on 97.3.",
])
make_pdf("invoice_harbourside_minibus_4471.pdf", [
    "Harbourside Minibus Hire Ltd, Unit 6, Quayside Trading Estate, Whitstable",
    "Invoice 4471 to Oakfield Academy - Year 5 coastal walk, 2 x 16-seat minibus",
    "Total 385.00 GBP. Pay to Harbourside Minibus Hire Ltd, sort code 40-11-62, account 30984417",
    "Company registration 09876543. VAT GB 123 4567 89.",
])
make_xlsx("y10_options_timetable.xlsx", [("10X", [
    ["Period", "Mon", "Tue", "Wed", "Thu", "Fri"],
    [1, "Geography", "Maths", "Spanish", "Science", "English"],
    [2, "Art", "Computing", "Maths", "PE", "History"],
    [3, "English", "Science", "RE", "Music", "Maths"]])])

# ---- personal data, plain ----
dcp = make_docx("diabetes_care_plan_LM.docx", "Individual healthcare plan - Lucía Mamani, 7M", [
    "Condition: type 1 diabetes, diagnosed March 2024. Uses a Dexcom sensor and insulin pen.",
    "DOB 14/02/2014. NHS number 439 950 7624. UPN T807707687025.",
    "Hypo signs: shaky, pale, cross. Give 4 glucose tablets, recheck after 15 minutes.",
    "Mother: Rosa Mamani, 07700 900418. Diabetes nurse: Kent Community Health, ext 4411.",
])
ea = make_xlsx("exam_access_y13.xlsx", [
    ("Access arrangements 2027", [
        ["Year 13 access arrangements - summer 2027"],
        ["Candidate", "Need", "Arrangement"],
        ["Tariq Haddad", "dyslexia", "25% extra time, word processor"],
        ["Ngozi Ebere-Walsh", "visual impairment", "modified papers A3, reader"],
        ["Bilal Qureshi", "anxiety (CAMHS)", "rest breaks, separate room"],
        ["Freya Sigurdsdottir", "hypermobility", "word processor, rest breaks"]]),
    ("Invigilators", [["Name", "Room"], ["Mrs Achieng", "Library"], ["Mr Tamm", "S4"]]),
])
with open(OUT / "pupil_premium_tracker_y6.csv", "w", encoding="utf-8-sig", newline="") as f:
    w = csv.writer(f, lineterminator="\r\n")
    w.writerow(["SURNAME", "FORENAME", "UPN", "PP", "FSM", "CLA"])
    w.writerow(["NDIAYE", "Awa", "Z810907334451", "Y", "Y", "N"])
    w.writerow(["DELA CRUZ", "Miguel", "J877974831251", "Y", "N", "Y"])
    w.writerow(["PETROV", "Yoana", "Y931513063481", "Y", "Y", "N"])
    w.writerow(["QUISPE", "Mateo", "X857789093523", "Y", "Y", "N"])
dsl = make_pdf("dsl_chronology_notes.pdf", [
    "CONFIDENTIAL - safeguarding chronology - Kwame Asante-Boateng, 9R",
    "03/11 Kwame said his step-dad hit him with a belt; red mark on his forearm seen by DSL.",
    "03/11 Referral to front door, strategy discussion, Section 47 enquiry opened.",
    "10/11 Child protection conference booked. Kwame staying with his aunt in Gillingham.",
])
make_xlsx("staff_absence_returns_T2.xlsx", [("Returns", [
    ["Staff", "Days", "Reason", "Return to work"],
    ["Olena Kravets", 3, "migraine", "done"],
    ["Dafydd Pryce", 10, "knee surgery", "phased return"],
    ["Shabnam Rezaei", 5, "anxiety and low mood", "OH referral"],
    ["Tomasz Wrona", 1, "gastroenteritis", "done"]])])
make_xlsx("ski_trip_passport_list.xlsx", [("Ski trip", [
    ["Pupil", "Passport", "Deposit paid"],
    ["Isla Jónsdóttir", "925417368", 250],
    ["Ravi Ganeshan", "538264190", 250],
    ["Mei Lin Zhou", "761093825", 250],
    ["Kofi Mensah-Odoi", "402857316", 0]])])
make_docx("exclusion_letter_TB.docx", "Notice of permanent exclusion", [
    "Dear Mr and Mrs Beridze,",
    "I am writing to tell you that I have decided to permanently exclude Tornike Beridze (10P) "
    "from 24 November 2026, following the supply of cannabis to other pupils on site.",
    "You have the right to ask the governing board to consider reinstatement.",
    "Headteacher, Oakfield Academy",
])
make_pdf("report_autumn_Noa_Haddad.pdf", [
    "Oakfield Academy - autumn report - Noa Haddad, 8T",
    "English: Noa writes with flair and reads widely. Maths: secure, keep practising fractions.",
    "Science: a careful practical worker. Attendance 97 per cent.",
])

# ---- CTF ----
(OUT / "886_CTF_887_004.xml").write_text("""<?xml version="1.0" encoding="UTF-8"?>
<CTfile>
 <Header><DocumentName>Common Transfer File</DocumentName><CTFversion>23.0</CTFversion>
  <SourceSchool><LEA>886</LEA><Estab>4021</Estab><SchoolName>Oakfield Academy</SchoolName></SourceSchool>
  <DestSchool><LEA>887</LEA><Estab>4107</Estab></DestSchool></Header>
 <CTFpupilData><Pupil>
  <UPN>C852170595921</UPN><Surname>Fifita</Surname><Forename>Sione</Forename><DOB>2013-05-09</DOB>
  <Gender>M</Gender><BasicDetails><Ethnicity>MOTH</Ethnicity></BasicDetails>
  <FSMhistory><FSMstartDate>2024-09-01</FSMstartDate></FSMhistory>
  <SENhistory><SENprovision>K</SENprovision><SENneeds><Need>SLCN</Need></SENneeds></SENhistory>
 </Pupil></CTFpupilData>
</CTfile>
""", encoding="utf-8")

# ---- protected ----
encrypt_office(dcp, "diabetes_care_plan_LM_protected.docx", "Heron-Lantern-45")
encrypt_office(ea, "exam_access_y13_protected.xlsx", "Maple-Orbit-19")
encrypt_pdf(dsl, "dsl_chronology_notes_protected.pdf", "Pebble-Forest-82")

# ---- unreadable ----
g = make_docx("governors_finance_cut.docx", "Finance committee - part B", [
    "Restructure of the site team: two posts at risk.",
])
data = g.read_bytes()
g.write_bytes(data[: len(data) * 2 // 5])

for p in sorted(OUT.iterdir()):
    print(f"{p.name}\t{p.stat().st_size}")

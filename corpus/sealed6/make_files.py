#!/usr/bin/env python3
"""Build the attachments of the sixth sealed set (s6-) into drafts/files/.

Everything is invented. Run from the repository root:
    PYTHONPATH=. .venv/bin/python corpus/sealed6/make_files.py
Reruns give the same bytes except the three encrypted files (fresh salt).
"""
import io
import pathlib
import re
import zipfile

import docx
from msoffcrypto.format.ooxml import OOXMLFile
import openpyxl
from pypdf import PdfReader, PdfWriter
import datetime

HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE / "drafts" / "files"
FIXED = datetime.datetime(2026, 11, 23, 9, 0, 0)


def normalise_zip(data):
    """Rewrite an OOXML zip with fixed entry times so reruns give the same bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=(2026, 11, 23, 9, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)",
                              rb"\g<1>2026-11-23T09:00:00Z\g<2>", data)
            dst.writestr(zi, data)
    return buf.getvalue()


def save_docx(name, title, paras, table=None):
    d = docx.Document()
    d.core_properties.created = FIXED
    d.core_properties.modified = FIXED
    d.core_properties.author = "Oakfield Learning Trust"
    d.core_properties.last_modified_by = "Oakfield Learning Trust"
    d.add_heading(title, 1)
    for p in paras:
        d.add_paragraph(p)
    if table:
        t = d.add_table(rows=0, cols=len(table[0]))
        for row in table:
            cells = t.add_row().cells
            for c, v in zip(cells, row):
                c.text = v
    buf = io.BytesIO()
    d.save(buf)
    data = normalise_zip(buf.getvalue())
    (OUT / name).write_bytes(data)
    return data


def save_xlsx(name, sheets):
    wb = openpyxl.Workbook()
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    wb.properties.creator = "Oakfield Learning Trust"
    first = True
    for title, rows in sheets:
        ws = wb.active if first else wb.create_sheet()
        first = False
        ws.title = title
        for r in rows:
            ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    data = normalise_zip(buf.getvalue())
    (OUT / name).write_bytes(data)
    return data


def pdf_bytes(lines):
    """A plain-text PDF written by hand (Helvetica, one page)."""
    def esc(s):
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    content = ["BT", "/F1 11 Tf", "14 TL", "56 790 Td"]
    for ln in lines:
        content.append(f"({esc(ln)}) Tj T*")
    content.append("ET")
    stream = "\n".join(content).encode("latin-1")
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(f"{i} 0 obj\n".encode() + o + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def save_pdf(name, lines):
    data = pdf_bytes(lines)
    (OUT / name).write_bytes(data)
    return data


def protect_office(src_data, name, password):
    f = OOXMLFile(io.BytesIO(src_data))
    buf = io.BytesIO()
    f.encrypt(password, buf)
    (OUT / name).write_bytes(buf.getvalue())


def protect_pdf(src_data, name, password):
    w = PdfWriter()
    for p in PdfReader(io.BytesIO(src_data)).pages:
        w.add_page(p)
    w.encrypt(user_password=password, owner_password=password + "-owner", algorithm="AES-256")
    buf = io.BytesIO()
    w.write(buf)
    (OUT / name).write_bytes(buf.getvalue())


def main():
    OUT.mkdir(parents=True, exist_ok=True)

    # ---- clean -------------------------------------------------------------------
    save_docx("year4_reading_list_summer.docx", "Year 4 summer reading list", [
        "Twelve books for the holidays. Borrow them from the school library before 17 July.",
        "The Story of Tracy Beaker - Jacqueline Wilson (life in a children's home, told by Tracy herself)",
        "Matilda - Roald Dahl",
        "The Boy at the Back of the Class - Onjali Q. Rauf (a refugee boy joins the class)",
        "Wonder - R. J. Palacio",
        "El Deafo - Cece Bell (a graphic memoir about growing up with hearing aids)",
        "Hidden Figures (young readers' edition) - Margot Lee Shetterly",
        "Holes - Louis Sachar (Stanley Yelnats and the curse)",
        "Charlotte's Web - E. B. White",
        "Varjak Paw - S. F. Said",
        "Malala: My Story of Standing Up for Girls' Rights - Malala Yousafzai",
        "The Girl Who Drank the Moon - Kelly Barnhill",
        "Anisha, Accidental Detective - Serena Patel",
        "Reading challenge cards are in the book bags. Questions to Mrs Ruth in the library.",
    ])
    save_docx("risk_assessment_climbing_wall_Y7.docx", "Risk assessment: climbing wall taster, Year 7", [
        "Venue: Medway Adventure Centre indoor wall. Group size: 30 pupils, 4 staff, 2 instructors.",
        "Hazards: falls from height (auto-belays checked daily by the centre), trapped fingers, "
        "over-exertion.",
        "Pupils with asthma bring their own inhaler; pupils with allergies bring their own "
        "auto-injectors. The trip lead carries the medical bag and the first aid kit.",
        "Staff check the medical consent forms before departure. No pupil climbs above the red "
        "line without an instructor.",
        "Emergency procedure: instructor lowers the climber, first aider attends, office informed.",
    ], table=[["Hazard", "Risk", "Control"],
              ["Fall from height", "Medium", "Auto-belay, harness check by instructor"],
              ["Asthma attack", "Low", "Own inhaler carried, staff briefed"],
              ["Lost pupil", "Low", "Buddy system, head counts every hour"]])
    save_pdf("newsletter_hollowfield_summer1.pdf", [
        "Hollowfield Primary - Summer newsletter 1",
        "Eid al-Adha: school is open as usual; families may request a day for the festival.",
        "Our Year 5 debate on Marcus Rashford's free school meals campaign was superb.",
        "Mental Health Awareness Week: the theme is movement. Walk to school on Wednesday!",
        "Universal infant free school meals: every child in Reception to Year 2 gets a free lunch.",
        "The kitchen is nut free. Halal and vegetarian options every day.",
        "Sports day: Curie, Turing and Lovelace houses compete on 2 July.",
        "Class photographs: order online by 20 June.",
        "Young Carers Awareness Day is on 30 January; the charity's leaflets are in the office.",
    ])
    save_pdf("invoice_kestrel_coaches_2207.pdf", [
        "Kestrel Coaches Ltd  Invoice 2207",
        "Unit 4, Anchor Business Park, Sittingbourne",
        "To: Oakfield Academy, Finance Office",
        "Coach hire 48 seats, Chatham Dockyard return, 14 May      GBP 465.00",
        "VAT                                                    GBP 93.00",
        "Total                                                  GBP 558.00",
        "Pay by BACS to Kestrel Coaches Ltd, sort code 30-94-57, account 01843392.",
        "Company no. 08813345. VAT GB 311 4772 08.",
    ])
    save_xlsx("ks3_timetable_8R.xlsx", [("8R", [
        ["Period", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
        [1, "Maths S4", "English E2", "Science L3", "French F1", "PE Gym"],
        [2, "History H1", "Maths S4", "Art A2", "English E2", "Science L3"],
        [3, "Geography H2", "RE H3", "Maths S4", "Music M1", "Computing C2"],
        [4, "English E2", "Science L3", "PE Field", "Maths S4", "Drama D1"],
        [5, "DT T1", "PSHE Form", "French F1", "History H1", "Library"],
    ])])

    # ---- personal data, plain -----------------------------------------------------
    care_plan = save_docx("epilepsy_care_plan_YT.docx", "Individual healthcare plan - Yonatan Tesfaye", [
        "Pupil: Yonatan Tesfaye, Year 3 Kestrel class. Date of birth: 19/02/2018.",
        "NHS number: 551 191 8857. GP: Brookfield Surgery.",
        "Condition: epilepsy (focal seizures with impaired awareness), diagnosed May 2024.",
        "Medication: buccal midazolam kept in the office cupboard, labelled, with the plan.",
        "Signs: stares, lip-smacking, picks at clothing, does not respond for up to two minutes.",
        "Action: time the seizure, keep him safe, give buccal midazolam after five minutes and "
        "call 999. Phone mum, Mrs Saba Tesfaye, on 07700 900417.",
        "Trained staff: Mr Gurung, Miss Oyelaran, Mrs Nagy.",
    ])
    access = save_xlsx("access_arrangements_y11.xlsx", [
        ("Summer series", [
            ["Year 11 access arrangements - summer series", None, None, None],
            ["Candidate", "Cand. no.", "Arrangement", "Evidence"],
            ["Kovács, Levente", "4031", "25% extra time, reader", "Form 8, dyslexia"],
            ["Perera, Nadeesha", "4058", "Separate room, rest breaks", "Anxiety, CAMHS letter"],
            ["Moyo, Tinashe", "4077", "Scribe", "Broken wrist (temporary)"],
            ["Rahimi, Darya", "4102", "Modified papers (A3)", "Visual impairment, QTVI report"],
            ["Dvořák, Tomáš", "4119", "25% extra time", "ADHD, paediatrician letter"],
        ]),
        ("Invigilators", [["Room", "Lead invigilator"], ["Library", "Mrs Pascoe"], ["M2", "Mr Otieno"]]),
    ])
    fsm = ("\ufeffSurname,Forename,UPN,Year,FSM,Eligible from\r\n"
           "GURUNG,Anjali,Q886120812487,4,Y,03/09/2025\r\n"
           "McDONAGH,Bridget,U886803234198,2,Y,14/10/2025\r\n"
           "SZABO,Bence,G886486151476,6,Y,06/01/2026\r\n"
           "OSMAN,Hawa,W886049239870,1,N,\r\n"
           "WANJIRU,Amani,E886847528870,5,Y,03/09/2025\r\n")
    (OUT / "free_meals_eligibility_autumn.csv").write_bytes(fsm.encode("utf-8"))
    lado = save_pdf("lado_referral_notes.pdf", [
        "CONFIDENTIAL - allegation against a member of staff",
        "Notes for the LADO consultation, 11 November 2026",
        "Staff member: Mr Callum Pascoe, PE teacher, Oakfield Academy.",
        "Allegation: a Year 9 pupil, Ilinca (surname withheld), says he grabbed her arm in the",
        "changing room corridor on 6 November. Bruise seen by the DSL, photographed.",
        "Mr Pascoe has a previous written warning (2023) for inappropriate messages to a pupil.",
        "Action agreed: suspension on full pay pending a strategy meeting.",
        "DSL: Mrs Jayasuriya.",
    ])
    save_xlsx("staff_sickness_returns_T1.xlsx", [("Autumn 1", [
        ["Staff member", "Days", "Reason given", "RTW meeting"],
        ["Hannah Field", 3, "Migraine", "Done"],
        ["Kofi Otieno", 10, "Hernia operation", "Done, phased return"],
        ["Erzsébet Nagy", 2, "Stomach bug", "Done"],
        ["Rhys Trelawny", 15, "Stress - GP fit note", "OH referral made"],
    ])])
    save_xlsx("deposit_list_barcelona_trip.xlsx", [("Deposits", [
        ["Barcelona trip deposits (GBP 150)", None, None],
        ["Student", "Tutor group", "Paid"],
        ["Sofia Restrepo", "10K", "Yes"],
        ["Haruto Sato", "10K", "Yes"],
        ["Bliss Okonjo-Hart", "10M", "No"],
        ["Jakub Novotný", "10M", "Yes"],
        ["Maisie Fox", "10P", "Yes"],
        ["Aarav Thapa", "10P", "No"],
    ])])
    save_pdf("report_spring_Amani_Wanjiru.pdf", [
        "Hollowfield Primary - Spring report",
        "Pupil: Amani Wanjiru    Class: Year 5 Swift",
        "Reading: reads widely and with expression; loved Varjak Paw.",
        "Writing: paragraphs are well organised; keep working on commas.",
        "Maths: confident with fractions, needs practice with long division.",
        "Attendance this term: 97%.",
        "Teacher: Mr Baker",
    ])
    save_docx("suspension_letter_NK.docx", "Suspension from school", [
        "Dear Mr and Mrs Kazlauskas,",
        "I am writing to tell you that I have decided to suspend Nojus for three school days, "
        "from 24 to 26 November 2026, for bringing a knife onto the school site.",
        "During the suspension Nojus must not be in a public place during school hours.",
        "You may make representations to the governing board about this decision.",
        "Yours sincerely, Mrs A. Lindqvist-Hale, Headteacher",
    ])

    # ---- Common Transfer File ------------------------------------------------------
    ctf = """<?xml version="1.0" encoding="UTF-8"?>
<CTfile>
  <Header>
    <DocumentName>Common Transfer File</DocumentName>
    <CTFversion>25.0</CTFversion>
    <DateTime>2026-11-20T10:14:00</DateTime>
    <DocumentQualifier>partial</DocumentQualifier>
    <SourceSchool><LEA>886</LEA><Estab>4031</Estab><SchoolName>Oakfield Academy</SchoolName></SourceSchool>
    <DestSchool><LEA>918</LEA><Estab>2207</Estab></DestSchool>
  </Header>
  <CTFpupilData>
    <Pupil>
      <UPN>D886032586347</UPN>
      <Surname>McDonagh</Surname><Forename>Patrick</Forename>
      <DOB>2013-03-08</DOB><Gender>M</Gender>
      <BasicDetails><Ethnicity>WIRT</Ethnicity><EnrolStatus>C</EnrolStatus></BasicDetails>
      <FSMhistory><FSMstartDate>2021-09-03</FSMstartDate></FSMhistory>
      <SENhistory><SEN><SENprovision>K</SENprovision></SEN></SENhistory>
    </Pupil>
  </CTFpupilData>
</CTfile>
"""
    (OUT / "886_CTF_918_003.xml").write_text(ctf, encoding="utf-8")

    # ---- protected -------------------------------------------------------------------
    protect_office(care_plan, "epilepsy_care_plan_YT_protected.docx", "Teal-Harbour-63")
    protect_office(access, "access_arrangements_y11_protected.xlsx", "Copper-Meadow-28")
    protect_pdf(lado, "lado_referral_notes_protected.pdf", "Walnut-Signal-71")

    # ---- unreadable: an xlsx cut short in transfer ------------------------------------
    full = save_xlsx("governors_pay_committee.xlsx", [("Pay", [
        ["Name", "Point", "Recommendation"],
        ["Hannah Field", "M4", "Progress to M5"],
        ["Kofi Otieno", "UPS1", "Progress to UPS2"],
    ])])
    (OUT / "governors_pay_committee.xlsx").write_bytes(full[: len(full) * 2 // 5])

    for p in sorted(OUT.iterdir()):
        print(f"{p.name}: {p.stat().st_size} bytes")


if __name__ == "__main__":
    main()

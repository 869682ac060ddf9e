#!/usr/bin/env python3
"""Build the attachments of the fourth sealed set (s4-) into drafts/files/.

Everything is invented. Run from anywhere with the project venv:
    .venv/bin/python corpus/sealed4/make_files.py
Reruns are byte-identical except the two encrypted files (fresh salt each time).
"""
import datetime
import io
import pathlib
import re
import zipfile

import docx
from msoffcrypto.format.ooxml import OOXMLFile
import openpyxl
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter

OUT = pathlib.Path(__file__).resolve().parent / "drafts" / "files"
FIXED = datetime.datetime(2026, 11, 24, 9, 0, 0, tzinfo=datetime.timezone.utc)
XLSX_PASSWORD = "Marigold-Ferry-63"
PDF_PASSWORD = "Copper-Meadow-27"


def fixed_zip(data: bytes) -> bytes:
    """Rewrite an OOXML zip with fixed entry times so reruns match byte for byte."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=(2026, 11, 24, 9, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = info.external_attr
            blob = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                # openpyxl stamps the save time whatever the properties say
                blob = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2026-11-24T09:00:00Z", blob)
            dst.writestr(zi, blob)
    return buf.getvalue()


def save_docx(d, name):
    d.core_properties.created = FIXED.replace(tzinfo=None)
    d.core_properties.modified = FIXED.replace(tzinfo=None)
    d.core_properties.last_modified_by = ""
    d.core_properties.author = "Oakfield Learning Trust"
    buf = io.BytesIO()
    d.save(buf)
    (OUT / name).write_bytes(fixed_zip(buf.getvalue()))


def xlsx_bytes(wb):
    wb.properties.created = FIXED.replace(tzinfo=None)
    wb.properties.modified = FIXED.replace(tzinfo=None)
    wb.properties.creator = "Oakfield Learning Trust"
    buf = io.BytesIO()
    wb.save(buf)
    return fixed_zip(buf.getvalue())


def pdf_doc():
    pdf = FPDF()
    pdf.set_creation_date(FIXED)
    pdf.set_author("Oakfield Learning Trust")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    return pdf


def pdf_lines(pdf, lines, bold_first=True):
    for i, line in enumerate(lines):
        if i == 0 and bold_first:
            pdf.set_font("Helvetica", "B", 14)
            pdf.multi_cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("Helvetica", size=11)
        else:
            pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")


def scheme_of_work():
    d = docx.Document()
    d.add_heading("Year 4 Geography: Rainforests (Spring 1) - scheme of work", 1)
    d.add_paragraph("Big question: why do rainforests matter to people who live thousands of miles away?")
    t = d.add_table(rows=1, cols=3)
    for c, h in zip(t.rows[0].cells, ("Week", "Learning", "Outcome")):
        c.text = h
    rows = [
        ("1", "Locate the world's rainforests between the tropics; the Amazon, Congo and Borneo.", "Annotated world map"),
        ("2", "Layers of the rainforest: emergent, canopy, understorey, forest floor.", "Layer diagram with animals"),
        ("3", "Climate graphs: Manaus compared with Maidstone.", "Climate graph and three sentences"),
        ("4", "Products from the rainforest: chocolate tasting (check the class allergy list first; offer fruit instead).", "Product map"),
        ("5", "Deforestation: palm oil, cattle ranching, logging. Debate in role.", "Persuasive speech"),
        ("6", "What can we do? Fairtrade and the school eco council.", "Pledge poster"),
    ]
    for r in rows:
        cells = t.add_row().cells
        for c, v in zip(cells, r):
            c.text = v
    d.add_paragraph("Key texts: The Great Kapok Tree; Rainforest by Jeannie Baker (wordless picture book). "
                    "Vocabulary: canopy, emergent, humid, indigenous, deforestation, sustainable.")
    d.add_paragraph("Adaptations: picture vocabulary cards on every table, partner talk before writing, "
                    "sentence stems for the debate.")
    save_docx(d, "sow_y4_rainforests.docx")


def risk_assessment():
    d = docx.Document()
    d.add_heading("Risk assessment: Year 6 residential, Kingswood Dover, 11-13 March", 1)
    d.add_paragraph("Trip leader: Year 6 phase leader. Deputy: Year 6 class teacher. First aiders: two staff "
                    "with paediatric first aid on each activity. Ratio 1:8 plus the trip leader.")
    t = d.add_table(rows=1, cols=4)
    for c, h in zip(t.rows[0].cells, ("Hazard", "Who", "Control", "Risk")):
        c.text = h
    for r in [
        ("Coach travel", "All", "Seat belts, two staff on each coach, head count on and off", "Low"),
        ("High ropes and climbing", "Pupils", "Centre instructors, harness checks, staff watch from the ground", "Medium"),
        ("Medical needs", "Pupils with asthma, allergies or other conditions",
         "Inhalers and adrenaline pens carried by the group's first aider; individual details on the "
         "confidential medical sheet held by the trip leader, not in this document", "Medium"),
        ("Night time", "All", "Staff rooms next to pupils' rooms, door alarms, night duty rota", "Low"),
        ("Pupil lost on site", "Pupils", "Buddy system, meeting point at reception, lost child procedure", "Low"),
    ]:
        cells = t.add_row().cells
        for c, v in zip(cells, r):
            c.text = v
    d.add_paragraph("Emergency contact in school: the school office during school hours; the headteacher's "
                    "on-call mobile out of hours (number on the trip card). Approved by the EVC.")
    save_docx(d, "ra_y6_kingswood_residential.docx")


def class_list_dietary():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "7M"
    ws.append(["Form 7M - trip to the Globe, 4 February"])
    ws.append([])
    ws.append(["Surname", "Forename", "Consent", "Dietary / medical"])
    for row in [
        ("Achterberg", "Saskia", "Y", ""),
        ("Begum", "Sumaiya", "Y", "Halal"),
        ("Campbell", "Kaden", "Y", "Asthma - inhaler"),
        ("Dvořák", "Matěj", "Y", ""),
        ("Eze", "Chiamaka", "N", ""),
        ("Fitzgerald", "Orla", "Y", "Coeliac"),
        ("Gashi", "Arben", "Y", "Nut allergy - EpiPen x2"),
        ("Hussain", "Zayan", "Y", "Type 1 diabetes - pump"),
        ("Ivanova", "Daria", "Y", "Vegetarian"),
        ("Joseph", "Micah", "Y", ""),
        ("Kaur", "Simran", "Y", "Vegetarian"),
        ("Lungu", "Andrei", "Y", "Epilepsy - buccal midazolam"),
    ]:
        ws.append(list(row))
    (OUT / "7M_Globe_trip_list.xlsx").write_bytes(xlsx_bytes(wb))


def staff_letter():
    d = docx.Document()
    d.add_paragraph("Oakfield Learning Trust, Trust Office, Elmstead Primary, Church Lane, Maidstone")
    d.add_paragraph("Private and confidential")
    d.add_paragraph("Ms Lowri Prydderch\n14 Hazel Grove\nAylesford\nME20 7RT")
    d.add_paragraph("24 November 2026")
    d.add_heading("Confirmation of maternity leave", 2)
    d.add_paragraph("Dear Lowri,")
    d.add_paragraph("Thank you for your MATB1 showing your expected week of childbirth as the week beginning "
                    "9 March 2027. As requested, your maternity leave will start on 16 February 2027. You are "
                    "entitled to 52 weeks' leave and we have assumed you will return on 15 February 2028 unless "
                    "you tell us otherwise with eight weeks' notice.")
    d.add_paragraph("You qualify for occupational maternity pay under the Burgundy Book scheme and for Statutory "
                    "Maternity Pay. You may work up to 10 keeping-in-touch days by agreement.")
    d.add_paragraph("Congratulations, and please contact me with any questions.")
    d.add_paragraph("Priya Venkatesan\nHR Business Partner")
    save_docx(d, "maternity_confirmation_letter.docx")


def ehcp_reviews_protected():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Annual reviews"
    ws.append(["Pupil", "Year", "Primary need", "Review date", "Caseworker"])
    for row in [
        ("Reuben Akintola", 3, "Autism (ASD)", "14/01/2027", "Kent SEN - West"),
        ("Maisie Thornbury", 5, "Speech, language and communication", "21/01/2027", "Kent SEN - West"),
        ("Dawit Haile", 6, "Social, emotional and mental health", "04/02/2027", "Kent SEN - North"),
        ("Clara Żurawska", 2, "Physical disability (cerebral palsy)", "11/02/2027", "Kent SEN - West"),
    ]:
        ws.append(list(row))
    plain = io.BytesIO(xlsx_bytes(wb))
    enc = io.BytesIO()
    f = OOXMLFile(plain)
    f.encrypt(XLSX_PASSWORD, enc)
    (OUT / "EHCP_reviews_spring_protected.xlsx").write_bytes(enc.getvalue())


def corrupt_minutes():
    d = docx.Document()
    d.add_heading("Local governing body - minutes, 18 November 2026", 1)
    for i in range(30):
        d.add_paragraph(f"Item {i + 1}: the board noted the report and asked for an update at the next meeting.")
    buf = io.BytesIO()
    d.save(buf)
    data = fixed_zip(buf.getvalue())
    (OUT / "LGB_minutes_Nov.docx").write_bytes(data[: len(data) // 3])


def newsletter():
    pdf = pdf_doc()
    pdf_lines(pdf, [
        "Harbour Primary School - Newsletter, week 14",
        "What a fortnight! Year 3 loved their Roman day, Year 6 sang at the care home on Bower Lane, and the "
        "Eco Council planted 40 trees with the Woodland Trust.",
        "Dates: Christmas jumper day Friday 12 December (GBP 1 for Save the Children). Nativity 16 and 17 "
        "December at 2pm. School closes at 1.30pm on Friday 19 December and reopens on Monday 5 January.",
        "Flu season: if your child has a temperature or has been sick, please keep them at home for 48 hours "
        "after the last episode. The school nurse drop-in for parents is on Tuesday mornings.",
        "Our values award this week goes to Otter class for kindness at lunchtime. Attendance winners: Hedgehog "
        "class (98.4%).",
        "Have a restful break - the Harbour team.",
    ])
    pdf.output(str(OUT / "newsletter_wk14.pdf"))


def report_other_child():
    pdf = pdf_doc()
    pdf_lines(pdf, [
        "End of autumn term report - Tomas Novak, Year 3 (Willow)",
        "Reading: Tomas reads fluently and has moved on to lime band books. He enjoyed The Iron Man.",
        "Writing: he uses adjectives well; next step is to use paragraphs.",
        "Maths: secure with the 3 and 4 times tables; next step is the 8 times table.",
        "Attitude: a kind and helpful member of the class who always looks after the book corner.",
        "Class teacher: Miss Okafor",
    ])
    pdf.output(str(OUT / "report_autumn_Tomas_Novak.pdf"))


def access_arrangements():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Y11 mocks"
    ws.append(["Cand no", "Name", "Arrangement", "Reason", "Room"])
    for row in [
        (4102, "Ardit Hoxha", "25% extra time", "Slow processing (EP report)", "Library"),
        (4188, "Keisha Morgan-Blake", "Reader, separate room", "Dyslexia", "L2"),
        (4231, "Oksana Melnyk", "Bilingual dictionary", "EAL", "Hall"),
        (4298, "Kai Whitfield", "Scribe", "Broken wrist (temporary)", "L3"),
        (4306, "Sinéad Farrelly", "Rest breaks", "Anxiety - CAMHS letter", "L3"),
        (4350, "Zhang Wei", "Coloured overlay", "Visual stress", "Hall"),
    ]:
        ws.append(list(row))
    (OUT / "access_arrangements_Y11_mocks.xlsx").write_bytes(xlsx_bytes(wb))


def music_lessons():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Tuesday"
    ws.append(["Time", "Pupil", "Class", "Instrument", "Grade"])
    for row in [
        ("09:00", "Wiktoria Nowak", "4B", "Violin", "Prep"),
        ("09:20", "Noah Bennett", "5H", "Violin", "1"),
        ("09:40", "Ishaan Mehta", "5H", "Violin", "1"),
        ("10:00", "Mei Tanaka", "6S", "Violin", "3"),
        ("10:20", "Esme Hartley", "6S", "Cello", "2"),
    ]:
        ws.append(list(row))
    (OUT / "music_tuesday_spring.xlsx").write_bytes(xlsx_bytes(wb))


def wellbeing_summary():
    pdf = pdf_doc()
    pdf_lines(pdf, [
        "Staff wellbeing survey 2026 - trust summary",
        "Responses: 212 of 312 staff (68%). All answers anonymous; no results shown for groups under 10.",
        "I feel supported by my line manager: 71% agree (2025: 66%).",
        "My workload is manageable: 38% agree (2025: 35%).",
        "I know how to contact the Employee Assistance Programme: 84% agree; 9% have used it.",
        "Actions: marking policy review, a meeting-free week each half term, and protected PPA at every school.",
    ])
    pdf.output(str(OUT / "wellbeing_survey_summary_2026.pdf"))


def ep_notes_protected():
    pdf = pdf_doc()
    pdf_lines(pdf, [
        "Educational psychology consultation - notes",
        "Pupil: Mateo Romano, Year 3. Date of birth 02/06/2018.",
        "Concerns: speech and language delay, difficulty following multi-step instructions, frustration "
        "leading to hitting out at lunchtimes.",
        "Agreed: parents will apply for an EHC needs assessment; school to provide the last two terms of "
        "SEN support plans and the SaLT report.",
    ])
    buf = io.BytesIO()
    pdf.output(buf)
    buf.seek(0)
    writer = PdfWriter(clone_from=PdfReader(buf))
    writer.encrypt(user_password=PDF_PASSWORD, owner_password=PDF_PASSWORD + "-owner", algorithm="AES-256")
    with open(OUT / "EP_consultation_MR_protected.pdf", "wb") as f:
        writer.write(f)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for make in (scheme_of_work, risk_assessment, class_list_dietary, staff_letter, ehcp_reviews_protected,
                 corrupt_minutes, newsletter, report_other_child, access_arrangements, music_lessons,
                 wellbeing_summary, ep_notes_protected):
        make()
    for p in sorted(OUT.iterdir()):
        print(f"{p.name}\t{p.stat().st_size}")


if __name__ == "__main__":
    main()

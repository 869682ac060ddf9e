"""Make the binary attachments the draft corpus refers to (corpus/drafts/files/).

Run once after changing it: `python -m bench.make_attachments` (all files) or
`python -m bench.make_attachments NAME...` (only those). The files are made by the
real tools (openpyxl, python-docx, python-pptx, fpdf2, odfpy, Pillow, the stdlib
email package; msoffcrypto-tool, pypdf, pyzipper, py7zr and Info-ZIP `zip` to
protect them), so protection and corruption look exactly as they do in staff mail.
Everything in them is invented.
"""

import datetime as dt
import email.message
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

import docx
import msoffcrypto
import openpyxl
import pptx
import py7zr
import pypdf
import pyzipper
from fpdf import FPDF
from odf import dc, opendocument, table, text
from odf.opendocument import OpenDocument
from PIL import Image, ImageDraw
from pypdf.constants import UserAccessPermissions

from bench.corpus import DRAFTS_DIR
from bench.identifiers import make_nhs, make_upn

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


# ---------------------------------------------------------------------------
# The wider set: what a UK school trust's staff attach in a term. Made by the
# same real tools, plus python-pptx, fpdf2, pypdf, py7zr, odfpy, Pillow, the
# stdlib email package and (for ZipCrypto) the Info-ZIP `zip` command.
#
# Deterministic: fixed data, fixed dates inside the documents and fixed zip entry
# times. Only the encrypted files differ from run to run, because encryption draws
# a fresh random salt each time; their content is the same.
# ---------------------------------------------------------------------------

_FIXED_WHEN = dt.datetime(2025, 3, 3, 9, 0, 0)
_ZIP_TIME = (2025, 3, 3, 9, 0, 0)
_CORE_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
_SCHOOL_UPN_LA, _SCHOOL_UPN_ESTAB = 886, 2041


def _upn(year: int, serial: int) -> str:
    return make_upn(_SCHOOL_UPN_LA, _SCHOOL_UPN_ESTAB, year, serial)


def _nhs(first_nine: str) -> str:
    number = make_nhs(first_nine)
    if number is None:
        raise ValueError(f"no NHS check digit for {first_nine}")
    return f"{number[:3]} {number[3:6]} {number[6:]}"


def _fixed_zip(data: bytes) -> bytes:
    """The same zip package with every entry dated _ZIP_TIME (Office and ODF writers stamp 'now')."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            fixed.compress_type = info.compress_type
            fixed.external_attr = info.external_attr
            content = src.read(info)
            if info.filename == "docProps/core.xml":  # openpyxl stamps 'modified' with the time of saving
                content = _CORE_MODIFIED.sub(rb"\g<1>2025-03-03T09:00:00Z\g<2>", content)
            dst.writestr(fixed, content)
    return out.getvalue()


def _encrypt_office(plain: bytes) -> bytes:
    office = msoffcrypto.OfficeFile(io.BytesIO(plain))
    out = io.BytesIO()
    office.encrypt(CORPUS_FILE_PASSWORD, out)
    return out.getvalue()


def _book_bytes(book: openpyxl.Workbook) -> bytes:
    book.properties.creator = "Oakfield Primary"
    book.properties.created = _FIXED_WHEN
    book.properties.modified = _FIXED_WHEN
    out = io.BytesIO()
    book.save(out)
    return _fixed_zip(out.getvalue())


def _document_bytes(document: "docx.document.Document") -> bytes:
    props = document.core_properties
    props.author = "Oakfield Primary"
    props.created = _FIXED_WHEN
    props.modified = _FIXED_WHEN
    props.last_modified_by = "Oakfield Primary"
    out = io.BytesIO()
    document.save(out)
    return _fixed_zip(out.getvalue())


def _docx_table(document: "docx.document.Document", rows: list[tuple[str, ...]]) -> None:
    table = document.add_table(rows=0, cols=len(rows[0]))
    table.style = "Table Grid"
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = value


class _Pdf(FPDF):
    """An A4 document in Helvetica (Latin-1 text only) with a fixed creation date."""

    def __init__(self, title: str) -> None:
        super().__init__(format="A4")
        self.set_creation_date(_FIXED_WHEN)
        self.set_title(title)
        self.set_author("Oakfield Primary School")
        self.set_auto_page_break(auto=True, margin=15)
        self.add_page()
        self.set_font("Helvetica", size=11)

    def heading(self, text: str, size: int = 15) -> None:
        self.set_font("Helvetica", style="B", size=size)
        self.multi_cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
        self.set_font("Helvetica", size=11)
        self.ln(2)

    def para(self, text: str) -> None:
        self.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def grid(self, rows: list[tuple[str, ...]], size: int = 9) -> None:
        self.set_font("Helvetica", size=size)
        with self.table(first_row_as_headings=True, line_height=5) as table:
            for row in rows:
                cells = table.row()
                for value in row:
                    cells.cell(value)
        self.set_font("Helvetica", size=11)
        self.ln(3)

    def to_bytes(self) -> bytes:
        return bytes(self.output())


# --- Plain files with personal data -----------------------------------------

_SEN_REGISTER = [
    ("UPN", "Surname", "Forename", "Year", "SEN Status", "Primary Need", "EHCP", "Notes"),
    (_upn(17, 107), "Marsh", "Jayden", "5", "K", "SEMH", "N", "Nurture group Tue/Thu"),
    (_upn(18, 114), "Adeyemi", "Precious", "3", "E", "SLCN", "Y", "SALT 1x fortnight; LAC"),
    (_upn(16, 121), "Kowalczyk", "Maja", "6", "K", "SpLD", "N", "Dyslexia screener Nov; reader in SATs"),
    (_upn(17, 128), "Oduya", "Tobi", "5", "E", "ASD", "Y", "1:1 mornings; annual review 11/03"),
    (_upn(19, 135), "Fairclough", "Harvey", "2", "K", "MLD", "N", ""),
    (_upn(15, 142), "Nguyen", "Bao Anh", "6", "K", "HI", "N", "Radio aid - check batteries"),
    (_upn(18, 149), "Doherty", "Cian", "3", "E", "PD", "Y", "Cerebral palsy; physio plan"),
    (_upn(16, 156), "Begum", "Tasnim", "4", "K", "SEMH", "N", "Early help in place"),
    (_upn(19, 163), "Lungu", "Chipo", "2", "K", "SLCN", "N", "EAL and SLCN - monitor"),
    (_upn(17, 170), "Whitfield", "Ellis", "5", "E", "ASD", "Y", "Part-time timetable until Easter"),
]


def _sen_register_xlsx() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Register"
    sheet.append(["Oakfield Primary School - SEN Register - Spring 2025"])
    sheet.append(["K = SEN support, E = EHC plan"])
    for row in _SEN_REGISTER:
        sheet.append(list(row))
    provision = book.create_sheet("Provision map")
    provision.append(["Pupil", "Intervention", "Staff", "Hours per week"])
    provision.append(["Jayden Marsh", "Nurture group", "TA (KS2)", 2])
    provision.append(["Tobi Oduya", "1:1 support", "TA (Y5)", 15])
    provision.append(["Cian Doherty", "Physio programme", "TA (Y3)", 3])
    provision.append(["Maja Kowalczyk", "Toe by Toe", "HLTA", 1.5])
    return _book_bytes(book)


def _medical_list_docx() -> bytes:
    document = docx.Document()
    document.add_heading("Medical conditions and allergies - Year 3 (Kestrel class)", level=1)
    document.add_paragraph(
        "Keep a copy in the class red bag and the trip bag. Updated 24 February. "
        "Tell the office straight away about any change."
    )
    _docx_table(
        document,
        [
            ("Pupil", "Condition", "Medication", "Kept in", "Care plan"),
            ("Amelia Novak", "Severe peanut allergy (anaphylaxis)", "2 x EpiPen 0.3mg", "Red bag + office", "IHP"),
            ("Kwame Asante", "Asthma", "Salbutamol inhaler", "Class drawer", "-"),
            ("Zara Hussain", "Type 1 diabetes", "Insulin pump, Dexcom sensor", "Office fridge", "IHP"),
            ("Finlay Robertson", "Epilepsy (absence seizures)", "Buccal midazolam", "Office", "IHP"),
            ("Maja Kowalczyk", "Coeliac disease", "None - gluten-free lunches", "-", "-"),
            ("Oscar Lindqvist", "Eczema", "Emollient cream", "Class drawer", "-"),
        ],
    )
    document.add_paragraph("First aiders on the Year 3 corridor: Mrs Okafor and Mr Pryce.")
    return _document_bytes(document)


def _chronology_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("CONFIDENTIAL - CHILD PROTECTION")
    document.add_heading("Safeguarding chronology", level=1)
    document.add_paragraph("Child: Tayla-Rose Whitaker    DOB: 14/05/2014    Year 6")
    document.add_paragraph("Address: 9 Cherry Tree Close, Snodland ME6 5PL")
    _docx_table(
        document,
        [
            ("Date", "Event", "Source", "Action"),
            ("12/09/2024", "Came in without a coat or breakfast three days running", "Class teacher", "Logged on CPOMS; DSL informed"),
            ("03/10/2024", "Bruise to upper arm; said mum's partner grabbed her", "TA", "DSL spoke to Tayla-Rose; referral to Front Door"),
            ("04/10/2024", "Strategy meeting; Section 47 enquiry opened", "Children's Social Care", "DSL attended"),
            ("21/10/2024", "Initial child protection conference: child protection plan (physical abuse)", "ICPC", "School to attend core groups"),
            ("15/01/2025", "Core group; attendance 86%, breakfast club offered", "Social worker Dami Okonjo", "Breakfast club from 20/01"),
        ],
    )
    document.add_paragraph("Prepared by: Designated Safeguarding Lead, Oakfield Primary School")
    return _document_bytes(document)


def _parent_contacts_csv() -> bytes:
    rows = [
        "PUPIL SURNAME,PUPIL FORENAME,CLASS,CONTACT 1,RELATIONSHIP,MOBILE,HOME EMAIL,ADDRESS 1,POSTCODE",
        "ABBOTT,Freya,3K,Louise Abbott,Mother,07700 900211,lou.abbott@btinternet.com,4 Mill Lane,ME15 6TR",
        "BALOGUN,Daniel,3K,Funmi Balogun,Mother,07700 900212,funmib@gmail.com,22 Hastings Road,ME15 7SR",
        "CHEN,Leo,3K,Wei Chen,Father,07700 900213,chenwei88@outlook.com,Flat 3 Kingsley Court,ME14 2BA",
        "DUNNE,Erin,3K,Patrick Dunne,Father,07700 900214,pdunne@icloud.com,71 Loose Road,ME15 7DA",
        "ESPOSITO,Luca,3K,Giulia Esposito,Mother,07700 900215,giulia.esposito@libero.it,8 Heath Road,ME16 9LD",
        "FOFANA,Mariam,3K,Awa Fofana,Mother,07700 900216,awafofana@yahoo.co.uk,15 Tonbridge Road,ME16 8RP",
        "GRIFFITHS,Osian,3K,Rhian Griffiths,Mother,07700 900217,rhian.griffiths@gmail.com,2 Church Street,ME14 1DL",
        "HASSAN,Yusuf,3K,Abdi Hassan,Father,07700 900218,abdihassan@hotmail.com,40 Union Street,ME14 1ED",
    ]
    # Exported from the MIS by Excel: Windows line ends and a UTF-8 byte order mark.
    return ("\ufeff" + "\r\n".join(rows) + "\r\n").encode("utf-8")


def _photo_permissions_pdf() -> bytes:
    pdf = _Pdf("Photo permissions Year 4")
    pdf.heading("Photo and video permissions - Year 4 (Rowan class)")
    pdf.para("From the data collection sheets returned in September. Y = permission given.")
    pdf.grid(
        [
            ("Pupil", "Website", "Social media", "Press", "Notes"),
            ("Aiden Walsh", "Y", "Y", "Y", ""),
            ("Bethany Cole", "Y", "N", "N", ""),
            ("Darius Popescu", "Y", "Y", "Y", ""),
            ("Eliza Thornton", "N", "N", "N", "No images at all - looked after child, see DSL"),
            ("Farhan Ali", "Y", "Y", "N", ""),
            ("Grace Mensah", "Y", "Y", "Y", ""),
            ("Hugo Bernard", "Y", "N", "N", "First name only"),
            ("Isla McLeod", "Y", "Y", "Y", ""),
            ("Jakub Wozniak", "N", "N", "N", "Parent to confirm"),
        ]
    )
    return pdf.to_bytes()


def _letterhead(pdf: _Pdf) -> None:
    pdf.set_font("Helvetica", style="B", size=13)
    pdf.cell(0, 7, "Oakfield Primary School", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=9)
    pdf.cell(0, 5, "Tonbridge Road, Maidstone, Kent ME16 8AB  |  01622 000100  |  office@oakfield.sch.uk", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 5, "Headteacher: Mrs Claire Donovan", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=11)
    pdf.ln(6)


def _attendance_letter_pdf() -> bytes:
    pdf = _Pdf("Attendance letter")
    _letterhead(pdf)
    pdf.para("Mrs H. Achterberg\n27 Bower Lane\nMaidstone\nME16 8BJ")
    pdf.para("3 March 2025")
    pdf.para("Dear Mrs Achterberg,")
    pdf.set_font("Helvetica", style="B", size=11)
    pdf.para("Re: Lily Achterberg, Year 2 (Hazel class)")
    pdf.set_font("Helvetica", size=11)
    pdf.para(
        "I am writing because Lily's attendance this term is 89.4%, below the 96% we hope every "
        "child reaches. We know there can be many reasons for absence and we would like to help. "
        "Please could you come and see me on Thursday 13 March at 3.20pm, or ring the office to "
        "arrange another time."
    )
    pdf.para("Yours sincerely,\n\nMr Daniel Price\nAttendance Lead")
    return pdf.to_bytes()


def _star_letter_pdf() -> bytes:
    pdf = _Pdf("Headteacher's award")
    _letterhead(pdf)
    pdf.para("Dear Mr and Mrs Osei,")
    pdf.para(
        "I am delighted to tell you that Kofi has been given this week's Headteacher's Award for "
        "the fantastic persuasive letter he wrote about saving our school pond. He read it aloud "
        "in assembly and the whole of Key Stage 2 gave him a round of applause."
    )
    pdf.para("Please come along to the celebration assembly on Friday at 9am if you can.")
    pdf.para("With best wishes,\n\nMrs Claire Donovan\nHeadteacher")
    return pdf.to_bytes()


_REFERRAL_NHS = _nhs("485777345")


def _referral_pdf() -> bytes:
    pdf = _Pdf("Referral form")
    pdf.heading("Referral to Children and Young People's Mental Health Service")
    pdf.grid(
        [
            ("Field", "Details"),
            ("Child's name", "Ruby Fairweather"),
            ("Date of birth", "03/12/2011"),
            ("NHS number", _REFERRAL_NHS),
            ("Address", "14 Orchard Way, Aylesford, ME20 7QT"),
            ("Parent / carer", "Dawn Fairweather (mother), 07700 900377"),
            ("GP", "Dr S. Malik, Aylesford Medical Centre"),
            ("School", "Oakfield Primary School, Year 6"),
        ],
        size=10,
    )
    pdf.heading("Reason for referral", size=12)
    pdf.para(
        "Ruby has shown low mood and anxiety since the autumn. In January she told her class "
        "teacher she had been cutting her arms; the DSL saw healed marks and spoke to mum the "
        "same day. She is on the school's SEN register (SEMH) and sees the school counsellor weekly. "
        "Mum consents to this referral and has seen the GP."
    )
    pdf.para("Referrer: Designated Safeguarding Lead, Oakfield Primary School. Date: 28/02/2025")
    return pdf.to_bytes()


def _encrypt_pdf(plain: bytes, user_password: str, owner_password: str) -> bytes:
    reader = pypdf.PdfReader(io.BytesIO(plain))
    writer = pypdf.PdfWriter(clone_from=reader)
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _owner_only_pdf(plain: bytes) -> bytes:
    """Opens without a password (empty user password); only printing and copying are restricted."""
    reader = pypdf.PdfReader(io.BytesIO(plain))
    writer = pypdf.PdfWriter(clone_from=reader)
    writer.encrypt(
        user_password="",
        owner_password=CORPUS_FILE_PASSWORD,
        permissions_flag=UserAccessPermissions(0xFFFFF0C0),
        algorithm="AES-128",
    )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _payroll_xlsx() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "March changes"
    sheet.append(["Oakfield Learning Trust - payroll changes for March 2025"])
    sheet.append([])
    sheet.append(["Employee No", "Surname", "Forename", "NI Number", "Sort Code", "Account No", "Grade", "Change"])
    sheet.append(["E10442", "Pryce", "Gareth", "JT 48 21 07 B", "20-45-77", "43071892", "MPS4", "Increment"])
    sheet.append(["E10517", "Okafor", "Ngozi", "NP 63 11 92 A", "40-11-62", "71234409", "TA3", "Hours 27.5 to 32.5"])
    sheet.append(["E10603", "Lindgren", "Astrid", "SH 19 82 45 C", "09-01-28", "10293847", "UPS1", "New starter 03/03"])
    sheet.append(["E10119", "McAllister", "Fiona", "WL 72 30 18 D", "83-91-10", "55601234", "Admin4", "Bank details changed"])
    sheet.append(["E10288", "Haddad", "Karim", "AB 35 67 90 C", "60-83-71", "20481736", "Site2", "Leaver 31/03"])
    return _book_bytes(book)


def _pptx_bytes(slides: list[tuple[str, list[str], str]]) -> bytes:
    deck = pptx.Presentation()
    deck.core_properties.author = "Oakfield Primary"
    deck.core_properties.created = _FIXED_WHEN
    deck.core_properties.modified = _FIXED_WHEN
    deck.core_properties.last_modified_by = "Oakfield Primary"
    for title, bullets, notes in slides:
        slide = deck.slides.add_slide(deck.slide_layouts[1])
        slide.shapes.title.text = title
        body = slide.placeholders[1].text_frame
        body.text = bullets[0]
        for line in bullets[1:]:
            body.add_paragraph().text = line
        if notes:
            slide.notes_slide.notes_text_frame.text = notes
    out = io.BytesIO()
    deck.save(out)
    return _fixed_zip(out.getvalue())


def _governors_case_studies_pptx() -> bytes:
    return _pptx_bytes(
        [
            ("Pupil premium: spring review", ["Full Governing Board, 12 March 2025", "Confidential: not for publication"], ""),
            (
                "Case study 1: Jayden Marsh (Year 5)",
                [
                    "Pupil premium; SEN support for SEMH",
                    "Attendance up from 84% to 93% after weekly mentoring",
                    "Two fixed-term suspensions last year, none since September",
                ],
                "Mum is happy for us to share this with governors.",
            ),
            (
                "Case study 2: Precious Adeyemi (Year 3)",
                [
                    "Looked after child; EHCP for speech and language",
                    "PEP targets met in reading; pupil premium plus funds SALT",
                ],
                "Virtual school agreed the extra SALT sessions.",
            ),
            (
                "Case study 3: Bao Anh Nguyen (Year 6)",
                ["Free school meals since October", "Hearing impairment: radio aid funded", "On track for expected standard in maths"],
                "",
            ),
        ]
    )


def _governors_strategy_pptx() -> bytes:
    return _pptx_bytes(
        [
            ("Pupil premium strategy 2024-25", ["Full Governing Board, 12 March 2025"], ""),
            (
                "Where the money goes",
                [
                    "Allocation: GBP 148,200 for 102 eligible pupils (23% of roll)",
                    "Tutoring: 40%; attendance mentoring: 20%; enrichment: 15%",
                    "Year 6 disadvantaged pupils: 61% expected standard in RWM (national 46%)",
                ],
                "Figures from the published strategy statement on the website.",
            ),
            ("Next steps", ["Review with the SEN governor in the summer term", "Publish the updated statement by 31 December"], ""),
        ]
    )


def _odf_bytes(document: "OpenDocument") -> bytes:
    document.meta.addElement(dc.Creator(text="Oakfield Primary"))
    out = io.BytesIO()
    document.write(out)
    return _fixed_zip(out.getvalue())


def _minutes_odt() -> bytes:
    document = opendocument.OpenDocumentText()
    for line in [
        "Oakfield Primary School - Full Governing Board",
        "Minutes of the meeting held on 12 March 2025 (Part B: confidential)",
        "Item 7. Headteacher's report: behaviour and exclusions",
        "The Headteacher reported one suspension this term: Connor Blake (Year 5) was suspended for "
        "three days in February after assaulting a member of staff. A reintegration meeting was held "
        "with his father on 24 February and a pastoral support plan is in place.",
        "Governors asked about Leah Fitzgerald (Year 6), discussed in the autumn. The Headteacher "
        "confirmed she is now on a managed move trial at Riverside Academy and the local authority "
        "is aware.",
        "Item 8. Safeguarding: the DSL gave figures only (12 pupils open to Children's Social Care). "
        "No names were recorded.",
        "Action: Clerk to circulate the exclusions policy before the summer meeting.",
    ]:
        document.text.addElement(text.P(text=line))
    return _odf_bytes(document)


def _attendance_ods() -> bytes:
    document = opendocument.OpenDocumentSpreadsheet()
    sheet = table.Table(name="Autumn")
    rows = [
        ("Pupil", "Class", "Possible", "Attended", "Percent", "PA"),
        ("Noah Green", "4R", "128", "101", "78.9", "Y"),
        ("Sofia Rossi", "4R", "128", "112", "87.5", "Y"),
        ("Rhys Evans", "5P", "128", "109", "85.2", "Y"),
        ("Amira Haddad", "5P", "128", "113", "88.3", "Y"),
        ("Kacper Nowicki", "6W", "128", "96", "75.0", "Y"),
        ("Lola Bennett", "6W", "128", "114", "89.1", "Y"),
    ]
    for row in rows:
        line = table.TableRow()
        for value in row:
            cell = table.TableCell(valuetype="string")
            cell.addElement(text.P(text=value))
            line.addElement(cell)
        sheet.addElement(line)
    document.spreadsheet.addElement(sheet)
    return _odf_bytes(document)


# --- Common Transfer Files ----------------------------------------------------

CTF_NAME = "8862041_CTF_8864018_001.xml"


def _ctf_xml() -> bytes:
    pupils = [
        (_upn(17, 128), "Oduya", "Tobi", "2015-10-02", "M", "ASD", "E"),
        (_upn(16, 121), "Kowalczyk", "Maja", "2014-06-19", "F", "SPLD", "K"),
    ]
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        "<CTfile>",
        "  <Header>",
        "    <DocumentName>Common Transfer File</DocumentName>",
        "    <CTFversion>25.0</CTFversion>",
        "    <DateTime>2025-03-03T09:00:00</DateTime>",
        "    <DocumentQualifier>full</DocumentQualifier>",
        "    <SupplierID>SIMS</SupplierID>",
        "    <SourceSchool><LEA>886</LEA><Estab>2041</Estab><SchoolName>Oakfield Primary School</SchoolName><AcademicYear>2024</AcademicYear></SourceSchool>",
        "    <DestSchool><LEA>886</LEA><Estab>4018</Estab></DestSchool>",
        "  </Header>",
        "  <CTFpupilData>",
    ]
    for upn_value, surname, forename, dob, gender, need, status in pupils:
        lines += [
            "    <Pupil>",
            f"      <UPN>{upn_value}</UPN><Surname>{surname}</Surname><Forename>{forename}</Forename>",
            f"      <DOB>{dob}</DOB><Gender>{gender}</Gender>",
            "      <BasicDetails><FSMhistory><FSMreviewDate>2024-09-04</FSMreviewDate></FSMhistory></BasicDetails>",
            f"      <SENhistory><SEN><StartDate>2022-09-05</StartDate><SENprovision>{status}</SENprovision>"
            f"<SENneeds><SENneed><SENtype>{need}</SENtype><SENrank>1</SENrank></SENneed></SENneeds></SEN></SENhistory>",
            "    </Pupil>",
        ]
    lines += ["  </CTFpupilData>", "</CTfile>", ""]
    return "\n".join(lines).encode("utf-8")


def _ctf_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo(CTF_NAME, date_time=_ZIP_TIME), _ctf_xml())
        zf.writestr(zipfile.ZipInfo("covering_note.txt", date_time=_ZIP_TIME), "Transfer files for the two pupils moving to St Peter's.\n")
    return out.getvalue()


def _ctf_eml() -> bytes:
    message = email.message.EmailMessage()
    message["From"] = "Ana Costa <a.costa@oakfield.sch.uk>"
    message["To"] = "Data Manager <data@oakfieldtrust.org.uk>"
    message["Subject"] = "CTF for the leavers"
    message["Date"] = "Mon, 03 Mar 2025 09:12:00 +0000"
    message["Message-ID"] = "<ctf-leavers-0303@oakfield.sch.uk>"
    message.set_content("Hi, here is the CTF export for the two leavers. Ana\n")
    message.add_attachment(_ctf_xml(), maintype="application", subtype="xml", filename=CTF_NAME)
    message.set_boundary("=_oakfield_ctf_0303")
    return bytes(message)


# --- Protected, and files that only look protected -----------------------------


def _aes_zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with pyzipper.AESZipFile(out, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES) as zf:
        zf.setpassword(CORPUS_FILE_PASSWORD.encode())
        for name, data in entries.items():
            zf.writestr(name, data)  # encrypted: a fresh salt each run in any case
    return out.getvalue()


def _sen_register_csv() -> bytes:
    return ("\r\n".join(",".join(row) for row in _SEN_REGISTER) + "\r\n").encode("utf-8")


def _zipcrypto_zip(entries: dict[str, bytes]) -> bytes | None:
    """Legacy ZipCrypto, as Windows' and Info-ZIP's 'zip -e' make it; None without the zip command."""
    tool = shutil.which("zip")
    if tool is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        for name, data in entries.items():
            (base / name).write_bytes(data)
            stamp = _FIXED_WHEN.timestamp()
            os.utime(base / name, (stamp, stamp))
        subprocess.run(
            [tool, "-q", "-X", "-P", CORPUS_FILE_PASSWORD, "out.zip", *entries],
            cwd=base,
            check=True,
        )
        return (base / "out.zip").read_bytes()


def _partly_encrypted_zip() -> bytes:
    """The cover sheet encrypted, then the class list dragged in afterwards: it goes in the clear."""
    out = io.BytesIO(_aes_zip({"cover_sheet.txt": b"Trip paperwork for Year 3, Wildwood 21 March.\n"}))
    with zipfile.ZipFile(out, "a", compression=zipfile.ZIP_DEFLATED) as zf:
        late = zipfile.ZipInfo("medical_list_Y3.docx", date_time=_ZIP_TIME)
        late.compress_type = zipfile.ZIP_DEFLATED
        zf.writestr(late, _medical_list_docx())
    return out.getvalue()


def _seven_zip_encrypted_headers() -> bytes:
    out = io.BytesIO()
    with py7zr.SevenZipFile(out, "w", password=CORPUS_FILE_PASSWORD, header_encryption=True) as archive:
        archive.writestr(_chronology_docx(), "chronology_TRW.docx")
    return out.getvalue()


# --- Clean files that may go to anyone -----------------------------------------


def _newsletter_pdf() -> bytes:
    pdf = _Pdf("Oakfield News")
    pdf.heading("Oakfield News - Spring 2, issue 4", size=17)
    pdf.para(
        "What a busy half term! Year 6 have been getting ready for SATs week (12-15 May) and the "
        "breakfast revision club starts on Monday at 8am in the hall. Year 3 visited Wildwood and "
        "came back muddy and happy."
    )
    pdf.heading("Dates for your diary", size=12)
    pdf.para(
        "Fri 21 March: Red Nose Day - wear something red for a GBP 1 donation.\n"
        "Tue 25 March: parents' evening, 3.30-7pm (book on the app).\n"
        "Thu 3 April: Easter bonnet parade, 2.30pm on the field.\n"
        "Fri 4 April: school closes at 2pm for Easter."
    )
    pdf.heading("Sport", size=12)
    pdf.para(
        "Our Year 5 and 6 netball team reached the Maidstone schools final and came second out of "
        "fourteen schools. Thank you to Mr Hughes for running the club every Thursday."
    )
    pdf.heading("Reminders", size=12)
    pdf.para(
        "We are a nut-free school: please check lunchboxes. If your child's medical needs have changed, "
        "tell the office so we can update our records. Our SEN information report and the pupil "
        "premium strategy are on the website."
    )
    pdf.para("Mrs Claire Donovan, Headteacher")
    return pdf.to_bytes()


def _term_dates_docx() -> bytes:
    document = docx.Document()
    document.add_heading("Term dates 2025-26", level=1)
    _docx_table(
        document,
        [
            ("Term", "Starts", "Half term", "Ends"),
            ("Autumn", "Wednesday 3 September 2025", "27 - 31 October", "Friday 19 December 2025"),
            ("Spring", "Monday 5 January 2026", "16 - 20 February", "Friday 27 March 2026"),
            ("Summer", "Monday 13 April 2026", "25 - 29 May", "Tuesday 21 July 2026"),
        ],
    )
    document.add_paragraph(
        "INSET days (school closed to pupils): 1 and 2 September 2025, 5 January 2026, 20 July and "
        "21 July 2026. Bank holiday: Monday 4 May 2026."
    )
    document.add_paragraph("Approved by the Trust Board, 14 January 2025.")
    return _document_bytes(document)


def _lunch_menu_pdf() -> bytes:
    pdf = _Pdf("Lunch menu")
    pdf.heading("School lunch menu - summer term, week 1")
    pdf.grid(
        [
            ("Day", "Main", "Vegetarian", "Pudding"),
            ("Monday", "Beef bolognese", "Quorn bolognese", "Apple crumble and custard"),
            ("Tuesday", "Chicken curry and rice", "Chickpea and spinach curry", "Fruit and yoghurt"),
            ("Wednesday", "Roast chicken dinner", "Vegetable wellington", "Chocolate sponge"),
            ("Thursday", "Sausage and mash", "Veggie sausage and mash", "Jelly and fruit"),
            ("Friday", "Fish fingers and chips", "Cheese and tomato pizza", "Ice cream"),
        ],
        size=10,
    )
    pdf.para(
        "All our meat is halal. Jacket potatoes and a salad bar are available every day. Allergen "
        "information for every dish is available from the school office and the kitchen. Universal "
        "infant free school meals: every child in Reception, Year 1 and Year 2 gets a free lunch."
    )
    return pdf.to_bytes()


def _invoice_pdf() -> bytes:
    pdf = _Pdf("Invoice INV-20931")
    pdf.heading("Kent Coach Hire Ltd", size=16)
    pdf.para(
        "Unit 4, Lordswood Industrial Estate, Chatham, Kent ME5 8PF\n"
        "Tel 01634 000456  |  accounts@kentcoachhire.co.uk\n"
        "Company no. 04567891  |  VAT reg. GB 123 4567 89"
    )
    pdf.heading("INVOICE INV-20931", size=13)
    pdf.para(
        "To: Oakfield Primary School, Tonbridge Road, Maidstone ME16 8AB\n"
        "Invoice date: 17/03/2025    Your order: PO 0046187    Due: 30 days"
    )
    pdf.grid(
        [
            ("Description", "Qty", "Unit", "Amount"),
            ("53-seat coach with driver, 14/03/2025: Year 6 trip to Dover Castle", "1", "640.00", "640.00"),
            ("Additional waiting time (1 hour)", "1", "45.00", "45.00"),
            ("", "", "VAT 20%", "137.00"),
            ("", "", "Total", "822.00"),
        ],
        size=10,
    )
    pdf.para(
        "Please pay by BACS to Kent Coach Hire Ltd, Lloyds Bank, sort code 30-94-57, account "
        "number 01234567, quoting INV-20931."
    )
    return pdf.to_bytes()


def _risk_assessment_docx() -> bytes:
    document = docx.Document()
    document.add_heading("Risk assessment: Forest School sessions (Year 2)", level=1)
    document.add_paragraph("Site: school woodland area. Group size: up to 30 pupils, ratio 1:6.")
    _docx_table(
        document,
        [
            ("Hazard", "Who is at risk", "Control measures", "Responsible"),
            ("Fire pit burns", "Pupils, staff", "Fire circle rules taught; fire blanket and burns kit on site", "Forest School Leader"),
            ("Tool use (bow saws, loppers)", "Pupils", "1:1 tool talk, gloves, tools counted in and out", "Forest School Leader"),
            ("Allergic reaction or asthma attack", "Pupils with medical needs", "Class medical list and medicines in the trip bag; first aider present", "Class teacher"),
            ("Uneven ground, roots", "All", "Boundary walk before each session; wellies", "Teaching assistant"),
            ("Weather (wind over 30 mph)", "All", "Session moved indoors", "Forest School Leader"),
        ],
    )
    document.add_paragraph("Reviewed by the Educational Visits Coordinator, February 2025.")
    return _document_bytes(document)


def _timetable_xlsx() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "9X"
    sheet.append(["Period", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday"])
    lessons = [
        ("P1 08:50", "Maths (JBR) M4", "English (KPA) E2", "Science (LHU) S1", "Maths (JBR) M4", "PE (DWI) Gym"),
        ("P2 09:50", "French (CFO) L3", "Maths (JBR) M4", "History (RSM) H1", "English (KPA) E2", "Science (LHU) S1"),
        ("P3 11:10", "Science (LHU) S1", "Geography (ANW) G2", "English (KPA) E2", "Art (MEL) A1", "RE (TOB) H3"),
        ("P4 12:10", "English (KPA) E2", "Computing (SGR) IT2", "Maths (JBR) M4", "French (CFO) L3", "History (RSM) H1"),
        ("P5 14:00", "Music (HVA) Mu1", "Science (LHU) S1", "PE (DWI) Field", "Geography (ANW) G2", "Tutor time"),
    ]
    for row in lessons:
        sheet.append(list(row))
    return _book_bytes(book)


def _policy_pdf() -> bytes:
    pdf = _Pdf("Data protection policy")
    pdf.heading("Oakfield Learning Trust: Data Protection Policy")
    pdf.para("Version 4.2. Approved by the Trust Board, 14 January 2025. Review: January 2026.")
    pdf.heading("1. Purpose", size=12)
    pdf.para(
        "The trust collects and uses personal data about pupils, parents, staff, governors and "
        "visitors so that it can run its schools. This policy sets out how we meet the UK GDPR and "
        "the Data Protection Act 2018."
    )
    pdf.heading("2. Special category data", size=12)
    pdf.para(
        "Some data needs more protection: health (including allergies and medical conditions), "
        "ethnicity, religion, sexual orientation and biometric data. We treat special educational "
        "needs, safeguarding and child protection records, looked-after status and free school "
        "meals eligibility in the same way."
    )
    pdf.heading("3. Sending information", size=12)
    pdf.para(
        "Personal data sent outside the trust must go in a password-protected file, with the password "
        "given by phone or in a separate email, or by secure email. Pupil records move between schools "
        "only through School to School (S2S). Report any breach to the Data Protection Officer within "
        "24 hours: dpo@oakfieldtrust.org.uk."
    )
    return pdf.to_bytes()


# --- Files that cannot be read -------------------------------------------------


def _scan_image() -> Image.Image:
    page = Image.new("L", (620, 877), color=250)
    draw = ImageDraw.Draw(page)
    lines = [
        "Oakfield Primary School",
        "",
        "Dear Parent / Carer,",
        "",
        "Re: Ruby Fairweather - meeting on 10 March",
        "",
        "Thank you for coming in to talk about Ruby's",
        "low mood and the referral to CYPMHS.",
        "The counsellor will see her every Tuesday.",
        "",
        "Yours sincerely,",
        "Designated Safeguarding Lead",
    ]
    for number, line in enumerate(lines):
        draw.text((60, 70 + number * 24), line, fill=30)
    return page


def _scanned_letter_pdf() -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_creation_date(_FIXED_WHEN)
    pdf.set_title("Scan 0031")
    pdf.add_page()
    pdf.image(_scan_image(), x=0, y=0, w=210)
    return bytes(pdf.output())


def _photo_jpg() -> bytes:
    picture = Image.new("RGB", (480, 320), color=(120, 170, 90))
    draw = ImageDraw.Draw(picture)
    for column in range(6):  # a row of children on the field, as blobs
        x = 40 + column * 72
        draw.ellipse((x, 120, x + 40, 160), fill=(230, 190, 160))
        draw.rectangle((x - 5, 160, x + 45, 250), fill=(40, 60, 140))
    out = io.BytesIO()
    picture.save(out, format="JPEG", quality=70)
    return out.getvalue()


def _truncated_xlsx() -> bytes:
    whole = _book_bytes_for_rows(
        [("Pupil", "Class", "Sessions missed", "Reason")]
        + [(f"{first} {last}", "5P", str(n), "Illness") for n, (first, last) in enumerate(
            [("Noah", "Green"), ("Sofia", "Rossi"), ("Rhys", "Evans"), ("Amira", "Haddad")], start=3)]
    )
    return whole[: len(whole) * 2 // 3]


def _book_bytes_for_rows(rows: list[tuple[str, ...]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(list(row))
    return _book_bytes(book)


def _more_files() -> dict[str, bytes]:
    referral = _referral_pdf()
    chronology = _chronology_docx()
    payroll = _payroll_xlsx()
    ctf = _ctf_xml()
    made: dict[str, bytes] = {
        # personal data, unprotected
        "sen_register_spring.xlsx": _sen_register_xlsx(),
        "medical_allergy_list_Y3.docx": _medical_list_docx(),
        "safeguarding_chronology_TRW.docx": chronology,
        "parent_contacts_3K.csv": _parent_contacts_csv(),
        "photo_permissions_Y4.pdf": _photo_permissions_pdf(),
        "attendance_letter_achterberg.pdf": _attendance_letter_pdf(),
        "headteacher_award_osei.pdf": _star_letter_pdf(),
        "referral_cypmhs_RF.pdf": referral,
        "payroll_changes_march.xlsx": payroll,
        "fgb_pupil_premium_case_studies.pptx": _governors_case_studies_pptx(),
        "fgb_minutes_part_b.odt": _minutes_odt(),
        "attendance_autumn_PA.ods": _attendance_ods(),
        # Common Transfer Files
        CTF_NAME: ctf,
        "pupil_records_export.txt": ctf,
        "transfer_pack.zip": _ctf_zip(),
        "Fwd_CTF_for_the_leavers.eml": _ctf_eml(),
        # protected, and not quite
        "ctf_leavers_protected.zip": _aes_zip({CTF_NAME: ctf}),
        "sen_register_protected.zip": _aes_zip({"sen_register_spring.csv": _sen_register_csv()}),
        "safeguarding_chronology_TRW_protected.docx": _encrypt_office(chronology),
        "payroll_changes_march_protected.xlsx": _encrypt_office(payroll),
        "referral_cypmhs_RF_protected.pdf": _encrypt_pdf(referral, CORPUS_FILE_PASSWORD, CORPUS_FILE_PASSWORD + "owner"),
        "referral_cypmhs_RF_restricted.pdf": _owner_only_pdf(referral),
        "chronology_TRW.7z": _seven_zip_encrypted_headers(),
        "trip_pack_Y3_partly_encrypted.zip": _partly_encrypted_zip(),
        # clean
        "newsletter_spring2.pdf": _newsletter_pdf(),
        "term_dates_2025_26.docx": _term_dates_docx(),
        "lunch_menu_summer_wk1.pdf": _lunch_menu_pdf(),
        "invoice_INV-20931.pdf": _invoice_pdf(),
        "risk_assessment_forest_school.docx": _risk_assessment_docx(),
        "timetable_9X.xlsx": _timetable_xlsx(),
        "pupil_premium_strategy_fgb.pptx": _governors_strategy_pptx(),
        "data_protection_policy.pdf": _policy_pdf(),
        # unreadable
        "Scan_0031.pdf": _scanned_letter_pdf(),
        "sports_day_IMG_4471.jpg": _photo_jpg(),
        "absence_5P_truncated.xlsx": _truncated_xlsx(),
    }
    zipcrypto = _zipcrypto_zip({"medical_allergy_list_Y3.docx": _medical_list_docx()})
    if zipcrypto is not None:
        made["medical_list_Y3_zipcrypto.zip"] = zipcrypto
    return made


def make_all(directory: Path = FILES_DIR, only: Sequence[str] = ()) -> list[Path]:
    """Writes the files (only those named in `only`, when given) and returns their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    made = {
        "class_list_5B.xlsx": _xlsx_bytes(),
        "class_list_5B_protected.xlsx": _encrypted_xlsx_bytes(),
        "sen_support_plan.docx": _docx_bytes(),
        "attendance_5B_protected.zip": _encrypted_zip_bytes(),
        "minutes_corrupt.docx": _corrupt_docx_bytes(),
        **_more_files(),
    }
    unknown = set(only) - set(made)
    if unknown:
        raise SystemExit(f"no such corpus file: {', '.join(sorted(unknown))}")
    paths = []
    for name, data in made.items():
        if only and name not in only:
            continue
        path = directory / name
        path.write_bytes(data)
        paths.append(path)
    return paths


if __name__ == "__main__":
    # python -m bench.make_attachments [NAME ...]: all files, or only those named.
    for p in make_all(only=sys.argv[1:]):
        print(f"{p.name}\t{p.stat().st_size} bytes")

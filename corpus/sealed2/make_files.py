#!/usr/bin/env python3
"""Make the sealed2 attachment files in drafts/files/, deterministically.

Every timestamp is fixed and every random byte used by encryption comes from a seeded
generator, so reruns give byte-identical files. Protected files use the password
Kingfisher-Tuesday-58 (some drafts give it on purpose).

    .venv/bin/python corpus/sealed2/make_files.py
"""
from __future__ import annotations

import csv
import io
import random
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import re
import msoffcrypto
import msoffcrypto.method.ecma376_agile as agile
import msoffcrypto.method.container.ecma376_encrypted as ecma
import openpyxl
import pyzipper
import pyzipper.zipfile_aes as zaes
from fpdf import FPDF
from fpdf.enums import EncryptionMethod
import fpdf.encryption as fenc
from msoffcrypto.format.ooxml import OOXMLFile

OUT = Path(__file__).resolve().parent / "drafts" / "files"
PASSWORD = "Kingfisher-Tuesday-58"
FIXED = datetime(2026, 11, 2, 9, 0, 0, tzinfo=timezone.utc)
ZIP_TIME = (2026, 11, 2, 9, 0, 0)
_rng = random.Random(5821)


def _bytes(n: int) -> bytes:
    return bytes(_rng.getrandbits(8) for _ in range(n))


class _SeededRandom:
    def read(self, n):
        return _bytes(n)


class _RandomModule:
    @staticmethod
    def new():
        return _SeededRandom()


class _FixedDatetime(datetime):
    @classmethod
    def now(cls, tz=None):
        return cls(2026, 11, 2, 9, 0, 0)


ecma.datetime = _FixedDatetime         # msoffcrypto container timestamps
agile._random_buffer = _bytes          # msoffcrypto salts and keys
fenc.urandom = _bytes                  # fpdf2 AES salts and IVs
zaes.Random = _RandomModule            # pyzipper AES salts


def normalise_zip(data: bytes) -> bytes:
    """Rewrite an OOXML zip with fixed entry times and order."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)",
                              rb"\g<1>2026-11-02T09:00:00Z\g<3>", data)
            dst.writestr(zi, data)
    return out.getvalue()


def _esc(t: str) -> str:
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def save_docx(name: str, title: str, paras: list[str], table: list[list[str]] | None = None,
              stored: bool = False) -> bytes:
    """A minimal WordprocessingML package (what Word needs to open it), kept small.

    stored=True keeps the parts uncompressed: msoffcrypto cannot read back an encrypted
    package under 4 KB (it lands in the OLE mini stream), so files to encrypt are stored."""
    W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = [f'<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>{_esc(title)}</w:t></w:r></w:p>']
    body += [f'<w:p><w:r><w:t xml:space="preserve">{_esc(p)}</w:t></w:r></w:p>' for p in paras]
    if table:
        rows = "".join("<w:tr>" + "".join(f"<w:tc><w:p><w:r><w:t>{_esc(c)}</w:t></w:r></w:p></w:tc>" for c in r) + "</w:tr>" for r in table)
        body.append(f"<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/></w:tblPr>{rows}</w:tbl><w:p/>")
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}"><w:body>'
                + "".join(body) + "<w:sectPr/></w:body></w:document>")
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
            '</Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
            '</Relationships>',
        "docProps/core.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f'<dc:title>{_esc(title)}</dc:title><dc:creator>Oakfield Learning Trust</dc:creator>'
            '<dcterms:created xsi:type="dcterms:W3CDTF">2026-11-02T09:00:00Z</dcterms:created>'
            '<dcterms:modified xsi:type="dcterms:W3CDTF">2026-11-02T09:00:00Z</dcterms:modified>'
            '</cp:coreProperties>',
        "word/document.xml": document,
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for n, t in parts.items():
            zi = zipfile.ZipInfo(n, ZIP_TIME)
            zi.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            z.writestr(zi, t.encode("utf-8"))
    data = out.getvalue()
    (OUT / name).write_bytes(data)
    return data


def save_xlsx(name: str, sheets: dict[str, list[list]]) -> bytes:
    wb = openpyxl.Workbook()
    wb.properties.creator = "Oakfield Learning Trust"
    wb.properties.created = wb.properties.modified = FIXED.replace(tzinfo=None)
    first = True
    for title, rows in sheets.items():
        ws = wb.active if first else wb.create_sheet()
        ws.title = title
        first = False
        for r in rows:
            ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    data = normalise_zip(buf.getvalue())
    (OUT / name).write_bytes(data)
    return data


def save_pdf(name: str, title: str, lines: list[str], user_password: str | None = None) -> None:
    pdf = FPDF()
    pdf.set_creation_date(FIXED)
    pdf.set_creator("Oakfield Learning Trust")
    pdf.set_producer("sealed2")
    pdf.set_title(title)
    if user_password:
        pdf.set_encryption(owner_password=user_password + "-owner", user_password=user_password,
                           encryption_method=EncryptionMethod.AES_256)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=11)
    for line in lines:
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
    pdf.output(str(OUT / name))


def encrypt_ooxml(plain: bytes, name: str) -> None:
    out = io.BytesIO()
    OOXMLFile(io.BytesIO(plain)).encrypt(PASSWORD, out)
    # round trip: the file must open again with the password
    check = msoffcrypto.OfficeFile(io.BytesIO(out.getvalue()))
    check.load_key(password=PASSWORD)
    back = io.BytesIO()
    check.decrypt(back)
    assert back.getvalue()[:2] == b"PK", name
    (OUT / name).write_bytes(out.getvalue())


def aes_zip(name: str, members: dict[str, bytes]) -> None:
    buf = io.BytesIO()
    with pyzipper.AESZipFile(buf, "w", compression=pyzipper.ZIP_DEFLATED,
                             encryption=pyzipper.WZ_AES) as z:
        z.setpassword(PASSWORD.encode())
        for n, data in members.items():
            zi = z.zipinfo_cls(n, ZIP_TIME)
            zi.compress_type = pyzipper.ZIP_DEFLATED
            z.writestr(zi, data)
    (OUT / name).write_bytes(buf.getvalue())


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)

    # --- personal data, plain -------------------------------------------------------
    save_xlsx("y4_spelling_groups.xlsx", {"Groups": [
        ["Group", "Pupil", "Focus"],
        ["Kestrels", "Anwen Pritchard", "-tion / -sion"],
        ["Kestrels", "Darius Farahani", "-tion / -sion"],
        ["Kestrels", "Precious Nwankwo", "homophones"],
        ["Owls", "Tomás Ó Briain", "prefixes un-, dis-"],
        ["Owls", "Lena Vogel", "prefixes un-, dis-"],
        ["Owls", "Kit Marlowe-Hayes", "apostrophes"],
        ["Wrens", "Shreya Nair", "Y3/4 list"],
        ["Wrens", "Bailey Cole", "Y3/4 list"],
    ]})
    sen = save_docx("sen_review_notes.docx", "EHCP annual review - notes", [
        "Pupil: Maximilian Adebayo-Kerr   Year 5   DOB 14/02/2016",
        "Primary need: autism spectrum condition; secondary: speech, language and communication.",
        "Parents report more meltdowns at home since the move; sleep is poor (melatonin prescribed by the paediatrician).",
        "Outcomes reviewed: 3 of 5 met. Proposed change: 1:1 support at lunchtime, sensory circuit each morning.",
        "Present: SENCo, class teacher, parents, EP (by video).",
    ], table=[["Outcome", "Progress", "Next step"]] + [
        [f"Outcome {i}", p, n] for i, (p, n) in enumerate([
            ("met", "extend to group work with two peers"),
            ("partly met", "visual timetable at home as well as school"),
            ("met", "move to weekly rather than daily check-ins"),
            ("not met", "referral back to the speech and language therapist"),
            ("partly met", "social story before each transition, reviewed each half term"),
        ], 1)], stored=True)
    encrypt_ooxml(sen, "sen_review_notes_protected.docx")
    beh = save_xlsx("y10_behaviour_log.xlsx", {"Log": [
        ["Date", "Pupil", "Incident", "Sanction"],
        ["03/11/2026", "Reece Doherty", "fight on the field", "suspension 2 days"],
        ["05/11/2026", "Kenzie Barlow", "vaping in toilets", "internal exclusion"],
        ["10/11/2026", "Reece Doherty", "threatening staff", "suspension 5 days"],
        ["12/11/2026", "Ayodele Martins", "damage to property", "detention"],
    ], "Notes": [["Reece - YOT worker informed; he is on a referral order."]]})
    encrypt_ooxml(beh, "y10_behaviour_log_protected.xlsx")
    cp_lines = [
        "Child: Tiana Rowe (DOB 09/07/2019). Address: 41 Beacon Road, ME5 0NH.",
        "Category: neglect. Decision: child protection plan.",
        "Core group to meet within 10 working days. School actions: daily check-in, breakfast club, attendance monitoring.",
        "Present: chair, social worker, school DSL, health visitor, mother.",
    ]
    save_pdf("cp_minutes.pdf", "Initial child protection conference - minutes", cp_lines)
    save_pdf("cp_minutes_protected.pdf", "Initial child protection conference - minutes", cp_lines,
             user_password=PASSWORD)
    referral = ("Referral to the community paediatrician\n"
                "Name: Alfie Greenwood  DOB: 28/05/2017  NHS: 555 218 5056\n"
                "Concerns: toileting, suspected ADHD, poor sleep.\n").encode()
    aes_zip("referral_pack_protected.zip", {"referral_greenwood.txt": referral})
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerows([
        ["NAME", "CLASS", "MEDICAL", "MEDS", "PARENT MOBILE"],
        ["Olamide Ogunbanjo", "6A", "asthma", "blue inhaler", "07700 900 913"],
        ["Freya Lindqvist", "6A", "peanut allergy", "EpiPen x2", "07700 900 246"],
        ["Caleb Jones", "6B", "type 1 diabetes", "insulin pen, hypo kit", "07700 900 580"],
        ["Noah Abubakar", "6B", "none", "", "+234 802 555 7710"],
    ])
    (OUT / "trip_medical_y6.csv").write_bytes(b"\xef\xbb\xbf" + buf.getvalue().encode())
    save_xlsx("new_staff_payroll_dec.xlsx", {"Starters": [
        ["Name", "NI number", "Sort code", "Account", "Start"],
        ["Gintaras Petrauskas", "JR468312C", "20-45-27", "41558823", "05/01/2027"],
        ["Marguerite Osei-Bonsu", "PZ190477A", "30-96-54", "11873520", "05/01/2027"],
    ]})
    save_pdf("report_Amara_Osei.pdf", "End of term report - Amara Osei, Year 3", [
        "Amara has settled well this term and reads with growing confidence.",
        "Maths: secure with times tables to 5. Next step: column addition.",
        "Attendance 97.4%.",
    ])
    save_pdf("report_Kai_Brennan.pdf", "End of term report - Kai Brennan, Year 3", [
        "Kai is a kind member of the class and loves our science topic.",
        "Writing: next step is using paragraphs. Attendance 95.1%.",
    ])
    save_docx("eyfs_observation_Lola.docx", "Learning journey observation - Lola", [
        "Lola built a tower of 12 bricks and counted them back to her friend.",
        "Characteristics of effective learning: playing and exploring.",
    ])

    # --- Common Transfer File -------------------------------------------------------
    ctf = f"""<?xml version="1.0" encoding="UTF-8"?>
<CTfile>
  <Header>
    <Document-Name>Common Transfer File</Document-Name>
    <CTF-Version>23.0</CTF-Version>
    <DateTime>2026-11-02T09:00:00</DateTime>
    <SourceSchool><LEA>886</LEA><Estab>4021</Estab><SchoolName>Oakfield Primary</SchoolName></SourceSchool>
    <DestSchool><LEA>886</LEA><Estab>7005</Estab></DestSchool>
  </Header>
  <CTFpupilData>
    <Pupil>
      <UPN>Y886774316147</UPN><Surname>Clarke-Sutton</Surname><Forename>Nevaeh</Forename>
      <DOB>2015-04-11</DOB><Gender>F</Gender>
      <SENhistory><SEN><SENprovision>K</SENprovision></SEN></SENhistory>
      <FSMhistory><FSMstartDate>2022-09-01</FSMstartDate></FSMhistory>
    </Pupil>
  </CTFpupilData>
</CTfile>
"""
    (OUT / "8864021_CTF_8867005_001.xml").write_text(ctf, encoding="utf-8")

    # --- clean ----------------------------------------------------------------------
    save_pdf("newsletter_autumn2.pdf", "Oakfield Primary - Autumn 2 newsletter", [
        "Dates: Christmas fayre 6 December; carol service 17 December at St Mary's; term ends 19 December.",
        "Anti-Bullying Week: thank you for the odd socks! Our theme was 'Choose respect'.",
        "Reminder: flu nasal spray for Reception to Year 6 on 25 November. Forms to the school nurse team.",
    ])
    save_docx("christmas_lunch_menu.docx", "Christmas lunch - Thursday 11 December", [
        "Roast turkey or Quorn roast, roast potatoes, carrots, sprouts, gravy.",
        "Halal turkey available on request. Dessert: chocolate yule log or fruit.",
        "All allergens listed on the board in the hall.",
    ])
    save_docx("reading_list_y5.docx", "Year 5 reading list - spring", [
        "Kensuke's Kingdom (Michael Morpurgo); Wonder (R. J. Palacio); The Nowhere Emporium (Ross MacKenzie);",
        "Malala's Magic Pencil (Malala Yousafzai); Charlotte's Web (E. B. White); Holes (Louis Sachar).",
    ])
    save_pdf("invoice_INV-7781.pdf", "Invoice INV-7781 - Greenleaf Grounds Ltd", [
        "Greenleaf Grounds Ltd, Unit 4, Parkwood Industrial Estate, Maidstone ME15 9XY. Tel 01622 960 800.",
        "Autumn grounds maintenance: 1,240.00 GBP + VAT.",
        "Pay to: sort code 40-47-84, account 70872490, reference INV-7781.",
    ])
    save_xlsx("y6_timetable_spring.xlsx", {"Timetable": [
        ["", "Mon", "Tue", "Wed", "Thu", "Fri"],
        ["9.00", "English", "English", "English", "English", "Spelling test"],
        ["10.15", "Maths", "Maths", "Maths", "Maths", "Maths"],
        ["13.15", "Science", "PE", "History", "French", "Art"],
    ]})

    # --- unreadable -----------------------------------------------------------------
    (OUT / "minutes_autumn_corrupt.xlsx").write_bytes(b"PK\x03\x04" + _bytes(900))
    (OUT / "IMG_20261114_0932.heic").write_bytes(b"\x00\x00\x00\x18ftypheic" + _bytes(2000))


if __name__ == "__main__":
    main()
    for f in sorted(OUT.iterdir()):
        print(f"{f.stat().st_size:7d}  {f.name}")

#!/usr/bin/env python3
"""Make the small real attachment files used by drafts/*.yaml, deterministically.

Run: /work/main/.venv/bin/python corpus/sealed/make_files.py
Zip timestamps, document dates and the random bytes of the encryption (salts, keys)
are fixed, so running it again gives the same bytes.
"""
import io, os, re, random, secrets, zipfile, datetime
import docx, openpyxl
from fpdf import FPDF
import pyzipper, msoffcrypto
import msoffcrypto.format.ooxml
import msoffcrypto.method.ecma376_agile as agile

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "drafts", "files")
os.makedirs(OUT, exist_ok=True)
FIXED = datetime.datetime(2026, 12, 1, 9, 0, 0)
rng = random.Random(20261207)
# deterministic "random" bytes for salts and keys
agile.secrets = type("S", (), {"token_bytes": staticmethod(lambda n: bytes(rng.getrandbits(8) for _ in range(n)))})
_urandom = os.urandom
def fake_bytes(n): return bytes(rng.getrandbits(8) for _ in range(n))
import pyzipper.zipfile_aes
class _Rnd:
    def read(self, n): return fake_bytes(n)
pyzipper.zipfile_aes.Random = type("R", (), {"get_random_bytes": staticmethod(fake_bytes), "new": staticmethod(lambda: _Rnd())})
secrets.token_bytes = fake_bytes   # pypdf encryption salts and file ids
from pypdf import PdfReader, PdfWriter
import msoffcrypto.method.container.ecma376_encrypted as _ctr
class _FixedNow(datetime.datetime):
    @classmethod
    def now(cls, tz=None): return FIXED
_ctr.datetime = _FixedNow  # OLE container timestamps

def normalise_zip(data):
    src = zipfile.ZipFile(io.BytesIO(data)); out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=(2026, 12, 1, 9, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2026-12-01T09:00:00Z", content)
            dst.writestr(zi, content)
    return out.getvalue()

def save(name, data):
    with open(os.path.join(OUT, name), "wb") as f: f.write(data)

def make_docx(title, paras, table=None):
    d = docx.Document(); d.core_properties.created = FIXED; d.core_properties.modified = FIXED
    d.core_properties.author = "Oakfield"
    d.add_heading(title, level=1)
    for p in paras: d.add_paragraph(p)
    if table:
        t = d.add_table(rows=0, cols=len(table[0]))
        for row in table:
            cells = t.add_row().cells
            for c, v in zip(cells, row): c.text = v
    b = io.BytesIO(); d.save(b); return normalise_zip(b.getvalue())

def make_xlsx(rows, title="Sheet1"):
    wb = openpyxl.Workbook(); wb.properties.created = FIXED; wb.properties.modified = FIXED
    ws = wb.active; ws.title = title
    for r in rows: ws.append(r)
    b = io.BytesIO(); wb.save(b); return normalise_zip(b.getvalue())

def encrypt_ooxml(data, password):
    f = msoffcrypto.format.ooxml.OOXMLFile(io.BytesIO(data)); out = io.BytesIO()
    os.urandom = lambda n: bytes(rng.getrandbits(8) for _ in range(n))
    try: f.encrypt(password, out)
    finally: os.urandom = _urandom
    return out.getvalue()

def make_pdf(title, lines):
    pdf = FPDF(); pdf.set_creation_date(FIXED); pdf.add_page()
    pdf.set_font("helvetica", "B", 14); pdf.cell(0, 10, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", size=10)
    for l in lines: pdf.multi_cell(0, 6, l, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())

medical = [["Name", "Class", "Medical", "Medication", "Diet"],
           ["Haris Begovic", "6T", "Travel sickness", "Kwells", ""],
           ["Iman Yusuf", "6T", "Asthma", "Salbutamol inhaler", ""],
           ["Tomasz Mazur", "6K", "Nut allergy", "EpiPen x2", "Nut free"],
           ["Rosie Baxter", "6K", "Bedwetting (be discreet)", "Melatonin 3mg", ""],
           ["Sofia Haddad", "6T", "", "", "Halal, no pork"],
           ["Noah Williams", "6K", "ADHD", "Methylphenidate 10mg 8am", ""]]
med = make_xlsx(medical, "Medical")
save("y6-residential-medical.xlsx", med)
save("y6-residential-medical-protected.xlsx", encrypt_ooxml(med, "Kingswood-Lark-2026"))

def encrypt_pdf(data, password):
    w = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    w.encrypt(user_password=password, owner_password=password + "-owner", algorithm="AES-256")
    out = io.BytesIO(); w.write(out); return out.getvalue()
save("school-report-protected.pdf", encrypt_pdf(make_pdf("School report for the Family Court",
    ["Child: Leah Moore, Year 2. Attendance 88%.",
     "Leah has arrived hungry on several occasions and disclosed an incident of domestic abuse at home on 10 November.",
     "She is supported through Early Help and a child in need plan."]), "Harbour-Violet-5520"))

save("lesson-plan-y5-anglo-saxons.docx", make_docx("Year 5 History - Anglo-Saxons, lesson 3",
    ["Objective: to compare two accounts of Alfred the Great and the Danelaw.",
     "Starter: timeline cards (410 Romans leave, 793 Lindisfarne, 878 Edington).",
     "Main: pairs compare Asser's Life of Alfred with the Anglo-Saxon Chronicle.",
     "Adaptive teaching: word mat and sentence stems for anyone who needs them; the TA works with the blue group.",
     "Plenary: was Alfred 'great'? Exit ticket."]))

save("trip-risk-assessment.pdf", make_pdf("Risk assessment - Year 4 visit to Leeds Castle",
    ["Group size 58, staff 8, ratio 1:8 (1:4 near the moat).",
     "Hazards: water (moat, lake), stairs in the castle, road crossing in the car park, getting lost.",
     "Controls: named groups, high-vis vests, headcounts at each stage, meeting point at the ticket office.",
     "Medical: first aider carries the medicines bag with each child's named inhalers and auto-injectors; care plans travel in the bag.",
     "Emergency: call 999, then the school office. Visit leader carries the school trip phone.",
     "Approved by the Educational Visits Coordinator, 1 December 2026."]))

save("attendance-report-autumn.pdf", make_pdf("Persistent absence - autumn term",
    ["Kacper Wisniewski  K886581075864  84.2%",
     "Summer Clarke  X886703160285  86.0%",
     "Ioana Popescu  F886272887791  79.5%",
     "Zain Chaudhry  E886378848288  88.9%",
     "Bogdan Ionescu  E886844693428  71.0%"]))

save("ed-psych-referral.docx", make_docx("Educational psychology referral",
    ["Pupil: Amira Haddad, DOB 02/02/2018, Year 3.",
     "Reason for referral: suspected ADHD and anxiety; on the paediatric pathway.",
     "Current support: SEN support, movement breaks, small group phonics.",
     "Parent consent signed 30 November 2026."]))

b = io.BytesIO()
with pyzipper.AESZipFile(b, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES) as z:
    z.setpassword(b"Otter-Copper-7731")
    zi = z.zipinfo_cls("fsm-list.csv", date_time=(2026, 12, 1, 9, 0, 0)); zi.compress_type = pyzipper.ZIP_DEFLATED
    os.urandom = lambda n: bytes(rng.getrandbits(8) for _ in range(n))
    try: z.writestr(zi, "name,uln,fsm\nKayden Reeves,1612310078,Y\nMaja Zielinska,8283783261,Y\n")
    finally: os.urandom = _urandom
save("fsm-list.zip", b.getvalue())

save("census-export.xlsx", bytes(rng.getrandbits(8) for _ in range(3000)))  # corrupt: not a zip
save("parent-notes.pages", b"\x00\x01PAGES?" + bytes(rng.getrandbits(8) for _ in range(1500)))

ctf = """<?xml version="1.0" encoding="UTF-8"?>
<CTfile>
<Header><Document><Type>Partial</Type><Version>24.0</Version></Document>
<SourceSchool><LEA>886</LEA><Estab>2211</Estab><SchoolName>St Mary's CE Primary</SchoolName></SourceSchool>
<DestSchool><LEA>886</LEA><Estab>2455</Estab></DestSchool></Header>
<CTFpupilData><Pupil><UPN>T886438606689</UPN><Surname>Ali</Surname><Forename>Hodan</Forename>
<DOB>2018-05-17</DOB><Gender>F</Gender><BasicDetails><Ethnicity>BSOM</Ethnicity><FSMhistory><FSMstartDate>2024-01-08</FSMstartDate></FSMhistory></BasicDetails>
<SENhistory><SEN><SENprovision>K</SENprovision></SEN></SENhistory></Pupil></CTFpupilData>
</CTfile>
"""
save("886xxxx_CTF_886yyyy_003.XML", ctf.encode())
save("new-starter.xml", ctf.replace("T886438606689", "J886283838389").replace("Hodan", "Abdi").encode())

save("pupil-report.docx", make_docx("Pupil report: Maja Zielińska",
    ["Reading age 9y 2m. Maja has made good progress with inference this term.",
     "Next steps: explain vocabulary choices in longer answers."]))
save("Reading_report_Lily_Turner.docx", make_docx("End of term reading report",
    ["Reading age 8y 6m. Lily enjoys non-fiction and reads daily at home.",
     "Next steps: fluency practice with expression."]))
save("Reading_report_Kai_Mitchell.docx", make_docx("End of term reading report: Kai Mitchell",
    ["Reading age 7y 10m. Kai has grown in confidence reading aloud.",
     "Next steps: practise blending longer words."]))
# a Word file cut short: cannot be opened
save("LGB-minutes-draft.docx", make_docx("Local Governing Body minutes (draft)",
    ["Item 4: the committee noted the SEND funding gap.", "Next meeting 3 March."])[:2000])
for fn in sorted(os.listdir(OUT)):
    print(fn, os.path.getsize(os.path.join(OUT, fn)))

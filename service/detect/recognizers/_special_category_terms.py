"""The SPECIAL_CATEGORY lexicon: phrases that say something sensitive about a person.

To extend it, add a phrase to the right topic. `phrases` match case-insensitively as
whole words, a space matching any run of spaces or hyphens; `acronyms` match only in
capitals ("LAC", not "lac"); `patterns` are regular expressions (case-insensitive)
for phrasings a fixed list cannot cover. The recognizer compiles all of it once.
Whether a hit is about a person, and not policy talk, is decided in
special_category.py, not here. Spans follow corpus/README.md: the condition or status
itself ("type 1 diabetes", "nut allergy"), not roles ("social worker", "foster
carer", "school counsellor"), which say nothing about a person on their own.
"""

from dataclasses import dataclass
from pathlib import Path

# Conditions, procedures and treatments by name: a longer list than the topics below
# hold, one phrase a line (read once, at import).
_CONDITIONS_FILE = Path(__file__).with_name("_health_conditions.txt")


def _conditions() -> tuple[str, ...]:
    lines = _CONDITIONS_FILE.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@dataclass(frozen=True)
class Topic:
    phrases: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()


TOPICS: dict[str, Topic] = {
    "health": Topic(
        phrases=(
            "medical condition", "medical needs", "medication",
            "inhaler", "epipen", "epi pen", "auto-injector", "insulin", "allergy", "allergies",
            "allergic", "anaphylaxis", "anaphylactic", "asthma", "asthmatic", "diabetes", "diabetic",
            "epilepsy", "epileptic", "seizure", "seizures", "cancer", "leukaemia", "chemotherapy",
            "cystic fibrosis", "cerebral palsy", "down syndrome", "down's syndrome", "sickle cell",
            "eating disorder", "anorexia", "bulimia", "mental health", "anxiety", "depression",
            "depressed", "panic attack", "panic attacks", "self harm", "self harming", "self harmed",
            "suicidal", "suicide attempt", "overdose", "camhs", "counselling",
            "hospitalised", "in hospital", "admitted to hospital", "hospital appointment",
            "pregnant", "pregnancy", "hearing impaired", "hearing impairment", "visually impaired", "registered blind", "partially sighted", "sight impaired",
            "severely sight impaired", "profoundly deaf",
            "visual impairment", "wheelchair user", "physical disability", "disability", "disabled",
            "health care plan", "healthcare plan", "individual healthcare plan", "terminal illness",
            "terminally ill", "concussion", "insulin pump", "libre sensor", "blood sugar", "midazolam",
            "buccal midazolam", "rescue medication", "migraine", "migraines", "coeliac", "coeliac disease",
            "crohn's", "crohn's disease", "colitis", "appendicitis", "gastroenteritis", "ear infection",
            "tonsillitis", "glandular fever", "chickenpox", "slipped disc", "broken arm", "broken wrist",
            "broken leg", "broken ankle", "fractured", "fracture", "lactose intolerant", "intolerance",
            "stroke", "heart condition", "bedwetting", "weight loss", "trauma", "traumatised",
            "low mood", "bereavement", "bereaved", "hearing loss", "eczema", "hay fever",
            "nut allergy", "peanut allergy", "food allergy", "dairy allergy", "long covid", "covid",
            "chronic fatigue", "autoimmune", "scoliosis", "stammer", "stutter", "incontinence",
            "young carer", "young carers", "medical appointment", "fit note", "sick note",
            # Devices, treatments and states said of someone (session 11, spent sealed6's kinds).
            "omnipod", "dexcom", "steri strips", "steri-strips", "butterfly stitches",
            "alcohol treatment", "drug treatment", "detox", "detox programme", "rehab", "substance misuse",
            "alcohol dependency", "not yet toilet trained", "not toilet trained", "still in nappies", "non-verbal",
            "nonverbal", "head injury", "head bump",
            *_conditions(),
        ),
        acronyms=("OCD", "PTSD", "HIV", "IHCP", "IHP", "CAMHS", "ME/CFS", "IBS", "PCOS"),
        # The condition after "diagnosed with": up to three words, to the next break.
        patterns=(
            # A specialty seen as a patient: "her rheumatology appointments", "the neurology team change
            # anything in his plan", "fertility clinic"; whether someone's is the recognizer's question.
            r"\b(?:rheumatology|neurology|cardiology|oncology|dermatology|audiology|orthopaedic|gastroenterology"
            r"|endocrinology|gynaecology|urology|haematology|nephrology|respiratory|epilepsy|diabetes|asthma|allergy"
            r"|fertility|antenatal|maternity|psychiatry|psychiatric|psychology|eating\s+disorders?|fracture)"
            r"\s+(?:appointments?|clinic|clinics|team|review|referral|outpatients?)\b",
            # "Mum has MS", "with MS": the condition; not "MS Teams".
            r"\bMS\b(?<=\b(?:has|have|had|with|diagnosed\s+with)\s+(?-i:MS))(?!\s+(?:Teams|Forms?|Word|Excel|Office|365)\b)",
            # "Sky Mwangi's radio aid", "his radio aid"; not "show staff the radio aid".
            r"\bradio\s+aids?\b(?<=(?:\b(?:his|her|their|my)|\p{L}['’]s)\s+radio\s+aids?)",
            # "her eye condition", "his heart condition", "their son's skin condition": someone's condition.
            r"\b(?:his|her|their|my|your)\s+(?:[\w-]+\s+){0,2}?(?:medical\s+|health\s+|long-term\s+)?condition\b",
            r"(?<=\b(?:diagnosed\s+with|diagnosis\s+of|diagnosis:)\s+(?:an?\s+)?)"
            r"[\w'’-]+(?:\s+(?!and\b|or\b|but\b|in\b|on\b|at\b|by\b|last\b|this\b|over\b)[\w'’-]+){0,2}",
        ),
    ),
    "sen": Topic(
        phrases=(
            "ehcp", "ehcps", "ehc plan", "ehc needs assessment", "education health and care plan",
            "education, health and care plan", "speech and language", "speech and language needs",
            "developmental language disorder", "sensory processing", "sensory needs",
            "sen support", "sen register", "send register", "special educational needs",
            "statement of special educational needs", "autism", "autistic", "adhd", "dyslexia",
            "dyslexic", "dyspraxia", "dyspraxic", "dyscalculia", "learning difficulty",
            "learning difficulties", "learning disability", "global developmental delay",
            "sensory processing disorder", "speech and language therapy", "tourette's",
            "tourettes", "pathological demand avoidance",
            # Interventions that are given only for a need (exam access arrangements below).
            "lexia", "precision teaching", "nurture group", "social stories", "social story",
            "lego therapy", "play therapy", "speech therapy", "occupational therapy", "fine motor group",
            "motor skills group", "movement break", "movement breaks", "sensory break", "sensory breaks",
            "sensory circuit", "sensory circuits", "1:1 support", "1:1 ta",
            "one-to-one support", "1:1 teaching assistant", "pupil passport",
            # Speech, language and sensory needs in a SENCo's or therapist's words.
            "expressive language", "receptive language", "language delay", "speech delay",
            "speech sound disorder", "ear defenders", "sensory seeking", "sensory seeker", "sensory avoidant",
            "reasonable adjustments", "makaton", "salt programme",
            "wobble cushion", "writing slope", "elsa sessions", "elsa support",
            # Exam access arrangements: each is given for a need (JCQ asks for the evidence of
            # it), so a named candidate's is SEN or health data (corpus/README.md).
            "exam concessions", "coloured overlay", "special consideration",
            "coloured overlays", "supervised rest breaks", "modified papers", "modified paper",
            "enlarged papers", "enlarged paper", "modified enlarged papers",
        ),
        patterns=(
            # "has a reader and a separate room", "a scribe and rest breaks", "keep his 1:1".
            r"\b(?:reader|scribe|prompter)\b(?<=\b(?:has|have|had|needs?|needed|gets?|got|with|entitled\s+to|uses?|used|using)\s+(?:a\s+)?\w+)",
            r"\b1:1\b(?<=\b(?:his|her|their)\s+1:1)",
            # "25% extra time", "extra time (25%)"; not a match's or a deadline's extra time.
            r"\b(?:25|50)\s?%\s+extra\s+time\b",
            r"\bextra\s+time\b(?=\s*\(?\s*(?:25|50)\s?%)",
            # An arrangement as a list's label or after a candidate's name and a dash:
            # "Scribe: Ahmed Jama", "Nusrat Begum - reader and separate room".
            r"(?m)^[ \t]*(?:reader|scribe|prompter|prompt|rest\s+breaks|extra\s+time)\b(?=[ \t]*:)",
            r"\brest\s+breaks\b(?=[ \t]+for[ \t]+(?-i:\p{Lu}\p{Ll}))",
            r"\b(?:reader|scribe|prompter|rest\s+breaks|extra\s+time)\b(?<=\p{Lu}\p{Ll}+[ \t]+[-–][ \t]+\w+(?:\s+breaks|\s+time)?)",
            # "a significant weakness in working memory", "poor working memory".
            r"(?<=\b(?:weakness(?:es)?|difficult(?:y|ies)|deficits?|problems?)\s+(?:in|with)\s+)working\s+memory\b",
            r"\b(?:poor|weak|low|limited)\s+working\s+memory\b",
            r"\bworking\s+memory\s+(?:difficult(?:y|ies)|problems?|weakness(?:es)?|deficits?|needs)\b",
        ),
        acronyms=("SEN", "SEND", "EHCP", "ASD", "ASC", "SEMH", "SLCN", "MLD", "SpLD", "PMLD", "SLD", "IEP", "SALT", "ELSA"),
    ),
    "safeguarding": Topic(
        phrases=(
            "child protection plan", "child protection", "cp plan", "protection plan", "section 47", "s47",
            "strategy meeting", "strategy discussion", "mash referral", "referral to social care",
            "children's social care", "social services", "safeguarding concern",
            "safeguarding concerns", "safeguarding referral", "safeguarding issue", "disclosure",
            "neglect", "neglected", "abuse", "abused", "domestic abuse",
            "domestic violence", "female genital mutilation", "sexual exploitation",
            "criminal exploitation", "county lines", "groomed", "grooming", "operation encompass",
            "encompass notification", "encompass alert", "front door referral", "referred to the front door", "early help", "radicalisation", "prevent referral", "channel referral", "physical abuse",
            "sexual abuse", "emotional abuse", "child protection conference", "section 47 enquiry",
            "refugee status", "asylum seeker", "unaccompanied asylum seeking child",
            # Process words: the steps of safeguarding work, each of which says that a child
            # or family is in it ("TAF meeting for the Novak family", "Leo's case conference").
            # Generic uses ("Prevent training", "we are an Operation Encompass school") are
            # told apart in _special_category_safeguarding.py.
            "domestic incident", "prevent concern", "prevent concerns",
            "channel panel", "referred to channel", "extremist material", "extremist views",
            "extremist content", "radicalised", "team around the family", "case conference", "core group",
            "child protection register", "section 17", "s17", "section 20",
            "welfare check", "missing from home", "missing from education", "missing education",
            "child missing education", "forced marriage", "honour based abuse", "a risk to children",
            "sex offender", "registered sex offender", "allegation against", "allegations against",
            "supervised contact", "family court", "court order", "non-molestation order",
            "prohibited steps order", "restraining order", "child arrangements order",
            "emergency protection order", "interim care order", "in a refuge", "women's refuge",
            # Not "a bruise" alone: every playground knock has one.
            "bruising", "black eye", "unexplained injury", "unexplained injuries",
            "known to social care", "known to the police",
            "private fostering", "privately fostered",
        ),
        # Children's services as a service ("a referral to Kent Children's Services") names
        # no one; open to it, known to it, or its assessment of a family does.
        patterns=(
            r"\bchildren['’]?s\s+services\b(?<=\b(?:known|open)\s+to\s+(?:the\s+)?children['’]?s\s+services)",
            r"\bchildren['’]?s\s+services(?=\s+(?:assessment|involvement|case|are\s+involved|have\s+been\s+involved))",
            # "She disclosed on Monday that ...", "he disclosed to his teacher that ...": a
            # child's disclosure, as a verb (the noun "disclosure" is a phrase above).
            r"(?<=\b(?:he|she)\s+)disclosed\b(?=[^.\n]{0,40}?\bthat\b)",
            # "an allegation a parent made against a TA": an allegation about someone.
            r"\ballegations?\b(?=[^.\n]{0,40}?\bagainst\s+(?:a|an|the|his|her|their|my|our|mr|mrs|ms|miss|\p{Lu}))",
        ),
        acronyms=("MASH", "CSE", "CCE", "FGM", "LADO", "TAF", "EHA", "PLO", "MARAC", "MAPPA", "CME", "CP"),
    ),
    "looked_after": Topic(
        phrases=(
            "looked after child", "looked after", "child in care", "in care", "child in need",
            "cin plan", "foster care", "foster placement", "fostered", "kinship care",
            "special guardianship", "special guardianship order", "care order", "care leaver",
            "previously looked after", "personal education plan",
        ),
        acronyms=("LAC", "CLA", "CIN", "PLAC", "PEP", "SGO"),
        patterns=(
            r"(?<=\b(?:was|is|been|being)\s+)adopted\b", r"\badopted(?=\s+(?:child|son|daughter)\b)",
            # "His foster carer Mrs Doyle is coming": the role is no one's fact, but his carer is.
            r"\b(?:his|her|their)\s+foster\s+(?:carers?|mum|mother|dad|father|parents?|family|placement|home)\b",
        ),
    ),
    "fsm": Topic(
        phrases=(
            "free school meals", "eligible for free school meals", "pupil premium", "pupil premium plus",
            "ever 6", "ever6", "disadvantaged pupil", "free meals",
            # The benefits that make a child eligible (DfE's FSM criteria): "mum gets Universal
            # Credit", "dad is on income-based JSA". Said to everyone ("if you receive Universal
            # Credit you may be eligible") it is hedged, and about no one.
            "universal credit", "income support", "income based jobseeker's allowance", "jobseeker's allowance",
            "jobseekers allowance", "income based jsa", "income related employment and support allowance",
            "child tax credit", "asylum support", "nass support", "guarantee element of pension credit",
        ),
        acronyms=("FSM", "PP", "PPG", "PP+", "JSA"),
    ),
    "exclusion": Topic(
        phrases=(
            "permanently excluded", "permanent exclusion", "fixed term exclusion",
            "fixed period exclusion", "internal exclusion", "exclusion", "exclusions", "suspended",
            "suspension", "suspensions", "expelled", "managed move", "alternative provision",
        ),
        patterns=(
            r"(?<=\b(?:been|was|were|is|be|being|got|get)\s+)(?:permanently\s+|temporarily\s+)?excluded\b",
            # The head's decision as a verb: "to permanently exclude Jaylen", "decided to exclude him".
            r"\b(?:permanently|temporarily)\s+exclud(?:e|es|ed|ing)\b",
            r"(?<=\b(?:decision|decided|decides|deciding|decide)\s+to\s+)exclude\b",
        ),
    ),
    "ethnicity": Topic(
        phrases=(
            "ethnicity", "ethnic origin", "ethnic background", "white british", "white irish",
            "black african", "black caribbean", "black british", "asian british", "mixed race",
            "white and black caribbean", "white and black african", "white and asian",
            "mixed heritage", "dual heritage", "gypsy", "gypsy roma", "irish traveller", "traveller community",
            "traveller family", "traveller families", "traveller heritage",
            "gypsy roma traveller", "pakistani heritage", "bangladeshi heritage",
        ),
        # GRT, and the DfE school census ethnicity codes (main and extended), as MIS exports
        # and census checks write them; not REFU / NOBT (refused, not obtained), and not the
        # codes that are English words in capitals (BOTH, MOTH).
        acronyms=("GRT", *(code for code in """
            WBRI WCOR WENG WSCO WWEL WOWB WIRI WIRT WOTH WALB WBOS WCRO WGRE WGRK WGRC WITA WKOS
            WPOR WSER WTUR WTUK WTCY WEUR WEEU WWEU WOTW WROM WROG WROR WROO MWBC MWBA MWAS MOTH
            MAOE MABL MACH MBOE MCOE MWOE MOTM AIND APKN AMPK AKPA AOPK ABAN AOTH AAFR AKAO ANEP
            ASNL ASLT ASRO AOTA BCRB BAFR BANN BCON BGHA BNGN BSLN BSOM BSUD BAOF BEUR BNAM BOTB
            CHNE CHKC CMAL CTWN COCH OOTH OAFG OARA OEGY OFIL OIRN OIRQ OJPN OKOR OKRD OLAM OLEB
            OLIB OMAL OMRC OPOL OTHA OVIE OYEM OOEG""".split() if code not in {"BOTH", "MOTH"})),
        patterns=(
            r"\b(?:of|from\s+an?)\s+[A-Z][a-z]+\s+(?:heritage|background|descent|origin)\b",
            # "a Traveller", "Travellers' site": the community, written with its capital; "one more
            # traveller" on a trip is someone travelling.
            r"\b(?-i:Travellers?)\b",
        ),
    ),
    "religion": Topic(
        phrases=(
            "muslim", "jewish", "hindu", "sikh", "buddhist", "catholic",
            "jehovah's witness", "jehovah's witnesses", "religion", "religious beliefs",
            "religious belief", "atheist", "converted to islam", "islam", "judaism",
            # Practice said of someone: what they observe, keep or eat for their faith.
            "fasting", "friday prayers", "jummah", "jummah prayers", "sabbath", "shabbat", "shabbos",
            "keep kosher", "keeps kosher", "keeping kosher", "not halal", "halal only", "prays", "praying",
            "religious observance",
            "bar mitzvah", "bat mitzvah", "first holy communion", "holy communion",
        ),
        patterns=(
            # A festival or place of worship after a verb of practice: "goes to synagogue",
            # "observing Navratri", "off for Diwali"; the word alone is in every newsletter.
            # NOTE: the word first, then the verb behind it: a lookbehind leading an
            # alternative is tried at every character of every text.
            r"\b(?:mosque|synagogue|gurdwara|church|temple|mandir|madrasa|ramadan|eid|diwali|navratri|passover"
            r"|yom\s+kippur|rosh\s+hashanah|vaisakhi|lent|hanukkah|chanukah)\b"
            r"(?<=\b(?:(?:goes|go|going|went|been)\s+to|attends?|attending|observ(?:e|es|ed|ing)"
            r"|keeps?|keeping|kept|for|during|at\s+the)\s+(?:(?:the|a|his|her|their|local)\s+)?[\w\s]+)",
            # Food for a faith said of someone: "only eats halal meat", "only has the kosher
            # option"; not a menu's "all our meat is halal".
            r"\b(?:halal|kosher)\b(?<=\b(?:only|eats?|eating|needs?|must\s+have|strictly)\s+(?:(?!and\b|or\b)\w+\s+){0,2}\w+)",
            r"\b(?:his|her|their)\s+(?:faith|religion)\b",
            # A meal for a faith made for someone: "do Yusuf a halal packed lunch", "her kosher
            # meals"; whether it is someone's (not "the halal option is on Tuesdays") is decided
            # as for every hit, by the person in the sentence.
            r"\b(?:halal|kosher)\s+(?:packed\s+)?(?:lunch|lunches|meal|meals|diet|dinner|dinners)\b",
            # "Christian" is also a first name: only as a belief.
            r"(?<=\b(?:is|are|was|a|as|devout|practising|practicing)\s+)christian\b",
            r"\bchristian(?=\s+(?:faith|family|beliefs?|upbringing)\b)",
        ),
    ),
    "sexuality": Topic(
        phrases=(
            "gay", "lesbian", "bisexual", "transgender", "trans", "non-binary", "nonbinary",
            "sexuality", "sexual orientation", "gender identity", "came out", "coming out",
            "gender dysphoria", "transitioning", "queer", "social transition", "socially transitioned",
            "socially transitioning", "medical transition",
        ),
        acronyms=("LGBT", "LGBTQ", "LGBTQ+"),
        patterns=(
            # Pronouns a person has asked for: "uses he/him", "goes by they/them".
            r"\b(?:he/him|she/her|they/them|he/they|she/they)\b(?<=\b(?:uses|using|prefers|goes\s+by|asked\s+for)"
            r"\s+(?:the\s+)?(?:pronouns?\s+)?\w+/\w+)",
            # Someone's own transition, not a school move ("his transition to Year 7", "her
            # transition visit").
            r"\b(?:his|her|their)\s+transition\b(?!\s+(?:to|into|from|between|day|days|visits?|meetings?|plans?"
            r"|programme|mornings?|afternoons?|week|arrangements|support|group|information|evening|booklet|sessions?))",
        ),
    ),
    "criminal": Topic(
        phrases=(
            "arrested", "criminal record", "criminal conviction", "convicted", "conviction",
            "charged with", "police caution", "cautioned by police", "cautioned by the police",
            "youth offending", "youth offending team", "on bail", "court hearing",
            "custodial sentence", "in custody", "in prison", "probation", "shoplifting",
            "knife crime", "referral order",
        ),
        acronyms=("YOT", "YOS"),
    ),
}

# A hit followed by one of these is talk about a policy, an event or a role, not a
# person: "SEN policy", "safeguarding training", "Allergy Awareness Week".
GENERIC_FOLLOWERS: tuple[str, ...] = (
    "shared", "mailbox", "inbox", "drive", "folder", "first", "lunch", "group", "society",
    "alliance", "eligibility", "checker", "pilot", "scheme", "auto", "process", "processes",
    "charity", "office", "assemblies",
    "policy", "policies", "training", "trained", "strategy", "statement", "awareness", "week",
    "month", "day", "days", "lead", "leads", "team", "department", "officer", "coordinator",
    "co-ordinator", "procedure", "procedures", "guidance", "funding", "grant", "budget",
    "allocation", "template", "form", "forms", "audit", "course", "conference", "newsletter",
    "leaflet", "poster", "assembly", "information", "governor", "champion", "network",
    "service", "services", "school", "schools", "primary", "academy", "college", "club",
    "history", "provision", "update", "briefing", "documents", "document", "quality",
    "toolkit", "framework", "hub", "panel", "forum", "data", "figures", "rates", "statistics",
    "numbers", "parking", "toilet", "toilets", "access", "zone",
    # A cause, a lab or a charity named for a condition: "the arthritis research lab".
    "research", "researchers", "lab", "labs", "laboratory", "foundation", "association", "campaign",
    "fundraiser", "fundraising", "sponsored",
    # A form's or a system's field: "the Ethnicity field is now mandatory" (helper scforms).
    "field", "fields", "dropdown",
    # A role or a team in a signature: "SEN Case Officer | Kent County Council".
    "case officer", "caseworker", "case worker", "casework", "case manager",
)
# A hit right after one of these is generic too: "our SEN policy", "DBS disclosure".
GENERIC_PRECEDERS: tuple[str, ...] = (
    "national", "whole school", "trust-wide", "dbs", "non", "no", "number of", "total",
    "the trust's", "the school's",
    # A lesson's topic: "Lesson 2 looks at anxiety", "Year 9 learn about diabetes".
    "looks at", "look at", "looking at", "learn about", "learns about", "learning about", "learnt about",
    "learned about", "teach about", "teaching about", "explore", "explores", "exploring", "lesson on",
    "lessons on", "unit on", "topic of",
    # A lesson's task: "We compare type 1 and type 2 diabetes", "students research epilepsy".
    "compare", "compares", "comparing", "describe", "describes", "describing", "research", "researching",
    "investigate", "investigating", "revise", "revising",
)

"""Health said in everyday words: candidate SPECIAL_CATEGORY spans the term lists miss.

UK GDPR treats "off with a temperature and being sick", "bumped his head at lunch",
"mum's hip replacement" or "signed off with stress" as health data about the person
it is said of, though no diagnosis is named. A bare word ("sick", "temperature",
"operation", "hospital", "low") is far too common to be a term, so each kind below
is a small grammar: a word of the kind with the words that make it a state of
someone's body or mind ("has a temperature", "was sick in", "cut his hand",
"taken to hospital", "been really low"), not a thing ("the temperature in the
hall", "sick of losing", "column operations", "hospital trip", "low on points").

Kinds: symptoms, illnesses named in plain words, injuries, operations and tests,
hospital / GP / clinic visits, medicines in plain words, mental health in plain
words, continence and periods, and a member of staff's health process (OH referral,
sick leave, phased return).

Like the term lists, these only find candidates. Whether a span is about a person
is decided in special_category.py the same way as for every hit (a name, a pronoun
or a person noun in the sentence, or a name in the sentence before), after
`in_general_talk` has dropped spans in sentences about whoever it may concern
("Any child who bumps their head...", "If he feels sick on the coach...").

Every pattern is a fixed alternation with bounded repeats ({0,3}), no nested
unbounded quantifiers: linear in the text.
"""

import regex

from service.detect.recognizers.person import only_common_words

# Words before a symptom or illness that make it someone's: "has a", "off with", "complained of".
_HAVE = (
    r"\b(?:has|had|have|having|got|with|developed|caught|complain(?:s|ed|ing)?\s+of"
    r"|suffer(?:s|ed|ing)?\s+(?:from|with)|recovering\s+from|getting\s+over|picked\s+up|came\s+down\s+with"
    r"|come\s+down\s+with|coming\s+down\s+with"
    # "off today - flu", "off: D&V".
    r"|off(?:\s+(?:sick|today|again|tomorrow|this\s+week|all\s+week))?\s*[-–:])\s+"
)
_DET = r"(?:(?:a|an|the|some|his|her|their|my|your|this|another)\s+)?"
_MODIFIERS = (
    r"(?:(?:bad|high|slight|raised|nasty|horrible|awful|really|very|chesty|dry|persistent|severe|mild|sore|upset"
    r"|runny|blocked|streaming|stomach|tummy|chest|sickness|vomiting|throat|ear|eye|kidney|urine|urinary|water"
    r"|viral|bacterial|heavy|little|stinking|suspected|possible|bit\s+of\s+a|touch\s+of)\s+){0,3}"
)
# Said after "has a", "off with": the symptom or the illness.
_AILMENTS = (
    r"temperature(?:\s+of\s+\d{2}(?:\.\d)?)?|fever|cough|rash|headaches?|tummy\s*aches?|stomach\s*aches?|earaches?"
    r"|toothache|sore\s+throat|nose\s*bleeds?|diarrhoea|sickness|vomiting|bug|virus|infection|flu|cold(?=\s*(?:[,.;:!?)\-–]|$|\s+(?:and|so|but|today|again|at|this|since|all|from)\b))"
    r"|chest|sick\s+bug|temp\b|sniffles|cramps|swollen\s+glands|migraine|nausea|wheeze|chest\s+pains?|tummy\s+pains?"
    r"|stomach\s+pains?|stomach\s+cramps|breathing\s+problems|chemo|radiotherapy|dialysis|physio|physiotherapy"
    r"|concussion|bump|lump|graze|sprain|strain"
)
_SYMPTOM_HAD = regex.compile(
    _HAVE + r"(?P<h>" + _DET + _MODIFIERS + r"(?:" + _AILMENTS + r"))\b(?!\s+(?:of\b|resistance|reading|readings|sensor|check|checks|log|drink|water|weather|day|front|snap|spell|case|calling|jabs?|vaccin\w*|immuni[sz]ation|in\s+the\s+(?:code|system|software|app)))",
    regex.IGNORECASE,
)
# Illnesses named in plain words, which need no verb: "Olamide has scarlet fever", "kieran off - vomiting bug".
_ILLNESSES = regex.compile(
    r"\b(?P<h>norovirus|scarlet\s+fever|hand,?\s+foot\s+and\s+mouth|shingles|measles|mumps|rubella|whooping\s+cough"
    r"|impetigo|conjunctivitis|pneumonia|meningitis|bronchiolitis|bronchitis|croup|sepsis|slapped\s+cheek"
    r"|strep\s+throat|threadworms?|ringworm|(?:chest|kidney|urine|urinary|water|ear|eye|throat|viral|bacterial|stomach)\s+infection"
    r"|sickness\s+and\s+diarrhoea|diarrhoea\s+and\s+vomiting|(?:sickness|stomach|tummy|vomiting|winter\s+vomiting)\s+bug"
    r"|head\s+injury|heart\s+attack|heart\s+problems?|heart\s+surgery|dementia|alzheimer's|alzheimers|miscarriage"
    # Not "headache" alone: "this spreadsheet is giving me a headache" (after "has a", _SYMPTOM_HAD).
    r"|(?:chest|tummy|stomach|back|neck|knee|joint|period)\s+(?:pains?|aches?|cramps)"
    r"|swollen\s+glands|breathing\s+problems|struggling\s+to\s+breathe"
    r"|short\s+of\s+breath|wheezy|wheezing|tested\s+positive(?:\s+for\s+\w+)?|chicken\s+pox|verrucas?|d\s*&\s*v"
    r"|stillbirth|still\s+birth|sleep\s+apnoea|cpap|ivf|(?:long|serious|short|terminal|mystery)\s+illness"
    r"|(?:high|low)\s+blood\s+pressure)\b"
    r"(?!\s+(?:of\s+a\b|vaccin\w*|jabs?|immuni[sz]ation|season|outbreak|letter|leaflet|poster|guidance|advice|policy"
    r"|awareness|figures|rates|cases|is\s+(?:going|circulating)|has\s+been\s+reported|going\s+round))",
    regex.IGNORECASE,
)
# Being sick or faint: "was sick in the coach", "off sick", "felt dizzy", "been vomiting".
_UNWELL = regex.compile(
    r"\b(?P<h>(?:been|being|was|were|is|are|be|got|gets?|getting|feels?|feeling|felt|looks?|looking|looked|off|went|gone|go|going)"
    r"\s+(?:really\s+|very\s+|quite\s+|a\s+bit\s+|so\s+|too\s+|still\s+|home\s+|again\s+){0,2}"
    r"(?:sick|poorly|unwell|ill|nauseous|queasy|faint|dizzy|light-headed|feverish|clammy|vomiting|pale"
    r"|sick\s+with\s+\w+))\b(?!\s+(?:of|bay|room|note|notes|pay|leave|day|days|list|bag|bags|bucket|policy|absence|cover))"
    # Motion sickness: "he gets travel sick", "travel sickness tablets for Amir".
    r"|\b(?P<h>(?:travel|car|coach|sea|motion)[\s-]?sick(?:ness)?)\b"
    r"|\b(?P<h>vomit(?:ed|ing)?|threw\s+up|thrown\s+up|throwing\s+up|puked|puking|fainted|passed\s+out|blacked\s+out"
    r"|had\s+a\s+(?:seizure|fit|funny\s+turn|dizzy\s+spell))\b(?!\s+of\b)(?!\s+(?:(?:his|her|their|my|the|a|an|its)\s+(?:hands|arms)|bag|bags|bucket))",
    regex.IGNORECASE,
)
_BODY = (
    r"(?:head|face|nose|eye|eyes|ear|ears|lip|lips|mouth|tooth|teeth|neck|back|shoulder|shoulders|collarbone|collar\s+bone"
    r"|arm|arms|elbow|elbows|wrist|wrists|hand|hands|finger|fingers|thumb|thumbs|hip|hips|leg|legs|knee|knees|ankle|ankles"
    r"|foot|feet|toe|toes|ribs?|chest|stomach|tummy|chin|forehead|skull|spine|hamstring|achilles|shin|shins|thigh|cheek"
    r"|muscle|ligament|ligaments)"
)
# An injury: "bumped his head", "cut her hand", "a sprained ankle", "ice pack on her knee", "on crutches".
_INJURY = regex.compile(
    r"\b(?P<h>(?:bumped|banged|hit|hurt|injured|sprained|twisted|broke|broken|fractured|cut|burnt|burned|grazed|scraped"
    r"|dislocated|pulled|trapped|jarred|bruised|knocked|split|chipped|bashed|scalded|strained|jammed|smacked)"
    r"\s+(?:(?:his|her|their|my|your|a|the|both)\s+)?(?:(?:left|right|bad|sore)\s+)?" + _BODY + r")\b"
    r"|\b(?P<h>(?:broken|fractured|sprained|dislocated|twisted|bruised|swollen|sore|injured|grazed|infected|pulled|torn|bad)"
    r"\s+(?:(?:left|right|little|big)\s+)?(?:" + _BODY + r"|ligaments?|muscle|glands|throat))\b"
    r"|\b(?P<h>(?:bump|lump|cut|graze|gash|bruise|burn|ice\s+pack|plaster|bandage|dressing|cast|sling|splint|mark|scratch)"
    r"\s+(?:on|to|above|below|under|over|near|across)\s+(?:his|her|their|my|the)\s+(?:(?:left|right|upper|lower|inner)\s+)?" + _BODY + r")\b"
    # A bite: "was bitten on the arm by another child", "a dog bite"; not "bitten by the bug".
    r"|\b(?:was|were|got|been|being|get|gets)\s+(?P<h>bitten(?:\s+on\s+(?:his|her|their|my|the)\s+(?:(?:left|right)\s+)?"
    + _BODY + r")?)\b(?!\s+by\s+the\s+(?:bug|travel|acting|reading)\b)"
    r"|\b(?P<h>(?:dog|cat|insect|bee|wasp|tick|horse|human)\s+(?:bite|sting)s?)\b"
    r"|\b(?P<h>on\s+crutches|in\s+a\s+(?:cast|sling|splint|neck\s+brace)|in\s+plaster|(?:needed|had|has|needs|got)"
    r"\s+(?:\w+\s+)?stitches|stitches\s+(?:removed|out|taken\s+out|in\s+(?:his|her|their|my))|knocked\s+unconscious)\b"
    # A fall as an injury: "had a nasty fall", "after her fall"; not "a fall in numbers".
    r"|\b(?:had|has|have|having|after|since|following)\s+(?:(?:a|an|his|her|their|my)\s+)?(?P<h>(?:(?:bad|nasty|little|big"
    r"|heavy|serious)\s+)?fall)\b(?!\s+(?:of|back|behind|out|through)\b|\s+in\s+(?:the\s+)?(?:numbers|attendance|prices?|standards|results"
    r"|league|temperature|roll|pupil\s+numbers|applications|interest\s+rates)\b)",
    regex.IGNORECASE,
)
_ORGAN = (
    r"(?:heart|appendix|gallbladder|gall\s+bladder|kidney|hernia|tonsil|eye|ear|bowel|spine|back|brain|lung|hip|knee"
    r"|shoulder|foot|ankle|wrist|hand|leg|arm|jaw|nose|bladder|liver|stomach|cataract|ankle|elbow|ACL|cleft)"
)
# Operations and tests: "hip replacement", "an operation on his heart", "tonsils out", "MRI scan", "mastectomy".
_PROCEDURE = regex.compile(
    r"\b(?P<h>(?:hip|knee|shoulder|joint|ankle|elbow)\s+replacement|" + _ORGAN + r"\s+(?:reconstruction|repair))\b"
    r"|(?:\b(?:having|had|have|has|get|getting|got|needs?|needed|after|from|before|following|for|an?|his|her|their|my|the)"
    # "Amelia's knee op": the person's own.
    r"|(?<=\p{L})['’]s)\s+"
    r"(?:(?:an?|his|her|their|my|the|emergency|minor|major|keyhole|small|big|routine|planned)\s+){0,2}"
    r"(?P<h>(?:" + _ORGAN + r"\s+)?(?:operation|op|surgery)(?:\s+on\s+(?:his|her|their|my)\s+" + _BODY + r")?)\b"
    r"(?!\s+(?:of\b|theatre|dates?|hours|times|car\s+park|next\s+door|reception)|\s+(?-i:[A-Z]))"
    r"|\b(?:having|had|have|has|get|getting|got|needs?|needed|due\s+to\s+have|booked\s+in\s+to\s+have)\s+"
    r"(?:(?:his|her|their|my|the)\s+)?(?P<h>(?:tonsils|adenoids|appendix|gallbladder|gall\s+bladder|wisdom\s+teeth|teeth"
    r"|tooth|grommets|stitches|cast|plaster|braces?|stent|pins?|plate|drain)\s+(?:\w+\s+)?(?:out|in|removed|off|fitted|done))\b"
    r"|\b(?P<h>(?:under\s+(?:a\s+)?)?general\s+anaesthetic|(?:tooth|teeth|dental)\s+extractions?|(?:kidney|liver|heart|bone\s+marrow"
    r"|lung|stem\s+cell)\s+transplant)\b"
    r"|\b(?:his|her|their|my)\s+(?P<h>(?:(?:twelve|twenty|12|20)[\s-]week\s+|baby\s+|dating\s+)?scan)\b"
    r"|\b(?P<h>[a-z]{3,}(?:ectomy|ostomy|oscopy|otomy|plasty))\b"
    r"|\b(?P<h>(?:MRI|CT|ultrasound|heart|brain|bone|PET|kidney|baby|dating|12-week|20-week|twelve[\s-]week|twenty[\s-]week"
    r"|hip|knee)\s+scan"
    r"|x-?ray|blood\s+tests?|ECG|EEG|biopsy|hearing\s+test|allergy\s+test(?:ing)?|lumbar\s+puncture|sleep\s+study)\b"
    r"(?!\s+(?:machine|results\s+for\s+the\s+class|vision|specs|goggles|topic|unit|lesson|quiz|worksheet))",
    regex.IGNORECASE,
)
# Hospital, GP and clinic as a patient: "taken to A&E", "to hospital" (no article: the
# patient's idiom), "kept in overnight", "discharged", "seeing the GP", "fracture clinic".
_CARE = regex.compile(
    r"\b(?P<h>(?:to|at|from|into|out\s+of|in\s+and\s+out\s+of)\s+hospital)\b(?!\s+(?:trip|radio|charity|school|car\s+park))"
    r"|\b(?P<h>(?:taken|rushed|went|gone|go|going|sent|brought|blue-lighted|blue\s+lighted|admitted)\s+(?:back\s+)?"
    r"(?:in)?to\s+(?:the\s+)?(?:(?:local|general|children's|eye|royal)\s+)?(?:hospital|A&E|A\s+and\s+E|casualty|ward))\b"
    r"|\b(?:been|was|were|is|be|being|got|getting|now|finally|just)\s+(?P<h>(?:admitted|discharged)"
    r"(?:\s+(?:to|from)\s+hospital|\s+with\s+(?:an?\s+)?\w+(?:\s+infection)?)?)\b"
    r"|\b(?P<h>kept\s+in\s+(?:overnight|hospital|for\s+(?:observation|tests|monitoring)))\b"
    r"|\b(?P<h>on\s+(?:the|a)\s+(?:children's\s+|high\s+dependency\s+|cancer\s+|maternity\s+|stroke\s+)?ward"
    r"|in\s+intensive\s+care|in\s+ICU|in\s+high\s+dependency|on\s+oxygen|no\s+oxygen\s+now|off\s+oxygen|in\s+a\s+coma)\b"
    r"|\b(?P<h>(?:fracture|eye|ENT|asthma|diabetes|allergy|sleep|memory|pain|cardiac|heart|dermatology|orthopaedic"
    r"|paediatric|antenatal|fertility|gender)\s+(?:clinic|centre))\b(?!\s+(?:trip|visit\s+for\s+the))"
    r"|\b(?P<h>(?:GP|doctor's|doctors|hospital|clinic|consultant|paediatrician|specialist|physio|CAMHS|antenatal|IVF"
    r"|fertility|cardiology|neurology|audiology|orthopaedic|outpatient|outpatients)\s+(?:appointments?|check-?ups?|follow-?ups?))\b"
    r"|\b(?P<h>(?:an?|as\s+an?)\s+(?:inpatient|in-patient)|in\s+(?:NICU|SCBU|PICU|special\s+care))\b"
    r"|\b(?P<h>(?:seeing|see|seen|saw|visit(?:ed|ing)?|going\s+to|went\s+to|gone\s+to|appointment\s+with|booked\s+in\s+with"
    r"|referred\s+to|under)\s+(?:the\s+|a\s+|his\s+|her\s+|their\s+|my\s+)?(?:GP|doctor|doctors|doctor's|consultant"
    r"|paediatrician|specialist|physio|physiotherapist|health\s+visitor|audiologist|dermatologist|cardiologist"
    r"|neurologist|psychiatrist|psychologist|counsellor|therapist|walk-in\s+centre|out-of-hours))\b"
    r"(?!\s+(?:about\s+(?:careers|the\s+(?:trip|fair|talk))|for\s+(?:a\s+)?(?:careers|work\s+experience)))",
    regex.IGNORECASE,
)
# Medicines in plain words: unambiguous ones alone, a cream or tablets only as someone's.
_MEDICINE = regex.compile(
    r"\b(?P<h>antibiotics|steroids|steroid\s+cream|painkillers|antihistamines?|eye\s+drops|ear\s+drops|nasal\s+spray"
    r"|nose\s+spray|calpol|piriton|ibuprofen|paracetamol|gaviscon|blood\s+pressure\s+(?:tablets|pills|medication)"
    r"|anti-?depressants|sleeping\s+pills|iron\s+tablets|(?:a|his|her|their|my)\s+spacer"
    # Aids and devices that reveal a condition: "hearing aids", "uses a wheelchair", "had a hypo".
    r"|hearing\s+aids?|cochlear\s+implants?|(?:uses|using|in)\s+a\s+wheelchair|feeding\s+tube|NG\s+tube|PEG\s+feed"
    r"|catheter|nebuliser|nebulizer|(?:had|has|having|have)\s+(?:a\s+)?hypos?|immunosuppressants|puberty\s+blockers"
    r"|(?:on|back\s+on|off)\s+the\s+(?:tablets|pills|meds)"
    r"|(?:upped|increased|reduced|lowered|changed|doubled|halved)\s+(?:his|her|their|my)\s+(?:dose|dosage|meds|medication)"
    r"|(?:his|her|their|my)\s+(?:blood\s+)?sugars?|(?:his|her|their|my)\s+blood\s+pressure)\b"
    r"(?!\s+(?:resistance|policy|awareness|lesson|topic|unit|guidance|protocol|form|forms|consent))"
    r"|\b(?:his|her|their|my)\s+(?P<h>(?!sun\b|face\b|shaving\b|hand\b|ice\b)(?:\w+\s+)?(?:cream|ointment|medicine|drops|antibiotics|steroids))\b"
    r"(?!\s+(?:ball|cabinet|cupboard\s+key|man|woman))",
    regex.IGNORECASE,
)
# Mental health in plain words: "has been really low", "feels really down", "very withdrawn".
_MOOD = regex.compile(
    # The state word only with someone as the subject: "Reuben has been really low", not
    # "attendance has been low".
    r"(?P<subj>\b(?:he|she|they|i)|(?-i:\b[A-Z][a-z'’-]+))(?:['’]s)?\s+(?P<h>(?:(?:has|have|had|'s|’s)\s+been|is|was|are|were|seems?"
    r"|seemed|feels?|felt|looks?|looked|(?:is|was|has\s+been|'s\s+been|’s\s+been)\s+(?:feeling|looking|seeming|getting|becoming))"
    r"\s+(?:(?:really|very|quite|so|a\s+bit|increasingly|extremely|incredibly|more|rather|pretty|particularly)\s+){0,2}"
    r"(?:low|withdrawn|tearful|depressed|suicidal|panicky|distressed|paranoid|manic|hopeless|anxious|flat))\b"
    r"(?!\s+(?:on|in|at|to|the|with|from|here|there|battery|numbers|about\s+(?:the|his|her|their|a|an)\s+\w+)\b)"
    r"|\b(?P<h>(?:feels?|feeling|felt|seems?|seemed)\s+(?:(?:really|very|quite|so|a\s+bit|pretty|rather)\s+)?down)\b"
    r"(?!\s+(?:to|in|at|the|on|from|with|here|there)\b)"
    r"|\b(?P<h>struggling\s+(?:with\s+(?:his|her|their|my)\s+(?:mental\s+health|mood|moods|emotions|feelings|wellbeing"
    r"|anxiety|grief|eating|sleep)|mentally|emotionally))\b"
    r"|\b(?P<h>(?:hasn't|has\s+not|haven't|isn't|is\s+not|not|can't|cannot|couldn't|stopped)\s+(?:been\s+)?"
    r"(?:sleeping|eating)(?:\s+(?:much|properly|well|at\s+night))?)\b"
    r"|\b(?P<h>crying\s+(?:every\s+(?:night|day|morning)|all\s+the\s+time|a\s+lot|constantly|at\s+night|in\s+(?:lessons|class)))"
    r"|\b(?P<h>dark\s+thoughts|(?:having|has|had|have|gets|getting)\s+nightmares|panicking|hearing\s+voices|intrusive\s+thoughts"
    r"|worried\s+all\s+the\s+time|(?:want|wants|wanted)\s+to\s+die|(?:doesn't|does\s+not|don't|didn't)\s+want\s+to\s+be\s+here"
    r"(?:\s+any\s*more)?|hurt\s+(?:himself|herself|themselves|myself)|harm\s+(?:himself|herself|themselves|myself)"
    r"|mak(?:e|es|ing)\s+(?:himself|herself|themselves|myself)\s+sick|not\s+coping|(?:mental|nervous)\s+breakdown|(?:is|was|been|are)\s+recovering\s+(?:well|at\s+home|in\s+hospital|nicely)|work-related\s+stress|stress-related"
    r"|(?:off|signed\s+off)(?:\s+sick)?\s+(?:with|for|due\s+to|because\s+of)\s+(?:\w+\s+)?(?:stress|anxiety|depression|(?:his|her|their|my)\s+" + _BODY + r"))\b",
    regex.IGNORECASE,
)
# Continence and periods: "bed wetting", "wets the bed", "toileting accidents", "started her periods".
_BODILY = regex.compile(
    r"\b(?P<h>bed[\s-]?wetting|wet(?:s|ting)?\s+the\s+bed|wet(?:s|ting)?\s+(?:himself|herself|themselves)"
    r"|soil(?:s|ed|ing)\s+(?:himself|herself|themselves)|soiling|toileting\s+accidents?|wetting\s+accidents?"
    r"|started\s+(?:her|their)\s+periods?|period\s+(?:pains?|problems)|heavy\s+periods|on\s+(?:her|my)\s+period"
    r"|pull-?ups|continence)\b"
    r"(?!\s+(?:policy|leaflet|guidance|is\s+common))",
    regex.IGNORECASE,
)
# A member of staff's health process: "OH referral", "sick leave", "phased return after surgery".
_STAFF = regex.compile(
    r"\b(?P<h>(?:OH|occupational\s+health)\s+(?:referral|appointment|report|assessment|advice|review|meeting)"
    r"|stress\s+risk\s+assessment)\b"
    # "signed off sick", "signed off by his GP"; not "signed off the budget", "signed off on the plan".
    r"|\b(?P<h>signed\s+off(?:\s+sick)?)\b(?!\s+(?:on|the|a|an|this|that|these|those|it|as|our|his|her|their|my|your|all)\b)"
    r"|\b(?P<h>(?:long-term\s+|long\s+term\s+)?(?:sick\s+leave|sickness\s+absence|sickness\s+absences)"
    r"|long-term\s+sick|long\s+term\s+sick|off\s+sick|return\s+to\s+work\s+(?:meeting|interview)"
    r"|sickness\s+(?:review|meeting|trigger))\b"
    r"|\b(?:on|starts?|starting|started|begins?|beginning|began|doing|agreed|his|her|their|my)\s+(?:a\s+)?"
    r"(?P<h>phased\s+return(?:\s+(?:after|following|from)\s+(?:(?:his|her|their|my|a|an|the)\s+)?\w+)?)\b"
    r"(?!\s+(?:to\s+the|dates|for\s+the\s+new|timetable|process|policy))",
    regex.IGNORECASE,
)
# A few kinds' words are the ordinary English for a bad day: kept only in their grammar above.
_BODY_WORDS = """head face nose eye eyes ear ears lip lips mouth tooth teeth neck back shoulder shoulders collarbone collar
    bone arm arms elbow elbows wrist wrists hand hands finger fingers thumb thumbs hip hips leg legs knee knees ankle ankles
    foot feet toe toes rib ribs chest stomach tummy chin forehead skull spine hamstring achilles shin shins thigh cheek muscle
    ligament ligaments"""
# Each kind with the words one of its matches always holds: a kind's grammar is only run
# near one of them (a regex of many alternatives tried at every character of a long email
# cost tens of milliseconds; tests/detect/test_scillness.py checks the result is the same).
_KINDS: tuple[tuple["regex.Pattern[str]", str], ...] = (
    (_SYMPTOM_HAD, """temperature fever cough rash headache headaches tummy stomach ache aches tummyache tummyaches
        stomachache stomachaches earache earaches toothache throat nosebleed nosebleeds bleed bleeds diarrhoea sickness
        vomiting bug virus infection flu cold chest sick temp sniffles cramps glands migraine nausea wheeze pain pains
        problems chemo radiotherapy dialysis physio physiotherapy concussion bump lump graze sprain strain"""),
    (_ILLNESSES, """norovirus fever mouth shingles measles mumps rubella cough impetigo conjunctivitis pneumonia meningitis
        bronchiolitis bronchitis croup sepsis cheek throat threadworm threadworms ringworm infection diarrhoea vomiting bug
        injury attack problem problems surgery dementia alzheimer alzheimers miscarriage pain pains ache aches cramps
        glands breathe breath wheezy wheezing positive pox verruca verrucas v stillbirth birth apnoea cpap ivf illness
        pressure"""),
    (_UNWELL, """sick poorly unwell ill nauseous queasy faint dizzy headed feverish clammy vomiting pale vomit vomited
        threw thrown throwing puked puking fainted passed blacked seizure fit turn spell"""),
    (_INJURY, _BODY_WORDS + """ glands throat crutches cast sling splint brace plaster stitches unconscious fall bitten
        bite bites sting stings"""),
    (_PROCEDURE, """replacement operation op surgery tonsils adenoids appendix gallbladder gall teeth tooth grommets
        stitches cast plaster brace braces stent pin pins plate drain scan ray xray test tests ecg eeg biopsy puncture study
        anaesthetic extraction extractions transplant reconstruction repair"""),
    (_CARE, """hospital e casualty ward admitted discharged kept intensive icu dependency oxygen coma clinic centre
        appointment appointments gp doctor doctors consultant paediatrician specialist physio physiotherapist visitor
        audiologist dermatologist cardiologist neurologist psychiatrist psychologist counsellor therapist hours
        up ups inpatient patient nicu scbu picu care"""),
    (_MEDICINE, """antibiotics steroids steroid painkillers antihistamine antihistamines drops spray calpol piriton
        ibuprofen paracetamol gaviscon pressure antidepressants depressants pills tablets spacer cream ointment medicine
        aid aids implant implants wheelchair tube feed catheter nebuliser nebulizer hypo hypos immunosuppressants
        blockers meds dose dosage medication sugar sugars pressure"""),
    (_MOOD, """low withdrawn tearful depressed suicidal panicky distressed paranoid manic hopeless anxious flat down
        struggling sleeping eating crying thoughts nightmares panicking voices worried die here himself herself
        themselves myself coping breakdown stress related recovering anxiety depression sick""" + " " + _BODY_WORDS),
    (_BODILY, """wetting bedwetting bed wet wets soil soils soiled soiling toileting accident accidents period periods
        pains pain pull pullups ups continence problems periods"""),
    (_STAFF, """oh occupational referral appointment report assessment advice review meeting sick sickness leave absence
        absences work trigger phased return signed stress"""),
)
# A word ending that names an operation or a test: "mastectomy", "colonoscopy", "angioplasty".
_PROCEDURE_ENDINGS = ("ectomy", "ostomy", "oscopy", "otomy", "plasty")
_ANCHORS: dict[str, tuple[int, ...]] = {}
for _index, (_, _words) in enumerate(_KINDS):
    for _word in _words.split():
        _ANCHORS[_word] = (*_ANCHORS.get(_word, ()), _index)
_WORD = regex.compile(r"[A-Za-z]+")
# A kind's match holds its word within this many characters before and after it.
_BEFORE, _AFTER = 160, 120
_WORD_END = regex.compile(r"\w*")

# Two of these spans with only "and", "," or "with" between are one fact: "a temperature and being sick".
_JOIN = regex.compile(r"[ \t]*(?:,|and|&|with|plus|,\s*and)?[ \t]*")
_MAX_CHARS = 100_000
_JOBS = (
    r"(?:works?|working|worked|job|jobs|nurse|nurses|doctor|doctors|volunteers?|volunteering|shift|shifts"
    r"|placement|porter|cleaner|receptionist|manager|consultant)"
)
_AT_WORK = regex.compile(r"(?i)\b" + _JOBS + r"\s+(?:at|in|on|for)\s+(?:(?:the|a|an)\s+)?(?:[\w'’-]+\s+){0,2}$")
# A span that starts with its own preposition ("on the children's ward") right after a job.
_JOB_BEFORE = regex.compile(r"(?i)\b" + _JOBS + r"\s+$")
_PREPOSITION = regex.compile(r"(?i)(?:at|in|on|for|to)\b")
_SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "i"})


def _windows(text: str) -> list[list[tuple[int, int]]]:
    """Per kind, the stretches of text near one of its words, merged; each ends at a word's end."""
    windows: list[list[tuple[int, int]]] = [[] for _ in _KINDS]
    procedure = next(i for i, (p, _) in enumerate(_KINDS) if p is _PROCEDURE)
    for m in _WORD.finditer(text):
        word = m.group().lower()
        kinds = _ANCHORS.get(word, ())
        if word.endswith(_PROCEDURE_ENDINGS):
            kinds = (*kinds, procedure)
        for kind in kinds:
            start = max(0, m.start() - _BEFORE)
            end = _WORD_END.match(text, min(len(text), m.end() + _AFTER)).end()
            spans = windows[kind]
            if spans and start <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(spans[-1][1], end))
            else:
                spans.append((start, end))
    return windows


def everyday_health_spans(text: str, near_words_only: bool = True) -> list[tuple[int, int]]:
    """Spans of health said in everyday words, joined where two say one thing; text order.

    `near_words_only=False` runs every kind over the whole text (the tests' reference).
    """
    text = text[:_MAX_CHARS]
    spans: list[tuple[int, int]] = []
    windows = _windows(text) if near_words_only else [[(0, len(text))] for _ in _KINDS]
    for (pattern, _), stretches in zip(_KINDS, windows):
        for pos, endpos in stretches:
            for m in pattern.finditer(text, pos, endpos):
                subject = m.group("subj") if pattern is _MOOD else None
                if subject and subject.lower() not in _SUBJECT_PRONOUNS and only_common_words(subject):
                    continue  # "Attendance has been low", "Morale is low": a thing, not a person
                for start, end in m.spans("h"):
                    if start >= 0 and end > start:
                        spans.append((start, end))
    # "Her dad is a nurse on the children's ward", "works at the fracture clinic": a job, not a patient.
    spans = [
        (a, b) for a, b in spans
        if not _AT_WORK.search(text, max(0, a - 60), a)
        and not (_PREPOSITION.match(text, a, b) and _JOB_BEFORE.search(text, max(0, a - 40), a))
    ]
    kept: list[tuple[int, int]] = []
    for start, end in sorted(set(spans), key=lambda s: (s[0], -s[1])):
        if kept and start < kept[-1][1]:
            kept[-1] = (kept[-1][0], max(kept[-1][1], end))
            continue
        if kept and _JOIN.fullmatch(text, kept[-1][1], start) and "\n" not in text[kept[-1][1] : start]:
            kept[-1] = (kept[-1][0], end)
            continue
        kept.append((start, end))
    return kept


# The sentence speaks of whoever it may concern: "Any child who bumps their head...",
# "A child with chickenpox can return...", or the span is in an "if" clause ("If he feels sick
# on the coach, there are bags").
_GENERAL_START = regex.compile(
    r"(?i)^\W*(?:(?:any|every|each|all|anyone|anybody|whoever|should|pupils|children|students|staff|parents)\b|an?\s)"
)
_GENERAL_ANYWHERE = regex.compile(
    r"(?i)\b(?:any|every|each)\s+(?:child|pupil|student|learner|member|parent|one|adult|colleague)\b|\b(?:anyone|anybody|whoever)\b"
)
_CONDITION = regex.compile(r"(?i)\b(?:if|unless|in\s+case|whenever|should\s+(?:he|she|they|your|a|any))\b[^,;:.!?\n]*$")


def in_general_talk(sentence: str, start: int) -> bool:
    """`start`: the span's offset in `sentence`. True when the sentence is not about someone in particular."""
    if _GENERAL_START.match(sentence) or _GENERAL_ANYWHERE.search(sentence):
        return True
    return _CONDITION.search(sentence, max(0, start - 80), start) is not None

"""Vocabularies for the special-category sentence generator (generate.py).

Written for this project; nothing downloaded. Each list is split by generate.py into
a training and a held-out part (a hash of the entry), so the dev split judges the
model on words it never saw as well as on templates it never saw.
"""

FIRST_NAMES = (
    "Mia Noah Oliver Amelia Isla Leo Freddie Ava Harry Poppy Alfie Grace Jack Evie Charlie Sophia "
    "Aisha Mohammed Zainab Yusuf Ibrahim Maryam Hamza Fatima Aryan Priya Arjun Anika Harpreet Gurpreet "
    "Jaspreet Simran Kofi Ama Chidi Ngozi Tunde Folake Emeka Chiamaka Abdi Hodan Amina Liban "
    "Oskar Zofia Jakub Lena Maja Filip Andrei Ioana Bogdan Elena Lukas Agne Matas Ruta "
    "Wei Mei Jun Ling Minh Linh Thanh Hoa Tomasz Kacper Siobhan Niamh Cian Aoife Rhys Cerys "
    "Dylan Ffion Callum Eilidh Kayden Tyler Jayden Brooke Shannon Liam Riley Kai Leila Omar "
    "Bilal Sana Tariq Samira Yasmin Kyle Demi Tia Reggie Ruby Frankie Sonny Marcus Jordan"
).split()
SURNAMES = (
    "Smith Jones Taylor Brown Williams Wilson Johnson Davies Patel Khan Ahmed Hussain Begum Ali "
    "Singh Kaur Sharma Okafor Mensah Adeyemi Okonkwo Boateng Mohamed Osman Nowak Kowalski "
    "Popescu Ionescu Kazlauskas Nguyen Tran Chen Wong Li O'Brien Murphy Kelly Evans Hughes "
    "MacDonald Campbell Price Ward Hall Green Baker Clarke Lewis Walker Robinson Thompson Wright "
    "Yilmaz Demir Costa Silva Rossi Ferreira Abdullah Rahman Chowdhury Miah Uddin Lee Cooper Bell"
).split()

STAFF_TITLES = ("Mr", "Mrs", "Ms", "Miss", "Dr", "Mx")
STAFF_ROLES = (
    "the Year 4 teacher", "our SENCo", "the office manager", "the TA in Oak class", "the caretaker",
    "the head of maths", "one of the lunchtime supervisors", "the new science teacher",
    "the business manager", "our deputy head", "the cover supervisor", "the PE teacher",
)
FAMILY = (
    "your son", "your daughter", "my son", "my daughter", "my husband", "my wife", "my partner",
    "her mum", "his dad", "their mum", "his stepdad", "her older brother", "my little boy",
    "our daughter", "our son", "your child", "the child", "the pupil", "this student", "the boy",
    "the girl", "his mother", "her father", "my mum", "my dad", "their grandad", "her nan",
)

CONDITIONS = (
    "asthma", "type 1 diabetes", "type 2 diabetes", "epilepsy", "ADHD", "autism", "an autism diagnosis",
    "coeliac disease", "Crohn's disease", "juvenile arthritis", "Tourette's", "ME", "glue ear",
    "a heart murmur", "sickle cell anaemia", "lupus", "MS", "endometriosis", "cancer", "a brain tumour",
    "leukaemia", "kidney disease", "psoriasis", "bipolar disorder", "schizophrenia", "an eating disorder",
    "OCD", "PTSD", "HIV", "hepatitis B", "tuberculosis", "shingles", "a chest infection", "tonsillitis",
    "norovirus", "flu", "migraines", "vertigo", "long covid", "post-natal depression", "depression",
    "anxiety", "panic attacks", "a stammer", "cerebral palsy", "spina bifida", "cystic fibrosis",
    "muscular dystrophy", "a cleft palate", "hydrocephalus", "alopecia", "eczema", "a nut allergy",
    "a severe peanut allergy", "a dairy allergy", "an egg allergy", "a sesame allergy", "hay fever",
    "a hernia", "appendicitis", "pneumonia", "scarlet fever", "measles", "chickenpox", "a kidney infection",
    "a UTI", "high blood pressure", "a thyroid problem", "an underactive thyroid", "fibromyalgia",
    "arthritis", "a prolapsed disc", "sciatica", "a broken wrist", "a fractured ankle", "concussion",
    "a stomach bug", "gastroenteritis", "a viral infection", "COVID", "whooping cough", "impetigo",
    "head lice", "conjunctivitis", "a squint", "a lazy eye", "dyspraxia", "FASD", "foetal alcohol syndrome",
    "a learning disability", "Down syndrome", "Fragile X", "PANS", "PDA", "ARFID", "anorexia", "bulimia",
    "insomnia", "sleep apnoea", "a heart condition", "a hole in the heart", "reflux", "IBS",
    "colitis", "a skin condition", "diabetes", "dementia", "Parkinson's", "a stroke", "a miscarriage",
    "pre-eclampsia", "gestational diabetes", "hyperemesis", "a blood clot", "DVT",
)
TREATMENTS = (
    "chemo", "chemotherapy", "radiotherapy", "dialysis", "physiotherapy", "speech therapy",
    "occupational therapy", "insulin injections", "an EpiPen", "an auto-injector", "a feeding tube",
    "a hearing aid", "hearing aids", "antidepressants", "sertraline", "fluoxetine", "methylphenidate",
    "Ritalin", "melatonin", "steroids", "a steroid inhaler", "an inhaler", "IVF", "fertility treatment",
    "hormone therapy", "counselling", "play therapy", "CBT", "talking therapy", "a cochlear implant",
    "an insulin pump", "a Libre sensor", "buccal midazolam", "antibiotics", "a course of antibiotics",
    "painkillers", "a brace", "crutches", "a cast", "a wheelchair", "oxygen at night", "a nebuliser",
    "a catheter", "a stoma bag", "an ostomy bag", "a colostomy", "blood thinners", "beta blockers",
    "lithium", "ADHD medication", "anti-sickness tablets", "iron tablets", "a gluten-free diet",
    "a ketogenic diet for his seizures", "an eye patch", "glasses for a squint",
)
PROCEDURES = (
    "grommets op", "grommets operation", "tonsillectomy", "tonsils out", "knee surgery", "hip replacement",
    "MRI scan", "CT scan", "operation", "hysterectomy", "C-section", "biopsy", "colonoscopy",
    "endoscopy", "heart surgery", "spinal surgery", "appendix out", "adenoids out", "stitches",
    "skin graft", "kidney transplant", "bone marrow transplant", "ECG", "EEG", "sleep study",
    "hearing test at audiology", "eye operation", "lumbar puncture", "blood transfusion",
    "mastectomy", "lumpectomy", "gall bladder removed", "wisdom teeth out under general anaesthetic",
)
APPOINTMENTS = (
    "a hospital appointment", "an occupational health referral", "an occupational health appointment",
    "a GP appointment", "a mental health assessment", "an ADHD assessment", "an autism assessment",
    "the diabetes clinic", "the fracture clinic", "the oncology unit", "the paediatrician",
    "the epilepsy nurse", "a scan at the Royal", "CAMHS", "the eating disorders team",
    "an audiology appointment", "the physio", "a follow-up with the consultant", "an antenatal appointment",
    "the memory clinic", "a cardiology appointment", "the neurologist", "the dermatology clinic",
    "the community paediatrician", "the early intervention in psychosis team", "the sexual health clinic",
    "the midwife", "the fertility clinic", "the pain clinic", "the speech and language therapist",
)
SEN = (
    "an EHCP", "an education, health and care plan", "SEN support", "dyslexia", "dyscalculia",
    "dyspraxia", "speech and language needs", "a statement of special needs", "1:1 support",
    "an SEND support plan", "sensory processing difficulties", "global developmental delay",
    "selective mutism", "social communication difficulties", "a reading age of six",
    "a visual impairment", "a hearing impairment", "moderate learning difficulties", "SEMH needs",
    "an IEP", "a one-page profile", "access arrangements for a processing delay", "a diagnosis of ASC",
    "a language disorder", "working memory difficulties", "an EHC needs assessment", "a place at the ARP",
    "a specialist provision placement", "a reduced timetable", "high needs funding", "an Educational Psychologist report",
)
SAFEGUARDING = (
    "on a child protection plan", "subject to a section 47 enquiry", "on a child in need plan",
    "the subject of an Operation Encompass notification", "open to Early Help", "referred to the MASH",
    "open to social care", "at risk of CSE", "at risk of criminal exploitation", "involved in county lines",
    "at risk of FGM", "on the child protection register", "known to the police", "subject to a strategy meeting",
    "being monitored for neglect", "at risk of forced marriage", "a victim of domestic abuse",
    "the subject of a LADO referral", "on a safety plan", "at risk of radicalisation and referred to Prevent",
    "a young carer", "reported missing from home", "in temporary accommodation after fleeing abuse",
)
# Round 3: relatives for everyday family news (negatives).
RELATIVES = (
    "brother", "sister", "mum", "dad", "nan", "grandad", "stepdad", "uncle", "auntie", "cousin", "older brother",
    "little sister", "grandma", "stepmum", "big sister",
)

DISCLOSURES = (
    "told me her stepdad hits her", "said mum's boyfriend locks him in his room",
    "disclosed that dad hurts him when he's drunk", "came in with bruises on his arm again",
    "said there's no food at home", "told her TA that her uncle touched her",
    "said he was scared to go home", "has a burn mark she couldn't explain",
    "said mum and dad were fighting and the police came", "told us she'd been sleeping in the car",
    "said he's been looking after his baby sister on his own at night", "disclosed self-harm to her tutor",
    "showed the nurse cuts on her wrists", "said she had been sent pictures by an older man",
    "told me his brother makes him carry packages", "has come in hungry and in the same clothes all week",
    "said his dad hit him with a belt", "told me nobody was home all weekend",
    "mentioned that her mum's new partner shouts at her and pushes her",
)
CARE = (
    "looked after", "in foster care", "in kinship care", "on a special guardianship order",
    "adopted from care", "a care leaver", "living in a children's home", "accommodated under section 20",
    "a child looked after", "LAC", "previously looked after", "placed with foster carers",
    "under a care order", "living with her grandparents under an SGO", "in residential care",
)
BENEFITS = (
    "free school meals", "FSM", "pupil premium", "Universal Credit", "child tax credit",
    "income support", "jobseeker's allowance", "income-based JSA", "ESA", "PIP", "DLA",
    "carer's allowance", "housing benefit", "the Ever6 FSM", "a hardship grant", "food bank vouchers",
)
EXCLUSIONS = (
    "suspended", "excluded for three days", "permanently excluded", "given a fixed-term exclusion",
    "on a managed move", "sent to the PRU", "placed in alternative provision", "off-rolled",
    "internally excluded for the rest of the week", "excluded for bringing a knife in",
    "on a part-time timetable after the exclusion", "suspended for five days for fighting",
)
MISSING_EDUCATION = (
    "missing education", "not on any school roll since September", "a child missing education",
    "not been seen at school since half term and the family have moved", "referred to the CME officer",
    "left the country and we can't trace him", "without a school place since the move",
    "persistently absent and we can't reach the family", "been taken off roll and nobody knows where she is",
)
ETHNICITIES = (
    "White British", "White and Black African", "White and Black Caribbean", "White and Asian",
    "Gypsy/Roma", "Gypsy Roma", "Irish Traveller", "a Traveller of Irish heritage", "Black Caribbean",
    "Black African", "Black British", "Pakistani", "Bangladeshi", "Indian", "Chinese", "Any other mixed background",
    "Arab", "Romany", "Roma", "Kurdish", "White Other", "White Eastern European", "Any other Asian background",
    "Somali", "mixed race", "British Asian", "Black Other", "WBRI", "MWBC", "WIRT", "WROM", "BCRB", "APKN",
)
RELIGIONS = (
    "Muslim", "Jewish", "Sikh", "Hindu", "Catholic", "a Jehovah's Witness", "Buddhist", "a practising Christian",
    "Orthodox Jewish", "Church of England", "Methodist", "Pentecostal", "Mormon", "Rastafarian",
    "Baha'i", "Jain", "a Seventh-day Adventist", "atheist", "Shia Muslim", "Sunni", "Greek Orthodox",
)
RELIGIOUS_PRACTICES = (
    "fasting for Ramadan", "fasting next week for Eid", "keeping kosher", "observing Shabbat",
    "wearing a hijab from next term", "wearing a kara", "wearing a patka", "going to mosque after school",
    "going to synagogue on Saturdays", "attending the gurdwara", "praying at lunchtime",
    "only eating halal meat", "not eating beef", "off for Yom Kippur", "off for Eid", "off for Diwali",
    "celebrating Vaisakhi at the gurdwara", "not allowed to join in with birthday celebrations for religious reasons",
    "unable to have a blood transfusion because of the family's faith", "taking first holy communion",
    "preparing for her bat mitzvah", "preparing for his bar mitzvah", "being baptised on Sunday",
    "at madrassa every evening", "needing a quiet room to pray during Ramadan",
)
SEXUALITY = (
    "gay", "lesbian", "bisexual", "trans", "transgender", "non-binary", "pansexual", "asexual",
    "questioning their gender", "socially transitioning", "on puberty blockers", "using a new name and they/them pronouns",
    "in a same-sex relationship", "living as a girl now", "living as a boy now", "experiencing gender dysphoria",
    "queer", "gender fluid",
)
OFFENCES = (
    "arrested", "cautioned for shoplifting", "charged with assault", "convicted of drink driving",
    "on a youth referral order", "working with the YOT", "electronically tagged", "on bail",
    "in custody", "given a community order", "found with cannabis", "arrested for possession with intent to supply",
    "under investigation for theft", "on the sex offenders register", "released on licence",
    "given a criminal behaviour order", "convicted of fraud", "charged with criminal damage",
    "serving a suspended sentence", "questioned by police about a stabbing", "given a conditional caution",
)

# Round 2 (issue 12).
STAFF_HEALTH = (
    "signed off with stress", "off sick with work-related stress", "on a phased return after surgery",
    "on a phased return after cancer treatment", "waiting for an occupational health assessment",
    "having an operation on my knee next week", "being referred to occupational health", "off with my back again",
    "pregnant and due in March", "going through the menopause and struggling", "off for my chemo sessions",
    "having IVF", "booked in for a hysterectomy", "recovering from a heart attack", "off with long covid again",
    "signed off by the GP for four weeks", "on antidepressants and finding mornings hard", "having a biopsy on Tuesday",
    "off after a miscarriage", "having counselling through the EAP", "waiting for scan results",
    "in hospital after a fall", "signed off with anxiety", "starting radiotherapy", "off with shingles",
    "on reduced hours on OH advice", "having fertility treatment", "seeing a consultant about my heart",
)
ALLERGY_TREATMENT = (
    "Auto-injector training for staff who teach", "EpiPen training for everyone who works with",
    "Buccal midazolam training for the staff who support", "Insulin training for the TAs who work with",
    "Please read the allergy care plan for", "Anaphylaxis training for the adults who supervise",
    "Seizure training for staff in the class of", "Stoma care training for the TA who works with",
    "Tube feeding training for the staff who look after", "Asthma plan training for staff who teach",
)
TEACH_VERBS = ("teach", "supervise", "work with", "support", "look after", "take the trip with", "cover")
ALLERGY_KIT = (
    "EpiPen", "auto-injector", "Jext pen", "inhaler", "blue inhaler", "insulin", "insulin pen", "glucose tablets",
    "buccal midazolam", "antihistamine", "spacer", "blood sugar monitor", "Libre reader", "emergency medication",
)
RELIGIOUS_PRACTICES = RELIGIOUS_PRACTICES + (
    "fasting", "observing Ramadan", "keeping the fast", "keeping Shabbat", "wearing a turban", "wearing a headscarf",
    "going to Friday prayers", "attending mass every Sunday", "keeping halal", "not eating pork for religious reasons",
    "doing Lent", "at Sunday school at the gurdwara", "preparing for confirmation", "at the kingdom hall on Thursdays",
)
CONDITIONS = CONDITIONS + (
    "a sickness bug", "a migraine", "a bad asthma attack", "a water infection", "an ear infection", "a seizure",
    "a fever and a rash", "a panic attack", "tummy pains and diarrhoea", "a temperature and vomiting",
    "a flare-up of her colitis", "croup", "hand, foot and mouth", "a kidney stone", "a hypo", "mumps",
)
DISCLOSURES = DISCLOSURES + (
    "said dad smacks her when she's naughty", "told me mum's boyfriend hurts him", "said she doesn't want to go home",
    "has told a friend that her brother touches her", "said someone at home slapped him", "arrived with a black eye and won't say how",
    "said his uncle made him keep a secret", "told the TA she is frightened of her stepdad",
    "said mum drinks every night and doesn't wake up", "told me they'd had no tea for two days",
)
BENEFITS = BENEFITS + (
    "Universal Credit so eligible for free meals", "asylum support", "NRPF support", "Pension Credit",
    "the child element of Universal Credit", "working tax credit",
)
OFFENCES = OFFENCES + (
    "just out of prison", "in prison", "released from prison last month", "on remand", "serving a sentence",
    "on probation", "under a restraining order", "banned from contact with the children by the court",
)
MISSING_EDUCATION = MISSING_EDUCATION + (
    "off roll and not registered anywhere else", "not attended since the family went abroad", "unaccounted for since Easter",
    "missing from education and the LA has been told", "not in school and not home educated",
)

# --- hard-negative material --------------------------------------------------

CURRICULUM_TOPICS = (
    "the digestive system", "the causes of the First World War", "the water cycle", "healthy eating",
    "puberty and the changing body", "consent and healthy relationships", "drugs and alcohol",
    "mental wellbeing", "online safety", "the Holocaust", "the civil rights movement", "Romeo and Juliet",
    "An Inspector Calls", "Of Mice and Men", "Macbeth", "the Five Pillars of Islam", "the Sikh gurus",
    "Passover", "the Hindu creation story", "world religions", "diversity and identity",
    "the immune system", "how vaccines work", "infectious diseases", "the heart and lungs",
    "first aid", "stereotypes and prejudice", "LGBT+ families in fiction", "the Windrush generation",
    "migration and empire", "crime and punishment through time", "the criminal justice system",
    "the NHS at 75", "disability rights", "the Paralympics", "cells and microbes", "genetic disorders",
)
BOOKS = (
    "Wonder", "The Curious Incident of the Dog in the Night-Time", "Holes", "Boy in the Striped Pyjamas",
    "Noughts and Crosses", "Pig-Heart Boy", "Skellig", "Goodnight Mister Tom", "A Monster Calls",
    "Out of My Mind", "The Hate U Give", "Heartstopper", "Refugee Boy", "Wonder", "Private Peaceful",
    "Kick", "Fish in a Tree", "El Deafo", "The London Eye Mystery", "Five Children and It",
)
CHARACTERS = (
    "Auggie", "Christopher", "Stanley", "Bruno", "Sephy", "Cameron", "Michael", "Willie", "Conor",
    "Melody", "Starr", "Charlie", "Alem", "Tommo", "Ally", "Cece", "Ted",
)
POLICIES = (
    "SEND", "safeguarding", "child protection", "medical conditions", "supporting pupils with medical needs",
    "intimate care", "attendance", "behaviour", "exclusions", "equality", "RSE", "mental health and wellbeing",
    "looked after children", "pupil premium", "anti-bullying", "first aid", "allergy", "administration of medicines",
    "children missing education", "online safety", "whistleblowing", "data protection", "staff wellbeing",
    "sickness absence", "menopause", "acceptable use", "uniform", "collective worship",
)
TRAININGS = (
    "child protection", "safeguarding", "EpiPen", "auto-injector", "asthma awareness", "epilepsy awareness",
    "diabetes awareness", "Prevent", "mental health first aid", "autism awareness", "FGM awareness",
    "paediatric first aid", "manual handling", "team teach", "trauma-informed practice", "LGBT inclusion",
    "domestic abuse awareness", "attachment", "fire marshal", "Level 3 DSL",
)
EVENTS = (
    "Mental Health Awareness Week", "Health Week", "Anti-Bullying Week", "Children in Need",
    "Autism Acceptance Week", "Dyslexia Awareness Week", "Black History Month", "Pride Month",
    "LGBT History Month", "Refugee Week", "Interfaith Week", "World Book Day", "Red Nose Day",
    "Jeans for Genes Day", "World Mental Health Day", "Sport Relief", "Diabetes Week",
)
FESTIVALS = (
    "Eid", "Diwali", "Ramadan", "Hanukkah", "Christmas", "Easter", "Vaisakhi", "Chinese New Year",
    "Passover", "Holi", "Rosh Hashanah", "Harvest", "Yom Kippur", "Bandi Chhor Divas", "Lent",
)
ORDINARY_PREDICATES = (
    "left {poss} PE kit at home again", "did brilliantly in the spelling test", "will be collected by {poss} aunt today",
    "has a dentist check-up on Thursday", "forgot {poss} reading book", "is going on the Year 5 trip",
    "scored the winning goal on Saturday", "needs a new jumper, the old one is too small",
    "has been moved to the blue table for maths", "is star of the week", "was late because the bus broke down",
    "is off to a family wedding in Leeds on Friday", "has lost {poss} water bottle", "will be at football club tonight",
    "has been chosen for the choir", "is representing the school in the chess tournament",
    "has not handed in {poss} homework", "is moving house over half term", "has a new baby brother",
    "needs to bring in a packed lunch for the trip", "was really kind to a new pupil today",
    "is on holiday next week", "has a driving test on Friday", "is covering Year 3 this afternoon",
    "will be on a course all day Tuesday", "needs the login for the new reading app",
    "wants to join the after-school coding club", "got full marks in the mock", "was chatting in assembly",
    "has a music exam after school", "has a new address for the records", "starts as our new TA in January",
    "is running the bake sale", "was a bit tearful after losing the match", "is feeling much better about the test",
    "has been picked for the netball team", "is away at a cousin's wedding", "is collecting the minibus keys",
)

# More everyday news about a person: the classifier must learn that a named person
# alone is not special, only what is said about them.
ORDINARY_PREDICATES += (
    "has been given a merit for {poss} science project", "is going to be a bit late tomorrow", "will miss period 5 for a music lesson",
    "has swapped {poss} lunch duty with Mr Hall", "can't make the meeting on Thursday", "is leading the staff briefing",
    "has booked the hall for Friday", "asked for a copy of the timetable", "needs a lift to the match", "is on gate duty this week",
    "has a new phone number", "is collecting the tickets from reception", "will be in the library at lunch",
    "is organising the leavers' assembly", "has volunteered to help with the disco", "is taking the register for 8C today",
    "has been promoted to head of year", "is retiring at Christmas", "has offered to run the book fair",
    "is sitting the maths retake in June", "has a place at the sixth form college", "needs to pay for the trip by Friday",
    "was the narrator in the play", "is doing the readings at the carol service", "has been made a sports captain",
    "wants to swap to the French class", "has a parents' evening slot at 5.20", "will be doing work experience at the vets",
    "has been really helpful in the classroom", "is doing a sponsored walk", "won the art competition",
    "has finished all {poss} reading records", "is very excited about the residential", "left {poss} coat on the coach",
    "needs a new planner", "has moved seats", "was chatty in the lesson today", "is working really hard on {poss} coursework",
    "is coming back from maternity leave in April", "has handed in {poss} notice", "is on paternity leave next week",
    "is going to the cinema with the drama club", "has passed {poss} grade 3 piano", "has been on a school exchange to Lyon",
    "will present the awards at the celebration evening", "is collecting {poss} brother from nursery", "has a new puppy",
    "has signed up for the Duke of Edinburgh award", "is going to take the minibus", "got lost on the way to the sports centre",
    "has a tutor meeting at 3.15", "did a lovely job on the display board", "wants to be a vet when {pron} grows up",
    "is the new chair of governors", "has a job interview on Monday", "is on a training course at the trust office",
    "will cover the phones at lunchtime", "is doing bus duty", "has kindly baked cakes for the staffroom",
    "brought in photos from {poss} holiday", "is going to the dentist after school", "had {poss} hair cut",
    "is staying at {poss} dad's this week", "is going to Poland for a family wedding", "has been away visiting relatives",
)
ORDINARY_SENTENCES = (
    "The printer in the staffroom is jammed again.", "Can everyone check their pigeonholes before Friday?",
    "The car park will be closed for resurfacing on Saturday.", "Please return library books by the end of term.",
    "The Year 3 class assembly has moved to Wednesday.", "Reports will go home on the last Friday of term.",
    "Please send me your predicted grades by Monday.", "The Wi-Fi password for guests has changed.",
    "Sports day will be on the 18th if the weather is fine.", "We need volunteers for the summer fair.",
    "The minutes of the last meeting are attached.", "Could you book the hall for the concert rehearsal?",
    "The school photographer is coming on Thursday.", "Please remind your class about the non-uniform day.",
    "The heating in block C is being fixed tomorrow.", "The timetable for exam week is attached.",
    "Lunch will be fifteen minutes later on Thursday.", "Please put your orders for stationery in by Friday.",
    "Parking is limited during the building work.", "The trip coach leaves at 8.15 sharp.",
    "Can you let me know your availability for moderation?", "Homework club runs on Tuesdays and Thursdays.",
    "The PTA meeting is in the library at 7pm.", "All laptops need to be returned to the trolley.",
    "We are short of glue sticks in Year 1.", "The fire drill will take place this week.",
    "Please check the cover list before registration.", "Data drop 2 is due on the 10th.",
    "Open evening for prospective parents is on the 3rd.", "Thank you for all your hard work this term.",
    "The new reading scheme books have arrived.", "Please could you sign and return the slip.",
    "Here are the notes from this morning's briefing.", "Let me know if you have any questions.",
    "The meeting is in room 14 at 3.30.", "I've attached the spreadsheet with the new sets.",
    "The staff Christmas meal is booked for the 15th.", "The swimming pool is closed for repairs.",
    "Please hand in lost property to the office.", "The Year 6 SATs timetable is on the website.",
)

# Neutral fillers for the positive templates' own frames ("{S} is booked in for a {X}",
# "{S} has been referred to {X}"): the frame words alone must not read as special.
NEUTRAL_FILLERS = (
    "a haircut", "a music exam", "a driving lesson", "football practice", "a swimming gala", "the school play",
    "a new bike", "a holiday in Spain", "the choir", "a piano lesson", "the chess club", "a karate grading",
    "a job interview", "the library", "a spelling test", "the trip to the zoo", "a new coat", "extra maths",
    "the art club", "a school council meeting", "the Year 6 production", "a cousin's wedding", "the bus",
    "the breakfast club", "a netball match", "the museum visit", "a photo shoot", "a scout camp",
    "the head of year", "the careers adviser", "the reading volunteer", "the school office", "a trip to London",
    "the homework club", "a new timetable", "the top set", "a house move", "the late bus", "a parents' evening slot",
    "the Duke of Edinburgh expedition", "the science fair", "a new laptop", "the lunchtime rota", "a theatre trip",
    "a birthday party", "the gym", "a coding course", "the staff quiz", "a team-building day", "a family visit",
    "the drama club", "the school disco", "a work placement", "the cricket trials", "a week in Cornwall",
)

# The furniture of an email, all NOT: greetings, sign-offs, headers, subject lines,
# register rows and lists. A sentence classifier sees every one of them.
GREETINGS = ("Dear {T} {L},", "Hi {F},", "Hello {F}", "Good morning {F},", "Morning all,", "Dear Parent/Carer,",
             "Dear colleagues,", "Hiya,", "Hi office,", "Dear Mr and Mrs {L},", "Afternoon {F},", "{F},")
SIGNOFFS = ("Thanks, {F}", "Thanks {F}", "Many thanks,\n{F} {L}", "Kind regards, {F} {L}", "Best wishes, {F}",
            "Regards, {T} {L}", "Yours sincerely, {F} {L}, Headteacher", "Cheers, {F}", "{F} (DSL)", "{F} {L}, SENCo",
            "Sent from my iPhone", "Thanks in advance", "Speak soon", "Ta, {F}", "{F} {L} | Data Manager | Oakfield Academy",
            "God bless, {F} {L}", "Best, {F}", "{F} {L}\nYear 7 Parent", "Tel: 01622 000{D}", "ok thanks", "Thanks again, {F} {L}")
HEADERS = ("From: {F} {L} <{f}.{l}@oakfield.sch.uk>", "Sent: Monday, 3 March 2025 09:{D}", "To: office@school.org.uk",
           "Subject: Re: {TOPIC}", "Subject: {TOPIC}", "Fwd: {TOPIC}", "RE: {TOPIC} - {F} {L}", "On Tue, 4 Feb 2025 at 08:{D}, {F} {L} wrote:",
           "-----Original Message-----", "Cc: {F} {L}", "Subject: {TOPIC} - Y{Y}", "Date: 14/06/2025. Time: 9.{D}")
TOPICS_NEUTRAL = ("Trip helpers", "Parents' evening", "Reading books", "Consent forms still missing", "Seating plan 10X2",
                  "Lost property", "Staff ID", "Payroll query", "Minibus booking", "Bus pass list", "Certificate for {F}",
                  "Phone call from {F}'s mum", "Message from {F}'s dad", "Interview shortlist", "Reference request",
                  "Pension opt-out", "Proof of address", "Holiday request", "Nursery application", "School place",
                  "Admissions appeal", "Options evening", "Sports day", "Exam results", "Data drop", "CTF attached",
                  "Contact details change", "Timetable change", "Cover for Thursday", "INSET day", "Lunch money")
ROWS = ("{F} {L} - {Y}{C} - no call", "{F} {L} ({Y}{C}), DOB {DD}/{MM}/2015", "UPN: A8862041{D}{D}{D}", "ULN {D}{D}{D}{D}{D}{D}",
        "Group {Y} ({T} {L}): {F}, {F2}, {F3}", "Front row: {F}, {F2}, {F3}", "Back row: {F2}, {F3}, {F}",
        "{F} {L}: A, B, B", "{F} - {Y}{C} - phoned", "Subs: {F}, {F2}", "{F} {L}\t{Y}{C}\t{DD}/{MM}/2014\tY\tN",
        "{T} {L} ({D} days)", "Present: {T} {L}, {F} {L} (mum)", "Panel: {T} {L} (chair), {F} {L}", "Clerk: {F} {L}",
        "Name: {F} {L}", "Contact: {F} {L}, 07700 900{D}{D}{D}", "{D}.{D}0 free", "4.{D}0 {T} {L}", "{F} {L} - {Y}{C} - late",
        "Candidates: {F} {L}, {F2} {L}", "Shortlisted: {F} {L}, {F2} {L}", "Egg and spoon - {F}'s mum", "Relay - {F} {L}",
        "Tug of war - PTA team", "Pick up 08:45 at the main gate", "Removed: {F} {L}", "Added: {F} {L}", "{F} ({Y}{C})")

# Round 6: the fillers of instructions, kit lists, logistics and absences with no reason
# (all NOT). Ordinary things a child brings, does or is reminded of; no medicine, aid or
# health word (those are ALLERGY_KIT / TREATMENTS, which stay positive with a person).
KIT = (
    "PE kit", "coat", "water bottle", "reading book", "packed lunch", "swimming kit", "wellies", "sun hat",
    "sun cream", "lunchbox", "homework diary", "calculator", "pencil case", "trainers", "football boots",
    "shin pads", "gloves", "scarf", "waterproof", "spare socks", "library book", "violin", "recorder",
    "planner", "lanyard", "bus pass", "trip money", "consent form", "permission slip", "apron", "goggles",
    "towel", "sleeping bag", "torch", "wash bag", "packed tea", "art folder", "revision guide", "headphones",
    "ruler", "protractor", "hockey stick", "cricket whites", "tie", "blazer", "house badge", "lunch card",
    "laptop charger", "costume for the play", "book bag", "change of clothes", "spare shoes", "rain jacket",
    "snack", "fruit", "money for the tuck shop", "school jumper", "named water bottle", "clipboard", "camera",
)
# Things a child or adult is asked, reminded or trusted to do (bare infinitive).
TASKS = (
    "hand in the reply slip", "bring back the library books", "tidy the book corner", "line up by the door",
    "put the chairs up", "wait at the main gate", "sign in at reception", "wear a coat at break",
    "eat all of the packed lunch", "drink some water after PE", "take the letter home", "finish the reading log",
    "practise the times tables", "learn the lines for the play", "get changed quickly after swimming",
    "walk to the hall sensibly", "check the lost property box", "bring a pen to every lesson",
    "come straight to the office at 3.15", "meet the coach at the front", "keep the phone in the bag",
    "charge the laptop overnight", "be at the gate by 8.30", "return the trip money by Friday",
    "go to bed early before the match", "have a good breakfast before the exam", "pack the bag the night before",
    "label everything", "hand the form to the class teacher", "stay with the group at the museum",
    "stick to the path in the woods", "keep the hat on in the sun", "sit at the front of the coach",
    "be collected from the side gate", "put the glasses on for reading", "practise the song at home",
    "keep an eye on the time", "tell the teacher when finished", "wash hands before lunch", "take the coat off in class",
)
WHENS = (
    "today", "tomorrow", "on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "this afternoon",
    "this morning", "next week", "for the rest of the week", "until Wednesday", "all day Thursday", "after lunch",
    "for period 3", "on the trip", "at the weekend", "over half term", "from 2pm", "first thing", "for two days",
    "on the INSET day", "during the residential", "for the morning", "this week",
)
PLACES = (
    "the leisure centre", "the main gate", "the side gate", "the church hall", "the library", "the coach park",
    "the sports hall", "the bus stop", "reception", "the swimming baths", "the museum", "the Year 6 door",
    "the car park", "the village hall", "forest school", "the playing field", "the front office", "the canteen",
)
# Why an adult is away or a class is covered, with nothing private in it.
STAFF_AWAY = (
    "on a course", "at a meeting at the trust office", "on the Year 8 trip", "at a moderation meeting",
    "doing exam invigilation", "at the cluster SENCo meeting", "covering in Year 2", "on a school visit",
    "at the sports tournament", "on duty at the gate", "interviewing", "at the heads' conference",
    "running the open evening", "out with the football team", "at an exam board training day", "judging the science fair",
)
# A small everyday upset and its ordinary cause.
TRIVIAL = (
    "lost the reading book", "left the lunchbox on the bus", "forgot the PE kit", "lost the match",
    "was not picked for the team", "spilt paint on the jumper", "could not find the coat", "missed the bus",
    "fell out with a friend over a game", "got a low mark in the spelling test", "broke the pencil case",
    "was not chosen to read in assembly", "had to redo the homework", "left the violin at home",
)
# Round 6: languages (a home or first language is not special: CONTRACT section 6), pay items
# ("my overtime is missing"), and roles named in ordinary logistics ("her social worker will
# attend the meeting": a role, not a status). All NOT.
LANGUAGES = (
    "Turkish", "Polish", "Urdu", "Punjabi", "Arabic", "Romanian", "Lithuanian", "Bengali", "Portuguese",
    "Tamil", "Gujarati", "Farsi", "Pashto", "Tigrinya", "Ukrainian", "Russian", "Mandarin", "Cantonese",
    "Vietnamese", "French", "Spanish", "Italian", "Albanian", "Czech", "Slovak", "Hungarian", "Yoruba", "Twi",
    "Igbo", "Shona", "Swahili", "Amharic", "Hindi", "Malayalam", "Nepali", "Tagalog", "Welsh", "Latvian",
    "Bulgarian", "Greek", "Dari", "Sylheti",
)
PAY_ITEMS = (
    "overtime", "mileage claim", "TLR payment", "back pay", "supply hours", "invigilation hours",
    "pension contribution", "cover payment", "residential allowance", "pay rise", "increment", "expenses claim",
    "salary sacrifice", "parking refund", "holiday pay", "training day payment", "first aid allowance",
)
ROLES_NAMED = (
    "social worker", "school counsellor", "family support worker", "attendance officer", "educational psychologist",
    "key worker", "learning mentor", "form tutor", "head of year", "youth worker", "school nurse", "support worker",
)

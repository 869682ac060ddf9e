"""Labelled sentences for the special-category classifier: SPECIAL or NOT.

    python models/special_category/recipe/generate.py --out /tmp/sc_data

SPECIAL: a sentence that states a special-category fact (CONTRACT section 6: health,
SEN, safeguarding, care, FSM and the benefits behind it, exclusions, children missing
education, ethnicity, religion, sexuality and gender identity, offences) about a
person: a pupil by name, he/she/they, "your son", "my husband", a colleague, "I".
NOT: everything else, above all the hard cases: curriculum and reading lists,
policies, training notices, festivals and awareness weeks in newsletters, aggregate
figures, topic words, negations, hedges ("if your child has ..."), and ordinary
news about a person.

Reproducible (fixed seed, nothing downloaded). Templates and vocabulary entries are
each split by a stable hash into train and dev: dev sentences come from templates
and words the training set never saw, and the thresholds in special_category.py are
chosen on dev. heldout_handwritten.tsv (written by hand, apart) is never used here.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import vocab as V

SEED = 12
COMMON_WORDS = Path(__file__).resolve().parents[3] / "service" / "detect" / "recognizers" / "_common_words.txt"
RANDOM_NEGATIVES = 8000
DEV_SHARE = 6  # one in six templates and vocabulary entries is dev only


def _is_dev(key: str) -> bool:
    return int(hashlib.sha256(key.encode()).hexdigest(), 16) % DEV_SHARE == 0


@dataclass(frozen=True)
class Subject:
    text: str
    has: str
    is_: str
    was: str
    poss: str
    obj: str
    does: str


def _third(text: str, poss: str, obj: str) -> Subject:
    return Subject(text, "has", "is", "was", poss, obj, "does")


def subjects(rng: random.Random) -> Subject:
    kind = rng.random()
    first, sur = rng.choice(V.FIRST_NAMES), rng.choice(V.SURNAMES)
    poss, obj = rng.choice((("his", "him"), ("her", "her"), ("their", "them")))
    if kind < 0.30:
        return _third(first, poss, obj)
    if kind < 0.40:
        return _third(f"{first} {sur}", poss, obj)
    if kind < 0.48:
        return _third(f"{first}'s brother" if rng.random() < 0.5 else f"{first}'s mum", poss, obj)
    if kind < 0.60:
        pronoun = {"his": "he", "her": "she", "their": "they"}[poss]
        if pronoun == "they":
            return Subject("they", "have", "are", "were", "their", "them", "do")
        return _third(pronoun, poss, obj)
    if kind < 0.70:
        return Subject("I", "have", "am", "was", "my", "me", "do")
    if kind < 0.82:
        return _third(rng.choice(V.FAMILY), poss, obj)
    if kind < 0.92:
        return _third(f"{rng.choice(V.STAFF_TITLES)} {sur}", poss, obj)
    return _third(rng.choice(V.STAFF_ROLES), poss, obj)


# Positive templates: {S} subject, {has}/{is}/{was}/{poss}/{obj}/{does} agree with it,
# {X} a vocabulary entry of the template's kind, {N} another first name.
POSITIVE: dict[str, tuple[str, ...]] = {
    "CONDITIONS": (
        "{S} {has} {X}.", "{S} {was} diagnosed with {X} last year.", "{S} {has} been off all week with {X}.",
        "Just to let you know {S} {has} {X} and may need to leave lessons.", "{S} won't be in today, {X} again.",
        "{S} {is} recovering from {X}.", "Sorry for the short notice, {S} {has} {X} so won't be in.",
        "{S} {has} had {X} since the summer.", "{S} {is} struggling with {X} at the moment.",
        "Absence reason: {X}.", "{S} - {X}", "{S} {has} a flare-up of {X}.", "Medical: {X}",
        "Can you make sure cover staff know {S} {has} {X}?", "The doctor thinks {S} might have {X}.",
        "{S} {is} off sick with {X}.", "Please excuse {S} from PE, {X}.", "{S} {has} suffered from {X} for years.",
        "{N} is off today, {poss} mum says it's {X}.", "{S} rang in: {X}, back Monday hopefully.",
        "{S} {is} having tests for {X}.", "We think {S} {has} {X} but it hasn't been confirmed.",
    ),
    "TREATMENTS": (
        "{S} {is} starting {X} next week.", "{S} {is} on {X}.", "{S} {has} to take {X} at lunchtime.",
        "{S} {has} been prescribed {X}.", "{S} needs {X} during the trip.", "{S} finished {X} in May.",
        "Staff who teach {N} need training on {poss2} {X}.", "Reminder that {N} will need {X} on the residential.",
        "{S} {is} having {X} so may be tired.", "{S} {has} started {X} and it's going well.",
        "Could {N} keep {poss2} {X} in the classroom?", "{S} will be using {X} for the next six weeks.",
    ),
    "PROCEDURES": (
        "{S} {is} off after {poss} {X}.", "{S} {has} {poss} {X} on Tuesday.", "{S} {is} booked in for a {X}.",
        "After {poss} {X} {S_lower} will need to stay in at break.", "{S} {has} just had {poss} {X}.",
        "{S} will be off for a fortnight after the {X}.", "{S} {is} in hospital for a {X}.",
        "{S} {is} waiting for a {X}.", "{N} had a {X} last week and is back on Monday.",
    ),
    "APPOINTMENTS": (
        "{S} {has} {X} on Thursday morning.", "{S} will be late, {poss} appointment with {X} is at nine.",
        "{S} {has} been referred to {X}.", "I've booked {N} in with {X}.", "{S} {is} seeing {X} tomorrow.",
        "{S} needs to leave at 2pm for {X}.", "Cover needed: {S} {has} {X}.", "{S} {is} under {X}.",
    ),
    "SEN": (
        "{S} {has} {X}.", "{N} has {X} and needs a scribe.", "{S} {is} on the SEN register with {X}.",
        "{S} {has} just been assessed for {X}.", "{N} - {X}", "Need: {X}", "{S} {has} {X}, see the attached report.",
        "{N}'s annual review for {poss2} {X} is next week.", "{S} {is} waiting for {X}.",
        "Please be aware {N} has {X}.", "{N} gets extra time because of {poss2} {X}.",
    ),
    "SAFEGUARDING": (
        "{S} {is} {X}.", "{N} is now {X}.", "{S} {has} been {X} since March.", "Update: {N} is {X}.",
        "{N} {X_bare}", "Status: {X}", "Just to flag that {N} is {X}.", "{S} {was} {X} last year.",
    ),
    "DISCLOSURES": (
        "{N} {X}.", "This morning {N} {X}.", "At break {N} {X}.", "{N} {X} and I've logged it on CPOMS.",
        "During reading {N} {X}.", "Concern: {N} {X}.", "I'm worried because {N} {X}.",
        # Round 3: told as a story, the person only a pronoun, the harm inside a clause.
        "Spoke to {N} at lunch and {pron2} {X}.", "When I asked about it, {N} {X}.",
        "{N} came to find me after PE, {pron2} {X}.", "Not sure if this is anything but {N} {X}.",
    ),
    "CARE": (
        "{S} {is} {X}.", "{N} is {X}.", "{S} {has} been {X} since Year 2.", "Care status: {X}",
        "{N} is {X} and {poss2} social worker is coming in.", "{S} {was} {X} before {poss} adoption.",
    ),
    "BENEFITS": (
        "{S} {is} now on {X} so eligible.", "{S} {is} entitled to {X}.", "{S} {has} just started getting {X}.",
        "{N} receives {X}.", "{N}'s family claim {X}.", "{S} {is} on {X}.", "FSM eligible via {X}",
        "{N} qualifies for {X}.", "{N}'s mum has just gone onto {X} so please add {obj2} to the list.",
        "We've lost our jobs and are on {X} now.",
    ),
    "EXCLUSIONS": (
        "{S} {has} been {X}.", "{S} {was} {X}.", "{N} was {X} last term.", "Outcome: {X}",
        "I'm writing to confirm that {N} has been {X}.", "{S} {is} {X}.",
    ),
    "MISSING_EDUCATION": (
        "{N} is {X}.", "{S} {has} been {X}.", "{N} - {X}", "Concern: {N} has been {X}.",
    ),
    "ETHNICITIES": (
        "{S} {is} {X}.", "Ethnicity: {X}", "{N}'s ethnicity is recorded as {X}.", "{N} ({X})",
        "{N} - {X}", "The family are {X}.", "{N} is {X} and speaks Romani at home.", "{S} identifies as {X}.",
        "Please update {N} to {X} on SIMS.", "{N}'s parents say {poss2} background is {X}.",
    ),
    "RELIGIONS": (
        "{S} {is} {X}.", "Religion: {X}", "{N}'s family are {X}.", "{N} is {X} so won't eat the pork.",
        "{S} {is} a {X_bare} family.", "{N} - {X}", "As {N} is {X}, please check the menu.",
    ),
    "RELIGIOUS_PRACTICES": (
        "{S} will be {X}.", "{S} {is} {X}.", "{N} is {X} so please check the menu.", "{S}'ll be {X} next week.",
        "Please note {N} will be {X}.", "{N}'s family are {X}.",
    ),
    "SEXUALITY": (
        "{S} {is} {X}.", "{N} came out as {X} to {poss2} tutor.", "{S} told me {S2} {is2} {X}.",
        "{N} has asked us to know {obj2} as {X}.", "{N} is {X} and {poss2} parents don't know.",
    ),
    "OFFENCES": (
        "{S} {was} {X}.", "{S} {has} been {X}.", "{N}'s dad was {X} at the weekend.", "{S} {is} {X}.",
        "I've heard {N} was {X}.", "{N}'s brother is {X}.",
    ),
    # Round 2 (issue 12): the kinds unseen mail missed, said the ways staff say them.
    "ABSENCE_ILLNESS": (
        "{N} is absent today - {X}.", "Reason for absence: {X}", "{N} off today, {X}.", "{N} won't be in, mum says {X}.",
        "{S} {is} off poorly with {X}.", "Absent: {N} ({X})", "{N} went home at lunch with {X}.",
        "Sorry {N} missed the test, {poss2} {X} flared up.", "{N} is still off with {X}, back hopefully Thursday.",
        "Marking {N} as ill - {X}.", "Code I for {N}: {X}.", "{S} rang to say {X} so no school today.",
    ),
    "STAFF_HEALTH": (
        "I'm {X}.", "Just to let you know I'm {X}.", "{T} {L} is {X}.", "{T} {L} will be {X} until half term.",
        "Cover needed for {T} {L}, {X}.", "Our deputy head is {X}.", "Sorry everyone, I'm {X} this week.",
        "{T} {L} rang in: {X}.", "As you know I've been {X}.", "I won't be in tomorrow as I'm {X}.",
        "HR update: {T} {L} is {X}.", "{F}'s been {X} so I'm covering {poss2} classes.",
    ),
    "ALLERGY_TREATMENT": (
        "{X} {N}.", "Reminder: {X} {N} on Friday.", "Please can all staff who {X2} {N} come to the training.",
        "{N}'s {X3} is in the red box in the office.", "Make sure {N} takes {poss2} {X3} on the trip.",
        "Whoever has {N} at lunch must carry {poss2} {X3}.", "{N} needs {poss2} {X3} with {obj2} at all times.",
        "We need two staff trained to give {N} {poss2} {X3}.",
    ),
    "MISSING_STORY": (
        "{N} hasn't been in since {MONTH} and the family have moved, no new school has asked for {poss2} file.",
        "Nobody has seen {N} since {MONTH} and the house looks empty.", "{N}'s family left without telling us and we don't know which school {pron2} is at now.",
        "We've had no contact with {N}'s family since {MONTH} and {pron2} isn't on roll anywhere we know of.",
        "{N} went abroad in {MONTH} and hasn't come back; no new school has been in touch.",
        "Home visit: no answer again, neighbours say {N}'s family moved out in {MONTH}.",
    ),
    "PRACTICE_SAID": (
        "{N} won't be swimming this term as {pron2} is {X}.", "{S} {is} {X} so please don't offer {obj} sweets.",
        "{N}'s family asked that {pron2} is excused from assembly as {pron2} is {X}.",
        "{N} is {X} this month so may be tired in the afternoons.", "Please bear in mind {N} is {X}.",
        "FYI {N} will be {X} during the residential.",
    ),
    # Round 6: the frames of the new negatives (instructions, logistics, absences) with the
    # special fact in them, so a reminder or "won't be in" is judged by what it carries.
    "INSTRUCTED_KIT": (
        "Please remind {N} to take {poss2} {X} {WHEN}.", "Make sure {pron2} has {poss2} {X} {WHEN}.",
        "Don't forget {N}'s {X} is in the staffroom fridge.", "Could you check {N} has {poss2} {X} before {pron2} leaves?",
        "Whoever has {N} {WHEN}, please make sure {pron2} has {poss2} {X}.", "Please remind {obj2} to use {poss2} {X} before PE.",
        "Kit list for {N}: {K2}, {X}, {K3}.", "Can you make sure {N} takes {poss2} {X} home?",
        "Please send {N} in with {poss2} {X} {WHEN}.", "Just a reminder that {N} will need {poss2} {X} {WHEN}.",
    ),
    "INSTRUCTED_CONDITION": (
        "Make sure the cover teacher knows {N} has {X}.", "Please keep an eye on {N} {WHEN}, {poss2} {X} has been bad.",
        "{N} won't be in {WHEN}, {pron2} has {X}.", "{S} will be off {WHEN} with {X}.",
        "{N} is not in school {WHEN}, {poss2} {REL} says it's {X}.", "{N} was upset this morning because {poss2} {X} is bad again.",
        "Just so you know, {N} was quiet today as {poss2} {REL} has {X}.", "{N} needs someone to walk {obj2} to {PLACE} because of {poss2} {X}.",
        "Cover for period {D}: {T} {L} is off with {X}.", "Please remind staff on duty that {N} has {X}.",
        "Don't forget {N} has {X} when you plan the trip.", "{N}'s {REL} is collecting {obj2} early {WHEN}, {pron2} has {X}.",
    ),
}
POSITIVE_FIXED = (
    "The family keep kosher, please check the menu.", "She'll be fasting next week for Eid.",
    "Auto-injector training for staff who teach Mia.", "He's now on Universal Credit so eligible.",
    "After his grommets op he can't swim.", "My wife is starting chemo on Monday.",
    "I have an occupational health referral on Friday.", "We're going through fertility treatment.",
)

NEGATIVE: dict[str, tuple[str, ...]] = {
    "CURRICULUM_TOPICS": (
        "This term Year 9 will study {X}.", "PSHE this half term: {X}.", "Lesson 4 - {X}",
        "The RE unit on {X} starts next week.", "Homework: write a paragraph about {X}.",
        "Please find attached the scheme of work for {X}.", "Learning objective: to understand {X}.",
        "Our science topic this term is {X}.", "Assembly theme next week: {X}.",
        "The quiz on {X} is on Google Classroom.", "Key vocabulary for {X} is on the knowledge organiser.",
    ),
    "CONDITIONS_GENERAL": (
        "Biology revision: the symptoms and treatment of {X}.", "Factsheet: what is {X}?",
        "The school nurse will run a session on {X} for parents.", "If your child has {X}, please let the office know.",
        "Pupils with {X} should bring their medication on the trip.", "Any child who has {X} needs a care plan.",
        "Risk assessment: participants with {X} - staff to carry medication.", "There is a lot of {X} going round at the moment.",
        "Please tell us if anyone in your group has {X}.", "Does anyone have {X}?",
        "We have {N2} pupils with {X} this year.", "Information about {X} is on the NHS website.",
        "Hazard: pupils with {X}. Control: medication carried by the group leader.",
        "Research shows that {X} is more common than people think.", "{N} does not have {X}.",
        "{N} has no history of {X}.", "No known {X}.", "Guidance on {X} is in the staff handbook.",
    ),
    "BOOKS": (
        "Year 7 reading list: {X}.", "In {X} the main character has a difficult time at school.",
        "Book club this week: chapters 5 to 9 of {X}.", "We are reading {X} in class.",
        "Please bring your copy of {X}.", "Write a diary entry as {C} from {X}.",
        "In {X}, {C} is bullied because he is different.", "Discuss how {C} copes with illness in {X}.",
        "{C} in {X} has autism and sees the world differently.", "How does the author present {C}'s grief?",
    ),
    "POLICIES": (
        "Please read the updated {X} policy before Friday.", "The {X} policy is attached.",
        "Governors approved the {X} policy last night.", "The {X} policy is due for review in May.",
        "Our {X} policy can be found on the website.", "Section 3 of the {X} policy has changed.",
    ),
    "TRAININGS": (
        "Reminder: {X} training on Monday after school.", "All staff must complete {X} training by Friday.",
        "{X} training certificates are due for renewal.", "We have booked {X} training for the INSET day.",
        "Can you sign up for the {X} refresher?", "The {X} course is full, next one is in March.",
    ),
    "EVENTS": (
        "{X} starts on Monday.", "Wear something yellow for {X}.", "Thank you for supporting {X}.",
        "Our assembly for {X} will be led by Year 6.", "Ideas for {X} are welcome.",
        "{X}: we raised £412!", "Please bring in a donation for {X}.",
    ),
    "FESTIVALS": (
        "{X} Mubarak to all our families celebrating.", "Happy {X} to everyone celebrating!",
        "Year 2 will learn about {X} this week.", "The {X} assembly is on Thursday.",
        "The canteen will serve a special {X} lunch.", "We know many families will be celebrating {X}.",
        "Pupils can make {X} cards in art.", "There is no school on the {X} bank holiday.",
        "The prayer room is available during {X}.",
    ),
    "AGGREGATES": (
        "{N2} pupils have an EHCP this year.", "{P}% of pupils are eligible for free school meals.",
        "Pupil premium allocation for {Y}: £{M}.", "Exclusions this term: {N2}.",
        "{N2} children are looked after by the local authority.", "The number of suspensions fell by {P}%.",
        "SEN support: {N2} pupils; EHCP: {N2} pupils.", "{P}% of our pupils are from minority ethnic backgrounds.",
        "Attendance for disadvantaged pupils is {P}%.", "{N2} referrals were made to CAMHS across the trust.",
        "Persistent absence is {P}% for pupils with SEN.", "{N2} families applied for free school meals.",
    ),
    "HEDGES": (
        "If your child is fasting during Ramadan, please let us know.", "Please tell us if your child has any allergies.",
        "Parents of children with an EHCP are invited to a coffee morning.", "If you receive Universal Credit you may be eligible for free school meals.",
        "Children who need medication in school must have a form.", "Let the office know if your child will be absent for a religious festival.",
        "Pupils who feel anxious about exams can speak to their tutor.", "Anyone who needs an EpiPen on the trip must bring two.",
        "Families on low incomes can apply for the uniform grant.", "Whether your child has a diagnosis or not, we can help.",
        "Any pupil who is a young carer can join the lunch club.", "Staff may request an occupational health referral through HR.",
        "If a child discloses abuse, follow the procedure in the policy.", "Where a pupil is looked after, the designated teacher attends the PEP.",
        "If you or your child have any medical needs, please update the form.", "Students who identify as LGBT+ can join the Pride club.",
        "Should a child be suspended, parents will receive a letter.", "If anyone has a gluten-free diet, tell the caterers.",
    ),
    "ORDINARY": (
        "{S} {pred}.", "Just to say {S} {pred}.", "Quick one: {S} {pred}.", "{N} {pred}.",
        "FYI {S} {pred}.", "{S} {pred} - thanks for your help.", "Hi, {S} {pred}.", "{N}'s mum says {S} {pred}.",
        "Sorry, {S} {pred}.", "{S} {pred} so please let {obj2} know.", "Can you tell {N} that {S} {pred}?",
        "I'm afraid {S} {pred}.", "Good news: {S} {pred}!", "{N} and {S} {pred}.",
    ),
    "GENERAL": (
        "Topic: {X}", "{X}: {N2} pupils ({P}%)", "Guidance on {X} is in the staff handbook.",
        "We will talk about {X} in the PSHE lesson.", "Glossary: {X}", "The webinar covers {X} in schools.",
        "Category: {X} - total {N2}", "A useful leaflet about {X} for families.", "Key term: {X}",
    ),
    "ORDINARY_SENTENCES": ("{X}",),
    # Round 2 (issue 12): the positives' own words in their everyday senses.
    "LOOKALIKES": (
        "My overtime for {MONTH} is missing from this month's payslip.", "{N} is missing {poss2} PE kit again.",
        "{N}'s homework has been missing for two weeks.", "{S} will be off for two weeks in {MONTH}, it's a family holiday.",
        "{S} {is} off on a course all day Thursday.", "The timesheet has been signed off by {T} {L}.",
        "{T} {L} has signed off the trip budget.", "{N} was referred to the head of year for {poss2} homework.",
        "I've referred the invoice to the finance team.", "{S} {has} an appointment with the careers adviser.",
        "{N}'s maths assessment is on Friday.", "{S} {is} on a payment plan for the ski trip.",
        "{N}'s account was suspended because the password was wrong too many times.", "{N} was excluded from the team photo by mistake.",
        "The battery was charged overnight.", "{S} {was} charged twice for the trip, please refund.",
        "Please scan the consent form and send it back.", "The boiler operation manual is in the office.",
        "{S} {is} sick of the rain, like the rest of us.", "The results were positive, {N} got into the team!",
        "{N} needs support with {poss2} spelling homework.", "{N} is on the register for the chess club.",
        "{S} {is} in care of the class hamster over half term.", "{N}'s treatment of the topic in {poss2} essay was excellent.",
        "{N} was on the early bus and missed registration.", "{S} took {poss2} medication form home to sign.",
        "{N} has a plan for {poss2} history project.", "{S} {has} been in the wars, grazed knee at break, plaster on.",
        "{N} fell over at lunch and the first aider put an ice pack on it.", "{S} {is} a bit tired after the residential.",
    ),
    # Round 3: family members and reported speech in everyday news ("Mia enjoys working
    # with her brother"): a person word and "told me" are not a disclosure.
    "FAMILY_NEWS": (
        "{N} enjoys working with {poss2} {REL}.", "{N} came in with {poss2} {REL} this morning.",
        "{N}'s {REL} will collect {obj2} at 3.15 today.", "{N} told me {poss2} {REL} took {obj2} to the football.",
        "{N} said {poss2} {REL} is visiting at the weekend.", "{N} is staying with {poss2} {REL} over half term.",
        "{N} told me {pron2} is going to {poss2} {REL}'s after school.", "{N}'s {REL} helped with the cake sale.",
        "{N} said {poss2} {REL} has a new puppy.", "{N} was so proud that {poss2} {REL} came to watch the play.",
        "{N} and {poss2} {REL} made the model together.", "{N} told {poss2} {REL} about the trip and {pron2} is excited.",
        "{N}'s {REL} works at the hospital and is coming to talk about careers.",
        "{N} said {poss2} {REL} shouted at the telly when England scored.",
    ),
    # Round 2 (issue 12): absence and attendance with no illness given are not special.
    "ATTENDANCE": (
        "{N}'s attendance has fallen to {P}% this term.", "There can be many reasons for absence and we would like to help.",
        "Please could you come and see me to discuss {N}'s attendance.", "{N} was absent on Monday and Tuesday with no reason given.",
        "Unauthorised absence: {N2} sessions.", "{N} is absent today, no reason given yet.",
        "{N} will be absent on Friday for {X}.", "{S} {is} off today for {X}.", "Reason for absence: {X}",
        "Absence request: {N}, {X}.", "{N} missed the morning because of {X}.", "Please call the office if {N} is going to be absent.",
        "We have a legal duty to follow up absence.", "{N} has had {N2} days of absence since September.",
        "Could you come in on Thursday at 9 to talk about attendance?", "{N} arrived late again, the register closes at 8.50.",
        "Holiday in term time will be recorded as unauthorised.", "Your child's attendance is below 90%.",
    ),
    # Round 2 (issue 12): faith, health and safeguarding said of groups, in teaching and notices.
    "RE_AND_PSHE": (
        "Many Muslims fast from dawn to sunset during Ramadan.", "Sikhs may wear the five Ks, including the kara.",
        "Orthodox Jews keep kosher and observe Shabbat.", "Hindus celebrate Diwali, the festival of light.",
        "Lesson 3: why do some Christians give things up for Lent?", "Pupils will visit the gurdwara and the mosque.",
        "Key question: how do Muslims prepare for Eid?", "Year 4 RE: the importance of the synagogue.",
        "PSHE: what to do if a friend tells you they are being hurt at home.",
        "Discuss why some people self-harm and where to get help.", "Starter: what does it mean to be a young carer?",
        "Case study: Sam is fostered. How might Sam feel on Mother's Day?", "Homework: research a famous person with dyslexia.",
        "In the play, Eric drinks heavily and steals from his father.", "Lennie has a learning disability and George looks after him.",
        "Anne Frank was Jewish and hid from the Nazis in Amsterdam.", "Alan Turing was prosecuted for being gay in 1952.",
        "Mary Seacole nursed soldiers during the Crimean War.", "Frida Kahlo had polio as a child.",
        "Auggie has a facial difference and starts school for the first time.", "Christopher, the narrator, is autistic.",
        "Health week: sessions on asthma, allergies and healthy eating.", "Healthy minds week: a workshop on anxiety for Year 9.",
        "All staff must complete child protection training by Friday.", "Refresher: how to use an auto-injector, staffroom, 3.30.",
        "EpiPen training for all staff on the INSET day.", "The DSL will deliver safeguarding training to new staff.",
        "Eid Mubarak to all of our families celebrating this week!", "We wish all our Jewish families a happy Hanukkah.",
        "School closes early on Friday for the Diwali celebration.", "Ramadan starts next week; the prayer room is open at lunch.",
        "Trip risk assessment: staff to carry inhalers for any pupil with asthma.", "Hazard: allergic reaction. Control: EpiPens carried.",
        "Learning objective: understand how diabetes affects the body.", "Success criteria: I can explain what epilepsy is.",
        "Chapter 4: Stanley is sent to Camp Green Lake for a crime he did not commit.", "Book club: why does Bruno not understand the fence?",
        "The policy sets out how we support pupils with medical conditions.", "The Equality Act protects religion, race and sexual orientation.",
        "Remember to bring your copy of Wonder on Monday.", "Worksheet: label the parts of the ear.",
    ),
    # Round 6: ordinary instructions, reminders, kit lists, logistics, absences with no
    # reason and staff cover, said with person words ("Make sure she has her glasses on for
    # the test" scored 0.98 in round 4): a pronoun and "make sure" are not a health fact.
    # Several mirror a positive frame with an ordinary filler ("{N}'s {X} is in the red box").
    "INSTRUCTIONS": (
        "Make sure {N} has {poss2} {X} {WHEN}.", "Please remind {N} to bring {poss2} {X} {WHEN}.",
        "Please remind {obj2} to bring {poss2} {X}.", "Don't forget {poss2} {X} {WHEN}.", "Don't forget your {X} {WHEN}!",
        "Can you make sure {N} takes {poss2} {X} home?", "Please can {N} bring {poss2} {X} {WHEN}?",
        "Could you check {N} has {poss2} {X} before {pron2} leaves?", "Reminder: {X} needed {WHEN}.",
        "All pupils will need their {X} {WHEN}.", "Please make sure your child has their {X} {WHEN}.",
        "Whoever has {N} {WHEN}, please make sure {pron2} has {poss2} {X}.", "{N} needs {poss2} {X} with {obj2} {WHEN}.",
        "{N}'s {X} is in the red box in the office.", "Make sure {N} takes {poss2} {X} on the trip.",
        "{S} {has} left {poss} {X} in the classroom again.", "Make sure {pron2} has {poss2} {X} and {K2} {WHEN}.",
        "Could {N} keep {poss2} {X} in the classroom?", "Please send {N} in with {poss2} {X} {WHEN}.",
        "Just a reminder that {N} will need {poss2} {X} {WHEN}.",
    ),
    "REMINDERS": (
        "Please remind {obj2} to {X}.", "Please remind {N} to {X} {WHEN}.", "Can you remind {obj2} to {X}?",
        "Make sure {pron2} remembers to {X}.", "Please could you make sure {N} remembers to {X}.",
        "Don't forget to {X}!", "Everyone needs to {X} {WHEN}.", "Please ask your child to {X}.",
        "Staff on duty: please make sure pupils {X}.", "{N} has been asked to {X}.", "I've asked {N} to {X} {WHEN}.",
        "Can you keep an eye on {obj2} {WHEN}, and remind {obj2} to {X}?", "Please keep an eye on {N} and make sure {pron2} {X_3}.",
        "Could someone sit with {N} at lunch {WHEN}?", "{N} needs someone to remind {obj2} to {X}.",
        "Please make sure everyone remembers to {X}.", "Year {D} will need to {X} {WHEN}.", "Parents, please help your child {X}.",
        "Can all staff remind their tutor groups to {X}?", "Please make sure {N} and {F} {X}.",
    ),
    "KIT_LISTS": (
        "Kit list: {X}, {K2}, {K3}.", "What to bring: {X}, {K2} and {K3}.", "{N} - {X}", "{N} ({X})",
        "Still to bring in: {N} ({X}), {F} ({K2})", "Needs: {X}, {K2}", "{N}: {X} and {K2}", "Missing: {X}",
        "Please pack {X}, {K2} and {K3} for the residential.", "Day 1: {X}, {K2}. Day 2: {K3}.",
    ),
    "LOGISTICS": (
        "{N}'s {REL} will pick {obj2} up from {X} at {TIME}.", "{N} needs to be dropped off at {X} {WHEN}.",
        "{S} {is} meeting us at {X} {WHEN}.", "{N} has asked to sit with {poss2} friend on the coach.",
        "{N} is going home with {F} {WHEN}.", "Can {N} wait at {X} until {poss2} {REL} arrives?",
        "{S} will be collected from {X} {WHEN}.", "Please send {N} to {X} at {TIME}.",
        "{N} is staying late {WHEN} for rehearsals.", "{N} will be late in {WHEN}, {poss2} {REL} is dropping {obj2} off.",
        "{N}'s {REL} is collecting {obj2} early {WHEN}.", "Can {pron2} go home on the bus with {F} {WHEN}?",
        "{N} needs someone to walk {obj2} to {X}.", "Please can you keep an eye on {obj2} at {X}.",
        "{S} {has} asked to be dropped at {X} instead.", "{N} will need a hand carrying {poss2} bags to {X}.",
    ),
    "ABSENCE_NO_REASON": (
        "{S} won't be in {X}.", "{N} is off {X}.", "{N} is not in school {X}, {poss2} {REL} has phoned.",
        "{S} will be off {X}.", "{S} {is} away {X}.", "{N} won't be in {X}, {poss2} {REL} will call later.",
        "{N} is absent {X}.", "{T} {L} is off {X}.", "{T} {L} won't be in {X}.", "{S} {is} not in {X}.",
        "Just to let you know {N} won't be in {X}.", "{N} will be off {X}, we'll catch up on the work.",
        "{S} {is} out {X}.", "Sorry for the short notice, {S} won't be in {X}.", "{N} is off again {X}.",
        "I won't be in {X}, I have to sort some things out.", "{N} missed school {X}.", "{N} has been away {X}.",
    ),
    "STAFF_LOGISTICS": (
        "{T} {L} is {X} {WHEN} so {poss2} classes are covered.", "Cover for period {D}: {T} {L} is {X}.",
        "{T} {L} will be {X} {WHEN}.", "Please note {T} {L} is {X} {WHEN}.", "{ROLE} is {X} {WHEN} so please lock up.",
        "I'm {X} {WHEN}, work is set on Teams.", "Sorry everyone, I'm {X} this week.", "As you know I'll be {X} {WHEN}.",
        "Cover needed for {T} {L}, {X}.", "{F}'s {X} {WHEN} so I'm covering {poss2} classes.",
        "HR update: {T} {L} is {X} {WHEN}.", "I won't be in {WHEN} as I'm {X}.",
    ),
    "UPSETS": (
        "{N} was upset this morning because {pron2} {X}.", "{N} was a bit tearful at lunch, {pron2} {X}.",
        "Just so you know, {N} was sad today as {pron2} {X}.", "{N} came to find me at break, {pron2} {X}.",
        "Spoke to {N} at lunch and {pron2} {X}.", "{N} was a bit quiet today, I think {pron2} {X}.",
        "{N} was cross at home time because {pron2} {X}.", "{N} cried a little after PE, {pron2} {X}.",
    ),
    "LANGUAGES": (
        "Home language: {X}", "First language: {X}", "Language spoken by the family: {X}", "{N} speaks {X} with {poss2} cousins.",
        "{N}'s first language is {X}.", "We need a {X}-speaking member of staff for parents' evening.",
        "Can anyone translate this letter into {X}?", "Interpreter needed: {X}", "{N}'s mum would like the letter in {X}.",
        "{N} is sitting GCSE {X} as a home language.", "Does anyone on the staff speak {X}?", "{N} - first language {X}",
        "Pupil: {N} {L} (Y{D})\nHome language: {X}", "{N} {L}\t{X}\tEAL", "Parents' language: {X}, interpreter booked",
    ),
    "PAY_LOOKALIKES": (
        "My {X} hasn't come through on this month's payslip.", "{T} {L}'s {X} is missing from the {MONTH} pay run.",
        "Can you check why my {X} is missing?", "The {X} for {MONTH} was left off my payslip.",
        "I think my {X} is missing again.", "Payroll query: {X} missing for {MONTH}.", "{F} says {poss2} {X} is still missing.",
        "Missing {X} - {T} {L}", "My {X} was paid late.", "Please add my {X} to the {MONTH} payroll.",
        "Sorry to chase, my {X} from {MONTH} is still missing.", "{N}'s {K2} has gone missing from the cloakroom.",
    ),
    "ROLES_IN_LOGISTICS": (
        "{poss2} {X} will attend the meeting.", "The {X} will join us at {TIME}.", "A {X} from the council is coming to the staff meeting.",
        "Please can the {X} sign in at reception.", "The {X} rang back about the meeting time.", "{poss2} {X} will call you this afternoon.",
        "Can the {X} use the meeting room {WHEN}?", "The {X} is running late, start without her.", "Our {X} is on leave {WHEN}.",
        "{N}'s {X} has asked for the meeting to be moved to {TIME}.",
    ),
    "ADMIN": (
        "The SEN shared mailbox is now live.", "The safeguarding team meets on Wednesdays.",
        "CPOMS will be down for maintenance on Saturday.", "The medical room has been moved next to the office.",
        "Can you send me the link to the EHCP template?", "The child protection plan template is on the shared drive.",
        "Our SENCo will be out on Thursday.", "Free school meals applications close on Friday.",
        "The new pupil premium strategy is on the website.", "The DSL rota for next term is attached.",
        "Please return the medication consent forms by Friday.", "The nurse's drop-in is on Tuesdays.",
        "Lunch menu: halal and vegetarian options available every day.", "The allergen list for the new menu is attached.",
        "We are a Church of England school and welcome families of all faiths.", "Universal infant free school meals continue for Reception to Year 2.",
        "Health week timetable attached.", "The trip risk assessment is attached for approval.",
        "Forest school risk assessment: asthma inhalers to be carried by staff.", "Mental health first aiders are listed on the staffroom board.",
        "The EHCP process can take up to twenty weeks.", "The local authority has changed its exclusions guidance.",
        "The virtual school runs training for designated teachers.", "The census asks for each pupil's ethnicity and first language.",
        "Our equality objectives cover race, religion, disability and sexual orientation.", "The governors reviewed the attendance data for vulnerable groups.",
        "Occupational health appointments can be booked through the HR portal.", "Universal Credit guidance for staff is on the intranet.",
    ),
}


def _third_person(task: str) -> str:
    """'hand in the slip' -> 'hands in the slip' (the first word only; the TASKS verbs are regular)."""
    verb, _, rest = task.partition(" ")
    irregular = {"be": "is", "have": "has", "go": "goes", "do": "does", "wash": "washes", "finish": "finishes",
                 "stay": "stays", "put": "puts", "tidy": "tidies"}
    verb = irregular.get(verb, verb + "s")
    return f"{verb} {rest}".strip()


def _fill(template: str, rng: random.Random, x: str, label_kind: str) -> str:
    s = subjects(rng)
    while "{pred}" in template and s.has != "has":  # the predicates are written for he/she/a name
        s = subjects(rng)
    s2 = subjects(rng)
    poss2, obj2 = rng.choice((("his", "him"), ("her", "her"), ("their", "them")))
    pronoun = {"his": "he", "her": "she", "their": "they", "my": "I"}.get(s.poss, "they")
    pred = rng.choice(V.ORDINARY_PREDICATES).replace("{poss}", s.poss).replace("{pron}", pronoun)
    text = template
    x_bare = x
    if label_kind == "RELIGIONS":
        x_bare = x.removeprefix("a ").removeprefix("an ")
    if "{poss} {X}" in template or "{poss2} {X}" in template:
        x = x.removeprefix("a ").removeprefix("an ")
    values = {
        "S": s.text, "has": s.has, "is": s.is_, "was": s.was, "poss": s.poss, "obj": s.obj, "does": s.does,
        "S_lower": s.text if s.text == "I" else s.text[0].lower() + s.text[1:] if s.text.islower() or s.text.split()[0].lower() in {"he", "she", "they", "your", "my", "her", "his", "their", "our", "the", "this", "one"} else s.text,
        "S2": s2.text if s2.text != "I" else "she", "is2": s2.is_ if s2.text != "I" else "is",
        "MONTH": rng.choice(("January", "February", "March", "May", "June", "October", "November")),
        "T": rng.choice(V.STAFF_TITLES), "L": rng.choice(V.SURNAMES), "F": rng.choice(V.FIRST_NAMES),
        "pron2": {"his": "he", "her": "she", "their": "they"}[poss2],
        "X2": rng.choice(V.TEACH_VERBS), "X3": rng.choice(V.ALLERGY_KIT),
        "REL": rng.choice(V.RELATIVES),
        "WHEN": rng.choice(V.WHENS), "K2": rng.choice(V.KIT), "K3": rng.choice(V.KIT), "D": str(rng.randint(1, 6)),
        "TIME": rng.choice(("3.15", "12.30", "1pm", "2.45", "4pm", "8.30", "10 o'clock")),
        "ROLE": rng.choice(V.STAFF_ROLES), "PLACE": rng.choice(V.PLACES), "X_3": _third_person(x) if label_kind == "REMINDERS" else x,
        "N": rng.choice(V.FIRST_NAMES), "C": rng.choice(V.CHARACTERS), "X": x, "X_bare": x_bare,
        "poss2": poss2, "obj2": obj2, "pred": pred, "N2": str(rng.randint(2, 140)), "P": str(rng.randint(3, 60)),
        "M": f"{rng.randint(20, 400)},{rng.randint(100, 999)}", "Y": f"{rng.randint(2023, 2026)}-{rng.randint(24, 27)}",
    }
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    return text[0].upper() + text[1:]


_TABLE_COLUMNS = ("Name", "Pupil", "Child", "Staff member")


def _vary(text: str, rng: random.Random) -> str:
    """Casing and register: lower-case notes, capitals, list bullets, table rows."""
    r = rng.random()
    if r < 0.12:
        text = text.lower()
    elif r < 0.17:
        text = text.upper()
    elif r < 0.22:
        text = text.rstrip(".")
    r = rng.random()
    if r < 0.06:
        text = rng.choice(("- ", "* ", "• ", "1. ")) + text
    elif r < 0.09:
        text = text + rng.choice((" Thanks.", " Many thanks", " Kind regards", " Ta"))
    return text


def _table_row(rng: random.Random, x: str, positive: bool) -> str:
    name = f"{rng.choice(V.FIRST_NAMES)} {rng.choice(V.SURNAMES)}"
    cls = rng.choice(("5B", "Oak", "7X2", "Y3", "10R", "Rec"))
    if positive:
        return rng.choice((f"{name}\t{cls}\t{x}", f"{name} | {cls} | {x}", f"{name}, {cls}: {x}"))
    header = rng.choice(_TABLE_COLUMNS)
    return rng.choice((f"{header}\tClass\t{x}", f"{x}\t{rng.randint(2, 90)}\t{rng.randint(1, 40)}%"))


_VOCAB_OF = {
    "ABSENCE_ILLNESS": "CONDITIONS", "PRACTICE_SAID": "RELIGIOUS_PRACTICES", "RE_AND_PSHE": None,
    "ATTENDANCE": "NEUTRAL_FILLERS", "LOOKALIKES": None,
    "INSTRUCTIONS": "KIT", "REMINDERS": "TASKS", "KIT_LISTS": "KIT", "LOGISTICS": "PLACES",
    "ABSENCE_NO_REASON": "WHENS", "STAFF_LOGISTICS": "STAFF_AWAY", "UPSETS": "TRIVIAL",
    "INSTRUCTED_KIT": "ALLERGY_KIT", "INSTRUCTED_CONDITION": "CONDITIONS",
    "PAY_LOOKALIKES": "PAY_ITEMS", "ROLES_IN_LOGISTICS": "ROLES_NAMED", "MISSING_STORY": None, "FAMILY_NEWS": None,
    "CONDITIONS_GENERAL": "CONDITIONS", "HEDGES": None, "AGGREGATES": None, "ORDINARY": None, "ADMIN": None,
}


# Round 6's negative kinds: many templates, so each is filled as often as a positive one.
ROUND6_NEGATIVES = frozenset({"INSTRUCTIONS", "REMINDERS", "KIT_LISTS", "LOGISTICS", "ABSENCE_NO_REASON",
                              "STAFF_LOGISTICS", "UPSETS", "LANGUAGES", "PAY_LOOKALIKES", "ROLES_IN_LOGISTICS"})


def _vocab_name(kind: str) -> str | None:
    return _VOCAB_OF.get(kind, kind)


def _positive_entries() -> list[str]:
    return [e for kind in POSITIVE if _vocab_name(kind) for e in getattr(V, _vocab_name(kind) or "")]


_POSITIVE_VOCAB = tuple(dict.fromkeys(_positive_entries()))


def _entries(kind: str) -> Sequence[str]:
    if kind == "GENERAL":
        return _POSITIVE_VOCAB
    name = _VOCAB_OF.get(kind, kind)
    return getattr(V, name) if name else ("",)


def generate(seed: int = SEED, per_template: int = 40) -> Iterator[dict]:
    rng = random.Random(seed)
    for label, groups in ((1, POSITIVE), (0, NEGATIVE)):
        for kind, templates in groups.items():
            entries = _entries(kind)
            for template in templates:
                split = "dev" if _is_dev(template) else "train"
                pool = [e for e in entries if (_is_dev(e) if split == "dev" else not _is_dev(e))] or list(entries)
                n = (per_template if label or kind in ROUND6_NEGATIVES else 2 * per_template) if "{" in template else 6
                if kind == "ORDINARY_SENTENCES":
                    n = 3 * len(pool)
                for _ in range(n):
                    x = rng.choice(pool)
                    yield {"text": _vary(_fill(template, rng, x, kind), rng), "label": label, "split": split, "kind": kind}
                # Table rows need a vocabulary entry to put in the row (not so for story templates).
                if (label == 1 and entries != ("",)) or kind in ("CONDITIONS_GENERAL", "AGGREGATES"):
                    for _ in range(3):
                        x = rng.choice(pool) if kind != "AGGREGATES" else rng.choice(V.BENEFITS)
                        yield {"text": _table_row(rng, x, label == 1), "label": label, "split": split, "kind": kind + "_TABLE"}
    for kind, templates in POSITIVE.items():
        for template in templates:
            if "{X}" not in template and "{X_bare}" not in template:
                continue
            split = "dev" if _is_dev(template) else "train"
            for _ in range(per_template):
                x = rng.choice(V.NEUTRAL_FILLERS)
                yield {"text": _vary(_fill(template, rng, x, "NEUTRAL"), rng), "label": 0, "split": split, "kind": "FRAME"}
    yield from random_negatives(rng, RANDOM_NEGATIVES)
    yield from email_furniture(rng, 4000)
    for text in POSITIVE_FIXED:
        for variant in (text, text.lower()):
            yield {"text": variant, "label": 1, "split": "train", "kind": "FIXED"}


def _common_words() -> list[str]:
    """Ordinary English words (the repository's own list), less any in a special vocabulary."""
    special = {w.lower() for entry in _positive_entries() for w in entry.split()}
    words = [w for w in COMMON_WORDS.read_text(encoding="utf-8").split() if not w.startswith("#")]
    return [w for w in words if w.isalpha() and w not in special]


def random_negatives(rng: random.Random, n: int) -> Iterator[dict]:
    """Loose sentences of ordinary words, half of them about a person: unseen words and a
    name or pronoun alone are no evidence, so the model leans to NOT on text unlike any
    it trained on (a bag of n-grams otherwise gives it the class prior, about a half)."""
    words = _common_words()
    for i in range(n):
        body = " ".join(rng.choice(words) for _ in range(rng.randint(3, 12)))
        if rng.random() < 0.5:
            s = subjects(rng)
            verb = rng.choice((s.is_, s.has, s.was, "will", "can", "asked", "said", "wants", "needs"))
            body = f"{s.text} {verb} {body}"
        text = _vary(body[0].upper() + body[1:] + rng.choice((".", ".", "", "?", "!")), rng)
        yield {"text": text, "label": 0, "split": "dev" if i % 10 == 0 else "train", "kind": "RANDOM"}


def email_furniture(rng: random.Random, n: int) -> Iterator[dict]:
    """Greetings, sign-offs, headers, subject lines and register rows: all NOT."""
    groups = (V.GREETINGS, V.SIGNOFFS, V.HEADERS, V.ROWS, V.ROWS)
    for i in range(n):
        text = rng.choice(rng.choice(groups))
        f, l = rng.choice(V.FIRST_NAMES), rng.choice(V.SURNAMES)
        values = {"{TOPIC}": rng.choice(V.TOPICS_NEUTRAL), "{F}": f, "{L}": l, "{f}": f.lower(), "{l}": l.lower(),
                  "{F2}": rng.choice(V.FIRST_NAMES), "{F3}": rng.choice(V.FIRST_NAMES), "{T}": rng.choice(V.STAFF_TITLES),
                  "{Y}": str(rng.randint(1, 11)), "{C}": rng.choice("ABCDKMRX"), "{DD}": f"{rng.randint(1, 28):02d}",
                  "{MM}": f"{rng.randint(1, 12):02d}"}
        for key, value in values.items():
            text = text.replace(key, value)
        while "{D}" in text:
            text = text.replace("{D}", str(rng.randint(0, 9)), 1)
        for line in text.split("\n"):
            yield {"text": _vary(line, rng), "label": 0, "split": "dev" if i % 10 == 0 else "train", "kind": "FURNITURE"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    rows = list(generate(args.seed))
    seen: set[str] = set()
    counts: dict[tuple[str, int], int] = {}
    files = {split: (args.out / f"{split}.jsonl").open("w", encoding="utf-8") for split in ("train", "dev")}
    for row in rows:
        if row["text"] in seen:
            continue
        seen.add(row["text"])
        files[row["split"]].write(json.dumps(row, ensure_ascii=False) + "\n")
        counts[(row["split"], row["label"])] = counts.get((row["split"], row["label"]), 0) + 1
    for f in files.values():
        f.close()
    print(json.dumps({f"{s}/{'SPECIAL' if l else 'NOT'}": n for (s, l), n in sorted(counts.items())}))


if __name__ == "__main__":
    main()

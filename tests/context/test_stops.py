"""Clean drafts SendGuard stopped for no good reason, and their near misses that must still stop.

Drafts written for these tests; the real scanner (spaCy, Presidio, rules).
"""

import base64

import pytest

from service.context.own_details import without_own_details
from service.context.participants import participants_of, third_party
from service.detect.analyzer import PresidioDetector
from service.scanner import Scanner
from service.schemas.entities import EntityType
from service.schemas.scan import ScanRequest

OFFICE = {"address": "office@oakfield.sch.uk", "name": "School Office"}


def _scan(scanner: Scanner, body: str, to: list[dict], subject: str = "Update", attachments: list | None = None):
    message = {"subject": subject, "body": {"content": body, "type": "text"}, "from": OFFICE, "to": to}
    if attachments:
        message["attachments"] = attachments
    return scanner.scan(ScanRequest.model_validate({"message": message}))


def _text_attachment(name: str, text: str) -> dict:
    data = text.encode()
    return {"name": name, "content_type": "text/plain", "size": len(data),
            "content_base64": base64.b64encode(data).decode()}


# --- the recipient's (or sender's) own contact details ------------------------

def test_a_parents_own_new_address_quoted_back_to_them_is_allowed(scanner: Scanner) -> None:
    body = ("Dear Mrs Achebe,\nThanks, that's all changed on our system.\n"
            "> On 12 Feb, Ngozi Achebe wrote:\n"
            "> Our new address is 27 Cherry Walk, Coxheath, ME17 4QT. My mobile is 07700 900 168.")
    result = _scan(scanner, body, [{"address": "ngozi.a@gmail.com", "name": "Ngozi Achebe"}])
    assert result.action == "allow", result.findings


def test_another_parents_details_forwarded_still_warn(scanner: Scanner) -> None:
    body = ("Dear Mrs Achebe,\nForwarding as discussed.\n"
            "> On 12 Feb, Grace Milne wrote:\n"
            "> Our new address is 27 Cherry Walk, Coxheath, ME17 4QT. My mobile is 07700 900 168.")
    result = _scan(scanner, body, [{"address": "ngozi.a@gmail.com", "name": "Ngozi Achebe"}])
    assert result.action == "warn"
    assert "personal-data-external" in {f.rule for f in result.findings}


def test_a_suppliers_own_bank_details_on_its_invoice_query_are_allowed(scanner: Scanner) -> None:
    body = ("Hello,\nBefore we pay invoice 2231, please confirm your bank details are still "
            "sort code 30-94-17, account 40518823.\nFinance team")
    result = _scan(scanner, body, [{"address": "accounts@weald-minibus.co.uk", "name": "Accounts"}])
    assert result.action == "allow", result.findings


def test_a_childs_friends_address_given_to_a_parent_still_warns(scanner: Scanner) -> None:
    body = ("Dear Mr Osei,\nYour son's friend's address is 9 Bramble Rise, Barming, ME16 9HX, "
            "and his mum's mobile is 07700 900 245.\nKind regards")
    result = _scan(scanner, body, [{"address": "kwame.osei@hotmail.co.uk", "name": "Kwame Osei"}])
    assert result.action == "warn"


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Hi Kwame,\nWe have your mobile as 07700 900 245.\nThanks", set()),
        ("Hi Kwame,\nWe have his mobile as 07700 900 245.\nThanks", {"07700 900 245"}),
        ("Hi Kwame,\nPlease add to your address book: 07700 900 245.\nThanks", {"07700 900 245"}),
        ("Hi Kwame,\n> My mobile is 07700 900 245.\nSee the other parent's note.", {"07700 900 245"}),
    ],
)
def test_only_a_participants_possessive_right_before_the_detail_counts(
    detector: PresidioDetector, text: str, kept: set[str]
) -> None:
    from service.schemas.scan import Body, Message, Recipient

    message = Message(subject="", body=Body(content=text), sender=Recipient(address="office@oakfield.sch.uk"),
                      to=[Recipient(address="kwame.osei@hotmail.co.uk", name="Kwame Osei")])
    participants = participants_of(message)
    found = third_party(text, detector.analyze(text, ner_chars=len(text)), participants)
    left = without_own_details(text, found, participants)
    assert {e.text for e in left if e.type is EntityType.PHONE_NUMBER} == kept


# --- one person named twice is not two people ---------------------------------

def test_a_childs_report_naming_her_brother_is_two_people_not_a_list(scanner: Scanner) -> None:
    report = "Annual report\nName: Ruby Clarke\nRuby enjoys reading with her brother Theo at lunchtime."
    result = _scan(scanner, "Dear Mrs Clarke,\n\nRuby's report is attached.\n\nTom Jones",
                   [{"address": "jen.clarke@gmail.com", "name": "Jen Clarke"}], subject="Annual report",
                   attachments=[_text_attachment("report_Ruby_Clarke.txt", report)])
    assert result.action == "allow", result.findings


def test_an_attachment_naming_three_children_is_still_a_list(scanner: Scanner) -> None:
    report = "Reading group\nRuby Clarke, Theo Marsh and Amina Yusuf read together at lunchtime."
    result = _scan(scanner, "Dear Mrs Clarke,\n\nThe reading group notes are attached.\n\nTom Jones",
                   [{"address": "jen.clarke@gmail.com", "name": "Jen Clarke"}], subject="Reading group",
                   attachments=[_text_attachment("reading_group.txt", report)])
    assert result.action == "block"
    assert "unprotected-attachment-external" in {f.rule for f in result.findings}


# --- training arrangements name topics, not people -----------------------------

TRAINER = [{"address": "bookings@trainwell.co.uk"}]


def test_training_topics_to_an_outside_trainer_are_allowed(scanner: Scanner) -> None:
    body = ("Hi Ros,\nConfirming 4 January, 1-3pm, about 60 staff. Topics as agreed: Prevent, FGM "
            "mandatory reporting, county lines and online safety.\nThanks, Kate")
    result = _scan(scanner, body, TRAINER, subject="Safeguarding training 4 Jan")
    assert result.action == "allow", result.findings


def test_a_named_pupils_fact_in_training_arrangements_still_blocks(scanner: Scanner) -> None:
    body = ("Hi Ros,\nTopics as agreed: Prevent and FGM. Also, Amira Khan in Year 9 has been referred "
            "to Channel, so please don't use her case.\nThanks, Kate")
    result = _scan(scanner, body, TRAINER, subject="Safeguarding training 4 Jan")
    assert result.action == "block"
    assert "special-category-external" in {f.rule for f in result.findings}


def test_topics_under_a_greeting_to_the_trainer_name_no_one(scanner: Scanner) -> None:
    # The trainer greeted on the line above is a participant, not the person the topics are about.
    body = "Dear Dr Rao,\nTopics to cover: type 1 diabetes, epilepsy and anaphylaxis, with the auto-injector demo.\nKind regards"
    result = _scan(scanner, body, TRAINER, subject="Staff training on 9 March")
    assert result.action == "allow", result.findings


def test_a_pupil_named_beside_a_training_topic_still_blocks(scanner: Scanner) -> None:
    body = ("Dear Dr Rao,\nTopics to cover: epilepsy. Jack Brown in 5R has epilepsy and had a seizure "
            "last week, so staff are anxious.\nKind regards")
    result = _scan(scanner, body, TRAINER, subject="Staff training on 9 March")
    assert result.action == "block"


def test_calling_the_parent_back_on_their_own_number_is_allowed(scanner: Scanner) -> None:
    body = "Dear Mrs Achebe,\nWe tried to call you on 07700 900 168 this morning; please ring the office.\nKind regards"
    result = _scan(scanner, body, [{"address": "ngozi.a@gmail.com", "name": "Ngozi Achebe"}])
    assert result.action == "allow", result.findings


def test_calling_another_parent_on_their_number_still_warns(scanner: Scanner) -> None:
    body = "Dear Mrs Achebe,\nYou can call Amira's mum on 07700 900 168 to arrange the lift.\nKind regards"
    result = _scan(scanner, body, [{"address": "ngozi.a@gmail.com", "name": "Ngozi Achebe"}])
    assert result.action == "warn"


# --- session 9: the reader's own identifiers, and an invoice's own bank details -------

def test_a_staff_members_own_ni_number_sent_to_her_is_allowed(scanner: Scanner) -> None:
    body = ("Dear Amina,\nThis confirms your employment as a cover supervisor from 1 March.\n"
            "Your NI number on our records is QQ 12 34 56 C; please tell us if it is wrong.\nHR")
    result = _scan(scanner, body, [{"address": "amina.d@gmail.com", "name": "Amina Diallo"}])
    assert result.action == "allow", result.findings


def test_a_childs_nhs_number_told_to_the_parent_is_still_the_childs(scanner: Scanner) -> None:
    body = ("Dear Mrs Diallo,\nYour son's NHS number on the referral is 943 476 5919.\nSchool Nurse")
    result = _scan(scanner, body, [{"address": "amina.d@gmail.com", "name": "Amina Diallo"}])
    assert "personal-data-external" in {f.rule for f in result.findings}


def test_a_company_invoice_with_its_own_bank_details_is_allowed(scanner: Scanner) -> None:
    invoice = ("Weald Minibus Hire Ltd\nUnit 2, Mill Lane, Tonbridge TN9 1PP\nInvoice 5521\n"
               "Year 6 residential transport: £1,240.00\nPay to sort code 30-94-17 account 40518823\n")
    result = _scan(scanner, "Invoice attached for the audit sample.",
                   [{"address": "audit@kb-accountants.co.uk", "name": "Audit"}],
                   attachments=[_text_attachment("INV-5521.txt", invoice)])
    assert result.action == "allow", result.findings


def test_a_parents_bank_details_in_a_refund_list_still_count(scanner: Scanner) -> None:
    refunds = ("Oakfield Primary School\nTrip refunds\n"
               "Pay to: Mrs Joy Okafor, sort code 20-45-77 account 13572468\n")
    result = _scan(scanner, "Refund list attached.",
                   [{"address": "audit@kb-accountants.co.uk", "name": "Audit"}],
                   attachments=[_text_attachment("refunds.txt", refunds)])
    assert result.action != "allow"


# --- session 10: an account named by what the reader did with it ----------------------

def test_a_refund_to_the_account_the_parent_paid_from_is_allowed(scanner: Scanner) -> None:
    body = ("Dear Mrs Ferrante,\nWe'll refund the £90 to the account you paid from: sort code 30-92-16, "
            "account 42087351. Please tell me if that account is closed.\nFinance Office")
    result = _scan(scanner, body, [{"address": "l.ferrante@libero.it", "name": "Lucia Ferrante"}])
    assert result.action == "allow", result.findings


def test_a_refund_to_the_account_another_parent_paid_from_still_warns(scanner: Scanner) -> None:
    body = ("Dear Mrs Ferrante,\nWe'll refund Mr Okafor's £90 to the account he paid from: sort code 30-92-16, "
            "account 42087351.\nFinance Office")
    result = _scan(scanner, body, [{"address": "l.ferrante@libero.it", "name": "Lucia Ferrante"}])
    assert result.action != "allow"


_OWN_LETTER = ("Oakfield Learning Trust, Trust Office, Church Lane, Maidstone\nPrivate and confidential\n"
               "Ms Carys Hughes\n14 Hazel Grove\nAylesford\nME20 7RT\nConfirmation of maternity leave\nDear Carys,\n"
               "Thank you for your MATB1 showing your expected week of childbirth as the week beginning 9 March. "
               "Your maternity leave will start on 16 February.\nNia Roberts\nHR Business Partner\n")


def test_a_letter_to_the_reader_about_her_own_health_is_allowed(scanner: Scanner) -> None:
    result = _scan(scanner, "Carys, a copy of your letter is attached.",
                   [{"address": "carys.hughes@gmail.com", "name": "Carys Hughes"}],
                   attachments=[_text_attachment("maternity_letter.txt", _OWN_LETTER)])
    assert "special-category-external" not in {f.rule for f in result.findings}, result.findings


def test_the_same_letter_to_a_payroll_bureau_still_blocks(scanner: Scanner) -> None:
    result = _scan(scanner, "Letter attached for the payroll change.",
                   [{"address": "payroll@bureau-services.co.uk", "name": "Payroll"}],
                   attachments=[_text_attachment("maternity_letter.txt", _OWN_LETTER)])
    assert "special-category-external" in {f.rule for f in result.findings}, result.findings


# --- session 11: a firm's own bank details; a case of something in a class ---------------

_FIRM_CHECK = ("Hello, we have had a letter giving new bank details for Castleford Glazing (sort code 20-45-77, "
               "account 61538820). Before we change anything, please confirm by phone that it came from you.\n"
               "Sam Reid, Finance")


def test_a_firms_own_bank_details_checked_with_the_firm_are_allowed(scanner: Scanner) -> None:
    result = _scan(scanner, _FIRM_CHECK, [{"address": "accounts@castleford-glazing.co.uk", "name": "Accounts"}])
    assert result.action == "allow", result.findings


def test_the_same_firms_details_sent_to_someone_else_still_warn(scanner: Scanner) -> None:
    result = _scan(scanner, _FIRM_CHECK, [{"address": "help@payments-checker.co.uk", "name": "Help desk"}])
    assert result.action != "allow"


def test_a_persons_bank_details_named_for_them_are_not_a_firms(scanner: Scanner) -> None:
    body = ("Hello, please pay the refund for Jodie Castleford (sort code 20-45-77, account 61538820).\nSam Reid")
    result = _scan(scanner, body, [{"address": "accounts@castleford-glazing.co.uk", "name": "Accounts"}])
    assert result.action != "allow"


def test_a_case_of_head_lice_in_a_class_is_about_no_one(scanner: Scanner) -> None:
    body = ("Dear parents,\nWe have had a case of head lice in Year 3. Please check your child's hair "
            "this weekend and treat if needed.\nThank you, Office")
    to = [{"address": "a.parent@gmail.com", "name": "A Parent"}, {"address": "b.parent@gmail.com", "name": "B Parent"}]
    result = _scan(scanner, body, to)
    assert "special-category-external" not in {f.rule for f in result.findings}, result.findings
    named = _scan(scanner, body.replace("a case of head lice in Year 3", "Tomasz has head lice again"), to)
    assert "special-category-external" in {f.rule for f in named.findings}, named.findings


def test_the_subject_is_the_context_of_numbers_in_the_body(scanner: Scanner) -> None:
    # Nine digits after a name say nothing alone; under "Subject: ... passports" they are passport numbers.
    body = "Here are the two we have so far:\nMaisie Fordham - 925417368\nTariq Aziz - 318624097\nThe rest by Friday."
    to = [{"address": "bookings@alpine-tours.co.uk", "name": "Bookings"}]
    under = _scan(scanner, body, to, subject="Ski trip - passports")
    assert "personal-data-external" in {f.rule for f in under.findings}, under.findings
    entities = {e for f in under.findings for e in (f.entities or {})}
    assert "UK_PASSPORT" in entities, under.findings
    plain = _scan(scanner, body, to, subject="Ski trip - room numbers")
    assert "UK_PASSPORT" not in {e for f in plain.findings for e in (f.entities or {})}, plain.findings


# --- session 11: kinds the spent sealed6 showed -------------------------------------------

def test_a_safeguarding_subject_over_named_children_blocks_outside(scanner: Scanner) -> None:
    body = "Thank you. Both children are ours: Lily Shaw (Year 2) and Ben Shaw (Year 5). We will watch them closely today."
    result = _scan(scanner, body, [{"address": "mash@kent.police.uk", "name": "MASH"}],
                   subject="RE: Operation Encompass notification 06:55")
    assert result.action == "block", result.findings
    # The subject names no one, so it is not personal data in the subject line.
    assert "subject-personal-data" not in {f.rule for f in result.findings}


def test_a_welcome_to_a_young_carers_group_with_families_visible_blocks(scanner: Scanner) -> None:
    body = ("Dear families,\n\nWelcome to our young carers' group, which meets on Tuesdays at lunchtime. "
            "It's a break for students who look after someone at home.\n\nMr Holt")
    to = [{"address": f"family{i}@gmail.com", "name": f"Family {i}"} for i in range(3)]
    result = _scan(scanner, body, to, subject="Welcome to the Tuesday group")
    assert result.action == "block", result.findings
    assert "external-recipients-visible" in {f.rule for f in result.findings}

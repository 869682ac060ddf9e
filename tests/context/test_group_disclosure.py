"""A message that says something special-category about its readers as a group."""

import pytest

from service.context.group_disclosure import discloses_about_recipients


@pytest.mark.parametrize(
    "text",
    [
        "Dear parents, you are warmly invited to our new support group for parents of autistic children.",
        "Dear parents, as your child has an EHCP, you are invited to the review evening.",
        "To families on free school meals: your holiday vouchers are attached.",
        "Hi both, as your son is now on the child protection plan we need to meet.",
        "Dear parents of pupils with diabetes, please bring a spare insulin pen.",
        "Our SENCo runs a coffee morning for parents of children with ADHD every Friday.",
        # The group named by the term itself, greeted or invited as such.
        "Dear Jewish families, we would like to invite you to a Hanukkah lunch.",
        "We would like to invite our Muslim parents to an iftar evening.",
        "We invite our autistic pupils' families to a workshop on Tuesday.",
        "To our families with children on the SEN register: coffee morning on Friday.",
    ],
)
def test_group_disclosed(text: str) -> None:
    assert discloses_about_recipients(text)


@pytest.mark.parametrize(
    "text",
    [
        # Said to whoever it may concern, or about no one.
        "Dear parents, if your child has an allergy please tell the office.",
        "Dear parents, should your child need medication on the trip, please fill in the form.",
        "Dear parents, please find this week's newsletter attached.",
        "This week is Autism Awareness Week. Dear parents, join us for a cake sale.",
        # Said of some families, or a festival greeting to all: not the readers named by it.
        "Our Jewish families celebrated Hanukkah in assembly last week.",
        "Happy Diwali to all our Hindu families!",
        "Our RE topic is Sikhism and families are welcome to the assembly.",
        "Dear all, our SEN policy has been updated; you can read it on the website.",
        "Dear parents, we are running a workshop on supporting children's mental health. All welcome.",
        "Dear parents, parents of children with SEN can contact the SENCo at any time.",
        "",
    ],
)
def test_no_group_disclosed(text: str) -> None:
    assert not discloses_about_recipients(text)

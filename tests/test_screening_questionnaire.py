"""The bundled questionnaire: strict format, and coverage of the seeds and red flags."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from selfmassage.errors import InvalidFile
from selfmassage.routines.catalog import load_catalog
from selfmassage.screening.questions import Question, load_questionnaire, parse_questionnaire

# Every contraindication the seed articles name (clinical.md §1), copied into the tests
# with its seed and the seed's own words so that a clone with nothing beside it can run.
SEED_FILE = Path(__file__).resolve().parent / "data" / "seed_contraindications.toml"
SEED_DATA = tomllib.loads(SEED_FILE.read_text(encoding="utf-8"))
SEED_CONTRAINDICATIONS: list[dict[str, str]] = SEED_DATA["contraindications"]
# Words that find each one's question.
SEED_TERMS = {
    "oncology": "cancer",
    "cancer": "cancer",
    "decompensation of the kidney and the liver": "kidneys or your liver",
    "heart disease": "heart disease",
    "blood clotting problems": "clotting",
    "significant increase of pressure": "blood pressure very high",
    "infectious disease": "catching illness",
    "dermatitis": "dermatitis",
    "of the disease with the constant temperature increase": "raised temperature",
    "skin pathologies: rashes, folliculitis": "rash",
    "acute inflammation": "acutely inflamed",
    "wounds on the skin": "wound",
    "mental disorders": "mental disorder",
    "hypertension and heart disease": "heart disease",
}
# clinical.md §2: every red flag for the lower back and the neck, and its question.
RED_FLAGS = {
    "lower-back": {
        "numbness around genitals, back passage, buttocks, inner thighs": "back-saddle-numbness",
        "new trouble passing urine or loss of bladder/bowel control": "bladder-bowel",
        "pain, numbness or weakness in both legs, worsening leg weakness": "back-both-legs",
        "new loss of sexual function": "back-sexual-function",
        "pain after a serious fall, or a minor one with osteoporosis": "back-fall",
        "fever or chills": "back-fever-chills",
        "weight loss without trying": "weight-loss",
        "a lump or a change in the shape of the back": "back-lump",
        "pain at rest or worse at night": "night-pain",
        "pain mainly between the shoulder blades": "back-between-shoulder-blades",
        "a history of cancer": "cancer-immune-history",
        "a weakened immune system": "cancer-immune-history",
        "new back pain under 20 or over 50": "back-age",
        "unsteady walking": "unsteady-clumsy",
        "band-like pain around the body": "back-band-pain",
    },
    "neck-shoulders": {
        "fever with stiff neck, headache, vomiting, light": "neck-fever-stiff",
        "slurred speech, trouble swallowing, one side numb": "neck-stroke-signs",
        "sudden severe headache or neck pain unlike any before": "neck-sudden-headache",
        "dizziness, fainting, falls, double vision moving the head": "neck-dizziness",
        "new clumsy hands or unsteady walking": "unsteady-clumsy",
        "electric shock down the spine bending the head": "neck-electric-shock",
        "new or worsening numbness, tingling or weakness in limbs": "neck-limb-numbness",
        "change in bladder or bowel control": "bladder-bowel",
        "start after an accident or whiplash": "neck-accident",
        "weight loss, night sweats": "weight-loss",
        "constant pain that worsens or wakes at night": "night-pain",
        "cancer, TB, HIV, immune suppression, inflammatory arthritis": "cancer-immune-history",
        "sudden stiffness with trouble raising both arms": "neck-morning-stiffness",
        "new symptoms under 20 or over 55": "neck-age",
    },
}


@pytest.fixture(scope="module")
def questions() -> dict[str, Question]:
    return {q.id: q for q in load_questionnaire()}


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "questions.toml"
    path.write_text(text, encoding="utf-8")
    return path


def parse(path: Path) -> tuple[Question, ...]:
    return parse_questionnaire(path.read_text(encoding="utf-8"), path)


def test_the_bundled_questionnaire_ships_inside_the_package() -> None:
    import selfmassage

    bundled = Path(selfmassage.__file__).parent / "data" / "questions.toml"
    assert bundled.is_file()
    assert len(load_questionnaire(bundled)) == len(load_questionnaire())


def test_every_tier_is_used(questions: dict[str, Question]) -> None:
    assert {q.tier for q in questions.values()} == {"urgent", "stop", "local", "caution"}


def test_every_question_is_a_question_with_a_reason(questions: dict[str, Question]) -> None:
    for q in questions.values():
        assert q.text.endswith("?"), q.id
        assert q.why.endswith("."), q.id
        assert q.why.count(". ") == 0, f"{q.id}: 'why' is one sentence"


def test_every_urgent_question_says_how_soon(questions: dict[str, Question]) -> None:
    for q in questions.values():
        if q.tier == "urgent":
            assert q.advice.startswith(("Get medical help now", "See a doctor soon")), q.id


def test_excludes_name_bundled_routines(questions: dict[str, Question]) -> None:
    ids = set(load_catalog().ids())
    for q in questions.values():
        assert set(q.excludes) <= ids, q.id


def test_pregnancy_is_caution_and_excludes_every_routine_on_the_lower_back(
    questions: dict[str, Question],
) -> None:
    assert questions["pregnancy"].tier == "caution"
    assert questions["pregnancy"].excludes_areas == ("lower-back",)
    assert questions["pregnancy"].excludes == ()  # by the area, not by a routine's id


def test_local_questions_cover_every_area_a_bundled_routine_touches(
    questions: dict[str, Question],
) -> None:
    touched = set().union(*(r.areas for r in load_catalog().routines.values()))
    for area in touched:
        local = [q for q in questions.values() if q.tier == "local" and area in q.areas]
        assert len(local) >= 2, f"{area}: a skin question and a lump/injury question"


def test_temporary_questions_are_the_day_to_day_conditions(
    questions: dict[str, Question],
) -> None:
    for qid in ("fever", "infection", "alcohol-drugs", "stomach-upset", "painkillers-today"):
        assert questions[qid].temporary, qid
    assert not questions["cancer"].temporary


def test_the_seed_collar_zone_list_is_copied_whole_and_in_order() -> None:
    numbered = [c for c in SEED_CONTRAINDICATIONS if re.match(r"\d+\. ", c["quote"])]
    assert {c["seed"] for c in numbered} == {"002_9168352139faaa8b.txt"}
    assert [int(c["quote"].split(".", 1)[0]) for c in numbered] == list(range(1, 9))
    for c in numbered:
        assert c["name"] == c["quote"].split(". ", 1)[1].strip().rstrip(";.").lower()


def test_every_seed_contraindication_has_words_that_find_its_question() -> None:
    assert sorted(SEED_TERMS) == sorted(c["name"] for c in SEED_CONTRAINDICATIONS)


@pytest.mark.parametrize("term", sorted(SEED_TERMS))
def test_every_seed_contraindication_has_a_question_that_stops_or_excludes(
    term: str, questions: dict[str, Question]
) -> None:
    words = SEED_TERMS[term]
    hits = [q for q in questions.values() if words in q.text.lower()]
    assert hits, f"no question mentions {words!r} for {term!r}"
    assert any(q.tier in ("stop", "local") for q in hits), term


@pytest.mark.parametrize(
    ("area", "flag"), [(area, flag) for area, flags in RED_FLAGS.items() for flag in flags]
)
def test_every_red_flag_has_an_urgent_question_asked_for_its_area(
    area: str, flag: str, questions: dict[str, Question]
) -> None:
    question = questions[RED_FLAGS[area][flag]]
    assert question.tier == "urgent"
    assert area in question.areas or question.general  # general: asked for every routine


def test_chest_pain_is_a_red_flag_asked_for_every_routine(questions: dict[str, Question]) -> None:
    assert questions["chest-pain"].tier == "urgent"
    assert questions["chest-pain"].areas == ()


def test_a_valid_question_file_loads(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[[questions]]\nid = "rash"\ntext = "Rash?"\nwhy = "Skin."\ntier = "local"\n'
        'areas = ["hands"]\ntemporary = false\n',
    )
    (question,) = parse(path)
    assert question.areas == ("hands",)
    assert question.advice == (
        "Leave that area alone until it has healed or a doctor has checked it."
    )


def test_every_problem_in_a_question_file_is_reported_at_once_with_lines(
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path,
        "[[questions]]\n"
        'id = "rash"\n'
        'text = "Rash?"\n'
        'why = "Skin."\n'
        'tier = "locale"\n'
        "temporary = false\n"
        'colour = "red"\n'
        "[[questions]]\n"
        'id = "rash"\n'
        'text = "Lump?"\n'
        'why = "Lumps."\n'
        'tier = "local"\n'
        'areas = ["neck"]\n'
        'temporary = "no"\n'
        "[[questions]]\n"
        'id = "flag"\n'
        'text = "Flag?"\n'
        'why = "Flags."\n'
        'tier = "urgent"\n'
        "temporary = false\n",
    )
    with pytest.raises(InvalidFile) as caught:
        parse(path)
    assert caught.value.problems == [
        f"{path}:7: question 1: unknown key 'colour'",
        f"{path}:5: question 1: 'tier' must be one of urgent, stop, local, caution; "
        "got 'locale' (did you mean 'local'?)",
        f"{path}:9: question 2: duplicate id 'rash'",
        f"{path}:14: question 2: 'temporary' must be true or false, got a string",
        f"{path}:13: question 2: unknown area 'neck'; "
        "areas are neck-shoulders, upper-back, lower-back, head-face, hands",
        f"{path}:15: question 3: missing required key 'advice'",
    ]


def test_a_local_question_needs_areas(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[[questions]]\nid = "rash"\ntext = "Rash?"\nwhy = "Skin."\ntier = "local"\n'
        "temporary = false\n",
    )
    with pytest.raises(InvalidFile) as caught:
        parse(path)
    assert caught.value.problems == [f"{path}:1: question 1: a 'local' question needs 'areas'"]


def test_a_question_file_that_is_not_toml_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, '[[questions]]\nid = "a"\ntext = \n')
    with pytest.raises(InvalidFile) as caught:
        parse(path)
    assert caught.value.problems[0].startswith(f"{path}:3: not valid TOML: ")

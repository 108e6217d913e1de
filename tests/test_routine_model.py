"""The routine model: durations, areas, percussion, plain data, and the catalogue."""

from __future__ import annotations

from pathlib import Path

import pytest

from routine_text import VALID, routine_text
from selfmassage.context import Context
from selfmassage.errors import RoutineNotFound, SelfMassageError
from selfmassage.routines.catalog import load_catalog, parse_routine
from selfmassage.routines.model import Course, Routine, Step


def step(technique: str = "stroking", area: str = "neck-shoulders", seconds: int = 60) -> Step:
    return Step(technique=technique, area=area, seconds=seconds, instruction="Do it.")


def routine(*steps: Step) -> Routine:
    return Routine(
        id="r",
        title="R",
        description="D",
        area="a",
        position="sitting",
        indications=("i",),
        course=Course(sessions=10, frequency="daily", break_days=10),
        steps=steps,
    )


# -- percussion, areas, totals --------------------------------------------------------


def test_without_percussion_drops_tapping_and_vibration_steps() -> None:
    original = routine(step(), step("tapping"), step("kneading"), step("vibration"), step())
    kept = original.without_percussion()
    assert [s.technique for s in kept.steps] == ["stroking", "kneading", "stroking"]
    assert not kept.has_percussion


def test_has_percussion() -> None:
    assert routine(step(), step("tapping")).has_percussion
    assert routine(step(), step("vibration")).has_percussion
    assert not routine(step(), step("kneading")).has_percussion


def test_without_percussion_refuses_a_routine_of_percussion_only() -> None:
    with pytest.raises(SelfMassageError) as caught:
        routine(step("tapping")).without_percussion()
    assert str(caught.value) == (
        "routine 'r' has only percussion steps, so it cannot be done with light pressure only"
    )


def test_areas_are_the_body_areas_touched() -> None:
    r = routine(step(area="neck-shoulders"), step(area="hands"), step(area="neck-shoulders"))
    assert r.areas == frozenset({"neck-shoulders", "hands"})


def test_areas_are_the_union_of_every_area_each_step_names() -> None:
    occiput = Step(
        technique="rubbing",
        area="neck-shoulders",
        more_areas=("head-face",),
        seconds=60,
        instruction="Circle.",
    )
    r = routine(step(area="lower-back"), occiput)
    assert r.areas == frozenset({"lower-back", "neck-shoulders", "head-face"})


def test_whole_body_steps_touch_no_area() -> None:
    r = routine(step("breathing", area="whole-body"), step(area="lower-back"))
    assert r.areas == frozenset({"lower-back"})


def test_total_seconds_and_minutes() -> None:
    r = routine(step(seconds=90), step(seconds=45))
    assert r.total_seconds == 135
    assert r.minutes == 2.25


def test_step_label_is_its_name_or_the_technique() -> None:
    assert step("kneading").label == "Kneading"
    assert Step("kneading", "hands", 5, "x", name="Palm circles").label == "Palm circles"


def test_course_description() -> None:
    assert Course(10, "every-other-day", 10).describe() == (
        "10 sessions, every other day; then a 10-day break before repeating"
    )
    assert Course(8, "weekly", 0).describe() == "8 sessions, weekly"


# -- plain data -------------------------------------------------------------------------


def test_step_to_dict_leaves_out_absent_optional_fields() -> None:
    assert step().to_dict() == {
        "technique": "stroking",
        "area": "neck-shoulders",
        "side": "both",
        "seconds": 60,
        "instruction": "Do it.",
    }


def test_step_to_dict_carries_optional_fields() -> None:
    full = Step(
        technique="kneading",
        area="hands",
        seconds=45,
        instruction="Knead.",
        side="left",
        name="Palm",
        tempo=20,
        cue="Warm.",
        caution="Gently.",
        light="Knead lightly.",
        optional=True,
        min_seconds=30,
    )
    assert full.to_dict() == {
        "technique": "kneading",
        "area": "hands",
        "side": "left",
        "seconds": 45,
        "instruction": "Knead.",
        "optional": True,
        "min_seconds": 30,
        "name": "Palm",
        "tempo": 20,
        "cue": "Warm.",
        "caution": "Gently.",
        "light": "Knead lightly.",
    }


def test_a_step_on_several_areas_writes_them_as_a_list() -> None:
    both = Step(
        technique="rubbing",
        area="neck-shoulders",
        more_areas=("head-face",),
        seconds=60,
        instruction="Circle.",
    )
    assert both.areas == ("neck-shoulders", "head-face")
    assert both.to_dict()["area"] == ["neck-shoulders", "head-face"]


def test_to_toml_data_round_trips_through_the_loader() -> None:
    import tomli_w

    original = parse_routine(VALID, Path("r.toml"))
    again = parse_routine(tomli_w.dumps(original.to_toml_data()), Path("r.toml"))
    assert again == original


# -- catalogue ----------------------------------------------------------------------------


def test_catalog_holds_the_bundled_routines(user_routines: Path) -> None:
    catalog = load_catalog(user_dir=user_routines)
    assert catalog.ids() == ["collar", "lumbar", "relaxation"]
    assert {r.source for r in catalog.routines.values()} == {"bundled"}
    assert catalog.warnings == ()


def test_a_user_routine_is_listed_beside_the_bundled(user_routines: Path) -> None:
    (user_routines / "mine.toml").write_text(routine_text("mine"))
    catalog = load_catalog(user_dir=user_routines)
    assert catalog.ids() == ["collar", "lumbar", "mine", "relaxation"]
    assert catalog.routines["mine"].source == "user"
    assert catalog.routines["mine"].path == user_routines / "mine.toml"


def test_a_user_routine_replaces_the_bundled_one_with_its_id(user_routines: Path) -> None:
    (user_routines / "my-collar.toml").write_text(routine_text("collar", "My collar"))
    collar = load_catalog(user_dir=user_routines).routines["collar"]
    assert (collar.title, collar.source) == ("My collar", "user")


def test_a_broken_user_file_becomes_a_warning(user_routines: Path) -> None:
    (user_routines / "good.toml").write_text(routine_text("good"))
    broken = user_routines / "broken.toml"
    broken.write_text("id = \n")
    catalog = load_catalog(user_dir=user_routines)
    assert "good" in catalog.ids()
    assert catalog.warnings == (
        f"skipped {broken}: 1 problem; first: "
        f"{broken}:1: not valid TOML: Invalid value (at line 1, column 6)",
    )


def test_a_second_user_file_with_the_same_id_is_skipped(user_routines: Path) -> None:
    (user_routines / "a.toml").write_text(routine_text("twin", "First"))
    (user_routines / "b.toml").write_text(routine_text("twin", "Second"))
    catalog = load_catalog(user_dir=user_routines)
    assert catalog.routines["twin"].title == "First"
    assert catalog.warnings == (
        f"skipped {user_routines / 'b.toml'}: id 'twin' is already used by "
        f"{user_routines / 'a.toml'}",
    )


def test_only_toml_files_are_read(user_routines: Path) -> None:
    (user_routines / "notes.txt").write_text("not a routine")
    assert load_catalog(user_dir=user_routines).warnings == ()


def test_find_suggests_the_closest_id() -> None:
    with pytest.raises(RoutineNotFound) as caught:
        load_catalog().find("colar")
    assert caught.value.message == "no routine 'colar' — did you mean 'collar'?"
    assert caught.value.hint == "available routines: collar, lumbar, relaxation"


def test_find_without_a_close_match_lists_the_ids() -> None:
    with pytest.raises(RoutineNotFound) as caught:
        load_catalog().find("xyz")
    assert caught.value.message == "no routine 'xyz'"
    assert caught.value.hint == "available routines: collar, lumbar, relaxation"


def test_a_routine_name_that_is_a_file_path_reads_that_file(tmp_path: Path, ctx: Context) -> None:
    path = tmp_path / "somewhere.toml"
    path.write_text(routine_text("elsewhere"))
    found = ctx.routine(str(path))
    assert (found.id, found.source, found.path) == ("elsewhere", "file", path)


def test_a_routine_name_that_is_an_id_comes_from_the_catalog(ctx: Context) -> None:
    assert ctx.routine("lumbar").id == "lumbar"


@pytest.mark.parametrize(
    ("area", "side", "place"),
    [
        ("neck-shoulders", "left", "neck and shoulders, left side"),
        ("lower-back", "both", "lower back"),
        ("hands", "right", "right hand"),
        ("hands", "both", "both hands"),
        ("whole-body", "both", "whole body"),
    ],
)
def test_a_steps_place_names_the_area_with_its_side(area: str, side: str, place: str) -> None:
    step = Step(technique="kneading", area=area, side=side, seconds=10, instruction="Knead.")
    assert step.place == place

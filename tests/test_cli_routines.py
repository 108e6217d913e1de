"""`selfmassage routines`, `routines list`, `routines validate` and `show`, as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from routine_text import VALID, routine_text
from selfmassage.cli.app import app

runner = CliRunner()


def run(*args: str) -> Result:
    return runner.invoke(app, list(args))


def table_rows(output: str) -> list[list[str]]:
    """The cells of each row of a Rich table, with wrapped cell text joined up again."""
    rows: list[list[str]] = []
    for line in output.splitlines():
        if not line.startswith("│"):
            continue
        cells = [c.strip() for c in line.strip("│").split("│")]
        if cells[0] or not rows:
            rows.append(cells)
        else:  # a continuation line of the row above
            rows[-1] = [" ".join(filter(None, pair)) for pair in zip(rows[-1], cells, strict=True)]
    return rows


# -- routines / routines list ---------------------------------------------------------


@pytest.mark.parametrize("command", [["routines"], ["routines", "list"]])
def test_routines_lists_the_bundled_routines_as_a_table(command: list[str]) -> None:
    result = run(*command)
    assert result.exit_code == 0
    header = next(line for line in result.stdout.splitlines() if line.startswith("┃"))
    assert [c.strip() for c in header.strip("┃").split("┃")] == [
        "id",
        "title",
        "area",
        "position",
        "minutes",
        "steps",
        "source",
    ]
    assert table_rows(result.stdout) == [
        ["collar", "Collar zone", "collar zone", "sitting", "11.8", "12", "bundled"],
        ["lumbar", "Lower back", "lower back", "standing", "8.5", "11", "bundled"],
        [
            "relaxation",
            "Relaxation",
            "head, face, shoulders and hands",
            "sitting",
            "9.5",
            "10",
            "bundled",
        ],
    ]
    assert result.stderr == ""


@pytest.mark.parametrize(
    "command",
    [["routines", "--json"], ["routines", "list", "--json"], ["routines", "--json", "list"]],
)
def test_routines_json_lists_every_routine(command: list[str]) -> None:
    result = run(*command)
    assert result.exit_code == 0
    listed = json.loads(result.stdout)
    assert [r["id"] for r in listed] == ["collar", "lumbar", "relaxation"]
    collar = listed[0]
    assert {k: collar[k] for k in ("title", "area", "position", "minutes", "steps", "source")} == {
        "title": "Collar zone",
        "area": "collar zone",
        "position": "sitting",
        "minutes": 11.8,
        "steps": 12,
        "source": "bundled",
    }
    assert Path(collar["path"]).name == "collar.toml"
    assert Path(collar["path"]).is_file()


def test_routines_json_has_the_contract_keys_with_their_types() -> None:
    for entry in json.loads(run("routines", "--json").stdout):
        assert {"id", "title", "area", "position", "minutes", "steps", "source", "path"} <= set(
            entry
        )
        assert isinstance(entry["steps"], int)
        assert isinstance(entry["minutes"], (int, float))


def test_a_user_routine_is_listed_with_source_user(user_routines: Path) -> None:
    (user_routines / "mine.toml").write_text(routine_text("mine", "My routine"))
    listed = {r["id"]: r for r in json.loads(run("routines", "--json").stdout)}
    assert listed["mine"]["source"] == "user"
    assert listed["mine"]["path"] == str(user_routines / "mine.toml")


def test_a_user_routine_with_a_bundled_id_replaces_it(user_routines: Path) -> None:
    (user_routines / "collar.toml").write_text(routine_text("collar", "My own collar"))
    rows = {row[0]: row for row in table_rows(run("routines").stdout)}
    assert rows["collar"][1] == "My own collar"
    assert rows["collar"][-1] == "user"
    assert len(rows) == 3


def test_show_a_replaced_routine_shows_the_users_version(user_routines: Path) -> None:
    (user_routines / "collar.toml").write_text(routine_text("collar", "My own collar"))
    shown = json.loads(run("show", "collar", "--json").stdout)
    assert (shown["title"], shown["source"]) == ("My own collar", "user")


def test_a_broken_user_file_does_not_hide_the_good_ones(user_routines: Path) -> None:
    (user_routines / "good.toml").write_text(routine_text("good", "Good one"))
    broken = user_routines / "broken.toml"
    broken.write_text(VALID.replace("seconds = 60", "seconds = 0"))
    result = run("routines")
    assert result.exit_code == 0
    assert [row[0] for row in table_rows(result.stdout)] == [
        "collar",
        "good",
        "lumbar",
        "relaxation",
    ]
    assert result.stderr == (
        f"selfmassage: warning: skipped {broken}: 1 problem; first: "
        f"{broken}:16: step 1: 'seconds' must be a whole number from 1 to 3600, got 0\n"
    )


def test_show_also_warns_about_a_broken_user_file(user_routines: Path) -> None:
    (user_routines / "broken.toml").write_text("id = \n")
    result = run("show", "collar")
    assert result.exit_code == 0
    assert result.stderr.startswith(f"selfmassage: warning: skipped {user_routines}/broken.toml")


# -- show -------------------------------------------------------------------------------


def test_show_prints_description_course_and_every_step() -> None:
    result = run("show", "collar")
    assert result.exit_code == 0
    out = " ".join(result.stdout.split())
    assert "Collar zone (collar, bundled)" in out
    assert "Position sitting" in out
    assert "Course 10 sessions, daily; then a 10-day break before repeating" in out
    assert "• tension headaches that start in the neck" in out
    for number in range(1, 13):
        assert f"│ {number:>2} │" in result.stdout
    assert "Opening stroking" in out
    assert "Gentle head tilts" in out


def test_show_lists_steps_with_technique_area_side_and_time() -> None:
    lines = run("show", "lumbar").stdout.splitlines()
    first_step = next(line for line in lines if line.startswith("│  1 │"))
    cells = [c.strip() for c in first_step.strip("│").split("│")]
    assert cells[:5] == ["1", "Opening stroking", "lower back", "both", "1:00"]


@pytest.mark.parametrize("columns", ["60", "80"])
def test_show_fits_the_steps_table_in_the_terminal_width(
    monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    result = run("show", "collar")
    table = result.stdout.split("Steps", 1)[1].strip().splitlines()
    assert all(line[-1] in "┓┃┩│┤┘" for line in table)
    rows = table_rows("\n".join(table))
    assert rows[0][5].startswith("Put both palms flat on the back of your head at the hairline")


def test_show_json_prints_the_whole_routine() -> None:
    result = run("show", "relaxation", "--json")
    assert result.exit_code == 0
    shown = json.loads(result.stdout)
    assert shown["id"] == "relaxation"
    assert shown["course"] == {"sessions": 8, "frequency": "weekly", "break_days": 0}
    assert shown["position"] == "sitting"
    assert len(shown["indications"]) == 3
    assert shown["source"] == "bundled"
    assert len(shown["steps"]) == 10
    assert shown["seconds"] == sum(step["seconds"] for step in shown["steps"])


def test_show_json_steps_carry_required_and_optional_fields() -> None:
    steps = json.loads(run("show", "collar", "--json").stdout)["steps"]
    for step in steps:
        assert {"technique", "area", "side", "seconds", "instruction"} <= set(step)
        assert type(step["seconds"]) is int
    assert steps[1] == {
        "technique": "rubbing",
        "area": ["neck-shoulders", "head-face"],
        "side": "both",
        "seconds": 60,
        "instruction": (
            "Place the fingertips of both hands on the bony ridge at the base of your skull, "
            "a thumb's width in from the ears, and make small firm circles that move the skin "
            "over the bone, working slowly inward toward the middle and back out again."
        ),
        "name": "Circles along the base of the skull",
        "tempo": 60,
        "cue": "A pleasant warmth under the fingertips; comfortable, never sharp.",
        "caution": (
            "Keep off the spots behind the ears (lymph nodes); stop and press p if it hurts."
        ),
        "light": (
            "Place the fingertips of both hands on the bony ridge at the base of your skull, "
            "a thumb's width in from the ears, and make small light circles that barely move "
            "the skin, working slowly inward toward the middle and back out again."
        ),
    }
    assert steps[5]["optional"] is True  # the first linking stroke


def test_show_json_leaves_out_optional_fields_a_step_lacks(tmp_path: Path) -> None:
    path = tmp_path / "plain.toml"
    path.write_text(VALID)
    steps = json.loads(run("show", str(path), "--json").stdout)["steps"]
    assert steps[0] == {
        "technique": "stroking",
        "area": "neck-shoulders",
        "side": "both",
        "seconds": 60,
        "instruction": "Stroke the back of the neck.",
    }


def test_show_a_routine_file_by_path(tmp_path: Path) -> None:
    path = tmp_path / "elsewhere.toml"
    path.write_text(routine_text("elsewhere", "From a file"))
    shown = json.loads(run("show", str(path), "--json").stdout)
    assert (shown["id"], shown["source"], shown["path"]) == ("elsewhere", "file", str(path))


def test_show_an_unknown_routine_suggests_the_closest_and_lists_the_ids() -> None:
    result = run("show", "colar")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "selfmassage: error: no routine 'colar' — did you mean 'collar'?\n"
        "  available routines: collar, lumbar, relaxation\n"
    )


def test_show_an_invalid_routine_file_lists_its_problems(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(VALID.replace("seconds = 60", "seconds = 1.5").replace('"sitting"', '"sit"'))
    result = run("show", str(path))
    assert result.exit_code == 2
    assert result.stderr == (
        f"selfmassage: error: {path}:5: 'position' must be one of sitting, standing, lying; "
        "got 'sit' (did you mean 'sitting'?)\n"
        f"  {path}:16: step 1: 'seconds' must be a whole number from 1 to 3600, got 1.5\n"
    )


def test_show_a_missing_file() -> None:
    result = run("show", "nowhere/at-all.toml")
    assert result.exit_code == 2
    assert result.stderr == "selfmassage: error: nowhere/at-all.toml: no such file\n"


# -- routines validate ------------------------------------------------------------------


def test_validate_valid_files_exits_0(tmp_path: Path) -> None:
    first, second = tmp_path / "a.toml", tmp_path / "b.toml"
    first.write_text(routine_text("a"))
    second.write_text(routine_text("b"))
    result = run("routines", "validate", str(first), str(second))
    assert result.exit_code == 0
    assert result.stdout == f"{first}: ok\n{second}: ok\n"
    assert result.stderr == ""


def test_validate_the_bundled_routines() -> None:
    folder = Path(__file__).resolve().parent.parent / "routines"
    files = sorted(str(p) for p in folder.glob("*.toml"))
    result = run("routines", "validate", *files)
    assert result.exit_code == 0
    assert result.stdout == "".join(f"{f}: ok\n" for f in files)


def test_validate_lists_every_problem_in_every_file_and_exits_2(tmp_path: Path) -> None:
    good, bad, worse = tmp_path / "good.toml", tmp_path / "bad.toml", tmp_path / "worse.toml"
    good.write_text(routine_text("good"))
    bad.write_text(VALID.replace('technique = "stroking"', 'technique = "strokng"'))
    worse.write_text(VALID.replace("seconds = 60", "seconds = -1").replace("title", "titel"))
    result = run("routines", "validate", str(good), str(bad), str(worse))
    assert result.exit_code == 2
    assert result.stdout == f"{good}: ok\n"
    assert result.stderr == (
        f"{bad}:14: step 1: 'technique' must be one of stroking, rubbing, kneading, vibration, "
        "tapping, pressure, breathing, stretching, rest; got 'strokng' (did you mean 'stroking'?)\n"
        f"{worse}:2: unknown key 'titel' (did you mean 'title'?)\n"
        f"{worse}: missing required key 'title'\n"
        f"{worse}:16: step 1: 'seconds' must be a whole number from 1 to 3600, got -1\n"
        "2 of 3 file(s) invalid\n"
    )


def test_validate_reports_a_duplicate_id(tmp_path: Path) -> None:
    first, second = tmp_path / "a.toml", tmp_path / "b.toml"
    first.write_text(routine_text("twin"))
    second.write_text(routine_text("twin"))
    result = run("routines", "validate", str(first), str(second))
    assert result.exit_code == 2
    assert result.stderr == (
        f"{second}:1: duplicate id 'twin' (also in {first})\n1 of 2 file(s) invalid\n"
    )


def test_validate_a_toml_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text('id = "x"\ntitle = "unterminated\n')
    result = run("routines", "validate", str(path))
    assert result.exit_code == 2
    assert result.stderr == (
        f"{path}:2: not valid TOML: Illegal character '\\n' (at line 2, column 22)\n"
        "1 of 1 file(s) invalid\n"
    )


def test_validate_a_missing_file(tmp_path: Path) -> None:
    result = run("routines", "validate", str(tmp_path / "nope.toml"))
    assert result.exit_code == 2
    assert result.stderr == f"{tmp_path / 'nope.toml'}: no such file\n1 of 1 file(s) invalid\n"


def test_validate_needs_at_least_one_file() -> None:
    result = run("routines", "validate")
    assert result.exit_code == 2
    assert "Missing argument 'FILE'" in result.stderr


# -- text from files is shown literally --------------------------------------------------

MARKUP = "[red]Danger[/red] [bold]x[/bold]"
ESCAPE = "\x1b[31mred\x1b[0m"


def hostile_routine() -> str:
    return (
        VALID.replace('title = "Test routine"', f'title = "{MARKUP}"')
        .replace('area = "neck"', 'area = "\\u001b[31mred\\u001b[0m"')
        .replace('"Stroke the back of the neck."', f'"Stroke {MARKUP} then \\u001b[2J."')
    )


@pytest.fixture
def wide(monkeypatch: pytest.MonkeyPatch) -> None:
    """A terminal wide enough that no cell wraps, so text can be found whole."""
    monkeypatch.setenv("COLUMNS", "400")


@pytest.mark.usefixtures("wide")
def test_routines_shows_markup_literally_and_escapes_visibly(user_routines: Path) -> None:
    (user_routines / "hostile.toml").write_text(hostile_routine())
    out = run("routines").stdout
    assert MARKUP in out
    assert "\\x1b[31mred\\x1b[0m" in out
    assert "\x1b" not in out


@pytest.mark.usefixtures("wide")
def test_show_shows_markup_literally_and_escapes_visibly(user_routines: Path) -> None:
    (user_routines / "hostile.toml").write_text(hostile_routine())
    out = run("show", "test").stdout
    assert f"{MARKUP}  (test, user)" in out
    assert "\\x1b[31mred\\x1b[0m" in out
    assert f"Stroke {MARKUP} then \\x1b[2J." in out
    assert "\x1b" not in out


def test_a_warning_shows_escapes_from_a_broken_file_visibly(user_routines: Path) -> None:
    broken = user_routines / "broken.toml"
    broken.write_text(VALID.replace('"sitting"', '"\\u001b[2Jsit"'))
    result = run("routines")
    assert "\x1b" not in result.stderr
    assert "got '\\x1b[2Jsit'" in result.stderr


def test_validate_shows_escapes_visibly(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_text(VALID.replace('"sitting"', '"\\u001b[2Jsit"'))
    result = run("routines", "validate", str(path))
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr
    assert "got '\\x1b[2Jsit'" in result.stderr

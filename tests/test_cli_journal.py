"""The journal commands as a user meets them: history, stats, export, import."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from homekit import home
from journal_support import (
    day,
    journal_path,
    noon_on_november_21,
    record,
    session_record,
)
from selfmassage.cli import fastpath
from selfmassage.cli.app import app
from selfmassage.context import Context
from selfmassage.journal.exchange import session_data
from selfmassage.journal.store import Journal

runner = CliRunner()
EMPTY = "No sessions in the journal yet. Run 'selfmassage' to do your first one.\n"


@pytest.fixture
def three_sessions() -> list[str]:
    with Journal.open(home().journal_file) as journal:
        return [
            record(journal, day(19)),
            record(journal, day(20), name="lumbar", outcome="quit", pain_after=None),
            record(journal, day(21, 7), pain_before=None, pain_after=None),
        ]


@pytest.fixture
def november_21(isolated_home: Path) -> Context:
    """The run's context at noon on 21 November 2026, over the test's home."""
    return noon_on_november_21(isolated_home)


def test_history_of_an_empty_journal_is_a_friendly_line(isolated_home: Path) -> None:
    result = runner.invoke(app, ["history"])
    assert (result.exit_code, result.output) == (0, EMPTY)
    assert not journal_path(isolated_home).exists()


def test_history_is_a_table_newest_first(three_sessions: list[str]) -> None:
    result = runner.invoke(app, ["history"])
    assert result.exit_code == 0
    assert result.output == (
        "date              routine  minutes  outcome    pain\n"
        "2026-11-21 07:00  collar       1.0  completed  - → -\n"
        "2026-11-20 08:00  lumbar       1.0  quit       5 → -\n"
        "2026-11-19 08:00  collar       1.0  completed  5 → 3\n"
    )


def test_history_json_lists_sessions_in_the_export_shape(three_sessions: list[str]) -> None:
    result = runner.invoke(app, ["history", "--json"])
    sessions = json.loads(result.output)["sessions"]
    assert [s["id"] for s in sessions] == three_sessions[::-1]
    with Journal.open(home().journal_file) as journal:
        assert sessions == [session_data(s) for s in journal.sessions()]


def test_history_limit_keeps_the_newest(three_sessions: list[str]) -> None:
    result = runner.invoke(app, ["history", "--limit", "1", "--json"])
    assert [s["id"] for s in json.loads(result.output)["sessions"]] == [three_sessions[2]]


def test_history_routine_keeps_one_routine(three_sessions: list[str]) -> None:
    result = runner.invoke(app, ["history", "--routine", "lumbar", "--json"])
    assert [s["id"] for s in json.loads(result.output)["sessions"]] == [three_sessions[1]]


def test_history_of_a_routine_without_sessions_says_so(three_sessions: list[str]) -> None:
    result = runner.invoke(app, ["history", "--routine", "relaxation"])
    assert result.output == "No sessions of 'relaxation' in the journal.\n"


def test_history_limit_must_not_be_negative() -> None:
    result = runner.invoke(app, ["history", "--limit", "-1"])
    assert result.exit_code == 2


def test_text_from_the_journal_cannot_send_terminal_escapes() -> None:
    from selfmassage.journal.view import history_lines

    session = session_record(routine="evil\x1b[2J")
    assert "\x1b" not in "\n".join(history_lines([session]))


def test_stats_of_an_empty_journal_is_a_friendly_line() -> None:
    result = runner.invoke(app, ["stats"])
    assert (result.exit_code, result.output) == (0, EMPTY)


def test_stats_json_of_an_empty_journal_has_the_full_shape() -> None:
    result = runner.invoke(app, ["stats", "--json"])
    assert json.loads(result.output) == {
        "sessions": 0,
        "completed": 0,
        "completion_rate": None,
        "minutes": 0.0,
        "routines": [],
        "streak": {"current": 0, "longest": 0},
        "pain": {"rated_sessions": 0, "average_before": None, "average_after": None, "last_30": []},
        "courses": [],
        "adherence": {"days": 14, "due": 0, "done": 0},
    }


@pytest.mark.usefixtures("three_sessions")
def test_stats_shows_totals_streaks_completion_courses_and_pain(november_21: Context) -> None:
    result = runner.invoke(app, ["stats"], obj=november_21)
    assert result.exit_code == 0
    assert result.output == (
        "Sessions and minutes by routine\n"
        "          last 7 days  last 30 days   all time\n"
        "  collar    2 · 2 min     2 · 2 min  2 · 2 min\n"
        "  lumbar    1 · 1 min     1 · 1 min  1 · 1 min\n"
        "\n"
        "Streak: 1 day in a row with a completed session (longest 1)\n"
        "Completed: 2 of 3 sessions (67%)\n"
        "Adherence: 3 of 4 due sessions done in 14 days\n"
        "\n"
        "Courses\n"
        "  collar: session 3 of 10, daily — next due tomorrow; after session 10, a 10-day break\n"
        "    break: Mon 2026-11-30 to Wed 2026-12-09, if each session is done when due\n"
        "  lumbar: session 1 of 10, daily — next due today; after session 10, a 10-day break\n"
        "    break: Tue 2026-12-01 to Thu 2026-12-10, if each session is done when due\n"
        "\n"
        "Pain 0-10, average over 1 session rated before and after: 5.0 before → 3.0 after\n"
        "  last 3 sessions, oldest first (blank: not rated)\n"
        "  before │▅▅ │\n"
        "  after  │▃  │\n"
    )


def test_stats_says_session_for_a_single_session_in_the_pain_chart() -> None:
    with Journal.open(home().journal_file) as journal:
        record(journal, day(21, 7))
    lines = runner.invoke(app, ["stats"]).output.splitlines()
    assert "  last session (blank: not rated)" in lines


@pytest.mark.usefixtures("three_sessions")
def test_stats_wraps_long_lines_to_an_80_column_terminal(
    november_21: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    lines = runner.invoke(app, ["stats"], obj=november_21).output.splitlines()
    assert max(len(line) for line in lines) <= 80
    courses = lines.index("Courses")
    assert lines[courses + 1 : courses + 3] == [
        "  collar: session 3 of 10, daily — next due tomorrow; after session 10, a 10-day",
        "    break",
    ]


@pytest.mark.usefixtures("three_sessions")
def test_stats_json_counts_windows_per_routine(november_21: Context) -> None:
    data = json.loads(runner.invoke(app, ["stats", "--json"], obj=november_21).output)
    assert data["routines"][1] == {
        "routine": "lumbar",
        "last_7_days": {"sessions": 1, "minutes": 1.0},
        "last_30_days": {"sessions": 1, "minutes": 1.0},
        "all_time": {"sessions": 1, "minutes": 1.0},
    }
    assert (data["completion_rate"], data["streak"]) == (0.667, {"current": 1, "longest": 1})
    assert data["courses"][0]["next_due"] == "2026-11-22"


def test_stats_windows_leave_out_older_sessions(november_21: Context) -> None:
    with Journal.open(home().journal_file) as journal:
        record(journal, day(14))  # 8 days ago
        record(journal, day(15))  # 7 days ago: inside the last 7 days
    data = json.loads(runner.invoke(app, ["stats", "--json"], obj=november_21).output)
    assert data["routines"][0]["last_7_days"]["sessions"] == 1
    assert data["routines"][0]["last_30_days"]["sessions"] == 2


def test_stats_uses_the_course_of_imported_routines_from_their_files(
    november_21: Context, tmp_path: Path
) -> None:
    with Journal.open(home().journal_file) as journal:
        record(journal, day(20))
    backup = tmp_path / "backup.json"
    runner.invoke(app, ["export", "-o", str(backup)], obj=november_21)
    other = noon_on_november_21(tmp_path / "other")
    runner.invoke(app, ["import", str(backup)], obj=other)
    data = json.loads(runner.invoke(app, ["stats", "--json"], obj=other).output)
    assert data["courses"][0]["status"] == (
        "collar: session 2 of 10, daily — next due today; after session 10, a 10-day break"
    )


# -- export -----------------------------------------------------------------------------------


def test_export_writes_json_to_standard_output(three_sessions: list[str]) -> None:
    result = runner.invoke(app, ["export"])
    data = json.loads(result.output)
    assert (data["format"], data["version"]) == ("selfmassage-journal", 1)
    assert [s["id"] for s in data["sessions"]] == three_sessions


def test_export_csv_writes_one_row_per_session(three_sessions: list[str]) -> None:
    result = runner.invoke(app, ["export", "--format", "csv"])
    assert len(result.output.splitlines()) == 4


def test_export_to_a_file_is_owner_only(tmp_path: Path, three_sessions: list[str]) -> None:
    target = tmp_path / "backup.json"
    result = runner.invoke(app, ["export", "-o", str(target)])
    assert result.exit_code == 0
    assert result.output == f"Exported 3 session(s) to {target}\n"
    assert target.stat().st_mode & 0o777 == 0o600


def test_export_never_replaces_a_file_silently(tmp_path: Path, three_sessions: list[str]) -> None:
    target = tmp_path / "backup.json"
    target.write_text("precious")
    result = runner.invoke(app, ["export", "-o", str(target)])
    assert result.exit_code == 2
    assert result.output == (
        f"selfmassage: error: {target} already exists\n"
        "  Choose another name, or add --force to replace it.\n"
    )
    assert target.read_text() == "precious"


def test_export_force_replaces_the_file(tmp_path: Path, three_sessions: list[str]) -> None:
    target = tmp_path / "backup.json"
    target.write_text("old")
    result = runner.invoke(app, ["export", "-o", str(target), "--force"])
    assert result.exit_code == 0
    assert len(json.loads(target.read_text())["sessions"]) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backup.json", "home"]


def test_export_rejects_an_unknown_format() -> None:
    result = runner.invoke(app, ["export", "--format", "xml"])
    assert result.exit_code == 2
    assert result.output == (
        "selfmassage: error: unknown export format 'xml'\n  Use json or csv.\n"
    )


def test_a_damaged_journal_is_reported_with_how_to_restore(isolated_home: Path) -> None:
    path = journal_path(isolated_home)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a database at all" * 50)
    result = runner.invoke(app, ["history"])
    assert result.exit_code == 1
    assert result.output == (
        f"selfmassage: error: the journal {path} is damaged or is not a selfmassage journal\n"
        f"  Nothing was changed. Move {path} aside (keep it: it may be recoverable) and restore "
        "your sessions from an export with 'selfmassage import FILE.json'.\n"
    )


@pytest.mark.parametrize("command", ["history", "stats", "export", "import"])
def test_every_journal_command_has_help(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output
    assert len(result.output.splitlines()) > 4


# -- the fast path of history and stats ---------------------------------------------------------


@pytest.mark.usefixtures("three_sessions")
@pytest.mark.parametrize(
    "argv",
    [
        ["history"],
        ["history", "--json"],
        ["history", "--limit", "2"],
        ["history", "-n", "1", "--json"],
        ["history", "--limit=0"],
        ["history", "--routine", "lumbar"],
        ["history", "-r", "collar", "--json"],
        ["history", "--routine=nothing"],
        ["stats"],
        ["stats", "--json"],
    ],
)
def test_the_fast_path_prints_exactly_what_typer_prints(
    november_21: Context, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    expected = runner.invoke(app, argv, obj=november_21)
    assert fastpath.fast_path(argv) == expected.exit_code == 0
    assert capsys.readouterr().out == expected.output


@pytest.mark.parametrize(
    "argv",
    [
        ["history", "--limit"],
        ["history", "--limit", "-1"],
        ["history", "--limit", "many"],
        ["history", "--routine"],
        ["history", "--json=yes"],
        ["history", "extra"],
        ["stats", "--limit", "3"],
    ],
)
def test_anything_unusual_is_left_to_typer(argv: list[str]) -> None:
    assert fastpath.fast_path(argv) is None


def test_the_fast_path_reports_errors_like_every_command(
    isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = journal_path(isolated_home)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"garbage" * 10)
    assert fastpath.fast_path(["stats"]) == 1
    assert capsys.readouterr().err == runner.invoke(app, ["stats"]).output


def test_the_installed_command_runs_history(three_sessions: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "selfmassage", "history", "-n", "1"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1].startswith("2026-11-21 07:00  collar")


@pytest.mark.usefixtures("three_sessions")
def test_history_and_stats_start_without_typer_parsing_or_rich() -> None:
    code = (
        "import sys; from selfmassage.cli.fastpath import fast_path; "
        "fast_path(['stats']); fast_path(['history']); "
        "heavy = ('rich', 'pydantic', 'selfmassage.routines.catalog'); "
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "[]"


def test_loading_the_cli_does_not_load_sqlite() -> None:
    code = "import sys, selfmassage.cli; print('sqlite3' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "False\n"


def test_export_force_onto_a_folder_fails_cleanly(tmp_path: Path) -> None:
    target = tmp_path / "folder"
    target.mkdir()
    (target / "keep").write_text("x")
    result = runner.invoke(app, ["export", "-o", str(target), "--force"])
    assert result.exit_code == 2
    assert result.output.startswith(f"selfmassage: error: cannot write {target}: ")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder"]
    assert (target / "keep").read_text() == "x"

"""Issue 11 as a user meets it: nothing escapes into a terminal or a spreadsheet (items
9 and 10), and written files keep their mode and never follow a link to nothing (12)."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from journal_support import day, noon_on_november_21, record
from selfmassage.cli.app import app
from selfmassage.context import Context
from selfmassage.files import atomicfile
from selfmassage.text import printable

OSC52 = "\x1b]52;c;ZWNobyBoaQ==\x07"  # writes a terminal's clipboard
CSI_C1 = "\x9b2J"  # the one-character CSI: clears a UTF-8 terminal that obeys C1


@pytest.fixture
def run(isolated_home: Path) -> Context:
    return noon_on_november_21(isolated_home)


def with_note(run: Context, note: str) -> None:
    with run.journal() as journal:
        record(journal, day(1), note=note)


def csv_rows(run: Context) -> list[dict[str, str]]:
    result = CliRunner().invoke(app, ["export", "--format", "csv"], obj=run)
    assert result.exit_code == 0
    return list(csv.DictReader(io.StringIO(result.stdout)))


# -- item 9: control characters ------------------------------------------------------------


def test_csv_export_writes_no_escape_or_bell_bytes(run: Context) -> None:
    with_note(run, f"fine {OSC52} really")
    result = CliRunner().invoke(app, ["export", "--format", "csv"], obj=run)
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout


def test_csv_export_shows_control_characters_as_visible_escapes(run: Context) -> None:
    with_note(run, f"fine {OSC52}")
    assert csv_rows(run)[0]["note"] == "fine \\x1b]52;c;ZWNobyBoaQ==\\x07"


def test_csv_export_writes_no_c1_control(run: Context) -> None:
    with_note(run, CSI_C1)
    result = CliRunner().invoke(app, ["export", "--format", "csv"], obj=run)
    assert "\x9b" not in result.stdout


@pytest.mark.parametrize("command", [["export"], ["history", "--json"]])
def test_json_output_escapes_c1_and_del_as_json_does(run: Context, command: list[str]) -> None:
    with_note(run, f"{CSI_C1}\x7f{OSC52}")
    result = CliRunner().invoke(app, command, obj=run)
    assert not set(result.stdout) & {"\x9b", "\x7f", "\x1b", "\x07"}
    document = json.loads(result.stdout)
    assert document["sessions"][0]["note"] == f"{CSI_C1}\x7f{OSC52}"


def test_the_terminal_policy_shows_lone_surrogates_as_escapes() -> None:
    assert printable("caf\udce9") == "caf\\udce9"


# -- item 10: the formula guard and line breaks ---------------------------------------------


def test_a_carriage_return_cannot_start_a_formula_row(run: Context) -> None:
    with_note(run, "ok\r=cmd|' /C calc'!A0")
    rows = csv_rows(run)
    assert len(rows) == 1
    assert rows[0]["note"] == "ok\n'=cmd|' /C calc'!A0"


def test_a_cell_holding_a_line_break_is_quoted(run: Context) -> None:
    with_note(run, "ok\r=cmd")
    result = CliRunner().invoke(app, ["export", "--format", "csv"], obj=run)
    assert '"ok\n\'=cmd"' in result.stdout


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t"])
def test_every_line_of_a_cell_that_starts_like_a_formula_is_guarded(
    run: Context, start: str
) -> None:
    with_note(run, f"{start}1\nfine\n{start}2")
    assert csv_rows(run)[0]["note"] == f"'{start}1\nfine\n'{start}2"


def test_a_windows_line_break_is_one_line_break(run: Context) -> None:
    with_note(run, "one\r\ntwo")
    assert csv_rows(run)[0]["note"] == "one\ntwo"


# -- item 12: links and modes --------------------------------------------------------------


def test_export_never_follows_a_dangling_link_to_create_its_target(
    run: Context, tmp_path: Path
) -> None:
    with_note(run, "x")
    target = tmp_path / "elsewhere.json"
    link = tmp_path / "out.json"
    link.symlink_to(target)
    result = CliRunner().invoke(app, ["export", "-o", str(link)], obj=run)
    assert result.exit_code != 0
    assert "which does not exist" in result.stderr
    assert not target.exists()


def test_export_through_a_link_to_a_file_replaces_that_file_and_keeps_the_link(
    run: Context, tmp_path: Path
) -> None:
    with_note(run, "x")
    target = tmp_path / "backup.json"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "out.json"
    link.symlink_to(target)
    CliRunner().invoke(app, ["export", "-o", str(link), "--force"], obj=run)
    assert link.is_symlink()
    assert json.loads(target.read_text(encoding="utf-8"))["sessions"][0]["note"] == "x"


def test_force_keeps_a_private_file_private(run: Context, tmp_path: Path) -> None:
    with_note(run, "x")
    out = tmp_path / "backup.json"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o600)
    CliRunner().invoke(app, ["export", "-o", str(out), "--force"], obj=run)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_an_export_replacing_a_shared_file_is_still_private(run: Context, tmp_path: Path) -> None:
    with_note(run, "x")
    out = tmp_path / "backup.json"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o644)
    CliRunner().invoke(app, ["export", "-o", str(out), "--force"], obj=run)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_a_replaced_file_that_is_not_health_data_keeps_its_mode(tmp_path: Path) -> None:
    out = tmp_path / "routine.toml"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o640)
    atomicfile.write_text(out, "new", force=True)
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


def test_a_new_file_follows_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        atomicfile.write_text(tmp_path / "new.toml", "new")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.toml").stat().st_mode) == 0o640


def test_new_health_data_is_private_even_at_umask_000(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        atomicfile.write_text(tmp_path / "export.json", "{}", private=True)
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "export.json").stat().st_mode) == 0o600

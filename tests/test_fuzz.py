"""Issue 11's fuzz suite: anything a user or a therapist can hand us gives a named error
or a result, never exit 70, never a hang, and a refused import leaves the journal alone.

Bounded so the default run stays quick (a few dozen examples per kind of file, each
under the 2 s deadline); `pytest -m slow` runs the long version of each.
"""

from __future__ import annotations

import contextlib
import json
import string
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from journal_support import day, noon_on_november_21, record
from routine_text import routine_file, step
from selfmassage.cli.app import app
from selfmassage.context import Context
from selfmassage.errors import SelfMassageError
from selfmassage.paths import Paths

QUICK, LONG = 25, 400
HANG = timedelta(seconds=2)

VALID_ROUTINE = routine_file(
    step("stroking", 60, "Stroke the neck.", side="both"),
    routine_id="fuzz",
    title="Fuzz",
    description="One step.",
)
VALID_SETTINGS = "screening_valid_days = 30\nbell = true\n"
TOML_PIECES = [
    "[", "]", "[[", "]]", "=", '"', "'", '"""', "'''", "#", "\n", " ", "\t", ",", "{", "}",
    "steps", "course", "id", "seconds", "-1", "1e999", "9" * 30, "true", "\\u0000", "\x1b",
    "\udce9", "\u202e", "1979-05-27T07:32:00Z", "inf", "nan",
]  # fmt: skip


def mutated(valid: str) -> st.SearchStrategy[str]:
    """``valid`` cut, spliced and sprinkled with TOML's own punctuation and odd values."""
    pieces = st.sampled_from(TOML_PIECES) | st.text(max_size=8)
    return st.builds(
        lambda cut, insert, at, repeat: valid[:cut] + insert * repeat + valid[at:],
        st.integers(0, len(valid)),
        st.lists(pieces, max_size=6).map("".join),
        st.integers(0, len(valid)),
        st.integers(1, 50),
    )


def toml_texts(valid: str) -> st.SearchStrategy[str]:
    return mutated(valid) | st.lists(st.sampled_from(TOML_PIECES), max_size=60).map("".join)


def write(path: Path, text: str) -> Path:
    # A lone surrogate becomes bytes that no UTF-8 reader accepts: a bad file, as given.
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    return path


def outcome(args: list[str], ctx: Context | None = None) -> int:
    result = CliRunner().invoke(app, args, obj=ctx)
    assert result.exit_code != 70, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return result.exit_code


# -- routine files -------------------------------------------------------------------------


def check_routine(tmp_path: Path, text: str) -> None:
    path = write(tmp_path / "routine.toml", text)
    assert outcome(["routines", "validate", str(path)]) in (0, 2)


@settings(max_examples=QUICK, deadline=HANG, suppress_health_check=list(HealthCheck))
@given(text=toml_texts(VALID_ROUTINE))
def test_any_routine_file_is_valid_or_a_named_error(tmp_path: Path, text: str) -> None:
    check_routine(tmp_path, text)


@pytest.mark.slow
@settings(max_examples=LONG, deadline=HANG, suppress_health_check=list(HealthCheck))
@given(text=toml_texts(VALID_ROUTINE))
def test_any_routine_file_is_valid_or_a_named_error_long(tmp_path: Path, text: str) -> None:
    check_routine(tmp_path, text)


# -- answers files -------------------------------------------------------------------------


def valid_answers() -> str:
    from selfmassage.screening.questions import load_questionnaire

    return "".join(f"{q.id} = false\n" for q in load_questionnaire())


ANSWERS = valid_answers()


def check_answers(tmp_path: Path, text: str) -> None:
    path = write(tmp_path / "answers.toml", text)
    ctx = Context(paths=Paths.under(tmp_path / "home"))
    assert outcome(["screen", "--answers", str(path)], ctx) in (0, 2, 3)


@settings(max_examples=QUICK, deadline=HANG, suppress_health_check=list(HealthCheck))
@given(text=toml_texts(ANSWERS))
def test_any_answers_file_gives_a_verdict_or_a_named_error(tmp_path: Path, text: str) -> None:
    check_answers(tmp_path, text)


@pytest.mark.slow
@settings(max_examples=LONG, deadline=HANG, suppress_health_check=list(HealthCheck))
@given(text=toml_texts(ANSWERS))
def test_any_answers_file_gives_a_verdict_or_a_named_error_long(tmp_path: Path, text: str) -> None:
    check_answers(tmp_path, text)


# -- settings ------------------------------------------------------------------------------


def check_settings(tmp_path: Path, text: str) -> None:
    ctx = Context(paths=Paths.under(tmp_path / "home"))
    ctx.paths.config_dir.mkdir(parents=True, exist_ok=True)
    write(ctx.paths.settings_file, text)
    with contextlib.suppress(SelfMassageError):  # a named error is a right answer
        ctx.settings  # noqa: B018  (loading is the point)


@settings(max_examples=QUICK, deadline=HANG, suppress_health_check=list(HealthCheck))
@given(text=toml_texts(VALID_SETTINGS))
def test_any_settings_file_loads_or_is_a_named_error(tmp_path: Path, text: str) -> None:
    check_settings(tmp_path, text)


@pytest.mark.slow
@settings(max_examples=LONG, deadline=HANG, suppress_health_check=list(HealthCheck))
@given(text=toml_texts(VALID_SETTINGS))
def test_any_settings_file_loads_or_is_a_named_error_long(tmp_path: Path, text: str) -> None:
    check_settings(tmp_path, text)


# -- import files --------------------------------------------------------------------------

json_leaves = (
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats()
    | st.text(max_size=12)
    | st.sampled_from(
        [
            "9999-12-31T10:00:00+00:00",
            "0001-01-01T00:00:00+14:00",
            "2026-11-01T08:00:00",
            "\ud83d",
            "\x1b]52;c;x\x07",
            "=cmd",
            "not-a-uuid",
            "both",
        ]
    )
)
json_values = st.recursive(
    json_leaves,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)


def base_export(ctx: Context) -> dict[str, Any]:
    with ctx.journal() as journal:
        record(journal, day(1), steps=2, note="a note")
    result = CliRunner().invoke(app, ["export"], obj=ctx)
    document: dict[str, Any] = json.loads(result.stdout)
    return document


Change = Callable[[dict[str, Any]], None]


def changes() -> st.SearchStrategy[list[tuple[str, str, Any]]]:
    """Where to put a fuzzed value: a session field, a step field, or the top level."""
    session_keys = st.sampled_from(
        ["id", "routine", "started_at", "ended_at", "outcome", "planned_seconds",
         "pain_before", "pain_after", "note", "verdict", "steps", "routine_title", "extra"]
    )  # fmt: skip
    step_keys = st.sampled_from(["index", "technique", "area", "side", "completed", "other"])
    top_keys = st.sampled_from(["format", "version", "sessions", "more"])
    return st.lists(
        st.tuples(st.just("session"), session_keys, json_values)
        | st.tuples(st.just("step"), step_keys, json_values)
        | st.tuples(st.just("top"), top_keys, json_values),
        min_size=1,
        max_size=4,
    )


def apply(document: dict[str, Any], edits: list[tuple[str, str, Any]]) -> str:
    for where, key, value in edits:
        sessions = document.get("sessions")
        if where == "top":
            document[key] = value
        elif isinstance(sessions, list) and sessions and isinstance(sessions[0], dict):
            session = sessions[0]
            steps = session.get("steps")
            if where == "session":
                session[key] = value
            elif isinstance(steps, list) and steps and isinstance(steps[0], dict):
                steps[0][key] = value
    return json.dumps(document, ensure_ascii=True)


def check_import(home: Path, tmp_path: Path, edits: list[tuple[str, str, Any]]) -> None:
    source = noon_on_november_21(home / "source")
    target = noon_on_november_21(home / "target")
    with target.journal() as journal:
        record(journal, day(2))
    before = target.paths.journal_file.read_bytes()
    path = write(tmp_path / "in.json", apply(base_export(source), edits))
    code = outcome(["import", str(path)], target)
    assert code in (0, 2)
    if code != 0:
        assert target.paths.journal_file.read_bytes() == before


@settings(max_examples=QUICK, deadline=HANG, suppress_health_check=list(HealthCheck))
@given(edits=changes())
def test_any_import_file_imports_or_leaves_the_journal_byte_identical(
    tmp_path: Path, edits: list[tuple[str, str, Any]]
) -> None:
    import uuid

    check_import(tmp_path / str(uuid.uuid4()), tmp_path, edits)


@pytest.mark.slow
@settings(max_examples=LONG, deadline=HANG, suppress_health_check=list(HealthCheck))
@given(edits=changes())
def test_any_import_file_imports_or_leaves_the_journal_byte_identical_long(
    tmp_path: Path, edits: list[tuple[str, str, Any]]
) -> None:
    import uuid

    check_import(tmp_path / str(uuid.uuid4()), tmp_path, edits)


# Raw text an import may be handed: not JSON, JSON of the wrong shape, deep nesting.
raw_imports = st.text(alphabet=string.printable + "\ud83d\x9b", max_size=200) | st.sampled_from(
    ["[" * 100_000, '{"format":"selfmassage-journal","version":1,"sessions":[' + "[" * 50_000]
)


@settings(max_examples=QUICK, deadline=HANG, suppress_health_check=list(HealthCheck))
@given(text=raw_imports)
def test_any_text_as_an_import_file_is_a_named_error(tmp_path: Path, text: str) -> None:
    import uuid

    target = noon_on_november_21(tmp_path / str(uuid.uuid4()))
    path = write(tmp_path / "raw.json", text)
    assert outcome(["import", str(path)], target) in (0, 2)

"""Writing a user's file: never half a file, never a device or a link replaced by accident."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

from selfmassage.files.atomicfile import write_text


def test_forcing_onto_a_pipe_writes_into_it_and_leaves_the_pipe(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.append(pipe.read_text()), daemon=True)
    reader.start()
    write_text(pipe, "hello\n", force=True)
    reader.join(5)
    assert got == ["hello\n"]
    assert stat.S_ISFIFO(pipe.stat().st_mode)


def test_forcing_through_a_link_replaces_the_file_and_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "handout.txt"
    target.write_text("old\n")
    link = tmp_path / "latest.txt"
    link.symlink_to(target)
    write_text(link, "new\n", force=True)
    assert link.is_symlink()
    assert target.read_text() == "new\n"


def test_a_private_file_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    write_text(path, "{}\n", private=True)
    assert path.stat().st_mode & 0o777 == 0o600

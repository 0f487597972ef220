"""Input files are opened read-only and never changed: not their bytes, not their times.

A session opens a file, sorts, filters and exports in the views and in the Data pane; the
file's bytes, size, inode, modification and change times are the same afterwards, nothing
was opened for writing at that path, and nothing appeared beside it.
"""

from __future__ import annotations

import builtins
import contextlib
import hashlib
import io
import os
from pathlib import Path
from typing import Any

import pytest
from in_process import run_cli
from settle import send, settle
from synth import ice_records as ir

from tui.app.app import EnforceApp
from tui.app.factory import build_app
from tui.app.screens.export import ExportScreen
from tui.app.screenshots import fixed_settings

SIZE = (120, 40)
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC


def state(path: Path) -> tuple[object, ...]:
    """Everything a change to the file would change (ctime moves even on chmod or touch)."""
    info = path.stat()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return digest, info.st_size, info.st_ino, info.st_mode, info.st_mtime_ns, info.st_ctime_ns


def write_input(folder: Path, fmt: str) -> Path:
    path = folder / f"arrests.{fmt}"
    layout = "processed" if fmt == "parquet" else "2025"
    ir.write(ir.arrests(2_000, seed=23, layout=layout), path, fmt)  # type: ignore[arg-type]
    return path


def watch_writes(path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every open of `path` for writing made from Python (polars reads it natively,
    read-only; its bytes and times are checked as well)."""
    seen: list[str] = []
    target = path.resolve()
    real_open, real_os_open = builtins.open, os.open

    def same(file: object) -> bool:
        if isinstance(file, int):
            return False
        with contextlib.suppress(OSError, TypeError, ValueError):
            return Path(os.fsdecode(file)).resolve() == target  # type: ignore[arg-type]
        return False

    def guarded_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if same(file) and any(flag in mode for flag in "wax+"):
            seen.append(f"open({file!r}, {mode!r})")
        return real_open(file, mode, *args, **kwargs)

    def guarded_os_open(file: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if same(file) and flags & WRITE_FLAGS:
            seen.append(f"os.open({file!r}, {flags:#o})")
        return real_os_open(file, flags, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(io, "open", guarded_open)  # what pathlib's Path.open calls
    monkeypatch.setattr(os, "open", guarded_os_open)
    return seen


async def export_shown(app: EnforceApp, pilot: Any) -> None:
    send(app, ["e"])
    await settle(pilot)
    assert isinstance(app.screen, ExportScreen)
    send(app, ["enter"])
    await settle(pilot)
    assert not isinstance(app.screen, ExportScreen)


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "parquet"])
async def test_a_session_leaves_the_input_as_it_was(
    fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # anything written by a relative path lands in tmp_path
    inputs, exports = tmp_path / "inputs", tmp_path / "exports"
    inputs.mkdir()
    exports.mkdir()
    path = write_input(inputs, fmt)
    before = state(path)
    writes = watch_writes(path, monkeypatch)
    app = build_app([str(path)], settings=fixed_settings(exports))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # Jurisdictions: sort, sort another column the other way, filter, export.
        send(app, ["s", "l", "s", "s", "/", *"new", "enter"])
        await export_shown(app, pilot)
        # Comparisons: sort and export.
        send(app, ["3", "l", "l", "s"])
        await export_shown(app, pilot)
        # The file's own rows in the Data pane: sort, filter, stats, export.
        app.main.open_dataset(path.name)
        await settle(pilot)
        assert app.main.active_table_pane().shown.height == 2_000
        send(app, ["l", "s", "/", "a", "enter"])
        await export_shown(app, pilot)
        send(app, ["c"])
        await settle(pilot)
        assert app.is_running
    assert writes == []
    assert state(path) == before
    assert [p.name for p in inputs.iterdir()] == [path.name]
    written = sorted(p.name for p in exports.iterdir())
    assert len(written) == 3, written
    assert all(name.endswith(".csv") for name in written)


def test_the_command_line_leaves_the_input_as_it_was(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    path = write_input(inputs, "csv")
    before = state(path)
    for command in (
        ["show", "comparisons", "--data", str(path), "--sort", "value_b", "--desc"],
        ["export", "jurisdictions", "--data", str(path), "--filter", "new", "-o", "out.csv"],
        ["export", "convictions", "--data", str(path), "--sort", "arrests", "-o", "-"],
    ):
        assert run_cli(command, cwd=tmp_path).returncode == 0
    assert state(path) == before
    assert [p.name for p in inputs.iterdir()] == [path.name]
    assert (tmp_path / "out.csv").is_file()

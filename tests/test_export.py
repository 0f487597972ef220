"""CSV export: exactly the view's rows, atomic, never overwriting without being asked."""

from __future__ import annotations

import io
import os
from pathlib import Path

import polars as pl
import pytest

from tui.core.errors import ExportError
from tui.core.export import export_csv

FRAME = pl.DataFrame({"name": ["Denver", "=1+1", "-x", "@a", "\tb"], "n": [63, -1, 2, 3, 4]})


def test_writes_header_and_rows_in_order(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    result = export_csv(FRAME, target, raw=True)
    assert result.rows == 5
    assert target.read_text(encoding="utf-8").splitlines()[:3] == ["name,n", "Denver,63", "=1+1,-1"]
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_formulas_are_neutralised_by_default_numbers_stay(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    export_csv(FRAME, target)
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[1:5] == ["Denver,63", "'=1+1,-1", "'-x,2", "'@a,3"]
    assert lines[5] == "'\tb,4"


def test_refuses_to_overwrite_unless_forced(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("keep me", encoding="utf-8")
    with pytest.raises(ExportError, match="already exists"):
        export_csv(FRAME, target)
    assert target.read_text(encoding="utf-8") == "keep me"
    export_csv(FRAME, target, force=True)
    assert target.read_text(encoding="utf-8").startswith("name,n")


def test_dash_writes_to_the_given_stream() -> None:
    stream = io.BytesIO()
    result = export_csv(FRAME.head(1), "-", stdout=stream)
    assert result.path == "-"
    assert stream.getvalue() == b"name,n\nDenver,63\n"


def test_a_folder_or_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="is a folder"):
        export_csv(FRAME, tmp_path)
    with pytest.raises(ExportError, match="does not exist"):
        export_csv(FRAME, tmp_path / "nope" / "out.csv")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_folder_leaves_nothing(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    with pytest.raises(ExportError, match="cannot write"):
        export_csv(FRAME, locked / "out.csv")
    assert list(locked.iterdir()) == []


def test_a_failed_write_leaves_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(ExportError, match="No space left on device"):
        export_csv(FRAME, tmp_path / "out.csv")
    assert list(tmp_path.iterdir()) == []


def test_a_device_is_written_to_never_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        result = export_csv(FRAME.head(1), fifo)
        assert result.rows == 1
        assert os.read(reader, 100) == b"name,n\nDenver,63\n"
    finally:
        os.close(reader)
    assert fifo.is_fifo()
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]
    export_csv(FRAME, os.devnull, force=True)
    assert Path(os.devnull).is_char_device()


def test_csv_written_a_slice_at_a_time_is_the_whole_csv(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Exports go out a slice of rows at a time (a 10M-row Data pane held its whole CSV and
    every cell as text: 3.1 GB to export 1.4M rows); the file is the same bytes as one CSV."""
    import tui.core.export as export_module

    monkeypatch.setattr(export_module, "CSV_SLICE_ROWS", 7)
    frame = pl.DataFrame(
        {
            "place": [f"=cmd{i}" if i % 5 == 0 else f"place, {i}" for i in range(23)],
            "n": list(range(23)),
            "kind": pl.Series([["a", "b"][i % 2] for i in range(23)], dtype=pl.Enum(["a", "b"])),
        }
    )
    whole = export_module.neutralise_formulas(frame).write_csv().encode()
    result = export_module.export_csv(frame, tmp_path / "out.csv")
    assert (tmp_path / "out.csv").read_bytes() == whole
    assert result.rows == 23
    assert whole.count(b"'=cmd") == 5
    export_module.export_csv(frame.head(0), tmp_path / "empty.csv")
    assert (tmp_path / "empty.csv").read_bytes() == b"place,n,kind\n"

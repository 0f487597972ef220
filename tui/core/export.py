"""CSV export of exactly what a view shows: atomic, never overwriting unless forced.

`export_view` is the one export, used by the command line and the explorer alike: the rows as
shown, as CSV, and on request where they came from beside them (`provenance`).
"""

from __future__ import annotations

import contextlib
import io
import os
import stat
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import polars as pl

from tui.core.errors import ExportError
from tui.core.model import Catalog
from tui.core.provenance import provenance, provenance_bytes, provenance_path
from tui.core.table_ops import text_columns

STDOUT = "-"
# A spreadsheet treats a cell starting with one of these as a formula (CSV injection).
FORMULA_PATTERN = r"^[=+\-@\t\r]"


@dataclass(frozen=True)
class ExportResult:
    path: str
    rows: int


@dataclass(frozen=True)
class Shown:
    """Rows as the command line or a pane shows them, and what they were made from."""

    frame: pl.DataFrame
    #: The view's name (or, in the Data pane, the dataset's).
    what: str
    catalog: Catalog | None = None
    filter_text: str = ""
    sort: tuple[str, bool] | None = None
    #: How record files were read (None: the bundled figures).
    options: dict[str, Any] | None = None


def export_view(
    shown: Shown,
    target: str | Path,
    *,
    with_provenance: bool = False,
    force: bool = False,
    raw: bool = False,
    stdout: BinaryIO | None = None,
) -> ExportResult:
    """Write the rows as shown as CSV; with `with_provenance`, `<file>.provenance.json` too."""
    if with_provenance and str(target) == STDOUT:
        raise ExportError("provenance needs a file: give -o FILE")
    result = export_csv(shown.frame, target, force=force, raw=raw, stdout=stdout)
    if with_provenance and shown.catalog is not None:
        record = provenance(
            shown.catalog,
            shown.what,
            rows=result.rows,
            filter_text=shown.filter_text,
            sort=shown.sort,
            options=shown.options,
        )
        write_provenance(record, result.path, force=force)
    return result


def write_provenance(record: dict[str, Any], csv_path: str, *, force: bool = False) -> str:
    """Next to the CSV, as `<file>.provenance.json`; never on standard output."""
    if csv_path == STDOUT:
        raise ExportError("provenance needs a file: give -o FILE")
    return write_bytes(provenance_bytes(record), provenance_path(csv_path), force=force)


def neutralise_formulas(frame: pl.DataFrame) -> pl.DataFrame:
    """Prefix text cells that a spreadsheet would run as formulas with a single quote."""
    return frame.with_columns(
        pl.when(pl.col(name).cast(pl.String).str.contains(FORMULA_PATTERN).fill_null(False))
        .then(pl.lit("'") + pl.col(name).cast(pl.String))
        .otherwise(pl.col(name).cast(pl.String))
        .alias(name)
        for name in text_columns(frame.schema)
    )


#: Rows turned into CSV at a time: a Data pane's 10M rows are written without the whole
#: CSV (4.5 GB) or every cell as text ever being held at once.
CSV_SLICE_ROWS = 100_000


def write_csv_to(frame: pl.DataFrame, stream: BinaryIO, *, raw: bool = False) -> None:
    """`frame` as UTF-8 CSV with a header row, a slice of rows at a time."""
    for offset in range(0, max(frame.height, 1), CSV_SLICE_ROWS):
        part = frame.slice(offset, CSV_SLICE_ROWS)
        out = part if raw else neutralise_formulas(part)
        out.write_csv(stream, include_header=offset == 0)


def csv_bytes(frame: pl.DataFrame, *, raw: bool = False) -> bytes:
    buffer = io.BytesIO()
    write_csv_to(frame, buffer, raw=raw)
    return buffer.getvalue()


def export_csv(
    frame: pl.DataFrame,
    target: str | Path,
    *,
    force: bool = False,
    raw: bool = False,
    stdout: BinaryIO | None = None,
) -> ExportResult:
    """Write `frame` as UTF-8 CSV with a header row. `-` means standard output."""
    path = write_stream(
        lambda stream: write_csv_to(frame, stream, raw=raw), target, force=force, stdout=stdout
    )
    return ExportResult(path=path, rows=frame.height)


def write_bytes(
    data: bytes, target: str | Path, *, force: bool = False, stdout: BinaryIO | None = None
) -> str:
    """Write `data` to `target` (`-`: standard output) atomically; return where it went."""
    return write_stream(lambda stream: stream.write(data), target, force=force, stdout=stdout)


def write_stream(
    write: Callable[[BinaryIO], object],
    target: str | Path,
    *,
    force: bool = False,
    stdout: BinaryIO | None = None,
) -> str:
    """`write` the bytes to `target` (`-`: standard output) atomically; return where."""
    if str(target) == STDOUT:
        stream = stdout or sys.stdout.buffer
        write(stream)
        stream.flush()
        return STDOUT
    path = Path(target)
    if _is_special(path):
        _write_into(path, write)
    else:
        _check_target(path, force=force)
        _write_atomically(path, write, force=force)
    return str(path)


def _is_special(path: Path) -> bool:
    """An existing target that is not a file or folder: a device or a named pipe."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _write_into(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """`-o /dev/null` or a named pipe is written to, never renamed over (that would replace
    the device with a file)."""
    try:
        with path.open("wb") as stream:
            write(stream)
    except OSError as error:
        raise ExportError(f"cannot write {path}: {error.strerror or error}") from error


def _link_without_overwrite(temporary: str, path: Path) -> None:
    """A hard link fails if the name was taken meanwhile, so nothing is overwritten."""
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise
    except OSError:
        # Some file systems have no hard links: fall back to a checked rename.
        if path.exists():
            raise FileExistsError(str(path)) from None
        os.replace(temporary, path)


def _check_target(path: Path, *, force: bool) -> None:
    if path.is_dir():
        raise ExportError(f"{path} is a folder; give a file name to export to")
    if path.exists() and not force:
        raise ExportError(f"{path} already exists; choose another name or overwrite it (--force)")
    if not path.parent.exists():
        raise ExportError(f"folder {path.parent} does not exist; create it or choose another")


def _write_atomically(path: Path, write: Callable[[BinaryIO], object], *, force: bool) -> None:
    """Write next to the target, then move into place: a reader never sees half a file."""
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".part", dir=path.parent
        )
    except OSError as error:
        raise ExportError(f"cannot write in {path.parent}: {error.strerror or error}") from error
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        if force:
            os.replace(temporary, path)
        else:
            _link_without_overwrite(temporary, path)
    except FileExistsError as error:
        raise ExportError(f"{path} already exists; choose another name or overwrite it") from error
    except OSError as error:
        raise ExportError(f"cannot write {path}: {error.strerror or error}") from error
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)

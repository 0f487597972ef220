"""Writing synthetic records as CSV, TSV, NDJSON, Parquet (streamed) or xlsx (with title rows)."""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast, get_args

import polars as pl
import xlsxwriter  # type: ignore[import-untyped]
from polars.io.plugins import register_io_source

from .arrests import _TITLE_ROWS_2025, _TITLE_ROWS_2026, _sheet_names
from .layouts import EXCEL_MAX_ROWS, Format

# --------------------------------------------------------------------------------------------
# Writers
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _FileKind:
    sheet: str
    title: str
    date_column: str | None
    foia: str
    title_rows: int


def _file_kind(columns: Sequence[str]) -> _FileKind:
    cols = set(columns)
    foia_2026 = "FOIA Request Number: 2026-ICLI-00005"
    if "Detainer Prepare Date" in cols:
        return _FileKind("Detainers", "ICE ERO Detainers", "Detainer Prepare Date", foia_2026, 6)
    if "detainer_prepare_date" in cols:
        return _FileKind("Detainers", "ICE ERO Detainers", "detainer_prepare_date", "", 0)
    title = "ICE ERO Administrative Arrests"
    if "TOA Current Duty AOR" in cols:
        return _FileKind("Admin Arrests", title, "Apprehension Date", foia_2026, _TITLE_ROWS_2026)
    if "Apprehension AOR" in cols:
        foia = "FOIA Request Number: 2024-ICFO-39357 / 2025-ICLI-00019"
        return _FileKind("Admin Arrests", title, "Apprehension Date", foia, _TITLE_ROWS_2025)
    if "apprehension_aor" in cols:
        return _FileKind("Admin Arrests", title, "apprehension_date", "", 0)
    return _FileKind("Sheet1", "ICE ERO Records", None, "", 0)


def _title_lines(df: pl.DataFrame, kind: _FileKind, count: int) -> list[str]:
    date_range = as_of = ""
    if kind.date_column is not None and df.height:
        dates = df.get_column(kind.date_column)
        lo, hi = dates.min(), dates.max()
        if isinstance(lo, dt.date) and isinstance(hi, dt.date):
            label = kind.date_column.replace("_", " ").title()
            date_range = f"{label}: {lo:%m/%d/%Y} - {hi:%m/%d/%Y}"
            as_of = f"Data as of {hi:%m/%d/%Y}"
    lines = ["U.S. Immigration and Customs Enforcement", kind.title, date_range, as_of, kind.foia]
    if count == 5:
        lines.remove(as_of)
    lines.append("")
    return (lines + [""] * count)[:count]


_Writer = Callable[..., Any]


def _write_xlsx(df: pl.DataFrame, path: Path, *, sheets: int, title_rows: int | None) -> None:
    kind = _file_kind(df.columns)
    t = kind.title_rows if title_rows is None else title_rows
    if t < 0:
        raise ValueError("title_rows must be >= 0")
    n = df.height
    capacity = EXCEL_MAX_ROWS - t - 1
    if capacity < 1:
        raise ValueError("too many title rows")
    per_sheet = min(max(1, math.ceil(n / max(1, sheets))), capacity)
    n_sheets = max(1, math.ceil(n / per_sheet))
    titles = _title_lines(df, kind, t)

    options = {
        "constant_memory": True,
        "strings_to_numbers": False,
        "strings_to_formulas": False,
        "strings_to_urls": False,
    }
    workbook = xlsxwriter.Workbook(str(path), options)
    # A fixed creation time keeps the bytes reproducible (zip entry times are fixed already).
    workbook.set_properties({"title": kind.title, "created": dt.datetime(2000, 1, 1)})
    bold = workbook.add_format({"bold": True})
    date_format = workbook.add_format({"num_format": "mm/dd/yyyy"})
    datetime_format = workbook.add_format({"num_format": "mm/dd/yyyy hh:mm:ss"})

    # Column values as Python lists; dates become Excel serial numbers (vectorised).
    columns: list[tuple[str, list[Any], Any]] = []
    for name, dtype in df.schema.items():
        s = df.get_column(name)
        if dtype == pl.Date:
            serial = s.cast(pl.Int32) + 25569
            columns.append(("number", serial.to_list(), date_format))
        elif isinstance(dtype, pl.Datetime):
            serial_f = s.dt.epoch("us").cast(pl.Float64) / 86_400_000_000.0 + 25569.0
            columns.append(("number", serial_f.to_list(), datetime_format))
        elif dtype == pl.Boolean:
            columns.append(("boolean", s.to_list(), None))
        elif dtype.is_numeric():
            columns.append(("number", s.to_list(), None))
        else:
            columns.append(("string", s.cast(pl.String).to_list(), None))

    for k, sheet_name in enumerate(_sheet_names(kind.sheet, n_sheets)):
        ws = workbook.add_worksheet(sheet_name)
        for r, line in enumerate(titles):
            if line:
                ws.write_string(r, 0, line, bold if r < 2 else None)
        for c, name in enumerate(df.columns):
            ws.write_string(t, c, name, bold)
        writers: list[tuple[int, _Writer, list[Any], Any]] = []
        for c, (how, values, fmt) in enumerate(columns):
            fn: _Writer = {
                "number": ws.write_number,
                "boolean": ws.write_boolean,
                "string": ws.write_string,
            }[how]
            writers.append((c, fn, values, fmt))
        lo, hi = k * per_sheet, min(n, (k + 1) * per_sheet)
        row = t + 1
        for i in range(lo, hi):
            for c, fn, values, fmt in writers:
                value = values[i]
                if value is not None:
                    fn(row, c, value, fmt)
            row += 1
    workbook.close()


def _frames(data: pl.DataFrame | Iterable[pl.DataFrame]) -> Iterator[pl.DataFrame]:
    if isinstance(data, pl.DataFrame):
        yield data
    else:
        yield from data


def _write_parquet_stream(frames: Iterator[pl.DataFrame], path: Path) -> int:
    first = next(frames)
    written = [0]

    def source(
        with_columns: list[str] | None,
        predicate: pl.Expr | None,
        n_rows: int | None,
        batch_size: int | None,
    ) -> Iterator[pl.DataFrame]:
        left = n_rows
        for frame in itertools.chain([first], frames):
            written[0] += frame.height
            out = frame if with_columns is None else frame.select(with_columns)
            if left is not None:
                out, left = out.head(left), max(0, left - out.height)
            yield out if predicate is None else out.filter(predicate)

    lf = register_io_source(source, schema=first.schema)
    lf.sink_parquet(path, compression="zstd", row_group_size=256 * 1024)
    return written[0]


def write(
    data: pl.DataFrame | Iterable[pl.DataFrame],
    path: str | Path,
    fmt: Format | None = None,
    *,
    sheets: int = 1,
    title_rows: int | None = None,
) -> int:
    """Write a frame (or an iterable of same-schema frames) to ``path``; return rows written.

    ``fmt`` defaults to the file suffix. CSV/TSV dates are ISO ``YYYY-MM-DD`` and datetimes
    ``YYYY-MM-DD HH:MM:SS``; Parquet is zstd; ``xlsx`` mimics a raw release: title rows above
    the header (5 for the 2025 arrests layout, 6 for 2026 layouts, none for processed layouts,
    or ``title_rows``), rows spread over ``sheets`` sheets and split at the Excel row limit,
    dates as Excel dates. Iterables are streamed except for ``xlsx``.
    """
    target = Path(path)
    chosen = fmt or cast(Format, target.suffix.lstrip(".").lower())
    if chosen not in get_args(Format):
        raise ValueError(f"unknown format {chosen!r}; expected one of {get_args(Format)}")
    frames = _frames(data)
    rows = 0
    if chosen in ("csv", "tsv"):
        with target.open("wb") as fh:
            for i, frame in enumerate(frames):
                frame.write_csv(
                    fh,
                    separator="," if chosen == "csv" else "\t",
                    include_header=i == 0,
                    date_format="%Y-%m-%d",
                    datetime_format="%Y-%m-%d %H:%M:%S",
                )
                rows += frame.height
    elif chosen == "ndjson":
        with target.open("wb") as fh:
            for frame in frames:
                frame.write_ndjson(fh)
                rows += frame.height
    elif chosen == "parquet":
        if isinstance(data, pl.DataFrame):
            data.write_parquet(target, compression="zstd", row_group_size=256 * 1024)
            rows = data.height
        else:
            rows = _write_parquet_stream(frames, target)
    else:
        df = data if isinstance(data, pl.DataFrame) else pl.concat(list(frames), rechunk=True)
        _write_xlsx(df, target, sheets=sheets, title_rows=title_rows)
        rows = df.height
    return rows

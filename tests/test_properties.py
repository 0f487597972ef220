"""Properties of the headless core, over tables hypothesis makes up (modest budgets: < 60 s).

- Any generic table that loads gives a jurisdictions view whose totals are the input's.
- Export then re-import gives back the same rows and values; the CSV-injection guard changes
  only text cells that start with = + - @ tab or CR, and only by a leading quote.
- Filtering and sorting never lose or invent rows.
"""

from __future__ import annotations

import atexit
import itertools
import math
import re
import shutil
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from hypothesis import HealthCheck, assume, configuration, given, settings
from hypothesis import strategies as st

from tui.core.export import csv_bytes, export_csv
from tui.core.records.catalog import open_records
from tui.core.records.options import RecordOptions
from tui.core.records.suggest import MISSING_TOKENS
from tui.core.table_ops import (
    filter_expr,
    filter_order,
    filter_rows,
    first_rows,
    row_order,
    sort_rows,
)
from tui.core.tables.read import read_table

# Hypothesis keeps what it learns in a .hypothesis folder of the working directory, written
# while tests are collected (before any fixture runs): a temporary folder instead, never the
# project's.
_HYPOTHESIS_HOME = Path(tempfile.mkdtemp(prefix="enforce-tui-hypothesis-"))
configuration.set_hypothesis_home_dir(_HYPOTHESIS_HOME)
atexit.register(shutil.rmtree, _HYPOTHESIS_HOME, ignore_errors=True)

# How many examples: enough for the edge cases to come up (Hypothesis tries the empty, the
# null and the extreme first), few enough that the suite stays quick. A test that writes and
# reads a file per example gets fewer (FILES); the in-memory rules of filter and sort more.
MODEST = settings(
    max_examples=100,
    database=None,  # no example database in the project folder: tests write under tmp only
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
FILES = settings(MODEST, max_examples=50)
RULES = settings(MODEST, max_examples=200)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Text as files have it: accents, other scripts, emoji, quotes, separators, line breaks,
# formula starters, zero-width and right-to-left marks. No letters that could spell the
# ICE headers (a table that names three of them is read as an ICE layout, on purpose).
ALPHABET = st.sampled_from(
    [*"abcxyzNY É é 中文😀\"',;|\t\r\n=+-@#'\\/.0123456789", "\u200b", "\u202e", "ß", "İ", "ǅ"]
)
cells = st.text(ALPHABET, max_size=12)
# Column names: any text with a letter in it (a header of numbers only is taken for a data row).
names = st.text(st.sampled_from([*'abcXYZé _,;|\t"0123=+-\n', "\u200b"]), min_size=1, max_size=8)
names = names.filter(lambda name: any(c.isalpha() for c in name))


_EXAMPLES = itertools.count()


def fresh(tmp_path: Path) -> Path:
    """A new folder inside tmp_path for each hypothesis example (tmp_path is the test's)."""
    folder = tmp_path / f"example-{next(_EXAMPLES)}"
    folder.mkdir()
    return folder


def same_list(a: list[Any], b: list[Any]) -> bool:
    """Equal, NaN equal to NaN."""
    return len(a) == len(b) and all(
        (isinstance(x, float) and isinstance(y, float) and math.isnan(x) and math.isnan(y))
        or x == y
        for x, y in zip(a, b, strict=True)
    )


def multiset(frame: pl.DataFrame) -> Counter[tuple[Any, ...]]:
    """The rows as a multiset (NaN counted as equal to NaN)."""
    nan = "<NaN>"
    return Counter(
        tuple(nan if isinstance(v, float) and math.isnan(v) else v for v in row)
        for row in frame.rows()
    )


# -- generic tables: the view's totals are the input's -----------------------------------------


@st.composite
def generic_tables(draw: st.DrawFn) -> pl.DataFrame:
    rows = draw(st.integers(1, 40))
    places = draw(st.lists(st.one_of(st.none(), cells), min_size=1, max_size=6))
    return pl.DataFrame(
        {
            "place": [draw(st.sampled_from(places)) for _ in range(rows)],
            "count": [draw(st.one_of(st.none(), st.integers(0, 10**12))) for _ in range(rows)],
            "note": [draw(st.one_of(st.none(), cells)) for _ in range(rows)],
        },
        schema={"place": pl.String, "count": pl.Int64, "note": pl.String},
    )


def write_as(frame: pl.DataFrame, folder: Path, fmt: str) -> Path:
    path = folder / f"table.{fmt}"
    if fmt == "csv":
        frame.write_csv(path)
    elif fmt == "parquet":
        frame.write_parquet(path)
    else:
        frame.write_ndjson(path)
    return path


def expected_sums(frame: pl.DataFrame) -> dict[str | None, int | None]:
    sums: dict[str | None, int | None] = {}
    for written, count in frame.select("place", "count").iter_rows():
        # NA, NULL, empty and the like are likely missing values: one row, no place.
        missing = written is None or written.strip() in ("", *MISSING_TOKENS)
        place = None if missing else written
        if place not in sums:
            sums[place] = None
        if count is not None:
            sums[place] = (sums[place] or 0) + count
    return sums


@pytest.mark.parametrize("fmt", ["csv", "parquet", "ndjson"])
@FILES
@given(frame=generic_tables())
def test_jurisdictions_of_any_table_add_up_to_its_counts(
    fmt: str, frame: pl.DataFrame, tmp_path: Path
) -> None:
    folder = fresh(tmp_path)
    path = write_as(frame, folder, fmt)
    options = RecordOptions(jurisdiction_column="place", count_column="count")
    view = open_records([path], options).view("jurisdictions").frame
    got = dict(view.select("jurisdiction", "count").iter_rows())
    assert got == expected_sums(frame)
    present = frame.get_column("count").drop_nulls()
    assert view.get_column("count").sum() == present.sum()
    assert view.get_column("rows").sum() == frame.height
    assert view.get_column("missing_counts").sum() == frame.height - present.len()
    total = int(present.sum())
    for arrests, share in view.select("count", "share_pct").iter_rows():
        if total and arrests is not None:
            assert share == pytest.approx(round(100 * arrests / total, 1), abs=0.051)
        else:
            assert share is None or total == 0 or arrests is None


@FILES
@given(frame=generic_tables())
def test_jurisdictions_without_a_count_column_count_rows(
    frame: pl.DataFrame, tmp_path: Path
) -> None:
    folder = fresh(tmp_path)
    path = write_as(frame, folder, "csv")
    options = RecordOptions(place_column="place", count_column="")  # count: none
    view = open_records([path], options).view("jurisdictions")
    got = dict(view.frame.select("jurisdiction", "rows").iter_rows())
    expected = expected_sums(frame.with_columns(pl.lit(1).alias("count")))
    assert got == expected
    assert view.frame.get_column("rows").sum() == frame.height


# -- export, then import ----------------------------------------------------------------------


@st.composite
def frames(draw: st.DrawFn, min_rows: int = 1) -> pl.DataFrame:
    columns = draw(st.lists(names, min_size=1, max_size=5, unique=True))
    rows = draw(st.integers(min_rows, 25))
    kinds = [
        draw(st.sampled_from(["text", "text", "int", "float", "bool", "date"])) for _ in columns
    ]
    data: dict[str, pl.Series] = {}
    for name, kind in zip(columns, kinds, strict=True):
        if kind == "text":
            values: Any = st.one_of(st.none(), cells)
            dtype: Any = pl.String
        elif kind == "int":
            values, dtype = st.one_of(st.none(), st.integers(-(2**63), 2**63 - 1)), pl.Int64
        elif kind == "float":
            values = st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True))
            dtype = pl.Float64
        elif kind == "bool":
            values, dtype = st.one_of(st.none(), st.booleans()), pl.Boolean
        else:
            days = st.dates(date(1900, 1, 1), date(2099, 12, 31))
            values, dtype = st.one_of(st.none(), days), pl.Date
        data[name] = pl.Series(name, [draw(values) for _ in range(rows)], dtype=dtype)
    return pl.DataFrame(data)


def as_typed(read: pl.DataFrame, like: pl.DataFrame) -> pl.DataFrame:
    """Text read back from CSV, converted to the types the exported frame had."""
    exprs = []
    for name, dtype in like.schema.items():
        column = pl.col(name)
        if dtype == pl.Boolean:
            exprs.append(column.replace_strict({"true": True, "false": False}, default=None))
        elif dtype == pl.Date:
            exprs.append(column.str.to_date("%Y-%m-%d"))
        elif dtype == pl.String:
            exprs.append(column)
        else:
            exprs.append(column.cast(dtype))
    return read.select(exprs)


def same_values(a: pl.DataFrame, b: pl.DataFrame) -> None:
    assert a.columns == b.columns
    assert a.schema == b.schema
    for name in a.columns:
        assert same_list(a.get_column(name).to_list(), b.get_column(name).to_list()), name


def _holds_another_separator(frame: pl.DataFrame) -> bool:
    cells = [str(v) for column in frame.iter_columns() for v in column.to_list()]
    return any(mark in cell for cell in [*frame.columns, *cells] for mark in (";", "|", "\t"))


@MODEST
@given(frame=frames())
def test_export_then_import_gives_the_same_rows_and_values(
    frame: pl.DataFrame, tmp_path: Path
) -> None:
    # One column of text holding `;`, `|` or tabs is a file whose separator no reader can tell
    # (`X` over `0;=` may be one column or two): the separator is guessed, and said, there.
    assume(frame.width > 1 or not _holds_another_separator(frame))
    folder = fresh(tmp_path)
    path = folder / "export.csv"
    result = export_csv(frame, path, raw=True)
    assert result.rows == frame.height
    table = read_table(path)
    # Header names are matched trimmed, with a note (`Booking ID ` is `Booking ID`).
    trimmed = [name.strip() for name in frame.columns]
    assume(all(trimmed) and len(set(trimmed)) == len(trimmed))
    assert table.columns == tuple(trimmed)
    spaced = trimmed != frame.columns
    assert len(table.notes) == int(spaced)
    assert all("written with spaces around" in note for note in table.notes)
    read = table.collect(table.lazy).rename(dict(zip(trimmed, frame.columns, strict=True)))
    same_values(as_typed(read, frame), frame)


@RULES
@given(frame=frames())
def test_the_formula_guard_only_prefixes_text_that_starts_a_formula(frame: pl.DataFrame) -> None:
    # Columns by position: polars reads a header name with a doubled quote as it is written.
    guarded = pl.read_csv(csv_bytes(frame), infer_schema=False)
    raw = pl.read_csv(csv_bytes(frame, raw=True), infer_schema=False)
    assert guarded.shape == raw.shape == frame.shape
    for index, (name, dtype) in enumerate(frame.schema.items()):
        before, after = raw.to_series(index).to_list(), guarded.to_series(index).to_list()
        if dtype != pl.String:
            assert after == before  # numbers, dates and booleans stay as they are: -5 is -5
            continue
        for value, written in zip(frame.get_column(name).to_list(), after, strict=True):
            if value is not None and value.startswith(FORMULA_STARTS):
                assert written == "'" + value
            else:
                assert written == value


# -- filter and sort --------------------------------------------------------------------------


@st.composite
def filter_cases(draw: st.DrawFn) -> tuple[pl.DataFrame, str]:
    frame = draw(frames(min_rows=0))
    texts: list[str] = [
        v for c in frame.columns if frame.schema[c] == pl.String for v in frame[c] if v
    ]
    from_the_table = draw(st.booleans())
    if texts and from_the_table:
        source = draw(st.sampled_from(texts))
        start = draw(st.integers(0, len(source) - 1))
        needle = source[start : start + draw(st.integers(1, 4))]
        needle = draw(st.sampled_from([needle, needle.upper(), needle.lower()]))
    else:
        needle = draw(cells)
    # One plain word: spaces, quotes, `!` and `column:` forms are the filter's syntax, tested
    # in test_table_ops.
    return frame, PLAIN.sub("", needle)


PLAIN = re.compile(r"[\s:=<>!\"'\\]")


def matches(value: str, needle: str) -> bool:
    """The documented rule: ASCII text matches ASCII letters in either case; other text is
    compared after lower-casing both sides."""
    if needle.isascii():
        fold = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
        return needle.translate(fold) in value.translate(fold)
    return needle.lower() in value.lower()


@RULES
@given(case=filter_cases())
def test_filter_keeps_exactly_the_matching_rows(case: tuple[pl.DataFrame, str]) -> None:
    frame, needle = case
    kept = filter_rows(frame, needle)
    dropped = frame.filter(~filter_expr(frame.schema, needle)) if needle else frame.clear()
    # Nothing lost, nothing invented: kept + dropped is the input, as a multiset.
    assert multiset(kept) + multiset(dropped) == multiset(frame)
    assert kept.height + dropped.height == frame.height
    texts = [c for c in frame.columns if frame.schema[c] == pl.String]
    for row in kept.iter_rows(named=True):
        assert not needle or any(row[c] is not None and matches(row[c], needle) for c in texts)
    for row in dropped.iter_rows(named=True):
        assert not any(row[c] is not None and matches(row[c], needle) for c in texts)
    # The same rows whether a text column is held as text or as an Enum (large files).
    enums = [c for c in texts if frame[c].drop_nulls().len()]
    if enums:
        as_enum = frame.with_columns(
            pl.col(c).cast(pl.Enum(sorted(set(frame[c].drop_nulls().to_list())))) for c in enums
        )
        again = filter_rows(as_enum, needle).with_columns(pl.col(enums).cast(pl.String))
        assert multiset(again) == multiset(kept)


@RULES
@given(frame=frames(min_rows=0), data=st.data())
def test_sort_is_a_stable_permutation_with_empty_cells_last(
    frame: pl.DataFrame, data: st.DataObject
) -> None:
    column = data.draw(st.sampled_from(frame.columns))
    descending = data.draw(st.booleans())
    numbered = frame.with_row_index("__at__")
    ordered = sort_rows(numbered, column, descending=descending)
    assert multiset(ordered) == multiset(numbered)
    values = ordered.get_column(column).to_list()
    present = [v for v in values if v is not None]
    assert values == present + [None] * (len(values) - len(present))  # empty cells last
    keys = ordered.select(column, "__at__").rows()
    for (a, at_a), (b, at_b) in itertools.pairwise(keys):
        if a is None or b is None:
            continue
        if isinstance(a, float) and (math.isnan(a) or math.isnan(b)):
            continue
        assert (a >= b) if descending else (a <= b)
        if a == b:
            assert at_a < at_b  # stable: equal keys keep the input's order


@RULES
@given(case=filter_cases(), data=st.data())
def test_row_numbers_and_previews_agree_with_filter_then_sort(
    case: tuple[pl.DataFrame, str], data: st.DataObject
) -> None:
    frame, needle = case
    sort = (data.draw(st.sampled_from(frame.columns)), data.draw(st.booleans()))
    full = sort_rows(filter_rows(frame, needle), sort[0], descending=sort[1])
    order = row_order(frame, needle, sort)
    assert multiset(frame.select(pl.all().gather(order))) == multiset(full)
    assert same_list(
        frame.get_column(sort[0]).gather(order).to_list(), full.get_column(sort[0]).to_list()
    )
    everything = row_order(frame, "", sort)
    limit = data.draw(st.integers(1, 10))
    assert filter_order(frame, everything, needle).to_list() == order.to_list()
    assert filter_order(frame, everything, needle, limit=limit).to_list() == (
        order.head(limit).to_list()
    )
    preview = first_rows(frame, needle, sort, limit)
    assert same_list(
        preview.get_column(sort[0]).to_list(), full.get_column(sort[0]).head(limit).to_list()
    )


def test_filter_order_without_text_columns() -> None:
    frame = pl.DataFrame({"arrests": [45, 63, 2]})
    everything = row_order(frame, "", None)
    assert filter_order(frame, everything, "4").to_list() == []
    assert filter_order(frame, everything, "4", limit=10).to_list() == []

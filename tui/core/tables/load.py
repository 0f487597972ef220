"""Load rows into memory compactly, for the Data pane: only when asked, in slices.

A raw table is loaded with its columns as they are, but:
- text columns of a text file that hold only whole numbers, decimals, ISO dates, ISO date-times
  or true/false get that type (checked on every row first; numbers with leading zeros, such as
  charge codes, stay text);
- text columns with few distinct values become Enum columns whose categories are the sorted
  values (one byte a cell for up to 255 values; sorting by them is sorting the text);
- the file is read in slices of `SLICE_ROWS` rows (Parquet, IPC) or streamed in batches (text),
  each slice converted before the next is read, so peak memory stays near the final size.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import polars as pl

from tui.core.tables.file_columns import FileColumns, columns_to_leave
from tui.core.tables.table import Table
from tui.core.tables.values import (
    ISO_DATETIME_FORMATS,
    MISSING_PATTERN,
    missing_token_expr,
    without_missing_tokens,
)

SAMPLE_ROWS = 100_000
#: Rows of a Parquet or IPC file read at once: only one slice is ever held as the file has it
#: (its text not yet made Enum), so a smaller slice is a lower peak (85 MB less at 10M rows
#: than 500,000), at no cost in time.
SLICE_ROWS = 131_072
#: Rows of a text file parsed at once.
TEXT_BATCH_ROWS = 125_000
#: Text columns with at most this many distinct values in the sample may become Enum columns.
ENUM_SAMPLE_MAX = 5_000
#: ... and at most this many in the whole column.
ENUM_MAX = 65_535

_INT = r"^[+-]?(0|[1-9][0-9]{0,17})(\.0+)?$"
_FLOAT = r"^[+-]?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$"
_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def _typed(name: str, kind: str) -> pl.Expr:
    # NA, N/A, NULL, - and empty are missing in a column of numbers or dates (null, counted).
    column = without_missing_tokens(pl.col(name)) if kind != "bool" else pl.col(name)
    if kind == "int":
        # A count written 1306.0 (a spreadsheet's float) is the whole number 1306.
        return column.str.replace(r"\.0+$", "").str.to_integer(strict=False)
    if kind == "float":
        return column.cast(pl.Float64, strict=False)
    if kind == "date":
        return column.str.to_date("%Y-%m-%d", strict=False)
    if kind == "datetime":
        return pl.coalesce(column.str.to_datetime(f, strict=False) for f in ISO_DATETIME_FORMATS)
    return column.str.to_lowercase().replace_strict(
        {"true": True, "false": False}, default=None, return_dtype=pl.Boolean
    )


def _failures(name: str, kind: str) -> pl.Expr:
    """Cells with a value that the type would lose."""
    column = pl.col(name)
    if kind != "bool":
        column = without_missing_tokens(column)
    lost = _typed(name, kind).is_null()
    if kind == "int":
        lost = lost | ~column.str.contains(_INT)
    elif kind == "float":
        lost = lost | ~column.str.contains(_FLOAT)
    elif kind == "date":
        lost = lost | ~column.str.contains(_DATE)
    return (column.is_not_null() & lost).sum()


def _sample_kind(values: pl.Series) -> str | None:
    """The type every value of a text sample has, if any (missing-value tokens aside)."""
    present = values.filter(~values.str.contains(MISSING_PATTERN))
    if present.is_empty():
        return None
    if not present.str.to_lowercase().is_in(["true", "false"]).all():
        values = present
    lower = values.str.to_lowercase()
    if lower.is_in(["true", "false"]).all():
        return "bool"
    if values.str.contains(_INT).all():
        return "int"
    if values.str.contains(_FLOAT).all():
        return "float"
    if (
        values.str.contains(_DATE).all()
        and values.str.to_date("%Y-%m-%d", strict=False).is_not_null().all()
    ):
        return "date"
    frame = pl.DataFrame({"v": values})
    if frame.select(pl.all_horizontal(_typed("v", "datetime").is_not_null()).all()).item():
        return "datetime"
    return None


def compact_plan(table: Table, lazy: pl.LazyFrame | None = None) -> dict[str, pl.Expr]:
    """column -> the expression that loads it compactly (only for text columns that change).

    Reads a sample, then checks every candidate on every row in bounded memory.
    """
    return compact_plan_with_notes(table, lazy)[0]


def compact_plan_with_notes(
    table: Table, lazy: pl.LazyFrame | None = None
) -> tuple[dict[str, pl.Expr], tuple[str, ...]]:
    """`compact_plan`, and a note for each column of numbers or dates in which cells written
    as missing values (NA, N/A, NULL, -) were read as missing."""
    lazy = table.lazy if lazy is None else lazy
    schema = lazy.collect_schema()
    text = [name for name, dtype in schema.items() if dtype == pl.String]
    if not text:
        return {}, ()
    sample = table.collect(lazy.select(text).head(SAMPLE_ROWS))
    kinds: dict[str, str] = {}
    enums: list[str] = []
    for name in text:
        values = sample.get_column(name).drop_nulls()
        kind = _sample_kind(values)
        if kind is not None:
            kinds[name] = kind
        # An empty text column costs 16 bytes a row as text, 1 byte as an Enum.
        distinct = values.n_unique()
        if distinct <= min(ENUM_SAMPLE_MAX, max(16, sample.height // 2)):
            enums.append(name)
    plan: dict[str, pl.Expr] = {}
    notes: list[str] = []
    if kinds:
        checks = [_failures(name, kind).alias(name) for name, kind in kinds.items()]
        tokens = [
            (missing_token_expr(pl.col(n)) & pl.col(n).is_not_null()).sum().alias(f"{n}\0")
            for n, k in kinds.items()
            if k != "bool"
        ]
        found = table.collect(lazy.select(*checks, *tokens), streaming=True).row(0, named=True)
        plan = {n: _typed(n, k).alias(n) for n, k in kinds.items() if found[n] == 0}
        for name in plan:
            missing = found.get(f"{name}\0") or 0
            if missing:
                cells = "1 cell" if missing == 1 else f"{missing:,} cells"
                notes.append(
                    f"column {name!r}: {cells} written as missing (NA, N/A, NULL, - or spaces); "
                    "read as missing, not 0"
                )
    remaining = [n for n in enums if n not in plan]
    for name, categories in distinct_values(table, remaining, lazy).items():
        if categories is not None:
            plan[name] = pl.col(name).cast(pl.Enum(categories)).alias(name)
    return plan, tuple(notes)


def distinct_values(
    table: Table, columns: Sequence[str], lazy: pl.LazyFrame | None = None
) -> dict[str, list[str] | None]:
    """The sorted distinct non-null values of text columns (None: more than `ENUM_MAX`).

    Columnar files are asked column by column (each reads one column, streaming); text files
    are read once, in batches; frames already in memory are asked directly.
    """
    lazy = table.lazy if lazy is None else lazy
    found: dict[str, set[str] | None] = {name: set() for name in columns}
    if not columns:
        return {}
    if table.format in ("parquet", "ipc"):
        for name in columns:
            values = table.collect(
                lazy.select(pl.col(name).cast(pl.String).drop_nulls().unique()), streaming=True
            )
            found[name] = set(values.get_column(name).to_list())
    elif table.format in ("csv", "tsv", "ndjson"):
        query = lazy.select(pl.col(name).cast(pl.String) for name in columns)
        try:
            for batch in query.collect_batches(chunk_size=2 * TEXT_BATCH_ROWS):
                for name in columns:
                    seen = found[name]
                    if seen is not None:
                        seen.update(batch.get_column(name).drop_nulls().unique().to_list())
                        if len(seen) > ENUM_MAX:
                            found[name] = None
        except pl.exceptions.PolarsError:
            table.collect(query)  # re-run to raise a DataError naming the row
            raise
    else:
        frame = table.collect(
            lazy.select(pl.col(n).cast(pl.String).drop_nulls().unique().implode() for n in columns)
        )
        for name in columns:
            found[name] = set(frame.get_column(name)[0].to_list())
    return {
        name: sorted(values) if values is not None and len(values) <= ENUM_MAX else None
        for name, values in found.items()
    }


def collect_in_slices(table: Table, query: pl.LazyFrame) -> pl.DataFrame:
    """Collect a query over `table` so that only one slice is ever held in its raw form."""
    parts = list(iter_slices(table, query))
    return parts[0] if len(parts) == 1 else pl.concat(parts, rechunk=False)


def iter_slices(table: Table, query: pl.LazyFrame) -> Iterator[pl.DataFrame]:
    """The rows of a query over `table`, in order, one slice at a time (at least one frame).

    Parquet and IPC are read `SLICE_ROWS` rows at a time (only the row groups of the slice
    are read); text is streamed in batches; other tables come whole.
    """
    if table.format in ("parquet", "ipc") and table.rows() > SLICE_ROWS:
        for offset in range(0, table.rows(), SLICE_ROWS):
            yield table.collect(query.slice(offset, SLICE_ROWS))
        return
    if table.format not in ("csv", "tsv", "ndjson"):
        yield table.collect(query)
        return
    given = False
    try:
        for batch in query.collect_batches(chunk_size=TEXT_BATCH_ROWS):
            given = True
            yield batch
    except pl.exceptions.PolarsError as error:
        if given:  # rows given already: the problem is told, naming the row where it can
            table.collect(query)
            raise table.read_error(error) from error
        yield table.collect(query)  # re-run to raise a DataError naming the row
        return
    if not given:
        yield table.collect(query.head(0))


def iter_load(table: Table) -> Iterator[pl.DataFrame]:
    """`load_table`, slice by slice: the same rows and types, for showing them as they come."""
    plan = compact_plan(table)
    query = table.lazy.with_columns(plan.values()) if plan else table.lazy
    yield from iter_slices(table, query)


def iter_held(table: Table) -> tuple[FileColumns | None, Iterator[pl.DataFrame]]:
    """`iter_load` for the rows the explorer holds: a columnar file's text columns too large
    to hold (see `file_columns`) are left in the file, the bytes of their cells counted."""
    plan = compact_plan(table)
    query = table.lazy.with_columns(plan.values()) if plan else table.lazy
    schema = table.schema
    text = [name for name, dtype in schema.items() if dtype == pl.String and name not in plan]
    leave: tuple[str, ...] = ()
    if text and table.format in ("parquet", "ipc"):  # a text file reads no column alone
        sample = table.collect(table.lazy.select(text).head(SAMPLE_ROWS))
        leave = columns_to_leave(sample, table.rows())
    if not leave:
        return None, iter_slices(table, query)
    in_file = FileColumns(table, leave, schema.names())

    def held() -> Iterator[pl.DataFrame]:
        for part in iter_slices(table, query):
            in_file.count_bytes(part)
            yield part.drop(leave)
        in_file.loaded()

    return in_file, held()


def load_table(table: Table) -> pl.DataFrame:
    """The whole table, every column, loaded compactly (see the module's description)."""
    parts = list(iter_load(table))
    return parts[0] if len(parts) == 1 else pl.concat(parts, rechunk=False)


def window(table: Table, offset: int, count: int) -> pl.DataFrame:
    """Rows `offset`..`offset+count` as the file has them, without loading the others
    (Parquet reads only the row groups that hold them; text stops after them)."""
    return table.collect(table.lazy.slice(offset, count))

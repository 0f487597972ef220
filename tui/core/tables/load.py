"""Load rows into memory compactly, for the Data pane: only when asked, in slices.

A raw table is loaded with its columns as they are, but:
- text columns of a text file that hold only whole numbers, decimals, ISO dates, ISO date-times
  or true/false get that type (checked on every row first; numbers with leading zeros, such as
  charge codes, stay text);
- text columns with few distinct values become Enum columns whose categories are the sorted
  values (one byte a cell for up to 255 values; sorting by them is sorting the text);
- the file is read in slices of `SLICE_ROWS` rows (Parquet, IPC) or streamed in batches (text),
  each slice converted before the next is read, so peak memory stays near the final size.

Record files also load as the internal record schema (`load_records`), every text field an
Enum, with the AOR names, codes and dates converted from the distinct values.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import polars as pl

from tui.core.records.layouts import (
    AOR_CODE_DTYPE,
    KIND_DTYPE,
    RECORD_FIELDS,
    TEXT_FIELDS,
    aor_code,
    aor_name,
    parse_bools,
    text_date_expr,
)
from tui.core.records.record_file import RecordFile
from tui.core.tables.table import Table

SAMPLE_ROWS = 100_000
SLICE_ROWS = 500_000
#: Text columns with at most this many distinct values in the sample may become Enum columns.
ENUM_SAMPLE_MAX = 5_000
#: ... and at most this many in the whole column.
ENUM_MAX = 65_535

_INT = r"^[+-]?(0|[1-9][0-9]{0,17})$"
_FLOAT = r"^[+-]?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$"
_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_DATETIME_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
)


def _typed(name: str, kind: str) -> pl.Expr:
    column = pl.col(name)
    if kind == "int":
        return column.str.to_integer(strict=False)
    if kind == "float":
        return column.cast(pl.Float64, strict=False)
    if kind == "date":
        return column.str.to_date("%Y-%m-%d", strict=False)
    if kind == "datetime":
        return pl.coalesce(column.str.to_datetime(f, strict=False) for f in _DATETIME_FORMATS)
    return column.str.to_lowercase().replace_strict(
        {"true": True, "false": False}, default=None, return_dtype=pl.Boolean
    )


def _failures(name: str, kind: str) -> pl.Expr:
    """Cells with a value that the type would lose."""
    column = pl.col(name)
    lost = _typed(name, kind).is_null()
    if kind == "int":
        lost = lost | ~column.str.contains(_INT)
    elif kind == "float":
        lost = lost | ~column.str.contains(_FLOAT)
    elif kind == "date":
        lost = lost | ~column.str.contains(_DATE)
    return (column.is_not_null() & lost).sum()


def _sample_kind(values: pl.Series) -> str | None:
    """The type every value of a text sample has, if any."""
    if values.is_empty():
        return None
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
    lazy = table.lazy if lazy is None else lazy
    schema = lazy.collect_schema()
    text = [name for name, dtype in schema.items() if dtype == pl.String]
    if not text:
        return {}
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
    if kinds:
        checks = [_failures(name, kind).alias(name) for name, kind in kinds.items()]
        failed = table.collect(lazy.select(checks), streaming=True).row(0, named=True)
        plan = {n: _typed(n, k).alias(n) for n, k in kinds.items() if failed[n] == 0}
    remaining = [n for n in enums if n not in plan]
    for name, categories in distinct_values(table, remaining, lazy).items():
        if categories is not None:
            plan[name] = pl.col(name).cast(pl.Enum(categories)).alias(name)
    return plan


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
            for batch in query.collect_batches(chunk_size=SLICE_ROWS // 2):
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
    if table.format in ("parquet", "ipc"):
        rows = table.rows()
        if rows > SLICE_ROWS:
            parts = [
                table.collect(query.slice(offset, SLICE_ROWS))
                for offset in range(0, rows, SLICE_ROWS)
            ]
            return pl.concat(parts, rechunk=False)
        return table.collect(query)
    if table.format in ("csv", "tsv", "ndjson"):
        try:
            parts = list(query.collect_batches(chunk_size=SLICE_ROWS // 4))
        except pl.exceptions.PolarsError:
            return table.collect(query)  # re-run to raise a DataError naming the row
        if not parts:
            return table.collect(query.head(0))
        return pl.concat(parts, rechunk=False)
    return table.collect(query)


def load_table(table: Table) -> pl.DataFrame:
    """The whole table, every column, loaded compactly (see the module's description)."""
    plan = compact_plan(table)
    query = table.lazy.with_columns(plan.values()) if plan else table.lazy
    return collect_in_slices(table, query)


# -- records ----------------------------------------------------------------------------------


def load_records(files: Sequence[RecordFile]) -> pl.DataFrame:
    """The internal record schema for files of one kind, stacked, with a `file` column."""
    names = [f.name for f in files]
    file_dtype = pl.Enum(list(dict.fromkeys(names)))
    distinct: list[dict[str, list[str] | None]] = []
    for file in files:
        fields = [n for n in (*TEXT_FIELDS, "date", "duplicate_likely") if file.columns.get(n)]
        lazy = file.table.lazy.select(file.raw(name) for name in fields)
        distinct.append(distinct_values(file.table, fields, lazy))
    aor_names: dict[str, str] = {}
    for values in distinct:
        for value in values.get("aor") or []:
            aor_names[value] = aor_name(value) or value
    dtypes: dict[str, pl.DataType] = {}
    for name in TEXT_FIELDS:
        if name == "aor":
            categories = sorted(set(aor_names.values()))
        elif any(name in values and values[name] is None for values in distinct):
            dtypes[name] = pl.Categorical()
            continue
        else:
            categories = sorted({v for values in distinct for v in values.get(name) or []})
        dtypes[name] = pl.Enum(categories)
    parts = []
    for file, values in zip(files, distinct, strict=True):
        query = file.table.lazy.select(_record_exprs(file, values, dtypes, aor_names, file_dtype))
        parts.append(collect_in_slices(file.table, query))
    frame = pl.concat(parts, how="vertical", rechunk=False) if len(parts) > 1 else parts[0]
    return frame.select(*RECORD_FIELDS, "file")


def _record_exprs(
    file: RecordFile,
    values: Mapping[str, list[str] | None],
    dtypes: Mapping[str, pl.DataType],
    aor_names: Mapping[str, str],
    file_dtype: pl.DataType,
) -> list[pl.Expr]:
    exprs: list[pl.Expr] = []
    for name in RECORD_FIELDS:
        if name == "kind":
            exprs.append(pl.lit(file.kind).cast(KIND_DTYPE).alias("kind"))
        elif name == "aor_code":
            codes = {raw: aor_code(clean) for raw, clean in aor_names.items()}
            exprs.append(
                file.raw("aor")
                .cast(pl.String)
                .replace_strict(codes, default=None, return_dtype=pl.String)
                .cast(AOR_CODE_DTYPE)
                .alias("aor_code")
            )
        elif name == "aor":
            exprs.append(
                file.raw("aor")
                .cast(pl.String)
                .replace_strict(dict(aor_names), default=None, return_dtype=dtypes["aor"])
                .alias("aor")
            )
        elif name == "date":
            exprs.append(_date_expr(file, values.get("date")))
        elif name == "duplicate_likely":
            exprs.append(_bool_expr(file, values.get("duplicate_likely") or []))
        else:
            exprs.append(file.raw(name).cast(pl.String).cast(dtypes[name]).alias(name))
    exprs.append(pl.lit(file.name).cast(file_dtype).alias("file"))
    return exprs


def _date_expr(file: RecordFile, distinct: list[str] | None) -> pl.Expr:
    raw = file.raw("date")
    column = file.columns.get("date")
    if column is None:
        return pl.lit(None, dtype=pl.Date).alias("date")
    dtype = file.table.schema[column]
    if dtype == pl.Date or isinstance(dtype, pl.Datetime):
        return raw.cast(pl.Date).alias("date")
    if dtype.is_numeric():
        distinct = None
    if distinct is None:  # too many distinct values to map: parse every cell, then check
        parsed = text_date_expr(raw.cast(pl.String)).alias("date")
        failed = (raw.is_not_null() & (raw.cast(pl.String).str.strip_chars() != "")) & (
            parsed.is_null()
        )
        bad = file.table.collect(
            file.table.lazy.select(raw.cast(pl.String).filter(failed).unique().head(1000)),
            streaming=True,
        )
        if bad.height:
            raise file.date_error(bad.to_series())
        return parsed
    raw = raw.cast(pl.String)
    values = pl.Series("date", distinct, dtype=pl.String)
    parsed_values = file.parse_dates(values)
    mapping = dict(zip(values.to_list(), parsed_values.to_list(), strict=True))
    return raw.replace_strict(mapping, default=None, return_dtype=pl.Date).alias("date")


def _bool_expr(file: RecordFile, distinct: list[str]) -> pl.Expr:
    raw = file.raw("duplicate_likely")
    column = file.columns.get("duplicate_likely")
    if column is None or file.table.schema[column] == pl.Boolean:
        return raw.cast(pl.Boolean).alias("duplicate_likely")
    raw = raw.cast(pl.String)
    values = pl.Series("v", distinct, dtype=pl.String)
    mapping = dict(zip(values.to_list(), parse_bools(values).to_list(), strict=True))
    return raw.replace_strict(mapping, default=None, return_dtype=pl.Boolean).alias(
        "duplicate_likely"
    )

"""Per-column statistics, frequency tables and redaction counts for any table."""

from __future__ import annotations

from datetime import date, datetime

import polars as pl

from tui.core.errors import DataError
from tui.core.table_ops import TEXT_TYPES
from tui.core.tables.values import REDACTED_PATTERN, is_redacted

Frame = pl.DataFrame | pl.LazyFrame
_ORDERED = (pl.String, pl.Boolean, pl.Date, pl.Datetime, pl.Time, pl.Duration)


def _lazy(frame: Frame) -> pl.LazyFrame:
    return frame.lazy() if isinstance(frame, pl.DataFrame) else frame


def redacted_count(name: str, dtype: pl.DataType) -> pl.Expr | None:
    """How many cells of a text column are redactions (None for columns that are not text)."""
    if isinstance(dtype, pl.Enum):
        redacted = [c for c in dtype.categories.to_list() if is_redacted(c)]
        if not redacted:
            return pl.lit(0, dtype=pl.UInt32)
        return pl.col(name).is_in(pl.Series(redacted, dtype=dtype).implode()).sum()
    if isinstance(dtype, TEXT_TYPES):
        return pl.col(name).cast(pl.String).str.contains(REDACTED_PATTERN).sum()
    return None


def _orderable(dtype: pl.DataType) -> bool:
    return dtype.is_numeric() or isinstance(dtype, _ORDERED)


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _column_exprs(index: int, name: str, dtype: pl.DataType) -> list[pl.Expr]:
    column = pl.col(name)
    exprs = [column.null_count().alias(f"{index}:nulls")]
    if isinstance(dtype, (pl.List, pl.Array, pl.Struct, pl.Object)):
        return exprs
    # n_unique counts null as a value; subtracting it avoids copying the column to drop nulls.
    has_null = (column.null_count() > 0).cast(pl.Int64)
    exprs.append((column.n_unique().cast(pl.Int64) - has_null).alias(f"{index}:distinct"))
    if isinstance(dtype, (pl.Categorical, pl.Enum)):
        values = column.unique().drop_nulls().cast(pl.String)
        exprs.extend([values.min().alias(f"{index}:min"), values.max().alias(f"{index}:max")])
    elif _orderable(dtype):
        exprs.extend([column.min().alias(f"{index}:min"), column.max().alias(f"{index}:max")])
    redacted = redacted_count(name, dtype)
    if redacted is not None:
        exprs.append(redacted.alias(f"{index}:redacted"))
    return exprs


def column_stats(frame: Frame) -> pl.DataFrame:
    """One row per column: dtype, rows, nulls, null_pct, distinct (non-null), min, max, redacted.

    min and max are shown as text (columns differ in type); text columns compare as text.
    redacted counts cells such as `b(6), b(7)c`; it is null for columns that are not text.
    A DataFrame is summarised column by column (peak memory: one column's work at a time); a
    LazyFrame (a file's scan) in one pass.
    """
    schema = frame.collect_schema() if isinstance(frame, pl.LazyFrame) else frame.schema
    result: dict[str, object] = {}
    if isinstance(frame, pl.LazyFrame):
        exprs = [pl.len().alias("__rows__")]
        for index, (name, dtype) in enumerate(schema.items()):
            exprs.extend(_column_exprs(index, name, dtype))
        result = frame.select(exprs).collect().row(0, named=True)
    else:
        result["__rows__"] = frame.height
        for index, (name, dtype) in enumerate(schema.items()):
            result.update(frame.select(_column_exprs(index, name, dtype)).row(0, named=True))
    rows = int(str(result["__rows__"]))
    out: dict[str, list[object]] = {
        key: []
        for key in ("column", "dtype", "rows", "nulls", "null_pct", "distinct", "min", "max")
    }
    out["redacted"] = []
    for index, (name, dtype) in enumerate(schema.items()):
        nulls = int(str(result[f"{index}:nulls"]))
        out["column"].append(name)
        out["dtype"].append(_dtype_name(dtype))
        out["rows"].append(rows)
        out["nulls"].append(nulls)
        out["null_pct"].append(round(100.0 * nulls / rows, 1) if rows else None)
        distinct = result.get(f"{index}:distinct")
        out["distinct"].append(int(str(distinct)) if distinct is not None else None)
        out["min"].append(_text(result.get(f"{index}:min")))
        out["max"].append(_text(result.get(f"{index}:max")))
        redacted = result.get(f"{index}:redacted")
        out["redacted"].append(int(str(redacted)) if redacted is not None else None)
    return pl.DataFrame(
        out,
        schema={
            "column": pl.String,
            "dtype": pl.String,
            "rows": pl.Int64,
            "nulls": pl.Int64,
            "null_pct": pl.Float64,
            "distinct": pl.Int64,
            "min": pl.String,
            "max": pl.String,
            "redacted": pl.Int64,
        },
    )


def _dtype_name(dtype: pl.DataType) -> str:
    if isinstance(dtype, pl.Enum):
        return "text (enum)"
    if isinstance(dtype, pl.Categorical):
        return "text (categorical)"
    if dtype == pl.String:
        return "text"
    return str(dtype)


def frequency(frame: Frame, column: str, *, limit: int | None = None) -> pl.DataFrame:
    """How often each value of `column` occurs: `value, count, pct, cumulative_pct`.

    Most frequent first (ties in value order); null is a value of its own, never merged with
    zero or "". pct is a share of all rows. `limit` keeps the first rows only.
    """
    lazy = _lazy(frame)
    schema = lazy.collect_schema()
    if column not in schema:
        raise DataError(
            "no such column",
            column=column,
            hint=f"columns are: {', '.join(schema.names())}",
        )
    counts = (
        lazy.group_by(pl.col(column).alias("value"))
        .agg(pl.len().cast(pl.Int64).alias("count"))
        .collect()
    )
    total = int(counts.get_column("count").sum())
    order = (
        pl.col("value").cast(pl.String)
        if isinstance(schema[column], pl.Categorical)
        else (pl.col("value"))
    )
    counts = counts.sort(
        [pl.col("count"), order], descending=[True, False], nulls_last=True
    ).with_columns(
        (100.0 * pl.col("count") / total).round(1).alias("pct"),
        (100.0 * pl.col("count").cum_sum() / total).round(1).alias("cumulative_pct"),
    )
    return counts.head(limit) if limit is not None else counts


def redaction_counts(frame: Frame) -> pl.DataFrame:
    """Per text column: cells that are redactions, cells with a value, and the share redacted.

    A LazyFrame (a file's scan) is read one column at a time in the streaming engine, so the
    count costs little memory however many rows the file has.
    """
    schema = frame.collect_schema() if isinstance(frame, pl.LazyFrame) else frame.schema
    names: list[str] = []
    counts: list[tuple[int, int]] = []
    for name, dtype in schema.items():
        redacted = redacted_count(name, dtype)
        if redacted is None:
            continue
        exprs = [redacted.alias("r"), pl.col(name).count().alias("n")]
        if isinstance(frame, pl.LazyFrame):
            row = frame.select(exprs).collect(engine="streaming").row(0)
        else:
            row = frame.select(exprs).row(0)
        names.append(name)
        counts.append((int(row[0]), int(row[1])))
    return pl.DataFrame(
        {
            "column": names,
            "redacted": [r for r, _ in counts],
            "values": [n for _, n in counts],
        },
        schema={"column": pl.String, "redacted": pl.Int64, "values": pl.Int64},
    ).with_columns(
        pl.when(pl.col("values") > 0)
        .then((100.0 * pl.col("redacted") / pl.col("values")).round(1))
        .otherwise(None)
        .alias("redacted_pct")
    )

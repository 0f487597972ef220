"""A count per value of one column of any tables: rows counted, or a count column summed.

The generic view for tables of no known layout (`--jurisdiction COLUMN [--count COLUMN]`).
It knows nothing of ICE: the caller names the columns. Counts are whole, non-negative numbers;
anything else is a DataError naming the first bad row.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from tui.core.measures import pct
from tui.core.model import View
from tui.core.tables.table import Table
from tui.core.tables.values import missing_token_expr, without_missing_tokens


def generic_jurisdictions_view(
    tables: Sequence[Table], *, jurisdiction_column: str, count_column: str | None = None
) -> View:
    """Jurisdictions from any tables: sum `count_column` (or count rows) per jurisdiction.

    Every table must have the columns; their results are added up.
    """
    parts = []
    for table in tables:
        schema = table.schema
        for column in (jurisdiction_column, count_column):
            if column is not None and column not in schema:
                raise table.error(
                    "has no such column",
                    column=column,
                    hint=f"columns are: {', '.join(schema.names())}",
                )
        jurisdiction = pl.col(jurisdiction_column).cast(pl.String).alias("jurisdiction")
        values = pl.lit(1, dtype=pl.Int64) if count_column is None else _counts(table, count_column)
        query = (
            table.lazy.select(jurisdiction, values.alias("count"))
            .group_by("jurisdiction")
            .agg(
                pl.col("count").sum().cast(pl.Int64).alias("arrests"),
                pl.len().cast(pl.Int64).alias("rows"),
                pl.col("count").null_count().cast(pl.Int64).alias("missing_counts"),
            )
        )
        parts.append(table.collect(query))
    # A jurisdiction whose every count is missing has no count (null), not zero.
    per = (
        pl.concat(parts)
        .group_by("jurisdiction")
        .agg(pl.col("arrests", "rows", "missing_counts").sum())
        .with_columns(
            pl.when(pl.col("rows") > pl.col("missing_counts"))
            .then(pl.col("arrests"))
            .otherwise(None)
        )
    )
    total = int(per.get_column("arrests").sum())
    frame = (
        per.with_columns(
            pct(pl.col("arrests"), total).alias("share_pct"),
            pl.col("arrests").rank("min", descending=True).cast(pl.Int64).alias("rank"),
        )
        .sort(["arrests", "jurisdiction"], descending=[True, False], nulls_last=True)
        .select("jurisdiction", "arrests", "share_pct", "rank", "rows", "missing_counts")
    )
    measure = "rows counted" if count_column is None else f"the sum of column {count_column!r}"
    files = ", ".join(
        f"{table.name} ({rows:,} rows)"
        for table, rows in zip(tables, (int(p["rows"].sum()) for p in parts), strict=True)
    )
    base = (
        f"arrests is {measure} per value of column {jurisdiction_column!r}, from {files}; "
        f"share_pct is a share of all {total:,}"
    )
    missing = int(frame["missing_counts"].sum())
    notes = [f"{t.name}: {n}" for t in tables for n in t.notes]
    if missing:
        rows_text = "1 row has" if missing == 1 else f"{missing:,} rows have"
        base += f"; {rows_text} no count and add nothing (all missing: the count is empty)"
        notes.append(
            f"column {count_column!r}: {rows_text} no count (empty, NA, N/A, NULL or -); "
            "read as missing, not 0"
        )
    return View(
        name="jurisdictions",
        title=f"{count_column or 'rows'} by {jurisdiction_column}",
        frame=frame,
        base=base,
        notes=tuple(notes),
        bar_column="arrests",
        label_column="jurisdiction",
    )


#: The largest count (and total of counts) a 64-bit integer holds.
MAX_COUNT = 2**63 - 1
_COUNT_HINT = (
    "correct the file, or choose a --count column of whole numbers (such as 45 or 1,234), "
    "or leave --count out to count rows"
)
_NEGATIVE_HINT = "counts of people cannot be negative; correct the file"
_THOUSANDS = r"^[+-]?[0-9]{1,3}(,[0-9]{3})+(\.0*)?$"


def _counts(table: Table, column: str) -> pl.Expr:
    """The count column as whole, non-negative numbers; anything else is a DataError.

    Text counts may have thousands separators (1,234) and a zero fraction (45.0), as a float
    column's whole values are taken; a count or a total too large for 64 bits is refused
    rather than wrapped round.
    """
    dtype = table.schema[column]
    raw = pl.col(column)
    if dtype.is_integer():
        values = raw.cast(pl.Int64, strict=False)
        too_large = raw.is_not_null() & values.is_null()  # an unsigned count beyond 64 bits
    elif dtype.is_float():
        whole = raw.is_finite() & (raw == raw.round(0))
        too_large = whole & (raw.abs() >= 2.0**63)
        values = pl.when(whole & ~too_large).then(raw).otherwise(None).cast(pl.Int64)
    else:
        # NA, N/A, NULL, - and empty cells are no count (counted and said), not an error.
        text = without_missing_tokens(raw.cast(pl.String).str.strip_chars())
        text = (
            pl.when(text.str.contains(_THOUSANDS))
            .then(text.str.replace_all(",", ""))
            .otherwise(text)
            .str.replace(r"^([+-]?[0-9]+)\.0*$", "${1}")
        )
        values = text.str.to_integer(strict=False)
        too_large = text.str.contains(r"^[+-]?[0-9]+$") & values.is_null()
    raw_present = raw.is_not_null()
    if not dtype.is_numeric():
        raw_present = ~missing_token_expr(raw.cast(pl.String))
    # Each cell is converted once (the flags below read the converted columns).
    value, large = pl.col("__value__"), pl.col("__large__")
    bad = pl.col("__present__") & value.is_null() & ~large
    negative = value < 0
    check = table.collect(
        table.lazy.with_row_index("__row__")
        .select(
            "__row__",
            raw.alias("__raw__"),
            values.alias("__value__"),
            too_large.fill_null(False).alias("__large__"),
            raw_present.alias("__present__"),
        )
        .select(
            *_first_of(bad, "bad"),
            *_first_of(large, "large"),
            *_first_of(negative, "negative"),
            value.cast(pl.Int128).sum().alias("total"),
            pl.col("__row__").get(value.arg_max()).alias("largest_row"),
            value.max().alias("largest"),
        ),
        streaming=True,
    )
    found = check.row(0, named=True)
    problems = (
        ("bad", "is not a whole number", "are not whole numbers", _COUNT_HINT),
        ("large", f"is too large (more than {MAX_COUNT:,})", "are too large", _COUNT_HINT),
        ("negative", "is negative", "are negative", _NEGATIVE_HINT),
    )
    # The first bad row in the file is told, whatever is wrong with it.
    present = [p for p in problems if found[p[0]]]
    if present:
        what, one, many, hint = min(present, key=lambda p: int(found[f"{p[0]}_row"]))
        shown, number = _shown(found[f"{what}_value"]), found[what]
        problem = f"count {shown} {one}"
        if number > 1:
            problem = f"{number:,} counts {many}; the first is {shown}"
        raise table.error(
            problem,
            index=int(found[f"{what}_row"]),
            column=column,
            hint=hint,
        )
    if found["total"] is not None and found["total"] > MAX_COUNT:
        raise table.error(
            f"the counts add up to more than {MAX_COUNT:,}; the largest is {found['largest']:,}",
            index=int(found["largest_row"]),
            column=column,
            hint="check that the column holds counts of people",
        )
    return values


def _first_of(flag: pl.Expr, name: str) -> list[pl.Expr]:
    """How many rows are flagged, the first one's index and its value as written."""
    return [
        flag.sum().alias(name),
        pl.col("__row__").filter(flag).first().alias(f"{name}_row"),
        pl.col("__raw__").filter(flag).first().cast(pl.String).alias(f"{name}_value"),
    ]


def _shown(value: object) -> str:
    text = repr(str(value))
    return text if len(text) <= 40 else f"{text[:36]}...'"

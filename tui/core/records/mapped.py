"""Tables mapped by roles (a preset, suggested, or given): the one aggregation each view needs.

Each view reads its file once: one group-by over the lazy scan, on the columns of the roles
it needs (projection pushdown reads nothing else), with the count read, checked and summed
in the same pass. Places and dates are converted from the few distinct results afterwards.

Counts: whole numbers stay whole (`1306.0` is 1306); a count with decimals (an average daily
population) is summed with its decimals and every view says so; `NA`, `N/A`, `NULL`, `-` and
empty cells are "no count" (counted and stated). Anything else is one clear error.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import polars as pl

from tui.core.formatting import plural
from tui.core.records.calendar_periods import (
    Grain,
    detect_grain,
    is_month_grain,
    month_grain_how,
    period_bounds,
)
from tui.core.records.suggest import MISSING_TOKENS, iso_days, month_dates
from tui.core.roles import Role, Roles
from tui.core.tables.table import Table
from tui.core.tables.values import parse_dates

#: The group keys a view may ask for, as the roles name them.
Key = Role


def is_missing(expr: pl.Expr) -> pl.Expr:
    """A text value that is a missing-value token (R's NA, NULL, N/A, -) or empty."""
    text = expr.cast(pl.String).str.strip_chars()
    return expr.is_null() | (text == "") | text.is_in(MISSING_TOKENS)


class MappedSet:
    """Tables read through the same roles, with each view's aggregation computed once."""

    def __init__(self, tables: Sequence[Table], roles: Roles) -> None:
        self.tables = tuple(tables)
        self.roles = roles
        self._lock = threading.Lock()
        self._cache: dict[tuple[Key, ...], pl.DataFrame] = {}
        #: Set by the first aggregation: the count has decimals somewhere.
        self.fractional = False
        self.date_notes: list[str] = []
        #: Set when the date column holds calendar years, quarters or months, not days.
        self.date_grain: Grain | None = None
        #: For months: how they were recognised (`calendar_periods.month_grain_how`).
        self.date_grain_how = ""
        self.table_rows: dict[int, int] = {}

    @property
    def noun(self) -> str:
        return self.roles.noun

    def column(self, role: Role) -> str:
        column = self.roles.column(role)
        assert column is not None, role
        return column

    def aggregate(self, keys: tuple[Key, ...]) -> pl.DataFrame:
        """Per distinct `keys`: `value` (the count's sum, or rows), `rows`, `missing_counts`.

        Keys are text as written (date: parsed to a Date, unreadable dates null, and
        `date_raw` kept). Computed once per key set.
        """
        with self._lock:
            if keys not in self._cache:
                parts = []
                for index, table in enumerate(self.tables):
                    part = self._per_table(table, keys)
                    self.table_rows[index] = int(part.get_column("rows").sum())
                    parts.append(part)
                frame = pl.concat(parts, how="vertical_relaxed")
                if len(parts) > 1:  # one table's groups are distinct already
                    frame = frame.group_by(list(keys), maintain_order=False).agg(
                        pl.col("value", "rows", "missing_counts", "fractional").sum()
                    )
                frame = frame.with_columns(
                    pl.when(pl.col("rows") > pl.col("missing_counts")).then(pl.col("value"))
                )
                self.fractional = bool(frame.get_column("fractional").sum())
                frame = frame.drop("fractional").with_columns(
                    pl.col("value")
                    if self.fractional
                    else pl.col("value").round(0).cast(pl.Int64, strict=False)
                )
                if "date" in keys:
                    frame = self._parse_dates(frame)
                self._cache[keys] = frame
            return self._cache[keys]

    def _per_table(self, table: Table, keys: tuple[Key, ...]) -> pl.DataFrame:
        count = self.roles.column("count")
        exprs = [self._key(table, key) for key in keys]
        if count is None:
            query = (
                table.lazy.select(exprs)
                .group_by(list(keys))
                .agg(
                    pl.len().cast(pl.Float64).alias("value"),
                    pl.len().cast(pl.Int64).alias("rows"),
                    pl.lit(0, dtype=pl.Int64).alias("missing_counts"),
                    pl.lit(0, dtype=pl.Int64).alias("fractional"),
                )
            )
            return table.collect(query)
        value, bad = _count_value(table.schema[count], pl.col(count))
        if not table.schema[count].is_numeric():
            return self._text_counts(table, keys, exprs, count, value, bad)
        weight = pl.col("__rows")
        as_float = pl.col("value").cast(pl.Float64)
        query = (
            table.lazy.select(
                *exprs, value.alias("value"), bad.alias("bad"), pl.lit(1).alias("__rows")
            )
            .group_by(list(keys))
            .agg(
                (pl.col("value") * weight).sum().alias("value"),
                weight.sum().cast(pl.Int64).alias("rows"),
                weight.filter(pl.col("value").is_null() & ~pl.col("bad"))
                .sum()
                .cast(pl.Int64)
                .alias("missing_counts"),
                weight.filter(as_float != as_float.round(0))
                .sum()
                .cast(pl.Int64)
                .alias("fractional"),
                weight.filter(pl.col("bad")).sum().cast(pl.Int64).alias("bad"),
                weight.filter(pl.col("value") < 0).sum().cast(pl.Int64).alias("negative"),
                weight.filter(as_float.abs() >= 2.0**63).sum().cast(pl.Int64).alias("large"),
                (as_float * weight).sum().alias("float_total"),
            )
        )
        frame = table.collect(query)
        for problem in ("bad", "large", "negative"):
            if frame.get_column(problem).sum():
                raise _count_error(table, count, value, bad, problem)
        if float(frame.get_column("float_total").sum()) >= MAX_COUNT:
            raise _count_error(table, count, value, bad, "total")
        # A group whose every count is missing has no count (null), never zero.
        frame = frame.with_columns(
            pl.when(pl.col("rows") > pl.col("missing_counts")).then(pl.col("value"))
        )
        return frame.drop("bad", "negative", "large", "float_total")

    def _text_counts(
        self,
        table: Table,
        keys: tuple[Key, ...],
        exprs: list[pl.Expr],
        count: str,
        value: pl.Expr,
        bad: pl.Expr,
    ) -> pl.DataFrame:
        """Text counts: grouped on as written, and each distinct text read once after (much
        faster than reading a million cells, even when the groups are many)."""
        distinct = table.collect(
            table.lazy.select(*exprs, pl.col(count).alias("__raw"))
            .group_by([*keys, "__raw"])
            .agg(pl.len().cast(pl.Int64).alias("__rows"))
        )
        text_value, text_bad = _count_value(pl.String(), pl.col("__raw"))
        as_float = pl.col("value")
        weight = pl.col("__rows")
        written = (
            distinct.group_by("__raw")
            .agg(weight.sum())
            .with_columns(text_value.alias("value"), text_bad.alias("bad"))
        )
        for problem, flag in (
            ("bad", pl.col("bad")),
            ("large", as_float.abs() >= 2.0**63),
            ("negative", as_float < 0),
        ):
            if written.filter(flag).height:
                raise _count_error(table, count, value, bad, problem)
        if float(written.select((as_float * weight).sum()).item() or 0) >= MAX_COUNT:
            raise _count_error(table, count, value, bad, "total")
        read = written.select(
            "__raw",
            "value",
            as_float.is_null().alias("missing"),
            (as_float != as_float.round(0)).fill_null(False).alias("fractional"),
        )
        # Each row weighted first, then plain sums: the fastest aggregation polars has.
        frame = (
            distinct.join(read, on="__raw", how="left", nulls_equal=True, maintain_order="left")
            .select(
                *keys,
                (pl.col("value") * weight).alias("value"),
                weight.alias("rows"),
                (pl.col("missing") * weight).alias("missing_counts"),
                (pl.col("fractional") * weight).alias("fractional"),
            )
            .group_by(list(keys))
            .agg(pl.col("value", "rows", "missing_counts", "fractional").sum())
        )
        # A group whose every count is missing has no count (null), never zero.
        return frame.with_columns(
            pl.when(pl.col("rows") > pl.col("missing_counts")).then(pl.col("value"))
        )

    def _key(self, table: Table, key: Key) -> pl.Expr:
        column = pl.col(self.column(key))
        if key == "date":
            dtype = table.schema[self.column(key)]
            if isinstance(dtype, pl.Datetime):
                return column.dt.date().alias("date")
            if dtype == pl.Date:
                return column.alias("date")
            return column.cast(pl.String).alias("date")
        return column.cast(pl.String).alias(key)

    def _parse_dates(self, frame: pl.DataFrame) -> pl.DataFrame:
        """`date` (the first day), `date_end` (the last: the same day unless the column holds
        years, quarters or months) and `date_raw` as written."""
        raw = frame.get_column("date")
        if raw.dtype == pl.Date:
            return self._days(frame, raw, raw.unique(), raw.unique())
        distinct = raw.unique()
        grain = detect_grain(distinct)
        if grain is not None:
            self.date_grain = grain
            start, end = period_bounds(distinct, grain)
            return frame.with_columns(
                raw.alias("date_raw"),
                raw.replace_strict(distinct, start, default=None, return_dtype=pl.Date).alias(
                    "date"
                ),
                raw.replace_strict(distinct, end, default=None, return_dtype=pl.Date).alias(
                    "date_end"
                ),
            )
        parsed = iso_days(distinct)
        if parsed is None:
            parsed = parse_dates(distinct)
            if parsed.null_count():
                parsed = parsed.fill_null(month_dates(distinct))
        return self._days(frame, raw, distinct, parsed)

    def _days(
        self, frame: pl.DataFrame, raw: pl.Series, distinct: pl.Series, parsed: pl.Series
    ) -> pl.DataFrame:
        """Dates read as days, or as months when every one is the 1st of a month (monthly
        totals: each row is its whole month, which ends on its last day)."""
        ends = parsed
        if is_month_grain(parsed):
            self.date_grain = "month"
            self.date_grain_how = month_grain_how(distinct)
            ends = parsed.dt.month_end()
        dates = raw.replace_strict(distinct, parsed, default=None, return_dtype=pl.Date)
        return frame.with_columns(
            raw.cast(pl.String).alias("date_raw"),
            dates.alias("date"),
            raw.replace_strict(distinct, ends, default=None, return_dtype=pl.Date).alias(
                "date_end"
            ),
        )

    def files_text(self) -> str:
        """The files and their rows (known from any aggregation: every one covers all rows)."""
        return "from " + ", ".join(
            f"{t.name} ({plural(self.table_rows[i], 'row')})" if i in self.table_rows else t.name
            for i, t in enumerate(self.tables)
        )

    def notes(self) -> tuple[str, ...]:
        return tuple(f"{t.name}: {n}" for t in self.tables for n in t.notes)


def _count_value(dtype: pl.DataType, raw: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """The count as a number (null when missing) and a flag for a cell that is not one."""
    if dtype.is_integer():
        return raw.cast(pl.Int64, strict=False), raw.is_not_null() & raw.cast(
            pl.Int64, strict=False
        ).is_null()
    if dtype.is_numeric():
        value = raw.cast(pl.Float64)
        return pl.when(value.is_finite()).then(value), raw.is_not_null() & ~value.is_finite()
    text = raw.cast(pl.String).str.strip_chars()
    thousands = text.str.contains(r"^[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]*)?$")
    number = (pl.when(thousands).then(text.str.replace_all(",", "")).otherwise(text)).cast(
        pl.Float64, strict=False
    )
    value = pl.when(number.is_finite()).then(number)
    return value, ~is_missing(raw) & value.is_null()


#: The largest count (and total of counts) a 64-bit integer holds.
MAX_COUNT = 2**63 - 1
COUNT_HINT = (
    "correct the file, or choose a count column of numbers (such as 45, 1,234 or 2.5) with "
    "--count COLUMN or m in the explorer, or none (--no-role count) to count rows"
)
_PROBLEMS = {
    "bad": ("is not a number", "are not numbers", COUNT_HINT),
    "large": (f"is too large (more than {MAX_COUNT:,})", "are too large", COUNT_HINT),
    "negative": (
        "is negative",
        "are negative",
        "counts of people cannot be negative; correct the file",
    ),
}


def _count_error(
    table: Table, column: str, value: pl.Expr, bad: pl.Expr, problem: str
) -> Exception:
    """The first row with the problem, as a reader finds it, and how many there are."""
    flags = {
        "bad": bad,
        "large": value.abs() >= 2.0**63,
        "negative": value < 0,
        "total": value.is_not_null(),
    }
    lazy = table.lazy.with_row_index("__row__")
    if problem == "total":
        found = table.collect(
            lazy.select(
                pl.col("__row__").get(value.arg_max()).alias("row"),
                value.max().alias("largest"),
            )
        )
        row, largest = found.row(0)
        return table.error(
            f"the counts add up to more than {MAX_COUNT:,}; the largest is {int(largest):,}",
            index=int(row),
            column=column,
            hint="check that the column holds counts of people",
        )
    found = table.collect(
        lazy.filter(flags[problem]).select(
            pl.col("__row__").first().alias("row"),
            pl.col(column).first().cast(pl.String).alias("value"),
            pl.len().alias("count"),
        )
    )
    row, written, count = found.row(0)
    one, many, hint = _PROBLEMS[problem]
    shown = repr(str(written).strip()) if len(str(written)) <= 40 else repr(str(written)[:36])
    what = f"count {shown} {one}"
    if count > 1:
        what = f"{count:,} counts {many}; the first is {shown}"
    return table.error(what, index=int(row), column=column, hint=hint)

"""The comparisons view of a table mapped by roles (see `mapped.MappedSet`): the comparison
columns (`series, period_a, value_a, ...`), a first row for all places together, then one column
per month (or the file's own years or quarters) for the sparklines.

A cell (a period's or a month's count) whose every row has no count is empty: no data, never 0;
one without any row is 0, nothing having been recorded.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from tui.core.errors import DataError
from tui.core.formatting import plural
from tui.core.measures import COMPARISON_COLUMNS, change_pct
from tui.core.model import Period, View
from tui.core.records.calendar_periods import (
    cut_periods,
    describe_grain,
    period_expr,
    period_names,
)
from tui.core.records.mapped import MappedSet, is_missing
from tui.core.records.mapped_views import are, have, known_sum, measure_text, shown
from tui.core.records.months import (
    MAX_MONTH_COLUMNS,
    longest_gap,
    month_names,
    partial_months,
)
from tui.core.records.periods import (
    how_chosen,
    label,
    overlaps,
    period_warning,
    resolve_periods,
)

#: Each period's first and last day, as in the ICE comparisons: the pane's lengths and rates.
PERIOD_BOUNDS = ("period_a_start", "period_a_end", "period_b_start", "period_b_end")


def comparisons_view(
    records: MappedSet, *, period_a: Period | None = None, period_b: Period | None = None
) -> View:
    noun = records.noun
    has_place = records.roles.column("place") is not None
    counts = records.aggregate(("place", "date") if has_place else ("date",))
    if not has_place:
        counts = counts.with_columns(pl.lit(None, dtype=pl.String).alias("place"))
    without_date = counts.filter(pl.col("date").is_null())
    unreadable = without_date.filter(~is_missing(pl.col("date_raw")))
    undated = int(without_date["rows"].sum())
    dated = counts.filter(pl.col("date").is_not_null())
    column = records.column("date")
    if dated.is_empty():
        raise DataError(
            f"no {noun} with a date that can be read in column {column!r}",
            file=", ".join(t.name for t in records.tables),
            hint="choose another date column with --date COLUMN, or m in the explorer",
        )
    grain = records.date_grain
    # A year, quarter or month runs from its first day (`date`) to its last (`date_end`).
    first, last = dated["date"].min(), dated["date_end"].max()
    assert isinstance(first, date)
    assert isinstance(last, date)
    periods = resolve_periods(first, last, period_a, period_b)
    warning = period_warning(periods, first, last)
    if grain in (None, "month"):
        all_months = month_names(first, last)
        # Each distinct day's month written once, not once a row.
        days = dated.get_column("date").unique()
        names = days.dt.strftime("%Y-%m")
        dated = dated.with_columns(
            pl.col("date").replace_strict(days, names, return_dtype=pl.String).alias("month")
        )
        gap = longest_gap(all_months, set(names.to_list()))
    else:
        # Quarters are not months: one column per year or quarter, as the file has them.
        all_months = period_names(first, last, grain)
        dated = dated.with_columns(period_expr(grain).alias("month"))
        gap = None
    if grain is not None:
        warning = "; ".join(p for p in (warning, cut_periods(dated, periods, grain)) if p)
    months = all_months[-MAX_MONTH_COLUMNS:]
    if gap is not None:
        empty, start, end = gap
        warning = "; ".join(
            p
            for p in (
                warning,
                f"no {noun} at all in the {empty:,} months {start} to {end}: a date may be "
                "mistyped (the default periods follow the last date)",
            )
            if p
        )

    def within(period: Period) -> pl.Expr:
        return (pl.col("date") >= period[0]) & (pl.col("date_end") <= period[1])

    national = "All places" if has_place else "Total"
    first_row = "all places together" if has_place else "the total"
    # Places written NA, NULL, empty...: found among the distinct places, not on every row.
    places = dated.select(pl.col("place").unique()).filter(is_missing(pl.col("place")))
    missing_place = pl.col("place").is_in(places.get_column("place").drop_nulls().to_list())
    if places.get_column("place").null_count():
        missing_place = missing_place | pl.col("place").is_null()
    # Per place (and month) first, then the total from those: a few rows, not the days.
    series = (
        pl.when(missing_place).then(pl.lit("(place missing)")).otherwise(pl.col("place"))
        if has_place
        else pl.lit(national)
    )
    per_day = dated.with_columns(series.alias("series"))
    in_periods = (
        known_sum(pl.col("value").filter(within(periods.a))).alias("value_a"),
        known_sum(pl.col("value").filter(within(periods.b))).alias("value_b"),
    )
    sums = per_day.group_by("series").agg(*in_periods)
    in_months = per_day.filter(pl.col("month") >= months[0])
    per_month = in_months.group_by("series", "month").agg(known_sum(pl.col("value")))
    sums = sums.with_columns(pl.lit(not has_place).alias("total"))
    if has_place:
        # From the rows, not the places' sums: a place without rows is not a place without data.
        sums = pl.concat(
            [
                per_day.select(pl.lit(national).alias("series"), *in_periods)
                .with_columns(pl.lit(True).alias("total"))
                .select(sums.columns),
                sums,
            ],
            how="vertical_relaxed",
        )
        per_month = pl.concat(
            [
                in_months.group_by("month")
                .agg(known_sum(pl.col("value")))
                .select(pl.lit(national).alias("series"), "month", "value"),
                per_month,
            ],
            how="vertical_relaxed",
        )
    # A month without rows holds none of the place's records: 0. One whose rows all lack a
    # count has no data: empty (a gap in the sparkline), never 0.
    grid = sums.select("series").join(pl.DataFrame({"month": months}), how="cross")
    per_month = grid.join(
        per_month.with_columns(pl.lit(True).alias("present")),
        on=["series", "month"],
        how="left",
        nulls_equal=True,
    ).select(
        "series",
        "month",
        pl.when(pl.col("present").is_null()).then(0).otherwise(pl.col("value")).alias("value"),
    )
    monthly = per_month.pivot(on="month", index="series", values="value", on_columns=months)
    frame = sums.join(monthly, on="series", how="left", nulls_equal=True)
    number = pl.Float64 if records.fractional else pl.Int64
    frame = frame.with_columns(
        shown(pl.col(["value_a", "value_b", *months]).cast(number), records)
    ).with_columns(
        pl.lit(label(periods.a)).alias("period_a"),
        pl.lit(label(periods.b)).alias("period_b"),
        pl.lit(warning).alias("warning"),
        pl.lit(periods.a[0]).alias("period_a_start"),
        pl.lit(periods.a[1]).alias("period_a_end"),
        pl.lit(periods.b[0]).alias("period_b_start"),
        pl.lit(periods.b[1]).alias("period_b_end"),
    )
    # A period outside the data has no data, not zero: its values, and the change, are empty.
    frame = frame.with_columns(
        pl.lit(None, dtype=number).alias(f"value_{which}")
        for which, period in (("a", periods.a), ("b", periods.b))
        if not overlaps(period, first, last)
    )
    frame = (
        frame.with_columns(
            shown(pl.col("value_b") - pl.col("value_a"), records).alias("change"),
            change_pct("value_a", "value_b").alias("change_pct"),
        )
        .sort(
            ["total", pl.col("series") == "(place missing)", "value_b", "series"],
            descending=[True, False, True, False],
            nulls_last=True,
        )
        .select(*COMPARISON_COLUMNS, *PERIOD_BOUNDS, *months)
    )
    how = how_chosen(periods)
    base = (
        f"{noun.capitalize()} in period A ({label(periods.a)}) and period B "
        f"({label(periods.b)}), {how}; dates from column {column!r}, {records.files_text()}. "
        f"{measure_text(records)}. change_pct is the change from A as a share of A. The first row "
        f"is {first_row}. {_spark_text(records, months, first, last)} "
        f"{records.roles.describe()}"
    )
    if undated:
        base += (
            f"; {plural(undated, 'row')} without a date {are(undated)} in no period and no month"
        )
    if unreadable.height:
        examples = ", ".join(repr(v) for v in unreadable.get_column("date_raw").head(3).to_list())
        bad = int(unreadable["rows"].sum())
        base += f" ({bad:,} of them {have(bad)} a date that cannot be read, such as {examples})"
    unmonthed = int(dated.filter(pl.col("month") < months[0])["rows"].sum())
    if unmonthed:
        unit = "month" if grain is None else grain
        base += (
            f"; {plural(unmonthed, 'row')} dated before {months[0]} {are(unmonthed)} in no "
            f"{unit} column"
        )
    return View(
        name="comparisons",
        title=f"{noun.capitalize()}: {label(periods.a)} against {label(periods.b)}",
        frame=frame,
        base=base,
        notes=(*((warning,) if warning else ()), *records.notes()),
        spark_columns=tuple(months),
        label_column="series",
        periods=(periods.a, periods.b),
        warnings=(warning,) if warning else (),
        partial_months=partial_months(first, last, months) if grain is None else (),
        spark_unit="month" if grain in (None, "month") else grain,
    )


def _spark_text(records: MappedSet, months: list[str], first: date, last: date) -> str:
    """What the sparkline columns are: months, or the file's own years or quarters."""
    span = f"{months[0]} to {months[-1]}"
    data = f"data from {first.isoformat()} to {last.isoformat()}"
    grain = records.date_grain
    if grain is None:
        return (
            f"Month columns ({span}) sum {records.noun} per calendar month; the first and "
            f"last may be partial ({data})."
        )
    column = records.column("date")
    if grain == "month":
        return (
            f"Month columns ({span}) sum {records.noun} per calendar month ({data}); "
            f"{describe_grain(column, grain, records.date_grain_how)}."
        )
    return (
        f"{grain.capitalize()} columns ({span}) sum {records.noun} per calendar {grain} "
        f"({data}); {describe_grain(column, grain, None)}, so there are no monthly values."
    )

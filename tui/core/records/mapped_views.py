"""The three record views of a table mapped by roles (see `mapped.MappedSet`).

- jurisdictions: `jurisdiction, <noun>, share_pct, rank, rows, missing_counts, place_missing,
  place_as_written` — one row per place value; a place written NA/N/A/NULL/empty is a row of
  its own, flagged `place_missing`, not ranked.
- convictions (the breakdown): `category, <noun>, share_pct, rows, missing_counts`.
- comparisons: the comparison columns (`series, period_a, value_a, ...`), a first row for all
  places together, then one column per month for the sparklines.

The count column is named by the measure's noun ("removals", "people detained", "rows").
Every view's text says which columns it used and how each was chosen.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from tui.core.errors import DataError
from tui.core.measures import COMPARISON_COLUMNS, change_pct, pct
from tui.core.model import Period, View
from tui.core.records.calendar_periods import (
    cut_periods,
    describe_grain,
    period_expr,
    period_names,
)
from tui.core.records.mapped import MappedSet, is_missing
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

#: Fractional sums (average daily population) are shown to this many decimals.
DECIMALS = 2


def _measure(records: MappedSet) -> str:
    roles = records.roles
    count = roles.column("count")
    if count is None:
        what = f"{records.noun} counts rows (each row 1)"
    else:
        what = f"{records.noun} is the sum of column {count!r}"
        if roles.measure:
            what += f" ({roles.measure})"
    if records.fractional:
        what += (
            f"; the counts have decimals, so they are summed as numbers with their decimals "
            f"(shown to {DECIMALS})"
        )
    return what


def _shown(expr: pl.Expr, records: MappedSet) -> pl.Expr:
    return expr.round(DECIMALS) if records.fractional else expr


def _missing_text(frame: pl.DataFrame, noun: str) -> str:
    missing = int(frame.get_column("missing_counts").sum())
    if not missing:
        return ""
    rows = "1 row has" if missing == 1 else f"{missing:,} rows have"
    return f"; {rows} no count and add nothing to {noun} (empty, NA, N/A, NULL or -)"


def _extra(noun: str) -> tuple[str, ...]:
    """The rows and missing counts beside the measure (rows: when the measure is a sum)."""
    return ("missing_counts",) if noun == "rows" else ("rows", "missing_counts")


def _total(frame: pl.DataFrame, column: str) -> float:
    total = frame.get_column(column).sum()
    return float(total or 0)


def _number(value: float, fractional: bool) -> str:
    return f"{value:,.{DECIMALS}f}" if fractional else f"{int(value):,}"


def _missing_places_together(counts: pl.DataFrame) -> pl.DataFrame:
    """NA, NULL, empty and the like as one row of likely missing places (as written, joined)."""
    flagged = counts.with_columns(is_missing(pl.col("place")).alias("place_missing"))
    missing = flagged.filter(pl.col("place_missing"))
    if missing.height <= 1:
        return flagged
    written = sorted({"(empty)" if v in (None, "") else v for v in missing["place"].to_list()})
    every_count_missing = bool((missing["rows"] == missing["missing_counts"]).all())
    together = missing.select(
        pl.lit(", ".join(written)).alias("place"),
        pl.lit(None, dtype=missing["value"].dtype).alias("value")
        if every_count_missing
        else pl.col("value").sum(),
        pl.col("rows").sum(),
        pl.col("missing_counts").sum(),
        pl.lit(True).alias("place_missing"),
    )
    present = flagged.filter(~pl.col("place_missing"))
    return pl.concat([present, together.select(present.columns)], how="vertical_relaxed")


def jurisdictions_view(records: MappedSet) -> View:
    noun = records.noun
    counts = records.aggregate(("place",))
    total = _total(counts, "value")
    frame = (
        _missing_places_together(counts)
        .with_columns(
            pl.when(~pl.col("place_missing")).then(pl.col("place")).alias("jurisdiction"),
            _shown(pl.col("value"), records).alias(noun),
            pct(pl.col("value"), pl.lit(total)).alias("share_pct"),
            pl.when(~pl.col("place_missing"))
            .then(pl.col("value"))
            .rank("min", descending=True)
            .cast(pl.Int64)
            .alias("rank"),
            pl.col("place").alias("place_as_written"),
        )
        .sort(
            ["place_missing", noun, "jurisdiction"],
            descending=[False, True, False],
            nulls_last=True,
        )
        .select(
            "jurisdiction",
            noun,
            "share_pct",
            "rank",
            *_extra(noun),
            "place_missing",
            "place_as_written",
        )
    )
    place = records.column("place")
    flagged = frame.filter(pl.col("place_missing"))
    base = (
        f"{noun.capitalize()} per value of column {place!r}, {records.files_text()}. "
        f"{_measure(records)}; share_pct is a share of all {_number(total, records.fractional)}"
        f"{_missing_text(frame, noun)}. {records.roles.describe()}"
    )
    if flagged.height:
        written = ", ".join(
            "(empty)" if v in (None, "") else repr(v)
            for v in flagged.get_column("place_as_written").to_list()
        )
        base += (
            f". Places written {written} are likely missing values, not places: their "
            f"{int(flagged.get_column('rows').sum()):,} rows are a row of their own "
            "(place_missing), not ranked"
        )
    return View(
        name="jurisdictions",
        title=f"{noun.capitalize()} by {place}",
        frame=frame,
        base=base,
        notes=records.notes(),
        bar_column=noun,
        label_column="jurisdiction",
    )


def breakdown_view(records: MappedSet) -> View:
    noun = records.noun
    counts = records.aggregate(("category",))
    total = _total(counts, "value")
    missing = is_missing(pl.col("category"))
    frame = (
        counts.with_columns(
            pl.when(~missing).then(pl.col("category")).alias("category"),
            _shown(pl.col("value"), records).alias(noun),
            pct(pl.col("value"), pl.lit(total)).alias("share_pct"),
        )
        .group_by("category")
        .agg(pl.col(noun, "share_pct", *_extra(noun)).sum())
        .sort([pl.col("category").is_null(), noun, "category"], descending=[False, True, False])
        .select("category", noun, "share_pct", *_extra(noun))
    )
    column = records.column("category")
    without = frame.filter(pl.col("category").is_null())
    base = (
        f"{noun.capitalize()} per value of column {column!r}, {records.files_text()}. "
        f"{_measure(records)}; share_pct is a share of all {_number(total, records.fractional)}"
        f"{_missing_text(frame, noun)}. {records.roles.describe()}"
    )
    if without.height:
        base += (
            f". The empty row is the {int(without.get_column('rows').sum()):,} rows with no "
            f"{column} (empty, NA or NULL)"
        )
    return View(
        name="convictions",
        title=f"{noun.capitalize()} by {column}",
        frame=frame,
        base=base,
        notes=records.notes(),
        bar_column=noun,
        label_column="category",
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
    # A year or quarter runs from its first day (`date`) to its last (`date_end`).
    first, last = dated["date"].min(), dated["date_end"].max()
    assert isinstance(first, date)
    assert isinstance(last, date)
    periods = resolve_periods(first, last, period_a, period_b)
    warning = period_warning(periods, first, last)
    if grain is None:
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
    sums = per_day.group_by("series").agg(
        pl.col("value").filter(within(periods.a)).sum().alias("value_a"),
        pl.col("value").filter(within(periods.b)).sum().alias("value_b"),
    )
    per_month = (
        per_day.filter(pl.col("month") >= months[0])
        .group_by("series", "month")
        .agg(pl.col("value").sum())
    )
    sums = sums.with_columns(pl.lit(not has_place).alias("total"))
    if has_place:
        sums = pl.concat(
            [
                sums.select(pl.lit(national).alias("series"), pl.exclude("series", "total").sum())
                .with_columns(pl.lit(True).alias("total"))
                .select(sums.columns),
                sums,
            ],
            how="vertical_relaxed",
        )
        per_month = pl.concat(
            [
                per_month.group_by("month")
                .agg(pl.col("value").sum())
                .select(pl.lit(national).alias("series"), "month", "value"),
                per_month,
            ],
            how="vertical_relaxed",
        )
    monthly = per_month.pivot(on="month", index="series", values="value", on_columns=months)
    frame = sums.join(monthly, on="series", how="left", nulls_equal=True)
    missing_months = [m for m in months if m not in frame.columns]
    frame = frame.with_columns(pl.lit(0).alias(m) for m in missing_months)
    number = pl.Float64 if records.fractional else pl.Int64
    frame = frame.with_columns(
        _shown(pl.col(["value_a", "value_b", *months]).fill_null(0).cast(number), records)
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
            _shown(pl.col("value_b") - pl.col("value_a"), records).alias("change"),
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
        f"{_measure(records)}. change_pct is the change from A as a share of A. The first row "
        f"is {first_row}. {_spark_text(records, months, first, last)} "
        f"{records.roles.describe()}"
    )
    if undated:
        base += f"; {undated:,} rows without a date are in no period and no month"
    if unreadable.height:
        examples = ", ".join(repr(v) for v in unreadable.get_column("date_raw").head(3).to_list())
        base += (
            f" ({int(unreadable['rows'].sum()):,} of them have a date that cannot be read, "
            f"such as {examples})"
        )
    unmonthed = int(dated.filter(pl.col("month") < months[0])["rows"].sum())
    if unmonthed:
        unit = "month" if grain is None else grain
        base += f"; {unmonthed:,} rows dated before {months[0]} are in no {unit} column"
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
        spark_unit=grain or "month",
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
    return (
        f"{grain.capitalize()} columns ({span}) sum {records.noun} per calendar {grain} "
        f"({data}); {describe_grain(column, grain, None)}, so there are no monthly values."
    )

"""The comparisons view of record files: periods A and B side by side per AOR, and months.

`series, period_a, value_a, period_b, value_b, change, change_pct, warning` per AOR (first row:
all AORs), then one column per month for a sparkline. The periods are also on the View, typed
(`View.periods`), and the warning once (`View.warnings`).
"""

from __future__ import annotations

from datetime import date

import polars as pl

from tui.core.errors import DataError
from tui.core.measures import COMPARISON_COLUMNS, change_pct
from tui.core.model import Period, View
from tui.core.records.layouts import OTHER_VIOLATOR, PENDING

# Re-exported: the month helpers live in `months` (the mapped views use them without
# importing the ICE record-level modules).
from tui.core.records.months import (  # noqa: F401
    GAP_MONTHS,
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
from tui.core.records.record_set import RecordSet, duplicates_text, filtered, with_aor_names

NATIONAL = "All AORs (national)"
#: The criminality subsets compared beside the totals, and their A and B columns.
_SUBSETS = ("non_criminal", "not_convicted")
_SUBSETS_AB = tuple(f"{subset}_{which}" for subset in _SUBSETS for which in "ab")


def comparisons_view(
    records: RecordSet,
    *,
    period_a: Period | None = None,
    period_b: Period | None = None,
    exclude_duplicates: bool = False,
) -> View:
    counts = records.by_day()
    kept = filtered(counts, exclude_duplicates)
    dated = kept.filter(pl.col("date").is_not_null())
    undated = int(kept.filter(pl.col("date").is_null())["n"].sum())
    noun = records.noun
    if dated.is_empty():
        raise DataError(
            f"no {noun} with a date, so there is nothing to compare",
            file=", ".join(f.name for f in records.files),
        )
    first, last = dated["date"].min(), dated["date"].max()
    assert isinstance(first, date)
    assert isinstance(last, date)
    periods = resolve_periods(first, last, period_a, period_b)
    warning = period_warning(periods, first, last)

    def within(period: Period) -> pl.Expr:
        return pl.col("date").is_between(period[0], period[1], closed="both")

    non_criminal = pl.col("criminality") == OTHER_VIOLATOR
    # ICE's 2017 releases (the article's 77 -> 156) called everyone not convicted non-criminal.
    not_convicted = pl.col("criminality").is_in([PENDING, OTHER_VIOLATOR])
    all_months = month_names(first, last)
    months = all_months[-MAX_MONTH_COLUMNS:]
    dated = dated.with_columns(pl.col("date").dt.strftime("%Y-%m").alias("month"))
    gap = longest_gap(all_months, set(dated.get_column("month").to_list()))
    if gap is not None:
        empty, start, end = gap
        warning = "; ".join(
            part
            for part in (
                warning,
                f"no {noun} at all in the {empty:,} months {start} to {end}: a date may be "
                "mistyped (the default periods follow the last date)",
            )
            if part
        )
    unmonthed = int(dated.filter(pl.col("month") < months[0])["n"].sum())
    national = dated.with_columns(pl.lit(NATIONAL).alias("aor"))
    frames = []
    for part, is_total in ((national, True), (dated, False)):
        sums = part.group_by("aor").agg(
            pl.col("n").filter(within(periods.a)).sum().alias("value_a"),
            pl.col("n").filter(within(periods.b)).sum().alias("value_b"),
            pl.col("n").filter(within(periods.a) & non_criminal).sum().alias("non_criminal_a"),
            pl.col("n").filter(within(periods.b) & non_criminal).sum().alias("non_criminal_b"),
            pl.col("n").filter(within(periods.a) & not_convicted).sum().alias("not_convicted_a"),
            pl.col("n").filter(within(periods.b) & not_convicted).sum().alias("not_convicted_b"),
        )
        monthly = (
            part.filter(pl.col("month") >= months[0])
            .group_by("aor", "month")
            .agg(pl.col("n").sum())
            .pivot(on="month", index="aor", values="n", on_columns=months)
        )
        frame = sums.join(monthly, on="aor", how="left", nulls_equal=True)
        if is_total:
            frame = frame.with_columns(
                pl.col("aor").alias("series"), pl.lit(None, dtype=pl.String).alias("aor_code")
            )
        else:
            frame = (
                with_aor_names(frame)
                .with_columns(pl.col("aor_code").cast(pl.String))
                .rename({"jurisdiction": "series"})
            )
        frames.append(frame)
    for month in months:
        frames = [
            f if month in f.columns else f.with_columns(pl.lit(0).alias(month)) for f in frames
        ]
    total_row, per_aor = frames
    per_aor = per_aor.sort(["value_b", "series"], descending=[True, False], nulls_last=True)
    frame = pl.concat([total_row, per_aor.select(total_row.columns)], how="vertical_relaxed")
    frame = frame.with_columns(
        pl.col(["value_a", "value_b", *_SUBSETS_AB, *months]).fill_null(0).cast(pl.Int64),
        pl.lit(label(periods.a)).alias("period_a"),
        pl.lit(label(periods.b)).alias("period_b"),
        pl.lit(warning).alias("warning"),
        pl.lit(periods.a[0]).alias("period_a_start"),
        pl.lit(periods.a[1]).alias("period_a_end"),
        pl.lit(periods.b[0]).alias("period_b_start"),
        pl.lit(periods.b[1]).alias("period_b_end"),
    )
    # A period outside the data has no data, not zero: its values, and the change, are empty.
    for which, period in (("a", periods.a), ("b", periods.b)):
        if not overlaps(period, first, last):
            frame = frame.with_columns(
                pl.lit(None, dtype=pl.Int64).alias(f"{column}_{which}")
                for column in ("value", *_SUBSETS)
            )
    frame = frame.with_columns(
        (pl.col("value_b") - pl.col("value_a")).alias("change"),
        change_pct("value_a", "value_b").alias("change_pct"),
        change_pct("non_criminal_a", "non_criminal_b").alias("non_criminal_change_pct"),
        change_pct("not_convicted_a", "not_convicted_b").alias("not_convicted_change_pct"),
    )
    frame = frame.select(
        *COMPARISON_COLUMNS,
        "non_criminal_a",
        "non_criminal_b",
        "non_criminal_change_pct",
        "not_convicted_a",
        "not_convicted_b",
        "not_convicted_change_pct",
        "aor_code",
        "period_a_start",
        "period_a_end",
        "period_b_start",
        "period_b_end",
        *months,
    )
    how = how_chosen(periods)
    base = (
        f"ICE {noun} per Area of Responsibility in period A ({label(periods.a)}) and period B "
        f"({label(periods.b)}), {how}; {records.provenance()}. change_pct is the change from A "
        f"as a share of A. non_criminal_a/_b count '{OTHER_VIOLATOR}'; not_convicted_a/_b "
        f"add '{PENDING}', as ICE's 2017 releases' non-criminal did. "
        f"Month columns ({months[0]} to {months[-1]}) count {noun} per calendar "
        "month; the first and last may be partial "
        f"(data from {first.isoformat()} to {last.isoformat()}). "
        f"{duplicates_text(counts, exclude_duplicates, noun)}"
    )
    if undated:
        base += f"; {undated:,} {noun} without a date are in no period and no month"
    if unmonthed:
        base += (
            f"; month columns stop at {MAX_MONTH_COLUMNS} months: {unmonthed:,} {noun} dated "
            f"before {months[0]} are in no month column"
        )
    return View(
        name="comparisons",
        title=f"{noun.capitalize()} per AOR: {label(periods.a)} against {label(periods.b)}",
        frame=frame,
        base=base,
        notes=(*((warning,) if warning else ()), *records.date_notes, *records.notes()),
        spark_columns=tuple(months),
        label_column="series",
        periods=(periods.a, periods.b),
        warnings=(warning,) if warning else (),
        partial_months=partial_months(first, last, months),
    )

"""The record views of a table mapped by roles (see `mapped.MappedSet`); the comparisons are
`mapped_comparisons`.

- jurisdictions: `jurisdiction, <noun>, share_pct, rank, rows, missing_counts, place_missing,
  place_as_written` — one row per place value; a place written NA/N/A/NULL/empty is a row of
  its own, flagged `place_missing`, not ranked.
- convictions (the breakdown): `category, <noun>, share_pct, rows, missing_counts`.

The count column is named by the measure's noun ("removals", "people detained", "rows").
Every view's text says which columns it used and how each was chosen.
"""

from __future__ import annotations

import polars as pl

from tui.core.formatting import plural
from tui.core.measures import pct
from tui.core.model import View
from tui.core.records.mapped import MappedSet, is_missing

#: Fractional sums (average daily population) are shown to this many decimals.
DECIMALS = 2


def measure_text(records: MappedSet) -> str:
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


def shown(expr: pl.Expr, records: MappedSet) -> pl.Expr:
    return expr.round(DECIMALS) if records.fractional else expr


def _missing_text(frame: pl.DataFrame, noun: str) -> str:
    missing = int(frame.get_column("missing_counts").sum())
    if not missing:
        return ""
    return (
        f"; {plural(missing, 'row')} {have(missing)} no count and add nothing to {noun} "
        "(empty, NA, N/A, NULL or -)"
    )


def are(count: int) -> str:
    return "is" if count == 1 else "are"


def have(count: int) -> str:
    return "has" if count == 1 else "have"


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
            shown(pl.col("value"), records).alias(noun),
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
        f"{measure_text(records)}; share_pct is a share of all {_number(total, records.fractional)}"
        f"{_missing_text(frame, noun)}. {records.roles.describe()}"
    )
    if flagged.height:
        written = ", ".join(
            "(empty)" if v in (None, "") else repr(v)
            for v in flagged.get_column("place_as_written").to_list()
        )
        rows = int(flagged.get_column("rows").sum())
        base += (
            f". Places written {written} are likely missing values, not places: their "
            f"{plural(rows, 'row')} {are(rows)} a row of their own (place_missing), not ranked"
        )
    return View(
        name="jurisdictions",
        title=f"{noun.capitalize()} by {place}",
        frame=frame,
        base=base,
        notes=records.notes(),
        bar_column=noun,
        label_column="jurisdiction",
        label_values=place,
        total=total if records.fractional else None,
    )


def breakdown_view(records: MappedSet) -> View:
    noun = records.noun
    counts = records.aggregate(("category",))
    total = _total(counts, "value")
    missing = is_missing(pl.col("category"))
    frame = (
        counts.with_columns(
            pl.when(~missing).then(pl.col("category")).alias("category"),
            shown(pl.col("value"), records).alias(noun),
            pct(pl.col("value"), pl.lit(total)).alias("share_pct"),
        )
        .group_by("category")
        # Missing categories (NA, empty) are one row; a category without a count is empty.
        .agg(known_sum(pl.col(noun)), known_sum(pl.col("share_pct")), pl.col(*_extra(noun)).sum())
        .sort([pl.col("category").is_null(), noun, "category"], descending=[False, True, False])
        .select("category", noun, "share_pct", *_extra(noun))
    )
    column = records.column("category")
    without = frame.filter(pl.col("category").is_null())
    base = (
        f"{noun.capitalize()} per value of column {column!r}, {records.files_text()}. "
        f"{measure_text(records)}; share_pct is a share of all {_number(total, records.fractional)}"
        f"{_missing_text(frame, noun)}. {records.roles.describe()}"
    )
    if without.height:
        rows = int(without.get_column("rows").sum())
        base += f". The empty row is the {plural(rows, 'row')} with no {column} (empty, NA or NULL)"
    return View(
        name="convictions",
        title=f"{noun.capitalize()} by {column}",
        frame=frame,
        base=base,
        notes=records.notes(),
        bar_column=noun,
        label_column="category",
    )


def known_sum(value: pl.Expr) -> pl.Expr:
    """The sum; empty when there are rows and none has a count (no data, never 0). No rows
    at all sum to 0: nothing was recorded."""
    return pl.when(value.is_not_null().any() | (value.len() == 0)).then(value.sum())

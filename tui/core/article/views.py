"""The four views of the bundled article figures, as pure functions of the loaded Figures."""

from __future__ import annotations

import polars as pl

from tui.core.article.claims import evaluate_claims
from tui.core.article.figures import Figures
from tui.core.article.verdicts import period_days
from tui.core.measures import COMPARISON_COLUMNS, change_pct
from tui.core.model import Catalog, View


def jurisdictions(figures: Figures) -> View:
    total = figures.total("arrested")
    frame = (
        figures.frame("jurisdictions")
        .with_columns(
            (100.0 * pl.col("arrests") / total).round(1).alias("share_pct"),
            pl.col("arrests").rank("min", descending=True).cast(pl.Int64).alias("rank"),
        )
        .sort("arrests", descending=True, maintain_order=True)
    )
    leading = ["jurisdiction", "arrests", "share_pct", "rank"]
    frame = frame.select(leading + [c for c in frame.columns if c not in leading])
    listed = int(frame.get_column("arrests").sum())
    return View(
        name="jurisdictions",
        title="Arrests by jurisdiction",
        frame=frame,
        base=f"share_pct is a share of the {total:,} arrested in the operation "
        f"(the jurisdictions listed add up to {listed:,})",
        notes=figures.datasets["jurisdictions"].notes,
        bar_column="arrests",
        label_column="jurisdiction",
    )


def convictions(figures: Figures) -> View:
    arrested = figures.total("arrested")
    convicted = arrested - figures.total("no_criminal_record")
    reported = figures.total("with_criminal_records_reported")
    frame = (
        figures.frame("convictions")
        .with_columns(
            (100.0 * pl.col("people") / convicted).round(1).alias("share_pct"),
            (100.0 * pl.col("people") / arrested).round(1).alias("pct_of_arrested"),
        )
        .sort("people", descending=True, maintain_order=True)
    )
    leading = ["conviction", "people", "share_pct", "pct_of_arrested"]
    frame = frame.select(leading + [c for c in frame.columns if c not in leading])
    return View(
        name="convictions",
        title="Top convictions among those arrested",
        frame=frame,
        base=f"share_pct is a share of the {convicted:,} with a conviction ({arrested:,} - "
        f"{figures.total('no_criminal_record'):,}); the article's reported {reported:,} "
        f"does not add up. pct_of_arrested is a share of all {arrested:,}.",
        notes=figures.datasets["convictions"].notes,
        bar_column="people",
        label_column="conviction",
    )


def period_warning(row: dict[str, object]) -> str:
    """What a reader must know before comparing the two periods of one row: a period without
    a figure, or periods that differ in length or whose length the source does not give."""
    missing = [str(row[f"period_{w}"]) for w in ("a", "b") if row[f"value_{w}"] is None]
    if missing:
        return f"no data for {' and '.join(missing)}: no change can be computed"
    if row["value_a"] == 0:
        return f"{row['period_a']} is 0: no percentage change can be computed"
    days_a, days_b = period_days(row, "a"), period_days(row, "b")
    if days_a is not None and days_b is not None:
        if days_a == days_b:
            return ""
        return (
            f"periods defined differently: {row['period_a']} is {days_a} days, "
            f"{row['period_b']} is {days_b} days"
        )
    undated = [str(row[f"period_{w}"]) for w, d in (("a", days_a), ("b", days_b)) if d is None]
    if len(undated) == 1:
        dated = row["period_a"] if days_a is not None else row["period_b"]
        days = days_a if days_a is not None else days_b
        return (
            f"{undated[0]} is not dated in the source ({dated} is {days} days): "
            "whether the periods are the same length cannot be checked"
        )
    if len(undated) == 2:
        return (
            f"neither period is dated in the source: {row['period_a']} and {row['period_b']} "
            "are inferred from its wording; whether they are the same length cannot be checked"
        )
    return ""


def _warnings_by_series(rows: list[dict[str, object]]) -> tuple[str, ...]:
    """Each warning once, naming the rows it is about."""
    series: dict[str, list[str]] = {}
    for row in rows:
        if row["warning"]:
            series.setdefault(str(row["warning"]), []).append(str(row["series"]))
    return tuple(f"{', '.join(names)}: {warning}" for warning, names in series.items())


def comparisons(figures: Figures) -> View:
    source = figures.frame("comparisons")
    rows = [{**row, "warning": period_warning(row)} for row in source.iter_rows(named=True)]
    frame = pl.DataFrame(rows, schema={**source.schema, "warning": pl.String})
    # No figure for a period is no data, never 0: the change is then unknown too.
    frame = frame.with_columns(
        (pl.col("value_b") - pl.col("value_a")).alias("change"),
        change_pct("value_a", "value_b").alias("change_pct"),
    )
    leading = list(COMPARISON_COLUMNS)
    # The words each figure sits with in its quote are for checking the data, not for reading.
    checking = [c for c in frame.columns if c.startswith("quote_label")]
    rest = [c for c in frame.columns if c not in leading and c not in checking]
    frame = frame.select(leading + rest)
    return View(
        name="comparisons",
        title="January-April arrests, 2016 against 2017",
        frame=frame,
        base="change_pct is the change from period A as a share of period A",
        notes=figures.datasets["comparisons"].notes,
        label_column="series",
        warnings=_warnings_by_series(rows),
    )


def claims(figures: Figures) -> View:
    return View(
        name="claims",
        title="Claims recomputed",
        frame=evaluate_claims(figures),
        base="verdict: by the article's own figures; reference_verdict: by figures from "
        "outside the article (sources in the reference dataset)",
        notes=figures.source.notes,
    )


def article_catalog(figures: Figures) -> Catalog:
    views = [jurisdictions(figures), convictions(figures), comparisons(figures), claims(figures)]
    return Catalog(
        title=figures.source.title,
        views={view.name: view for view in views},
        datasets=figures.datasets,
        notes=figures.source.notes,
    )

"""The four views of the bundled article figures, as pure functions of the loaded Figures."""

from __future__ import annotations

import polars as pl

from tui.core.article.claims import evaluate_claims, period_days
from tui.core.article.figures import Figures
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


def comparisons(figures: Figures) -> View:
    rows = []
    for row in figures.frame("comparisons").iter_rows(named=True):
        days_a, days_b = period_days(row, "a"), period_days(row, "b")
        warning = ""
        if days_a is not None and days_b is not None and days_a != days_b:
            warning = (
                f"periods defined differently: {row['period_a']} is {days_a} days, "
                f"{row['period_b']} is {days_b} days"
            )
        rows.append({**row, "warning": warning})
    frame = pl.DataFrame(rows, schema={**figures.frame("comparisons").schema, "warning": pl.String})
    frame = frame.with_columns(
        (pl.col("value_b") - pl.col("value_a")).alias("change"),
        change_pct("value_a", "value_b").alias("change_pct"),
    )
    leading = list(COMPARISON_COLUMNS)
    frame = frame.select(leading + [c for c in frame.columns if c not in leading])
    return View(
        name="comparisons",
        title="January-April arrests, 2016 against 2017",
        frame=frame,
        base="change_pct is the change from period A as a share of period A",
        notes=figures.datasets["comparisons"].notes,
        spark_columns=("value_a", "value_b"),
        label_column="series",
        warnings=tuple(dict.fromkeys(row["warning"] for row in rows if row["warning"])),
    )


def claims(figures: Figures) -> View:
    return View(
        name="claims",
        title="The article's derived claims, recomputed",
        frame=evaluate_claims(figures),
        base="Each claim is recomputed from the article's own figures",
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

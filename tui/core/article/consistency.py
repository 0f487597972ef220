"""The tool's own consistency checks: that the article's figures agree with each other (the
jurisdictions add up, the listed convictions fit, the national periods are the same length)."""

from __future__ import annotations

from tui.core.article.figures import Figures
from tui.core.article.verdicts import (
    FAILS,
    HOLDS,
    UNVERIFIABLE,
    Outcome,
    cite,
    convicted_by_ice,
    days_between,
    period_days,
    series_row,
)

# --- the jurisdictions and the convictions listed ---------------------------------------------


def jurisdictions_sum(f: Figures) -> Outcome:
    total = int(f.frame("jurisdictions").get_column("arrests").sum())
    arrested = f.total("arrested")
    verdict = HOLDS if total == arrested else FAILS
    return Outcome(f"the ten add up to {total}; total reported: {arrested}; equal", verdict)


def jurisdictions_sum_ref(f: Figures) -> Outcome | None:
    ice = convicted_by_ice(f)
    if ice is None:
        return None
    total = int(f.frame("jurisdictions").get_column("arrests").sum())
    verdict = HOLDS if total == ice[0] else FAILS
    who = cite(f, "safe_city_arrested")
    return Outcome(f"the ten add up to {total}; {who}: {ice[0]} arrested; equal", verdict)


def convictions_within(f: Figures) -> Outcome:
    listed = int(f.frame("convictions").get_column("people").sum())
    base = f.total("arrested") - f.total("no_criminal_record")
    verdict = HOLDS if listed <= base else FAILS
    return Outcome(
        f"{listed} listed, at most the {base} with a conviction "
        f"({f.total('arrested')} - {f.total('no_criminal_record')})",
        verdict,
    )


def convictions_within_ref(f: Figures) -> Outcome | None:
    ice = convicted_by_ice(f)
    if ice is None:
        return None
    listed = int(f.frame("convictions").get_column("people").sum())
    verdict = HOLDS if listed <= ice[1] else FAILS
    who = cite(f, "safe_city_convicted")
    return Outcome(f"{listed} listed, at most the {ice[1]} with a conviction ({who})", verdict)


def _length(row: dict[str, object], which: str) -> str:
    days = period_days(row, which)
    label = row[f"period_{which}"]
    return f"{label}: {days} days" if days is not None else f"{label}: no dates in the article"


def periods_alike(f: Figures) -> Outcome:
    row = series_row(f, "National ICE arrests")
    days_a, days_b = period_days(row, "a"), period_days(row, "b")
    text = f"{_length(row, 'a')}; {_length(row, 'b')}"
    if days_a is None or days_b is None:
        return Outcome(f"{text}; the lengths cannot be compared", UNVERIFIABLE)
    return Outcome(f"{text}; equal lengths", HOLDS if days_a == days_b else FAILS)


def periods_alike_ref(f: Figures) -> Outcome | None:
    rows = [f.reference(i) for i in ("national_arrests_2017", "national_arrests_2016")]
    lengths = []
    for row in rows:
        if row is None:
            return None
        days = days_between(row["period_start"], row["period_end"])
        if days is None:
            return Outcome("ICE's periods are given without dates", UNVERIFIABLE)
        lengths.append(f"{row['period']}: {days} days")
    equal = len(set(length.split(": ")[1] for length in lengths)) == 1
    who = cite(f, "national_arrests_2017")
    return Outcome(f"{who}: {'; '.join(lengths)}; equal lengths", HOLDS if equal else FAILS)

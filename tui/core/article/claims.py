"""Recompute every derived statement of the article from its own figures and give a verdict."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import polars as pl

from tui.core.article.figures import Figures
from tui.core.article.validate import file_row
from tui.core.errors import DataError

HOLDS, FAILS, UNVERIFIABLE = "holds", "fails", "unverifiable"

# How far a figure may sit from the article's round number and still be fair to it.
ROUGHLY_POINTS = 2.0
NEARLY_SHORTFALL = 0.10


@dataclass(frozen=True)
class Outcome:
    computed: str
    verdict: str


def _pct(part: float, whole: float) -> float:
    return 100.0 * part / whole


def _roughly(actual: float, stated: float) -> str:
    return HOLDS if abs(actual - stated) <= ROUGHLY_POINTS else FAILS


def _nearly(actual: float, stated: float) -> str:
    return HOLDS if stated * (1 - NEARLY_SHORTFALL) <= actual <= stated else FAILS


def _series(figures: Figures, name: str) -> dict[str, object]:
    rows = figures.frame("comparisons").filter(pl.col("series") == name).to_dicts()
    if len(rows) != 1:
        raise DataError(
            f"needs exactly one row for series {name!r}",
            file=figures.datasets["comparisons"].file,
            column="series",
        )
    return rows[0]


def _growth(row: dict[str, object]) -> tuple[int, int, float]:
    before, after = int(str(row["value_a"])), int(str(row["value_b"]))
    return before, after, _pct(after - before, before)


def _no_record_share(f: Figures) -> Outcome:
    no_record, arrested = f.total("no_criminal_record"), f.total("arrested")
    share = _pct(no_record, arrested)
    return Outcome(f"{share:.1f}% ({no_record} of {arrested})", _roughly(share, 36))


def _with_records(f: Figures) -> Outcome:
    arrested, no_record = f.total("arrested"), f.total("no_criminal_record")
    reported = f.total("with_criminal_records_reported")
    computed = arrested - no_record
    verdict = HOLDS if computed == reported else FAILS
    return Outcome(
        f"{computed} ({arrested} - {no_record}), not {reported}"
        if verdict == FAILS
        else f"{computed} ({arrested} - {no_record})",
        verdict,
    )


def _nearly_200(f: Figures) -> Outcome:
    no_record = f.total("no_criminal_record")
    return Outcome(f"{no_record}", _nearly(no_record, 200))


def _jurisdictions_sum(f: Figures) -> Outcome:
    total = int(f.frame("jurisdictions").get_column("arrests").sum())
    arrested = f.total("arrested")
    verdict = HOLDS if total == arrested else FAILS
    return Outcome(f"{total} (total reported: {arrested})", verdict)


def _dui_largest(f: Figures) -> Outcome:
    ranked = f.frame("convictions").sort("people", descending=True)
    people = ranked.get_column("people").to_list()
    top = str(ranked.get_column("conviction")[0])
    runner_up = people[1] if len(people) > 1 else 0
    verdict = (
        HOLDS if "driving under the influence" in top.lower() and people[0] > runner_up else FAILS
    )
    return Outcome(f"{top}: {people[0]} (next largest: {runner_up})", verdict)


def _convictions_within(f: Figures) -> Outcome:
    listed = int(f.frame("convictions").get_column("people").sum())
    base = f.total("arrested") - f.total("no_criminal_record")
    verdict = HOLDS if listed <= base else FAILS
    return Outcome(f"{listed} listed of {base} with a conviction", verdict)


def _national_40(f: Figures) -> Outcome:
    before, after, growth = _growth(_series(f, "National ICE arrests"))
    return Outcome(f"+{growth:.1f}% ({before:,} to {after:,})", _nearly(growth, 40))


def period_days(row: dict[str, object], which: str) -> int | None:
    start, end = row.get(f"period_{which}_start"), row.get(f"period_{which}_end")
    if not start or not end:
        return None
    return (date.fromisoformat(str(end)) - date.fromisoformat(str(start))).days + 1


def _periods_alike(f: Figures) -> Outcome:
    row = _series(f, "National ICE arrests")
    days_a, days_b = period_days(row, "a"), period_days(row, "b")
    if days_a is None or days_b is None:
        return Outcome("period dates not given", UNVERIFIABLE)
    text = f"{row['period_a']}: {days_a} days; {row['period_b']}: {days_b} days"
    return Outcome(text, HOLDS if days_a == days_b else FAILS)


def _ny_31(f: Figures) -> Outcome:
    before, after, growth = _growth(_series(f, "New York overall arrests"))
    return Outcome(f"+{growth:.1f}% ({before:,} to {after:,})", _roughly(growth, 31))


def _ny_doubled(f: Figures) -> Outcome:
    before, after, _ = _growth(_series(f, "New York non-criminal arrests"))
    ratio = after / before
    return Outcome(f"x{ratio:.2f} ({before:,} to {after:,})", HOLDS if ratio > 2 else FAILS)


def _over_25(_: Figures) -> Outcome:
    return Outcome("no count of national arrests without a criminal record is given", UNVERIFIABLE)


CHECKS: dict[str, Callable[[Figures], Outcome]] = {
    "no_record_share": _no_record_share,
    "with_records_387": _with_records,
    "nearly_200_no_conviction": _nearly_200,
    "jurisdictions_sum": _jurisdictions_sum,
    "dui_largest": _dui_largest,
    "convictions_within_records": _convictions_within,
    "national_nearly_40": _national_40,
    "national_periods_alike": _periods_alike,
    "ny_about_31": _ny_31,
    "ny_noncriminal_doubled": _ny_doubled,
    "national_over_25_no_record": _over_25,
}


def evaluate_claims(figures: Figures) -> pl.DataFrame:
    """One row per claim in the data, in the data's order: claim, quote, computed, verdict."""
    dataset = figures.datasets["claims"]
    rows = []
    for index, claim in enumerate(dataset.frame.iter_rows(named=True)):
        check = CHECKS.get(str(claim["claim_id"]))
        if check is None:
            raise DataError(
                f"no check is known for claim {claim['claim_id']!r}",
                file=dataset.file,
                row=file_row(index),
                column="claim_id",
                hint=f"use one of: {', '.join(CHECKS)}",
            )
        outcome = check(figures)
        rows.append(
            {
                "claim": claim["claim"],
                "quote": claim["quote"],
                "computed": outcome.computed,
                "verdict": outcome.verdict,
                "claim_id": claim["claim_id"],
            }
        )
    schema = dict.fromkeys(("claim", "quote", "computed", "verdict", "claim_id"), pl.String)
    return pl.DataFrame(rows, schema=schema)

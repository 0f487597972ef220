"""What a claim's check gives (an `Outcome`, a `Check`), the verdicts and the rules that are
fair to the article's round numbers, and the lookups of the figures the checks recompute from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import polars as pl

from tui.core.article.figures import Figures
from tui.core.errors import DataError

HOLDS, FAILS, UNVERIFIABLE = "holds", "fails", "unverifiable"

# How far a figure may sit from the article's round number and still be fair to it.
ROUGHLY_POINTS = 2.0
NEARLY_SHORTFALL = 0.10


@dataclass(frozen=True)
class Outcome:
    computed: str
    verdict: str


@dataclass(frozen=True)
class Check:
    """A claim's rule: against the article's figures, and, if it can be, against the reference."""

    article: Callable[[Figures], Outcome]
    reference: Callable[[Figures], Outcome | None] | None = None


def pct(part: float, whole: float) -> float:
    return 100.0 * part / whole


def roughly(actual: float, stated: float) -> str:
    return HOLDS if abs(actual - stated) <= ROUGHLY_POINTS else FAILS


def roughly_rule(stated: float, word: str = "roughly") -> str:
    return f"'{word} {stated:g}': within {ROUGHLY_POINTS:g} points"


def nearly(actual: float, stated: float) -> str:
    return HOLDS if stated * (1 - NEARLY_SHORTFALL) <= actual <= stated else FAILS


def nearly_rule(stated: float, unit: str = "") -> str:
    low = stated * (1 - NEARLY_SHORTFALL)
    return f"'nearly {stated:g}': {low:g}{unit} to {stated:g}{unit} (within 10% below)"


def series_row(figures: Figures, name: str) -> dict[str, object]:
    rows = figures.frame("comparisons").filter(pl.col("series") == name).to_dicts()
    if len(rows) != 1:
        raise DataError(
            f"needs exactly one row for series {name!r}",
            file=figures.datasets["comparisons"].file,
            column="series",
        )
    return rows[0]


def series_values(row: dict[str, object]) -> tuple[int, int] | None:
    if row["value_a"] is None or row["value_b"] is None:
        return None
    return int(str(row["value_a"])), int(str(row["value_b"]))


def no_data(row: dict[str, object]) -> Outcome:
    return Outcome(f"no figure for one of the periods of {row['series']}", UNVERIFIABLE)


def reference_values(f: Figures, *ids: str) -> list[int] | None:
    """The reference figures named, or None if any is missing (the data may have none)."""
    values = [f.reference_value(figure_id) for figure_id in ids]
    return None if any(v is None for v in values) else [int(v or 0) for v in values]


def cite(f: Figures, figure_id: str) -> str:
    """Whose figure it is, briefly: the reference row names its source in full."""
    row = f.reference(figure_id)
    return f"ICE, {row['source_date']}" if row is not None else "ICE"


def cite_crains(f: Figures) -> str:
    row = f.reference("nyc_aor_convicted_2017")
    return f"Crain's, {row['source_date']}" if row is not None else "Crain's"


def convicted_by_ice(f: Figures) -> tuple[int, int] | None:
    found = reference_values(f, "safe_city_arrested", "safe_city_convicted")
    return None if found is None else (found[0], found[1])


def days_between(start: object, end: object) -> int | None:
    """Days in a period, both ends counted; None when either end is not given."""
    if not start or not end:
        return None
    return (date.fromisoformat(str(end)) - date.fromisoformat(str(start))).days + 1


def period_days(row: dict[str, object], which: str) -> int | None:
    return days_between(row.get(f"period_{which}_start"), row.get(f"period_{which}_end"))

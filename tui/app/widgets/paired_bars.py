"""Period A against period B as two bars on one scale from zero, each labelled with its value.

Two figures drawn as a two-point sparkline say nothing (both `▆█`, whatever the change); two
bars of the same series on one zero-based scale show how much larger one is. Where the periods
differ in length the counts a day are shown beside the totals, and a period the source gives
no dates for is said to be undated: no rate is made up for it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from rich.cells import cell_len
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from tui.app.widgets.cells import bar, fit
from tui.core.formatting import format_value, printable

NO_DATA = "no data"
STYLES = {"a": "cyan", "b": "bold magenta"}
#: Below this, the bar gives way to the numbers.
MIN_BAR = 10
MAX_BAR = 48


@dataclass(frozen=True)
class PeriodFigure:
    label: str
    value: float | None
    days: int | None


@dataclass(frozen=True)
class Pair:
    series: str
    a: PeriodFigure
    b: PeriodFigure

    @property
    def top(self) -> float:
        return max((v for v in (self.a.value, self.b.value) if v is not None), default=0.0)


def _as_date(value: object) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def period_days(row: Mapping[str, object], which: str) -> int | None:
    """Days in period `which` ("a" or "b") of a comparisons row, if the row dates it."""
    start = _as_date(row.get(f"period_{which}_start"))
    end = _as_date(row.get(f"period_{which}_end"))
    return None if start is None or end is None else (end - start).days + 1


def pair_from_row(row: Mapping[str, object], label_column: str = "series") -> Pair:
    def figure(which: str) -> PeriodFigure:
        value = row.get(f"value_{which}")
        return PeriodFigure(
            label=str(row.get(f"period_{which}") or which.upper()),
            value=float(value) if isinstance(value, int | float) else None,
            days=period_days(row, which),
        )

    return Pair(str(row.get(label_column) or ""), figure("a"), figure("b"))


def length_text(pair: Pair, figure: PeriodFigure) -> str:
    """`98 days`, with the count a day when the two lengths are known and differ; `undated`
    when the source gives no dates (no rate can be made up then)."""
    if figure.days is None:
        return "undated"
    text = f"{figure.days:,} days"
    other = pair.b if figure is pair.a else pair.a
    if other.days is not None and other.days != figure.days and figure.value is not None:
        text += f", {figure.value / figure.days:,.1f} a day"
    return text


def pairs_text(pairs: Sequence[Pair], width: int) -> Text:
    """Each pair as a title line and two bars (A, B) on the pair's own scale from zero."""
    if not pairs:
        return Text("")
    labels = max(cell_len(printable(f.label)) for p in pairs for f in (p.a, p.b))
    values = max(cell_len(_value(f.value)) for p in pairs for f in (p.a, p.b))
    lengths = max(cell_len(length_text(p, f)) for p in pairs for f in (p.a, p.b))
    fixed = 2 + 2 + labels + 1 + 1 + values + 2 + lengths
    bar_width = max(MIN_BAR, min(MAX_BAR, width - fixed))
    text = Text(no_wrap=True, overflow="ellipsis")
    for index, pair in enumerate(pairs):
        if index:
            text.append("\n")
        text.append(printable(pair.series), style="bold")
        text.append("  A and B on one scale from 0\n", style="dim")
        for which, figure in (("a", pair.a), ("b", pair.b)):
            drawn = bar(figure.value, pair.top, bar_width) if figure.value is not None else ""
            text.append(f"  {which.upper()} ", style=STYLES[which])
            text.append(fit(printable(figure.label), labels) + " ")
            text.append(fit(drawn, bar_width), style=STYLES[which])
            text.append(" " + fit(_value(figure.value), values, right=True))
            text.append("  " + length_text(pair, figure), style="dim")
            if which == "a":
                text.append("\n")
    return text


def _value(value: float | None) -> str:
    if value is None:
        return NO_DATA
    return format_value(int(value) if float(value).is_integer() else value)


class PairedBars(Widget):
    """The pairs of the rows given, drawn to the widget's width."""

    DEFAULT_CSS = "PairedBars { height: auto; }"

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.pairs: tuple[Pair, ...] = ()

    def show_pairs(self, pairs: Sequence[Pair]) -> None:
        self.pairs = tuple(pairs)
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 3 * len(self.pairs)

    def render(self) -> Text:
        return pairs_text(self.pairs, self.size.width)

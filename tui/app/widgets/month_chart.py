"""One series month by month, period A and period B overlaid: a column chart from Rich segments.

Month 1 of A stands beside month 1 of B, and so on; heights start at zero on one scale, the
axis gives the scale's top, and every column's value is printed under it. A month the data
covers only in part is marked `*` (a last month cut short must not read as a drop); a month
the period covers only in part is marked `†`, since its column counts the whole month.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from tui.app.widgets.cells import fit
from tui.app.widgets.paired_bars import STYLES
from tui.core.formatting import EMPTY, format_value, printable
from tui.core.model import Period
from tui.core.records.periods import label

HEIGHT = 6
BLOCKS = " ▁▂▃▄▅▆▇█"
PARTIAL_DATA = "*"
PARTIAL_PERIOD = "†"


@dataclass(frozen=True)
class MonthValue:
    month: str  # YYYY-MM
    value: int | None
    partial_data: bool
    partial_period: bool

    @property
    def marks(self) -> str:
        return (PARTIAL_DATA if self.partial_data else "") + (
            PARTIAL_PERIOD if self.partial_period else ""
        )


@dataclass(frozen=True)
class MonthSeries:
    series: str
    noun: str
    periods: tuple[Period, Period]
    a: tuple[MonthValue, ...]
    b: tuple[MonthValue, ...]
    partial_data: tuple[str, ...]

    @property
    def top(self) -> int:
        return max((m.value or 0 for m in (*self.a, *self.b)), default=0)


def months_of(period: Period) -> list[str]:
    (start, end), names = period, []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        names.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return names


def _cut_by(period: Period) -> set[str]:
    """The months at the period's ends that it covers only in part."""
    start, end = period
    cut = set()
    if start.day != 1:
        cut.add(f"{start.year:04d}-{start.month:02d}")
    if end.day != calendar.monthrange(end.year, end.month)[1]:
        cut.add(f"{end.year:04d}-{end.month:02d}")
    return cut


def month_series(
    row: Mapping[str, object],
    *,
    months: Sequence[str],
    periods: tuple[Period, Period],
    partial_months: Sequence[str],
    label_column: str = "series",
    noun: str = "",
) -> MonthSeries:
    """The row's month columns that fall in each period (a month with no column: no data)."""
    known = set(months)

    def values(period: Period) -> tuple[MonthValue, ...]:
        cut = _cut_by(period)
        out = []
        for name in months_of(period):
            raw = row.get(name) if name in known else None
            out.append(
                MonthValue(
                    name,
                    int(raw) if isinstance(raw, int | float) else None,
                    name in partial_months,
                    name in cut,
                )
            )
        return tuple(out)

    return MonthSeries(
        str(row.get(label_column) or ""),
        noun,
        periods,
        values(periods[0]),
        values(periods[1]),
        tuple(partial_months),
    )


def _tick(a: MonthValue | None, b: MonthValue | None) -> str:
    """Jan when both columns are the same calendar month, else the months' numbers in order."""
    names = [m.month for m in (a, b) if m is not None]
    if len({n[5:] for n in names}) == 1:
        return calendar.month_abbr[int(names[0][5:])]
    return "/".join(calendar.month_abbr[int(n[5:])] for n in names)


def _value_text(month: MonthValue | None) -> str:
    if month is None:
        return ""
    return (EMPTY if month.value is None else format_value(month.value)) + month.marks


def _column(eighths: int, row: int) -> str:
    """The block for one cell of a column `eighths` high, `row` counted from the top."""
    filled = eighths - (HEIGHT - 1 - row) * 8
    return BLOCKS[max(0, min(8, filled))]


def _eighths(value: int | None, top: int) -> int:
    if value is None or value <= 0 or top <= 0:
        return 0
    return max(1, round(8 * HEIGHT * value / top))


def chart_text(data: MonthSeries, width: int) -> Text:
    positions = max(len(data.a), len(data.b))
    pairs = [
        (
            data.a[i] if i < len(data.a) else None,
            data.b[i] if i < len(data.b) else None,
        )
        for i in range(positions)
    ]
    top = data.top
    axis = max(cell_len(format_value(top)), 1)
    cell = max(
        [7, *(cell_len(_value_text(m)) + 1 for pair in pairs for m in pair if m is not None)]
    )
    cell = max(cell, *(cell_len(_tick(a, b)) + 1 for a, b in pairs)) if pairs else cell
    fitting = max(1, (width - axis - 5) // cell)
    hidden = max(0, positions - fitting)
    pairs = pairs[:fitting]

    text = Text(no_wrap=True, overflow="ellipsis")
    noun = f" {data.noun}" if data.noun else ""
    text.append(f"Monthly{noun}, {printable(data.series)}: ", style="bold")
    text.append("▆ A ", style=STYLES["a"])
    text.append(label(data.periods[0]))
    text.append("  against  ")
    text.append("▆ B ", style=STYLES["b"])
    text.append(label(data.periods[1]) + "\n")
    for row in range(HEIGHT):
        tick = format_value(top) if row == 0 else ""
        text.append(fit(tick, axis, right=True) + (" ┤" if tick else " │"), style="dim")
        for a, b in pairs:
            # The two columns of a month side by side, centred in its cell.
            pad = (cell - 5) // 2
            text.append(" " * (pad + 1))
            text.append(_column(_eighths(a.value if a else None, top), row) * 2, style=STYLES["a"])
            text.append(" ")
            text.append(_column(_eighths(b.value if b else None, top), row) * 2, style=STYLES["b"])
            text.append(" " * (cell - pad - 5))
        text.append("\n")
    text.append(fit("0", axis, right=True) + " └" + "─" * (cell * len(pairs)) + "\n", style="dim")
    text.append(" " * (axis + 2))
    for a, b in pairs:
        text.append(fit(_tick(a, b), cell, right=True))
    for which, style in (("A", STYLES["a"]), ("B", STYLES["b"])):
        text.append("\n" + fit(which, axis, right=True) + "  ", style=style)
        for a, b in pairs:
            text.append(fit(_value_text(a if which == "A" else b), cell, right=True))
    legend = []
    if any(m.partial_data for m in (*data.a, *data.b)):
        legend.append(f"{PARTIAL_DATA} the data covers only part of the month")
    if any(m.partial_period for m in (*data.a, *data.b)):
        legend.append(
            f"{PARTIAL_PERIOD} the period covers only part of it: the whole month counted"
        )
    if any(m.value is None for m in (*data.a, *data.b)):
        legend.append(f"{EMPTY} no data for the month")
    if hidden:
        legend.append(f"{hidden} more months beyond the width")
    if legend:
        text.append("\n" + "; ".join(legend), style="dim")
    return text


class MonthChart(Widget):
    DEFAULT_CSS = "MonthChart { height: auto; }"

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.data: MonthSeries | None = None

    def show_series(self, data: MonthSeries | None) -> None:
        self.data = data
        self.display = data is not None
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if self.data is None:
            return 0
        return len(chart_text(self.data, width).plain.splitlines())

    def render(self) -> Text:
        return Text("") if self.data is None else chart_text(self.data, self.size.width)

"""A horizontal bar chart of label/value rows, drawn as plain text (labels never as markup)."""

from __future__ import annotations

import polars as pl
from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static

from tui.app.widgets.cells import bar, fit
from tui.core.formatting import display_value, printable

LABEL_WIDTH = 38
BAR_WIDTH = 40
MIN_BAR = 10


def chart_text(
    frame: pl.DataFrame,
    label: str,
    value: str,
    *,
    limit: int = 30,
    width: int | None = None,
    top: float | None = None,
) -> Text:
    """Label, bar and value on one line each; in `width` cells, the bar gives way first (the
    values never wrap). Bars run from 0 to `top` (the whole table's largest, so a filtered
    chart keeps the scale it had), or to the largest row drawn."""
    rows = frame.select(label, value).head(limit).rows()
    if top is None:
        top = max((float(v) for _, v in rows if v is not None), default=0.0)
    label_width = min(LABEL_WIDTH, max((cell_len(printable(str(n))) for n, _ in rows), default=0))
    value_width = max((cell_len(display_value(v, value)) for _, v in rows), default=0)
    bar_width = BAR_WIDTH
    if width:
        bar_width = max(MIN_BAR, min(BAR_WIDTH, width - label_width - value_width - 2))
        label_width = max(8, min(label_width, width - bar_width - value_width - 2))
    text = Text()
    for name, amount in rows:
        text.append(fit(printable(str(name)), label_width) + " ")
        text.append(fit(bar(amount, top, bar_width), bar_width), style="bold")
        text.append(" " + display_value(amount, value) + "\n")
    if frame.height > limit:
        text.append(f"… and {frame.height - limit:,} more rows in the table\n", style="dim")
    return text


class BarChart(Static):
    _plotted: tuple[pl.DataFrame, str, str, float | None] | None = None

    def plot(self, frame: pl.DataFrame, label: str, value: str, top: float | None = None) -> None:
        self._plotted = (frame, label, value, top)
        width = self.content_region.width or None
        self.update(chart_text(frame, label, value, width=width, top=top))

    def on_resize(self) -> None:
        if self._plotted is not None:
            self.plot(*self._plotted)

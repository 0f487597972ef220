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


def chart_text(frame: pl.DataFrame, label: str, value: str, *, limit: int = 30) -> Text:
    rows = frame.select(label, value).head(limit).rows()
    top = max((float(v) for _, v in rows if v is not None), default=0.0)
    width = min(LABEL_WIDTH, max((cell_len(printable(str(n))) for n, _ in rows), default=0))
    text = Text()
    for name, amount in rows:
        text.append(fit(printable(str(name)), width) + " ")
        text.append(fit(bar(amount, top, BAR_WIDTH), BAR_WIDTH), style="bold")
        text.append(" " + display_value(amount, value) + "\n")
    if frame.height > limit:
        text.append(f"… and {frame.height - limit:,} more rows in the table\n", style="dim")
    return text


class BarChart(Static):
    def plot(self, frame: pl.DataFrame, label: str, value: str) -> None:
        self.update(chart_text(frame, label, value))

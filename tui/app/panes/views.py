"""The three panes of aggregated views: jurisdictions, convictions and period comparisons."""

from __future__ import annotations

import polars as pl
from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Sparkline, Static

from tui.app.panes.table_pane import TablePane
from tui.app.widgets.bar_chart import BarChart
from tui.app.widgets.frame_table import FrameTable
from tui.core.formatting import printable
from tui.core.model import Catalog, View


class ViewPane(TablePane):
    """A pane showing one named view of the catalogue."""

    view_name = ""

    def __init__(self, *, id: str | None = None, table: FrameTable | None = None) -> None:
        super().__init__(export_name=self.view_name, table=table, id=id)
        self.view: View | None = None

    def show_catalog(self, catalog: Catalog) -> None:
        self.view = catalog.views.get(self.view_name)
        if self.view is None:
            why = catalog.unavailable.get(self.view_name)
            self.set_source(
                pl.DataFrame(), summary=why or f"No {self.view_name} view in this data."
            )
            return
        self.table.bar_column = self.view.bar_column
        self.table.spark_columns = self.view.spark_columns
        self.set_source(self.view.frame, summary=self.summary(self.view))

    def summary(self, view: View) -> str:
        return f"{view.title} — {view.base}"


class JurisdictionsPane(ViewPane):
    view_name = "jurisdictions"

    def summary(self, view: View) -> str:
        frame, count = view.frame, view.bar_column
        if count is None or count not in frame.columns:
            return super().summary(view)
        total = int(frame.get_column(count).sum()) if frame.height else 0
        return f"{view.title}: {total:,} {count} in {frame.height:,} jurisdictions. {view.base}."


class ConvictionsPane(ViewPane):
    view_name = "convictions"

    def compose_footer(self) -> ComposeResult:
        yield from super().compose_footer()
        yield BarChart(classes="chart")
        yield Static(classes="notes")

    def show_catalog(self, catalog: Catalog) -> None:
        super().show_catalog(catalog)
        notes = self.view.notes if self.view else ()
        self.query_one(".notes", Static).update(Text(printable(" ".join(notes)), style="italic"))

    def on_shown_changed(self) -> None:
        if self.view is None or self.view.label_column is None or self.view.bar_column is None:
            return
        self.query_one(BarChart).plot(self.shown, self.view.label_column, self.view.bar_column)


class ComparisonsPane(ViewPane):
    view_name = "comparisons"

    def compose_header(self) -> ComposeResult:
        yield from super().compose_header()
        yield Static(classes="warning")

    def compose_footer(self) -> ComposeResult:
        yield from super().compose_footer()
        yield Static(classes="spark-label")
        yield Sparkline([], classes="across")

    def show_catalog(self, catalog: Catalog) -> None:
        super().show_catalog(catalog)
        warning = self.query_one(".warning", Static)
        if self.view is not None:
            warnings = self.view.warnings
            warning.update(Text(printable("⚠ " + "; ".join(warnings)) if warnings else ""))
            warning.set_class(bool(warnings), "shown")
        self._plot_across(catalog)

    def _plot_across(self, catalog: Catalog) -> None:
        """Arrests across the jurisdictions, in the order of the jurisdictions view."""
        view = catalog.views.get("jurisdictions")
        label = self.query_one(".spark-label", Static)
        line = self.query_one(Sparkline)
        if (
            view is None
            or view.frame.height == 0
            or view.label_column is None
            or view.bar_column is None
        ):
            label.update("")
            line.data = []
            return
        count = view.bar_column
        names = view.frame.get_column(view.label_column).to_list()
        values = view.frame.get_column(count).to_list()
        line.data = [float(v or 0) for v in values]
        first, last = names[0], names[-1]
        label.update(
            Text(
                printable(
                    f"{count} across {len(names):,} jurisdictions, from "
                    f"{first} ({values[0]:,}) to {last} ({values[-1]:,})"
                )
            )
        )

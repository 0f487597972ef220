"""The three panes of aggregated views: jurisdictions, convictions and period comparisons."""

from __future__ import annotations

import polars as pl
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from tui.app.panes.table_pane import TablePane
from tui.app.widgets.bar_chart import BarChart
from tui.app.widgets.frame_table import FrameTable
from tui.app.widgets.month_chart import MonthChart, month_series
from tui.app.widgets.paired_bars import PairedBars, pair_from_row
from tui.core.errors import EnforceError, one_line
from tui.core.formatting import plural, printable
from tui.core.model import Catalog, View
from tui.core.open import view_ready, warm_view
from tui.core.records.mapped_views import DECIMALS


class ViewPane(TablePane):
    """A pane showing one named view of the catalogue."""

    view_name = ""

    def __init__(self, *, id: str | None = None, table: FrameTable | None = None) -> None:
        super().__init__(export_name=self.view_name, table=table, id=id)
        self.view: View | None = None
        self.files: list[str] = []

    def show_catalog(self, catalog: Catalog) -> None:
        if not view_ready(catalog, self.view_name):
            # Built in a thread: a pane switch paints at once, the view follows.
            self.view = None
            self.set_source(pl.DataFrame(), summary=f"Computing the {self.view_name} view…")
            self._build(catalog)
            return
        self.view = catalog.views.get(self.view_name)
        self.files = [d.file for d in catalog.datasets.values() if d.file]
        if self.view is None:
            why = catalog.unavailable.get(self.view_name)
            self.set_source(
                pl.DataFrame(), summary=why or f"No {self.view_name} view in this data."
            )
            return
        self.table.bar_column = self.view.bar_column
        self.table.spark_columns = self.view.spark_columns
        self.table.label_column = self.view.label_column
        self.set_source(self.view.frame, summary=self.summary(self.view))

    @work(thread=True, exclusive=True, group="view", exit_on_error=False)
    def _build(self, catalog: Catalog) -> Catalog:
        warm_view(catalog, self.view_name)
        return catalog

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "view":
            return
        event.stop()
        if event.state == WorkerState.SUCCESS:
            catalog = event.worker.result
            if catalog is self.app.catalog:  # type: ignore[attr-defined]
                self.show_catalog(catalog)
        elif event.state == WorkerState.ERROR:
            error = event.worker.error
            message = str(error) if isinstance(error, EnforceError) else repr(error)
            self.set_source(pl.DataFrame(), summary=one_line(message))
            self.notify(
                printable(one_line(message)),
                title="Could not compute",
                severity="error",
                markup=False,
                timeout=30,
            )

    def summary(self, view: View) -> str:
        return f"{view.title} — {view.base}"

    def detail_title(self) -> str:
        return self.view.title if self.view is not None else self.export_name

    def row_fields(self, row: int) -> list[tuple[str, object]]:
        fields = super().row_fields(row)
        if fields and self.files and "quote" not in self.table.frame.columns:
            # An aggregate of record files: which files it counts (a row has no single line).
            fields.append(("computed from", "; ".join(self.files)))
        return fields


def warned(view: View, text: str) -> str:
    """The view's warnings, one ⚠ line each, above its text (a pane without a warning line)."""
    return "".join(f"⚠ {w}\n" for w in view.warnings) + text


def _sum(frame: pl.DataFrame, column: str) -> float:
    return float(frame.get_column(column).sum() or 0) if frame.height else 0.0


def _total(total: float, fractional: bool) -> str:
    """A total with the decimals the view keeps (a fractional count's), else whole."""
    return f"{total:,.{DECIMALS}f}" if fractional else f"{int(total):,}"


class JurisdictionsPane(ViewPane):
    view_name = "jurisdictions"

    def summary(self, view: View) -> str:
        frame, count, label = view.frame, view.bar_column, view.label_column
        if count is None or count not in frame.columns:
            return warned(view, super().summary(view))
        # The row of missing places (NA, empty) is no place: counted apart.
        missing = pl.col(label).is_null() if label in frame.columns else pl.lit(False)
        known = frame.filter(~missing)
        values = (
            f"{plural(known.height, 'value')} of {view.label_values}"
            if view.label_values
            else plural(known.height, "jurisdiction")
        )
        fractional = frame.schema[count].is_float()
        # The total before rounding, when the view gives it: not the sum of rounded rows.
        total = view.total if view.total is not None else _sum(frame, count)
        text = f"{view.title}: {_total(total, fractional)} {count} in {values}"
        if known.height < frame.height:
            without = _sum(frame.filter(missing), count)
            text = (
                f"{view.title}: {_total(total, fractional)} {count}, "
                f"{_total(total - without, fractional)} in {values}, plus "
                f"{_total(without, fractional)} with no {view.label_values or 'jurisdiction'}"
            )
        return warned(view, f"{text}. {view.base}.")


class ConvictionsPane(ViewPane):
    view_name = "convictions"

    def compose_footer(self) -> ComposeResult:
        yield from super().compose_footer()
        yield BarChart(classes="chart")
        yield Static(classes="notes")

    def summary(self, view: View) -> str:
        return warned(view, super().summary(view))

    def show_catalog(self, catalog: Catalog) -> None:
        super().show_catalog(catalog)
        view = self.view
        # A warning is said above the table: not again in the notes under it.
        notes = [n for n in view.notes if n not in view.warnings] if view else []
        self.query_one(".notes", Static).update(Text(printable(" ".join(notes)), style="italic"))

    def on_shown_changed(self) -> None:
        if self.view is None or self.view.label_column is None or self.view.bar_column is None:
            return
        chart = self.query_one(BarChart)
        chart.plot(self.shown, self.view.label_column, self.view.bar_column, top=self.bar_top)


class ComparisonsPane(ViewPane):
    """Period A against period B: the table, the pairs as bars on one scale from zero and, for
    record files, the selected row month by month with both periods overlaid."""

    view_name = "comparisons"
    #: Without month columns (the bundled figures), every pair is drawn, up to this many.
    MAX_PAIRS = 6

    def __init__(self, *, id: str | None = None) -> None:
        # Narrow, the month sparkline follows the change, before the further counts.
        super().__init__(id=id, table=FrameTable(spark_after="change_pct"))

    def compose_header(self) -> ComposeResult:
        yield from super().compose_header()
        yield Static(classes="warning")

    def compose_footer(self) -> ComposeResult:
        yield from super().compose_footer()
        yield PairedBars(classes="pairs")
        yield MonthChart(classes="months")

    def show_catalog(self, catalog: Catalog) -> None:
        # A period the same on every row is said once, by the title in the description, not
        # once a row (it pushed value_b and change off an 80-column screen). Export and the
        # row detail keep the columns.
        ready = view_ready(catalog, self.view_name)
        view = catalog.views.get(self.view_name) if ready else None
        self.table.hidden_columns = frozenset(
            [*_constant_periods(view.frame), *_warning_said_above(view)] if view else ()
        )
        super().show_catalog(catalog)
        warning = self.query_one(".warning", Static)
        if self.view is not None:
            warnings = self.view.warnings
            # One line each: two warnings run together read as one sentence.
            warning.update(Text("\n".join(printable(f"⚠ {w}") for w in warnings)))
            warning.set_class(bool(warnings), "shown")
            self.table.spark_partial = frozenset(self.view.partial_months)
        self.draw_charts()

    def on_shown_changed(self) -> None:
        self.draw_charts()

    def show_detail(self, row: int, column: str | None) -> None:
        super().show_detail(row, column)
        if self.view is not None and self.view.spark_columns:
            self.draw_charts()

    def draw_charts(self) -> None:
        pairs = self.query_one(PairedBars)
        months = self.query_one(MonthChart)
        view = self.view
        shown = self.shown if self.source_frame.height else pl.DataFrame()
        if view is None or shown.height == 0:
            pairs.show_pairs([])
            months.show_series(None)
            return
        label = view.label_column or "series"
        # A file dated by quarters or years has no months to chart: the pairs only.
        if not view.spark_columns or view.periods is None or view.spark_unit != "month":
            rows = shown.head(self.MAX_PAIRS).iter_rows(named=True)
            pairs.show_pairs([pair_from_row(row, label) for row in rows])
            months.show_series(None)
            return
        index = min(self.table.cursor_row, shown.height - 1)
        row = shown.row(index, named=True)
        pairs.show_pairs([pair_from_row(row, label)])
        months.show_series(
            month_series(
                row,
                months=view.spark_columns,
                periods=view.periods,
                partial_months=view.partial_months,
                label_column=label,
                noun=_noun(view),
            )
        )


def _constant_periods(frame: pl.DataFrame) -> dict[str, str]:
    """The period columns holding one label on every row (more than one row), by name."""
    periods: dict[str, str] = {}
    names = ("period_a", "period_b", *(f"period_{w}_{e}" for w in "ab" for e in ("start", "end")))
    for name in names:
        if name in frame.columns and frame.height > 1:
            values = frame.get_column(name).unique()
            if values.len() == 1 and values[0] is not None:
                periods[name] = str(values[0])
    return periods


def _warning_said_above(view: View) -> list[str]:
    """The warning column, when every row holds the same one the pane states above the table
    (or none): a column of blanks or of one sentence repeated takes the numbers' room."""
    frame = view.frame
    if "warning" not in frame.columns or frame.height < 2:
        return []
    values = set(frame.get_column("warning").unique().to_list())
    return ["warning"] if len(values) == 1 and values <= {None, "", *view.warnings} else []


def _noun(view: View) -> str:
    """What the view counts ("arrests"), from its title ("Arrests per AOR: ...")."""
    first = view.title.split(" ", 1)[0].lower()
    return first if first.isalpha() else ""

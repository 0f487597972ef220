"""The Data pane: every loaded dataset by name, its raw rows, column stats and frequencies."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import ClassVar

import polars as pl
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState, get_current_worker

from tui.app.notices import tell_error
from tui.app.panes.table_pane import TablePane
from tui.app.widgets.description import Description
from tui.app.widgets.frame_table import FrameTable
from tui.core.errors import EnforceError, one_line
from tui.core.formatting import plural, printable
from tui.core.lazy import LazyDataset
from tui.core.model import Catalog, Dataset
from tui.core.tables.file_columns import FileColumns
from tui.core.tables.stats import column_stats, frequency

# A frequency table of a column with more distinct values than this is the column itself.
MAX_FREQUENCY_VALUES = 1_000_000
#: Rows read from the file for the first screen of a dataset not loaded yet.
WINDOW_ROWS = 1_000
#: Seconds between two showings of the rows read so far.
PROGRESS_EVERY = 0.3

#: What a worker of the pane gives: a dataset, its rows, the columns they leave in the file.
Read = tuple[Dataset, pl.DataFrame, FileColumns | None]


def export_stem(name: str) -> str:
    """A dataset name made safe for a file name."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-.") or "data"


class DatasetList(OptionList):
    """The list of datasets (Esc goes back to the table). Paging a list that has no size yet
    (its pane hidden, the terminal too small) raises KeyError inside Textual 8.2.8's
    OptionList: do nothing instead."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back to the rows", show=False, id="datasets.back"),
        # As in the tables: j and k move too (the table's are bound on the table only).
        Binding("j", "cursor_down", "Down", show=False, id="datasets.down"),
        Binding("k", "cursor_up", "Up", show=False, id="datasets.up"),
    ]

    def action_back(self) -> None:
        pane = next(a for a in self.ancestors if isinstance(a, DataPane))
        self.screen.set_focus(pane.table_pane.table)

    def action_page_up(self) -> None:
        if self.scrollable_content_region:
            super().action_page_up()  # type: ignore[no-untyped-call]

    def action_page_down(self) -> None:
        if self.scrollable_content_region:
            super().action_page_down()  # type: ignore[no-untyped-call]


def left_in_file(in_file: FileColumns) -> str:
    names = ", ".join(in_file.names)
    return f"{names}: too large to hold, read from the file for the rows shown"


class DatasetTable(TablePane):
    def __init__(self) -> None:
        super().__init__(export_name="data", table=FrameTable(max_text_width=48, raw=True))
        self.dataset: Dataset | None = None
        self.summary = ""

    def show_dataset(
        self,
        dataset: Dataset,
        frame: pl.DataFrame,
        *,
        rows: int | None = None,
        in_file: FileColumns | None = None,
    ) -> None:
        """Show `frame`, the dataset's rows (`in_file`: the columns it left in the file); with
        `rows`, the first of that many, the rest still being read (`more_rows` adds them,
        `all_rows` ends it)."""
        self.dataset = dataset
        self.file_columns = in_file
        self.export_name = export_stem(dataset.name)
        parts = [
            dataset.title or dataset.name,
            plural(frame.height if rows is None else rows, "row"),
        ]
        if dataset.file:
            parts.append(dataset.file)
        if dataset.units:
            parts.append(f"units: {dataset.units}")
        if in_file is not None:
            parts.append(left_in_file(in_file))
        self.reset_filter()
        self.reading = None if rows is None else (0, rows)
        self.summary = " · ".join(parts)
        self.set_source(frame, summary=self.summary)

    def more_rows(self, dataset: Dataset, frame: pl.DataFrame, in_file: FileColumns | None) -> None:
        if self.dataset is dataset and self.reading is not None:
            self._left_in_file(in_file)
            self.extend_source(frame, self.reading[1])

    def all_rows(self, dataset: Dataset, frame: pl.DataFrame, in_file: FileColumns | None) -> None:
        if self.dataset is dataset and self.reading is not None:
            self._left_in_file(in_file)
            self.finish_source(frame)
        else:
            self.show_dataset(dataset, frame, in_file=in_file)

    def _left_in_file(self, in_file: FileColumns | None) -> None:
        """The first rows came from the file whole; the rows loaded since leave these."""
        if in_file is not None and self.file_columns is None:
            self.file_columns = in_file
            self.summary = f"{self.summary} · {left_in_file(in_file)}"
            self.query_one(".summary", Description).update(Text(printable(self.summary)))

    def detail_title(self) -> str:
        return self.dataset.name if self.dataset is not None else "data"

    def row_fields(self, row: int) -> list[tuple[str, object]]:
        fields = super().row_fields(row)
        if fields and self.dataset is not None and self.dataset.file:
            number = self.table.source_row(row) + 1
            fields.append(("file", self.dataset.file))
            fields.append(("row", f"data row {number:,} (counted below the header)"))
        return fields

    def show_pending(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.reading = None
        self.file_columns = None  # the columns left in the file were the last dataset's
        self.set_source(pl.DataFrame(), summary=f"Reading {dataset.name}…")


class RowsRead(Message):
    """Rows of a dataset being read: the first window, then all rows read so far (and the
    columns they leave in the file)."""

    def __init__(
        self,
        dataset: LazyDataset,
        frame: pl.DataFrame,
        *,
        rows: int | None,
        in_file: FileColumns | None = None,
    ) -> None:
        super().__init__()
        self.dataset = dataset
        self.frame = frame
        self.in_file = in_file
        #: With the first window: how many rows there are in all.
        self.rows = rows


def is_loaded(dataset: Dataset) -> bool:
    """Whether the rows are in memory already (a records file loads on first use)."""
    return bool(getattr(dataset, "loaded", True))


class DataPane(Horizontal):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "f",
            "frequency",
            "Frequency",
            priority=True,
            tooltip="Frequency table of the column under the cursor",
            id="data.frequency",
        ),
        Binding(
            "c",
            "column_stats",
            "Column stats",
            priority=True,
            tooltip="Nulls, distinct, min and max of every column",
            id="data.stats",
        ),
        Binding(
            "b",
            "datasets",
            "Datasets",
            priority=True,
            tooltip="Go to the list of datasets (Enter opens one, Esc goes back to its rows)",
            id="data.datasets",
        ),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.datasets: dict[str, Dataset] = {}
        self.table_pane = DatasetTable()

    def compose(self) -> ComposeResult:
        yield DatasetList(classes="datasets")
        yield self.table_pane

    def show_catalog(self, catalog: Catalog) -> None:
        self.datasets = dict(catalog.datasets)
        self._refresh_list()
        if self.datasets:
            self.open_dataset(next(iter(self.datasets)))

    def _refresh_list(self) -> None:
        options = self.query_one(DatasetList)
        options.clear_options()
        options.add_options(
            Option(Text(printable(f"{name}  ({dataset.rows:,})")), id=f"dataset-{index}")
            for index, (name, dataset) in enumerate(self.datasets.items())
        )

    def add_dataset(self, dataset: Dataset) -> None:
        self.datasets[dataset.name] = dataset
        self._refresh_list()
        self.open_dataset(dataset.name)

    def open_dataset(self, name: str) -> None:
        if name not in self.datasets:
            return
        self.query_one(DatasetList).highlighted = list(self.datasets).index(name)
        dataset = self.datasets[name]
        held = dataset.held if isinstance(dataset, LazyDataset) else None
        if held is not None:
            self.table_pane.show_dataset(dataset, held[0], in_file=held[1])
            return
        if is_loaded(dataset):
            self.table_pane.show_dataset(dataset, dataset.frame)
            return
        self.table_pane.show_pending(dataset)
        if isinstance(dataset, LazyDataset) and dataset.windowed:
            self._read_in_slices(dataset)
        else:
            self._read(dataset)

    @work(thread=True, exclusive=True, group="dataset", exit_on_error=False)
    def _read(self, dataset: Dataset) -> Read:
        return dataset, dataset.frame, None

    @work(thread=True, exclusive=True, group="dataset", exit_on_error=False)
    def _read_in_slices(self, dataset: LazyDataset) -> Read | None:
        """A screenful read from the file first (a few row groups of a Parquet file), then
        every row a slice at a time, each shown as it comes."""
        worker = get_current_worker()
        first = dataset.window(0, WINDOW_ROWS)
        self.post_message(RowsRead(dataset, first, rows=dataset.rows))

        shown_at = [0.0]

        def progress(frame: pl.DataFrame, in_file: FileColumns | None) -> None:
            # A few times a second at most: each showing lays the table out again.
            now = time.monotonic()
            if not worker.is_cancelled and now - shown_at[0] >= PROGRESS_EVERY:
                shown_at[0] = now
                self.post_message(RowsRead(dataset, frame, rows=None, in_file=in_file))

        held = dataset.load_in_slices(progress, lambda: worker.is_cancelled)
        return None if held is None else (dataset, *held)

    def on_rows_read(self, message: RowsRead) -> None:
        message.stop()
        pane = self.table_pane
        dataset = message.dataset
        if pane.dataset is not dataset or dataset.loaded or dataset.held is not None:
            return  # another dataset was opened since, or all rows are in already
        if message.rows is not None:
            pane.show_dataset(dataset, message.frame, rows=message.rows)
        else:
            pane.more_rows(dataset, message.frame, message.in_file)

    def _derive(self, name: str, compute: Callable[[], pl.DataFrame], title: str) -> None:
        self.table_pane.show_pending(Dataset(name=name, title=title, frame=pl.DataFrame()))
        self._compute(name, compute, title)

    @work(thread=True, exclusive=True, group="dataset", exit_on_error=False)
    def _compute(self, name: str, compute: Callable[[], pl.DataFrame], title: str) -> Read:
        frame = compute()
        return Dataset(name=name, title=title, frame=frame), frame, None

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "dataset":
            return
        event.stop()
        if event.state == WorkerState.SUCCESS:
            if event.worker.result is None:
                return  # a read cancelled by opening another dataset
            dataset, frame, in_file = event.worker.result
            if dataset.name in self.datasets and self.datasets[dataset.name] is dataset:
                if self.table_pane.dataset is dataset:
                    self.table_pane.all_rows(dataset, frame, in_file)
            else:
                self.add_dataset(dataset)
        elif event.state == WorkerState.ERROR:
            error = event.worker.error
            message = str(error) if isinstance(error, EnforceError) else repr(error)
            pane = self.table_pane
            if pane.reading is not None and pane.dataset is not None:
                # The first rows were shown, the rest could not be read: not left looking
                # like a table still loading, nor like a whole one.
                pane.reading = None
                pane.set_source(
                    pl.DataFrame(),
                    summary=f"{pane.dataset.name}: could not read every row ({one_line(message)})",
                )
            self.notify(
                printable(one_line(message)),
                title="Could not read",
                severity="error",
                markup=False,
                timeout=30,
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.open_dataset(list(self.datasets)[event.option_index])
        self.screen.set_focus(self.table_pane.table)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option_index != event.option_list.highlighted:
            # Late news of a highlight moved since (open_dataset moves it): acting on it opened
            # the older dataset again, whose own news then opened the newer one, for ever.
            return
        name = list(self.datasets)[event.option_index]
        if self.table_pane.dataset is None or self.table_pane.dataset.name != name:
            self.open_dataset(name)

    def action_datasets(self) -> None:
        self.screen.set_focus(self.query_one(DatasetList))

    # -- derived tables -----------------------------------------------------------------------

    def _still_reading(self, what: str) -> bool:
        loading = self.table_pane.reading
        if loading is not None:
            self.notify(
                f"Still reading the rows ({loading[0]:,} of {loading[1]:,}): the {what} "
                "counts all of them once they are in.",
                title=what.capitalize(),
                severity="warning",
            )
        return loading is not None

    def _rows_and_label(self) -> tuple[pl.DataFrame, str] | None:
        """The rows the user sees (filter applied), and words saying which rows they are; None
        (told) if a column left in the file can no longer be read."""
        pane = self.table_pane
        try:
            if pane.filter_text and pane.complete:
                return pane.shown, f" where a cell contains {pane.filter_text!r}"
            return pane.source_with(), ""
        except EnforceError as error:
            tell_error(self, error, "Could not read")
            return None

    def action_frequency(self) -> None:
        source = self.table_pane.dataset
        column = self.table_pane.table.current_column
        if self._still_reading("frequency table"):
            return
        found = self._rows_and_label()
        if found is None:
            return
        frame, which = found
        if source is None or column is None or frame.height == 0:
            return
        distinct = int(frame.select(pl.col(column).approx_n_unique()).item())
        if distinct > MAX_FREQUENCY_VALUES:
            self.notify(
                printable(
                    f"{column} has about {distinct:,} distinct values: sort the column instead."
                ),
                title="Frequency",
                severity="warning",
                markup=False,
            )
            return
        self._derive(
            f"frequency of {column} in {source.name}{which}",
            lambda: frequency(frame, column),
            f"How often each value of {column} occurs in {source.name}{which}",
        )

    def action_column_stats(self) -> None:
        source = self.table_pane.dataset
        if self._still_reading("column stats"):
            return
        found = self._rows_and_label()
        if found is None:
            return
        frame, which = found
        if source is None or frame.width == 0:
            return
        self._derive(
            f"column stats of {source.name}{which}",
            lambda: column_stats(frame),
            f"Nulls, distinct values, min and max of each column of {source.name}{which}",
        )

"""The Data pane: every loaded dataset by name, and the raw rows of the one picked."""

from __future__ import annotations

import re

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.app.panes.table_pane import TablePane
from tui.app.widgets.frame_table import FrameTable
from tui.core.dataset import Dataset
from tui.core.formatting import printable
from tui.core.view import Catalog


def export_stem(name: str) -> str:
    """A dataset name made safe for a file name."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-.") or "data"


class DatasetList(OptionList):
    """The list of datasets. Paging a list that has no size yet (its pane hidden, the terminal
    too small) raises KeyError inside Textual 8.2.8's OptionList: do nothing instead."""

    def action_page_up(self) -> None:
        if self.scrollable_content_region:
            super().action_page_up()  # type: ignore[no-untyped-call]

    def action_page_down(self) -> None:
        if self.scrollable_content_region:
            super().action_page_down()  # type: ignore[no-untyped-call]


class DatasetTable(TablePane):
    def __init__(self) -> None:
        super().__init__(export_name="data", table=FrameTable(max_text_width=48))
        self.dataset: Dataset | None = None

    def show_dataset(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.export_name = export_stem(dataset.name)
        parts = [dataset.title or dataset.name, f"{dataset.rows:,} rows"]
        if dataset.file:
            parts.append(dataset.file)
        if dataset.units:
            parts.append(f"units: {dataset.units}")
        self.filter_text = ""
        self.set_source(dataset.frame, summary=" · ".join(parts))


class DataPane(Horizontal):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.datasets: dict[str, Dataset] = {}
        self.table_pane = DatasetTable()

    def compose(self) -> ComposeResult:
        yield DatasetList(classes="datasets")
        yield self.table_pane

    def show_catalog(self, catalog: Catalog) -> None:
        self.datasets = dict(catalog.datasets)
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(
            Option(Text(printable(f"{name}  ({dataset.rows:,})")), id=f"dataset-{index}")
            for index, (name, dataset) in enumerate(self.datasets.items())
        )
        if self.datasets:
            options.highlighted = 0
            self.open_dataset(next(iter(self.datasets)))

    def open_dataset(self, name: str) -> None:
        if name not in self.datasets:
            return
        names = list(self.datasets)
        self.query_one(OptionList).highlighted = names.index(name)
        self.table_pane.show_dataset(self.datasets[name])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.open_dataset(list(self.datasets)[event.option_index])
        self.screen.set_focus(self.table_pane.table)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        name = list(self.datasets)[event.option_index]
        if self.table_pane.dataset is None or self.table_pane.dataset.name != name:
            self.table_pane.show_dataset(self.datasets[name])

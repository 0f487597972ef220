"""The sheet list: a workbook's sheets, which one is shown, and a key to switch to another.

Opened with `w` (anywhere once a workbook with several sheets is open, the Data pane included)
or "Sheets…" in the palette. Each sheet shows its header row, rows and columns, and why it is
not read (a cover page, notes, side-by-side tables); ↑↓ moves, Enter reopens the file on the
highlighted sheet (the views are recomputed in the background), Esc changes nothing.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.app.screens.modal import SafeModalScreen
from tui.core.formatting import printable
from tui.core.model import Catalog
from tui.core.tables.workbook import Workbook


class SheetChosen(Message):
    """Reopen the record files on this workbook sheet (by name)."""

    def __init__(self, sheet: str) -> None:
        super().__init__()
        self.sheet = sheet


def workbook_of(catalog: Catalog | None) -> Workbook | None:
    """The workbook whose sheets can be chosen: the first opened with more than one sheet."""
    if catalog is None:
        return None
    return next((w for w in catalog.workbooks if len(w.sheets) > 1), None)


def workbook_notice(catalog: Catalog) -> str | None:
    """Said once when a workbook of several sheets opens: what is shown, what was skipped."""
    workbook = workbook_of(catalog)
    if workbook is None:
        return None
    return f"{workbook.summary()}. Press w to see every sheet and choose another."


class SheetsDialog(SafeModalScreen[str]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "choose", "Show this sheet", priority=True, id="sheets.choose"),
        Binding("escape", "cancel", "Cancel", id="sheets.cancel"),
    ]

    def __init__(self, workbook: Workbook) -> None:
        super().__init__()
        self.workbook = workbook

    def compose(self) -> ComposeResult:
        workbook = self.workbook
        with Vertical(classes="dialog", id="sheets-dialog"):
            yield Static(Text(printable(f"Sheets of {workbook.file}")), classes="dialog-title")
            yield Static(Text(printable(workbook.summary())), id="sheets-summary")
            yield OptionList(
                *(self._option(index) for index in range(len(workbook.sheets))),
                id="sheets-list",
            )
            yield Static(
                Text(
                    "↑↓ a sheet · Enter shows it (the views are recomputed) · Esc cancels",
                    style="dim",
                ),
                classes="dialog-msg",
            )

    def _option(self, index: int) -> Option:
        sheet = self.workbook.sheets[index]
        shown = sheet.name in self.workbook.read
        label = Text("▶ " if shown else "  ", style="bold")
        label.append(printable(sheet.name), style="bold" if shown else "")
        label.append(printable(f"  {self.workbook.describe(sheet)}"), style="dim")
        # Empty sheets cannot be read: listed, but not offered.
        return Option(label, id=f"sheet-{index}", disabled=sheet.header_row is None)

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        names = [sheet.name for sheet in self.workbook.sheets]
        read = self.workbook.read
        listing.highlighted = names.index(read[0]) if read and read[0] in names else 0
        self.set_focus(listing)

    def highlighted_sheet(self) -> str | None:
        index = self.query_one(OptionList).highlighted
        if index is None or self.workbook.sheets[index].header_row is None:
            return None
        return self.workbook.sheets[index].name

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_choose()

    def action_choose(self) -> None:
        sheet = self.highlighted_sheet()
        if sheet is None:
            return
        # The sheet already shown: nothing to recompute.
        self.dismiss(None if self.workbook.read[:1] == (sheet,) else sheet)

    def action_cancel(self) -> None:
        self.dismiss(None)

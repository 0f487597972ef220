"""A workbook as the explorer lists it: every sheet, which are read, and why the others are not.

Built from an opened `Table` (its `workbook_sheets` and `sheets`), so listing costs nothing
more than opening did. The explorer's sheet list shows it; choosing a sheet reopens the file
with `RecordOptions.sheet`.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.core.formatting import plural
from tui.core.tables.table import SheetInfo, Table


@dataclass(frozen=True)
class Workbook:
    #: The file's name, as the views name it.
    file: str
    sheets: tuple[SheetInfo, ...]
    #: The sheets read (the chosen one first, then any stacked below it: same header).
    read: tuple[str, ...]
    #: The sheet was named by the user (`--sheet`, the sheet list), not chosen by its header.
    given: bool = False

    @classmethod
    def of(cls, table: Table, given: str | None = None) -> Workbook | None:
        """None for a file that is not a workbook."""
        if not table.workbook_sheets:
            return None
        return cls(
            file=table.name,
            sheets=table.workbook_sheets,
            read=tuple(sheet.name for sheet in table.sheets),
            given=given is not None,
        )

    @property
    def skipped(self) -> tuple[SheetInfo, ...]:
        """Sheets not read, each with why (`why_not`: "a cover page or notes", ...)."""
        return tuple(sheet for sheet in self.sheets if sheet.name not in self.read)

    def describe(self, sheet: SheetInfo) -> str:
        """One line for the list: header row, rows, columns, and whether it is read."""
        if sheet.header_row is None:
            what = "empty"
        else:
            what = (
                f"header on row {sheet.header_row} · {plural(sheet.rows, 'row')} · "
                f"{plural(len(sheet.header), 'column')}"
            )
        if sheet.name in self.read:
            how = "chosen" if self.given else "chosen by its header"
            return f"{what} · shown ({how})" if sheet.name == self.read[0] else f"{what} · shown"
        return f"{what} · not read: {sheet.why_not or 'a smaller table'}"

    def summary(self) -> str:
        """What is shown and what was skipped, in one sentence."""
        shown = " and ".join(repr(name) for name in self.read) or "no sheet"
        text = f"{self.file}: {plural(len(self.sheets), 'sheet')}; showing {shown}"
        cover = [s for s in self.skipped if s.why_not.startswith("a cover page")]
        if cover:
            text += f"; skipped {', '.join(repr(s.name) for s in cover)} (a cover page or notes)"
        return text

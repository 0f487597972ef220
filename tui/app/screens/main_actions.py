"""The main screen's actions that open a dialog or speak to the user: export, copy, help,
open, periods, columns, sheets, duplicates. A base class of MainScreen, kept apart so the
screen itself is about panes, tabs and loading."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import events
from textual.screen import Screen

from tui.app.messages import DuplicatesToggled, OpenFiles, PeriodsChosen, RolesChosen
from tui.app.notices import tell_error
from tui.app.panes.data import DataPane
from tui.app.panes.table_pane import TablePane
from tui.app.screens.columns import ColumnsDialog
from tui.app.screens.dialogs import OpenFilesDialog, PeriodsDialog
from tui.app.screens.export import ExportScreen
from tui.app.screens.help import FILTER_ROWS, HelpScreen, KeyRow, binding_rows
from tui.app.screens.row_detail import RowDetailScreen
from tui.app.screens.sheets import SheetChosen, SheetsDialog, workbook_of
from tui.app.session import Session
from tui.app.settings import Settings
from tui.app.widgets.filter_box import FilterBox
from tui.app.widgets.frame_table import FrameTable
from tui.app.widgets.pane_tabs import pane_title
from tui.core.errors import EnforceError
from tui.core.export import ExportResult, Shown
from tui.core.formatting import plural, printable
from tui.core.model import Catalog, Period
from tui.core.records.options import as_notice

#: The keys for record files, and what they say on the bundled figures instead of nothing.
RECORD_KEYS = {
    "p": "p chooses the periods of record files (o opens one); the bundled figures compare "
    "the article's own periods, as it gives them.",
    "d": "d includes or excludes likely duplicates in record files (o opens one); the bundled "
    "figures flag no duplicates.",
}


class MainActions(Screen[None]):
    settings: Settings
    session: Session
    catalog: Catalog | None
    _open_dialog: Screen[Any] | None

    def active_table_pane(self) -> TablePane:
        raise NotImplementedError

    def focus_table(self) -> None:
        raise NotImplementedError

    def action_export(self) -> None:
        pane = self.active_table_pane()
        if not pane.complete:
            self.notify(
                "Still working through all the rows: export when the count shows.",
                title="Export",
                severity="warning",
            )
            return
        try:
            rows = pane.shown
        except EnforceError as error:  # a column left in a file changed since it was opened
            tell_error(self, error, "Export")
            return
        if rows.width == 0:
            # A view that could not be built (no category column chosen): no table to write.
            self.notify(
                "Nothing to export: this pane shows no table (the line above it says why).",
                title="Export",
                severity="warning",
            )
            return
        shown = Shown(
            rows,
            pane.export_name,
            self.catalog,
            filter_text=pane.filter_text,
            sort=pane.sort,
            options=vars(self.session.options) if self.session.has_records else None,
        )
        dialog = ExportScreen(
            shown,
            self.settings.export_path(pane.export_name),
            confinement=self.settings.confinement,
        )
        self.open_modal(dialog, self._exported)

    def open_modal(self, screen: Screen[Any], done: Callable[[Any], None]) -> None:
        """One dialog at a time: a key pressed twice before the first dialog shows (`e e`)
        must not stack two, or closing one would pop the other."""
        if self._open_dialog is not None:
            return
        self._open_dialog = screen

        def closed(result: Any) -> None:
            self._open_dialog = None
            done(result)

        self.app.push_screen(screen, closed)

    def _exported(self, result: ExportResult | None) -> None:
        if result is not None:
            self.notify(
                printable(f"Exported {plural(result.rows, 'row')} to {result.path}")
                + ("; your browser downloads a copy" if self.app.is_web else ""),
                title="Export",
                markup=False,
            )
        self.focus_table()

    def action_copy(self) -> None:
        table = self.active_table_pane().table
        if table.row_count == 0 or table.current_column is None:
            self.notify("Nothing to copy: the table has no rows.", title="Clipboard")
            return
        try:
            value = table.cell_value()
        except EnforceError as error:  # a column left in a file changed since it was opened
            tell_error(self, error, "Clipboard")
            return
        text = "" if value is None else str(value)
        if not text:
            self.notify("Nothing to copy: the cell is empty.", title="Clipboard")
            return
        self.app.copy_to_clipboard(text)
        shown = printable(text if len(text) <= 60 else text[:59] + "…")
        self.notify(f"Copied {shown!r}", title="Clipboard", markup=False)

    def action_help(self) -> None:
        self.open_modal(HelpScreen(self.key_sections()), lambda _: None)

    def key_sections(self) -> list[tuple[str, list[KeyRow]]]:
        # The second pane's key says what the pane breaks down, as its tab does.
        breakdown = pane_title("convictions", self.catalog)
        panes = [
            (keys, breakdown if keys == "2" else what) for keys, what in binding_rows(self.BINDINGS)
        ]
        return [
            ("Panes and actions", [*panes, *binding_rows(TablePane.BINDINGS)]),
            ("Moving in a table", binding_rows(FrameTable.BINDINGS)),
            ("In the Data pane", binding_rows(DataPane.BINDINGS)),
            ("Filter box", [("enter", "Apply the filter"), *binding_rows(FilterBox.BINDINGS)]),
            ("Filter syntax (terms combine with AND)", FILTER_ROWS),
            ("A row opened with Enter", binding_rows(RowDetailScreen.BINDINGS)),
            (
                "The sheet list (w, a workbook of several sheets)",
                binding_rows(SheetsDialog.BINDINGS),
            ),
            ("Anywhere", [("ctrl+p", "Command palette: panes, datasets, export, themes")]),
        ]

    def action_open(self) -> None:
        def opened(paths: object) -> None:
            if isinstance(paths, list):
                self.app.post_message(OpenFiles([str(p) for p in paths]))

        self.open_modal(OpenFilesDialog(self.settings.confinement), opened)

    def action_periods(self) -> None:
        def chosen(periods: object) -> None:
            if isinstance(periods, tuple):
                self.app.post_message(PeriodsChosen(*periods))

        options = self.session.options
        period_a, period_b = options.period_a, options.period_b
        if period_a is None or period_b is None:
            period_a, period_b = self.periods_in_use() or (period_a, period_b)
        self.open_modal(PeriodsDialog(period_a, period_b), chosen)

    def periods_in_use(self) -> tuple[Period, Period] | None:
        """The periods the comparisons view was computed with (the defaults, if none chosen)."""
        catalog = self.session.catalog
        view = catalog.views.get("comparisons") if catalog else None
        return view.periods if view is not None else None

    def on_key(self, event: events.Key) -> None:
        """`p` and `d` on the bundled figures: say they are for record files, not nothing."""
        typing = isinstance(self.focused, FilterBox)
        if event.key in RECORD_KEYS and not self.session.has_records and not typing:
            event.stop()
            self.notify(RECORD_KEYS[event.key], title="Record files only", markup=False)

    def flagged_duplicates(self) -> int | None:
        """Rows flagged duplicate_likely in the files open (None: not known yet)."""
        catalog = self.session.catalog
        view = catalog.views.get("jurisdictions") if catalog else None
        if view is None or "duplicates_likely" not in view.frame.columns:
            return None
        return int(view.frame.get_column("duplicates_likely").sum() or 0)

    def action_columns(self) -> None:
        catalog = self.session.catalog
        if catalog is None or catalog.mapping is None:
            return

        def chosen(roles: object) -> None:
            if isinstance(roles, dict) and roles:
                self.app.post_message(RolesChosen(roles))
            self.focus_table()

        self.open_modal(ColumnsDialog(catalog.mapping), chosen)

    def action_sheets(self) -> None:
        workbook = workbook_of(self.session.catalog)
        if workbook is None:
            return

        def chosen(sheet: object) -> None:
            if isinstance(sheet, str):
                self.app.post_message(SheetChosen(sheet))
            self.focus_table()

        self.open_modal(SheetsDialog(workbook), chosen)

    def action_duplicates(self) -> None:
        catalog = self.session.catalog
        if catalog is None:
            # Whether the files flag duplicates is known once they are open.
            self.notify("Still opening the files: press d once they are shown.", title="Duplicates")
            return
        if not catalog.duplicates_detectable:
            # No column flags them, or it is not read: a toggle would change no count.
            self.notify(
                as_notice(catalog.duplicates_undetectable),
                title="Duplicates",
                markup=False,
            )
            return
        if self.flagged_duplicates() == 0 and not self.session.options.exclude_duplicates:
            self.notify(
                "Nothing to exclude: no row of these files is flagged duplicate_likely "
                "(the counts stay as they are).",
                title="Duplicates",
                markup=False,
            )
            return
        excluding = not self.session.options.exclude_duplicates
        self.notify(
            "Likely duplicates are now "
            + ("excluded from" if excluding else "included in")
            + " every count.",
            title="Duplicates",
        )
        self.app.post_message(DuplicatesToggled())

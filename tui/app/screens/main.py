"""The main screen: five panes in tabs, and the keys that act on the pane in front."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, TabbedContent, TabPane

from tui.app.panes.data import DataPane
from tui.app.panes.sources import SourcesPane
from tui.app.panes.table_pane import FilterBox, TablePane
from tui.app.panes.views import ComparisonsPane, ConvictionsPane, JurisdictionsPane, ViewPane
from tui.app.screens.export import ExportScreen
from tui.app.screens.help import HelpScreen, KeyRow, binding_rows
from tui.app.settings import Settings
from tui.app.widgets.frame_table import FrameTable
from tui.core.export import ExportResult
from tui.core.formatting import printable
from tui.core.view import Catalog

if TYPE_CHECKING:
    from textual.widget import Widget

# Below this the panes cannot be read: say so instead of drawing them broken.
MIN_SIZE = (60, 15)

PANES = (
    ("jurisdictions", "Jurisdictions"),
    ("convictions", "Convictions"),
    ("comparisons", "Comparisons"),
    ("data", "Data"),
    ("sources", "Sources"),
)


class MainScreen(Screen[None]):
    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "1",
            "show_pane('jurisdictions')",
            "Panes",
            key_display="1-5",
            tooltip="Jurisdictions",
            priority=True,
            id="pane.1",
        ),
        Binding(
            "2", "show_pane('convictions')", "Convictions", show=False, priority=True, id="pane.2"
        ),
        Binding(
            "3", "show_pane('comparisons')", "Comparisons", show=False, priority=True, id="pane.3"
        ),
        Binding("4", "show_pane('data')", "Data", show=False, priority=True, id="pane.4"),
        Binding("5", "show_pane('sources')", "Sources", show=False, priority=True, id="pane.5"),
        Binding("tab", "next_pane", "Next pane", show=False, priority=True, id="pane.next"),
        Binding(
            "shift+tab",
            "previous_pane",
            "Previous pane",
            show=False,
            priority=True,
            id="pane.previous",
        ),
        Binding("s", "sort", "Sort", priority=True, id="table.sort"),
        # All priority: each key acts as soon as it arrives, in the order typed, so `2/dui`
        # typed in one go filters the Convictions pane. In the filter box they are just text.
        Binding("slash", "filter", "Filter", key_display="/", priority=True, id="table.filter"),
        Binding("e", "export", "Export", priority=True, id="table.export"),
        Binding("y", "copy", "Copy cell", priority=True, id="table.copy"),
        Binding("question_mark", "help", "Help", key_display="?", priority=True, id="app.help"),
        Binding("q", "app.quit", "Quit", priority=True, id="app.quit"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="too-small")
        yield Header(icon="")
        with TabbedContent(id="panes"):
            with TabPane("1 Jurisdictions", id="jurisdictions"):
                yield JurisdictionsPane()
            with TabPane("2 Convictions", id="convictions"):
                yield ConvictionsPane()
            with TabPane("3 Comparisons", id="comparisons"):
                yield ComparisonsPane()
            with TabPane("4 Data", id="data"):
                yield DataPane()
            with TabPane("5 Sources", id="sources"):
                yield SourcesPane()
        yield Footer()

    def on_resize(self, event: events.Resize) -> None:
        width, height = event.size
        small = width < MIN_SIZE[0] or height < MIN_SIZE[1]
        self.set_class(small, "too-small")
        if not small and self.focused is None:
            self.call_after_refresh(self.focus_table)
        if small:
            self.query_one("#too-small", Static).update(
                f"enforce-tui needs at least {MIN_SIZE[0]}x{MIN_SIZE[1]} cells; "
                f"this terminal is {width}x{height}. Make it larger (q quits)."
            )

    # -- what the app puts in the panes -----------------------------------------------------

    def show_catalog(self, catalog: Catalog) -> None:
        for pane in self.query(ViewPane):
            pane.show_catalog(catalog)
        self.query_one(DataPane).show_catalog(catalog)
        self.focus_table()

    @property
    def active_pane_id(self) -> str:
        return self.query_one(TabbedContent).active

    def active_table_pane(self) -> TablePane:
        pane: Widget = self.query_one(f"#{self.active_pane_id}", TabPane).children[0]
        if isinstance(pane, DataPane):
            return pane.table_pane
        assert isinstance(pane, TablePane)
        return pane

    def focus_table(self) -> None:
        # Focus now, not later: keys already typed must reach the new pane.
        self.set_focus(self.active_table_pane().table)

    def on_tabbed_content_tab_activated(self, _: TabbedContent.TabActivated) -> None:
        # Keys typed right after the switch (say `2` then `/`) must find the new pane focused;
        # a focus already inside the new pane (its filter box) is left alone.
        pane = self.active_table_pane()
        if self.focused is None or pane not in self.focused.ancestors_with_self:
            self.focus_table()

    # -- actions ------------------------------------------------------------------------------

    def action_show_pane(self, pane_id: str) -> None:
        self.query_one(TabbedContent).active = pane_id
        self.focus_table()

    def _step_pane(self, step: int) -> None:
        ids = [pane_id for pane_id, _ in PANES]
        index = ids.index(self.active_pane_id)
        self.action_show_pane(ids[(index + step) % len(ids)])

    def action_next_pane(self) -> None:
        self._step_pane(1)

    def action_previous_pane(self) -> None:
        self._step_pane(-1)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not isinstance(self.focused, FilterBox)

    def action_sort(self) -> None:
        self.active_table_pane().sort_by_cursor()

    def action_filter(self) -> None:
        self.active_table_pane().open_filter()

    def action_export(self) -> None:
        pane = self.active_table_pane()
        if not pane.complete:
            self.notify(
                "Still working through all the rows: export when the count shows.",
                title="Export",
                severity="warning",
            )
            return
        dialog = ExportScreen(
            pane.shown, self.settings.export_path(pane.export_name), pane.export_name
        )
        self.app.push_screen(dialog, self._exported)

    def _exported(self, result: ExportResult | None) -> None:
        if result is not None:
            self.notify(
                printable(f"Exported {result.rows:,} rows to {result.path}"),
                title="Export",
                markup=False,
            )
        self.focus_table()

    def action_copy(self) -> None:
        table = self.active_table_pane().table
        value = table.cell_value()
        text = "" if value is None else str(value)
        self.app.copy_to_clipboard(text)
        shown = printable(text if len(text) <= 60 else text[:59] + "…")
        self.notify(f"Copied {shown!r}", title="Clipboard", markup=False)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self.key_sections()))

    def key_sections(self) -> list[tuple[str, list[KeyRow]]]:
        return [
            ("Panes and actions", binding_rows(self.BINDINGS)),
            ("Moving in a table", binding_rows(FrameTable.BINDINGS)),
            ("Filter box", [("enter", "Apply the filter"), *binding_rows(FilterBox.BINDINGS)]),
            ("Anywhere", [("ctrl+p", "Command palette: panes, datasets, export, themes")]),
        ]

    def open_dataset(self, name: str) -> None:
        self.action_show_pane("data")
        self.query_one(DataPane).open_dataset(name)

"""The main screen: five panes in tabs, and the keys that act on the pane in front."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widget import MountError
from textual.widgets import Header, ProgressBar, Static, TabbedContent, TabPane

from tui.app.messages import (
    LoadCancelled,
)
from tui.app.panes.data import DataPane
from tui.app.panes.sources import SourcesPane
from tui.app.panes.table_pane import TablePane
from tui.app.panes.views import ComparisonsPane, ConvictionsPane, JurisdictionsPane, ViewPane
from tui.app.screens.main_actions import MainActions
from tui.app.screens.sheets import workbook_of
from tui.app.session import Session
from tui.app.settings import Settings
from tui.app.widgets.filter_box import FilterBox
from tui.app.widgets.pane_tabs import PANES, KeysFooter, Pane, pane_title
from tui.core.formatting import printable
from tui.core.model import Catalog

# Below this the panes cannot be read: say so instead of drawing them broken.
MIN_SIZE = (60, 15)


class MainScreen(MainActions):
    def __init__(self, settings: Settings, session: Session | None = None) -> None:
        super().__init__()
        self.settings = settings
        self.session = session or Session()
        self.loading_label = ""
        self._open_dialog: Screen[Any] | None = None
        self.catalog: Catalog | None = None
        self.filled: set[str] = set()
        #: Panes asked for before they were mounted (see _mount_hidden_panes).
        self.fill_when_mounted: set[str] = set()
        self.panes: dict[str, ViewPane | DataPane] = {
            "jurisdictions": JurisdictionsPane(),
            "convictions": ConvictionsPane(),
            "comparisons": ComparisonsPane(),
            "data": DataPane(),
            "sources": SourcesPane(),
        }

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
            "2",
            "show_pane('convictions')",
            "Convictions",
            show=False,
            priority=True,
            id="pane.2",
        ),
        Binding(
            "3",
            "show_pane('comparisons')",
            "Comparisons",
            show=False,
            priority=True,
            id="pane.3",
        ),
        Binding("4", "show_pane('data')", "Data", show=False, priority=True, id="pane.4"),
        Binding("5", "show_pane('sources')", "Sources", show=False, priority=True, id="pane.5"),
        # Esc then a digit typed quickly reach us from a terminal as one Alt+digit: the pane
        # is shown all the same (no description: the help lists the digits alone).
        *(
            Binding(f"alt+{number}", f"show_pane({pane!r})", "", show=False, priority=True)
            for number, (pane, _) in enumerate(PANES, start=1)
        ),
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
        Binding("o", "open", "Open", priority=True, tooltip="Open record files", id="app.open"),
        Binding(
            "p",
            "periods",
            "Periods",
            priority=True,
            tooltip="Choose the periods to compare",
            id="records.periods",
        ),
        Binding(
            "m",
            "columns",
            "Columns",
            priority=True,
            tooltip="Choose the columns' roles (place, date…)",
            id="records.columns",
        ),
        Binding(
            "w",
            "sheets",
            "Sheets",
            priority=True,
            tooltip="A workbook's sheets: see them, choose one",
            id="records.sheets",
        ),
        Binding(
            "d",
            "duplicates",
            "Duplicates",
            priority=True,
            tooltip="Include or exclude likely duplicates",
            id="records.duplicates",
        ),
        Binding("escape", "cancel_load", "Cancel loading", id="app.cancel_load"),
        Binding("q", "app.quit", "Quit", priority=True, id="app.quit"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="too-small")
        yield Header(icon="")
        with Horizontal(id="loading"):
            yield ProgressBar(total=None, show_eta=False, show_percentage=False)
            yield Static(id="loading-text")
        with TabbedContent(id="panes"):
            for number, (pane_id, title) in enumerate(PANES, start=1):
                with Pane(f"{number} {title}", id=pane_id):
                    # Panes out of sight mount after the first frame: a faster start.
                    if number == 1:
                        yield self.panes[pane_id]
        yield KeysFooter()

    def on_mount(self) -> None:
        self.call_after_refresh(self._mount_hidden_panes)

    async def _mount_hidden_panes(self) -> None:
        mounting = []
        for pane_id, pane in self.panes.items():
            if pane.parent is None:
                tab = self.query_one(f"#{pane_id}", TabPane)
                try:
                    mounting.append((pane_id, tab.mount(pane)))
                except MountError:
                    return  # the app is closing before the first frame settled
        for pane_id, mounted in mounting:
            await mounted
            if pane_id in self.fill_when_mounted:
                self.fill_when_mounted.discard(pane_id)
                self.fill(pane_id)

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

    # -- loading ------------------------------------------------------------------------------

    def show_loading(self, label: str) -> None:
        self.loading_label = label
        self.add_class("loading")
        self.show_loading_step("starting")
        self.refresh_bindings()

    def show_loading_step(self, step: str) -> None:
        text = f"Loading {self.loading_label}: {step}… (Esc cancels)"
        self.query_one("#loading-text", Static).update(Text(printable(text)))

    def hide_loading(self) -> None:
        self.remove_class("loading")
        self.refresh_bindings()

    def action_cancel_load(self) -> None:
        self.app.post_message(LoadCancelled())

    # -- what the app puts in the panes -----------------------------------------------------

    def show_catalog(self, catalog: Catalog) -> None:
        """Fill the pane in front now and each other pane when it is first shown: start-up and
        a new file only pay for what is on screen."""
        self.catalog = catalog
        self.filled = set()
        number = [pane_id for pane_id, _ in PANES].index("convictions") + 1
        tab = self.query_one(TabbedContent).get_tab("convictions")
        tab.label = Text(f"{number} {pane_title('convictions', catalog)}")
        self.fill(self.active_pane_id)
        self.focus_table()

    def fill(self, pane_id: str) -> None:
        if self.catalog is None or pane_id in self.filled:
            return
        pane = self.panes[pane_id]
        if not pane.is_mounted:
            # Still waiting to be mounted (see compose): _mount_hidden_panes fills it once it
            # is. Not polled with call_after_refresh: a pane that never mounts (the app closing)
            # made that an endless idle loop, seen once as a hung test.
            self.fill_when_mounted.add(pane_id)
            return
        self.filled.add(pane_id)
        pane.show_catalog(self.catalog)

    @property
    def active_pane_id(self) -> str:
        # Before the tabs have mounted their panes, no tab is active yet: the first one will be.
        return self.query_one(TabbedContent).active or PANES[0][0]

    def active_table_pane(self) -> TablePane:
        pane = self.panes[self.active_pane_id]
        return pane.table_pane if isinstance(pane, DataPane) else pane

    def focus_table(self) -> None:
        # Focus now, not later: keys already typed must reach the new pane.
        self.set_focus(self.active_table_pane().table)

    def on_tabbed_content_tab_activated(self, _: TabbedContent.TabActivated) -> None:
        self.fill(self.active_pane_id)
        # Keys typed right after the switch (say `2` then `/`) must find the new pane focused;
        # a focus already inside the new pane (its filter box) is left alone.
        pane = self.active_table_pane()
        if self.focused is None or pane not in self.focused.ancestors_with_self:
            self.focus_table()

    # -- actions ------------------------------------------------------------------------------

    def action_show_pane(self, pane_id: str) -> None:
        self.query_one(TabbedContent).active = pane_id
        self.fill(pane_id)
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
        if isinstance(self.focused, FilterBox):
            return False
        if action == "cancel_load":
            return self.has_class("loading")
        if action in ("periods", "duplicates"):
            return self.session.has_records
        if action == "sheets":
            return self.session.has_records and workbook_of(self.session.catalog) is not None
        if action == "columns":
            catalog = self.session.catalog
            return self.session.has_records and catalog is not None and catalog.mapping is not None
        return True

    def action_sort(self) -> None:
        self.active_table_pane().sort_by_cursor()

    def action_filter(self) -> None:
        self.active_table_pane().open_filter()

    def open_dataset(self, name: str) -> None:
        self.action_show_pane("data")
        data = self.panes["data"]
        assert isinstance(data, DataPane)
        if data.is_mounted:
            data.open_dataset(name)

"""The tabs of panes and the footer of keys, made safe for keys typed faster than Textual's
focus and binding news arrives."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer, TabbedContent, TabPane

from tui.core.formatting import printable
from tui.core.model import Catalog

PANES = (
    ("jurisdictions", "Jurisdictions"),
    ("convictions", "Convictions"),
    ("comparisons", "Comparisons"),
    ("data", "Data"),
    ("sources", "Sources"),
)

MAX_TITLE = 28


def pane_title(pane_id: str, catalog: Catalog | None) -> str:
    """The pane's name on its tab, in the palette and in help: the second pane is named for
    what the catalogue breaks down (arrest records hold criminality, not convictions)."""
    if pane_id == "convictions" and catalog is not None:
        name = printable(catalog.breakdown)
        # A mapped file's column name can be long: the other tabs must stay on the bar.
        return name if len(name) <= MAX_TITLE else name[: MAX_TITLE - 1] + "…"
    return dict(PANES)[pane_id]


class Pane(TabPane):
    """A pane in the tabs. Textual's tabs bring forward the pane in which something got focus,
    and that news arrives late: with `3 5` typed fast, the focus given by `3` is reported after
    `5` showed Sources, and Comparisons came back (or the tab bar and the content parted, after
    a burst). The panes are switched by their keys, which focus the pane they show: a focus
    reported from a pane no longer in front is such late news, and is dropped."""

    def on_tab_pane_focused(self, event: TabPane.Focused) -> None:
        tabs = next(node for node in self.ancestors if isinstance(node, TabbedContent))
        if tabs.active != self.id:
            event.stop()


class KeysFooter(Footer):
    """The footer of keys. Textual's rebuilds itself after every change of bindings, and every
    focus change is one: a burst of 400 pane keys queued some two thousand rebuilds, and the
    explorer took half a minute to catch up. A change that comes while a rebuild is waiting
    joins it (the rebuild reads the bindings as they are when it runs)."""

    _rebuild_waiting = False

    def bindings_changed(self, screen: Screen[Any]) -> None:
        if self._rebuild_waiting:
            return
        super().bindings_changed(screen)
        # Textual's footer schedules a rebuild (recompose) in just this case.
        self._rebuild_waiting = bool(
            screen.app.app_focus and self.is_attached and screen is self.screen
        )

    async def recompose(self) -> None:
        self._rebuild_waiting = False
        await super().recompose()

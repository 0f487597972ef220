"""Command palette entries made from data (dataset names): shown as plain text, never markup.

Textual's system commands read their titles as markup; a dataset named `[red]x` must show as
typed, so these entries come from a provider that displays plain Content.
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from tui.app.screens.main import MainScreen
from tui.core.formatting import printable

HELP = "Browse its raw rows in the Data pane"


class DatasetCommands(Provider):
    @property
    def _main(self) -> MainScreen | None:
        # The main screen, at the bottom of the stack, even when the palette opened over a dialog.
        stack = self.app.screen_stack
        return stack[0] if stack and isinstance(stack[0], MainScreen) else None

    def _entries(self) -> list[tuple[str, str]]:
        main = self._main
        if main is None or main.session.catalog is None:
            return []
        return [(f"Dataset: {printable(name)}", name) for name in main.session.catalog.datasets]

    def _open(self, name: str) -> None:
        if self._main is not None:
            self._main.open_dataset(name)

    async def discover(self) -> Hits:
        for label, name in self._entries():
            yield DiscoveryHit(Content(label), partial(self._open, name), text=label, help=HELP)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, name in self._entries():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, Content(label), partial(self._open, name), text=label, help=HELP)

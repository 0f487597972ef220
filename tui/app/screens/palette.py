"""The command palette, guarded against Textual 8.2.8 crashes under fast typing.

Only public Textual API is used here: bindings, an `@on` handler and `dismiss`.

- Paging: OptionList builds its line map only once the list has a size, and pages through that
  map; a PageUp/PageDown that arrives while the list has no size (its results just in and not
  yet laid out, or a terminal too short to show any) raised KeyError inside OptionList. Here
  such a key pages through the lines shown, which are none: it does nothing.
- Searching: a character typed just before Escape or Enter reaches the palette after it has
  closed; Textual would then start a search on a palette being taken down, and a search that
  finds its list gone ends the app (the random-key test saw it once). A closed palette starts
  no search.
- Closing: a queued second Enter or Escape would dismiss it twice: see tui.app.screens.modal.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.await_complete import AwaitComplete
from textual.binding import Binding, BindingType
from textual.command import CommandList, CommandPalette
from textual.widgets import Input

from tui.app.screens.modal import dismissed_already


class SafeCommandPalette(CommandPalette):
    # Same keys as Textual's palette; they replace its `command_list('page_…')` bindings.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pagedown", "page(1)", "Next page", show=False),
        Binding("pageup", "page(-1)", "Previous page", show=False),
    ]

    def action_page(self, direction: int) -> None:
        commands = self.query_one(CommandList)
        # With nothing highlighted, paging goes to the first or last option: no lines needed.
        if commands.highlighted is not None and not commands.scrollable_content_region:
            return
        if direction > 0:
            commands.action_page_down()  # type: ignore[no-untyped-call]
        else:
            commands.action_page_up()  # type: ignore[no-untyped-call]

    @on(Input.Changed)
    def _no_search_once_closed(self, event: Input.Changed) -> None:
        if self.app.screen is not self:
            # Stop it here: Textual's own handler (which searches) is not called.
            event.stop()
            event.prevent_default()

    def dismiss(self, result: object = None) -> AwaitComplete:
        return dismissed_already(self) or super().dismiss(result)  # type: ignore[arg-type]

"""The filter box of a table pane."""

from __future__ import annotations

from typing import ClassVar, Protocol, runtime_checkable

from textual.binding import Binding, BindingType
from textual.widgets import Input

from tui.app.widgets.pane_tabs import PANES


@runtime_checkable
class Filtered(Protocol):
    """What the box filters: a pane that applies a filter text and closes the box."""

    def submit_filter(self, text: str) -> None: ...

    def close_filter(self) -> None: ...


class FilterBox(Input):
    """The filter box: Enter (Input's own submit) applies it, Esc clears and closes it.

    Neither is a priority key: they must come after the characters typed before them.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "clear", "Clear filter", id="filter.clear"),
        # Esc then a pane's digit, typed quickly, reach us as one Alt+digit from the terminal:
        # both are done (the box closed, the pane shown), neither lost.
        *(
            Binding(f"alt+{number}", f"clear_to_pane({number})", show=False)
            for number in range(1, len(PANES) + 1)
        ),
    ]

    @property
    def pane(self) -> Filtered:
        return next(a for a in self.ancestors if isinstance(a, Filtered))

    async def action_submit(self) -> None:
        self.pane.submit_filter(self.value)

    def action_clear(self) -> None:
        self.pane.close_filter()

    async def action_clear_to_pane(self, number: int) -> None:
        screen = self.screen
        self.pane.close_filter()
        await screen.run_action(f"show_pane({PANES[number - 1][0]!r})")

"""Modal screens that dismiss once.

An Escape or Enter already queued when the first one closed a screen would dismiss it again,
and Textual then pops whatever screen is on top (the main screen, or the last one, which raises).
"""

from __future__ import annotations

from typing import Any, TypeVar

from textual.await_complete import AwaitComplete
from textual.screen import ModalScreen, Screen
from textual.widgets import Input

ResultT = TypeVar("ResultT")


async def _nothing() -> None:
    return None


_DISMISSING = "_enforce_dismissing"


def dismissed_already(screen: Screen[Any]) -> AwaitComplete | None:
    """Stand-in result for a dismiss that must not happen (the screen is no longer in front,
    or a first dismiss is under way), or None to go ahead and mark the screen as dismissing."""
    # On top, not merely "current": a screen under the palette is current, and dismissing it
    # would pop the palette instead.
    if screen.app.screen is not screen or getattr(screen, _DISMISSING, False):
        return AwaitComplete(_nothing())
    setattr(screen, _DISMISSING, True)
    return None


class SafeModalScreen(ModalScreen[ResultT]):
    def dismiss(self, result: ResultT | None = None) -> AwaitComplete:
        return dismissed_already(self) or super().dismiss(result)

    def focus_first_input(self) -> None:
        """Focus the first text box, if the screen still has it (it may be closing already)."""
        boxes = self.query(Input)
        if boxes:
            self.set_focus(boxes.first())

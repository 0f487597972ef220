"""Modal screens that dismiss once.

An Escape or Enter already queued when the first one closed a screen would dismiss it again,
and Textual then pops whatever screen is on top (the main screen, or the last one, which raises).
"""

from __future__ import annotations

from typing import Any, TypeVar

from textual.await_complete import AwaitComplete
from textual.screen import ModalScreen, Screen

ResultT = TypeVar("ResultT")


async def _nothing() -> None:
    return None


def dismissed_already(screen: Screen[Any]) -> AwaitComplete | None:
    """Stand-in result for a dismiss that must not happen, or None to go ahead."""
    return None if screen.is_current else AwaitComplete(_nothing())


class SafeModalScreen(ModalScreen[ResultT]):
    def dismiss(self, result: ResultT | None = None) -> AwaitComplete:
        return dismissed_already(self) or super().dismiss(result)

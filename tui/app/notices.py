"""An error told to the user: one line in a notification, the session going on."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.widget import Widget

from tui.core.errors import EnforceError, one_line
from tui.core.formatting import printable


def tell_error(
    node: App[Any] | Widget, error: BaseException | None, title: str, timeout: float = 30
) -> None:
    """`error` in one line (what an EnforceError says; any other, as Python names it)."""
    message = str(error) if isinstance(error, EnforceError) else f"{error!r}"
    node.notify(
        printable(one_line(message)), title=title, severity="error", markup=False, timeout=timeout
    )

"""The help screen: every key of the explorer, read from the bindings themselves."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.app.screens.modal import SafeModalScreen

KeyRow = tuple[str, str]


def keys_text(sections: list[tuple[str, list[KeyRow]]]) -> Text:
    text = Text()
    for title, rows in sections:
        text.append(f"{title}\n", style="bold underline")
        for keys, description in rows:
            text.append(f"  {keys:<22}", style="bold")
            text.append(f"{description}\n")
        text.append("\n")
    text.append("Mouse: click a column header to sort, a tab to switch panes.\n", style="dim")
    return text


KEY_NAMES = {"slash": "/", "question_mark": "?", "escape": "esc"}


def binding_rows(bindings: list[BindingType]) -> list[KeyRow]:
    """Each binding's keys and what it does (its tooltip when it has a longer description)."""
    rows = []
    for binding in bindings:
        if isinstance(binding, Binding) and binding.description:
            keys = " / ".join(KEY_NAMES.get(k.strip(), k.strip()) for k in binding.key.split(","))
            rows.append((keys, binding.tooltip or binding.description))
    return rows


class HelpScreen(SafeModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss_help", "Close help", id="help.close"),
    ]

    def __init__(self, sections: list[tuple[str, list[KeyRow]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(Text("enforce-tui keys", style="bold"), id="help-title")
            yield Static(keys_text(self.sections))
            yield Static(Text("Esc or ? closes this screen.", style="dim"))

    def action_dismiss_help(self) -> None:
        self.dismiss(None)

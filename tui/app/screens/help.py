"""The help screen: every key of the explorer, read from the bindings themselves."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.app.screens.modal import SafeModalScreen

KeyRow = tuple[str, str]


#: The filter box's syntax (the same as `--filter`), shown in help.
FILTER_ROWS: list[KeyRow] = [
    (
        "york",
        "rows with 'york' in a text cell the table shows (any case; the source quote is not "
        "searched)",
    ),
    ("jurisdiction:county", "'county' in that column only"),
    ("state=CA", "that column is exactly CA (any case; a number column: that number)"),
    ("arrests>40  rank<=3", "numbers above or below (>, <, >=, <=); dates as YYYY-MM-DD"),
    ("!county", "leave out the rows that match"),
    ('"santa clara"', "two words as one"),
    (
        "",
        "/ opens the box with the filter in use, to edit; it does not fill in the column under "
        "the cursor (most searches are across cells): type the column's name and a colon (a "
        "wrong name lists the columns)",
    ),
]


def keys_text(sections: list[tuple[str, list[KeyRow]]]) -> Group:
    """Each section's keys and what they do; a long description wraps under itself."""
    parts: list[RenderableType] = []
    for title, rows in sections:
        parts.append(Text(title, style="bold underline"))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=22, no_wrap=True)
        grid.add_column(ratio=1, overflow="fold")
        for keys, description in rows:
            grid.add_row(Text(f" {keys}", style="bold"), Text(description))
        parts += [grid, Text("")]
    parts.append(Text("Mouse: click a column header to sort, a tab to switch panes.", style="dim"))
    return Group(*parts)


KEY_NAMES = {"slash": "/", "question_mark": "?", "escape": "esc", "shift+tab": "shift+tab"}


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

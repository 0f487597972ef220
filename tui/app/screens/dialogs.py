"""Small dialogs: open files, choose the periods to compare."""

from __future__ import annotations

import os
import shlex
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from tui.app.screens.modal import SafeModalScreen
from tui.core.confine import Confinement
from tui.core.errors import EnforceError
from tui.core.formatting import printable
from tui.core.model import Period
from tui.core.records.periods import parse_period


class Dialog(SafeModalScreen[object]):
    """A titled box of inputs; Enter in the last one submits, Esc cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
    ]

    title_text = ""
    help_text = ""

    def inputs(self) -> list[Input]:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.title_text), classes="dialog-title")
            yield from self.inputs()
            yield Static(Text(self.help_text, style="dim"), classes="dialog-msg")

    def on_mount(self) -> None:
        self.focus_first_input()

    def say(self, message: str) -> None:
        self.query_one(".dialog-msg", Static).update(Text(printable(message), style="bold red"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        boxes = list(self.query(Input))
        if event.input is not boxes[-1]:
            self.set_focus(boxes[boxes.index(event.input) + 1])
            return
        try:
            result = self.result([box.value for box in boxes])
        except EnforceError as error:
            self.say(str(error))
            return
        self.dismiss(result)

    def result(self, values: list[str]) -> object:
        raise NotImplementedError

    def action_cancel(self) -> None:
        self.dismiss(None)


class OpenFilesDialog(Dialog):
    title_text = "Open record files (CSV, TSV, Parquet, NDJSON, xlsx)"
    help_text = "Paths separated by spaces; quote a path that has spaces. Enter opens, Esc cancels."

    def __init__(self, confinement: Confinement | None = None) -> None:
        super().__init__()
        self.confinement = confinement
        if confinement is not None:
            self.help_text = f"Files in {confinement.root}. {self.help_text}"

    def inputs(self) -> list[Input]:
        return [Input(placeholder="arrests.parquet detainers.csv", id="open-paths")]

    def result(self, values: list[str]) -> object:
        try:
            paths = shlex.split(values[0])
        except ValueError as error:
            raise EnforceError(f"cannot read the paths: {error}") from error
        if not paths:
            raise EnforceError("give at least one file")
        if self.confinement is not None:
            return [str(self.confinement.path(path)) for path in paths]
        # `~/Downloads/arrests.csv`, as Export takes it (no shell expands it here).
        return [os.path.expanduser(path) for path in paths]


class PeriodsDialog(Dialog):
    title_text = "Compare two periods (inclusive dates)"
    help_text = "As START:END, e.g. 2024-01-01:2024-04-30. Enter moves on, then applies."

    def __init__(self, period_a: Period | None, period_b: Period | None) -> None:
        super().__init__()
        self.initial = [period_a, period_b]

    def inputs(self) -> list[Input]:
        return [
            Input(
                "" if period is None else f"{period[0]}:{period[1]}",
                placeholder=f"period {label}: START:END",
                id=f"period-{label.lower()}",
                select_on_focus=False,
            )
            for label, period in zip("AB", self.initial, strict=True)
        ]

    def result(self, values: list[str]) -> object:
        return tuple(parse_period(value) for value in values)

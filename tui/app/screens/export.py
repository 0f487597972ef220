"""The export dialog: propose a name, let the user edit it, ask before overwriting; in a
browser, also hand the file to the browser to download."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Checkbox, Input, Static

from tui.app.screens.modal import SafeModalScreen
from tui.core.confine import Confinement
from tui.core.errors import EnforceError
from tui.core.export import ExportResult, Shown, export_view
from tui.core.formatting import plural, printable
from tui.core.provenance import provenance_path


class ExportScreen(SafeModalScreen[ExportResult | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel export", id="export.cancel"),
    ]

    def __init__(
        self, shown: Shown, proposed: Path, confinement: Confinement | None = None
    ) -> None:
        super().__init__()
        self.shown = shown
        self.proposed = proposed
        self.confinement = confinement
        self.confirm_overwrite: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog"):
            yield Static(
                Text(
                    printable(
                        f"Export {self.shown.what}: {plural(self.shown.frame.height, 'row')} as CSV"
                    )
                ),
                id="export-title",
            )
            yield Input(str(self.proposed), id="export-path", select_on_focus=False)
            if self.shown.catalog is not None:
                yield Checkbox(
                    "Also write FILE.provenance.json (source files, checksums, filters)",
                    id="export-provenance",
                )
            yield Static(
                Text(
                    "Enter (in the file name) writes the file, Esc cancels. Tab reaches the "
                    "checkbox, Space ticks it.",
                    style="dim",
                ),
                id="export-msg",
            )

    def on_mount(self) -> None:
        self.focus_first_input()

    def _say(self, message: str, *, error: bool = False) -> None:
        text = Text(printable(message), style="bold red" if error else "bold yellow")
        self.query_one("#export-msg", Static).update(text)

    def on_input_changed(self, _: Input.Changed) -> None:
        self.confirm_overwrite = None

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        if not value:
            self._say("Give a file name.", error=True)
            return
        try:
            path = self._target(value)
        except EnforceError as error:
            self._say(str(error), error=True)
            return
        force = False
        if path.exists() and not path.is_dir():
            if self.confirm_overwrite != path:
                self.confirm_overwrite = path
                self._say(f"{path} exists. Press Enter again to overwrite it, or edit the name.")
                return
            force = True
        with_provenance = self._with_provenance()
        try:
            result = export_view(self.shown, path, with_provenance=with_provenance, force=force)
        except EnforceError as error:
            self._say(str(error), error=True)
            return
        self._deliver(path)
        self.dismiss(result)

    def _with_provenance(self) -> bool:
        return self.shown.catalog is not None and self.query_one(Checkbox).value

    def _target(self, value: str) -> Path:
        if self.confinement is None:
            return Path(value).expanduser()
        path = self.confinement.path(value)
        if self._with_provenance():
            self.confinement.path(provenance_path(str(path)))
        return path

    def _deliver(self, path: Path) -> None:
        """Served to a browser, the file is written where it was asked and also downloaded:
        the person at the browser may have no other way to reach the server's folder."""
        if self.app.is_web and path.is_file():
            self.app.deliver_binary(path, save_filename=path.name, mime_type="text/csv")

    def action_cancel(self) -> None:
        self.dismiss(None)

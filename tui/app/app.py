"""The explorer application: loads a catalogue (in a worker when asked) and shows the panes."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual import work
from textual.app import App, SystemCommand
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from tui.app.screens.main import PANES, MainScreen
from tui.app.screens.palette import SafeCommandPalette
from tui.app.settings import Settings
from tui.core.errors import EnforceError, one_line
from tui.core.formatting import printable
from tui.core.view import Catalog

Loader = Callable[[], Catalog]


class EnforceApp(App[None]):
    CSS_PATH = "enforce.tcss"
    TITLE = "enforce-tui"

    def __init__(
        self,
        *,
        catalog: Catalog | None = None,
        loader: Loader | None = None,
        subtitle: str = "",
        settings: Settings | None = None,
    ) -> None:
        super().__init__()
        self.catalog = catalog
        self.loader = loader
        self.settings = settings or Settings()
        self.sub_title = printable(subtitle)

    def get_default_screen(self) -> Screen[None]:
        return MainScreen(self.settings)

    @property
    def main(self) -> MainScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, MainScreen)
        return screen

    def on_mount(self) -> None:
        if self.catalog is not None:
            # The tabs mount their panes after the app's own mount: fill them once they exist.
            self.call_after_refresh(self.main.show_catalog, self.catalog)
        elif self.loader is not None:
            self.load(self.loader)

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load(self, loader: Loader) -> Catalog:
        return loader()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "load":
            return
        if event.state == WorkerState.SUCCESS and isinstance(event.worker.result, Catalog):
            self.catalog = event.worker.result
            self.main.show_catalog(self.catalog)
        elif event.state == WorkerState.ERROR:
            error = event.worker.error
            message = str(error) if isinstance(error, EnforceError) else f"{error!r}"
            self.notify(
                printable(one_line(message)),
                title="Could not load",
                severity="error",
                markup=False,
                timeout=30,
            )

    def action_command_palette(self) -> None:
        if self.use_command_palette and not SafeCommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(SafeCommandPalette(id="--command-palette"))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        main = self.main
        for pane_id, title in PANES:
            yield SystemCommand(
                f"Pane: {title}",
                f"Show the {title} pane",
                lambda p=pane_id: main.action_show_pane(p),
            )
        if self.catalog is not None:
            for name in self.catalog.datasets:
                yield SystemCommand(
                    printable(f"Dataset: {name}"),
                    "Browse its raw rows in the Data pane",
                    lambda n=name: main.open_dataset(n),
                )
        yield SystemCommand(
            "Export the current view to CSV",
            "As shown: with its filter, sort and columns",
            main.action_export,
        )

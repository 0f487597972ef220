"""The explorer application: opens a catalogue (slow parts in a worker) and shows the panes."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from textual import events, work
from textual.app import App, SystemCommand
from textual.screen import Screen
from textual.widgets import Input
from textual.worker import Worker, WorkerState, get_current_worker

from tui.app.commands import DatasetCommands
from tui.app.crash import CrashReport
from tui.app.keys import type_now
from tui.app.messages import (
    DuplicatesToggled,
    LoadCancelled,
    OpenFiles,
    PeriodsChosen,
    RolesChosen,
)
from tui.app.notices import tell_error
from tui.app.screens.main import MainScreen
from tui.app.screens.sheets import SheetChosen, workbook_notice, workbook_of
from tui.app.session import Session
from tui.app.settings import Settings
from tui.app.widgets.pane_tabs import PANES, pane_title
from tui.core.errors import EnforceError
from tui.core.formatting import printable
from tui.core.model import Catalog, Period
from tui.core.open import Report, open_catalog, warm_catalog, warm_view
from tui.core.records.options import RecordOptions, as_notice, bundled_notice
from tui.core.roles import Role

Job = Callable[[Report], Catalog]


class EnforceApp(App[None]):
    CSS_PATH = "enforce.tcss"
    TITLE = "enforce-tui"
    COMMANDS = App.COMMANDS | {DatasetCommands}

    def __init__(
        self,
        *,
        catalog: Catalog | None = None,
        paths: list[str] | None = None,
        options: RecordOptions | None = None,
        subtitle: str = "",
        settings: Settings | None = None,
    ) -> None:
        super().__init__()
        self.session = Session(
            catalog=catalog, paths=list(paths or []), options=options or RecordOptions()
        )
        self.settings = settings or Settings()
        self.sub_title = printable(subtitle)
        self._load_generation = 0
        self._pending_paths: list[str] | None = None
        # No user sees a traceback: Textual prints a crash's on this console (see tui.app.crash).
        self.crash_report = CrashReport()
        if "debug" not in self.features:
            self.error_console = self.crash_report.console
        # Files whose guessed roles the Columns dialog was offered for (once per set of files).
        self._columns_offered: set[tuple[str, ...]] = set()
        self._sheets_told: set[tuple[tuple[str, ...], str | None]] = set()
        #: The options before a reopen under way: put back if it fails (a sheet that cannot
        #: be read must not stay chosen, or every later reopen would fail on it too).
        self._options_before: RecordOptions | None = None

    async def on_event(self, event: events.Event) -> None:
        # A key for a text box acts the moment it arrives, as the panes' keys do (priority
        # bindings): handed on to the box like any key, a character would be typed when the box
        # gets to it, while its Backspace, Enter or Esc act only once back up at the app, after
        # keys typed later (`/`, Backspace, `miami`, Enter fast left the filter empty).
        if isinstance(event, events.Key) and not event.is_forwarded:
            box = self.focused
            if isinstance(box, Input) and await type_now(box, event):
                return
        await super().on_event(event)

    def get_default_screen(self) -> Screen[None]:
        return MainScreen(self.settings, self.session)

    @property
    def main(self) -> MainScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, MainScreen)
        return screen

    @property
    def catalog(self) -> Catalog | None:
        return self.session.catalog

    @catalog.setter
    def catalog(self, catalog: Catalog | None) -> None:
        self.session.catalog = catalog

    @property
    def paths(self) -> list[str]:
        return self.session.paths

    @paths.setter
    def paths(self, paths: list[str]) -> None:
        self.session.paths = paths

    @property
    def options(self) -> RecordOptions:
        """How record files are read."""
        return self.session.options

    @property
    def has_records(self) -> bool:
        return self.session.has_records

    def on_mount(self) -> None:
        catalog = self.catalog
        if catalog is None:
            return
        # The main screen mounts its widgets after the app's own mount: start once they exist.
        if self.has_records:
            # Opened already (headers read); views and checksums are computed off screen.
            self.call_after_refresh(
                self.start_loading,
                lambda report: warm_catalog(catalog, report, views=self._front_view()),
                self.sub_title,
            )
        else:
            self.call_after_refresh(self.main.show_catalog, catalog)
            notice = bundled_notice(self.options)
            if notice:
                self.notify(notice, title="Record options", severity="warning", markup=False)

    # -- loading ------------------------------------------------------------------------------

    def start_loading(self, job: Job, label: str) -> None:
        """Run `job` in a thread; a newer load replaces an older one still running."""
        self._load_generation += 1
        self.main.show_loading(label)
        self._load(job, self._load_generation)

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def _load(self, job: Job, generation: int) -> tuple[int, Catalog]:
        worker = get_current_worker()

        def report(step: str) -> None:
            if not worker.is_cancelled:
                self.call_from_thread(self._progress, generation, step)

        return generation, job(report)

    def _front_view(self) -> list[str]:
        """The view of the pane in front: the one built before the panes show."""
        return [self.main.active_pane_id] if self.screen_stack else []

    @work(thread=True, exclusive=True, group="warm", exit_on_error=False)
    def _warm_rest(self, catalog: Catalog) -> None:
        """The other views, row counts and checksums, after the panes show (a pane shown
        before its view is built builds it itself, see ViewPane)."""
        worker = get_current_worker()
        for name in list(catalog.views):
            if worker.is_cancelled or catalog is not self.catalog:
                return
            try:
                warm_view(catalog, name)
            except EnforceError as error:
                # Found after the panes show (large files): told now, and again by the pane.
                self.call_from_thread(self.report_error, error, f"The {name} view")
        for dataset in list(catalog.datasets.values()):
            if worker.is_cancelled or catalog is not self.catalog:
                return
            try:
                _ = dataset.rows, dataset.sha256
            except EnforceError:
                return  # told where the count or checksum is shown

    def _progress(self, generation: int, step: str) -> None:
        if generation == self._load_generation:
            self.main.show_loading_step(step)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "load":
            return
        if event.state == WorkerState.SUCCESS:
            generation, catalog = event.worker.result  # type: ignore[misc]
            if generation == self._load_generation:
                # Only now, with the files read, do they become the ones the title names.
                if self._pending_paths is not None:
                    self.paths, self._pending_paths = self._pending_paths, None
                    self.sub_title = printable(", ".join(self.paths))
                self.catalog = catalog
                self._options_before = None
                self.main.hide_loading()
                self.main.show_catalog(catalog)
                self._tell_sheets(catalog)
                self._tell_duplicates(catalog)
                self._offer_columns(catalog)
                self._warm_rest(catalog)
        elif event.state == WorkerState.ERROR:
            self._pending_paths = None
            if self._options_before is not None:
                self.session.options, self._options_before = self._options_before, None
            self.main.hide_loading()
            self.report_error(event.worker.error, "Could not open")

    def _offer_columns(self, catalog: Catalog) -> None:
        """A table of no known layout opens with its guessed roles offered for checking."""
        mapping = catalog.mapping
        key = tuple(self.paths)
        if mapping is None or not mapping.roles.all_suggested or key in self._columns_offered:
            return
        self._columns_offered.add(key)
        self.notify(
            f"{mapping.file}: no known layout. The columns' roles are suggestions inferred from "
            "their names: check them here (m opens this again).",
            title="Columns",
            markup=False,
            timeout=15,
        )
        self.main.action_columns()

    def _tell_duplicates(self, catalog: Catalog) -> None:
        """Duplicates asked to be excluded (--exclude-duplicates, or d on earlier files) where
        no column flags them: say the counts are as they were, not silently nothing."""
        if self.options.exclude_duplicates and not catalog.duplicates_detectable:
            self.notify(
                as_notice(catalog.duplicates_undetectable),
                title="Duplicates",
                severity="warning",
                markup=False,
            )

    def _tell_sheets(self, catalog: Catalog) -> None:
        """A workbook of several sheets: say which is shown (and a cover skipped), once."""
        notice = workbook_notice(catalog)
        key = (tuple(self.paths), self.options.sheet)
        if notice is None or key in self._sheets_told:
            return
        self._sheets_told.add(key)
        self.notify(printable(notice), title="Sheets", markup=False, timeout=12)

    def report_error(self, error: BaseException | None, title: str) -> None:
        tell_error(self, error, title)

    def cancel_loading(self) -> None:
        self._load_generation += 1  # whatever the cancelled thread still returns is ignored
        self.workers.cancel_group(self, "load")
        self.main.hide_loading()
        self.notify("Loading cancelled; the data shown before stays.", title="Cancelled")

    def open_paths(self, paths: list[str]) -> None:
        """Open other files from inside the explorer; errors are told, the session stays."""
        options = self.options

        def job(report: Report) -> Catalog:
            report("reading headers")
            return warm_catalog(open_catalog(paths, options=options), report, views=front)

        front = self._front_view()

        self._pending_paths = list(paths)
        self.start_loading(job, ", ".join(paths))

    def reopen(self, options: RecordOptions) -> None:
        """The same files with other periods or duplicate handling."""
        self._options_before = self.session.options
        self.session.options = options
        if self.has_records:
            self.open_paths(self.paths)

    def set_periods(self, period_a: Period, period_b: Period) -> None:
        self.reopen(replace(self.options, period_a=period_a, period_b=period_b))

    def set_roles(self, roles: dict[Role, str]) -> None:
        """The same files with these columns' roles (the others as they were)."""
        fields: dict[str, str | None] = {f"{r}_column": c for r, c in roles.items()}
        if "place" in roles:
            fields["jurisdiction_column"] = None
        self.reopen(replace(self.options, **fields))  # type: ignore[arg-type]

    def toggle_duplicates(self) -> None:
        self.reopen(replace(self.options, exclude_duplicates=not self.options.exclude_duplicates))

    # -- what the screens ask for -------------------------------------------------------------

    def on_open_files(self, message: OpenFiles) -> None:
        self.open_paths(message.paths)

    def on_periods_chosen(self, message: PeriodsChosen) -> None:
        self.set_periods(message.period_a, message.period_b)

    def on_roles_chosen(self, message: RolesChosen) -> None:
        self.set_roles(message.roles)

    def on_sheet_chosen(self, message: SheetChosen) -> None:
        self.reopen(replace(self.options, sheet=message.sheet))

    def on_duplicates_toggled(self, _: DuplicatesToggled) -> None:
        self.toggle_duplicates()

    def on_load_cancelled(self, _: LoadCancelled) -> None:
        self.cancel_loading()

    # -- the command palette ----------------------------------------------------------------

    # Every palette the app opens is the guarded one (tui.app.screens.palette): its own, and
    # the one Textual opens to choose a theme.
    def screenshot_folder(self) -> Path:
        """Where the palette's Screenshot is saved: ~/Downloads if there is one, else the export
        folder (the current folder unless told otherwise)."""
        downloads = Path.home() / "Downloads"
        if self.settings.confinement is None and downloads.is_dir():
            return downloads
        return self.settings.export_dir

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        if self.is_web:
            super().action_screenshot(filename, path)  # the browser downloads it
            return
        folder = Path(path) if path else self.screenshot_folder()
        name = filename or f"enforce-screenshot-{self.settings.clock():%Y%m%d-%H%M%S}.svg"
        try:
            written = self.save_screenshot(filename=name, path=str(folder))
        except OSError as error:
            self.report_error(
                EnforceError(f"cannot save the screenshot in {folder}: {error.strerror or error}"),
                "Screenshot",
            )
            return
        self.notify(printable(f"Saved {written}"), title="Screenshot", markup=False)

    def action_command_palette(self) -> None:
        from tui.app.screens.palette import SafeCommandPalette

        if self.use_command_palette and not SafeCommandPalette.is_open(self):  # type: ignore[arg-type]
            # No id: a palette still closing keeps its id until removed, and a second one
            # opened meanwhile (ctrl+p, Esc, ctrl+p typed fast) would clash with it.
            self.push_screen(SafeCommandPalette())

    def search_themes(self) -> None:
        from textual.theme import ThemeProvider

        from tui.app.screens.palette import SafeCommandPalette

        self.push_screen(
            SafeCommandPalette(providers=[ThemeProvider], placeholder="Search for themes…")
        )

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        main = self.main
        for pane_id, _ in PANES:
            title = pane_title(pane_id, self.catalog)
            yield SystemCommand(
                f"Pane: {title}",
                f"Show the {title} pane",
                lambda p=pane_id: main.action_show_pane(p),
            )
        yield SystemCommand(
            "Export the current view to CSV",
            "As shown: with its filter, sort and columns",
            main.action_export,
        )
        yield SystemCommand("Open files…", "CSV, TSV, Parquet, NDJSON or xlsx", main.action_open)
        if self.has_records and self.catalog is not None and self.catalog.mapping is not None:
            yield SystemCommand(
                "Columns…",
                "Choose the place, date, category and count columns",
                main.action_columns,
            )
        if self.has_records and workbook_of(self.catalog) is not None:
            yield SystemCommand(
                "Sheets…",
                "The workbook's sheets: which is shown, choose another",
                main.action_sheets,
            )
        if self.has_records:
            yield SystemCommand("Compare periods…", "Choose period A and B", main.action_periods)
            yield SystemCommand(
                "Include or exclude likely duplicates",
                "Rows flagged duplicate_likely",
                main.action_duplicates,
            )

"""The explorer survives what people and terminals do to it: tiny sizes, resizes, key storms.

Keys typed fast arrive together; each test sends them at once and then waits on conditions
(tests/settle.py), never on a guessed delay. Keys act in the order typed, none is lost, and the
tab bar, the pane shown and the focus always agree.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest
from settle import pane_shown, send, settle, until
from synth import ice_records as ir
from textual import events
from textual.command import CommandInput, CommandList, CommandPalette
from textual.geometry import Size
from textual.pilot import Pilot
from textual.widgets import Input, Static

from tui.app.app import EnforceApp
from tui.app.factory import build_app
from tui.app.screens.main import MIN_SIZE, PANES
from tui.app.screens.palette import SafeCommandPalette
from tui.app.screenshots import fixed_settings
from tui.app.widgets.filter_box import FilterBox
from tui.app.widgets.frame_table import FrameTable
from tui.core.table_ops import filter_rows

SIZE = (120, 40)
PANE_IDS = [pane_id for pane_id, _ in PANES]


def make_app(tmp_path: Path) -> EnforceApp:
    return build_app(settings=fixed_settings(tmp_path))


async def test_a_tiny_terminal_says_it_needs_more_room(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(40, 12)) as pilot:
        await settle(pilot)
        notice = app.main.query_one("#too-small", Static)
        assert notice.display
        assert f"at least {MIN_SIZE[0]}x{MIN_SIZE[1]}" in str(notice.render())
        assert "40x12" in str(notice.render())
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert not notice.display
        assert isinstance(app.focused, FrameTable)
        send(app, "s")
        await settle(pilot)
        assert app.main.active_table_pane().sort == ("jurisdiction", False)


async def test_a_resize_storm(tmp_path: Path) -> None:
    """Sizes from 20x5 to 220x70 as a window dragged about sends them, with pane keys among
    them: ten at a time, then waited out."""
    app = make_app(tmp_path)
    sizes = random.Random(7)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for burst in range(6):
            for _ in range(10):
                size = Size(sizes.randint(20, 220), sizes.randint(5, 70))
                app.post_message(events.Resize(size, size))
            send(app, [str(burst % 5 + 1)])
            await settle(pilot)
            assert app.is_running
            assert pane_shown(app) == PANE_IDS[burst % 5]
        await pilot.resize_terminal(100, 30)
        await settle(pilot)
        assert pane_shown(app) == "jurisdictions"  # the last pane key was 1 (burst 5)
        lines = [app.main.active_table_pane().table.render_line(y).text for y in range(3)]
        assert any(line.strip() for line in lines)


STORM_KEYS = [
    *"123456789jkhlgGsye/?x ",
    "tab",
    "shift+tab",
    "up",
    "down",
    "left",
    "right",
    "pageup",
    "pagedown",
    "home",
    "end",
    "enter",
    "escape",
    "backspace",
    "ctrl+p",
]


# Keys the command palette acts on with the list of commands it has found so far.
PALETTE_LIST_KEYS = {"enter", "up", "down", "pageup", "pagedown"}


def storm_bursts(keys: list[str], app: EnforceApp) -> Iterator[list[str]]:
    """The keys in bursts of up to 50 sent at once, cut where the palette is concerned.

    The palette searches as you type, in the background, and Enter, the arrows and paging act
    on what it has found so far, which depends on timing. So a burst ends at ctrl+p, and in
    the palette each of those keys waits for the search before it (what is typed still comes
    in bursts): the same seed then always takes the same path.
    """
    position = 0
    while position < len(keys):
        burst = keys[position : position + 50]
        if isinstance(app.screen, CommandPalette):
            cut = next((i for i, key in enumerate(burst) if key in PALETTE_LIST_KEYS), None)
            burst = burst[: max(cut, 1)] if cut is not None else burst
        elif "ctrl+p" in burst:
            burst = burst[: burst.index("ctrl+p") + 1]
        position += len(burst)
        yield burst


def storm_state(app: EnforceApp) -> tuple[object, ...]:
    """What a run of the storm leads to, to compare two runs of one seed."""
    panes = {
        pane_id: (table.filter_text, table.sort, table.table.cursor_row)
        for pane_id, pane in app.main.panes.items()
        for table in [getattr(pane, "table_pane", pane)]
    }
    stack = tuple(type(screen).__name__ for screen in app.screen_stack)
    return stack, pane_shown(app), app.theme, tuple(sorted(panes.items()))


async def run_storm(
    app: EnforceApp, pilot: Pilot[None], seed: int, count: int = 1000
) -> list[tuple[object, ...]]:
    """`count` random keys; the state after each burst (empty if the storm chose Quit)."""
    chooser = random.Random(seed)
    keys = [chooser.choice(STORM_KEYS) for _ in range(count)]
    states = []
    for burst in storm_bursts(keys, app):
        send(app, burst)
        await settle(pilot)
        if not app.is_running:
            # The storm may pick "Quit" in the command palette: a clean exit, not a crash.
            assert app.return_code == 0
            return []
        states.append(storm_state(app))  # the tab bar, the pane and the focus agree
    return states


# One storm runs by default; the others (soak tests, ~14 s each on 2 cores) run in CI and with
# `-m slow`, so the README's command stays under two minutes.
@pytest.mark.parametrize(
    "seed",
    [2017, pytest.param(9, marks=pytest.mark.slow), pytest.param(28, marks=pytest.mark.slow)],
)
async def test_a_thousand_random_keys(
    tmp_path: Path, seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Random keys in bursts, as a cat on the keyboard or a bad paste would send them."""
    # Keys typed into the export dialog make relative paths: keep what they write in tmp_path.
    monkeypatch.chdir(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        if not await run_storm(app, pilot, seed):
            return
        for _ in range(10):
            if app.screen is app.main:
                break
            send(app, ["escape"])
            await settle(pilot)
        assert app.screen is app.main, [type(screen).__name__ for screen in app.screen_stack]
        if isinstance(app.focused, FilterBox):
            send(app, ["escape"])
        send(app, ["1"])
        await settle(pilot)
        assert pane_shown(app) == "jurisdictions"
    # Whatever the storm exported is whole: a readable CSV each, no temporary file left over.
    for written in tmp_path.rglob("*"):
        assert not written.name.endswith(".part")
        if written.name.endswith(".provenance.json"):
            assert json.loads(written.read_text(encoding="utf-8"))["rows"] >= 0
        elif written.is_file():
            assert pl.read_csv(written).width >= 2


@pytest.mark.slow
async def test_the_same_seed_takes_the_same_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Seed 9 (which once ended CI at random), its first 300 keys twice: the same state after
    every burst (its path parted at the palette before the palette's keys waited)."""
    runs = []
    for attempt in range(2):
        folder = tmp_path / str(attempt)
        folder.mkdir()
        monkeypatch.chdir(folder)
        app = make_app(folder)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            runs.append(await run_storm(app, pilot, 9, count=300))
    assert runs[0] == runs[1]
    assert any("SafeCommandPalette" in state[0] for state in runs[0])  # type: ignore[operator]


# -- pane keys typed fast ---------------------------------------------------------------------


def last_pane(keys: list[str]) -> str:
    """Where pane keys lead, from the first pane: what the explorer must show after them."""
    index = 0
    for key in keys:
        if key.isdigit():
            index = int(key) - 1
        else:
            index = (index + (1 if key == "tab" else -1)) % len(PANE_IDS)
    return PANE_IDS[index]


@pytest.mark.parametrize(
    "keys", ["3 5", "5 3", "4 1", "4 5", "2 1", "2 5 3", "4 4 2"], ids=lambda k: k
)
async def test_pane_keys_typed_within_a_millisecond(tmp_path: Path, keys: str) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        send(app, keys.split())
        await settle(pilot)
        assert pane_shown(app) == last_pane(keys.split())


@pytest.mark.parametrize("seed", [1, 2])
async def test_a_burst_of_400_pane_keys_ends_on_the_last(tmp_path: Path, seed: int) -> None:
    chooser = random.Random(seed)
    keys = [chooser.choice([*"12345", "tab", "shift+tab"]) for _ in range(400)]
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        send(app, keys)
        await settle(pilot)
        assert pane_shown(app) == last_pane(keys)
        assert isinstance(app.focused, FrameTable)


async def test_pane_keys_after_a_filter_typed_in_one_go(tmp_path: Path) -> None:
    """`2/child⏎ls5` at once: the filter, then the table keys, then the pane key."""
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        send(app, ["2", "/", *"child", "enter", "l", "s", "5"])
        await settle(pilot)
        assert pane_shown(app) == "sources"
        convictions = app.main.panes["convictions"]
        assert convictions.filter_text == "child"
        assert convictions.sort == ("people", False)
        assert convictions.query_one(FilterBox).value == "child"


# -- the filter typed fast in the Data pane of a 200k-row file --------------------------------

ROWS = 200_000


@pytest.fixture(scope="module")
def arrests_200k(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("records") / "arrests.parquet"
    ir.write(ir.arrests(ROWS, seed=11, layout="2025"), path, "parquet")
    return path


@pytest.mark.parametrize("clear", ["backspaces", "ctrl+u"])
async def test_the_filter_typed_fast_in_a_large_file(
    arrests_200k: Path, tmp_path: Path, clear: str
) -> None:
    """`/`, Backspaces (or ctrl+u), a word and Enter at once, three times over (the keys act
    as they arrive, so a try comes out the same each time): each time the box holds the word,
    the filter is set to it and the rows shown are those of the CLI's rule."""
    app = build_app([str(arrests_200k)], settings=fixed_settings(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        send(app, ["4"])
        await settle(pilot)
        pane = app.main.active_table_pane()
        assert pane.source_frame.height == ROWS
        box = pane.query_one(FilterBox)
        for word in ["miami", "dallas", "miami"]:
            erase = ["backspace"] * (len(box.value) + 2) if clear == "backspaces" else ["ctrl+u"]
            send(app, ["/", *erase, *word, "enter"])
            await settle(pilot)
            assert box.value == word
            assert pane.filter_text == word
            assert box.display
            assert app.focused is pane.table
            expected = filter_rows(pane.source_frame, word).height
            assert 0 < pane.shown.height == expected < ROWS


async def test_text_box_keys_act_in_the_order_typed(tmp_path: Path) -> None:
    """Characters, Backspace, arrows and ctrl+u, typed at once into the filter box."""
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        box = app.main.active_table_pane().query_one(FilterBox)
        send(app, ["/", *"nyx", "backspace", "c", "home", "x", "ctrl+u", *"new", "left", "y"])
        await settle(pilot)
        assert box.value == "neywnyc"
        assert app.focused is box


# -- the command palette ----------------------------------------------------------------------


def palette_list(app: EnforceApp) -> CommandList:
    assert isinstance(app.screen, SafeCommandPalette)
    return app.screen.query_one(CommandList)


@pytest.mark.parametrize("theme", [False, True], ids=["commands", "themes"])
async def test_paging_a_palette_list_that_has_no_room(tmp_path: Path, theme: bool) -> None:
    """The crash of the random-key test, made certain: in a terminal three lines high the
    palette's list never gets a line, and Textual's OptionList raised KeyError on PageDown."""
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 3)) as pilot:
        await settle(pilot)
        send(app, ["ctrl+p"])
        await settle(pilot)
        if theme:  # the palette Textual opens to choose a theme is the guarded one too
            send(app, [*"theme"])
            await settle(pilot)
            send(app, ["enter"])
            await settle(pilot)
            assert "theme" in str(app.screen.query_one(CommandInput).placeholder)
        commands = palette_list(app)
        assert commands.option_count > 1
        assert commands.highlighted == 0
        assert not commands.scrollable_content_region
        send(app, ["pagedown", "pageup", "pagedown"])
        await settle(pilot)
        assert app.is_running
        assert palette_list(app).highlighted == 0


async def test_paging_the_palette_still_pages(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 16)) as pilot:  # room for a few commands, not all
        await settle(pilot)
        send(app, ["ctrl+p"])
        await settle(pilot)
        commands = palette_list(app)
        height = commands.scrollable_content_region.height
        assert commands.option_count > height > 0
        send(app, ["pagedown"])
        await settle(pilot)
        assert commands.highlighted is not None
        assert commands.highlighted > 0
        send(app, ["pageup"])
        await settle(pilot)
        assert commands.highlighted == 0


async def test_a_palette_opened_while_the_last_one_closes(tmp_path: Path) -> None:
    """ctrl+p acted on after Esc closed a palette but before Textual removed it."""
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        send(app, ["ctrl+p"])
        await settle(pilot)
        closing = app.screen
        closing.dismiss()
        app.action_command_palette()  # at once, before Textual has removed it
        await settle(pilot)
        assert isinstance(app.screen, SafeCommandPalette)
        assert app.screen is not closing
        assert len(app.screen_stack) == 2


async def test_a_closed_palette_starts_no_search(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A character typed just before Esc reaches the palette after it closed: no search."""
    from tui.app.commands import DatasetCommands

    searched: list[str] = []
    search = DatasetCommands.search

    def recorded(self: DatasetCommands, query: str):  # type: ignore[no-untyped-def]
        searched.append(query)
        return search(self, query)

    monkeypatch.setattr(DatasetCommands, "search", recorded)
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        send(app, ["ctrl+p", *"cont"])
        await settle(pilot)
        assert searched[-1] == "cont"
        palette = app.screen
        box = palette.query_one(Input)
        palette.dismiss()
        palette.post_message(Input.Changed(box, "context"))
        await settle(pilot)
        assert app.screen is app.main
        assert "context" not in searched
        assert app.is_running


async def test_random_keys_on_rows_with_a_column_left_in_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The storm on a Parquet file's raw rows whose hashes stay in the file (read in blocks of
    64 rows, most in the background): sorts, filters, exports and pane switches among reads."""
    import tui.app.widgets.file_rows as file_rows_module
    import tui.core.tables.file_columns as file_columns_module

    monkeypatch.setattr(file_columns_module, "LEAVE_BYTES", 1000)
    monkeypatch.setattr(file_columns_module, "BLOCK_ROWS", 64)
    monkeypatch.setattr(file_rows_module, "READ_AT_ONCE", 1)
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "arrests.parquet"
    ir.write(ir.iter_arrests(3000, seed=5, layout="processed"), path, "parquet")
    app = build_app([str(path)], settings=fixed_settings(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        send(app, ["4"])
        await settle(pilot)
        rows = app.main.active_table_pane()
        await until(pilot, lambda: rows.reading is None and rows.complete, "every row read")
        assert rows.file_columns is not None  # the storm runs on hashes read from the file
        if not await run_storm(app, pilot, seed=13, count=600):
            return
        assert app.is_running

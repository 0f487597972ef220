"""The explorer survives what people and terminals do to it: tiny sizes, resizes, key storms."""

from __future__ import annotations

import json
import random
from pathlib import Path

import polars as pl
import pytest
from textual import events
from textual.widgets import Static

from tui.app.factory import build_app
from tui.app.screens.main import MIN_SIZE
from tui.app.screenshots import fixed_settings
from tui.app.widgets.frame_table import FrameTable


async def test_a_tiny_terminal_says_it_needs_more_room(tmp_path: Path) -> None:
    app = build_app(settings=fixed_settings(tmp_path))
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        notice = app.main.query_one("#too-small", Static)
        assert notice.display
        assert f"at least {MIN_SIZE[0]}x{MIN_SIZE[1]}" in str(notice.render())
        assert "40x12" in str(notice.render())
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert not notice.display
        await pilot.pause()
        assert isinstance(app.focused, FrameTable)
        await pilot.press("s")
        assert app.main.active_table_pane().sort == ("jurisdiction", False)


async def test_a_resize_storm(tmp_path: Path) -> None:
    app = build_app(settings=fixed_settings(tmp_path))
    sizes = random.Random(7)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for step in range(60):
            await pilot.resize_terminal(sizes.randint(20, 220), sizes.randint(5, 70))
            if step % 10 == 0:
                await pilot.press(str(step % 5 + 1))
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert app.is_running
        lines = [app.main.active_table_pane().table.render_line(y).text for y in range(3)]
        assert any(line.strip() for line in lines)


@pytest.mark.parametrize("seed", [2017, 9, 28])
async def test_a_thousand_random_keys(
    tmp_path: Path, seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Random keys in bursts of 50, as a cat on the keyboard or a bad paste would send them."""
    # Keys typed into the export dialog make relative paths: keep what they write in tmp_path.
    monkeypatch.chdir(tmp_path)
    keys = [
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
    characters = {"enter": "\r", "escape": "\x1b", "backspace": "\x7f", "tab": "\t"}
    chooser = random.Random(seed)
    app = build_app(settings=fixed_settings(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for _ in range(20):
            for _ in range(50):
                key = chooser.choice(keys)
                character = characters.get(key, key if len(key) == 1 else None)
                app.post_message(events.Key(key, character))
            await pilot.pause(0.05)
            if not app.is_running:
                break
        await pilot.pause(0.3)
        if not app.is_running:
            # The storm may pick "Quit" in the command palette: a clean exit, not a crash.
            assert app.return_code == 0
            return
        for _ in range(10):
            if app.screen is app.main:
                break
            await pilot.press("escape")
        assert app.screen is app.main, [type(screen).__name__ for screen in app.screen_stack]
        await pilot.press("1")
        assert app.main.active_pane_id == "jurisdictions"
    # Whatever the storm exported is whole: a readable CSV each, no temporary file left over.
    for written in tmp_path.rglob("*"):
        assert not written.name.endswith(".part")
        if written.name.endswith(".provenance.json"):
            assert json.loads(written.read_text(encoding="utf-8"))["rows"] >= 0
        elif written.is_file():
            assert pl.read_csv(written).width >= 2

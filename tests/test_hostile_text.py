"""Text from data is shown as text everywhere: cells, headers, dataset names, file names, the
title, notifications and the command palette. Checked on the screen the real widgets draw."""

from __future__ import annotations

import html
import re
from pathlib import Path

import polars as pl
import pytest
from settle import settle

from tui.app.app import EnforceApp
from tui.app.factory import build_app
from tui.app.screenshots import fixed_settings
from tui.core.model import Catalog, Dataset, View

MARKUP = "[bold red]evil[/]"
CLOSER = "Guatemala [/]"
ESCAPE = "\x1b[31mred"
BIDI = "a\u202eb"
LONG = "x" * 5000


def screen_text(app: EnforceApp) -> str:
    """Every character on screen, line by line, as the terminal would show it."""
    svg = app.export_screenshot()
    lines: dict[int, list[str]] = {}
    for line, text in re.findall(r'clip-path="url\(#[^)]*-line-(\d+)\)">([^<]*)<', svg):
        lines.setdefault(int(line), []).append(html.unescape(text).replace("\xa0", " "))
    return "\n".join("".join(parts) for _, parts in sorted(lines.items()))


def hostile_catalog() -> Catalog:
    frame = pl.DataFrame(
        {
            f"col {MARKUP}": [MARKUP, CLOSER, ESCAPE, BIDI, LONG],
            "n": [1, 2, None, 0, 5],
        }
    )
    dataset = Dataset(name=f"ds {MARKUP}", title=f"title {CLOSER}", frame=frame, file="[x].csv")
    view = View(name="jurisdictions", title=f"view {MARKUP}", frame=frame, base=CLOSER)
    return Catalog(
        title=f"[blink]{MARKUP}", views={"jurisdictions": view}, datasets={dataset.name: dataset}
    )


async def test_cells_headers_title_and_base_are_literal(tmp_path: Path) -> None:
    app = build_app(catalog=hostile_catalog(), settings=fixed_settings(tmp_path))
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert f"col {MARKUP}" in text
        assert MARKUP in text
        assert CLOSER in text
        assert "\\x1b[31mred" in text
        assert "\x1b" not in text
        assert "a<U+202E>b" in text
        assert f"[blink]{MARKUP}" in text  # the title in the header
        assert "—" in text  # an empty cell, shown apart from the 0 beside it


async def test_dataset_names_and_files_in_the_data_pane(tmp_path: Path) -> None:
    app = build_app(catalog=hostile_catalog(), settings=fixed_settings(tmp_path))
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.pause()
        await pilot.press("4")
        await pilot.pause()
        text = screen_text(app)
        assert f"ds {MARKUP}" in text
        assert f"title {CLOSER}" in text
        assert "[x].csv" in text


async def test_the_palette_shows_dataset_names_as_typed(tmp_path: Path) -> None:
    app = build_app(catalog=hostile_catalog(), settings=fixed_settings(tmp_path))
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p", *"Dataset")
        await settle(pilot)
        assert f"Dataset: ds {MARKUP}" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.main.active_pane_id == "data"


async def test_notifications_show_file_names_literally(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = build_app(settings=fixed_settings(tmp_path))
    async with app.run_test(size=(140, 30), notifications=True) as pilot:
        await pilot.pause()
        app.open_paths(["[bold]missing[/].csv"])
        await settle(pilot)
        assert "[bold]missing[/].csv" in screen_text(app)
        # The explorer goes on with what it had.
        assert app.main.active_table_pane().shown.get_column("arrests").sum() == 498


async def test_a_very_long_cell_is_cut_on_screen_and_copied_whole(tmp_path: Path) -> None:
    app = build_app(catalog=hostile_catalog(), settings=fixed_settings(tmp_path))
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.pause()
        await pilot.press("G")
        await pilot.pause()
        await pilot.press("y")
        assert app.clipboard == LONG
        row = next(line for line in screen_text(app).splitlines() if "xxxx" in line)
        assert "…" in row
        assert len(row) <= 140

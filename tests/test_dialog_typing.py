"""Dialogs with a proposed value (the export file name, the periods) take what is typed fast.

Textual's Input selected its whole value on focus; Ctrl+U on that selection, with characters
right behind it (a paste, fast typing), left the box empty, and one user's export went to
/jur.csv instead of /tmp/ut/out/jur.csv."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from settle import send, settle
from synth import ice_records as ir
from textual.widgets import Checkbox

from tui.app.factory import build_app
from tui.app.screens.dialogs import PeriodsDialog
from tui.app.screens.export import ExportScreen
from tui.app.screenshots import fixed_settings

SIZE = (120, 40)


@pytest.mark.parametrize("with_the_key", [False, True], ids=["after-e", "with-e"])
async def test_a_path_typed_fast_after_ctrl_u_is_the_one_written(
    tmp_path: Path, with_the_key: bool
) -> None:
    target = tmp_path / "out" / "jur.csv"
    target.parent.mkdir()
    app = build_app([], settings=fixed_settings(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        typed = ["ctrl+u", *str(target), "enter"]
        if with_the_key:
            send(app, ["e", *typed])
        else:
            await pilot.press("e")
            await settle(pilot)
            send(app, typed)
        await settle(pilot)
        assert not isinstance(app.screen, ExportScreen)
    assert target.read_text(encoding="utf-8").startswith("jurisdiction,")
    assert sorted(p.name for p in tmp_path.glob("*.csv")) == []  # nothing under another name


async def test_periods_typed_fast_after_ctrl_u_are_the_ones_used(tmp_path: Path) -> None:
    path = tmp_path / "arrests.parquet"
    ir.write(ir.arrests(2000, seed=5, layout="processed"), path, "parquet")
    app = build_app([str(path)], settings=fixed_settings(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3", "p")
        await settle(pilot)
        assert isinstance(app.screen, PeriodsDialog)
        # Each box typed fast; Enter moves to the next box by a message, so the next box's
        # keys come after it (as a person types: no paste reaches a dialog as keys).
        send(app, ["ctrl+u", *"2024-02-01:2024-02-29", "enter"])
        await settle(pilot)
        send(app, ["ctrl+u", *"2025-02-01:2025-02-28", "enter"])
        await settle(pilot)
        assert not isinstance(app.screen, PeriodsDialog)
        assert app.options.period_a == (date(2024, 2, 1), date(2024, 2, 29))
        assert app.options.period_b == (date(2025, 2, 1), date(2025, 2, 28))


async def test_the_provenance_box_shows_its_x_only_when_ticked(tmp_path: Path) -> None:
    app = build_app([], settings=fixed_settings(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        box = app.screen.query_one(Checkbox)
        off = box.get_visual_style("toggle--button")
        assert not box.value
        assert off.foreground == off.background  # the X is not drawn
        await pilot.press("tab", "space")
        await settle(pilot)
        on = box.get_visual_style("toggle--button")
        assert box.value
        assert on.foreground != on.background

"""The explorer's sheet list (key w): a workbook's sheets, which one is shown (a cover page
said to be skipped), and another chosen from the keyboard, the views recomputed on it."""

from __future__ import annotations

from pathlib import Path

import pytest
import xlsxwriter  # type: ignore[import-untyped]
from settle import settle, until

from tui.app.factory import build_app
from tui.app.screens.sheets import SheetsDialog
from tui.app.screenshots import fixed_settings

SIZE = (140, 44)
REAL = Path(__file__).resolve().parents[2] / "shared" / "real"


def _workbook(path: Path) -> Path:
    """A cover page, a table of offices (the widest) and a smaller table of states."""
    book = xlsxwriter.Workbook(str(path))
    cover = book.add_worksheet("Cover")
    cover.write(0, 0, "Detainers by office, a public release")
    offices = book.add_worksheet("Offices")
    offices.write_row(0, 0, ["office", "county", "charge", "n"])
    for row, values in enumerate(
        [
            ["Seattle", "King", "DUI", 3],
            ["Seattle", "Pierce", "Assault", 4],
            ["Tacoma", "Pierce", "DUI", 5],
        ],
        start=1,
    ):
        offices.write_row(row, 0, values)
    states = book.add_worksheet("States")
    states.write_row(0, 0, ["state", "n"])
    for row, values in enumerate([["WA", 7], ["OR", 11], ["ID", 2], ["MT", 1]], start=1):
        states.write_row(row, 0, values)
    book.close()
    return path


def _text(widget: object) -> str:
    return str(getattr(widget, "renderable", None) or getattr(widget, "content", ""))


def _options(dialog: SheetsDialog) -> list[str]:
    from textual.widgets import OptionList

    listing = dialog.query_one(OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


def _jurisdictions(app: object) -> dict[str, int]:
    catalog = app.catalog  # type: ignore[attr-defined]
    frame = catalog.views["jurisdictions"].frame
    return dict(
        zip(frame["jurisdiction"].to_list(), frame[frame.columns[1]].to_list(), strict=True)
    )


async def test_sheets_listed_and_another_chosen_from_the_keyboard(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "release.xlsx")
    app = build_app([str(path)], settings=fixed_settings(tmp_path))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        if not isinstance(app.screen, SheetsDialog) and app.screen is not app.main:
            await pilot.press("escape")  # the Columns dialog offered for suggested roles
            await settle(pilot)
        # Opening said which sheet is shown, and that the cover was skipped.
        told = [n.message for n in app._notifications]
        assert any(
            "3 sheets; showing 'Offices'; skipped 'Cover' (a cover page or notes)" in m
            and "w to see every sheet" in m
            for m in told
        ), told
        assert _jurisdictions(app) == {"King": 3, "Pierce": 9}
        await pilot.press("4")  # from the Data pane, as anywhere
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, SheetsDialog)
        options = _options(dialog)
        assert options[0].startswith("  Cover")
        assert "not read: a cover page or notes" in options[0]
        assert options[1].startswith("▶ Offices")
        assert "3 rows · 4 columns · shown" in options[1]
        assert options[2].startswith("  States")
        assert "not read: a smaller table" in options[2]
        assert "showing 'Offices'" in _text(dialog.query_one("#sheets-summary"))
        await pilot.press("down", "enter")
        await settle(pilot)
        await until(pilot, lambda: app.options.sheet == "States", "the sheet chosen")
        await settle(pilot)
        assert app.screen is app.main
        # The views now come from the States sheet (place suggested from its name).
        assert _jurisdictions(app) == {"OR": 11, "WA": 7, "ID": 2, "MT": 1}
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, SheetsDialog)
        assert _options(app.screen)[2].startswith("▶ States")
        assert "shown (chosen)" in _options(app.screen)[2]
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is app.main
        assert app.options.sheet == "States"


async def test_a_sheet_that_cannot_be_read_is_told_and_the_old_one_stays(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "release.xlsx")
    app = build_app([str(path)], settings=fixed_settings(tmp_path))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        if app.screen is not app.main:
            await pilot.press("escape")
            await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        await pilot.press("up", "enter")  # the cover page: one cell, no table
        await settle(pilot)
        assert app.screen is app.main
        assert app.options.sheet is None  # put back: later reopens still work
        assert _jurisdictions(app) == {"King": 3, "Pierce": 9}


async def test_no_sheet_key_without_a_workbook_of_several_sheets(tmp_path: Path) -> None:
    path = tmp_path / "plain.csv"
    path.write_text("county,n\nKing,3\n")
    app = build_app([str(path)], settings=fixed_settings(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        if app.screen is not app.main:
            await pilot.press("escape")
            await settle(pilot)
        assert app.main.check_action("sheets", ()) is False
        await pilot.press("w")
        await settle(pilot)
        assert app.screen is app.main


async def test_real_detention_statistics_workbook(tmp_path: Path) -> None:
    path = REAL / "ice-detention" / "FY19-detentionstats.xlsx"
    if not path.is_file():
        pytest.skip(f"{path} is absent: the real files live outside the repository")
    app = build_app([str(path)], settings=fixed_settings(tmp_path))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        if app.screen is not app.main:
            await pilot.press("escape")
            await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, SheetsDialog)
        workbook = dialog.workbook
        assert len(workbook.sheets) == 5
        shown = workbook.read[0]
        assert "Facilities" in shown
        options = _options(dialog)
        # The first sheet is ICE's cover page, listed and said to be skipped.
        assert "not read: a cover page or notes" in options[0]
        assert any(o.startswith(f"▶ {shown}") for o in options)
        # Choose the first other sheet that looks like a table, by moving to it.
        names = [s.name for s in workbook.sheets]
        target = next(
            s.name
            for s in workbook.sheets
            if s.name != shown and s.header_row is not None and not s.why_not.startswith("a cover")
        )
        await pilot.press("home", *(["down"] * names.index(target)), "enter")
        await settle(pilot)
        assert app.screen is app.main
        assert app.options.sheet == target
        assert app.catalog is not None
        assert app.catalog.workbooks[0].read[0] == target
        assert app.catalog.workbooks[0].given

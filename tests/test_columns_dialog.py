"""The Columns dialog (key m): the roles shown with how they were chosen, a column picked from
the keyboard, and the panes recomputed with it; an unknown table opens with the dialog offered.
Also the role flags on the command line."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from settle import settle
from synth import ice_records as ir

from tui.app.factory import build_app
from tui.app.screens.columns import ColumnsDialog
from tui.app.screenshots import fixed_settings
from tui.cli import main

SIZE = (120, 40)
TABLE = (
    "office,county,when,charge,n\n"
    "Seattle,King,2024-01-05,DUI,3\n"
    "Seattle,Pierce,2024-02-11,Assault,4\n"
    "Portland,Multnomah,2025-01-20,DUI,5\n"
    "Portland,NA,2025-02-02,,6\n"
)


@pytest.fixture
def table(tmp_path: Path) -> Path:
    path = tmp_path / "aggregate.csv"
    path.write_text(TABLE)
    return path


async def _dialog_shown(app: object, pilot: object) -> bool:
    """The dialog is pushed once the load has finished: wait for it (boundedly)."""
    for _ in range(100):
        if isinstance(app.screen, ColumnsDialog):  # type: ignore[attr-defined]
            return True
        await pilot.pause(0.05)  # type: ignore[attr-defined]
    return False


def _text(widget: object) -> str:
    return str(getattr(widget, "renderable", None) or getattr(widget, "content", ""))


async def test_an_unknown_table_opens_with_the_dialog_offered(table: Path, tmp_path: Path) -> None:
    app = build_app([str(table)], settings=fixed_settings(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert await _dialog_shown(app, pilot)
        assert isinstance(app.screen, ColumnsDialog)
        roles = _text(app.screen.query_one("#columns-roles"))
        # Suggested from the names, and said to be.
        assert "'county'  (suggested: inferred from the column name (county))" in roles
        assert "'n'" in roles
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ColumnsDialog)
        shown = app.main.active_table_pane().shown
        assert shown.select("jurisdiction", "n").rows() == [
            ("Multnomah", 5),
            ("Pierce", 4),
            ("King", 3),
            (None, 6),  # 'NA': a likely missing value, its own row, not ranked
        ]


async def test_pick_a_place_column_and_the_jurisdictions_are_recomputed(
    table: Path, tmp_path: Path
) -> None:
    app = build_app([str(table)], settings=fixed_settings(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert await _dialog_shown(app, pilot)
        await pilot.press("escape")  # the dialog offered on opening
        await settle(pilot)
        await pilot.press("m")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ColumnsDialog)
        # The list starts on the place in use (county); one up is office.
        await pilot.press("up")
        await pilot.pause()
        assert dialog.highlighted_column() == "office"
        preview = _text(dialog.query_one("#columns-preview"))
        assert "Seattle" in preview
        assert "Portland" in preview
        await pilot.press("p", "enter")
        await settle(pilot)
        assert app.options.place_column == "office"
        await pilot.press("1")
        await pilot.pause()
        pane = app.main.active_table_pane()
        frame = pane.shown
        expected = pl.read_csv(table).group_by("office").agg(pl.col("n").sum())
        assert dict(frame.select("jurisdiction", "n").iter_rows()) == dict(expected.iter_rows())
        assert frame.get_column("jurisdiction").to_list() == ["Portland", "Seattle"]
        assert "place 'office' (given: chosen by you)" in pane.view.base  # type: ignore[union-attr]


async def test_a_role_set_to_none_says_how_to_choose_one(table: Path, tmp_path: Path) -> None:
    app = build_app([str(table)], settings=fixed_settings(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert await _dialog_shown(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, ColumnsDialog)
        await pilot.press("home", "c", "enter")  # (none) as the category
        await settle(pilot)
        assert app.options.category_column == ""
        catalog = app.catalog
        assert catalog is not None
        assert "--category COLUMN" in catalog.unavailable["convictions"]
        assert "m (Columns)" in catalog.unavailable["convictions"]


async def test_m_is_in_the_footer_help_and_palette(tmp_path: Path) -> None:
    path = tmp_path / "arrests.parquet"
    ir.write(ir.arrests(300, seed=5, layout="processed"), path, "parquet")
    app = build_app([str(path)], settings=fixed_settings(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not isinstance(app.screen, ColumnsDialog)  # a preset: nothing to check first
        keys = [row[0] for _, rows in app.main.key_sections() for row in rows]
        assert "m" in keys
        commands = [c.title for c in app.get_system_commands(app.main)]
        assert "Columns…" in commands
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, ColumnsDialog)
        roles = _text(app.screen.query_one("#columns-roles"))
        assert "'apprehension_aor'" in roles
        assert "preset: ICE arrests (processed release)" in roles


def test_cli_role_flags_give_every_view(table: Path, capsys: pytest.CaptureFixture[str]) -> None:
    flags = ["--place", "office", "--date", "when", "--category", "charge", "--count", "n"]
    for view in ("jurisdictions", "convictions", "comparisons"):
        assert main(["export", view, "--data", str(table), *flags]) == 0
        frame = pl.read_csv(capsys.readouterr().out.encode())
        if view == "jurisdictions":
            assert frame.select("jurisdiction", "n").rows() == [("Portland", 11), ("Seattle", 7)]
        elif view == "convictions":
            assert dict(frame.select("category", "n").iter_rows()) == {
                "DUI": 8,
                "Assault": 4,
                None: 6,
            }
        else:
            total = frame.row(0, named=True)
            assert total["series"] == "All places"
            # B: 2025-01-01 to the last date (2 Feb); A the same dates of 2024 (11 Feb is out).
            assert (total["value_a"], total["value_b"]) == (3, 11)


def test_jurisdiction_is_an_alias_of_place(table: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "jurisdictions", "--data", str(table), "--jurisdiction", "county"]) == 0
    frame = pl.read_csv(capsys.readouterr().out.encode())
    assert frame.get_column("jurisdiction").to_list()[:3] == ["Multnomah", "Pierce", "King"]


def test_an_unknown_column_is_one_line_naming_the_columns(
    table: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["show", "comparisons", "--data", str(table), "--date", "day"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "column 'day': has no such column; columns are: 'office', 'county'" in err[0]

"""Issue 11 in the explorer: `d` on files where no column flags duplicates says they cannot be
detected (and toggles nothing); the second pane's tab, its key in help and its palette command
name what the catalogue breaks down (criminality for arrests, not convictions)."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from settle import settle
from synth import ice_records as ir
from textual.pilot import Pilot
from textual.widgets import TabbedContent

from tui.app.factory import build_app
from tui.app.screens.columns import ColumnsDialog
from tui.app.screens.help import HelpScreen
from tui.app.screenshots import fixed_settings

SIZE = (120, 40)
ROWS = 1200
UNDETECTABLE = (
    "Likely duplicates cannot be detected in these files: no column flags them "
    "(the counts stay as they are)."
)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("explorer")
    paths = {
        "raw": folder / "arrests-2025.csv",
        "unflagged": folder / "arrests-processed.parquet",
        "detainers": folder / "detainers-2026.csv",
        "mapped": folder / "charges.csv",
        "flagged": folder / "arrests-flagged.parquet",
    }
    ir.write(ir.arrests(ROWS, seed=54, layout="processed"), paths["flagged"], "parquet")
    ir.write(ir.arrests(ROWS, seed=51, layout="2025"), paths["raw"], "csv")
    # A processed release whose duplicate_likely column flags no row: detectable, none found.
    processed = ir.arrests(ROWS, seed=52, layout="processed")
    ir.write(
        processed.with_columns(pl.lit(False).alias("duplicate_likely")),
        paths["unflagged"],
        "parquet",
    )
    ir.write(ir.detainers(ROWS, seed=53, layout="2026"), paths["detainers"], "csv")
    paths["mapped"].write_text(
        "county,charge,n\nYakima,DUI,3\nYakima,Theft,2\nBenton,DUI,1\n", encoding="utf-8"
    )
    return paths


async def _ready(pilot: Pilot[None]) -> None:
    """Loaded, with the Columns dialog a file of suggested roles opens with closed."""
    await settle(pilot)
    if isinstance(pilot.app.screen, ColumnsDialog):
        await pilot.press("escape")
        await settle(pilot)


def _messages(app: object) -> list[str]:
    return [n.message for n in app._notifications]  # type: ignore[attr-defined]


def _tab(app: object) -> str:
    tabs = app.main.query_one(TabbedContent)  # type: ignore[attr-defined]
    return str(tabs.get_tab("convictions").label.plain)


@pytest.mark.parametrize("name", ["raw", "mapped"])
async def test_d_where_no_column_flags_duplicates_says_they_cannot_be_detected(
    files: dict[str, Path], name: str, tmp_path: Path
) -> None:
    app = build_app([str(files[name])], settings=fixed_settings(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await _ready(pilot)
        before = app.main.active_table_pane().shown
        await pilot.press("d")
        await settle(pilot)
        messages = _messages(app)
        assert UNDETECTABLE in messages
        assert not any("now excluded" in m for m in messages)
        assert app.options.exclude_duplicates is False
        assert app.main.active_table_pane().shown.equals(before)


async def test_d_where_the_flag_column_flags_nothing_says_there_is_nothing_to_exclude(
    files: dict[str, Path], tmp_path: Path
) -> None:
    app = build_app([str(files["unflagged"])], settings=fixed_settings(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await _ready(pilot)
        await pilot.press("d")
        await settle(pilot)
        messages = _messages(app)
        assert any(m.startswith("Nothing to exclude: no row") for m in messages)
        assert UNDETECTABLE not in messages
        assert app.options.exclude_duplicates is False


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("raw", "2 Criminality"),
        ("detainers", "2 Convictions"),
        ("mapped", "2 charge"),
        (None, "2 Convictions"),
    ],
)
async def test_the_second_tab_names_what_is_broken_down(
    files: dict[str, Path], name: str | None, title: str, tmp_path: Path
) -> None:
    paths = [str(files[name])] if name else []
    app = build_app(paths, settings=fixed_settings(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await _ready(pilot)
        assert _tab(app) == title
        breakdown = title.split(" ", 1)[1]
        commands = [c.title for c in app.get_system_commands(app.main)]
        assert f"Pane: {breakdown}" in commands
        assert "Pane: Convictions" not in commands or breakdown == "Convictions"
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        panes = dict(app.screen.sections)["Panes and actions"]
        assert ("2", breakdown) in panes


async def test_the_tab_follows_the_columns_chosen(files: dict[str, Path], tmp_path: Path) -> None:
    from tui.core.records.options import RecordOptions

    options = RecordOptions(category_column="county")
    app = build_app([str(files["mapped"])], settings=fixed_settings(tmp_path), options=options)
    async with app.run_test(size=SIZE) as pilot:
        await _ready(pilot)
        assert _tab(app) == "2 county"


async def test_exclude_duplicates_on_files_without_the_flag_is_told_on_opening(
    files: dict[str, Path], tmp_path: Path
) -> None:
    from tui.core.records.options import RecordOptions

    options = RecordOptions(exclude_duplicates=True)
    app = build_app([str(files["raw"])], settings=fixed_settings(tmp_path), options=options)
    async with app.run_test(size=SIZE) as pilot:
        await _ready(pilot)
        assert UNDETECTABLE in _messages(app)
    app = build_app([str(files["unflagged"])], settings=fixed_settings(tmp_path), options=options)
    async with app.run_test(size=SIZE) as pilot:
        await _ready(pilot)
        assert UNDETECTABLE not in _messages(app)


async def test_d_before_the_files_are_open_claims_nothing(
    files: dict[str, Path], tmp_path: Path
) -> None:
    app = build_app([str(files["raw"])], settings=fixed_settings(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        app.session.catalog = None  # as while the first load is running
        app.main.action_duplicates()
        await pilot.pause()
        messages = _messages(app)
        assert "Still opening the files: press d once they are shown." in messages
        assert not any("now excluded" in m for m in messages)
        await _ready(pilot)
        assert app.options.exclude_duplicates is False


async def test_roles_chosen_on_an_ice_file_say_its_duplicates_are_no_longer_excluded(
    files: dict[str, Path], tmp_path: Path
) -> None:
    from tui.app.messages import RolesChosen

    flagged = int(pl.read_parquet(files["flagged"]).get_column("duplicate_likely").sum())
    assert flagged > 0
    app = build_app([str(files["flagged"])], settings=fixed_settings(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await _ready(pilot)
        await pilot.press("d")
        await _ready(pilot)
        assert app.main.active_table_pane().shown.get_column("arrests").sum() == ROWS - flagged
        app.post_message(RolesChosen({"place": "apprehension_state"}))
        await _ready(pilot)
        assert app.main.active_table_pane().shown.get_column("arrests").sum() == ROWS
        notices = [m for m in _messages(app) if "duplicate_likely is not used" in m]
        assert notices == [
            "Likely duplicates cannot be excluded here: read through the columns' roles you "
            "chose, the files' duplicate_likely is not used (the counts include the rows it "
            "flags)."
        ]


async def test_a_breakdown_named_with_markup_is_shown_as_typed(tmp_path: Path) -> None:
    from test_hostile_text import screen_text

    from tui.core.model import Catalog, View

    markup = "[bold red]evil[/]"
    frame = pl.DataFrame({"category": ["a"], "n": [1]})
    view = View(name="convictions", title="t", frame=frame)
    catalog = Catalog(title="t", views={"convictions": view}, datasets={}, breakdown=markup)
    app = build_app(catalog=catalog, settings=fixed_settings(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert _tab(app) == f"2 {markup}"
        assert f"2 {markup}" in screen_text(app)
        commands = [c.title for c in app.get_system_commands(app.main)]
        assert f"Pane: {markup}" in commands  # drawn as text, as the datasets' commands are

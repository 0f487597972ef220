"""Readable at any width: `show` keeps every number at 80 and 120 columns, the panes keep their
numbers and verdicts on screen at 80 and 200, Enter opens a row in full, filters in the box."""

from __future__ import annotations

import io
from pathlib import Path

import polars as pl
import pytest
from rich.console import Console
from settle import settle
from synth import ice_records as ir

from tui.app.factory import build_app
from tui.app.screens.row_detail import RowDetailScreen
from tui.app.screenshots import fixed_settings
from tui.core.formatting import display_value
from tui.core.open import open_catalog
from tui.core.widths import ColumnNeed, share_width
from tui.render import print_table


@pytest.fixture(scope="module")
def arrests_parquet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("records") / "arrests.parquet"
    ir.write(ir.arrests(3000, seed=5, layout="processed"), path, "parquet")
    return path


def shown(view_name: str, width: int, paths: list[str]) -> str:
    view = open_catalog(paths).view(view_name)
    console = Console(width=width, record=True, file=io.StringIO(), color_system=None)
    print_table(view, view.frame, console)
    return console.export_text()


def numbers(view_name: str, paths: list[str]) -> list[str]:
    frame = open_catalog(paths).view(view_name).frame
    return [
        display_value(value, name)
        for name, dtype in frame.schema.items()
        if dtype.is_numeric()
        for value in frame.get_column(name).to_list()
    ]


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("view", ["comparisons", "claims", "jurisdictions", "convictions"])
def test_show_keeps_every_number_and_verdict(view: str, width: int) -> None:
    text = shown(view, width, [])
    assert max(len(line) for line in text.splitlines()) <= width
    for value in numbers(view, []):
        assert f" {value} " in text, value
    assert "┃┃" not in text
    assert "││" not in text
    if view == "claims":
        frame = open_catalog([]).view("claims").frame
        for verdict in frame.get_column("verdict").to_list():
            assert f" {verdict} " in text


@pytest.mark.parametrize("width", [80, 120])
def test_show_keeps_every_number_of_a_records_file(arrests_parquet: Path, width: int) -> None:
    for view in ("jurisdictions", "comparisons"):
        text = shown(view, width, [str(arrests_parquet)])
        assert max(len(line) for line in text.splitlines()) <= width
        for value in set(numbers(view, [str(arrests_parquet)])):
            assert f" {value} " in text, (view, value)
        # The same period on every row is said once, under the table.
        if view == "comparisons":
            assert "period_a (every row): 2024-01-01 to 2024-07-29" in text
            assert text.count("2024-01-01 to 2024-07-29") < 6  # not once a row (27 rows)


def test_long_text_gives_way_before_numbers() -> None:
    needs = [
        ColumnNeed("label", 20, True),
        ColumnNeed("note", 200, False),
        ColumnNeed("n", 7, True),
        ColumnNeed("unit", 6, False),
    ]
    assert share_width(needs, 80, 2) == [20, 39, 7, 6]  # 80 cells, 2 a column between
    assert share_width(needs, 40, 2) == [20, None, 7, 6]


def test_a_long_text_is_readable_before_a_short_one_is_whole() -> None:
    needs = [
        ColumnNeed("claim", 40, True),
        ColumnNeed("kind", 17, False),
        ColumnNeed("verdict", 12, True),
        ColumnNeed("computed", 90, False),
        ColumnNeed("claim_id", 28, False),
    ]
    # Three text columns would have 14 cells each: the rightmost long one gives way, and the
    # short one is whole once `computed` is readable (18 cells).
    assert share_width(needs, 100, 2) == [40, 17, 12, 23, None]
    # With room, every text column is whole but the longest, which takes the rest.
    assert share_width(needs, 160, 2) == [40, 17, 12, 53, 28]


async def pane_text(app, pilot, key: str) -> str:  # type: ignore[no-untyped-def]
    await pilot.press(key)
    await settle(pilot)
    return "\n".join(
        "".join(segment.text for segment in line) for line in app.screen._compositor.render_strips()
    )


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 60)])
async def test_sources_verdicts_on_screen(size: tuple[int, int], tmp_path: Path) -> None:
    app = build_app(settings=fixed_settings(tmp_path))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        text = await pane_text(app, pilot, "5")
        assert "verdict" in text
        assert "unverifiable" in text
        assert "fails" in text
        table = app.main.active_table_pane().table
        right = sum(c.width + 2 for c in table.columns)
        assert right <= size[0] - 2 or size[0] < 200  # narrower: the last text past the edge
        if size[0] == 200:
            assert right >= 180  # the columns share the width instead of leaving it empty
        edges = {}  # each column's right edge
        for column in table.columns:
            edges[column.name] = sum(c.width + 2 for c in table.columns[: len(edges) + 1])
        room = table.scrollable_content_region.width
        assert edges["reference_verdict"] <= room  # both verdicts whole, on screen
        if size[0] >= 120:
            # The article's computation readable beside the claim, not cut to 10 cells.
            computed = next(c for c in table.columns if c.name == "computed")
            assert computed.width >= 18
            assert edges["computed"] <= room


async def test_enter_opens_a_row_in_full_and_walks_the_rows(tmp_path: Path) -> None:
    app = build_app(settings=fixed_settings(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("5", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RowDetailScreen)
        fields = dict(screen.fields)
        assert fields["claim"] == "181 of the 498 arrested is roughly 36 percent"
        assert fields["verdict"] == "holds"
        assert fields["computed"] == "36.3% (181 of 498); 'roughly 36': within 2 points"
        assert str(fields["quote"]).startswith("This means roughly 36 percent")
        assert list(dict(screen.fields))[-1] == "quote"  # where it comes from, last
        await pilot.press("down", "down")
        assert dict(screen.fields)["claim"] == "387 had criminal records"
        assert dict(screen.fields)["verdict"] == "fails"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, RowDetailScreen)
        assert app.main.active_table_pane().table.cursor_row == 2  # the table followed


async def test_a_record_files_row_names_its_file_and_row(
    arrests_parquet: Path, tmp_path: Path
) -> None:
    app = build_app([str(arrests_parquet)], settings=fixed_settings(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("down", "enter")
        await pilot.pause()
        fields = dict(app.screen.fields)  # type: ignore[attr-defined]
        assert fields["file"] == str(arrests_parquet)
        assert fields["row"] == "data row 2 (counted below the header)"


async def test_the_filter_box_searches_what_is_shown_and_belongs_to_its_dataset(
    tmp_path: Path,
) -> None:
    app = build_app(settings=fixed_settings(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"york", "enter")
        await pilot.pause()
        pane = app.main.active_table_pane()
        assert pane.shown.get_column("jurisdiction").to_list() == ["New York City"]
        await pilot.press("slash", "ctrl+u", *"place:x", "enter")
        await pilot.pause()
        assert pane.filter_text == "york"  # a term it cannot read changes nothing
        assert any("no column 'place'" in n.message for n in app._notifications)
        await pilot.press("escape")
        await pilot.press("4", "slash", *"cook", "enter")
        await pilot.pause()
        data = app.main.active_table_pane()
        assert data.shown_rows == 1
        await pilot.press("b", "down", "enter")
        await settle(pilot)
        assert data.filter_text == ""
        assert data.shown_rows > 1
        assert data.query_one(".filter").value == ""  # type: ignore[attr-defined]


def test_raw_numbers_are_shown_as_written() -> None:
    assert display_value(1979, "birth_year", raw=True) == "1979"
    assert display_value(1979, "arrests", raw=True) == "1,979"
    assert display_value(1979, "birth_year") == "1,979"  # views hold counts
    frame = pl.DataFrame({"birth_year": [1979]})
    assert display_value(frame.item(), "birth_year", raw=True) == "1979"


async def test_the_palette_screenshot_says_where_it_went(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "no-home"))  # no ~/Downloads
    app = build_app(settings=fixed_settings(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.action_screenshot()
        await pilot.pause()
        saved = list(tmp_path.glob("enforce-screenshot-*.svg"))
        assert len(saved) == 1
        assert any(str(saved[0]) in n.message for n in app._notifications)


def test_a_repeated_filter_adds_its_terms() -> None:
    from in_process import run_cli

    done = run_cli(["show", "jurisdictions", "--filter", "!county", "--filter", "state=CA"])
    assert done.returncode == 0, done.stderr
    assert "Los Angeles" in done.stdout
    assert "│ Santa Clara" not in done.stdout  # the first --filter was dropped before
    assert "1 row" in done.stdout


async def test_one_row_is_one_row_not_1_rows(tmp_path: Path) -> None:
    app = build_app(settings=fixed_settings(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"york", "enter", "e")
        await settle(pilot)
        title = str(app.screen.query_one("#export-title").render())
        assert "Export jurisdictions: 1 row as CSV" in title, title
    path = tmp_path / "one.parquet"
    ir.write(ir.arrests(1, seed=3, layout="processed"), path, "parquet")
    description = open_catalog([str(path)]).view("jurisdictions").base
    assert "one.parquet (1 row, " in description


def test_a_cut_number_header_keeps_its_last_word() -> None:
    from tui.app.widgets.cells import fit_name

    assert fit_name("criminality_missing", 13) == "crim…_missing"
    assert fit_name("criminality_other", 13) == "crimin…_other"  # not 'criminality_…' twice
    assert fit_name("arrests", 13) == "arrests"  # fitted and aligned by fit


@pytest.mark.parametrize("view", ["claims", "comparisons", "jurisdictions"])
def test_show_piped_takes_the_width_columns_asks_for(
    view: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `COLUMNS=80 enforce-tui show claims > f` gave lines of 517 characters: piped output was
    # always as wide as the table, whatever COLUMNS said.
    import in_process

    monkeypatch.setitem(in_process.ENVIRONMENT, "COLUMNS", "80")
    done = in_process.run_cli(["show", view])
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    assert lines
    assert max(len(line) for line in lines) <= 80

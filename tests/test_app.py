"""The explorer driven as a user drives it: keys, clicks, the files it writes, what it shows."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from in_process import run_cli
from rich.console import Console
from settle import send, settle
from textual.command import CommandPalette
from textual.widgets import OptionList

from tui.app.app import EnforceApp
from tui.app.factory import build_app
from tui.app.screens.export import ExportScreen
from tui.app.screens.help import HelpScreen, keys_text
from tui.app.screenshots import FIXED_CLOCK, fixed_settings
from tui.app.widgets.frame_table import FrameTable
from tui.core.model import Catalog, Dataset, View

SIZE = (120, 40)


def make_app(tmp_path: Path) -> EnforceApp:
    return build_app(settings=fixed_settings(tmp_path))


def screen_lines(table: FrameTable) -> list[str]:
    return [table.render_line(y).text for y in range(table.size.height)]


async def test_opens_on_jurisdictions_with_nyc_45_of_498(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        pane = app.main.active_table_pane()
        assert app.main.active_pane_id == "jurisdictions"
        assert isinstance(app.focused, FrameTable)
        lines = screen_lines(pane.table)
        nyc = next(line for line in lines if "New York City" in line)
        assert " 45 " in nyc
        assert "9.0" in nyc
        summary = str(pane.query_one(".summary").render())
        assert "498" in summary


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        (["2"], "convictions"),
        (["3"], "comparisons"),
        (["4"], "data"),
        (["5"], "sources"),
        (["5", "1"], "jurisdictions"),
        (["tab"], "convictions"),
        (["tab", "tab", "tab"], "data"),
        (["shift+tab"], "sources"),
    ],
)
async def test_pane_switching_keys(tmp_path: Path, keys: list[str], expected: str) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        assert app.main.active_pane_id == expected
        assert app.focused is app.main.active_table_pane().table


async def test_sort_by_cursor_column_and_reverse(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        pane = app.main.active_table_pane()
        await pilot.press("l", "s")
        assert pane.shown.get_column("arrests").to_list()[:2] == [14, 27]
        await pilot.press("s")
        assert pane.shown.get_column("arrests").to_list()[:2] == [107, 101]
        await pilot.press("h", "s")
        assert pane.shown.get_column("jurisdiction")[0] == "Baltimore"
        assert "sorted by jurisdiction ascending" in str(pane.query_one(".status").render())


async def test_clicking_a_header_sorts(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        pane = app.main.active_table_pane()
        await pilot.click(FrameTable, offset=(3, 0))
        assert pane.sort == ("jurisdiction", False)
        assert pane.shown.get_column("jurisdiction")[-1] == "Washington, D.C."


async def test_navigation_keys_move_the_cursor(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.main.active_table_pane().table
        await pilot.press("j", "j", "down")
        assert table.cursor_row == 3
        await pilot.press("k")
        assert table.cursor_row == 2
        await pilot.press("G")
        assert table.cursor_row == 9
        await pilot.press("g")
        assert table.cursor_row == 0
        await pilot.press("end", "pageup")
        assert table.cursor_row == 0
        await pilot.press("pagedown")
        assert table.cursor_row == 9
        await pilot.press("l", "right", "left")
        assert table.current_column == "arrests"


async def test_filter_box_applies_on_enter_and_clears_on_escape(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2", "slash")
        pane = app.main.active_table_pane()
        await pilot.press(*"DRIVING", "enter")
        assert pane.shown.get_column("conviction").to_list() == ["Driving under the influence"]
        assert app.focused is pane.table
        box = pane.query_one(".filter")
        assert box.display
        assert "filter: 'DRIVING'" in str(pane.query_one(".status").render())
        await pilot.press("slash", "escape")
        assert pane.shown.height == 6
        assert not box.display


async def test_export_of_filtered_view_equals_cli_export(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2", "slash", *"child", "enter", "l", "s")
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
    stamp = FIXED_CLOCK.strftime("%Y%m%d-%H%M%S")
    written = tmp_path / f"enforce-convictions-{stamp}.csv"
    cli = run_cli(["export", "convictions", "--filter", "child", "--sort", "people", "-o", "-"])
    assert cli.returncode == 0, cli.stderr
    assert written.read_bytes() == cli.stdout.encode()
    # Only the conviction that names a child: the source quote (which does too) is not searched.
    assert pl.read_csv(written).get_column("people").to_list() == [10]


async def test_export_asks_before_overwriting(tmp_path: Path) -> None:
    stamp = FIXED_CLOCK.strftime("%Y%m%d-%H%M%S")
    existing = tmp_path / f"enforce-jurisdictions-{stamp}.csv"
    existing.write_text("keep\n", encoding="utf-8")
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        assert "exists" in str(app.screen.query_one("#export-msg").render())
        assert existing.read_text(encoding="utf-8") == "keep\n"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
    assert pl.read_csv(existing).height == 10


async def test_export_to_a_missing_folder_says_why_and_stays_open(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        path_box = app.screen.query_one("#export-path")
        path_box.value = str(tmp_path / "missing" / "x.csv")  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        assert "does not exist" in str(app.screen.query_one("#export-msg").render())
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
    assert list(tmp_path.iterdir()) == []


async def test_copy_puts_the_cell_on_the_clipboard(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("j", "y")
        assert app.clipboard == "Los Angeles"
        await pilot.press("l", "y")
        assert app.clipboard == "101"


async def test_help_lists_every_key_and_closes(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        console = Console(width=300, record=True, file=io.StringIO())
        console.print(keys_text(app.screen.sections))
        text = console.export_text()
        for expected in (
            "Sort",
            "Filter",
            "Export",
            "Copy cell",
            "Quit",
            "up / k",
            "home / g",
            "end / G",
            "pageup",
            "Clear filter",
            "ctrl+p",
            "Jurisdictions",
            "Sources",
            " /  ",
            " ?  ",
            "list of datasets",
            "Open the row in full",
            "jurisdiction:county",
            "does not fill in the column under",
        ):
            assert expected in text, expected
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_palette_switches_panes_and_opens_datasets(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Dataset: context")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)  # it did not, once: the Data pane flipped between two datasets
        assert app.main.active_pane_id == "data"
        assert app.main.active_table_pane().export_name == "context"
        datasets = app.main.panes["data"].query_one(OptionList)
        assert datasets.highlighted == list(app.main.panes["data"].datasets).index("context")


async def test_q_quits(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


def hostile_catalog() -> Catalog:
    frame = pl.DataFrame(
        {
            "name [b]": ["Guatemala [/]", "[bold red]x[/]", "\x1b[31mred\x1b[0m", "a\u202eb"],
            "n": [1, 2, None, 4],
        }
    )
    view = View(name="jurisdictions", title="[bold]Hostile[/]", frame=frame)
    dataset = Dataset(name="[/]weird", title="[red]t", frame=frame)
    return Catalog(title="[/]", views={"jurisdictions": view}, datasets={"[/]weird": dataset})


async def test_cells_are_shown_literally(tmp_path: Path) -> None:
    app = build_app(catalog=hostile_catalog(), settings=fixed_settings(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lines = screen_lines(app.main.active_table_pane().table)
        text = "\n".join(lines)
        assert "name [b]" in text
        assert "Guatemala [/]" in text
        assert "[bold red]x[/]" in text
        assert "\\x1b[31mred\\x1b[0m" in text
        assert "\x1b" not in text
        assert "a<U+202E>b" in text
        assert "—" in text  # the empty cell is shown apart from zero
        await pilot.press("4")
        await pilot.pause()
        assert "Guatemala [/]" in "\n".join(screen_lines(app.main.active_table_pane().table))


async def test_a_burst_of_keys_is_acted_on_in_the_order_typed(tmp_path: Path) -> None:
    """Keys pasted or typed fast arrive together: `2/child⏎ls` must still filter Convictions,
    then sort it by the next column."""
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        send(app, ["2", "/", *"ing", "enter", "l", "s"])
        await settle(pilot)
        pane = app.main.active_table_pane()
        assert app.main.active_pane_id == "convictions"
        assert pane.filter_text == "ing"
        assert pane.sort == ("people", False)
        assert pane.shown.get_column("people").to_list() == [2, 3, 86]


async def test_clicking_a_tab_switches_panes(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click("Tab#--content-tab-sources")
        await pilot.pause()
        assert app.main.active_pane_id == "sources"


def big_catalog(rows: int) -> Catalog:
    frame = pl.DataFrame(
        {
            "aor": [f"office {i % 97:02d}" for i in range(rows)],
            "n": list(range(rows)),
        }
    )
    dataset = Dataset(name="big", title="big", frame=frame)
    view = View(name="jurisdictions", title="big", frame=frame)
    return Catalog(title="big", views={"jurisdictions": view}, datasets={"big": dataset})


async def test_large_table_shows_a_screenful_then_the_whole_result(tmp_path: Path) -> None:
    rows = 300_000
    app = build_app(catalog=big_catalog(rows), settings=fixed_settings(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        pane = app.main.active_table_pane()
        await pilot.press("l", "s", "s")
        assert pane.shown.get_column("n")[0] == rows - 1
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert pane.complete
        assert pane.shown.height == rows
        assert pane.shown.get_column("n").head(3).to_list() == [rows - 1, rows - 2, rows - 3]
        await pilot.press("slash", *"office 05", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert pane.complete
        assert pane.shown.height == len(range(5, rows, 97))
        assert pane.shown.get_column("n").head(2).to_list() == list(range(5, rows, 97))[::-1][:2]
        assert "of 300,000 rows" in str(pane.query_one(".status").render())


async def test_export_can_write_provenance_alongside(tmp_path: Path) -> None:
    import json

    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("5", "e")
        await pilot.pause()
        await pilot.press("tab", "space", "shift+tab", "enter")
        await pilot.pause()
    stamp = FIXED_CLOCK.strftime("%Y%m%d-%H%M%S")
    written = tmp_path / f"enforce-claims-{stamp}.csv"
    record = json.loads(Path(f"{written}.provenance.json").read_text(encoding="utf-8"))
    assert record["view"] == "claims"
    assert record["rows"] == pl.read_csv(written).height == 14
    assert {d["name"] for d in record["datasets"]} >= {"jurisdictions", "claims"}


async def test_themes_are_selectable_from_the_palette(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = app.theme
        await pilot.press("ctrl+p", *"theme")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press(*"nord")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.theme == "nord" != before
        assert app.main.active_table_pane().shown.height == 10


def test_a_crash_is_one_line_and_a_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The last safety net: no traceback on the terminal, one line naming the error and the
    file that holds the details."""
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    app = make_app(tmp_path)

    def broken() -> None:
        raise KeyError(0)

    async def crash(pilot: Any) -> None:
        await pilot.pause()
        app.call_later(broken)
        await pilot.pause()

    app.run(headless=True, size=SIZE, auto_pilot=crash)
    assert app.return_code == 1
    path = app.crash_report.tell()
    err = capsys.readouterr().err
    assert err.splitlines() == [
        f"enforce-tui: internal error, the explorer had to close (KeyError: 0); "
        f"details in {path}; please report it"
    ]
    assert path is not None
    assert Path(path).parent == tmp_path
    report = Path(path).read_text(encoding="utf-8")
    assert "Traceback" in report
    assert "broken" in report


async def test_a_pane_asked_for_before_it_mounts_is_filled_once_mounted(tmp_path: Path) -> None:
    # As when `5` arrives before the hidden panes have mounted. Filling used to be retried
    # after every refresh until the pane was mounted: an endless idle loop (a hung test) if it
    # never was. Now the request waits, the app stays idle, and the mount fills the pane.
    from tui.app.panes.sources import SourcesPane

    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.main
        await screen.panes["sources"].remove()
        screen.panes["sources"] = SourcesPane()
        screen.filled.discard("sources")
        screen.fill("sources")
        await settle(pilot)
        assert screen.fill_when_mounted == {"sources"}
        assert not screen.panes["sources"].is_mounted
        await screen._mount_hidden_panes()
        await pilot.press("5")
        await settle(pilot)
        assert screen.fill_when_mounted == set()
        pane = screen.active_table_pane()
        assert pane is screen.panes["sources"]
        assert pane.table.row_count > 0
        assert any("verdict" in column.name for column in pane.table.columns)


async def test_esc_then_a_digit_typed_fast_does_both(tmp_path: Path) -> None:
    """A terminal sends Esc and a digit typed quickly as one Alt+digit: the digit was lost
    (and in the filter box the Esc too). Now the pane is shown, and the box closed first."""
    app = build_app(settings=fixed_settings(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("alt+3")
        await settle(pilot)
        assert app.main.active_pane_id == "comparisons"
        await pilot.press("1", "slash", "n", "e", "w", "alt+2")
        await settle(pilot)
        assert app.main.active_pane_id == "convictions"
        box = app.main.panes["jurisdictions"].query_one(".filter")
        assert not box.display
        assert box.value == ""
        assert isinstance(app.focused, FrameTable)

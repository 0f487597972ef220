"""Readable at any width, in the panes: record comparisons say their periods once and fill the
pane, Tab in the row detail brings the field into view, Sources shares its width."""

from __future__ import annotations

from pathlib import Path

import pytest
from settle import settle
from synth import ice_records as ir

from tui.app.factory import build_app
from tui.app.screens.row_detail import RowDetailScreen
from tui.app.screenshots import fixed_settings


@pytest.fixture(scope="module")
def arrests_parquet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("records") / "arrests.parquet"
    ir.write(ir.arrests(3000, seed=5, layout="processed"), path, "parquet")
    return path


def screen_text(app) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(
        "".join(segment.text for segment in line) for line in app.screen._compositor.render_strips()
    )


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_record_comparisons_say_the_period_once_and_fill_the_pane(
    arrests_parquet: Path, tmp_path: Path, size: tuple[int, int]
) -> None:
    app = build_app([str(arrests_parquet)], settings=fixed_settings(tmp_path))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        pane = app.main.active_table_pane()
        table = pane.table
        names = [c.name for c in table.columns]
        assert "period_a" not in names
        assert "period_b" not in names
        assert not [n for n in names if n.startswith("period_")]  # nor their dates, the same
        # No row has a warning of its own: the column of blanks is not drawn either.
        assert set(pane.shown.get_column("warning").to_list()) == {""}
        assert "warning" not in names
        right = sum(c.width + 2 for c in table.columns[: names.index("change_pct") + 1])
        assert right <= table.scrollable_content_region.width  # value_b..change_pct on screen
        text = screen_text(app)
        summary = str(pane.query_one(".summary").render())
        assert "2024-01-01 to 2024-07-29 against 2025-01-01 to 2025-07-29" in summary
        rows = text.split("row 1 of 27")[0].split("change_pct")[-1]
        assert "All AORs" in rows
        assert "2024-01-01" not in rows
        # Exported and opened rows keep the period.
        assert "period_a" in pane.shown.columns
        assert "warning" in pane.shown.columns
        if size == (120, 40):
            # More than the 8 rows a fixed 10-line table gave, with 27 rows to show.
            assert table.size.height - 1 > 8


def reversed_on_screen(app) -> list[str]:  # type: ignore[no-untyped-def]
    """The texts drawn in reverse video on the screen as painted (the chosen field's name)."""
    return [
        segment.text.strip()
        for line in app.screen._compositor.render_strips()
        for segment in line
        if segment.style is not None and segment.style.reverse and segment.text.strip()
    ]


async def test_tab_scrolls_the_chosen_field_into_view(tmp_path: Path) -> None:
    app = build_app(settings=fixed_settings(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("5", "end", "enter")  # the last claim: longer than the screen
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RowDetailScreen)
        names = [name for name, _ in screen.fields]
        assert names[-1] == "quote"

        def on_screen(index: int) -> bool:
            """The field's name, chosen, and the start of its value are painted."""
            painted = "\n".join(
                "".join(segment.text for segment in line)
                for line in app.screen._compositor.render_strips()
            )
            start = str(screen.fields[index][1])[:20]
            return names[index] in reversed_on_screen(app) and start in painted

        for step in range(1, len(names) + 1):
            await pilot.press("tab")
            await settle(pilot)
            assert on_screen(step % len(names)), (step, names[step % len(names)])
        for step in range(1, 4):  # and back: Shift+Tab from the first field to the last
            await pilot.press("shift+tab")
            await settle(pilot)
            assert on_screen(-step % len(names)), (step, names[-step % len(names)])


def right_edges(table) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Each drawn column's right edge, in cells from the table's left."""
    edges, left = {}, 0
    for column in table.columns:
        left += column.width + 2
        edges[column.name] = left
    return edges


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 60)])
async def test_every_pane_keeps_its_numbers_and_verdicts_on_screen(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    app = build_app(settings=fixed_settings(tmp_path))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for key in "1235":
            await pilot.press(key)
            await settle(pilot)
            table = app.main.active_table_pane().table
            frame = table.frame
            edges = right_edges(table)
            room = table.scrollable_content_region.width
            wanted = [
                name
                for name, dtype in frame.schema.items()
                if name in edges and (dtype.is_numeric() or "verdict" in name)
            ]
            assert wanted, key
            for name in wanted:
                assert edges[name] <= room, (key, name, edges[name], room)


async def test_a_long_description_is_cut_and_the_table_keeps_its_rows(
    arrests_parquet: Path, tmp_path: Path
) -> None:
    app = build_app([str(arrests_parquet)], settings=fixed_settings(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key in "13":
            await pilot.press(key)
            await settle(pilot)
            pane = app.main.active_table_pane()
            summary = pane.query_one(".summary")
            text = screen_text(app)
            assert summary.size.height <= 4, key  # eleven lines at 80 columns, whole
            assert "… i: all of it" in text
            rows = pane.table.scrollable_content_region.height - 1  # under the header
            assert rows >= 8, (key, rows)  # 4 in the comparison before
        assert "Month columns" not in screen_text(app)  # further on in the description
        await pilot.press("i")
        await settle(pilot)
        assert summary.size.height > 6
        assert "Month columns" in screen_text(app)
        assert "fewer lines)" in screen_text(app)
        assert pane.table.scrollable_content_region.height - 1 >= 8  # the table keeps rows
        await pilot.press("i")
        await settle(pilot)
        assert summary.size.height <= 4


async def test_sources_notes_keep_their_indent_and_names_are_not_doubled(
    arrests_parquet: Path, tmp_path: Path
) -> None:
    app = build_app(settings=fixed_settings(tmp_path))
    async with app.run_test(size=(80, 40)) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        lines = str(app.main.active_table_pane().query_one(".provenance-text").render()).split("\n")
        bullets = [i for i, line in enumerate(lines) if line.startswith("• ")]
        assert bullets
        for index in bullets:  # a note's wrapped lines sit under its first word, not the bullet
            following = lines[index + 1]
            assert following.startswith("• ") or following.startswith("  ") or not following
        wrapped = [lines[i + 1] for i in bullets if lines[i + 1] and lines[i + 1][0] != "•"]
        assert wrapped  # at 80 columns some note wraps
    app = build_app([str(arrests_parquet)], settings=fixed_settings(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        text = str(app.main.active_table_pane().query_one(".provenance-text").render())
        assert "arrests.parquet: every row and column as read" in text
        assert "arrests.parquet: arrests.parquet" not in text


async def test_a_records_file_keeps_every_number_on_screen_at_200(
    arrests_parquet: Path, tmp_path: Path
) -> None:
    app = build_app([str(arrests_parquet)], settings=fixed_settings(tmp_path))
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        for key in "12":
            await pilot.press(key)
            await settle(pilot)
            table = app.main.active_table_pane().table
            edges = right_edges(table)
            room = table.scrollable_content_region.width
            numbers = [n for n, d in table.frame.schema.items() if d.is_numeric() and n in edges]
            off = [n for n in numbers if edges[n] > room]
            assert not off, (key, off)
            # A header wider than its numbers gives way, cut with an ellipsis, not the numbers.
            for column in table.columns:
                if column.name in numbers:
                    values = [table.format(v, column.name) for v in table.frame[column.name]]
                    assert column.width >= max(len(v) for v in values)

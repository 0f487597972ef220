"""The sparkline cell: it draws the last months when there are many, says so in its header,
and the cursor on it tells what it draws (the status line named the cell before it)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from settle import send, settle

from tui.app.factory import build_app
from tui.app.screens.columns import ColumnsDialog
from tui.app.screenshots import fixed_settings
from tui.app.widgets.cells import bar
from tui.app.widgets.table_layout import SPARK_MAX

SIZE = (120, 40)


def _monthly_file(tmp_path: Path, months: int) -> Path:
    """One row a month for `months` months, more rows in the later ones."""
    path = tmp_path / "monthly.csv"
    start = date(2013, 1, 15)
    lines = ["place,day"]
    for month in range(months):
        day = start + timedelta(days=round(month * 30.44))
        lines += [f"Seattle,{day.isoformat()}"] * (1 + month // 12)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


async def test_a_long_series_draws_its_last_months_and_says_so(tmp_path: Path) -> None:
    app = build_app([str(_monthly_file(tmp_path, 150))], settings=fixed_settings(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ColumnsDialog)  # offered for a file of no known layout
        await pilot.press("escape", "3")
        await settle(pilot)
        table = app.main.active_table_pane().table
        spark = next(c for c in table.columns if c.kind == "spark")
        months = table.spark_columns
        assert len(months) > SPARK_MAX
        assert spark.name == f"trend, last {SPARK_MAX} of {len(months)}"
        assert spark.width == len(spark.name) or spark.width == SPARK_MAX
        # On screen: the sparkline ends within the table's width.
        index = table.columns.index(spark)
        right = sum(c.width + 2 for c in table.columns[: index + 1])
        assert right <= table.scrollable_content_region.width
        # The cursor on it says what it draws; s there says it cannot sort by a drawing.
        table.move_cursor(row=1)
        table.cursor_column = index
        await settle(pilot)
        detail = str(app.main.active_table_pane().query_one(".detail").render())
        assert f"{months[-SPARK_MAX]} to {months[-1]}" in detail
        assert "from 0 to the row's largest" in detail
        await pilot.press("s")
        await settle(pilot)
        assert app.main.active_table_pane().sort is None
        assert any("not a column to sort by" in n.message for n in app._notifications)


async def test_a_filter_keeps_the_bars_on_the_whole_tables_scale(tmp_path: Path) -> None:
    # `/york` left New York City's 45 drawn as a full bar, as Philadelphia's 107 is unfiltered.
    app = build_app([], settings=fixed_settings(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pane = app.main.active_table_pane()
        table = pane.table
        bar_index = next(i for i, c in enumerate(table.columns) if c.kind == "bar")
        width = table.columns[bar_index].width
        full = table._rows(0, 10)[0][bar_index]  # Philadelphia, the largest: a full bar
        assert full == bar(107, 107, width)
        send(app, ["/", *"york", "enter"])
        await settle(pilot)
        assert table.row_count == 1
        assert table._rows(0, 1)[0][bar_index] == bar(45, 107, width)
        assert bar(45, 107, width) != full
        # The Convictions chart too: DUI's 86 keeps the scale of the whole list.
        await pilot.press("2")
        await settle(pilot)
        send(app, ["/", *"shoplifting", "enter"])
        await settle(pilot)
        chart = str(app.main.query_one("#convictions BarChart").render())
        assert "█" * 10 not in chart  # 2 of 86 is a sliver, not a full bar


async def test_j_and_k_move_in_the_dataset_list_and_enter_on_no_rows_says_so(
    tmp_path: Path,
) -> None:
    from textual.widgets import OptionList

    app = build_app([], settings=fixed_settings(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("4", "b")
        await settle(pilot)
        datasets = app.screen.focused
        assert isinstance(datasets, OptionList)
        start = datasets.highlighted
        await pilot.press("j")
        await settle(pilot)
        assert datasets.highlighted == (start or 0) + 1
        await pilot.press("k")
        await settle(pilot)
        assert datasets.highlighted == (start or 0)
        # An empty table: Enter says why nothing opens (it said nothing).
        await pilot.press("escape", "1")
        send(app, ["/", *"no such place", "enter"])
        await settle(pilot)
        assert app.main.active_table_pane().table.row_count == 0
        await pilot.press("enter")
        await settle(pilot)
        assert any("Nothing to open" in n.message for n in app._notifications)

"""What the record panes' summaries say of a mapped table: the column's values named (they may
be countries, not places), the missing-place row counted apart, totals with the decimals kept,
a file left out of the views warned of on every view, and counts in the singular when one.

The real files are public releases kept outside the repository; without them those tests skip.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import polars as pl
import pytest
from in_process import run_cli
from settle import settle

from tui.app.factory import build_app
from tui.app.panes.views import ConvictionsPane, JurisdictionsPane
from tui.app.screenshots import fixed_settings
from tui.app.widgets.description import Description
from tui.core.model import Catalog
from tui.core.records.catalog import open_records
from tui.core.records.options import RecordOptions

REAL = Path(__file__).resolve().parents[2] / "shared" / "real"
I213 = "i-213-sea-22-25/sea-i213s-2026-02-13.csv.gz"
REMOVALS = "ice-air/SeattleAORExpeditedRemovals.csv"


def real(name: str) -> Path:
    path = REAL / name
    if not path.exists():
        pytest.skip(f"{path} is absent: the real files live outside the repository")
    return path


def _removals() -> pl.DataFrame:
    return pl.read_csv(real(REMOVALS), skip_rows=6, infer_schema=False)


def _summary(catalog: Catalog) -> str:
    return JurisdictionsPane().summary(catalog.view("jurisdictions"))


def test_values_that_are_not_places_are_named_by_their_column() -> None:
    catalog = open_records([real(REMOVALS)])
    countries = _removals()["Country of Citizenship"].n_unique()
    assert countries == 111
    summary = _summary(catalog)
    assert f"6,529 removals in {countries} values of Country of Citizenship." in summary
    assert "jurisdictions" not in summary.split(".")[0]
    # Scripts keep the column's name.
    assert catalog.view("jurisdictions").frame.columns[0] == "jurisdiction"
    by_gender = open_records([real(REMOVALS)], RecordOptions(place_column="Gender"))
    genders = _removals()["Gender"].n_unique()
    assert f"6,529 removals in {genders} values of Gender." in _summary(by_gender)


def test_the_missing_place_row_is_no_place() -> None:
    path = real("deport-data-proj/sea_crim_state_month.csv")
    data = pl.read_csv(path, infer_schema=False).with_columns(pl.col("n").cast(pl.Int64))
    missing = data.filter(pl.col("apprehension_state") == "NA")["n"].sum()
    known = data.filter(pl.col("apprehension_state") != "NA")
    states = known["apprehension_state"].n_unique()
    assert (states, missing) == (7, 1361)
    catalog = open_records([path])
    summary = _summary(catalog)
    assert (
        f"{data['n'].sum():,} arrests, {known['n'].sum():,} in {states} values of "
        f"apprehension_state, plus {missing:,} with no apprehension_state." in summary
    )
    frame = catalog.view("jurisdictions").frame
    assert frame.height == states + 1  # the missing row stays, marked
    assert frame.filter(pl.col("place_missing")).height == 1


def test_a_fractional_total_keeps_its_decimals() -> None:
    path = real("ice-detention/ddp-fy25-summary.csv")
    total = pl.read_csv(path, infer_schema_length=0)["adp_total"].cast(pl.Float64).sum()
    summary = _summary(open_records([path]))
    assert f"{total:,.2f} average daily population in" in summary
    # The sum of the rows rounded to 2 decimals is 50,369.49: not what the data adds up to.
    assert f"{total:,.2f}" == "50,369.47"


def test_a_file_left_out_is_warned_of_on_every_view() -> None:
    catalog = open_records([real(I213), real(REMOVALS)])
    left = "SeattleAORExpeditedRemovals.csv: not in the views"
    for name in catalog.views:
        view = catalog.view(name)
        assert any(w.startswith(left) for w in view.warnings), name
    summary = _summary(catalog)
    assert summary.startswith(f"⚠ {left}")
    assert "'apprehension_date'" in summary.splitlines()[0]
    done = run_cli(
        ["show", "jurisdictions", "--data", str(real(I213)), "--data", str(real(REMOVALS))]
    )
    assert done.returncode == 0
    assert f"warning: {left}" in done.stderr


def test_the_breakdown_pane_states_a_warning_above_not_in_its_notes(tmp_path: Path) -> None:
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text("place,kind,n\nX,c,1\n")
    second.write_text("other\n1\n")
    view = open_records([first, second], RecordOptions(category_column="kind")).view("convictions")
    summary = ConvictionsPane().summary(view)
    assert summary.startswith("⚠ b.csv: not in the views")


def test_one_of_a_kind_is_singular(tmp_path: Path) -> None:
    path = tmp_path / "one.csv"
    out = io.StringIO()
    csv.writer(out).writerows([["place", "date", "n"], ["Seattle", "2025-01-05", "NA"]])
    path.write_text(out.getvalue())
    options = RecordOptions(place_column="place", date_column="date", count_column="n")
    catalog = open_records([path], options)
    summary = _summary(catalog)
    assert "in 1 value of place." in summary
    assert "(1 row)" in summary
    assert "1 row has no count" in summary
    assert "1 rows" not in summary
    path.write_text("place,date,n\nNA,2025-01-05,1\n,,2\n")
    catalog = open_records([path], options)
    text = catalog.view("jurisdictions").base + catalog.view("comparisons").base
    assert "their 2 rows are a row of their own" in text
    assert "1 row without a date is in no period" in text
    assert "1 rows" not in text


async def test_panes_one_and_three_say_a_file_is_left_out(tmp_path: Path) -> None:
    paths = [str(real(I213)), str(real(REMOVALS))]
    app = build_app(paths, settings=fixed_settings(tmp_path))
    left = "⚠ SeattleAORExpeditedRemovals.csv: not in the views"
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pane = app.main.active_table_pane()
        assert pane.query_one(".summary", Description).text.plain.startswith(left)
        await pilot.press("3")
        await settle(pilot)
        warning = app.main.active_table_pane().query_one(".warning")
        assert left in str(warning.render())

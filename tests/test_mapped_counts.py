"""Mapped tables whose counts and dates are text, as every CSV's are: each view's figures against
a polars computation written here, row by row (no aggregation shared with the code under test).

The views read each distinct count text and each distinct date once; these files mix the forms
that must still read as they did: thousands separators, `2.0`, `NA`, empty cells, ISO days beside
US dates and an unreadable date, places written `NA` or left empty.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from pathlib import Path

import polars as pl
import pytest

from tui.core.errors import DataError
from tui.core.records.catalog import open_records
from tui.core.records.options import RecordOptions

#: place, date, category, n: (place, date, category, count) as written.
ROWS = [
    ("Seattle", "2024-01-05", "Convicted", "5"),
    ("Seattle", "2024-01-05", "Convicted", "1,234"),
    ("Seattle", "2024-02-10", "Pending", "NA"),
    ("Tacoma", "03/15/2024", "Convicted", "2.0"),
    ("Tacoma", "2025-01-20", "Other", ""),
    ("Tacoma", "2025-01-20", "Other", "7"),
    ("NA", "2025-02-01", "Convicted", "3"),
    ("", "2025-02-02", "", "4"),
    ("Spokane", "not a date", "Pending", "11"),
    ("Spokane", "", "Pending", "6"),
    ("Spokane", "2025-03-31", "NA", " 8 "),
]
OPTIONS = RecordOptions(
    place_column="place", date_column="date", category_column="category", count_column="n"
)


@pytest.fixture
def table(tmp_path: Path) -> Path:
    path = tmp_path / "mixed.csv"
    lines = ["place,date,category,n", *(",".join(_quoted(c) for c in row) for row in ROWS)]
    path.write_text("\n".join(lines) + "\n")
    return path


def _quoted(cell: str) -> str:
    return f'"{cell}"' if "," in cell else cell


def _count(text: str) -> float | None:
    text = text.strip().replace(",", "")
    return None if text in ("", "NA") else float(text)


def _day(text: str) -> date | None:
    for form in ("%Y-%m-%d", "%m/%d/%Y"):
        try:
            return datetime.strptime(text, form).date()
        except ValueError:
            continue
    return None


def test_places_and_categories_sum_text_counts_as_written(table: Path) -> None:
    catalog = open_records([table], OPTIONS)
    places = catalog.view("jurisdictions").frame
    expected: dict[str, float] = {}
    for place, _, _, n in ROWS:
        value = _count(n)
        if place not in ("", "NA") and value is not None:
            expected[place] = expected.get(place, 0) + value
    ranked = places.filter(~pl.col("place_missing"))
    assert dict(ranked.select("jurisdiction", "n").rows()) == expected
    assert ranked["n"].dtype == pl.Int64  # 1,234 and 2.0 are whole numbers
    missing = places.filter(pl.col("place_missing"))
    assert missing.select("n", "rows").rows() == [(7, 2)]  # NA (3) and empty (4) together
    assert int(places["missing_counts"].sum()) == 2  # NA and empty counts
    categories = catalog.view("convictions").frame
    by_category: dict[str | None, float] = {}
    for _, _, category, n in ROWS:
        key = None if category in ("", "NA") else category
        by_category[key] = by_category.get(key, 0) + (_count(n) or 0)
    assert dict(categories.select("category", "n").rows()) == by_category


def test_comparisons_read_mixed_dates_and_say_which_cannot(table: Path) -> None:
    a, b = (date(2024, 1, 1), date(2024, 12, 31)), (date(2025, 1, 1), date(2025, 12, 31))
    options = dataclasses.replace(OPTIONS, period_a=a, period_b=b)
    view = open_records([table], options).view("comparisons")
    frame = view.frame
    totals = {"a": 0.0, "b": 0.0}
    months: dict[str, float | None] = {}
    counted: set[str] = set()
    for _, written, _, n in ROWS:
        day, value = _day(written), _count(n) or 0
        if day is None:
            continue
        for name, (start, end) in (("a", a), ("b", b)):
            if start <= day <= end:
                totals[name] += value
        month = day.strftime("%Y-%m")
        months[month] = (months.get(month) or 0) + value
        if _count(n) is not None:
            counted.add(month)
    # A month whose every row has no count has no data (2024-02: one row, NA), never 0.
    months = {m: v if m in counted else None for m, v in months.items()}
    assert months["2024-02"] is None
    first = frame.row(0, named=True)
    assert first["series"] == "All places"
    assert (first["value_a"], first["value_b"]) == (totals["a"], totals["b"])
    assert {m: first[m] for m in months} == months
    assert "(place missing)" in frame["series"].to_list()  # NA and empty places
    base = view.base
    assert "2 rows without a date" in base
    assert "'not a date'" in base


def test_a_bad_count_among_good_ones_names_its_row(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text('place,n\nA,5\nB,"1,5"\nA,lots\nB,NA\n')
    with pytest.raises(DataError) as caught:
        open_records([path], RecordOptions(place_column="place", count_column="n")).view(
            "jurisdictions"
        )
    assert "2 counts are not numbers" in str(caught.value)
    assert "row 3" in str(caught.value)
    assert "the first is '1,5'" in str(caught.value)


def test_empty_places_are_said_empty_not_none(tmp_path: Path) -> None:
    path = tmp_path / "places.csv"
    path.write_text("county,n\nKing,4\n,3\nPierce,2\n,1\n")
    view = open_records([path], RecordOptions(place_column="county")).view("jurisdictions")
    assert "Places written (empty) are likely missing values" in view.base
    assert "None" not in view.base


def test_an_aggregate_preset_says_its_sum_once(tmp_path: Path) -> None:
    path = tmp_path / "crim.csv"
    path.write_text(
        "apprehension_criminality,month,apprehension_state,n\n"
        "1 Convicted Criminal,2024-01-01,WA,3\n2 Pending Criminal Charges,2024-02-01,OR,NA\n"
    )
    view = open_records([path]).view("jurisdictions")
    assert "arrests is the sum of column 'n' (the table is already aggregated)" in view.base
    assert view.base.count("the sum of column") == 1


def test_a_view_without_its_role_is_named_as_the_explorer_shows_it(tmp_path: Path) -> None:
    path = tmp_path / "places.csv"
    path.write_text("county,n\nKing,4\nPierce,2\n")
    catalog = open_records([path])
    # The explorer's second tab is "Categories" here; the command line calls it convictions.
    assert catalog.breakdown == "Categories"
    told = catalog.unavailable["convictions"]
    assert (
        "the breakdown by category (pane 2, Categories, in the explorer; convictions on the "
        "command line) needs a category column" in told
    )
    assert "--category COLUMN" in told


@pytest.mark.parametrize(
    ("aors", "place"),
    [(["Seattle Area of Responsibility"] * 4, "site_name"), (["Seattle", "Portland"] * 2, "aor")],
)
def test_an_extract_of_one_aor_is_counted_by_its_sites(
    tmp_path: Path, aors: list[str], place: str
) -> None:
    """The I-213 preset names the AOR first: one AOR in all rows would be a view of one row,
    so its sites are the places, said with the choice; two AORs keep the AOR."""
    path = tmp_path / "i213.csv"
    sites = ["SEATTLE DCO", "PORTLAND DCO", "YAKIMA", "SEATTLE DCO"]
    lines = ["apprehension_date,area_of_responsibility_name,site_name"]
    lines += [f"2024-01-0{i + 1},{a},{s}" for i, (a, s) in enumerate(zip(aors, sites, strict=True))]
    path.write_text("\n".join(lines) + "\n")
    if place == "aor":
        place = "area_of_responsibility_name"
    catalog = open_records([path])
    assert catalog.mapping is not None
    chosen = catalog.mapping.roles.place
    assert chosen is not None
    assert chosen.column == place
    view = catalog.views["jurisdictions"].frame
    if place == "site_name":
        assert "holds only 'Seattle Area of Responsibility' in its 4 rows" in chosen.reason
        assert dict(view.select("jurisdiction", "arrests").iter_rows()) == {
            "SEATTLE DCO": 2,
            "PORTLAND DCO": 1,
            "YAKIMA": 1,
        }
    else:
        assert chosen.reason == "I-213 arrest records extract"
        assert view.height == 2

"""Views from record files: the bundled views' names and leading columns, totals that add up."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest
from synth import ice_records as ir

from tui.core.article.figures import load_figures
from tui.core.article.views import article_catalog
from tui.core.errors import DataError
from tui.core.model import Catalog
from tui.core.records.catalog import open_records
from tui.core.records.comparisons import NATIONAL
from tui.core.records.layouts import CONVICTED, OTHER_VIOLATOR, PENDING
from tui.core.records.options import RecordOptions
from tui.core.records.periods import default_periods

ROWS = 3000


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("records")
    made = {
        "arrests-2025.csv": (ir.arrests(ROWS, seed=21, layout="2025"), "csv"),
        "arrests-2026.xlsx": (ir.arrests(ROWS, seed=22, layout="2026"), "xlsx"),
        "arrests-processed.parquet": (ir.arrests(ROWS, seed=23, layout="processed"), "parquet"),
        "detainers-2026.csv": (ir.detainers(ROWS, seed=24, layout="2026"), "csv"),
        "detainers-processed.parquet": (ir.detainers(ROWS, seed=25, layout="processed"), "parquet"),
    }
    paths = {}
    for name, (frame, fmt) in made.items():
        path = folder / name
        ir.write(frame, path, fmt)  # type: ignore[arg-type]
        paths[name] = path
    return paths


def _open(files: dict[str, Path], *names: str, **options: object) -> Catalog:
    return open_records([files[n] for n in names], RecordOptions(**options))  # type: ignore[arg-type]


def _bundled_leading(name: str, count: int) -> list[str]:
    return article_catalog(load_figures()).view(name).frame.columns[:count]


@pytest.mark.parametrize(
    "name", ["arrests-2025.csv", "arrests-2026.xlsx", "arrests-processed.parquet"]
)
def test_jurisdictions_keeps_the_bundled_leading_columns(files: dict[str, Path], name: str) -> None:
    view = _open(files, name).view("jurisdictions")
    frame = view.frame
    assert frame.columns[:4] == _bundled_leading("jurisdictions", 4)
    assert frame.columns[:3] == ["jurisdiction", "arrests", "share_pct"]
    assert int(frame["arrests"].sum()) == ROWS
    assert frame["arrests"].is_sorted(descending=True)
    assert frame["jurisdiction"].n_unique() == frame.height  # one row per AOR
    assert not any(j.endswith("Area of Responsibility") for j in frame["jurisdiction"])
    assert abs(float(frame["share_pct"].sum()) - 100) < 0.1 * frame.height
    split = frame["convicted"] + frame["pending_charges"] + frame["other_immigration_violator"]
    split = split + frame["criminality_missing"] + frame["criminality_other"]
    assert split.to_list() == frame["arrests"].to_list()
    nyc = frame.row(by_predicate=pl.col("jurisdiction") == "New York City", named=True)
    assert nyc["aor_code"] == "NYC"
    expected = round(100 * nyc["other_immigration_violator"] / nyc["arrests"], 1)
    assert nyc["non_criminal_pct"] == expected
    assert view.bar_column == "arrests"
    assert view.label_column == "jurisdiction"
    assert name in view.base


def test_detainer_jurisdictions_count_detainers(files: dict[str, Path]) -> None:
    frame = _open(files, "detainers-2026.csv").view("jurisdictions").frame
    assert frame.columns[:3] == ["jurisdiction", "detainers", "share_pct"]
    assert int(frame["detainers"].sum()) == ROWS


def test_convictions_from_detainers_msc_charge(files: dict[str, Path]) -> None:
    source = ir.detainers(ROWS, seed=24, layout="2026")
    view = _open(files, "detainers-2026.csv").view("convictions")
    frame = view.frame
    # The bundled view's first and third columns; the count is named for what it counts.
    assert frame.columns[:3] == ["conviction", "detainers", "share_pct"]
    assert int(frame["detainers"].sum()) == ROWS
    charged = frame.filter(pl.col("conviction").is_not_null())
    expected = source.group_by("MSC Charge").len().drop_nulls()
    assert dict(charged.select("conviction", "detainers").iter_rows()) == dict(expected.iter_rows())
    assert charged["detainers"].is_sorted(descending=True)
    assert abs(float(charged["share_pct"].sum()) - 100) < 0.1 * charged.height
    assert frame["conviction"][-1] is None  # those without a charge last, counted apart
    top = charged.row(0, named=True)
    assert top["share_pct"] == round(100 * top["detainers"] / charged["detainers"].sum(), 1)
    assert "place 'Facility AOR' (preset" in view.base


def test_convictions_from_arrests_is_the_criminality_breakdown(files: dict[str, Path]) -> None:
    source = ir.arrests(ROWS, seed=21, layout="2025")
    view = _open(files, "arrests-2025.csv").view("convictions")
    frame = view.frame
    assert frame.columns == ["criminality", "arrests", "share_pct", "duplicates_likely", "redacted"]
    assert frame["criminality"].to_list() == [CONVICTED, PENDING, OTHER_VIOLATOR]
    expected = dict(source.group_by("Apprehension Criminality").len().iter_rows())
    assert dict(frame.select("criminality", "arrests").iter_rows()) == expected
    assert int(frame["arrests"].sum()) == ROWS
    other, both = expected[OTHER_VIOLATOR], expected[PENDING] + expected[OTHER_VIOLATOR]
    assert f"'{OTHER_VIOLATOR}': {other:,} ({100 * other / ROWS:.1f}%)" in view.base
    assert f"together: {both:,} ({100 * both / ROWS:.1f}%)" in view.base
    assert view.title.startswith("Arrests by criminality")


def test_both_kinds_together(files: dict[str, Path]) -> None:
    catalog = _open(files, "arrests-2025.csv", "detainers-2026.csv")
    assert catalog.view("jurisdictions").frame.columns[1] == "arrests"
    assert "MSC" in catalog.view("convictions").base


def test_files_of_one_kind_are_stacked(files: dict[str, Path]) -> None:
    catalog = _open(files, "arrests-2025.csv", "arrests-2026.xlsx", "arrests-processed.parquet")
    view = catalog.view("jurisdictions")
    assert int(view.frame["arrests"].sum()) == 3 * ROWS
    for name in ("arrests-2025.csv", "arrests-2026.xlsx", "arrests-processed.parquet"):
        assert name in view.base
    records = catalog.datasets["arrests records"]
    assert records.rows == 3 * ROWS
    assert records.frame.group_by("file").len().height == 3


def test_likely_duplicates_are_counted_and_excluded_on_request(files: dict[str, Path]) -> None:
    source = ir.arrests(ROWS, seed=23, layout="processed")
    flagged = int(source["duplicate_likely"].sum())
    assert flagged > 0
    included = _open(files, "arrests-processed.parquet").view("jurisdictions")
    excluded = _open(files, "arrests-processed.parquet", exclude_duplicates=True).view(
        "jurisdictions"
    )
    assert int(included.frame["arrests"].sum()) == ROWS
    assert int(excluded.frame["arrests"].sum()) == ROWS - flagged
    assert int(included.frame["duplicates_likely"].sum()) == flagged
    assert int(excluded.frame["duplicates_likely"].sum()) == flagged
    assert f"{flagged:,} likely duplicate arrests included" in included.base
    assert f"{flagged:,} likely duplicate arrests excluded" in excluded.base
    months = _open(files, "arrests-processed.parquet", exclude_duplicates=True).view("comparisons")
    national = months.frame.row(0, named=True)
    assert sum(national[m] for m in months.spark_columns) == ROWS - flagged


def test_comparisons_default_periods_and_columns(files: dict[str, Path]) -> None:
    view = _open(files, "arrests-2025.csv").view("comparisons")
    frame = view.frame
    assert frame.columns[:7] == _bundled_leading("comparisons", 7)
    assert frame.columns[7] == "warning"
    # The 2025 release ends 2025-07-29: Jan-Jul 29 of 2025 against the same dates of 2024.
    first = frame.row(0, named=True)
    assert first["series"] == NATIONAL
    assert first["period_a"] == "2024-01-01 to 2024-07-29"
    assert first["period_b"] == "2025-01-01 to 2025-07-29"
    # 2024 is a leap year (211 days against 210): the same calendar dates, so no warning.
    assert first["warning"] == ""
    assert view.warnings == ()
    # The data ends on 29 July: July 2025 is partial (and September 2023 is whole).
    assert view.partial_months == ("2025-07",)
    source = ir.arrests(ROWS, seed=21, layout="2025")
    dates = source["Apprehension Date"]
    assert first["value_a"] == int(dates.is_between(date(2024, 1, 1), date(2024, 7, 29)).sum())
    assert first["value_b"] == int(dates.is_between(date(2025, 1, 1), date(2025, 7, 29)).sum())
    assert first["change"] == first["value_b"] - first["value_a"]
    assert first["change_pct"] == round(100 * first["change"] / first["value_a"], 1)
    # One column per month for the sparkline; each row's months add up to its rows.
    assert view.spark_columns[0] == "2023-09"
    assert view.spark_columns[-1] == "2025-07"
    assert len(view.spark_columns) == 23
    assert view.label_column == "series"
    per_aor = frame.slice(1)
    assert int(per_aor.select(view.spark_columns).sum_horizontal().sum()) == ROWS
    assert sum(first[m] for m in view.spark_columns) == ROWS
    assert int(per_aor["value_a"].sum()) == first["value_a"]
    assert "same months of the last two years" in view.base


def test_default_period_rule() -> None:
    periods = default_periods(date(2023, 9, 1), date(2025, 7, 29))
    assert periods.a == (date(2024, 1, 1), date(2024, 7, 29))
    assert periods.b == (date(2025, 1, 1), date(2025, 7, 29))
    leap = default_periods(date(2020, 1, 1), date(2024, 2, 29))
    assert leap.a == (date(2023, 1, 1), date(2023, 2, 28))


def test_custom_periods_and_warning_when_lengths_differ(files: dict[str, Path]) -> None:
    same = _open(
        files,
        "arrests-2025.csv",
        period_a=(date(2024, 3, 1), date(2024, 3, 31)),
        period_b=(date(2025, 3, 1), date(2025, 3, 31)),
    ).view("comparisons")
    row = same.frame.row(0, named=True)
    assert row["period_a"] == "2024-03-01 to 2024-03-31"
    assert row["warning"] == ""
    assert row["value_a"] == row["2024-03"]
    assert row["value_b"] == row["2025-03"]
    differ = _open(
        files,
        "arrests-2025.csv",
        period_a=(date(2024, 1, 24), date(2024, 4, 30)),
        period_b=(date(2025, 1, 1), date(2025, 4, 30)),
    ).view("comparisons")
    warning = differ.frame["warning"][0]
    assert "98 days" in warning
    assert "120 days" in warning
    assert set(differ.frame["warning"].to_list()) == {warning}
    assert warning in differ.notes
    # Period A alone: B is the same dates a year later (29 February becomes the 28th).
    alone = _open(files, "arrests-2025.csv", period_a=(date(2024, 2, 1), date(2024, 2, 29))).view(
        "comparisons"
    )
    assert alone.frame["period_b"][0] == "2025-02-01 to 2025-02-28"
    # 29 days against 28 is 29 February alone: the same calendar dates, no warning.
    assert alone.frame["warning"][0] == ""


def test_a_period_outside_the_data_is_flagged(files: dict[str, Path]) -> None:
    view = _open(
        files,
        "arrests-2025.csv",
        period_a=(date(2023, 1, 1), date(2023, 12, 31)),
        period_b=(date(2024, 1, 1), date(2024, 12, 31)),
    ).view("comparisons")
    assert "reaches outside the data" in view.frame["warning"][0]


def test_a_period_without_data_is_no_data_never_zero(files: dict[str, Path]) -> None:
    view = _open(
        files,
        "arrests-2025.csv",
        period_a=(date(2022, 1, 1), date(2022, 12, 31)),
        period_b=(date(2024, 1, 1), date(2024, 12, 31)),
    ).view("comparisons")
    frame = view.frame
    warning = frame["warning"][0]
    # The data starts in September 2023: A holds none of it. No data, never 0 with a change.
    assert "no data in period A (2022-01-01 to 2022-12-31)" in warning
    for column in ("value_a", "non_criminal_a", "change", "change_pct"):
        assert frame[column].null_count() == frame.height, column
    source = ir.arrests(ROWS, seed=21, layout="2025")["Apprehension Date"]
    assert frame["value_b"][0] == int(source.is_between(date(2024, 1, 1), date(2024, 12, 31)).sum())
    # In CSV the missing values are empty cells.
    csv = frame.select("series", "value_a", "value_b", "change").head(1).write_csv()
    assert csv.splitlines()[1] == f"{NATIONAL},,{frame['value_b'][0]},"


def test_a_period_backwards_is_an_error(files: dict[str, Path]) -> None:
    with pytest.raises(DataError, match="before it starts"):
        _open(files, "arrests-2025.csv", period_a=(date(2024, 3, 1), date(2024, 2, 1)))


def test_redacted_values_are_counted(tmp_path: Path) -> None:
    path = tmp_path / "redacted.csv"
    path.write_text(
        "Apprehension Date,Apprehension AOR,Apprehension Criminality\n"
        "2024-01-02,Miami Area of Responsibility,1 Convicted Criminal\n"
        '2024-01-02,Miami Area of Responsibility,"b(6), b(7)c"\n'
        '2024-01-03,"b(6), b(7)C",3 Other Immigration Violator\n'
        "2024-01-03,Miami Area of Responsibility,\n"
    )
    catalog = open_records([path])
    frame = catalog.view("jurisdictions").frame
    miami = frame.row(by_predicate=pl.col("jurisdiction") == "Miami", named=True)
    assert miami["arrests"] == 3
    assert miami["redacted"] == 1
    assert miami["criminality_other"] == 1
    assert miami["criminality_missing"] == 1  # null, apart from zero and from redacted
    hidden = frame.row(by_predicate=pl.col("jurisdiction") == "b(6), b(7)C", named=True)
    assert hidden["redacted"] == 1
    assert hidden["aor_code"] is None
    breakdown = catalog.view("convictions").frame
    assert breakdown.filter(pl.col("criminality") == "b(6), b(7)c")["redacted"].to_list() == [1]
    assert breakdown["criminality"].null_count() == 1


def test_generic_table_maps_to_jurisdictions(tmp_path: Path) -> None:
    path = tmp_path / "places.csv"
    path.write_text("place,count,note\nNYC,45,a\nBaltimore,28,b\nNYC,5,c\nDenver,,d\n")
    plain = open_records([path])
    assert plain.datasets["places.csv"].frame.columns == ["place", "count", "note"]
    assert plain.mapping is not None
    assert plain.mapping.roles.all_suggested
    assert any("suggestions" in note for note in plain.notes)
    mapped = open_records([path], RecordOptions(jurisdiction_column="place", count_column="count"))
    view = mapped.view("jurisdictions")
    frame = view.frame
    assert frame.columns[:3] == ["jurisdiction", "count", "share_pct"]
    assert frame.select("jurisdiction", "count").rows() == [
        ("NYC", 50),
        ("Baltimore", 28),
        ("Denver", None),  # no count at all: empty, not zero
    ]
    assert frame["share_pct"].to_list() == [64.1, 35.9, None]
    assert "place 'place' (given: chosen by you)" in view.base
    counted = open_records([path], RecordOptions(place_column="place", count_column=""))
    assert int(counted.view("jurisdictions").frame["rows"].sum()) == 4


@pytest.mark.parametrize(
    ("content", "count", "expected"),
    [
        ("place,count\nNYC,45\nDenver,x\n", "count", "row 3, column 'count'"),
        ("place,count\nNYC,45\nDenver,lots\n", "count", "'lots' is not a number"),
        ("place,count\nNYC,45\nDenver,-3\n", "count", "negative"),
        ("place,count\nNYC,45\n", "nope", "column 'nope'"),
    ],
)
def test_generic_mapping_errors_name_row_and_column(
    tmp_path: Path, content: str, count: str, expected: str
) -> None:
    path = tmp_path / "places.csv"
    path.write_text(content)
    options = RecordOptions(jurisdiction_column="place", count_column=count)
    with pytest.raises(DataError) as caught:  # an unknown column already on opening
        open_records([path], options).view("jurisdictions")
    assert expected in str(caught.value)
    assert str(path) in str(caught.value)


def test_fractional_counts_are_summed_with_their_decimals(tmp_path: Path) -> None:
    path = tmp_path / "adp.csv"
    path.write_text("facility,adp_total\nA,1.25\nB,2.5\nA,0.5\nB,NA\n")
    view = open_records([path]).view("jurisdictions")
    assert view.frame.select("jurisdiction", "average daily population").rows() == [
        ("B", 2.5),
        ("A", 1.75),
    ]
    assert "summed as numbers with their decimals" in view.base
    assert "1 row has no count" in view.base


def test_default_periods_start_inside_data_that_begins_mid_year() -> None:
    # YakimaDetainers.csv: bookings from 2016-10-01 to 2017-12-27. Jan-Dec 2016 against
    # Jan-Dec 2017 would give A nine months without data and a per-day rate a third of the truth.
    periods = default_periods(date(2016, 10, 1), date(2017, 12, 27))
    assert periods.a == (date(2016, 10, 1), date(2016, 12, 27))
    assert periods.b == (date(2017, 10, 1), date(2017, 12, 27))
    # Less than a year of data: no start inside it gives both periods; the old rule, and a warning.
    short = default_periods(date(2025, 3, 1), date(2025, 7, 29))
    assert short.b == (date(2025, 1, 1), date(2025, 7, 29))

"""Every real file in ../shared/real: the roles found (preset or suggested) or given, and every
view's figures against an independent polars computation written here, from the file itself.

The files are public releases kept outside the repository; without them these tests skip.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
import pytest

from tui.cli import main
from tui.core.model import Catalog, View
from tui.core.records.catalog import open_records
from tui.core.records.options import RecordOptions
from tui.core.records.suggest import MISSING_TOKENS

REAL = Path(__file__).resolve().parents[2] / "shared" / "real"


def _spaced_csv(path: Path) -> pl.DataFrame:
    """`"a", "b"` (a space after each comma): Python's csv module with skipinitialspace."""
    with path.open(newline="", encoding="utf-8") as handle:
        header, *rows = list(csv.reader(handle, skipinitialspace=True))
    return pl.DataFrame(rows, schema=header, orient="row")


def real(name: str) -> Path:
    """The real file, or a skip saying why (the folder is not part of the repository)."""
    path = REAL / name
    if not path.exists():
        pytest.skip(f"{path} is absent: the real files live outside the repository")
    return path


def _csv(skip: int = 0, separator: str = ",") -> Callable[[Path], pl.DataFrame]:
    def read(path: Path) -> pl.DataFrame:
        return pl.read_csv(
            path,
            skip_rows=skip,
            infer_schema=False,
            separator=separator,
            truncate_ragged_lines=True,
        )

    return read


def _parquet(path: Path) -> pl.DataFrame:
    return pl.read_parquet(path)


@dataclass(frozen=True)
class Real:
    name: str
    read: Callable[[Path], pl.DataFrame]
    #: role -> column, as expected to be found (None: no such role).
    roles: dict[str, str | None]
    how: str
    noun: str
    #: strptime forms of the date column, tried in turn.
    date_forms: tuple[str, ...] = ()
    options: RecordOptions = field(default_factory=RecordOptions)
    marks: tuple[pytest.MarkDecorator, ...] = ()
    #: The date column holds calendar years or quarters (`cy`, `cy_quarter`), not days.
    grain: str | None = None


REMOVALS = {
    "place": "Country of Citizenship",
    "date": "Departed Date",
    "category": "Most Serious Conviction",
    "count": None,
}
FILES = [
    Real(
        "ice-air/SeattleAORExpeditedRemovals.csv",
        _csv(6),
        REMOVALS,
        "preset",
        "removals",
        ("%m/%d/%Y",),
    ),
    Real(
        "ice-air/SeattleAOROtherRemovals.csv",
        _csv(6),
        REMOVALS,
        "preset",
        "removals",
        ("%m/%d/%Y",),
    ),
    Real(
        "ice-air/YakimaDetainers.csv",
        _csv(),
        {"place": "County", "date": "Date of Booking", "category": "Charge", "count": "Count"},
        "suggested",
        "count",
        ("%m/%d/%Y", "%m/%d/%y"),
    ),
    Real(
        "i-213-sea-22-25/sea-i213s-2026-02-13.csv.gz",
        _csv(separator="|"),
        {
            # The preset's AOR column holds one AOR (Seattle) here: its sites are the places.
            "place": "site_name",
            "date": "apprehension_date",
            "category": None,
            "count": None,
        },
        "preset",
        "arrests",
        ("%Y-%m-%d",),
    ),
    Real(
        "i-213-sea-22-25/sea-i213s-2026-02-13-geocoded.xlsx",
        lambda path: pl.read_excel(path, infer_schema_length=0),
        {
            # The preset's AOR column holds one AOR (Seattle) here: its sites are the places.
            "place": "site_name",
            "date": "apprehension_date",
            "category": None,
            "count": None,
        },
        "preset",
        "arrests",
        ("%Y-%m-%d", "%Y-%m-%d %H:%M:%S"),
    ),
    Real(
        "i-213-sea-22-25/annual-arrests-per-capita-wa-or-2022-2025.csv",
        _csv(),
        {"place": "county", "date": "cy", "category": None, "count": "arrests"},
        "preset",
        "arrests",
        grain="year",
    ),
    Real(
        "i-213-sea-22-25/quarterly-arrests-per-capita-wa-or-2022-2025.csv",
        _csv(),
        {"place": "county", "date": "cy_quarter", "category": None, "count": "arrests"},
        "preset",
        "arrests",
        grain="quarter",
    ),
    Real(
        "ice-detention/facilities-daily-population-latest.parquet",
        _parquet,
        {"place": "detention_facility", "date": "date", "category": None, "count": "n_detained"},
        "preset",
        "people detained",
    ),
    Real(
        "ice-detention/ddp-fy25-summary.csv",
        _csv(),
        {"place": "detention_facility", "date": None, "category": None, "count": "adp_total"},
        "preset",
        "average daily population",
    ),
    Real(
        "deport-data-proj/sea_crim_state_month.csv",
        _csv(),
        {
            "place": "apprehension_state",
            "date": "month",
            "category": "apprehension_criminality",
            "count": "n",
        },
        "preset",
        "arrests",
        ("%Y-%m-%d",),
    ),
    Real(
        "deport-data-proj/detloc_aor.csv",
        _csv(),
        {"place": "area_of_responsibility", "date": None, "category": None, "count": None},
        "suggested",
        "rows",
    ),
    Real(
        "ice-enforce/aor_demog_indicators.csv",
        _csv(separator="|"),
        {"place": "aor", "date": "year", "category": None, "count": None},
        "suggested",
        "rows",
        grain="year",
    ),
    Real(
        "mn-deportation-data/mn_detainers_by_month.csv",
        _csv(),
        {"place": None, "date": "month_year", "category": None, "count": "count"},
        "suggested",
        "count",
        ("%Y-%m",),
    ),
    Real(
        "mn-deportation-data/mn_detainers_over_time.csv",
        _csv(),
        {"place": None, "date": "detainer_prepare_date", "category": None, "count": "count"},
        "preset",
        "detainers",
        ("%Y-%m-%d",),
    ),
    # Roles given by the user, on a file whose suggestions differ.
    Real(
        "ice/ice-areas-of-responsibility.csv",
        _spaced_csv,
        {"place": "state_name", "date": None, "category": None, "count": None},
        "given",
        "rows",
        options=RecordOptions(place_column="state_name"),
    ),
]


def _params() -> list[object]:
    return [pytest.param(f, id=f.name.split("/")[-1], marks=f.marks) for f in FILES]


def _missing(column: pl.Expr) -> pl.Expr:
    text = column.cast(pl.String).str.strip_chars()
    return column.is_null() | (text == "") | text.is_in(MISSING_TOKENS)


def _weights(frame: pl.DataFrame, spec: Real) -> pl.Expr:
    count = spec.roles["count"]
    if count is None:
        return pl.lit(1.0)
    column = pl.col(count)
    if frame.schema[count] == pl.String:
        column = column.str.strip_chars().str.replace_all(",", "")
    return column.cast(pl.Float64, strict=False)


def _open(spec: Real, path: Path) -> Catalog:
    return open_records([path], spec.options)


@pytest.mark.parametrize("spec", _params())
def test_roles_found_or_given(spec: Real) -> None:
    catalog = _open(spec, real(spec.name))
    assert catalog.mapping is not None
    roles = catalog.mapping.roles
    found = {role: roles.column(role) for role in spec.roles}  # type: ignore[arg-type]
    assert {r: (c.strip() if c else c) for r, c in found.items()} == spec.roles
    chosen = [roles.get(r) for r in spec.roles]  # type: ignore[arg-type]
    hows = {c.how for c in chosen if c is not None}
    assert spec.how in hows
    assert roles.noun == spec.noun


@pytest.mark.parametrize("spec", _params())
def test_jurisdictions_against_polars(spec: Real) -> None:
    path = real(spec.name)
    catalog = _open(spec, path)
    place = spec.roles["place"]
    if place is None:
        assert "jurisdictions" in catalog.unavailable
        assert "--place COLUMN" in catalog.unavailable["jurisdictions"]
        return
    view = catalog.view("jurisdictions")
    frame = spec.read(path)
    expected = (
        frame.with_columns(_weights(frame, spec).alias("__w"))
        .filter(~_missing(pl.col(place)))
        .group_by(place)
        .agg(pl.col("__w").sum())
    )
    got = view.frame.filter(~pl.col("place_missing")).select("jurisdiction", spec.noun)
    assert got.height == expected.height
    want = dict(expected.iter_rows())
    for name, value in got.iter_rows():
        assert value == pytest.approx(want[name.strip()], abs=0.006), name
    assert view.frame.columns[:3] == ["jurisdiction", spec.noun, "share_pct"]
    assert "columns used: place" in view.base


@pytest.mark.parametrize("spec", _params())
def test_breakdown_against_polars(spec: Real) -> None:
    path = real(spec.name)
    catalog = _open(spec, path)
    category = spec.roles["category"]
    if category is None:
        assert "--category COLUMN" in catalog.unavailable["convictions"]
        return
    view = catalog.view("convictions")
    frame = spec.read(path)
    expected = (
        frame.with_columns(
            pl.when(~_missing(pl.col(category))).then(pl.col(category)).alias("__c"),
            _weights(frame, spec).alias("__w"),
        )
        .group_by("__c")
        .agg(pl.col("__w").sum())
    )
    want = dict(expected.iter_rows())
    got = dict(view.frame.select("category", spec.noun).iter_rows())
    assert got.keys() == want.keys()
    for key, value in got.items():
        assert value == pytest.approx(want[key], abs=0.006), key


@pytest.mark.parametrize("spec", _params())
def test_comparisons_months_against_polars(spec: Real) -> None:
    path = real(spec.name)
    catalog = _open(spec, path)
    date = spec.roles["date"]
    if date is None:
        assert "--date COLUMN" in catalog.unavailable["comparisons"]
        return
    view = catalog.view("comparisons")
    frame = spec.read(path)
    if spec.grain is not None:
        _check_periods(view, frame, spec, date)
        return
    raw = pl.col(date)
    if frame.schema[date] == pl.String:
        parsed = pl.coalesce(
            *(raw.str.strip_chars().str.to_date(f, strict=False) for f in spec.date_forms)
        )
    else:
        parsed = raw.cast(pl.Date)
    expected = (
        frame.with_columns(parsed.alias("__d"), _weights(frame, spec).alias("__w"))
        .filter(pl.col("__d").is_not_null())
        .group_by(pl.col("__d").dt.strftime("%Y-%m").alias("month"))
        .agg(pl.col("__w").sum())
    )
    total = view.frame.row(0, named=True)
    months = set(view.spark_columns)
    for month, value in expected.iter_rows():
        if month in months:
            assert total[month] == pytest.approx(value, abs=0.006), month
    assert view.frame.columns[:3] == ["series", "period_a", "value_a"]


def _period_name(value: object, grain: str) -> str:
    """`2022` or `2022-Q1` from a year (2022) or a year.quarter float (2022.1), by hand."""
    text = str(value)
    if grain == "year":
        return text
    year, quarter = text.split(".")
    return f"{year}-Q{quarter}"


def _check_periods(view: View, frame: pl.DataFrame, spec: Real, date: str) -> None:
    """A file dated by years or quarters: one column per period (no months), periods A and B
    summing the whole years or quarters inside them, and the reading said to be inferred."""
    assert spec.grain is not None
    count = spec.roles["count"]
    weights = pl.col(count).cast(pl.Float64) if count is not None else pl.lit(1.0)
    sums: dict[str, float] = {}
    for value, weight in frame.select(date, weights).iter_rows():
        name = _period_name(value, spec.grain)
        sums[name] = sums.get(name, 0) + weight
    assert view.spark_unit == spec.grain
    assert list(view.spark_columns) == sorted(sums)
    assert view.partial_months == ()
    total = view.frame.row(0, named=True)
    for name, value in sums.items():
        assert total[name] == value, name
    # Default periods: the last two calendar years, whole.
    by_year: dict[str, float] = {}
    for name, value in sums.items():
        by_year[name[:4]] = by_year.get(name[:4], 0) + value
    last = max(by_year)
    assert total["value_b"] == by_year[last]
    assert total["value_a"] == by_year[str(int(last) - 1)]
    assert f"holds calendar {spec.grain}s: inferred from its values" in view.base
    assert "no monthly values" in view.base


def test_a_period_cutting_a_quarter_leaves_it_out_and_says_so() -> None:
    path = real("i-213-sea-22-25/quarterly-arrests-per-capita-wa-or-2022-2025.csv")
    options = RecordOptions(
        period_a=(dt.date(2024, 2, 1), dt.date(2024, 6, 30)),
        period_b=(dt.date(2025, 2, 1), dt.date(2025, 6, 30)),
    )
    view = open_records([path], options).view("comparisons")
    frame = pl.read_csv(path)
    q2 = frame.filter(pl.col("cy_quarter").is_in([2024.2, 2025.2]))
    expected = q2.group_by("cy").agg(pl.col("arrests").sum()).sort("cy")["arrests"].to_list()
    total = view.frame.row(0, named=True)
    assert [total["value_a"], total["value_b"]] == expected  # Q2 only: Q1 is cut
    assert "the quarter 2024-Q1 is only partly inside period A: left out of it" in view.warnings[0]


def test_detention_statistics_workbook_opens_its_facilities_sheet() -> None:
    path = real("ice-detention/FY25_detentionStats09242025.xlsx")
    catalog = open_records([path])
    assert catalog.mapping is not None
    assert catalog.mapping.roles.column("place") == "AOR"  # suggested from its name
    frame = catalog.view("jurisdictions").frame
    # The Facilities sheet (189 facilities under the title rows), one row per AOR.
    assert frame.get_column("rows").sum() == 189
    assert frame.height == 24


def test_cli_flags_map_a_real_file(capsys: pytest.CaptureFixture[str]) -> None:
    path = real("deport-data-proj/sea_crim_state_month.csv")
    code = main(
        ["export", "comparisons", "--data", str(path), "--date", "month", "--no-role", "place"]
    )
    assert code == 0
    out = capsys.readouterr().out
    frame = pl.read_csv(out.encode())
    assert frame.get_column("series").to_list() == ["Total"]
    source = pl.read_csv(path, infer_schema=False).with_columns(pl.col("n").cast(pl.Int64))
    september = source.filter(pl.col("month") == "2024-09-01")["n"].sum()
    assert frame.get_column("2024-09").to_list() == [september]

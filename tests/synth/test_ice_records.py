"""Tests for the synthetic ICE record generator (small row counts, a few seconds in total).

Headers and vocabularies are spelled out here from ``shared/reference/ice-records.md`` instead
of being imported from the generator, so a typo in the generator fails a test.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import fastexcel
import polars as pl
import pytest
from polars.testing import assert_frame_equal

from . import arrests as synth_arrests
from . import ice_records as ir
from . import writers as synth_writers

ARRESTS_2025 = [
    "Apprehension Date",
    "Apprehension State",
    "Apprehension County",
    "Apprehension AOR",
    "Final Program",
    "Final Program Group",
    "Apprehension Method",
    "Apprehension Criminality",
    "Case Status",
    "Case Category",
    "Departed Date",
    "Departure Country",
    "Final Order Yes No",
    "Final Order Date",
    "Birth Date",
    "Birth Year",
    "Citizenship Country",
    "Gender",
    "Apprehension Site Landmark",
    "Alien File Number",
    "EID Case ID",
    "EID Subject ID",
    "Unique Identifier",
]
ARRESTS_2026 = [
    "Apprehension Date",
    "Apprehension Type",
    "State",
    "County",
    "TOA Current Duty AOR",
    "Apprehension Final Program",
    "Arresting Agency",
    "Apprehension Method",
    "Apprehension Criminality",
    "Case Status",
    "Case Category",
    "Departure Country",
    "Final Order Yes No",
    "Birth Date",
    "Birth Year",
    "Citizenship Country",
    "Gender",
    "Departed Date",
    "Final Order Date",
    "Apprehension Site Landmark",
    "Operation",
    "TOA Current Duty Site",
    "Case Criminality",
    "Case Threat Level",
    "Anonymized Identifier",
]
ARRESTS_PROCESSED = [
    "apprehension_date",
    "apprehension_state",
    "apprehension_county",
    "apprehension_aor",
    "final_program",
    "final_program_group",
    "apprehension_method",
    "apprehension_criminality",
    "case_status",
    "case_category",
    "departed_date",
    "departure_country",
    "final_order_yes_no",
    "final_order_date",
    "birth_date",
    "birth_year",
    "citizenship_country",
    "gender",
    "apprehension_site_landmark",
    "alien_file_number",
    "eid_case_id",
    "eid_subject_id",
    "unique_identifier",
    "apprehension_date_time",
    "duplicate_likely",
    "file_original",
    "sheet_original",
    "row_original",
]
DETAINERS_2026 = [
    "Detainer Prepare Date",
    "Facility State",
    "Facility AOR",
    "Detainer Criminality",
    "Detainer Facility",
    "Facility City",
    "Gender",
    "Citizenship Country",
    "Birth Year",
    "MSC Charge",
    "MSC Charge Code",
    "MSC Sentence Days",
    "MSC Sentence Months",
    "MSC Sentence Years",
    "MSC Charge Date",
    "MSC Conviction Date",
    "Aggravated Felon Yes No",
    "Apprehension Method",
    "Apprehension Date",
    "Detainer Type",
    "Detainer Lift Reason",
    "Anonymized Identifier",
]
DETAINERS_PROCESSED = [
    "detainer_prepare_date",
    "facility_state",
    "facility_aor",
    "detainer_criminality",
    "detainer_facility",
    "facility_city",
    "gender",
    "citizenship_country",
    "birth_year",
    "most_serious_conviction_charge",
    "msc_charge_code",
    "msc_sentence_days",
    "msc_sentence_months",
    "msc_sentence_years",
    "msc_charge_date",
    "msc_conviction_date",
    "aggravated_felon_yes_no",
    "apprehension_method",
    "apprehension_date",
    "detainer_type",
    "detainer_lift_reason",
    "anonymized_identifier",
]

CRIMINALITY = {
    "1 Convicted Criminal",
    "2 Pending Criminal Charges",
    "3 Other Immigration Violator",
}
GENDERS = {"Male", "Female", "Unknown"}
YES_NO = {"YES", "NO"}
TOKENS = {"b(6), b(7)c", "b(6), b(7)C", "(b)(6)(b)(7)(c)"}
METHODS = {
    "Located",
    "Non-Custodial Arrest",
    "Custodial Arrest",
    "CAP Local/State/Federal Incarceration",
    "Probation and Parole",
    "287(g) Program",
    "Worksite Enforcement",
    "Traffic Check",
    "Law Enforcement Agency Response Unit",
}
PROGRAMS = {
    "ERO Criminal Alien Program",
    "Fugitive Operations",
    "Non-Detained Docket Control",
    "287G Program",
}
AOR_PLACES = [
    "Atlanta",
    "Baltimore",
    "Boston",
    "Buffalo",
    "Chicago",
    "Dallas",
    "Denver",
    "Detroit",
    "El Paso",
    "Harlingen",
    "Houston",
    "Los Angeles",
    "Miami",
    "Newark",
    "New Orleans",
    "New York City",
    "Philadelphia",
    "Phoenix",
    "Seattle",
    "San Francisco",
    "Salt Lake City",
    "San Antonio",
    "San Diego",
    "St. Paul",
    "Washington",
]
AORS = {f"{place} Area of Responsibility" for place in [*AOR_PLACES, "HQ"]}
NCIC = {
    "Driving Under Influence Liquor": "5404",
    "Assault": "1399",
    "Traffic Offense": "5499",
    "Illegal Entry (INA SEC.101(a)(43)(O), 8USC1325 only)": "0301",
}


def generate(kind: str, layout: str, n: int, seed: int) -> pl.DataFrame:
    if kind == "arrests":
        return ir.arrests(n, seed=seed, layout=layout)  # type: ignore[arg-type]
    return ir.detainers(n, seed=seed, layout=layout)  # type: ignore[arg-type]


def values(df: pl.DataFrame, column: str) -> set[str]:
    return set(df.get_column(column).drop_nulls().unique().to_list())


@pytest.fixture(scope="module")
def raw2025() -> pl.DataFrame:
    return ir.arrests(20_000, seed=7, layout="2025")


@pytest.fixture(scope="module")
def processed() -> pl.DataFrame:
    return ir.arrests(20_000, seed=7, layout="processed")


@pytest.fixture(scope="module")
def raw2026() -> pl.DataFrame:
    return ir.arrests(20_000, seed=7, layout="2026")


@pytest.fixture(scope="module")
def det() -> pl.DataFrame:
    return ir.detainers(20_000, seed=7)


# ---- determinism ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "layout"),
    [
        ("arrests", "2025"),
        ("arrests", "2026"),
        ("arrests", "processed"),
        ("detainers", "2026"),
        ("detainers", "processed"),
    ],
)
@pytest.mark.parametrize("fmt", ["csv", "parquet", "xlsx"])
def test_same_seed_same_bytes(tmp_path: Path, kind: str, layout: str, fmt: str) -> None:
    def digest(seed: int, name: str) -> str:
        path = tmp_path / f"{name}.{fmt}"
        df = generate(kind, layout, 300, seed)
        ir.write(df, path)
        return hashlib.sha256(path.read_bytes()).hexdigest()

    assert digest(2017, "a") == digest(2017, "b")
    assert digest(2017, "c") != digest(2018, "d")


def test_default_seed_is_2017() -> None:
    assert_frame_equal(ir.arrests(50), ir.arrests(50, seed=2017))
    assert_frame_equal(ir.detainers(50), ir.detainers(50, seed=2017, layout="2026"))


def test_chunked_generation_matches_whole(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(synth_arrests, "CHUNK_ROWS", 700)  # where the chunks are cut
    whole = ir.arrests(2_000, layout="processed")
    chunks = list(ir.iter_arrests(2_000, layout="processed"))
    assert [c.height for c in chunks] == [700, 700, 600]
    assert_frame_equal(pl.concat(chunks), whole)
    assert whole["row_original"].to_list() == list(range(7, 2_007))
    streamed = tmp_path / "streamed.parquet"
    assert ir.write(ir.iter_arrests(2_000, layout="processed"), streamed) == 2_000
    assert_frame_equal(pl.read_parquet(streamed), whole)


def test_zero_rows_keep_the_schema() -> None:
    empty = ir.arrests(0, layout="2026")
    assert empty.height == 0
    assert empty.columns == ARRESTS_2026
    assert ir.detainers(0).columns == DETAINERS_2026


# ---- headers ----------------------------------------------------------------------------


def test_exact_headers() -> None:
    assert ir.arrests(10, layout="2025").columns == ARRESTS_2025
    assert ir.arrests(10, layout="2026").columns == ARRESTS_2026
    assert ir.arrests(10, layout="processed").columns == ARRESTS_PROCESSED
    assert ir.detainers(10, layout="2026").columns == DETAINERS_2026
    assert ir.detainers(10, layout="processed").columns == DETAINERS_PROCESSED
    assert list(ir.ARRESTS_2025_COLUMNS) == ARRESTS_2025
    assert list(ir.ARRESTS_PROCESSED_COLUMNS) == ARRESTS_PROCESSED


def test_dtypes(raw2025: pl.DataFrame, processed: pl.DataFrame, det: pl.DataFrame) -> None:
    for column in ("Apprehension Date", "Departed Date", "Final Order Date"):
        assert raw2025.schema[column] == pl.Date
    assert raw2025.schema["Birth Date"] == pl.String  # fully redacted, as released
    assert processed.schema["apprehension_date_time"] == pl.Datetime("us")
    assert processed.schema["duplicate_likely"] == pl.Boolean
    assert det.schema["MSC Charge Code"] == pl.String  # codes keep their leading zero
    assert det.schema["Detainer Prepare Date"] == pl.Date


def test_unknown_layout_is_rejected() -> None:
    with pytest.raises(ValueError, match="layout"):
        ir.arrests(5, layout="2024")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="layout"):
        ir.detainers(5, layout="2025")  # type: ignore[arg-type]


# ---- vocabularies -----------------------------------------------------------------------


def test_arrest_vocabularies(raw2025: pl.DataFrame, raw2026: pl.DataFrame) -> None:
    assert values(raw2025, "Apprehension Criminality") == CRIMINALITY
    assert values(raw2025, "Gender") == GENDERS
    assert values(raw2025, "Final Order Yes No") == YES_NO
    assert values(raw2025, "Apprehension AOR") == AORS
    assert values(raw2025, "Apprehension Method") == METHODS
    assert values(raw2025, "Final Program") == PROGRAMS
    assert values(raw2025, "Final Program Group") == {"ICE"}
    assert values(raw2025, "Citizenship Country") >= {"MEXICO", "GUATEMALA", "HONDURAS"}
    for column in ("Birth Date", "Alien File Number", "EID Case ID", "EID Subject ID"):
        assert values(raw2025, column) == TOKENS
    redacted = values(raw2025, "Apprehension Site Landmark") & TOKENS
    assert redacted == TOKENS
    assert values(raw2025, "Case Status") <= set(ir.CASE_STATUSES)
    assert values(raw2025, "Case Category") <= set(ir.CASE_CATEGORIES)

    assert values(raw2026, "Apprehension Criminality") == CRIMINALITY
    assert values(raw2026, "Case Criminality") == CRIMINALITY
    assert values(raw2026, "TOA Current Duty AOR") == AORS
    assert values(raw2026, "Apprehension Method") <= METHODS
    assert values(raw2026, "Apprehension Final Program") == PROGRAMS
    assert values(raw2026, "Gender") <= GENDERS
    assert values(raw2026, "Case Threat Level") <= {"1", "2", "3"}
    assert values(raw2026, "Birth Date") == TOKENS


def test_identifiers_look_anonymised(raw2025: pl.DataFrame, raw2026: pl.DataFrame) -> None:
    for df, column in ((raw2025, "Unique Identifier"), (raw2026, "Anonymized Identifier")):
        ids = df.get_column(column)
        assert ids.drop_nulls().str.contains(r"^[0-9a-f]{40}$").all()
        assert 0 < ids.null_count() < 0.05 * df.height
        assert ids.n_unique() < df.height  # repeat arrests and duplicates exist


def test_optional_columns_have_nulls(raw2025: pl.DataFrame) -> None:
    for column in ("Departed Date", "Departure Country", "Final Order Date", "Apprehension State"):
        share = raw2025.get_column(column).null_count() / raw2025.height
        assert 0 < share < 1, column
    # Departed date and departure country are missing together.
    both = raw2025.select(
        (pl.col("Departed Date").is_null() == pl.col("Departure Country").is_null()).all()
    )
    assert both.item()
    # A final order date only comes with a final order.
    orphan = raw2025.filter(pl.col("Final Order Date").is_not_null())
    assert values(orphan, "Final Order Yes No") == {"YES"}


def test_states_follow_the_aor(raw2025: pl.DataFrame) -> None:
    pairs = (
        raw2025.drop_nulls("Apprehension State")
        .group_by("Apprehension AOR")
        .agg(pl.col("Apprehension State").unique())
    )
    states = {row[0]: set(row[1]) for row in pairs.iter_rows()}
    assert states["New York City Area of Responsibility"] == {"NEW YORK"}
    assert states["Los Angeles Area of Responsibility"] == {"CALIFORNIA"}
    assert states["Washington Area of Responsibility"] <= {"VIRGINIA", "DISTRICT OF COLUMBIA"}
    assert "TEXAS" in states["Houston Area of Responsibility"]


def test_dates_cover_the_release_and_trend_upward(
    raw2025: pl.DataFrame, raw2026: pl.DataFrame
) -> None:
    dates = raw2025.get_column("Apprehension Date")
    assert dates.min() == dt.date(2023, 9, 1)
    assert dates.max() == dt.date(2025, 7, 29)
    d26 = raw2026.get_column("Apprehension Date")
    assert dt.date(2024, 1, 1) <= d26.min() <= d26.max() <= dt.date(2026, 6, 30)  # type: ignore[operator]
    monthly = raw2025.group_by(pl.col("Apprehension Date").dt.truncate("1mo")).len()
    first_year = monthly.filter(pl.col("Apprehension Date") < dt.date(2024, 9, 1))["len"].mean()
    june_2025 = monthly.filter(pl.col("Apprehension Date") == dt.date(2025, 6, 1))["len"].item()
    assert june_2025 > 2 * first_year  # type: ignore[operator]
    departed = raw2025.drop_nulls("Departed Date")
    assert (departed["Departed Date"] > departed["Apprehension Date"]).all()
    assert departed["Departed Date"].max() <= dt.date(2025, 7, 29)  # type: ignore[operator]


def test_criminality_weights(raw2025: pl.DataFrame) -> None:
    share = raw2025.get_column("Apprehension Criminality").value_counts(normalize=True)
    shares = dict(share.iter_rows())
    assert 0.35 < shares["1 Convicted Criminal"] < 0.6
    assert 0.15 < shares["2 Pending Criminal Charges"] < 0.35
    assert 0.2 < shares["3 Other Immigration Violator"] < 0.45


# ---- duplicates and the processed layout ------------------------------------------------


def test_duplicate_likely_share_and_meaning(processed: pl.DataFrame) -> None:
    flag = processed.get_column("duplicate_likely")
    assert 0.04 < flag.sum() / processed.height < 0.06
    key = [*ir.DUPLICATE_KEY_COLUMNS]
    assert {"unique_identifier", "apprehension_date"} <= set(key)
    indexed = processed.with_row_index("i").with_columns(
        first=pl.col("i").min().over(key), copies=pl.len().over(key)
    )
    dups = indexed.filter(pl.col("duplicate_likely"))
    assert (dups["first"] < dups["i"]).all()  # an earlier row has the same key fields
    originals = indexed.filter(pl.col("i") == pl.col("first"))
    assert not originals["duplicate_likely"].any()
    # Rows without an identifier cannot be judged, as in the processed release.
    assert processed.filter(pl.col("unique_identifier").is_null())["duplicate_likely"].null_count()


def test_processed_is_the_raw_release_cleaned(
    raw2025: pl.DataFrame, processed: pl.DataFrame
) -> None:
    renamed = raw2025.rename({c: c.lower().replace(" ", "_") for c in raw2025.columns})
    for column in renamed.columns:
        raw_values = renamed.get_column(column)
        if raw_values.dtype == pl.String:
            raw_values = raw_values.replace(list(TOKENS), None)
        assert processed.get_column(column).cast(raw_values.dtype).equals(raw_values), column
    assert (processed["apprehension_date_time"].dt.date() == processed["apprehension_date"]).all()
    assert processed["apprehension_date_time"].is_sorted()
    assert values(processed, "sheet_original") == {"Admin Arrests"}
    assert processed["row_original"].to_list() == list(range(7, processed.height + 7))
    assert processed["file_original"].str.ends_with(".xlsx").all()


# ---- detainers --------------------------------------------------------------------------


def test_detainer_vocabularies(det: pl.DataFrame) -> None:
    assert values(det, "Detainer Criminality") == CRIMINALITY
    assert values(det, "Facility AOR") <= AORS
    assert values(det, "Gender") <= GENDERS
    assert values(det, "Aggravated Felon Yes No") == YES_NO
    assert values(det, "Apprehension Method") <= METHODS
    charges = det.get_column("MSC Charge").value_counts(sort=True)
    assert charges.drop_nulls()["MSC Charge"][0] == "Driving Under Influence Liquor"
    names = values(det, "MSC Charge")
    assert len(names) >= 20
    assert names >= {
        *NCIC,
        "Sex Offense Against Child-Fondling",
        "Homicide-Negligent Manslaughter-Vehicle",
    }
    pairs = det.drop_nulls("MSC Charge").select("MSC Charge", "MSC Charge Code").unique()
    assert pairs.height == len(names)  # one code per charge
    assert pairs["MSC Charge Code"].n_unique() == len(names)  # and one charge per code
    codes = dict(pairs.iter_rows())
    for name, code in NCIC.items():
        assert codes[name] == code


def test_detainer_consistency(det: pl.DataFrame) -> None:
    not_convicted = det.filter(pl.col("Detainer Criminality") != "1 Convicted Criminal")
    assert not_convicted["MSC Charge"].null_count() == not_convicted.height
    with_msc = det.drop_nulls("MSC Conviction Date")
    assert (with_msc["MSC Charge Date"] <= with_msc["MSC Conviction Date"]).all()
    assert (with_msc["MSC Conviction Date"] < with_msc["Detainer Prepare Date"]).all()
    sentence = det.select("MSC Sentence Days", "MSC Sentence Months", "MSC Sentence Years")
    assert (sentence.drop_nulls().min_horizontal() >= 0).all()
    assert sentence["MSC Sentence Months"].max() <= 11  # type: ignore[operator]
    arrested = det.drop_nulls("Apprehension Date")
    assert (arrested["Apprehension Date"] >= arrested["Detainer Prepare Date"]).all()
    assert arrested["Apprehension Method"].null_count() == 0


def test_detainers_link_to_arrests_of_the_same_release() -> None:
    a = ir.arrests(3_000, seed=11, layout="2026")["Anonymized Identifier"].drop_nulls()
    d = ir.detainers(3_000, seed=11)["Anonymized Identifier"].drop_nulls()
    assert d.is_in(a.implode()).any()


# ---- writers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "layout"),
    [("arrests", "2025"), ("arrests", "2026"), ("arrests", "processed"), ("detainers", "2026")],
)
@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_delimited_round_trip(tmp_path: Path, kind: str, layout: str, fmt: str) -> None:
    df = generate(kind, layout, 500, 2017)
    path = tmp_path / f"out.{fmt}"
    assert ir.write(df, path) == 500
    back = pl.read_csv(path, separator="," if fmt == "csv" else "\t", schema=df.schema)
    assert_frame_equal(back, df)
    first_data_line = path.read_text().splitlines()[1]
    assert first_data_line.split("," if fmt == "csv" else "\t")[0].count("-") == 2  # ISO date


def test_csv_dates_are_iso(tmp_path: Path) -> None:
    df = ir.arrests(20, layout="processed")
    path = tmp_path / "p.csv"
    ir.write(df, path, "csv")
    untyped = pl.read_csv(path, infer_schema=False)
    assert untyped["apprehension_date"].str.contains(r"^\d{4}-\d{2}-\d{2}$").all()
    assert (
        untyped["apprehension_date_time"]
        .str.contains(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")
        .all()
    )


def test_parquet_and_ndjson(tmp_path: Path) -> None:
    df = ir.arrests(400, layout="processed")
    ir.write(df, tmp_path / "p.parquet")
    assert_frame_equal(pl.read_parquet(tmp_path / "p.parquet"), df)
    ir.write(df, tmp_path / "p.ndjson")
    back = pl.read_ndjson(tmp_path / "p.ndjson", schema=df.schema)
    assert_frame_equal(back, df)
    with pytest.raises(ValueError, match="format"):
        ir.write(df, tmp_path / "p.txt")


def test_xlsx_title_rows_header_and_sheets(tmp_path: Path) -> None:
    df = ir.arrests(300, layout="2025")
    path = tmp_path / "arrests.xlsx"
    ir.write(df, path, sheets=3)
    reader = fastexcel.read_excel(path)
    assert reader.sheet_names == ["Admin Arrests", "Admin Arrests (2)", "Admin Arrests (3)"]
    grid = pl.read_excel(
        path, sheet_id=1, has_header=False, drop_empty_rows=False, read_options={"n_rows": 8}
    )
    first_column = grid.get_column(grid.columns[0]).to_list()
    assert first_column[0] == "U.S. Immigration and Customs Enforcement"
    assert first_column[1] == "ICE ERO Administrative Arrests"
    assert first_column[4] is None  # blank line under the titles
    header = list(grid.row(5))
    assert header == ARRESTS_2025  # 5 title rows, header on the sixth
    sheets = pl.read_excel(path, sheet_id=0, read_options={"header_row": 5})
    assert isinstance(sheets, dict)
    assert [s.height for s in sheets.values()] == [100, 100, 100]
    back = pl.concat(sheets.values())
    assert back.columns == ARRESTS_2025
    assert back.schema["Apprehension Date"] == pl.Date  # written as Excel dates
    assert_frame_equal(back, df, check_dtypes=False)


def test_xlsx_2026_layout_has_six_title_rows(tmp_path: Path) -> None:
    df = ir.detainers(50)
    path = tmp_path / "detainers.xlsx"
    ir.write(df, path)
    grid = pl.read_excel(path, has_header=False, drop_empty_rows=False, read_options={"n_rows": 8})
    assert list(grid.row(6)) == DETAINERS_2026
    assert grid.row(5) == (None,) * len(DETAINERS_2026)
    back = pl.read_excel(path, read_options={"header_row": 6})
    assert back.columns == DETAINERS_2026
    assert back.height == 50
    assert back["MSC Charge Code"].drop_nulls().str.len_chars().eq(4).all()


def test_xlsx_splits_at_the_excel_row_limit(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for module in (synth_arrests, synth_writers):  # both split at the limit
        monkeypatch.setattr(module, "EXCEL_MAX_ROWS", 50)
    df = ir.arrests(100, layout="2025")
    path = tmp_path / "limit.xlsx"
    ir.write(df, path)
    names = fastexcel.read_excel(path).sheet_names
    assert len(names) == 3  # 44 data rows per sheet under 5 title rows and a header
    sheets = pl.read_excel(path, sheet_id=0, read_options={"header_row": 5})
    assert isinstance(sheets, dict)
    assert sum(s.height for s in sheets.values()) == 100


def test_processed_provenance_points_into_the_raw_xlsx(tmp_path: Path) -> None:
    raw = ir.arrests(60, seed=3, layout="2025")
    processed = ir.arrests(60, seed=3, layout="processed")
    path = tmp_path / "raw.xlsx"
    ir.write(raw, path)
    grid = pl.read_excel(path, has_header=False, drop_empty_rows=False)
    row = processed.row(41, named=True)
    excel_row = grid.row(row["row_original"] - 1)  # row_original counts from 1
    assert excel_row[3] == row["apprehension_aor"]
    assert excel_row[22] == row["unique_identifier"]


# ---- CLI --------------------------------------------------------------------------------


def test_cli_writes_and_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "sub" / "d.parquet"
    args = ["--kind", "detainers", "--layout", "processed", "--rows", "120", "--format"]
    assert ir.main([*args, "parquet", "--seed", "5", "--out", str(out)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("120 rows written to ")
    assert str(out) in lines[0]
    assert lines[0].endswith("s")
    assert_frame_equal(pl.read_parquet(out), ir.detainers(120, seed=5, layout="processed"))


def test_cli_rejects_arrest_only_layout_for_detainers(tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        ir.main(["--kind", "detainers", "--layout", "2025", "--rows", "5", "--out", "x.csv"])

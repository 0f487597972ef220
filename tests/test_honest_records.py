"""Issue 11 on record files: what the catalogue knows of duplicates and of what its breakdown
is, so the explorer and the command line never claim more than the files hold."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest
from synth import ice_records as ir

from tui.cli import main
from tui.core.article.figures import load_figures
from tui.core.article.views import article_catalog
from tui.core.records.catalog import open_records
from tui.core.records.options import RecordOptions

ROWS = 1500


def _period(start: str, end: str) -> tuple[date, date]:
    return date.fromisoformat(start), date.fromisoformat(end)


UNDETECTABLE = (
    "--exclude-duplicates has no effect; likely duplicates cannot be detected in these "
    "files: no column flags them (the counts stay as they are)"
)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("honest")
    paths = {
        "raw": folder / "arrests-2025.csv",
        "processed": folder / "arrests-processed.parquet",
        "detainers": folder / "detainers-2026.csv",
        "mapped": folder / "charges.csv",
    }
    ir.write(ir.arrests(ROWS, seed=41, layout="2025"), paths["raw"], "csv")
    ir.write(ir.arrests(ROWS, seed=42, layout="processed"), paths["processed"], "parquet")
    ir.write(ir.detainers(ROWS, seed=43, layout="2026"), paths["detainers"], "csv")
    paths["mapped"].write_text(
        "county,charge,n\nYakima,DUI,3\nYakima,Theft,2\nBenton,DUI,1\n", encoding="utf-8"
    )
    return paths


def test_duplicates_are_detectable_only_where_a_column_flags_them(
    files: dict[str, Path],
) -> None:
    assert pl.read_parquet(files["processed"]).get_column("duplicate_likely").sum() > 0
    assert open_records([files["processed"]]).duplicates_detectable
    assert not open_records([files["raw"]]).duplicates_detectable
    assert not open_records([files["detainers"]]).duplicates_detectable
    assert not open_records([files["mapped"]]).duplicates_detectable
    assert not article_catalog(load_figures()).duplicates_detectable


def test_excluding_undetectable_duplicates_is_not_said_to_exclude_them(
    files: dict[str, Path],
) -> None:
    excluded = RecordOptions(exclude_duplicates=True)
    for name in ("raw", "mapped"):
        notes = open_records([files[name]], excluded).notes
        assert UNDETECTABLE in notes
        assert "likely duplicates are excluded from every count" not in notes
    notes = open_records([files["processed"]], excluded).notes
    assert "likely duplicates are excluded from every count" in notes


@pytest.mark.parametrize("name", ["raw", "mapped", "detainers"])
def test_cli_says_exclude_duplicates_changes_nothing_without_a_flag_column(
    files: dict[str, Path], name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    data = ["--data", str(files[name])]
    assert main(["export", "convictions", *data, "--exclude-duplicates"]) == 0
    assert f"warning: {UNDETECTABLE}" in capsys.readouterr().err
    assert main(["export", "convictions", *data]) == 0
    assert "duplicates" not in capsys.readouterr().err


def test_cli_excludes_flagged_duplicates_without_that_warning(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    data = ["--data", str(files["processed"])]
    assert main(["export", "jurisdictions", *data, "--exclude-duplicates"]) == 0
    out, err = capsys.readouterr()
    assert "cannot be detected" not in err
    flagged = int(pl.read_parquet(files["processed"]).get_column("duplicate_likely").sum())
    total = sum(int(line.split(",")[1]) for line in out.splitlines()[1:])
    assert total == ROWS - flagged


def test_the_breakdown_is_named_as_the_catalogue_has_it(files: dict[str, Path]) -> None:
    assert open_records([files["raw"]]).breakdown == "Criminality"
    assert open_records([files["processed"]]).breakdown == "Criminality"
    assert open_records([files["detainers"]]).breakdown == "Convictions"
    # Detainers hold the most serious conviction: with arrests, the breakdown is theirs.
    assert open_records([files["raw"], files["detainers"]]).breakdown == "Convictions"
    assert open_records([files["mapped"]]).breakdown == "charge"
    given = RecordOptions(category_column="county")
    assert open_records([files["mapped"]], given).breakdown == "county"
    assert open_records([files["mapped"]], RecordOptions(category_column="")).breakdown == (
        "Categories"
    )
    assert article_catalog(load_figures()).breakdown == "Convictions"


def _raw_count(path: Path, start: str, end: str, criminality: list[str]) -> int:
    frame = pl.read_csv(path, infer_schema=False).with_columns(
        pl.col("Apprehension Date").str.slice(0, 10).str.to_date()
    )
    return frame.filter(
        pl.col("Apprehension Date").is_between(
            pl.lit(start).str.to_date(), pl.lit(end).str.to_date()
        ),
        pl.col("Apprehension Criminality").is_in(criminality),
    ).height


def test_comparisons_show_both_non_criminal_counts_each_defined(files: dict[str, Path]) -> None:
    a, b = ("2024-01-01", "2024-06-30"), ("2025-01-01", "2025-06-30")
    options = RecordOptions(period_a=_period(*a), period_b=_period(*b))
    view = open_records([files["raw"]], options).view("comparisons")
    national = view.frame.row(0, named=True)
    pending, other = "2 Pending Criminal Charges", "3 Other Immigration Violator"
    assert national["non_criminal_a"] == _raw_count(files["raw"], *a, [other])
    assert national["not_convicted_a"] == _raw_count(files["raw"], *a, [pending, other])
    assert national["not_convicted_b"] == _raw_count(files["raw"], *b, [pending, other])
    assert national["not_convicted_a"] > national["non_criminal_a"]
    per_aor = view.frame.slice(1)
    assert per_aor.get_column("not_convicted_b").sum() == national["not_convicted_b"]
    change = 100 * (national["not_convicted_b"] / national["not_convicted_a"] - 1)
    assert national["not_convicted_change_pct"] == round(change, 1)
    assert f"non_criminal_a/_b count '{other}'" in view.base
    assert f"not_convicted_a/_b add '{pending}', as ICE's 2017 releases' non-criminal did" in (
        view.base
    )


def test_a_period_without_data_leaves_both_non_criminal_counts_empty(
    files: dict[str, Path],
) -> None:
    options = RecordOptions(
        period_a=_period("2020-01-01", "2020-06-30"), period_b=_period("2025-01-01", "2025-06-30")
    )
    national = open_records([files["raw"]], options).view("comparisons").frame.row(0, named=True)
    for column in ("value_a", "non_criminal_a", "not_convicted_a", "not_convicted_change_pct"):
        assert national[column] is None, column
    assert national["not_convicted_b"] > 0


def test_the_criminality_breakdown_says_where_missing_rows_are(tmp_path: Path) -> None:
    frame = ir.arrests(300, seed=44, layout="2025")
    frame = frame.with_columns(
        pl.when(pl.int_range(pl.len()) < 7)
        .then(None)
        .otherwise(pl.col("Apprehension Criminality"))
        .alias("Apprehension Criminality")
    )
    path = tmp_path / "arrests.csv"
    ir.write(frame, path, "csv")
    view = open_records([path]).view("convictions")
    assert view.frame.get_column("arrests").sum() == 300
    assert "7 arrests have no criminality (the empty row)" in view.base
    assert "they are in the base of every share, in neither count" in view.base
    assert "not convicted, what ICE's 2017 releases called non-criminal" in view.base
    jurisdictions = open_records([path]).view("jurisdictions")
    assert "Both are shares of the row's count, rows with a missing" in jurisdictions.base


def test_check_hangs_the_outside_verdict_under_its_label(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # At 80 columns the outside verdict used to go under its label and wrap to the margin,
    # where it read like a claim of its own.
    monkeypatch.setenv("COLUMNS", "80")
    assert main(["check"]) == 0
    lines = capsys.readouterr().out.splitlines()
    verdicts = ("HOLDS", "FAILS", "UNVERIFIABLE")
    claims = [line for line in lines if line.startswith(verdicts)]
    assert len(claims) == 14
    claims_end = next(i for i, line in enumerate(lines) if line.startswith("14 claims"))
    at_margin = [line for line in lines[:claims_end] if not line.startswith((" ", *verdicts))]
    assert at_margin == []
    first = next(i for i, line in enumerate(lines) if "outside reference:" in line)
    assert lines[first].startswith(" " * 13 + "outside reference: HOLDS ICE, 2017-09-28")
    assert lines[first + 1].startswith(" " * 32)


def test_a_flag_column_not_read_through_chosen_roles_is_said_so(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    # An ICE file read through roles the user chose is a mapped table: its duplicate_likely is
    # there but not used. "No column flags them" would be false; the counts include them.
    chosen = RecordOptions(place_column="apprehension_state", exclude_duplicates=True)
    catalog = open_records([files["processed"]], chosen)
    assert not catalog.duplicates_detectable
    assert "the files' duplicate_likely is not used" in catalog.duplicates_undetectable
    flagged = int(pl.read_parquet(files["processed"]).get_column("duplicate_likely").sum())
    assert flagged > 0
    assert catalog.view("jurisdictions").frame.get_column("arrests").sum() == ROWS
    assert any("the counts include the rows it flags" in note for note in catalog.notes)
    data = ["--data", str(files["processed"]), "--place", "apprehension_state"]
    assert main(["export", "jurisdictions", *data, "--exclude-duplicates"]) == 0
    err = capsys.readouterr().err
    assert (
        "warning: --exclude-duplicates has no effect; likely duplicates cannot be excluded" in err
    )
    assert "no column flags them" not in err
    assert open_records([files["raw"]]).duplicates_undetectable.startswith(
        "likely duplicates cannot be detected in these files: no column flags them"
    )
    assert open_records([files["processed"]]).duplicates_undetectable == ""

"""Issue 11 on record files: what the catalogue knows of duplicates and of what its breakdown
is, so the explorer and the command line never claim more than the files hold."""

from __future__ import annotations

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

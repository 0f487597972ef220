"""The bundled figures load, validate and say where each number comes from."""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl
import pytest

from tui.core.article.figures import load_figures
from tui.core.errors import DataError


def test_every_quote_is_verbatim_in_the_article(article_text: str) -> None:
    figures = load_figures(article=article_text)
    assert [d.name for d in figures.article_datasets] == [
        name for name in figures.datasets if name != "reference"
    ]
    for dataset in figures.article_datasets:
        for quote in dataset.frame.get_column("quote").to_list():
            assert quote in article_text


def test_the_article_is_not_copied_whole_into_data(article_text: str) -> None:
    paragraphs = [p for p in article_text.split("\n\n") if p.strip()]
    bundled = "".join(p.read_text(encoding="utf-8") for p in Path("data").iterdir())
    missing = [p for p in paragraphs if p.replace('"', '""') not in bundled and p not in bundled]
    assert len(missing) >= len(paragraphs) // 2


def test_jurisdictions_are_the_articles_ten_summing_to_498() -> None:
    figures = load_figures()
    arrests = dict(figures.frame("jurisdictions").select("jurisdiction", "arrests").iter_rows())
    assert arrests == {
        "New York City": 45,
        "Baltimore": 28,
        "Cook County": 30,
        "Denver": 63,
        "Los Angeles": 101,
        "Philadelphia": 107,
        "Portland": 33,
        "Santa Clara County": 27,
        "Washington, D.C.": 14,
        "Massachusetts": 50,
    }
    assert sum(arrests.values()) == figures.total("arrested") == 498


def test_field_offices_are_marked_as_derived() -> None:
    frame = load_figures().frame("jurisdictions")
    assert set(frame.get_column("aor_mapping")) == {"derived"}
    aor = dict(frame.select("jurisdiction", "aor_code").iter_rows())
    assert aor["Cook County"] == "CHI"
    assert aor["Portland"] == "SEA"
    assert aor["Santa Clara County"] == "SFR"
    assert aor["Massachusetts"] == "BOS"


def test_totals_keep_the_reported_387_unchanged() -> None:
    figures = load_figures()
    assert figures.total("no_criminal_record") == 181
    assert figures.total("with_criminal_records_reported") == 387
    notes = " ".join(figures.datasets["totals"].notes)
    assert "317" in notes


def test_convictions_and_comparisons_as_printed() -> None:
    figures = load_figures()
    convictions = dict(figures.frame("convictions").select("conviction", "people").iter_rows())
    assert convictions["Driving under the influence"] == 86
    assert sorted(convictions.values()) == [1, 2, 3, 7, 10, 86]
    comparisons = figures.frame("comparisons").select("value_a", "value_b").rows()
    assert comparisons == [(30028, 41318), (523, 687), (77, 156)]
    notes = " ".join(figures.datasets["comparisons"].notes)
    assert "New York City Area of Responsibility" in notes
    assert "120" not in notes


def test_context_figures() -> None:
    values = load_figures().frame("context").get_column("value").to_list()
    assert values == [2014, 170, 4]


def test_an_article_missing_a_quote_is_refused(article_text: str) -> None:
    with pytest.raises(DataError, match=r"totals\.csv, row 2, column 'quote': quote is not"):
        load_figures(article=article_text.replace("498 detainees", "489 detainees"))


def _rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("Baltimore,28,", "Baltimore,-28,", r"jurisdictions\.csv, row 3, column 'arrests'.*'-28'"),
        ("Denver,63,", "Denver,6.3,", r"row 5, column 'arrests'.*'6\.3' is not"),
        ("Denver,63,", "Denver,many,", r"row 5, column 'arrests'.*'many'"),
        ("Denver,63,", "Denver,64,", r"row 5, column 'arrests': the figure 64 does not appear"),
        ("jurisdiction,arrests,", "place,arrests,", r"column 'jurisdiction'.*missing"),
    ],
)
def test_bad_rows_name_file_row_and_column(
    data_copy: Path, old: str, new: str, expected: str
) -> None:
    _rewrite(data_copy / "jurisdictions.csv", old, new)
    with pytest.raises(DataError) as caught:
        load_figures(data_copy)
    assert re.search(expected, str(caught.value)), str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_quote_not_in_the_article_is_refused(data_copy: Path, article_text: str) -> None:
    _rewrite(data_copy / "convictions.csv", "largest category", "biggest category")
    with pytest.raises(DataError, match=r"convictions\.csv, row 2, column 'quote': quote is not"):
        load_figures(data_copy, article=article_text)


def test_missing_dataset_file(data_copy: Path) -> None:
    (data_copy / "context.csv").unlink()
    with pytest.raises(DataError, match=r"context\.csv: file not found"):
        load_figures(data_copy)


def test_missing_manifest(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"manifest\.toml: manifest not found"):
        load_figures(tmp_path)


def test_frames_have_integer_counts() -> None:
    figures = load_figures()
    assert figures.frame("jurisdictions").schema["arrests"] == pl.Int64
    assert figures.frame("comparisons").schema["value_b"] == pl.Int64

"""The fact-check of the bundled figures (issue 11): each verdict claims no more than its
source says, outside figures are kept apart and named, and the data is checked against the
article sentence by sentence and figure by label."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from dataclasses import replace
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from tui.core.article.claims import CONSISTENCY_CHECK, KINDS, evaluate_claims
from tui.core.article.figures import check_article, load_figures
from tui.core.article.validate import quote_clauses
from tui.core.article.views import article_catalog, period_warning
from tui.core.errors import DataError

ROOT = Path(__file__).resolve().parents[1]


def _claims(data: Path | None = None) -> dict[str, dict[str, Any]]:
    frame = evaluate_claims(load_figures(data))
    return {row["claim_id"]: row for row in frame.iter_rows(named=True)}


def _manifest() -> dict[str, Any]:
    return tomllib.loads((ROOT / "data" / "manifest.toml").read_text(encoding="utf-8"))


def _rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args], capture_output=True, text=True, timeout=60
    )


# 1. The 2017 national period is undated in the article.


def test_the_2017_national_period_has_no_invented_dates() -> None:
    national = load_figures().frame("comparisons").row(0, named=True)
    assert national["period_a_start"] == "2016-01-24"
    assert national["period_a_end"] == "2016-04-30"
    assert national["period_b_start"] is None
    assert national["period_b_end"] is None
    bundled = " ".join(p.read_text(encoding="utf-8") for p in (ROOT / "data").glob("*.csv"))
    assert "2017-01-01" not in bundled
    assert "2017-04-30" not in bundled


def test_periods_alike_is_unverifiable_from_the_article_and_holds_by_ice() -> None:
    claim = _claims()["national_periods_alike"]
    assert claim["verdict"] == "unverifiable"
    assert "Jan–Apr 2017: no dates in the article" in claim["computed"]
    assert claim["reference_verdict"] == "holds"
    assert "22 Jan–29 Apr 2017: 98 days; 24 Jan–30 Apr 2016: 98 days" in claim["reference_computed"]


def test_readme_and_manifest_no_longer_give_periods_of_120_days() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    manifest = (ROOT / "data" / "manifest.toml").read_text(encoding="utf-8")
    assert "120" not in manifest
    assert "120 and 98 days" not in readme


# 2. "Roughly 36 percent ... status alone": two claims, two verdicts.


def test_36_percent_arithmetic_and_status_alone_are_two_claims() -> None:
    claims = _claims()
    share, alone = claims["no_record_share"], claims["status_alone"]
    assert share["quote"] == alone["quote"]
    assert "status alone" in share["quote"]
    assert (share["verdict"], alone["verdict"]) == ("holds", "unverifiable")
    assert share["computed"].startswith("36.3% (181 of 498)")
    assert "pending criminal charges included" in alone["reference_computed"]
    assert alone["reference_verdict"] == "unverifiable"


# 3. DUI: the largest of those listed, not known to be the largest overall.


def test_dui_largest_of_those_listed_but_not_known_overall() -> None:
    claims = _claims()
    listed, overall = claims["dui_largest_listed"], claims["dui_largest_overall"]
    assert listed["verdict"] == "holds"
    assert "86 of the 109 listed in 6 categories; next largest listed: 10" in listed["computed"]
    assert overall["verdict"] == "unverifiable"
    assert "109 of the 317 with a conviction" in overall["computed"]


def test_dui_listed_fails_when_another_listed_category_is_larger() -> None:
    figures = load_figures()
    convictions = figures.datasets["convictions"]
    people = pl.when(pl.col("conviction") == "Trespassing").then(90).otherwise(pl.col("people"))
    bigger = replace(convictions, frame=convictions.frame.with_columns(people.alias("people")))
    changed = replace(figures, datasets={**figures.datasets, "convictions": bigger})
    claims = {r["claim_id"]: r for r in evaluate_claims(changed).iter_rows(named=True)}
    assert claims["dui_largest_listed"]["verdict"] == "fails"
    assert "Trespassing: 90" in claims["dui_largest_listed"]["computed"]


# 4. "New York State" is ICE's New York City Area of Responsibility.


def test_the_new_york_state_label_is_checked_against_the_reference() -> None:
    claim = _claims()["ny_state_label"]
    assert claim["kind"] == "article statement"
    assert claim["quote"].startswith("In New York State")
    assert claim["verdict"] == "unverifiable"
    assert claim["reference_verdict"] == "fails"
    assert "446 + 77 = 523, 531 + 156 = 687" in claim["reference_computed"]
    assert "New York City Area of Responsibility" in claim["reference_computed"]
    assert "Crain's New York Business" in claim["reference_computed"]


# 5. Two kinds of claims.


def test_every_claim_has_a_kind_and_the_checks_are_the_tools() -> None:
    claims = _claims()
    assert {c["kind"] for c in claims.values()} == set(KINDS)
    checks = {i for i, c in claims.items() if c["kind"] == CONSISTENCY_CHECK}
    assert checks == {"jurisdictions_sum", "convictions_within_records", "national_periods_alike"}
    entry = _manifest()["datasets"]["claims"]
    assert "every statement the article derives" not in entry["description"].lower()
    assert "consistency check" in entry["description"]


def test_an_unknown_kind_names_its_row(data_copy: Path) -> None:
    _rewrite(
        data_copy / "claims.csv", "jurisdictions_sum,consistency check,", "jurisdictions_sum,x,"
    )
    with pytest.raises(DataError, match=r"claims\.csv, row 6, column 'kind': kind 'x'"):
        evaluate_claims(load_figures(data_copy))


# 6. Each claim's rule is stated.


@pytest.mark.parametrize(
    ("claim_id", "rule"),
    [
        ("nearly_200_no_conviction", "181; 'nearly 200': 180 to 200 (within 10% below)"),
        ("national_nearly_40", "'nearly 40': 36% to 40% (within 10% below)"),
        ("no_record_share", "'roughly 36': within 2 points"),
        ("ny_about_31", "'about 31': within 2 points"),
        ("ny_noncriminal_doubled", "'more than doubled': above x2"),
        ("jurisdictions_sum", "the ten add up to 498; total reported: 498; equal"),
    ],
)
def test_computed_states_the_rule(claim_id: str, rule: str) -> None:
    assert rule in _claims()[claim_id]["computed"]


# 7. The manifest's own words are ours; ICE's framing is ICE's; derived states are marked.


def test_manifest_title_is_labelled_ours_and_icess_framing_attributed() -> None:
    source = _manifest()["source"]
    assert "our description" in source["title"]
    assert "according to ICE" in source["description"]
    assert "operation against sanctuary" not in source["description"]
    assert "no outlet, date or URL" in source["description"]
    assert any("no outlet, date or URL" in note for note in source["notes"])


def test_portlands_state_is_marked_derived() -> None:
    frame = load_figures().frame("jurisdictions")
    mapping = dict(frame.select("jurisdiction", "state_mapping").iter_rows())
    assert mapping["Portland"] == "derived"
    assert mapping["Cook County"] == "stated"  # "Cook County, Illinois"
    notes = " ".join(load_figures().datasets["jurisdictions"].notes)
    assert "Portland's OR is inferred" in notes


# 8. Outside figures: kept apart, each with its source; second verdicts against them.


def test_the_reference_holds_only_the_notes_figures_each_with_its_source() -> None:
    figures = load_figures()
    assert figures.outside == frozenset({"reference"})
    frame = figures.frame("reference")
    assert "quote" not in frame.columns
    values = dict(frame.select("figure_id", "value").iter_rows())
    assert values == {
        "safe_city_arrested": 498,
        "safe_city_convicted": 317,
        "national_arrests_2016": 30028,
        "national_arrests_2017": 41318,
        "national_convicted_2016": 25786,
        "national_convicted_2017": 30473,
        "nyc_aor_convicted_2016": 446,
        "nyc_aor_noncriminal_2016": 77,
        "nyc_aor_convicted_2017": 531,
        "nyc_aor_noncriminal_2017": 156,
    }
    for row in frame.iter_rows(named=True):
        assert row["source"], row
        assert row["source_date"], row
        assert row["known_from"].startswith("secondhand: "), row
    assert "http" not in (ROOT / "data" / "reference.csv").read_text(encoding="utf-8")


def test_the_articles_numbers_are_unchanged_by_the_reference() -> None:
    figures = load_figures()
    assert figures.total("with_criminal_records_reported") == 387
    assert figures.total("no_criminal_record") == 181
    assert figures.frame("comparisons").get_column("value_b").to_list() == [41318, 687, 156]


def test_over_25_percent_is_checked_against_ices_figures() -> None:
    claim = _claims()["national_over_25_no_record"]
    assert claim["verdict"] == "unverifiable"
    assert claim["reference_verdict"] == "holds"
    assert "10,845 not convicted (41,318 - 30,473) of 41,318, 26.2%" in claim["reference_computed"]


def test_a_reference_figure_changed_changes_only_the_second_verdict(data_copy: Path) -> None:
    _rewrite(data_copy / "reference.csv", ",30473,", ",31500,")
    claims = _claims(data_copy)
    over_25 = claims["national_over_25_no_record"]
    assert over_25["verdict"] == "unverifiable"
    assert over_25["reference_verdict"] == "fails"  # 9,818 of 41,318 is 23.8%
    assert "23.8%" in over_25["reference_computed"]


def test_a_missing_reference_figure_leaves_no_second_verdict(data_copy: Path) -> None:
    _rewrite(data_copy / "reference.csv", "national_convicted_2017,", "renamed,")
    claims = _claims(data_copy)
    # With the 2017 convicted figure gone, there is nothing outside to check the 25% against.
    assert claims["national_over_25_no_record"]["reference_verdict"] is None
    assert claims["national_over_25_no_record"]["verdict"] == "unverifiable"


def test_without_a_reference_dataset_the_claims_have_one_verdict(data_copy: Path) -> None:
    manifest = data_copy / "manifest.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text[: text.index("[datasets.reference]")], encoding="utf-8")
    frame = evaluate_claims(load_figures(data_copy))
    assert frame.get_column("reference_verdict").null_count() == frame.height
    assert frame.get_column("verdict").to_list().count("fails") == 1


# 9. check --article: verbatim quotes, normalised text, figures beside their labels.


def test_check_article_counts_what_it_verified(article_text: str) -> None:
    figures = load_figures()
    checked = check_article(figures, article_text.encode(), file="article.txt")
    rows = sum(d.rows for d in figures.article_datasets)
    assert (checked.quotes, checked.sentences) == (rows, 13)
    assert checked.sha256_matches
    assert checked.lines() == [
        f"{rows} quotes (13 distinct sentences) found verbatim in article.txt (line endings "
        "and trailing whitespace normalised); article SHA-256 matches"
    ]


def test_a_crlf_copy_with_trailing_spaces_passes_with_a_note(
    article_text: str, tmp_path: Path
) -> None:
    copy = tmp_path / "article-crlf.txt"
    copy.write_bytes(article_text.replace("\n", "  \r\n").encode())
    done = run("check", "--article", str(copy))
    assert done.returncode == 0, done.stderr
    assert "found verbatim" in done.stdout
    assert "article SHA-256 differs" in done.stdout
    assert "note: SHA-256 " in done.stdout
    assert "every quote was still found in it" in done.stdout
    assert done.stderr == ""


def test_a_quote_missing_from_the_article_is_an_error(article_text: str, tmp_path: Path) -> None:
    copy = tmp_path / "article.txt"
    copy.write_text(article_text.replace("(seven)", "(eight)"), encoding="utf-8")
    done = run("check", "--article", str(copy))
    assert done.returncode == 2
    assert "data/totals.csv, row 4, column 'quote': quote is not a verbatim" in done.stderr
    assert done.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("file", "swaps", "expected"),
    [
        (
            "convictions.csv",
            [
                ("Disorderly conduct,7,", "Disorderly conduct,3,"),
                ("Trespassing,3,", "Trespassing,7,"),
            ],
            r"convictions\.csv, row 4, column 'people': the figure 3 is not beside "
            r"'Disorderly conduct' in its quote \(the quote has: 'as well minor crimes like "
            r"disorderly conduct \(seven\)'\)",
        ),
        (
            "jurisdictions.csv",
            [("Baltimore,28,", "Baltimore,30,"), ("Cook County,30,", "Cook County,28,")],
            r"jurisdictions\.csv, row 3, column 'arrests': the figure 30 is not beside 'Baltimore'",
        ),
        (
            "comparisons.csv",
            [
                (",30028,up from,", ",41318,up from,"),
                (",41318,of this year,", ",30028,of this year,"),
            ],
            r"comparisons\.csv, row 2, column 'value_a': the figure 41318 is not beside 'up from'",
        ),
        (
            "comparisons.csv",
            [(",523,from,", ",687,from,"), (",687,to,", ",523,to,")],
            r"comparisons\.csv, row 3, column 'value_a': the figure 687 is not beside 'from'",
        ),
        (
            "totals.csv",
            [
                ("arrested,498,", "arrested,181,"),
                ("no_criminal_record,181,", "no_criminal_record,498,"),
            ],
            r"totals\.csv, row 2, column 'value': the figure 181 is not beside "
            r"'detainees arrested'",
        ),
    ],
)
def test_swapped_figures_of_one_sentence_are_caught(
    data_copy: Path, file: str, swaps: list[tuple[str, str]], expected: str
) -> None:
    for old, new in swaps:
        _rewrite(data_copy / file, old, new)
    with pytest.raises(DataError, match=expected):
        load_figures(data_copy)


def test_a_label_absent_from_its_quote_is_named(data_copy: Path) -> None:
    _rewrite(data_copy / "jurisdictions.csv", "Denver,63,", "Boulder,63,")
    with pytest.raises(DataError, match=r"row 5, column 'jurisdiction': the label 'Boulder'"):
        load_figures(data_copy)


def test_clauses_keep_labels_whole_and_numbers_with_separators() -> None:
    quote = "there were 28 in Baltimore; 14 in Washington, D.C.; and 50 across Massachusetts."
    assert quote_clauses(quote, ["Washington, D.C."]) == [
        "there were 28 in Baltimore",
        " 14 in Washington, D.C.",
        "and 50 across Massachusetts.",
    ]
    assert quote_clauses("41,318 people, up from 30,028 people") == [
        "41,318 people",
        " up from 30,028 people",
    ]


# Comparisons in the core: no data is never 0; no signed zero.


def test_a_period_with_no_data_is_missing_never_zero(data_copy: Path, tmp_path: Path) -> None:
    _rewrite(data_copy / "comparisons.csv", ",523,from,", ",,,")
    view = article_catalog(load_figures(data_copy)).view("comparisons")
    row = view.frame.row(1, named=True)
    assert row["value_a"] is None
    assert row["change"] is None
    assert row["change_pct"] is None
    assert row["warning"] == "no data for Jan–Apr 2016: no change can be computed"
    claims = _claims(data_copy)
    assert claims["ny_about_31"]["verdict"] == "unverifiable"
    from tui.core.export import export_csv

    target = tmp_path / "c.csv"
    export_csv(view.frame, str(target))
    exported = pl.read_csv(target, infer_schema=False).row(1, named=True)
    assert exported["value_a"] is None
    assert exported["change"] is None


def test_an_empty_count_elsewhere_is_still_refused(data_copy: Path) -> None:
    _rewrite(data_copy / "totals.csv", "arrested,498,", "arrested,,")
    with pytest.raises(DataError, match=r"totals\.csv, row 2, column 'value': count is empty"):
        load_figures(data_copy)


def test_a_period_of_zero_has_no_percentage_change() -> None:
    row = {
        "period_a": "2016",
        "period_b": "2017",
        "value_a": 0,
        "value_b": 920,
        "period_a_start": None,
        "period_a_end": None,
        "period_b_start": None,
        "period_b_end": None,
    }
    assert period_warning(row) == "2016 is 0: no percentage change can be computed"


# The Sources pane shows both verdicts, and how each was reached for the selected claim.


async def test_sources_pane_shows_kind_and_both_verdicts(tmp_path: Path) -> None:
    from tui.app.factory import build_app
    from tui.app.screenshots import fixed_settings

    app = build_app(settings=fixed_settings(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        pane = app.main.active_table_pane()
        table = pane.table
        lines = [table.render_line(y).text for y in range(table.size.height)]
        assert lines[0].split()[:5] == ["claim", "kind", "verdict", "reference_verdict", "computed"]
        kinds = pane.shown.get_column("kind").to_list()
        assert (kinds.count("article statement"), kinds.count("consistency check")) == (11, 3)
        # However the columns share the width, both verdicts stay on screen.
        the_387 = next(line for line in lines if line.lstrip().startswith("387 had"))
        assert the_387.split().count("fails") == 2
        dui = next(line for line in lines if "unverifiable  —" in line)
        assert dui.lstrip().startswith("Driving under")
        summary = str(pane.query_one(".summary").render())
        assert "14 claims (11 article statements, 3 consistency checks)" in summary
        assert "Against the outside reference: 9 holds, 2 fails, 1 unverifiable" in summary
        for _ in range(13):
            await pilot.press("j")
        await pilot.pause()
        detail = str(pane.query_one(".detail").render())
        assert "more than 25 percent have no criminal record" in detail
        assert "From the article: unverifiable" in detail
        assert "Against the outside reference: holds · ICE, 2017-05-17: 10,845" in detail
        provenance = str(pane.query_one(".provenance-text").render())
        assert "reference: Outside reference figures (not in the article)" in provenance
        assert "no outlet, date or URL" in provenance

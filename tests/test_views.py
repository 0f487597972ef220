"""The views of the bundled figures: columns, order and values a reader will see."""

from __future__ import annotations

import polars as pl

from tui.core.article.figures import load_figures
from tui.core.article.views import article_catalog
from tui.core.model import Catalog


def _catalog() -> Catalog:
    return article_catalog(load_figures())


def test_jurisdictions_view_columns_order_and_shares() -> None:
    frame = _catalog().view("jurisdictions").frame
    assert frame.columns[:4] == ["jurisdiction", "arrests", "share_pct", "rank"]
    assert frame.get_column("arrests").to_list() == [107, 101, 63, 50, 45, 33, 30, 28, 27, 14]
    nyc = frame.row(by_predicate=pl.col("jurisdiction") == "New York City", named=True)
    assert nyc["share_pct"] == 9.0
    assert nyc["rank"] == 5
    assert round(frame.get_column("share_pct").sum(), 1) == 99.9


def test_convictions_view_states_its_base() -> None:
    view = _catalog().view("convictions")
    assert view.frame.columns[:2] == ["conviction", "people"]
    assert view.frame.get_column("people").to_list() == [86, 10, 7, 3, 2, 1]
    assert view.frame.get_column("share_pct")[0] == 27.1  # 86 / 317
    assert "317" in view.base
    assert "387" in view.base


def test_comparisons_view_changes_and_period_warning() -> None:
    frame = _catalog().view("comparisons").frame
    assert frame.columns[:7] == [
        "series",
        "period_a",
        "value_a",
        "period_b",
        "value_b",
        "change",
        "change_pct",
    ]
    assert frame.get_column("change").to_list() == [11290, 164, 79]
    assert frame.get_column("change_pct").to_list() == [37.6, 31.4, 102.6]
    warnings = frame.get_column("warning").to_list()
    # The article dates 2016 (98 days) but not "January and April of this year".
    assert "Jan–Apr 2017 is not dated in the source" in warnings[0]
    assert "98 days" in warnings[0]
    assert "120" not in warnings[0]
    # "In that period": New York's two periods are read from the wording, not dated.
    for warning in warnings[1:]:
        assert warning.startswith("neither period is dated in the source")
        assert "inferred" in warning
    assert not any(c.startswith("quote_label") for c in frame.columns)


def test_claims_verdicts() -> None:
    frame = _catalog().view("claims").frame
    assert frame.columns[:6] == [
        "claim",
        "kind",
        "verdict",
        "reference_verdict",
        "computed",
        "reference_computed",
    ]
    verdicts = {
        row[0]: row[1:] for row in frame.select("claim_id", "verdict", "reference_verdict").rows()
    }
    assert verdicts == {
        "no_record_share": ("holds", "holds"),
        "status_alone": ("unverifiable", "unverifiable"),
        "with_records_387": ("fails", "fails"),
        "nearly_200_no_conviction": ("holds", "holds"),
        "jurisdictions_sum": ("holds", "holds"),
        "dui_largest_listed": ("holds", None),
        "dui_largest_overall": ("unverifiable", None),
        "convictions_within_records": ("holds", "holds"),
        "national_nearly_40": ("holds", "holds"),
        "national_periods_alike": ("unverifiable", "holds"),
        "ny_state_label": ("unverifiable", "fails"),
        "ny_about_31": ("holds", "holds"),
        "ny_noncriminal_doubled": ("holds", "holds"),
        "national_over_25_no_record": ("unverifiable", "holds"),
    }
    computed = dict(frame.select("claim_id", "computed").iter_rows())
    assert computed["with_records_387"] == "317 (498 - 181), not 387"
    assert computed["no_record_share"] == "36.3% (181 of 498); 'roughly 36': within 2 points"

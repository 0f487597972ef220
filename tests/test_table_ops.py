"""The filter and sort rules that the CLI and the explorer share."""

from __future__ import annotations

import polars as pl
import pytest

from tui.core.errors import EnforceError
from tui.core.table_ops import filter_order, filter_rows, first_rows, row_order, sort_rows

FRAME = pl.DataFrame(
    {
        "place": ["New York City", "Denver", None, "[bold]x[/]"],
        "note": ["", "driving", "Cook County", None],
        "count": [45, 63, 30, None],
    }
)


def test_filter_matches_any_text_cell_case_insensitively() -> None:
    assert filter_rows(FRAME, "DENVER")["place"].to_list() == ["Denver"]
    assert filter_rows(FRAME, "cook")["count"].to_list() == [30]


def test_filter_is_literal_and_ignores_numbers() -> None:
    assert filter_rows(FRAME, "[bold]").height == 1
    assert filter_rows(FRAME, ".*").height == 0
    assert filter_rows(FRAME, "45").height == 0


def test_empty_filter_keeps_everything() -> None:
    assert filter_rows(FRAME, "").equals(FRAME)


def test_sort_puts_empty_cells_last_both_ways() -> None:
    assert sort_rows(FRAME, "count")["count"].to_list() == [30, 45, 63, None]
    assert sort_rows(FRAME, "count", descending=True)["count"].to_list() == [63, 45, 30, None]


def test_sort_by_unknown_column() -> None:
    with pytest.raises(EnforceError, match="unknown column 'nope'"):
        sort_rows(FRAME, "nope")


def test_first_rows_is_the_head_of_the_full_result() -> None:
    frame = pl.DataFrame({"k": [f"row {i:05d}" for i in range(5000)][::-1], "n": range(5000)})
    full = sort_rows(filter_rows(frame, "ROW 01"), "k", descending=True)
    preview = first_rows(frame, "ROW 01", ("k", True), 50)
    assert preview.equals(full.head(50))
    assert first_rows(frame, "", None, 3).equals(frame.head(3))


def test_row_order_gives_the_rows_of_filter_then_sort() -> None:
    frame = pl.DataFrame(
        {"k": ["b", "a", None, "a", "c"], "t": ["x", "yes", "yes", "YES", "no"], "n": range(5)}
    )
    for text, sort in [("yes", ("k", False)), ("", ("k", True)), ("y", None), ("zzz", None)]:
        expected = filter_rows(frame, text)
        if sort is not None:
            expected = sort_rows(expected, sort[0], descending=sort[1])
        order = row_order(frame, text, sort)
        assert frame.select(pl.all().gather(order)).equals(expected)


def test_filter_order_keeps_the_order_and_stops_at_the_limit() -> None:
    frame = pl.DataFrame({"t": [f"{'hit' if i % 3 == 0 else 'miss'} {i}" for i in range(1000)]})
    order = pl.Series("o", list(range(999, -1, -1)), dtype=pl.UInt32)
    everything = filter_order(frame, order, "HIT")
    assert everything.to_list() == [i for i in range(999, -1, -1) if i % 3 == 0]
    assert filter_order(frame, order, "hit", limit=5).to_list() == everything.head(5).to_list()
    assert filter_order(frame, order, "", limit=2).to_list() == [999, 998]


def test_filter_case_rule_is_the_same_for_text_and_enum_columns() -> None:
    values = ["Ciudad JUÁREZ", "ÉL Paso", "straße", "K\u212a"]
    text = pl.DataFrame({"v": values})
    enum = text.with_columns(pl.col("v").cast(pl.Enum(sorted(values))))
    for needle in ["juárez", "JUÁREZ", "él", "paso", "STRASSE", "straße", "k"]:
        assert (
            filter_rows(text, needle)["v"].to_list()
            == filter_rows(enum, needle)["v"].cast(pl.String).to_list()
        ), needle
    assert filter_rows(text, "juárez").height == 1
    assert filter_rows(text, "PASO").height == 1


def _jurisdictions() -> pl.DataFrame:
    from tui.core.open import open_catalog

    return open_catalog([]).view("jurisdictions").frame


def test_plain_words_search_only_the_cells_shown_not_the_quote() -> None:
    frame = _jurisdictions()
    # Every row's hidden source sentence mentions New York; only one jurisdiction is it.
    assert filter_rows(frame, "york")["jurisdiction"].to_list() == ["New York City"]
    assert filter_rows(frame, "county")["jurisdiction"].to_list() == [
        "Cook County",
        "Santa Clara County",
    ]


def test_column_terms_exact_numbers_and_exclusion_combine_with_and() -> None:
    frame = _jurisdictions()
    names = lambda text: filter_rows(frame, text)["jurisdiction"].to_list()  # noqa: E731
    assert names("jurisdiction:county") == ["Cook County", "Santa Clara County"]
    assert names("JURISDICTION:COUNTY") == ["Cook County", "Santa Clara County"]
    assert names("state=ca") == ["Los Angeles", "Santa Clara County"]
    assert names("state=c") == []
    assert names("arrests>60") == ["Philadelphia", "Los Angeles", "Denver"]
    assert names("arrests<=14") == ["Washington, D.C."]
    assert names("arrests>40 !new") == ["Philadelphia", "Los Angeles", "Denver", "Massachusetts"]
    assert names("!jurisdiction:county rank<3") == ["Philadelphia", "Los Angeles"]
    assert names('"santa clara"') == ["Santa Clara County"]
    assert names("rank=1") == ["Philadelphia"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("place:york", "no column 'place'; columns are: jurisdiction, arrests"),
        ("arrests>many", "arrests needs a number"),
        ("state>5", "state holds text"),
    ],
)
def test_bad_filter_terms_are_one_clear_line(text: str, message: str) -> None:
    with pytest.raises(EnforceError, match=message) as caught:
        filter_rows(_jurisdictions(), text)
    assert "\n" not in str(caught.value)
    assert "quote" not in str(caught.value)

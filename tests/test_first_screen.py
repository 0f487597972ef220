"""The first screen of a sort or filter on a large table: the head of the full result."""

from __future__ import annotations

import polars as pl
import pytest

from tui.core.first_screen import FIRST_CHUNK, first_matches, first_sorted
from tui.core.table_ops import filter_order, row_order

ROWS = 5 * FIRST_CHUNK
COUNTRIES = ["MEXICO", "GUATEMALA", "HONDURAS", "EL SALVADOR", "CUBA"]


@pytest.fixture(scope="module")
def frame() -> pl.DataFrame:
    index = pl.int_range(ROWS, eager=True)
    country = (index * 7919 % 5).map_elements(lambda i: COUNTRIES[i], return_dtype=pl.String)
    return pl.DataFrame(
        {
            "country": country.cast(pl.Enum(sorted(COUNTRIES))),
            "other": country.str.to_lowercase(),  # the same words again, as plain text
            "flag": (index % 4 == 0),
            "n": index * 31 % 1000,
        }
    ).with_columns(
        # A few empty cells: they sort last either way.
        pl.when(pl.int_range(pl.len()) % 97 == 0)
        .then(None)
        .otherwise(pl.col("country"))
        .alias("country")
    )


@pytest.mark.parametrize("column", ["country", "flag", "n"])
@pytest.mark.parametrize("descending", [False, True])
def test_first_sorted_is_the_head_of_the_stable_sort(
    frame: pl.DataFrame, column: str, descending: bool
) -> None:
    full = row_order(frame, "", (column, descending)).head(500)
    first = first_sorted(frame, (column, descending), 500)
    if column == "n":  # a top-k: the same values, ties possibly in another order
        assert frame.get_column("n").gather(first).to_list() == (
            frame.get_column("n").gather(full).to_list()
        )
    else:  # Enum and Boolean: exactly the stable sort's rows
        assert first.to_list() == full.to_list()


def test_first_sorted_reaches_past_the_first_value_and_the_empty_cells() -> None:
    frame = pl.DataFrame({"k": pl.Series(["b", None, "a", "b", None], dtype=pl.Enum(["a", "b"]))})
    assert first_sorted(frame, ("k", False), 4).to_list() == [2, 0, 3, 1]
    assert first_sorted(frame, ("k", True), 4).to_list() == [0, 3, 2, 1]


@pytest.mark.parametrize("text", ["guatemala", "el salvador", "cuba !flag", "zzz", ""])
def test_first_matches_is_the_head_of_the_filter_in_order(frame: pl.DataFrame, text: str) -> None:
    order = row_order(frame, "", ("country", True))
    for given in (None, order):
        everything = filter_order(
            frame, row_order(frame, "", None) if given is None else given, text
        )
        first = first_matches(frame, text, 300, given, budget=60.0)
        assert first.done
        assert first.rows.to_list() == everything.head(300).to_list()


def test_first_matches_stops_on_its_budget_and_says_so(frame: pl.DataFrame) -> None:
    # Sorted by country, the rows of CUBA come first: a word only in the last rows is not
    # found in the first chunk, and with no time left the search says it is not done.
    order = row_order(frame, "", ("country", False))
    first = first_matches(frame, "mexico", 300, order, budget=0.0)
    assert not first.done
    assert first.rows.len() < 300
    assert first_matches(frame, "mexico", 300, order, budget=60.0).done

"""How values are shown: separators, percentages, empty cells, and nothing hidden by rounding."""

from __future__ import annotations

from datetime import date

import pytest

from tui.core.formatting import EMPTY, display_value, format_value


@pytest.mark.parametrize(
    ("value", "column", "shown"),
    [
        (41318, "value_b", "41,318"),
        (-5, "change", "-5"),
        (37.5997, "change_pct", "37.6"),
        (9.04, "share_pct", "9.0"),
        (0.05, "rate", "0.05"),
        (1234567.891, "amount", "1,234,567.891"),
        (-0.0, "change_pct", "0.0"),
        (-0.04, "change_pct", "0.0"),
        (-0.0, "rate", "0"),
        (-0.06, "change_pct", "-0.1"),
        (None, "arrests", EMPTY),
        (0, "arrests", "0"),
        (True, "duplicate_likely", "yes"),
        (date(2017, 9, 28), "date", "2017-09-28"),
        ("[bold]x[/]", "name", "[bold]x[/]"),
    ],
)
def test_format_value(value: object, column: str, shown: str) -> None:
    assert format_value(value, column) == shown


def test_display_value_makes_controls_visible() -> None:
    assert display_value("a\x1b[2Jb\u200b") == "a\\x1b[2Jb<U+200B>"


def test_spaces_at_the_ends_of_a_cell_are_shown() -> None:
    # Two values of one real file (YakimaDetainers.csv): the second must not look like the first.
    assert display_value("Immigration ") == "Immigration␣"
    assert display_value("  Ada County") == "␣␣Ada County"
    assert display_value("Ada County") == "Ada County"
    assert display_value(" ") == "␣"

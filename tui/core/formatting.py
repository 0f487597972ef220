"""How a value is shown on screen: thousands separators, one decimal, empty apart from zero."""

from __future__ import annotations

import re
from datetime import date, datetime

EMPTY = "—"


def is_percentage(column: str) -> bool:
    name = column.lower()
    return name.endswith("pct") or name.startswith("pct") or "percent" in name


_MEASURE = re.compile(
    r"(^|_)(n|value|values|count|counts|total|totals|arrests|people|nulls|distinct|rows|"
    r"detainers|removals|encounters|bookins|book_ins|convicted|redacted)(_|$)"
)


def is_measure(column: str) -> bool:
    """Whether a raw column holds counts or measures (by its name), so it is read with
    thousands separators; any other number (a year, an identifier) is shown as written."""
    return _MEASURE.search(column.lower()) is not None or is_percentage(column)


def format_value(value: object, column: str = "", *, raw: bool = False) -> str:
    """Integers with thousands separators; percentages (by column name) to one decimal; other
    fractions with up to ten significant digits, so a rate of 0.05 is never shown as 0.1.
    `raw` (a file's own rows): separators only on counts and measures, a 1979 stays 1979."""
    if value is None:
        return EMPTY
    if isinstance(value, bool):
        return "yes" if value else "no"
    grouping = "," if not raw or is_measure(column) else ""
    if isinstance(value, int):
        return f"{value:{grouping}}"
    if isinstance(value, float):
        text = f"{value:{grouping}.1f}" if is_percentage(column) else f"{value:{grouping}.10g}"
        # -0.0, or a small negative rounded to zero, is no change: never a signed zero.
        return text[1:] if text.startswith("-") and not text.strip("-0.,") else text
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


_INVISIBLE = {
    # Zero-width and direction-changing characters would silently alter what a reader sees.
    **{code: f"<U+{code:04X}>" for code in range(0x200B, 0x2010)},
    **{code: f"<U+{code:04X}>" for code in range(0x202A, 0x202F)},
    **{code: f"<U+{code:04X}>" for code in range(0x2066, 0x206A)},
    0x061C: "<U+061C>",
    0xFEFF: "<U+FEFF>",
    0x2028: "<U+2028>",
    0x2029: "<U+2029>",
    # Control characters (escape sequences included) are shown, never sent to the terminal.
    **{code: f"\\x{code:02x}" for code in range(0x00, 0x20)},
    0x7F: "\\x7f",
    **{code: f"\\x{code:02x}" for code in range(0x80, 0xA0)},
}


def printable(text: str) -> str:
    """Text as it must be shown: controls, zero-width and bidi characters made visible."""
    if text.isprintable():
        return text
    return text.translate(_INVISIBLE)


#: A space at either end of a cell, shown: "Immigration " and "Immigration" are two values
#: of a file, and two rows that looked the same would puzzle the reader.
EDGE_SPACE = "␣"


def display_value(value: object, column: str = "", *, raw: bool = False) -> str:
    text = printable(format_value(value, column, raw=raw))
    if isinstance(value, str) and text != text.strip(" "):
        core = text.strip(" ")
        lead = len(text) - len(text.lstrip(" "))
        trail = len(text) - len(text.rstrip(" ")) if core else 0
        text = EDGE_SPACE * lead + core + EDGE_SPACE * trail
    return text


def plural(count: int, word: str) -> str:
    """`1 row`, `2 rows`, `1,000 rows`."""
    return f"{count:,} {word}{'' if count == 1 else 's'}"

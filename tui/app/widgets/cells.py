"""Drawing in cells of text: a value fitted to a width, an inline bar, a sparkline.

Bars and sparklines start at zero, so their lengths compare honestly.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size

SPARK_CHARS = "▁▂▃▄▅▆▇█"
ELLIPSIS = "…"
#: A zero in a sparkline: on the baseline, apart from the smallest block (a small value).
ZERO_MARK = "_"


def fit(text: str, width: int, *, right: bool = False) -> str:
    """Pad or cut `text` to exactly `width` cells, marking a cut with an ellipsis."""
    if cell_len(text) > width:
        return set_cell_size(text, max(width - 1, 0)) + ELLIPSIS if width else ""
    padding = " " * (width - cell_len(text))
    return padding + text if right else text + padding


def fit_name(name: str, width: int) -> str:
    """A column name (as it is when it fits) cut to `width` cells keeping its last word:
    `crim…_missing` and `crimin…_other` stay apart where `criminality_…` twice would not (at
    least 4 cells of the start are kept)."""
    if cell_len(name) <= width:
        return name
    if width < 8:
        return fit(name, width)
    cut = max(name.rfind("_"), name.rfind(" "))
    tail = name[cut:] if cut > 0 else ""
    tail = tail[-(width - 5) :] if cell_len(tail) > width - 5 else tail
    head = set_cell_size(name, width - 1 - cell_len(tail))
    return head + ELLIPSIS + tail


def spark(values: list[float | None]) -> str:
    """A sparkline from 0 to the row's largest value: each height is the value's share of the
    largest, in eighths, so bars of one row compare honestly. A zero is drawn on the baseline
    (`_`), a value too small for an eighth as the lowest block, a missing value as a gap."""
    known = [v for v in values if v is not None]
    top = max(known, default=0)
    return "".join(_spark_char(v, top) for v in values)


def _spark_char(value: float | None, top: float) -> str:
    if value is None:
        return " "
    if value <= 0 or top <= 0:
        return ZERO_MARK
    eighths = max(1, round(len(SPARK_CHARS) * value / top))
    return SPARK_CHARS[min(eighths, len(SPARK_CHARS)) - 1]


def bar(value: float | None, top: float, width: int) -> str:
    if value is None or top <= 0 or value <= 0:
        return ""
    # A value above zero keeps at least an eighth of a cell, so it never looks like zero.
    eighths = max(1, round(8 * width * value / top))
    full, rest = divmod(eighths, 8)
    return "█" * full + ("" if rest == 0 else " ▏▎▍▌▋▊▉"[rest])

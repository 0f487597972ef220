"""Drawing in cells of text: a value fitted to a width, an inline bar, a sparkline.

Bars and sparklines start at zero, so their lengths compare honestly.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size

SPARK_CHARS = "▁▂▃▄▅▆▇█"
ELLIPSIS = "…"


def fit(text: str, width: int, *, right: bool = False) -> str:
    """Pad or cut `text` to exactly `width` cells, marking a cut with an ellipsis."""
    if cell_len(text) > width:
        return set_cell_size(text, max(width - 1, 0)) + ELLIPSIS if width else ""
    padding = " " * (width - cell_len(text))
    return padding + text if right else text + padding


def spark(values: list[float | None]) -> str:
    """A sparkline from 0 to the row's largest value, so bars of one row compare honestly."""
    known = [v for v in values if v is not None]
    top = max(known, default=0)
    if top <= 0:
        return "".join(" " if v is None else SPARK_CHARS[0] for v in values)
    steps = len(SPARK_CHARS) - 1
    return "".join(
        " " if v is None else SPARK_CHARS[max(0, round(steps * v / top))] for v in values
    )


def bar(value: float | None, top: float, width: int) -> str:
    if value is None or top <= 0 or value <= 0:
        return ""
    eighths = round(8 * width * value / top)
    full, rest = divmod(eighths, 8)
    return "█" * full + ("" if rest == 0 else " ▏▎▍▌▋▊▉"[rest])

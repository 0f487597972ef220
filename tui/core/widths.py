"""How columns share a width: numbers, verdicts and the label keep their content's width; long
text (quotes, notes, warnings) gives way first. One rule for `show` and for every pane."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

#: A text column narrower than this is never squeezed further (it is cut or moved out instead).
TEXT_FLOOR = 10
#: Text columns at most this wide are short (a kind, a code); longer ones are long text.
SHORT_TEXT = 20
#: A long text column narrower than this is hardly read: others give way for it first.
READABLE = 18


@dataclass(frozen=True)
class ColumnNeed:
    name: str
    natural: int  # cells its widest value (or its header) needs
    keep: bool  # numbers, verdicts, the label: never narrower than `natural`


def keeps_width(name: str, dtype: pl.DataType, label: str | None) -> bool:
    """Whether a column must be shown whole: a number, a date, a verdict or the row's label."""
    if name == label or "verdict" in name:
        return True
    return bool(dtype.is_numeric() or dtype.is_temporal() or dtype == pl.Boolean)


def share_width(
    needs: list[ColumnNeed],
    available: int,
    gap: int,
    floor: int = TEXT_FLOOR,
    readable: int = READABLE,
) -> list[int | None]:
    """Each column's width, or None for a text column left out (it does not fit).

    Kept columns get their natural width. Text columns share what is left: each first gets up
    to `floor`; then long text up to `readable`, evenly; then short text (a kind, a code:
    "article statement" reads, "article stat…" does not) whole, in the view's order; then long
    text up to its natural width, evenly. A column is left out while the rest do not reach
    `floor`, or while a long text would stay below `readable` and another long one could give
    way: the rightmost long text goes first, then the rightmost short one (a view puts what
    matters most first).
    """
    widths: list[int | None] = [need.natural if need.keep else None for need in needs]
    text = [index for index, need in enumerate(needs) if not need.keep]
    used = sum(need.natural + gap for need in needs if need.keep)
    while text:
        long = [index for index in text if needs[index].natural > SHORT_TEXT]
        fitted = _fair(needs, text, available - used - gap * len(text), floor, readable)
        if fitted is None or (
            len(long) > 1 and any(fitted[i] < min(readable, needs[i].natural) for i in long)
        ):
            text.remove(long[-1] if long else text[-1])
            continue
        for index, width in fitted.items():
            widths[index] = width
        break
    return widths


def _fair(
    needs: list[ColumnNeed], text: list[int], room: int, floor: int, readable: int
) -> dict[int, int] | None:
    """`room` cells over the `text` columns in the order `share_width` says, or None when
    they cannot all have `floor`."""
    natural = {index: needs[index].natural for index in text}
    long = [index for index in text if natural[index] > SHORT_TEXT]
    short = [index for index in text if index not in long]
    widths = {index: min(floor, natural[index]) for index in text}
    room -= sum(widths.values())
    if room < 0:
        return None
    room = _raise(widths, {index: min(readable, natural[index]) for index in long}, room)
    for index in short:
        if natural[index] - widths[index] <= room:
            room -= natural[index] - widths[index]
            widths[index] = natural[index]
    room = _raise(widths, {index: natural[index] for index in long}, room)
    _raise(widths, {index: natural[index] for index in short}, room)
    return widths


def _raise(widths: dict[int, int], targets: dict[int, int], room: int) -> int:
    """Raise the columns of `targets` towards them with at most `room` cells, evenly (one
    reaching its target leaves the rest to the others); gives back the cells left."""
    while room > 0:
        below = [index for index in targets if widths[index] < targets[index]]
        if not below:
            break
        step = max(room // len(below), 1)
        for index in below:
            add = min(step, targets[index] - widths[index], room)
            widths[index] += add
            room -= add
    return room

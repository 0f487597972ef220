"""How columns share a width: numbers, verdicts and the label keep their content's width; long
text (quotes, notes, warnings) gives way first. One rule for `show` and for every pane."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

#: A text column narrower than this is never squeezed further (it is cut or moved out instead).
TEXT_FLOOR = 10


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
    needs: list[ColumnNeed], available: int, gap: int, floor: int = TEXT_FLOOR
) -> list[int | None]:
    """Each column's width, or None for a text column that does not fit even at `floor`.

    Kept columns get their natural width. Text columns take what is left: the narrow ones
    whole, the rest an equal share (at least `floor`); when that is not enough, the widest
    text column is left out (None) and the others share again.
    """
    widths: list[int | None] = [need.natural if need.keep else None for need in needs]
    text = [index for index, need in enumerate(needs) if not need.keep]
    used = sum(need.natural + gap for need in needs if need.keep)
    while text:
        room = available - used - gap * len(text)
        pending = sorted(text, key=lambda index: needs[index].natural)
        fitted: dict[int, int] = {}
        while pending:
            share = room // len(pending)
            if needs[pending[0]].natural <= share:
                index = pending.pop(0)
                fitted[index] = needs[index].natural
                room -= needs[index].natural
            else:
                break
        if pending and room // len(pending) < min(floor, needs[pending[0]].natural):
            widest = max(text, key=lambda index: (needs[index].natural, index))
            text.remove(widest)
            continue
        for position, index in enumerate(pending):
            # The first columns take the remainder cells, so the whole width is used.
            fitted[index] = room // len(pending) + (1 if position < room % len(pending) else 0)
        for index, width in fitted.items():
            widths[index] = width
        break
    return widths

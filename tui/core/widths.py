"""How columns share a width: numbers, verdicts and the label keep their content's width; long
text (quotes, notes, warnings) gives way first. One rule for `show` and for every pane."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

#: A text column narrower than this is never squeezed further (it is cut or moved out instead).
TEXT_FLOOR = 10
#: Text columns at most this wide are given their whole width before long ones share the rest.
SHORT_TEXT = 20


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

    Kept columns get their natural width. Short text columns (a kind, a code: "article
    statement" reads, "article stat…" does not) come next, whole. Long text shares what is
    left: the narrower ones whole, the rest an equal share of at least `floor`; when that is not
    enough, the widest text column is left out (None) and the others share again.
    """
    widths: list[int | None] = [need.natural if need.keep else None for need in needs]
    text = [index for index, need in enumerate(needs) if not need.keep]
    used = sum(need.natural + gap for need in needs if need.keep)
    while text:
        short = [index for index in text if needs[index].natural <= SHORT_TEXT]
        pending = sorted(
            (index for index in text if index not in short), key=lambda i: needs[i].natural
        )
        room = available - used - gap * len(text) - sum(needs[i].natural for i in short)
        fitted = {index: needs[index].natural for index in short}
        while pending and needs[pending[0]].natural <= room // len(pending):
            index = pending.pop(0)
            fitted[index] = needs[index].natural
            room -= needs[index].natural
        if room < 0 or (pending and room // len(pending) < min(floor, needs[pending[0]].natural)):
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

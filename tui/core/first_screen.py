"""The first screen of a sort or filter over millions of rows, in a few milliseconds.

Each function gives row numbers (what the table draws from) for the head of the result that
`table_ops.row_order` / `filter_order` give in full, without a pass over the whole table:

- `first_sorted`: the first rows in sort order. On an Enum or Boolean column (how large
  files' text with few values is loaded) these are the rows of the smallest code, in the
  table's order: exactly the head of the stable sort. Elsewhere a top-k (ties may come in
  another order: a preview, replaced by the full sort).
- `first_matches`: the first rows passing a filter, in a given order (the sorted rows) or the
  table's own, looked for in growing chunks and for a bounded time. Rows found late in the
  order (a filter matching only rows sorted last) may not be found in that time: the search
  says so (`done` False) and the full result, computed in the background, shows them. A
  filter reading only Enum, number and date columns masks the whole table at once instead
  (a few ms), and finds them wherever they are in the order.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import polars as pl

from tui.core.table_ops import ROW, check_column, filter_expr, first_rows

#: The first chunk a filter is tried on; each next one is twice as large, up to the last.
FIRST_CHUNK = 20_000
LAST_CHUNK = 320_000
#: How long the search for a filter's first screen may take before the screen is painted
#: with the rows found so far (seconds); the rest comes from the background.
BUDGET = 0.02


@dataclass(frozen=True)
class FirstScreen:
    """Row numbers of the head of a result, and whether they are all of that head."""

    rows: pl.Series
    #: False when the search stopped on its time budget with fewer rows than asked for.
    done: bool


def first_sorted(frame: pl.DataFrame, sort: tuple[str, bool], limit: int) -> pl.Series:
    """Row numbers of the first `limit` rows sorted by `sort` (empty cells last)."""
    column, descending = sort
    check_column(frame, column)
    values = frame.get_column(column)
    if isinstance(values.dtype, pl.Enum | pl.Boolean) and values.len() > limit:
        codes = values.to_physical() if isinstance(values.dtype, pl.Enum) else values
        # Usually the rows of the first code fill the screen: one pass over a byte a row.
        first = codes.max() if descending else codes.min()
        if first is not None:
            rows = (codes == first).arg_true()
            if rows.len() >= limit:
                return rows.head(limit).cast(pl.UInt32).alias(ROW)
        picked: list[pl.Series] = []
        count = 0
        for code in codes.drop_nulls().unique().sort(descending=descending):
            rows = (codes == code).arg_true().head(limit - count)
            picked.append(rows)
            count += rows.len()
            if count >= limit:
                break
        if count < limit:
            picked.append(codes.is_null().arg_true().head(limit - count))
        return pl.concat(picked).cast(pl.UInt32).alias(ROW)
    return (
        frame.lazy()
        .select(column)
        .with_row_index(ROW)
        .sort(column, descending=descending, nulls_last=True)
        .head(limit)
        .select(ROW)
        .collect()
        .to_series()
    )


def _cheap(dtype: pl.DataType) -> bool:
    """Whether a filter reads a column of this type fast (no text to search)."""
    return isinstance(dtype, pl.Enum | pl.Boolean) or dtype.is_numeric() or dtype.is_temporal()


def first_matches(
    frame: pl.DataFrame,
    text: str,
    limit: int,
    order: pl.Series | None = None,
    *,
    budget: float = BUDGET,
) -> FirstScreen:
    """Row numbers of the first `limit` rows of `order` (default: the table's order) that
    pass the filter `text`, looked for chunk by chunk for at most `budget` seconds."""
    expr = filter_expr(frame.schema, text)
    columns = list(dict.fromkeys(expr.meta.root_names()))  # a column in two terms: once
    total = frame.height if order is None else order.len()
    if not columns:  # a filter reading no column: True or False for every row
        everything = pl.int_range(total, eager=True, dtype=pl.UInt32) if order is None else order
        keep = total > 0 and bool(frame.head(1).select(expr).item())
        return FirstScreen(
            (everything if keep else everything.head(0)).head(limit).alias(ROW), True
        )
    deadline = time.perf_counter() + budget
    found: list[pl.Series] = []
    count, start, size = 0, 0, FIRST_CHUNK
    if order is not None and all(_cheap(frame.schema[name]) for name in columns):
        # Columns of codes, numbers and dates: the first chunk in `order` first (2 ms: a
        # word found everywhere fills the screen there), else the whole table's mask (10M
        # rows, 20 Enum columns: 5 to 45 ms) read in `order` chunk by chunk, so that rows
        # sorted last are found too (the chunks below would miss them in time).
        rows = order.slice(0, FIRST_CHUNK).cast(pl.UInt32)
        chunk = frame.select(pl.col(columns).gather(rows)).with_columns(rows.alias(ROW))
        found.append(chunk.filter(expr).get_column(ROW))
        count, start = found[-1].len(), FIRST_CHUNK
        # One chunk: gathering from the 10M rows' 76 slices was most of the time (28 ms).
        mask = frame.select(expr.alias(ROW)).get_column(ROW).rechunk() if count < limit else None
        while mask is not None and start < total and count < limit:
            rows = order.slice(start, LAST_CHUNK).cast(pl.UInt32)
            found.append(rows.filter(mask.gather(rows)))
            count += found[-1].len()
            start += LAST_CHUNK
        rows = pl.concat(found).head(limit) if found else pl.Series(ROW, [], dtype=pl.UInt32)
        return FirstScreen(rows.alias(ROW), True)
    while start < total and count < limit:
        if order is None:
            chunk = frame.select(columns).slice(start, size).with_row_index(ROW, offset=start)
        else:
            rows = order.slice(start, size).cast(pl.UInt32)
            chunk = frame.select(pl.col(columns).gather(rows)).with_columns(rows.alias(ROW))
        found.append(chunk.filter(expr).get_column(ROW))
        count += found[-1].len()
        start, size = start + size, min(size * 2, LAST_CHUNK)
        if time.perf_counter() > deadline:
            break
    rows = pl.concat(found).head(limit) if found else pl.Series(ROW, [], dtype=pl.UInt32)
    return FirstScreen(rows.alias(ROW), start >= total or count >= limit)


def first_screen(
    source: pl.DataFrame,
    text: str,
    sort: tuple[str, bool] | None,
    limit: int,
    *,
    sorted_order: pl.Series | None,
    filtered: tuple[str, pl.Series] | None,
    read_first: bool,
) -> pl.Series:
    """Row numbers of the first screen of filtering `source` by `text` and sorting by `sort`:
    from the rows sorted before (`sorted_order`) or filtered before (`filtered`: the text and
    its rows) when given. None at all when a column must be `read_first` (one left in its
    file): the rows then come with the whole result."""
    if read_first:
        return pl.Series(ROW, [], dtype=pl.UInt32)
    if sorted_order is not None or sort is None:
        # A filter, on the table's order or on rows sorted before: its first matches in that
        # order, looked for a few milliseconds (the rest comes from the background).
        return first_matches(source, text, limit, sorted_order).rows
    if not text:
        return first_sorted(source, sort, limit)
    if filtered is not None and filtered[0] == text:
        # Sorting rows filtered before: the first screen from those rows alone.
        kept = filtered[1]
        within = first_sorted(source.select(pl.col(sort[0]).gather(kept)), sort, limit)
        return kept.gather(within)
    rows = first_rows(source.with_row_index(ROW), text, sort, limit)
    return rows.get_column(ROW)

"""The filter and sort rules shared by the CLI and the explorer, so both give the same rows."""

from __future__ import annotations

import polars as pl

from tui.core.errors import EnforceError

TEXT_TYPES = (pl.String, pl.Categorical, pl.Enum)


def text_columns(schema: pl.Schema) -> list[str]:
    return [name for name, dtype in schema.items() if isinstance(dtype, TEXT_TYPES)]


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def filter_expr(schema: pl.Schema, text: str) -> pl.Expr:
    """Rows in which any text cell contains `text`, ignoring case, taken literally.

    Case: for text in ASCII, ASCII letters match in either case (fast on millions of rows);
    text with other letters is compared after Unicode lower-casing both sides. Enum columns
    (how large record files are loaded) are searched through their categories once, then
    matched by code.
    """
    if not text:
        return pl.lit(True)
    ascii_only = text.isascii()
    needle = text.translate(_ASCII_LOWER) if ascii_only else text.lower()

    def folded(value: str) -> str:
        return value.translate(_ASCII_LOWER) if ascii_only else value.lower()

    parts: list[pl.Expr] = []
    for name, dtype in schema.items():
        if isinstance(dtype, pl.Enum):
            hits = [c for c in dtype.categories.to_list() if needle in folded(c)]
            if hits:
                parts.append(pl.col(name).is_in(pl.Series(hits, dtype=dtype).implode()))
        elif isinstance(dtype, TEXT_TYPES):
            cells = pl.col(name).cast(pl.String)
            if ascii_only:
                parts.append(cells.str.contains_any([needle], ascii_case_insensitive=True))
            else:
                parts.append(cells.str.to_lowercase().str.contains(needle, literal=True))
    if not parts:
        return pl.lit(False)
    return pl.any_horizontal(part.fill_null(False) for part in parts)


def filter_rows(frame: pl.DataFrame, text: str) -> pl.DataFrame:
    if not text:
        return frame
    return frame.filter(filter_expr(frame.schema, text))


def check_column(frame: pl.DataFrame | pl.Schema, column: str) -> None:
    columns = list(frame.columns if isinstance(frame, pl.DataFrame) else frame.names())
    if column not in columns:
        raise EnforceError(f"unknown column {column!r}; columns are: {', '.join(columns)}")


def sort_rows(frame: pl.DataFrame, column: str, *, descending: bool = False) -> pl.DataFrame:
    """A stable sort with empty cells last in either direction."""
    check_column(frame, column)
    return frame.sort(column, descending=descending, nulls_last=True, maintain_order=True)


def first_rows(
    frame: pl.DataFrame, text: str, sort: tuple[str, bool] | None, count: int
) -> pl.DataFrame:
    """The first `count` rows that filtering and sorting would give, without doing all the work.

    On millions of rows this is a screenful in milliseconds (polars turns sort+head into top-k
    and stops filtering once it has enough rows). Rows that tie on the sort key may come in
    another order than the full, stable sort: it is a preview, replaced by the full result.
    """
    lazy = frame.lazy()
    if text:
        lazy = lazy.filter(filter_expr(frame.schema, text))
    if sort is not None:
        check_column(frame, sort[0])
        lazy = lazy.sort(sort[0], descending=sort[1], nulls_last=True)
    return lazy.head(count).collect()


ROW = "__row__"
FILTER_CHUNK = 50_000
PREVIEW_CHUNKS = 1


def row_order(frame: pl.DataFrame, text: str, sort: tuple[str, bool] | None) -> pl.Series:
    """The row numbers of `frame` that filtering and sorting give, in order.

    The same rows as `sort_rows(filter_rows(...))` without copying the table: on 10M rows a
    sorted or filtered view costs 40 MB of row numbers instead of a second copy of the data.
    """
    if sort is not None:
        check_column(frame, sort[0])
    lazy = frame.lazy().with_row_index(ROW)
    if text:
        lazy = lazy.filter(filter_expr(frame.schema, text))
    if sort is not None:
        lazy = lazy.sort(sort[0], descending=sort[1], nulls_last=True, maintain_order=True)
    return lazy.select(ROW).collect().to_series()


def filter_order(
    frame: pl.DataFrame, order: pl.Series, text: str, *, limit: int | None = None
) -> pl.Series:
    """The row numbers in `order` whose rows pass the filter, in that order.

    With `limit`, looks first at a few chunks at the head of `order` (the first screen of a
    filter on a table sorted by millions of rows, in milliseconds); if they hold too few
    matches, filters the whole table once.
    """
    if not text:
        return order if limit is None else order.head(limit)
    columns = text_columns(frame.schema)
    if not columns:
        return order.head(0)  # no text cell can contain the text
    expr = filter_expr(frame.schema, text)
    if limit is not None:
        found: list[pl.Series] = []
        total = 0
        for start in range(0, min(order.len(), FILTER_CHUNK * PREVIEW_CHUNKS), FILTER_CHUNK):
            rows = order.slice(start, FILTER_CHUNK)
            chunk = frame.select(pl.col(columns).gather(rows)).with_columns(rows.alias(ROW))
            found.append(chunk.filter(expr).get_column(ROW))
            total += found[-1].len()
            if total >= limit:
                return pl.concat(found).head(limit)
    # One pass over the table in its own order, then the mask read in `order`.
    mask = frame.select(expr.alias(ROW)).get_column(ROW)
    matches = order.filter(mask.gather(order))
    return matches if limit is None else matches.head(limit)

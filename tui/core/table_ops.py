"""The filter and sort rules shared by the CLI and the explorer, so both give the same rows."""

from __future__ import annotations

import functools
import re
import shlex
from collections.abc import Mapping

import polars as pl

from tui.core.errors import EnforceError
from tui.core.tables.file_columns import could_hold

#: column -> the bytes its cells use, where known (columns left in a file): a word with a
#: letter none of them has cannot match the column, which is then not read.
Alphabets = tuple[tuple[str, bytes], ...]

TEXT_TYPES = (pl.String, pl.Categorical, pl.Enum)


def text_columns(schema: pl.Schema) -> list[str]:
    return [name for name, dtype in schema.items() if isinstance(dtype, TEXT_TYPES)]


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def is_provenance(column: str) -> bool:
    """Columns that say where a row comes from (its source sentence), not what it says: kept
    and exported, but not shown in the table and not searched by a filter."""
    return column == "quote" or column.startswith("quote_")


def searched_columns(schema: pl.Schema) -> list[str]:
    """The text columns a plain filter word is looked for in: the ones the table shows."""
    return [name for name in text_columns(schema) if not is_provenance(name)]


FILTER_SYNTAX = (
    "words: rows with each word in a shown text cell; column:text (in that column), "
    'column=value (exactly), column>N, column<N, column>=N, column<=N; !term excludes; "two words" '
    "as one"
)

_COLUMN_TERM = re.compile(r"^(?P<column>[^:=<>!\s][^:=<>]*?)(?P<op>:|=|>=|<=|>|<)(?P<value>.*)$")
_NAME_LIKE = re.compile(r"^[A-Za-z_][\w.-]*$")


def _words(text: str) -> list[str]:
    """The filter's terms: split at spaces, "quoted words" kept together."""
    try:
        return shlex.split(text)
    except ValueError:  # an unclosed quote: the text as typed, split at spaces
        return text.split()


def _contains(
    name: str, dtype: pl.DataType, needle: str, alphabets: Alphabets = ()
) -> pl.Expr | None:
    """Cells of one column containing `needle`, ignoring case, taken literally.

    Case: for text in ASCII, ASCII letters match in either case (fast on millions of rows);
    text with other letters is compared after Unicode lower-casing both sides. Enum columns
    (how large record files are loaded) are searched through their categories once, then
    matched by code.
    """
    ascii_only = needle.isascii()
    folded_needle = needle.translate(_ASCII_LOWER) if ascii_only else needle.lower()

    def folded(value: str) -> str:
        return value.translate(_ASCII_LOWER) if ascii_only else value.lower()

    if isinstance(dtype, pl.Enum):
        hits = [c for c in dtype.categories.to_list() if folded_needle in folded(c)]
        return pl.col(name).is_in(pl.Series(hits, dtype=dtype).implode()) if hits else None
    alphabet = dict(alphabets).get(name)
    if alphabet is not None and not could_hold(alphabet, needle):
        return None
    cells = pl.col(name).cast(pl.String)
    if ascii_only:
        return cells.str.contains_any([folded_needle], ascii_case_insensitive=True)
    return cells.str.to_lowercase().str.contains(folded_needle, literal=True)


def _anywhere(schema: pl.Schema, needle: str, alphabets: Alphabets = ()) -> pl.Expr:
    parts = [
        part
        for name in searched_columns(schema)
        if (part := _contains(name, schema[name], needle, alphabets)) is not None
    ]
    if not parts:
        return pl.lit(False)
    return pl.any_horizontal(part.fill_null(False) for part in parts)


def _number(term: str, column: str, value: str) -> float:
    try:
        return float(value.replace(",", "").replace("_", ""))
    except ValueError:
        raise EnforceError(f"filter {term!r}: {column} needs a number after the sign") from None


def _in_column(
    schema: pl.Schema, term: str, column: str, op: str, value: str, alphabets: Alphabets = ()
) -> pl.Expr:
    dtype = schema[column]
    cells = pl.col(column)
    if op == ":":
        part = _contains(column, dtype, value, alphabets) if value else cells.is_not_null()
        return pl.lit(False) if part is None else part.fill_null(False)
    if op == "=":
        if dtype.is_numeric():
            return (cells == _number(term, column, value)).fill_null(False)
        # Exact, ignoring case; `column=` alone keeps the empty cells.
        if not value:
            return cells.is_null() | (cells.cast(pl.String) == "")
        return (cells.cast(pl.String).str.to_lowercase() == value.lower()).fill_null(False)
    if dtype.is_temporal():
        bound: pl.Expr | float = pl.lit(value).str.to_date(strict=False)
        if value and not _looks_like_date(value):
            raise EnforceError(f"filter {term!r}: {column} needs a date (YYYY-MM-DD)")
    elif dtype.is_numeric():
        bound = _number(term, column, value)
    else:
        raise EnforceError(f"filter {term!r}: {column} holds text; use {column}:text or =")
    compare = {
        ">": cells > bound,
        "<": cells < bound,
        ">=": cells >= bound,
        "<=": cells <= bound,
    }[op]
    return compare.fill_null(False)


def _looks_like_date(value: str) -> bool:
    return re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) is not None


def _term_expr(schema: pl.Schema, term: str, alphabets: Alphabets = ()) -> pl.Expr:
    negate = term.startswith("!") and len(term) > 1
    body = term[1:] if negate else term
    expr: pl.Expr | None = None
    match = _COLUMN_TERM.match(body)
    if match is not None:
        names = {name.lower(): name for name in schema.names()}
        column = names.get(match["column"].strip().lower())
        if column is not None:
            expr = _in_column(schema, term, column, match["op"], match["value"], alphabets)
        elif _NAME_LIKE.match(match["column"]):
            shown = [name for name in schema.names() if not is_provenance(name)]
            raise EnforceError(
                f"filter {term!r}: no column {match['column']!r}; columns are: " + ", ".join(shown)
            )
    if expr is None:
        expr = _anywhere(schema, body, alphabets)
    return ~expr if negate else expr


def named_columns(schema: pl.Schema, text: str) -> set[str]:
    """The columns that the column terms of filter `text` name (`column:text` and the like)."""
    names = {name.lower(): name for name in schema.names()}
    found = set()
    for term in _words(text):
        body = term[1:] if term.startswith("!") and len(term) > 1 else term
        match = _COLUMN_TERM.match(body)
        if match is not None and (column := names.get(match["column"].strip().lower())):
            found.add(column)
    return found


def read_columns(
    schema: pl.Schema,
    text: str,
    sort: tuple[str, bool] | None,
    alphabets: Mapping[str, bytes] | None = None,
) -> set[str]:
    """The columns that filtering by `text` and sorting by `sort` read (with `alphabets`, not
    those that cannot hold a word), or name."""
    names = set(filter_expr(schema, text, alphabets).meta.root_names()) if text else set()
    names |= named_columns(schema, text)
    if sort is not None:
        names.add(sort[0])
    return names


def filter_expr(
    schema: pl.Schema, text: str, alphabets: Mapping[str, bytes] | None = None
) -> pl.Expr:
    """Rows that pass every term of `text` (see FILTER_SYNTAX); a plain word is looked for in
    the text cells the table shows, ignoring case, taken literally. With `alphabets` (the
    bytes some columns' cells use), a column that cannot hold a word is not read for it."""
    return _filter_expr(tuple(schema.items()), text, tuple(sorted((alphabets or {}).items())))


@functools.lru_cache(maxsize=32)
def _filter_expr(
    columns: tuple[tuple[str, pl.DataType], ...], text: str, alphabets: Alphabets = ()
) -> pl.Expr:
    # Built once per table layout and text: a box checks the filter, then applies it, and
    # building it reads every Enum column's categories (10 ms on a large record file).
    schema = pl.Schema(columns)
    terms = _words(text)
    if not terms:
        return pl.lit(True)
    return pl.all_horizontal(_term_expr(schema, term, alphabets) for term in terms)


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
    expr = filter_expr(frame.schema, text)
    columns = list(dict.fromkeys(expr.meta.root_names()))  # a column in two terms: once
    if not columns:  # a filter reading no column: True or False for every row
        return order if frame.select(expr).item() else order.head(0)
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

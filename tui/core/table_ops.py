"""The filter and sort rules shared by the CLI and the explorer, so both give the same rows."""

from __future__ import annotations

import polars as pl

from tui.core.errors import EnforceError

TEXT_TYPES = (pl.String, pl.Categorical, pl.Enum)


def text_columns(schema: pl.Schema) -> list[str]:
    return [name for name, dtype in schema.items() if isinstance(dtype, TEXT_TYPES)]


def filter_expr(schema: pl.Schema, text: str) -> pl.Expr:
    """Rows in which any text cell contains `text`, case-insensitively, taken literally."""
    needle = text.lower()
    columns = text_columns(schema)
    if not needle:
        return pl.lit(True)
    if not columns:
        return pl.lit(False)
    return pl.any_horizontal(
        pl.col(name)
        .cast(pl.String)
        .str.to_lowercase()
        .str.contains(needle, literal=True)
        .fill_null(False)
        for name in columns
    )


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

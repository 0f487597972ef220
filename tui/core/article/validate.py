"""Checks on tables read as text, so every problem can name its file, row and column."""

from __future__ import annotations

import re
from collections.abc import Iterable

import polars as pl

from tui.core.errors import DataError

_WHOLE_NUMBER = re.compile(r"[0-9]+")
_NUMBER_WORDS = {
    1: "one",
    2: "two",
    3: "three",
    4: "four",
    5: "five",
    6: "six",
    7: "seven",
    8: "eight",
    9: "nine",
    10: "ten",
}


def file_row(index: int) -> int:
    """The row a person finds in the file: its line, the header being row 1 (as for records)."""
    return index + 2


def require_columns(frame: pl.DataFrame, required: Iterable[str], *, file: str) -> None:
    missing = [name for name in required if name not in frame.columns]
    if missing:
        found = ", ".join(frame.columns) or "none"
        raise DataError(
            f"missing required column(s) {', '.join(missing)} (found: {found})",
            file=file,
            column=missing[0],
            hint="add the column to the header row",
        )


def parse_counts(frame: pl.DataFrame, column: str, *, file: str) -> pl.DataFrame:
    """Turn a text column of counts into Int64, refusing anything but non-negative integers."""
    text = frame.get_column(column).cast(pl.String).str.strip_chars()
    for index, value in enumerate(text.to_list()):
        if value is None or value == "":
            raise DataError(
                "count is empty",
                file=file,
                row=file_row(index),
                column=column,
                hint="give a whole number of 0 or more",
            )
        if not _WHOLE_NUMBER.fullmatch(value):
            raise DataError(
                f"{value!r} is not a non-negative whole number",
                file=file,
                row=file_row(index),
                column=column,
                hint="counts are whole numbers of 0 or more, without separators",
            )
        if len(value.lstrip("0")) > 18:
            raise DataError(
                f"{value[:20]!r}... is too large to be a count",
                file=file,
                row=file_row(index),
                column=column,
            )
    return frame.with_columns(text.cast(pl.Int64).alias(column))


def number_in_text(value: int, text: str) -> bool:
    """True when the figure appears in its quote: as digits, with thousands separators or a word."""
    candidates = {str(value), f"{value:,}"}
    if value in _NUMBER_WORDS:
        candidates.add(_NUMBER_WORDS[value])
    words = re.findall(r"[0-9][0-9,]*[0-9]|[0-9]|[A-Za-z]+", text)
    return any(word.lower() in candidates for word in words)


def check_quotes(
    frame: pl.DataFrame,
    *,
    file: str,
    figure_columns: Iterable[str],
    article: str | None,
) -> None:
    """Every quote is non-empty, contains its figures, and is verbatim in the article if given."""
    figures = list(figure_columns)
    for index, row in enumerate(frame.iter_rows(named=True)):
        quote = row.get("quote")
        if not quote or not str(quote).strip():
            raise DataError(
                "quote is empty",
                file=file,
                row=file_row(index),
                column="quote",
                hint="give the exact sentence the figure comes from",
            )
        for column in figures:
            value = row[column]
            if value is not None and not number_in_text(int(value), str(quote)):
                raise DataError(
                    f"the figure {value} does not appear in its quote",
                    file=file,
                    row=file_row(index),
                    column=column,
                    hint="the quote must be the sentence the figure comes from",
                )
        if article is not None and str(quote) not in article:
            raise DataError(
                "quote is not a verbatim sentence of the source article",
                file=file,
                row=file_row(index),
                column="quote",
                hint="copy the sentence exactly from the article",
            )

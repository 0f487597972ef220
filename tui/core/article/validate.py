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


def parse_counts(
    frame: pl.DataFrame, column: str, *, file: str, may_be_empty: bool = False
) -> pl.DataFrame:
    """Turn a text column of counts into Int64, refusing anything but non-negative integers.

    With may_be_empty, an empty cell is a figure the source does not give: null, never 0."""
    text = frame.get_column(column).cast(pl.String).str.strip_chars()
    if may_be_empty:
        text = text.replace("", None)
    for index, value in enumerate(text.to_list()):
        if value is None and may_be_empty:
            continue
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


def normalise_text(text: str) -> str:
    """Line endings as LF and no trailing whitespace on any line: a CRLF copy reads the same."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines)


# Where a quote's clauses part: semicolons and commas (dropped; not the comma in 41,318), and
# before "and" / "to" (kept, so "from 523 to 687" gives "from 523" and "to 687").
_CLAUSE_BREAK = re.compile(r";|,(?!\d)|(?=\b(?:and|to)\b)", re.IGNORECASE)


def _word(label: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(label.strip()) + r"(?!\w)", re.IGNORECASE)


def quote_clauses(quote: str, labels: Iterable[str] = ()) -> list[str]:
    """The quote cut into clauses, never inside one of the labels (\"Washington, D.C.\")."""
    kept: list[tuple[int, int]] = []
    for label in labels:
        if label and label.strip():
            kept += [(m.start(), m.end()) for m in _word(label).finditer(quote)]
    clauses, start = [], 0
    for found in _CLAUSE_BREAK.finditer(quote):
        at = found.start()
        if at == start or any(begin < at < end for begin, end in kept):
            continue
        clauses.append(quote[start:at])
        start = found.end()
    clauses.append(quote[start:])
    return [c for c in clauses if c.strip()]


def check_labels(frame: pl.DataFrame, labels: dict[str, str], *, file: str) -> None:
    """Each figure sits in the same clause of its quote as its label: swapping two figures of
    one sentence (disorderly conduct 7, trespassing 3) is caught, not only a figure not there."""
    for figure_column, label_column in labels.items():
        every_label = [str(v) for v in frame.get_column(label_column).to_list() if v]
        for index, row in enumerate(frame.iter_rows(named=True)):
            value, label = row[figure_column], row[label_column]
            if value is None:
                continue
            row_number = file_row(index)
            if not label or not str(label).strip():
                raise DataError(
                    f"{figure_column} {value} has no label",
                    file=file,
                    row=row_number,
                    column=label_column,
                    hint="give the words the figure sits with in its quote",
                )
            clauses = quote_clauses(str(row["quote"]), every_label)
            pattern = _word(str(label))
            beside = [c for c in clauses if pattern.search(c)]
            if not beside:
                raise DataError(
                    f"the label {label!r} does not appear in its quote",
                    file=file,
                    row=row_number,
                    column=label_column,
                    hint="the label must be the words the quote gives with the figure",
                )
            if not any(number_in_text(int(value), clause) for clause in beside):
                raise DataError(
                    f"the figure {value} is not beside {label!r} in its quote "
                    f"(the quote has: {beside[0].strip()!r})",
                    file=file,
                    row=row_number,
                    column=figure_column,
                    hint="check that the figure belongs to this row",
                )


def check_quotes(
    frame: pl.DataFrame,
    *,
    file: str,
    figure_columns: Iterable[str],
    article: str | None,
) -> None:
    """Every quote is non-empty, contains its figures, and is verbatim in the article if given
    (the article as normalise_text leaves it)."""
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
        if article is not None and normalise_text(str(quote)) not in article:
            raise DataError(
                "quote is not a verbatim sentence of the source article",
                file=file,
                row=file_row(index),
                column="quote",
                hint="copy the sentence exactly from the article",
            )

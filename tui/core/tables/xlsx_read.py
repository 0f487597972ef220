"""A workbook's sheets read whole with polars' Excel reader (the calamine engine), one sheet
per thread; what the reader could not type is caught for a note, and Excel's whole floats
become integers."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import NoReturn

import polars as pl

from tui.core.errors import DataError, one_line


def load_sheets(
    source: Path, sheets: Sequence[tuple[str, int]], path: Path
) -> tuple[list[pl.DataFrame], list[int]]:
    """The sheets' rows, and the (0-based) columns whose cells the reader could not type:
    the Excel reader logs those and reads them as text."""
    with _ReaderLog() as log:
        frames = _read_sheets(source, sheets, path)
    return frames, log.columns()


class _ReaderLog(logging.Handler):
    """Catches what fastexcel logs ("Could not determine dtype for column 10, falling back
    to string"), so it becomes a note rather than lines on the user's terminal."""

    _PATTERN = re.compile(r"column ([0-9]+)")

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []
        self._logger = logging.getLogger("fastexcel")

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())

    def __enter__(self) -> _ReaderLog:
        self._propagate = self._logger.propagate
        self._logger.addHandler(self)
        self._logger.propagate = False
        return self

    def __exit__(self, *_: object) -> None:
        self._logger.removeHandler(self)
        self._logger.propagate = self._propagate

    def columns(self) -> list[int]:
        found = [
            int(match.group(1))
            for message in self.messages
            if "dtype" in message and (match := self._PATTERN.search(message))
        ]
        return sorted(set(found))


def _read_sheets(source: Path, sheets: Sequence[tuple[str, int]], path: Path) -> list[pl.DataFrame]:
    def load(item: tuple[str, int]) -> pl.DataFrame:
        name, header_row = item
        try:
            frame = pl.read_excel(
                source,
                sheet_name=name,
                engine="calamine",
                read_options={"header_row": header_row - 1},
                infer_schema_length=10_000,
                drop_empty_rows=False,
                drop_empty_cols=False,
                raise_if_empty=False,
            )
        except Exception as error:  # fastexcel raises its own exception types
            _excel_error(path, name, error)
        return frame

    workers = max(1, min(len(sheets), os.cpu_count() or 1))
    if workers == 1:
        return [load(item) for item in sheets]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(load, sheets))


def _excel_error(path: Path, sheet: str, error: Exception) -> NoReturn:
    text = one_line(str(error).split("\n")[0])
    raise DataError(
        f"sheet {sheet!r} cannot be read ({text})",
        file=path,
        hint="open and save it again in Excel, or export it as CSV",
    ) from error


def whole_floats_as_integers(frame: pl.DataFrame) -> pl.DataFrame:
    """Excel stores every number as a float: a column of whole numbers (counts written 1306.0)
    becomes integers; a column with any fraction stays floats."""
    whole = [
        name
        for name, dtype in frame.schema.items()
        if dtype.is_float()
        and frame.get_column(name).drop_nulls().len() > 0
        and bool(
            frame.select(
                ((pl.col(name) == pl.col(name).round(0)) & (pl.col(name).abs() < 2.0**53))
                .fill_null(True)
                .all()
            ).item()
        )
    ]
    return frame.with_columns(pl.col(whole).cast(pl.Int64)) if whole else frame

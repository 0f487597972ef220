"""One record file with its recognised layout: raw columns picked out as record fields."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import polars as pl

from tui.core.records.layouts import Kind, Layout
from tui.core.tables.table import Table
from tui.core.tables.values import DATE_RULE, parse_dates


@dataclass(frozen=True)
class RecordFile:
    table: Table
    layout: Layout
    #: record field -> the file's column (None: the layout has no such column; the field is null)
    columns: Mapping[str, str | None]

    @classmethod
    def of(cls, table: Table, layout: Layout) -> RecordFile:
        return cls(table=table, layout=layout, columns=layout.resolve(table.columns))

    @property
    def kind(self) -> Kind:
        return self.layout.kind

    @property
    def name(self) -> str:
        return self.table.name

    def raw(self, name: str) -> pl.Expr:
        """The field as the file holds it (only renamed): aggregate on this, convert after.

        Date-times become dates here (cheap); a missing field is null, duplicate_likely
        included: a file without the flag marks nothing, and says so.
        """
        column = self.columns.get(name)
        if column is None:
            dtype = pl.Boolean if name == "duplicate_likely" else pl.String
            return pl.lit(None, dtype=dtype).alias(name)
        expr = pl.col(column)
        if name == "date" and isinstance(self.table.schema[column], pl.Datetime):
            expr = expr.dt.date()
        return expr.alias(name)

    def parse_dates(self, raw: pl.Series) -> pl.Series:
        """Parse the distinct raw dates of this file; any that cannot be read is a DataError."""
        parsed = parse_dates(raw)
        text = raw.cast(pl.String).str.strip_chars()
        bad = raw.is_not_null() & (text != "").fill_null(True) & parsed.is_null()
        if bad.any():
            raise self.date_error(raw.filter(bad))
        return parsed

    def date_error(self, bad: pl.Series) -> Exception:
        """Name the first row with an unreadable date, and how many there are."""
        column = self.columns["date"] or "date"
        lazy = self.table.lazy.with_row_index("__row__")
        found = self.table.collect(
            lazy.filter(pl.col(column).cast(pl.String).is_in(bad.cast(pl.String).implode())).select(
                pl.col("__row__").first().alias("first"),
                pl.col(column).first().cast(pl.String).alias("value"),
                pl.len().alias("count"),
            )
        )
        first, value, count = found.row(0)
        what = (
            f"date {value!r} cannot be read"
            if count == 1
            else (f"{count:,} dates cannot be read; the first is {value!r}")
        )
        return self.table.error(
            what,
            index=int(first) if first is not None else None,
            column=column,
            hint=f"{DATE_RULE}; correct or empty those cells",
        )

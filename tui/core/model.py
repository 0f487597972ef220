"""What every pane and every export works on: datasets, named views and the catalogue of both."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

import polars as pl

from tui.core.errors import EnforceError
from tui.core.roles import ColumnMapping

if TYPE_CHECKING:
    from tui.core.tables.workbook import Workbook

#: An inclusive (start, end) range of dates.
Period = tuple[date, date]


@dataclass(frozen=True)
class Dataset:
    """A polars frame with the provenance a reader needs to trust it."""

    name: str
    title: str
    frame: pl.DataFrame
    description: str = ""
    units: str = ""
    source: str = ""
    file: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)
    sha256: str = ""

    @property
    def rows(self) -> int:
        return self.frame.height


@dataclass(frozen=True)
class View:
    name: str
    title: str
    frame: pl.DataFrame
    base: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)
    # Display hints for the explorer: a column drawn as inline bars, columns drawn as a sparkline.
    bar_column: str | None = None
    spark_columns: tuple[str, ...] = ()
    label_column: str | None = None
    #: For a comparison: the periods A and B it was computed with (the defaults, if none chosen).
    periods: tuple[Period, Period] | None = None
    #: What a reader must see before trusting the view (periods of different lengths, ...).
    warnings: tuple[str, ...] = ()
    #: Of `spark_columns` (months, `YYYY-MM`), those the data covers only in part: the first
    #: month when the data starts after its 1st, the last when it ends before its last day.
    partial_months: tuple[str, ...] = ()
    #: What each of `spark_columns` is: "month" (`YYYY-MM`), or "quarter"/"year" for a file
    #: dated by calendar quarters or years (`2022-Q1`, `2022`), which has no monthly values.
    spark_unit: str = "month"
    #: For a table mapped by roles: the column whose values `label_column` holds. They need not
    #: be places (countries, genders), so the explorer names the column, not "jurisdictions".
    label_values: str = ""
    #: The sum of `bar_column` before its values were rounded (a fractional count's), which the
    #: sum of the rounded rows is not: what a summary states as the total.
    total: float | None = None


@dataclass(frozen=True)
class Catalog:
    """The views and raw datasets opened from one source (the bundled figures or record files)."""

    title: str
    views: dict[str, View]
    datasets: dict[str, Dataset]
    notes: tuple[str, ...] = field(default_factory=tuple)
    #: Views the data cannot give as mapped: view -> which role to choose, and how.
    unavailable: dict[str, str] = field(default_factory=dict)
    #: The columns' roles in use (record files), for the Columns dialog.
    mapping: ColumnMapping | None = None
    #: The workbooks opened (`tables.workbook.Workbook`), for the explorer's sheet list.
    workbooks: tuple[Workbook, ...] = ()
    #: Whether a column of the files flags likely duplicates (ICE's `duplicate_likely`): without
    #: one, excluding duplicates cannot change a count, and `d` must say so, not claim it did.
    duplicates_detectable: bool = False
    #: Where they cannot be, why (record files): no column flags them, or it is not read.
    duplicates_undetectable: str = ""
    #: What the convictions view breaks down, as its tab names it: "Convictions" (the article,
    #: detainers' most serious conviction), "Criminality" (ICE arrests), or a mapped file's
    #: category column. Known when opening, so the tab is named without building the view.
    breakdown: str = "Convictions"

    def view(self, name: str) -> View:
        if name in self.unavailable:
            raise EnforceError(self.unavailable[name])
        if name not in self.views:
            raise EnforceError(f"unknown view {name!r}; views are: {', '.join(self.views)}")
        return self.views[name]

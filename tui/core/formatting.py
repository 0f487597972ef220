"""How a value is shown on screen: thousands separators, one decimal, empty apart from zero."""

from __future__ import annotations

from datetime import date, datetime

import polars as pl

EMPTY = "—"


def format_value(value: object) -> str:
    if value is None:
        return EMPTY
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.1f}"
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def is_numeric(dtype: pl.DataType) -> bool:
    return dtype.is_numeric()

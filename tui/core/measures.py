"""Shares and changes, written once: every view computes them the same way."""

from __future__ import annotations

import polars as pl

#: The leading columns of every comparisons view, bundled or from records, in this order.
COMPARISON_COLUMNS: tuple[str, ...] = (
    "series",
    "period_a",
    "value_a",
    "period_b",
    "value_b",
    "change",
    "change_pct",
    "warning",
)


def pct(part: pl.Expr, whole: pl.Expr | int) -> pl.Expr:
    """`part` as a percentage of `whole`, to one decimal; empty (never infinite) when `whole`
    is zero."""
    total = pl.lit(whole) if isinstance(whole, int) else whole
    return pl.when(total > 0).then((100.0 * part / total).round(1)).otherwise(None)


def change_pct(a: str, b: str) -> pl.Expr:
    """The change from column `a` to column `b` as a share of `a`."""
    return pct(pl.col(b) - pl.col(a), pl.col(a))

"""Record files loaded into memory as the one record schema, for the Data pane.

Every text field an Enum, with the AOR names, codes and dates converted from the distinct
values; read in slices as `tables.load` reads any table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import polars as pl

from tui.core.records.layouts import (
    AOR_CODE_DTYPE,
    KIND_DTYPE,
    RECORD_FIELDS,
    TEXT_FIELDS,
    aor_code,
    aor_name,
)
from tui.core.records.record_file import RecordFile
from tui.core.tables.load import collect_in_slices, distinct_values
from tui.core.tables.values import parse_bools, text_date_expr


def load_records(files: Sequence[RecordFile]) -> pl.DataFrame:
    """The internal record schema for files of one kind, stacked, with a `file` column."""
    names = [f.name for f in files]
    file_dtype = pl.Enum(list(dict.fromkeys(names)))
    distinct: list[dict[str, list[str] | None]] = []
    for file in files:
        fields = [n for n in (*TEXT_FIELDS, "date", "duplicate_likely") if file.columns.get(n)]
        lazy = file.table.lazy.select(file.raw(name) for name in fields)
        distinct.append(distinct_values(file.table, fields, lazy))
    aor_names: dict[str, str] = {}
    for values in distinct:
        for value in values.get("aor") or []:
            aor_names[value] = aor_name(value) or value
    dtypes: dict[str, pl.DataType] = {}
    for name in TEXT_FIELDS:
        if name == "aor":
            categories = sorted(set(aor_names.values()))
        elif any(name in values and values[name] is None for values in distinct):
            dtypes[name] = pl.Categorical()
            continue
        else:
            categories = sorted({v for values in distinct for v in values.get(name) or []})
        dtypes[name] = pl.Enum(categories)
    parts = []
    for file, values in zip(files, distinct, strict=True):
        query = file.table.lazy.select(_record_exprs(file, values, dtypes, aor_names, file_dtype))
        parts.append(collect_in_slices(file.table, query))
    frame = pl.concat(parts, how="vertical", rechunk=False) if len(parts) > 1 else parts[0]
    return frame.select(*RECORD_FIELDS, "file")


def _record_exprs(
    file: RecordFile,
    values: Mapping[str, list[str] | None],
    dtypes: Mapping[str, pl.DataType],
    aor_names: Mapping[str, str],
    file_dtype: pl.DataType,
) -> list[pl.Expr]:
    exprs: list[pl.Expr] = []
    for name in RECORD_FIELDS:
        if name == "kind":
            exprs.append(pl.lit(file.kind).cast(KIND_DTYPE).alias("kind"))
        elif name == "aor_code":
            codes = {raw: aor_code(clean) for raw, clean in aor_names.items()}
            exprs.append(
                file.raw("aor")
                .cast(pl.String)
                .replace_strict(codes, default=None, return_dtype=pl.String)
                .cast(AOR_CODE_DTYPE)
                .alias("aor_code")
            )
        elif name == "aor":
            exprs.append(
                file.raw("aor")
                .cast(pl.String)
                .replace_strict(dict(aor_names), default=None, return_dtype=dtypes["aor"])
                .alias("aor")
            )
        elif name == "date":
            exprs.append(_date_expr(file, values.get("date")))
        elif name == "duplicate_likely":
            exprs.append(_bool_expr(file, values.get("duplicate_likely") or []))
        else:
            exprs.append(file.raw(name).cast(pl.String).cast(dtypes[name]).alias(name))
    exprs.append(pl.lit(file.name).cast(file_dtype).alias("file"))
    return exprs


def _date_expr(file: RecordFile, distinct: list[str] | None) -> pl.Expr:
    raw = file.raw("date")
    column = file.columns.get("date")
    if column is None:
        return pl.lit(None, dtype=pl.Date).alias("date")
    dtype = file.table.schema[column]
    if dtype == pl.Date or isinstance(dtype, pl.Datetime):
        return raw.cast(pl.Date).alias("date")
    if dtype.is_numeric():
        distinct = None
    if distinct is None:  # too many distinct values to map: parse every cell, then check
        parsed = text_date_expr(raw.cast(pl.String)).alias("date")
        failed = (raw.is_not_null() & (raw.cast(pl.String).str.strip_chars() != "")) & (
            parsed.is_null()
        )
        bad = file.table.collect(
            file.table.lazy.select(raw.cast(pl.String).filter(failed).unique().head(1000)),
            streaming=True,
        )
        if bad.height:
            raise file.date_error(bad.to_series())
        return parsed
    raw = raw.cast(pl.String)
    values = pl.Series("date", distinct, dtype=pl.String)
    parsed_values = file.parse_dates(values)
    mapping = dict(zip(values.to_list(), parsed_values.to_list(), strict=True))
    return raw.replace_strict(mapping, default=None, return_dtype=pl.Date).alias("date")


def _bool_expr(file: RecordFile, distinct: list[str]) -> pl.Expr:
    raw = file.raw("duplicate_likely")
    column = file.columns.get("duplicate_likely")
    if column is None or file.table.schema[column] == pl.Boolean:
        return raw.cast(pl.Boolean).alias("duplicate_likely")
    raw = raw.cast(pl.String)
    values = pl.Series("v", distinct, dtype=pl.String)
    mapping = dict(zip(values.to_list(), parse_bools(values).to_list(), strict=True))
    return raw.replace_strict(mapping, default=None, return_dtype=pl.Boolean).alias(
        "duplicate_likely"
    )

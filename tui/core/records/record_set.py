"""The record files of one kind and the aggregations every record view is computed from.

Each aggregation is a small group-by straight over the files' lazy scans: a query reads only
the columns it groups by (projection pushdown), groups on the values as the file holds them,
and converts the few distinct results afterwards (AOR names, dates). Nothing here holds the
rows themselves.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

import polars as pl

from tui.core.formatting import plural
from tui.core.records.layouts import AOR_CODE_DTYPE, Kind, aor_code, aor_name
from tui.core.records.presets import layout_roles
from tui.core.records.record_file import RecordFile
from tui.core.roles import Roles
from tui.core.tables.values import date_forms, is_redacted, parse_bools

#: What a view of each kind counts, in words.
NOUNS: dict[Kind, str] = {"arrests": "arrests", "detainers": "detainers"}


class RecordSet:
    """The record files of one kind, with the aggregations the views share (each computed once).

    Aggregates are kept per file and per duplicate flag, so one computation serves both
    "duplicates included" and "excluded", and the per-file totals give each file's rows.
    """

    def __init__(self, kind: Kind, files: Sequence[RecordFile]) -> None:
        self.kind = kind
        self.files = tuple(files)
        self._locks = {name: threading.Lock() for name in ("group", "day", "charge")}
        self._cache: dict[str, pl.DataFrame] = {}
        #: Warnings found while reading the dates (mixed forms), for the comparisons view.
        self.date_notes: list[str] = []

    def _cached(self, name: str, build: Callable[[], pl.DataFrame]) -> pl.DataFrame:
        with self._locks[name]:
            if name not in self._cache:
                self._cache[name] = build()
            return self._cache[name]

    def _per_file(
        self, fields: Sequence[str], convert: Callable[[RecordFile, pl.DataFrame], pl.DataFrame]
    ) -> pl.DataFrame:
        parts = []
        for index, file in enumerate(self.files):
            query = (
                file.table.lazy.select(file.raw(f) for f in (*fields, "duplicate_likely"))
                .group_by(*fields, "duplicate_likely")
                .agg(pl.len().cast(pl.Int64).alias("n"))
            )
            counts = file.table.collect(query)
            counts = counts.with_columns(
                _as_bool(counts.get_column("duplicate_likely")),
                pl.lit(index, dtype=pl.Int32).alias("file"),
            )
            parts.append(convert(file, counts))
        return pl.concat(parts, how="vertical_relaxed")

    def by_group(self) -> pl.DataFrame:
        """Rows per file, AOR, criminality and duplicate flag (values as in the file)."""

        def convert(file: RecordFile, counts: pl.DataFrame) -> pl.DataFrame:
            return counts.with_columns(
                pl.col("aor").cast(pl.String), pl.col("criminality").cast(pl.String)
            )

        return self._cached("group", lambda: self._per_file(("aor", "criminality"), convert))

    def by_day(self) -> pl.DataFrame:
        """Rows per file, AOR, day, criminality and duplicate flag; dates parsed and checked."""

        def convert(file: RecordFile, counts: pl.DataFrame) -> pl.DataFrame:
            raw = counts.get_column("date")
            forms = date_forms(raw)
            if len(forms) > 1:
                self.date_notes.append(
                    f"{file.name}: column {file.columns['date']!r} writes dates in "
                    f"{len(forms)} forms ({', '.join(forms)}); each is read by its form"
                    + (", so 01/02/2024 is 2 January" if any("/day/" in f for f in forms) else "")
                )
            return counts.with_columns(
                file.parse_dates(raw).alias("date"),
                pl.col("aor").cast(pl.String),
                pl.col("criminality").cast(pl.String),
            )

        def build() -> pl.DataFrame:
            self.date_notes.clear()
            return self._per_file(("aor", "date", "criminality"), convert)

        return self._cached("day", build)

    def by_charge(self) -> pl.DataFrame:
        """Rows per file, most serious conviction charge and duplicate flag."""

        def convert(file: RecordFile, counts: pl.DataFrame) -> pl.DataFrame:
            return counts.with_columns(pl.col("conviction").cast(pl.String))

        return self._cached("charge", lambda: self._per_file(("conviction",), convert))

    def file_rows(self) -> list[int]:
        """Rows in each file (from the cheapest aggregation already computed, else a count)."""
        for name in ("group", "charge", "day"):
            if name in self._cache:
                totals = self._cache[name].group_by("file").agg(pl.col("n").sum())
                found = dict(totals.iter_rows())
                return [int(found.get(i, 0)) for i in range(len(self.files))]
        return [file.table.rows() for file in self.files]

    def provenance(self) -> str:
        rows = self.file_rows()
        listed = ", ".join(
            f"{file.name} ({plural(count, 'row')}, {file.layout.title})"
            for file, count in zip(self.files, rows, strict=True)
        )
        return f"from {listed}"

    @property
    def noun(self) -> str:
        return NOUNS[self.kind]

    def roles(self) -> Roles:
        """The layout's preset roles (of the first file; files of one kind share a layout)."""
        first = self.files[0]
        return layout_roles(first.layout, first.table.columns)

    def notes(self) -> tuple[str, ...]:
        """What was noticed reading the files (title rows skipped, columns renamed, ...)."""
        return tuple(f"{file.name}: {note}" for file in self.files for note in file.table.notes)


def _as_bool(values: pl.Series) -> pl.Series:
    return parse_bools(values).alias(values.name)


def filtered(counts: pl.DataFrame, exclude_duplicates: bool) -> pl.DataFrame:
    if not exclude_duplicates:
        return counts
    return counts.filter(~pl.col("duplicate_likely").fill_null(False))


def not_excluded(exclude_duplicates: bool) -> pl.Expr:
    return ~pl.col("duplicate_likely").fill_null(False) if exclude_duplicates else pl.lit(True)


def duplicates_text(counts: pl.DataFrame, exclude_duplicates: bool, noun: str) -> str:
    flags = counts.get_column("duplicate_likely")
    if flags.null_count() == flags.len():
        return f"no {noun} are flagged as likely duplicates (the file has no duplicate_likely)"
    flagged = int(counts.filter(pl.col("duplicate_likely").fill_null(False))["n"].sum())
    if exclude_duplicates:
        return f"{flagged:,} likely duplicate {noun} excluded"
    return f"{flagged:,} likely duplicate {noun} included (they can be excluded)"


def _name_map(values: Sequence[str | None]) -> tuple[dict[str, str], dict[str, str | None]]:
    names: dict[str, str] = {}
    codes: dict[str, str | None] = {}
    for value in values:
        if value is None:
            continue
        name = aor_name(value) or value
        names[value] = name
        codes[value] = aor_code(name)
    return names, codes


def with_aor_names(frame: pl.DataFrame, column: str = "aor") -> pl.DataFrame:
    names, codes = _name_map(frame.get_column(column).unique().to_list())
    return frame.with_columns(
        pl.col(column)
        .replace_strict(names, default=None, return_dtype=pl.String)
        .alias("jurisdiction"),
        pl.col(column)
        .replace_strict(codes, default=None, return_dtype=pl.String)
        .cast(AOR_CODE_DTYPE)
        .alias("aor_code"),
    )


def redacted_flag(column: str, values: Sequence[str | None]) -> pl.Expr:
    redacted = [v for v in values if is_redacted(v)]
    return pl.col(column).is_in(redacted) if redacted else pl.lit(False)

"""Views from record files, with the names and leading columns of the bundled views.

Each view is a small aggregation computed straight from the files' lazy scans: a query reads
only the columns it groups by (projection pushdown), groups on the values as the file holds
them, and converts the few distinct results afterwards (AOR names, dates). Nothing here holds
the rows themselves.

- `jurisdictions`: `jurisdiction, arrests, share_pct, rank`, then the criminality split.
  Detainer files name the count `detainers`.
- `convictions`: `conviction, people, share_pct`: detainers' most serious conviction charge,
  or for arrests the criminality breakdown.
- `comparisons`: `series, period_a, value_a, period_b, value_b, change, change_pct, warning`
  per AOR (first row: all AORs), then one column per month for a sparkline.

Likely duplicates are always counted; `exclude_duplicates` leaves them out of the counts and
says so. Every view's `base` names its filters and the files it came from.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

import polars as pl

from tui.core.errors import DataError
from tui.core.model import View
from tui.core.records.layouts import (
    AOR_CODE_DTYPE,
    CONVICTED,
    OTHER_VIOLATOR,
    PENDING,
    Kind,
    aor_code,
    aor_name,
    date_forms,
    day_span,
    is_redacted,
    parse_bools,
    shift_year,
)
from tui.core.records.record_file import RecordFile
from tui.core.tables.stats import column_stats, frequency
from tui.core.tables.table import Table

__all__ = [
    "NATIONAL",
    "Periods",
    "RecordSet",
    "column_stats",
    "comparisons_view",
    "convictions_view",
    "default_periods",
    "frequency",
    "generic_jurisdictions_view",
    "jurisdictions_view",
]

Period = tuple[date, date]
NATIONAL = "All AORs (national)"
COUNT_NAMES: dict[Kind, str] = {"arrests": "arrests", "detainers": "detainers"}
NOUNS: dict[Kind, str] = {"arrests": "arrests", "detainers": "detainers"}


# -- aggregations -----------------------------------------------------------------------------


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
            f"{file.name} ({count:,} rows, {file.layout.title})"
            for file, count in zip(self.files, rows, strict=True)
        )
        return f"from {listed}"


def _as_bool(values: pl.Series) -> pl.Series:
    return parse_bools(values).alias(values.name)


def _filtered(counts: pl.DataFrame, exclude_duplicates: bool) -> pl.DataFrame:
    if not exclude_duplicates:
        return counts
    return counts.filter(~pl.col("duplicate_likely").fill_null(False))


def _kept(exclude_duplicates: bool) -> pl.Expr:
    return ~pl.col("duplicate_likely").fill_null(False) if exclude_duplicates else pl.lit(True)


def _duplicates_text(counts: pl.DataFrame, exclude_duplicates: bool, noun: str) -> str:
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


def _with_aor_names(frame: pl.DataFrame, column: str = "aor") -> pl.DataFrame:
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


def _redacted_flag(column: str, values: Sequence[str | None]) -> pl.Expr:
    redacted = [v for v in values if is_redacted(v)]
    return pl.col(column).is_in(redacted) if redacted else pl.lit(False)


def _pct(part: pl.Expr, whole: pl.Expr | int) -> pl.Expr:
    total = pl.lit(whole) if isinstance(whole, int) else whole
    return pl.when(total > 0).then((100.0 * part / total).round(1)).otherwise(None)


# -- jurisdictions ----------------------------------------------------------------------------


def jurisdictions_view(records: RecordSet, *, exclude_duplicates: bool = False) -> View:
    counts = records.by_group()
    kept = _filtered(counts, exclude_duplicates)
    count = COUNT_NAMES[records.kind]
    crim_values = counts.get_column("criminality").unique().to_list()
    aor_values = counts.get_column("aor").unique().to_list()
    crim = pl.col("criminality")
    redacted_crim = _redacted_flag("criminality", crim_values)
    redacted_aor = _redacted_flag("aor", aor_values)
    flagged = pl.col("duplicate_likely").fill_null(False)
    per_aor = (
        counts.group_by("aor")
        .agg(
            pl.col("n").filter(_kept(exclude_duplicates)).sum().alias(count),
            pl.col("n").filter(flagged).sum().alias("duplicates_likely"),
        )
        .join(
            kept.group_by("aor").agg(
                pl.col("n").filter(crim == CONVICTED).sum().alias("convicted"),
                pl.col("n").filter(crim == PENDING).sum().alias("pending_charges"),
                pl.col("n")
                .filter(crim == OTHER_VIOLATOR)
                .sum()
                .alias("other_immigration_violator"),
                pl.col("n").filter(crim.is_null()).sum().alias("criminality_missing"),
                pl.col("n")
                .filter(~crim.is_in([CONVICTED, PENDING, OTHER_VIOLATOR]) & crim.is_not_null())
                .sum()
                .alias("criminality_other"),
                pl.col("n").filter(redacted_crim | redacted_aor).sum().alias("redacted"),
            ),
            on="aor",
            how="left",
            nulls_equal=True,
        )
        .with_columns(pl.exclude("aor").fill_null(0).cast(pl.Int64))
    )
    total = int(per_aor.get_column(count).sum())
    frame = (
        _with_aor_names(per_aor)
        .with_columns(
            _pct(pl.col(count), total).alias("share_pct"),
            pl.col(count).rank("min", descending=True).cast(pl.Int64).alias("rank"),
            _pct(pl.col("other_immigration_violator"), pl.col(count)).alias("non_criminal_pct"),
            _pct(pl.col("convicted"), pl.col(count)).alias("convicted_pct"),
        )
        .sort([count, "jurisdiction"], descending=[True, False], nulls_last=True)
        .select(
            "jurisdiction",
            count,
            "share_pct",
            "rank",
            "convicted",
            "pending_charges",
            "other_immigration_violator",
            "criminality_missing",
            "criminality_other",
            "convicted_pct",
            "non_criminal_pct",
            "duplicates_likely",
            "redacted",
            "aor_code",
            pl.col("aor").alias("aor_as_written"),
        )
    )
    noun = NOUNS[records.kind]
    base = (
        f"ICE {noun} per Area of Responsibility, {records.provenance()}. share_pct is a share of "
        f"all {total:,} {noun}; {_duplicates_text(counts, exclude_duplicates, noun)}. "
        "convicted, pending_charges and other_immigration_violator are ICE's criminality "
        f"values '{CONVICTED}', '{PENDING}' and '{OTHER_VIOLATOR}'; non_criminal_pct is the "
        "share of the third, which is what ICE means by non-criminal. redacted counts rows whose "
        "AOR or criminality is a redaction such as b(6), b(7)c"
    )
    return View(
        name="jurisdictions",
        title=f"{noun.capitalize()} by Area of Responsibility",
        frame=frame,
        base=base,
        notes=_notes(records),
        bar_column=count,
        label_column="jurisdiction",
    )


def _notes(records: RecordSet) -> tuple[str, ...]:
    notes: list[str] = []
    for file in records.files:
        notes.extend(f"{file.name}: {note}" for note in file.table.notes)
    return tuple(notes)


# -- convictions ------------------------------------------------------------------------------


def convictions_view(records: RecordSet, *, exclude_duplicates: bool = False) -> View:
    if records.kind == "detainers":
        return _charges_view(records, exclude_duplicates)
    return _criminality_view(records, exclude_duplicates)


def _people_by(counts: pl.DataFrame, key: str, exclude_duplicates: bool) -> pl.DataFrame:
    """People per value of `key` (duplicates left out on request), and the likely duplicates."""
    flagged = pl.col("duplicate_likely").fill_null(False)
    return (
        counts.group_by(key)
        .agg(
            pl.col("n").filter(_kept(exclude_duplicates)).sum().alias("people"),
            pl.col("n").filter(flagged).sum().alias("duplicates_likely"),
        )
        .with_columns(pl.exclude(key).cast(pl.Int64))
    )


def _charges_view(records: RecordSet, exclude_duplicates: bool) -> View:
    counts = records.by_charge()
    values = counts.get_column("conviction").unique().to_list()
    frame = _people_by(counts, "conviction", exclude_duplicates)
    total = int(frame.get_column("people").sum())
    charged = int(frame.filter(pl.col("conviction").is_not_null())["people"].sum())
    frame = (
        frame.with_columns(
            pl.when(pl.col("conviction").is_not_null())
            .then(_pct(pl.col("people"), charged))
            .otherwise(None)
            .alias("share_pct"),
            _pct(pl.col("people"), total).alias("pct_of_detainers"),
            pl.when(_redacted_flag("conviction", values))
            .then(pl.col("people"))
            .otherwise(0)
            .alias("redacted"),
        )
        .sort(
            [pl.col("conviction").is_null(), "people", "conviction"],
            descending=[False, True, False],
        )
        .select(
            "conviction",
            "people",
            "share_pct",
            "pct_of_detainers",
            "duplicates_likely",
            "redacted",
        )
    )
    base = (
        f"ICE detainers by most serious conviction (MSC) charge, {records.provenance()}. "
        f"people counts detainers (one per row), not distinct persons. share_pct is a share of "
        f"the {charged:,} detainers with a conviction charge; the empty row is the "
        f"{total - charged:,} without one. pct_of_detainers is a share of all {total:,}; "
        f"{_duplicates_text(counts, exclude_duplicates, 'detainers')}"
    )
    return View(
        name="convictions",
        title="Detainers by most serious conviction charge",
        frame=frame,
        base=base,
        notes=_notes(records),
        bar_column="people",
        label_column="conviction",
    )


def _criminality_view(records: RecordSet, exclude_duplicates: bool) -> View:
    counts = records.by_group()
    values = counts.get_column("criminality").unique().to_list()
    frame = _people_by(counts, "criminality", exclude_duplicates).rename(
        {"criminality": "conviction"}
    )
    total = int(frame.get_column("people").sum())
    noun = NOUNS[records.kind]
    frame = (
        frame.with_columns(
            _pct(pl.col("people"), total).alias("share_pct"),
            _pct(pl.col("people"), total).alias("pct_of_arrested"),
            pl.when(_redacted_flag("conviction", values))
            .then(pl.col("people"))
            .otherwise(0)
            .alias("redacted"),
        )
        .sort("conviction", nulls_last=True)
        .select(
            "conviction",
            "people",
            "share_pct",
            "pct_of_arrested",
            "duplicates_likely",
            "redacted",
        )
    )
    base = (
        f"ICE {noun} by Apprehension Criminality, {records.provenance()}: arrest records hold "
        f"no conviction charge, so this is ICE's criminality breakdown. share_pct is a share of "
        f"all {total:,} {noun}; '{OTHER_VIOLATOR}' is what ICE calls non-criminal, and "
        f"'{PENDING}' are people without a conviction. "
        f"{_duplicates_text(counts, exclude_duplicates, noun)}"
    )
    return View(
        name="convictions",
        title="Arrests by criminality (ICE's categories)",
        frame=frame,
        base=base,
        notes=_notes(records),
        bar_column="people",
        label_column="conviction",
    )


# -- comparisons ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Periods:
    a: Period
    b: Period
    defaulted: bool


def default_periods(first: date, last: date) -> Periods:
    """The same months of the last two years in the data, as the article compared Jan-Apr.

    B runs from 1 January of the last date's year to the last date; A is the same calendar
    span one year earlier (data ending 2025-07-29: A 2024-01-01..2024-07-29, B 2025-01-01..
    2025-07-29). A period may reach outside the data; the view's warning says so.
    """
    del first
    b = (date(last.year, 1, 1), last)
    a = (shift_year(b[0], -1), shift_year(b[1], -1))
    return Periods(a=a, b=b, defaulted=True)


def resolve_periods(
    first: date, last: date, period_a: Period | None, period_b: Period | None
) -> Periods:
    """The user's periods; one given alone is matched by the same dates a year before/after."""
    if period_a is None and period_b is None:
        return default_periods(first, last)
    if period_a is None and period_b is not None:
        period_a = (shift_year(period_b[0], -1), shift_year(period_b[1], -1))
    if period_b is None and period_a is not None:
        period_b = (shift_year(period_a[0], 1), shift_year(period_a[1], 1))
    assert period_a is not None
    assert period_b is not None
    for name, (start, end) in (("A", period_a), ("B", period_b)):
        if end < start:
            raise DataError(
                f"period {name} ends ({end}) before it starts ({start})",
                hint="give periods as START:END with START on or before END",
            )
    return Periods(a=period_a, b=period_b, defaulted=False)


def _label(period: Period) -> str:
    return f"{period[0].isoformat()} to {period[1].isoformat()}"


def period_warning(periods: Periods, first: date, last: date) -> str:
    days_a, days_b = day_span(*periods.a), day_span(*periods.b)
    parts = []
    if days_a != days_b:
        parts.append(
            f"periods differ in length: A ({_label(periods.a)}) is {days_a} days, "
            f"B ({_label(periods.b)}) is {days_b} days"
        )
    for name, (start, end) in (("A", periods.a), ("B", periods.b)):
        if start < first or end > last:
            parts.append(
                f"period {name} reaches outside the data ({first.isoformat()} to "
                f"{last.isoformat()})"
            )
    return "; ".join(parts)


def comparisons_view(
    records: RecordSet,
    *,
    period_a: Period | None = None,
    period_b: Period | None = None,
    exclude_duplicates: bool = False,
) -> View:
    counts = records.by_day()
    kept = _filtered(counts, exclude_duplicates)
    dated = kept.filter(pl.col("date").is_not_null())
    undated = int(kept.filter(pl.col("date").is_null())["n"].sum())
    noun = NOUNS[records.kind]
    if dated.is_empty():
        raise DataError(
            f"no {noun} with a date, so there is nothing to compare",
            file=", ".join(f.name for f in records.files),
        )
    first, last = dated["date"].min(), dated["date"].max()
    assert isinstance(first, date)
    assert isinstance(last, date)
    periods = resolve_periods(first, last, period_a, period_b)
    warning = period_warning(periods, first, last)

    def within(period: Period) -> pl.Expr:
        return pl.col("date").is_between(period[0], period[1], closed="both")

    non_criminal = pl.col("criminality") == OTHER_VIOLATOR
    all_months = _month_names(first, last)
    months = all_months[-MAX_MONTH_COLUMNS:]
    dated = dated.with_columns(pl.col("date").dt.strftime("%Y-%m").alias("month"))
    gap = _longest_gap(all_months, set(dated.get_column("month").to_list()))
    if gap is not None:
        empty, start, end = gap
        warning = "; ".join(
            part
            for part in (
                warning,
                f"no {noun} at all in the {empty:,} months {start} to {end}: a date may be "
                "mistyped (the default periods follow the last date)",
            )
            if part
        )
    unmonthed = int(dated.filter(pl.col("month") < months[0])["n"].sum())
    national = dated.with_columns(pl.lit(NATIONAL).alias("aor"))
    frames = []
    for part, is_total in ((national, True), (dated, False)):
        sums = part.group_by("aor").agg(
            pl.col("n").filter(within(periods.a)).sum().alias("value_a"),
            pl.col("n").filter(within(periods.b)).sum().alias("value_b"),
            pl.col("n").filter(within(periods.a) & non_criminal).sum().alias("non_criminal_a"),
            pl.col("n").filter(within(periods.b) & non_criminal).sum().alias("non_criminal_b"),
        )
        monthly = (
            part.filter(pl.col("month") >= months[0])
            .group_by("aor", "month")
            .agg(pl.col("n").sum())
            .pivot(on="month", index="aor", values="n", on_columns=months)
        )
        frame = sums.join(monthly, on="aor", how="left", nulls_equal=True)
        if is_total:
            frame = frame.with_columns(
                pl.col("aor").alias("series"), pl.lit(None, dtype=pl.String).alias("aor_code")
            )
        else:
            frame = (
                _with_aor_names(frame)
                .with_columns(pl.col("aor_code").cast(pl.String))
                .rename({"jurisdiction": "series"})
            )
        frames.append(frame)
    for month in months:
        frames = [
            f if month in f.columns else f.with_columns(pl.lit(0).alias(month)) for f in frames
        ]
    total_row, per_aor = frames
    per_aor = per_aor.sort(["value_b", "series"], descending=[True, False], nulls_last=True)
    frame = pl.concat([total_row, per_aor.select(total_row.columns)], how="vertical_relaxed")
    frame = frame.with_columns(
        pl.col(["value_a", "value_b", "non_criminal_a", "non_criminal_b", *months])
        .fill_null(0)
        .cast(pl.Int64),
        pl.lit(_label(periods.a)).alias("period_a"),
        pl.lit(_label(periods.b)).alias("period_b"),
        pl.lit(warning).alias("warning"),
        pl.lit(periods.a[0]).alias("period_a_start"),
        pl.lit(periods.a[1]).alias("period_a_end"),
        pl.lit(periods.b[0]).alias("period_b_start"),
        pl.lit(periods.b[1]).alias("period_b_end"),
    ).with_columns(
        (pl.col("value_b") - pl.col("value_a")).alias("change"),
        _change_pct("value_a", "value_b").alias("change_pct"),
        _change_pct("non_criminal_a", "non_criminal_b").alias("non_criminal_change_pct"),
    )
    frame = frame.select(
        "series",
        "period_a",
        "value_a",
        "period_b",
        "value_b",
        "change",
        "change_pct",
        "warning",
        "non_criminal_a",
        "non_criminal_b",
        "non_criminal_change_pct",
        "aor_code",
        "period_a_start",
        "period_a_end",
        "period_b_start",
        "period_b_end",
        *months,
    )
    how = (
        "by default the same months of the last two years in the data (1 January to the last "
        "date, against the same dates a year before)"
        if periods.defaulted
        else "as chosen"
    )
    base = (
        f"ICE {noun} per Area of Responsibility in period A ({_label(periods.a)}) and period B "
        f"({_label(periods.b)}), {how}; {records.provenance()}. change_pct is the change from A "
        f"as a share of A. The first row is all AORs together. Month columns ({months[0]} to "
        f"{months[-1]}) count {noun} per calendar month; the first and last may be partial "
        f"(data from {first.isoformat()} to {last.isoformat()}). "
        f"{_duplicates_text(counts, exclude_duplicates, noun)}"
    )
    if undated:
        base += f"; {undated:,} {noun} without a date are in no period and no month"
    if unmonthed:
        base += (
            f"; month columns stop at {MAX_MONTH_COLUMNS} months: {unmonthed:,} {noun} dated "
            f"before {months[0]} are in no month column"
        )
    return View(
        name="comparisons",
        title=f"{noun.capitalize()} per AOR: {_label(periods.a)} against {_label(periods.b)}",
        frame=frame,
        base=base,
        notes=(*((warning,) if warning else ()), *records.date_notes, *_notes(records)),
        spark_columns=tuple(months),
        label_column="series",
    )


def _change_pct(a: str, b: str) -> pl.Expr:
    return _pct(pl.col(b) - pl.col(a), pl.col(a))


#: The month columns (a sparkline) cover at most the last 20 years of the data.
MAX_MONTH_COLUMNS = 240
#: A run of this many months without a single record inside the data suggests a mistyped date.
GAP_MONTHS = 12


def _longest_gap(months: Sequence[str], present: set[str]) -> tuple[int, str, str] | None:
    """The longest run of months without records (length, first, last), if it is long."""
    best: tuple[int, str, str] | None = None
    run: list[str] = []
    for month in [*months, ""]:
        if month and month not in present:
            run.append(month)
            continue
        if len(run) >= GAP_MONTHS and (best is None or len(run) > best[0]):
            best = (len(run), run[0], run[-1])
        run = []
    return best


def _month_names(first: date, last: date) -> list[str]:
    names = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        names.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return names


# -- any other table --------------------------------------------------------------------------


def generic_jurisdictions_view(
    tables: Sequence[Table], *, jurisdiction_column: str, count_column: str | None = None
) -> View:
    """Jurisdictions from any tables: sum `count_column` (or count rows) per jurisdiction.

    Every table must have the columns; their results are added up.
    """
    parts = []
    for table in tables:
        schema = table.schema
        for column in (jurisdiction_column, count_column):
            if column is not None and column not in schema:
                raise table.error(
                    "has no such column",
                    column=column,
                    hint=f"columns are: {', '.join(schema.names())}",
                )
        jurisdiction = pl.col(jurisdiction_column).cast(pl.String).alias("jurisdiction")
        values = pl.lit(1, dtype=pl.Int64) if count_column is None else _counts(table, count_column)
        query = (
            table.lazy.select(jurisdiction, values.alias("count"))
            .group_by("jurisdiction")
            .agg(
                pl.col("count").sum().cast(pl.Int64).alias("arrests"),
                pl.len().cast(pl.Int64).alias("rows"),
                pl.col("count").null_count().cast(pl.Int64).alias("missing_counts"),
            )
        )
        parts.append(table.collect(query))
    # A jurisdiction whose every count is missing has no count (null), not zero.
    per = (
        pl.concat(parts)
        .group_by("jurisdiction")
        .agg(pl.col("arrests", "rows", "missing_counts").sum())
        .with_columns(
            pl.when(pl.col("rows") > pl.col("missing_counts"))
            .then(pl.col("arrests"))
            .otherwise(None)
        )
    )
    total = int(per.get_column("arrests").sum())
    frame = (
        per.with_columns(
            _pct(pl.col("arrests"), total).alias("share_pct"),
            pl.col("arrests").rank("min", descending=True).cast(pl.Int64).alias("rank"),
        )
        .sort(["arrests", "jurisdiction"], descending=[True, False], nulls_last=True)
        .select("jurisdiction", "arrests", "share_pct", "rank", "rows", "missing_counts")
    )
    measure = "rows counted" if count_column is None else f"the sum of column {count_column!r}"
    files = ", ".join(
        f"{table.name} ({rows:,} rows)"
        for table, rows in zip(tables, (int(p["rows"].sum()) for p in parts), strict=True)
    )
    base = (
        f"arrests is {measure} per value of column {jurisdiction_column!r}, from {files}; "
        f"share_pct is a share of all {total:,}"
    )
    missing = int(frame["missing_counts"].sum())
    if missing:
        rows_text = "1 row has" if missing == 1 else f"{missing:,} rows have"
        base += f"; {rows_text} no count and add nothing (all missing: the count is empty)"
    return View(
        name="jurisdictions",
        title=f"{count_column or 'rows'} by {jurisdiction_column}",
        frame=frame,
        base=base,
        notes=tuple(f"{t.name}: {n}" for t in tables for n in t.notes),
        bar_column="arrests",
        label_column="jurisdiction",
    )


#: The largest count (and total of counts) a 64-bit integer holds.
MAX_COUNT = 2**63 - 1
_COUNT_HINT = (
    "correct the file, or choose a --count column of whole numbers (such as 45 or 1,234), "
    "or leave --count out to count rows"
)
_NEGATIVE_HINT = "counts of people cannot be negative; correct the file"
_THOUSANDS = r"^[+-]?[0-9]{1,3}(,[0-9]{3})+(\.0*)?$"


def _counts(table: Table, column: str) -> pl.Expr:
    """The count column as whole, non-negative numbers; anything else is a DataError.

    Text counts may have thousands separators (1,234) and a zero fraction (45.0), as a float
    column's whole values are taken; a count or a total too large for 64 bits is refused
    rather than wrapped round.
    """
    dtype = table.schema[column]
    raw = pl.col(column)
    if dtype.is_integer():
        values = raw.cast(pl.Int64, strict=False)
        too_large = raw.is_not_null() & values.is_null()  # an unsigned count beyond 64 bits
    elif dtype.is_float():
        whole = raw.is_finite() & (raw == raw.round(0))
        too_large = whole & (raw.abs() >= 2.0**63)
        values = pl.when(whole & ~too_large).then(raw).otherwise(None).cast(pl.Int64)
    else:
        text = raw.cast(pl.String).str.strip_chars()
        text = (
            pl.when(text.str.contains(_THOUSANDS))
            .then(text.str.replace_all(",", ""))
            .otherwise(text)
            .str.replace(r"^([+-]?[0-9]+)\.0*$", "${1}")
        )
        values = text.str.to_integer(strict=False)
        too_large = text.str.contains(r"^[+-]?[0-9]+$") & values.is_null()
    raw_present = raw.is_not_null()
    if not dtype.is_numeric():
        raw_present = raw_present & (raw.cast(pl.String).str.strip_chars() != "")
    # Each cell is converted once (the flags below read the converted columns).
    value, large = pl.col("__value__"), pl.col("__large__")
    bad = pl.col("__present__") & value.is_null() & ~large
    negative = value < 0
    check = table.collect(
        table.lazy.with_row_index("__row__")
        .select(
            "__row__",
            raw.alias("__raw__"),
            values.alias("__value__"),
            too_large.fill_null(False).alias("__large__"),
            raw_present.alias("__present__"),
        )
        .select(
            *_first_of(bad, "bad"),
            *_first_of(large, "large"),
            *_first_of(negative, "negative"),
            value.cast(pl.Int128).sum().alias("total"),
            pl.col("__row__").get(value.arg_max()).alias("largest_row"),
            value.max().alias("largest"),
        ),
        streaming=True,
    )
    found = check.row(0, named=True)
    problems = (
        ("bad", "is not a whole number", "are not whole numbers", _COUNT_HINT),
        ("large", f"is too large (more than {MAX_COUNT:,})", "are too large", _COUNT_HINT),
        ("negative", "is negative", "are negative", _NEGATIVE_HINT),
    )
    for what, one, many, hint in problems:
        if found[what]:
            shown, number = _shown(found[f"{what}_value"]), found[what]
            problem = f"count {shown} {one}"
            if number > 1:
                problem = f"{number:,} counts {many}; the first is {shown}"
            raise table.error(
                problem,
                index=int(found[f"{what}_row"]),
                column=column,
                hint=hint,
            )
    if found["total"] is not None and found["total"] > MAX_COUNT:
        raise table.error(
            f"the counts add up to more than {MAX_COUNT:,}; the largest is {found['largest']:,}",
            index=int(found["largest_row"]),
            column=column,
            hint="check that the column holds counts of people",
        )
    return values


def _first_of(flag: pl.Expr, name: str) -> list[pl.Expr]:
    """How many rows are flagged, the first one's index and its value as written."""
    return [
        flag.sum().alias(name),
        pl.col("__row__").filter(flag).first().alias(f"{name}_row"),
        pl.col("__raw__").filter(flag).first().cast(pl.String).alias(f"{name}_value"),
    ]


def _shown(value: object) -> str:
    text = repr(str(value))
    return text if len(text) <= 40 else f"{text[:36]}...'"

"""The ICE FOIA record layouts, recognised by their headers, and the one record schema.

Every layout maps to the same record fields (see `RECORD_SCHEMA`). Headers are compared by a
normalised key (lower case, runs of anything but letters and digits as one `_`), so the raw
headers (`Apprehension AOR`) and the processed snake_case ones (`apprehension_aor`) meet.

Values are never rewritten on the way in except where the schema says so: `aor` drops the
trailing " Area of Responsibility", `aor_code` is looked up from the reference list, dates are
parsed. Redacted cells (`b(6), b(7)c`, `(b)(6)(b)(7)(c)`, ...) are kept as they are;
`is_redacted` and `REDACTED_PATTERN` find them. Nulls stay null, never zero or "".
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

import polars as pl

Kind = Literal["arrests", "detainers"]
KINDS: tuple[Kind, ...] = ("arrests", "detainers")

CONVICTED = "1 Convicted Criminal"
PENDING = "2 Pending Criminal Charges"
OTHER_VIOLATOR = "3 Other Immigration Violator"
#: Apprehension Criminality exactly as ICE writes it; ICE's "non-criminal" is the third.
CRIMINALITY_VALUES: tuple[str, ...] = (CONVICTED, PENDING, OTHER_VIOLATOR)

AOR_SUFFIX = " Area of Responsibility"
#: ICE ERO field offices (Areas of Responsibility): name as written before the suffix -> code.
AOR_CODES: dict[str, str] = {
    "Atlanta": "ATL",
    "Baltimore": "BAL",
    "Boston": "BOS",
    "Buffalo": "BUF",
    "Chicago": "CHI",
    "Dallas": "DAL",
    "Denver": "DEN",
    "Detroit": "DET",
    "El Paso": "ELP",
    "Harlingen": "HAL",
    "Houston": "HOU",
    "Los Angeles": "LOS",
    "Miami": "MIA",
    "Newark": "NEW",
    "New Orleans": "NOL",
    "New York City": "NYC",
    "Philadelphia": "PHI",
    "Phoenix": "PHO",
    "Seattle": "SEA",
    "San Francisco": "SFR",
    "Salt Lake City": "SLC",
    "San Antonio": "SNA",
    "San Diego": "SND",
    "St. Paul": "SPM",
    "Washington": "WAS",
    "HQ": "HQ",
}
AOR_CODE_DTYPE = pl.Enum(sorted(AOR_CODES.values()))
KIND_DTYPE = pl.Enum(list(KINDS))

#: One FOIA exemption reference: b(6), (b)(6), b6, b(7)c, (b)(7)(C), ...
_EXEMPTION = r"\(?b\)?\s*\(?\s*[0-9]\s*\)?\s*(?:\(?\s*[a-f]\s*\)?)?"
#: A cell holding nothing but exemption references, e.g. `b(6), b(7)c` or `(b)(6)(b)(7)(c)`.
REDACTED_PATTERN = rf"(?i)^\s*{_EXEMPTION}(?:\s*(?:[,;/&]|and)?\s*{_EXEMPTION})*\s*$"
_REDACTED_RE = re.compile(REDACTED_PATTERN)

#: The internal record schema every layout maps to (kind last; `file` names the source file).
RECORD_FIELDS: tuple[str, ...] = (
    "date",
    "aor",
    "aor_code",
    "state",
    "criminality",
    "conviction",
    "method",
    "program",
    "country",
    "gender",
    "duplicate_likely",
    "kind",
)
#: Text fields of the record schema: kept as written (redactions included), stored as Enum.
TEXT_FIELDS: tuple[str, ...] = (
    "aor",
    "state",
    "criminality",
    "conviction",
    "method",
    "program",
    "country",
    "gender",
)


def key(name: str) -> str:
    """A header as lower-case words joined by `_`: `Apprehension AOR` -> apprehension_aor."""
    return re.sub(r"[^0-9a-z]+", "_", name.strip().lower()).strip("_")


def is_redacted(value: object) -> bool:
    return isinstance(value, str) and bool(_REDACTED_RE.match(value))


def aor_name(value: str | None) -> str | None:
    """`New York City Area of Responsibility` -> `New York City`; anything else as it is."""
    if value is None:
        return None
    text = value.strip()
    if text.lower().endswith(AOR_SUFFIX.lower()):
        return text[: -len(AOR_SUFFIX)].strip()
    return value


def aor_code(name: str | None) -> str | None:
    if name is None:
        return None
    code = AOR_CODES.get(name)
    if code is None:
        by_lower = {k.lower(): v for k, v in AOR_CODES.items()}
        code = by_lower.get(name.strip().lower())
    return code


# -- layouts ----------------------------------------------------------------------------------

ARRESTS_2025_HEADERS: tuple[str, ...] = (
    "Apprehension Date",
    "Apprehension State",
    "Apprehension County",
    "Apprehension AOR",
    "Final Program",
    "Final Program Group",
    "Apprehension Method",
    "Apprehension Criminality",
    "Case Status",
    "Case Category",
    "Departed Date",
    "Departure Country",
    "Final Order Yes No",
    "Final Order Date",
    "Birth Date",
    "Birth Year",
    "Citizenship Country",
    "Gender",
    "Apprehension Site Landmark",
    "Alien File Number",
    "EID Case ID",
    "EID Subject ID",
    "Unique Identifier",
)
ARRESTS_2026_HEADERS: tuple[str, ...] = (
    "Apprehension Date",
    "Apprehension Type",
    "State",
    "County",
    "TOA Current Duty AOR",
    "Apprehension Final Program",
    "Arresting Agency",
    "Apprehension Method",
    "Apprehension Criminality",
    "Case Status",
    "Case Category",
    "Departure Country",
    "Final Order Yes No",
    "Birth Date",
    "Birth Year",
    "Citizenship Country",
    "Gender",
    "Departed Date",
    "Final Order Date",
    "Apprehension Site Landmark",
    "Operation",
    "TOA Current Duty Site",
    "Case Criminality",
    "Case Threat Level",
    "Anonymized Identifier",
)
DETAINERS_2026_HEADERS: tuple[str, ...] = (
    "Detainer Prepare Date",
    "Facility State",
    "Facility AOR",
    "Detainer Criminality",
    "Detainer Facility",
    "Facility City",
    "Gender",
    "Citizenship Country",
    "Birth Year",
    "MSC Charge",
    "MSC Charge Code",
    "MSC Sentence Days",
    "MSC Sentence Months",
    "MSC Sentence Years",
    "MSC Charge Date",
    "MSC Conviction Date",
    "Aggravated Felon Yes No",
    "Apprehension Method",
    "Apprehension Date",
    "Detainer Type",
    "Detainer Lift Reason",
    "Anonymized Identifier",
)
PROCESSED_EXTRA_HEADERS: tuple[str, ...] = (
    "apprehension_date_time",
    "duplicate_likely",
    "file_original",
    "sheet_original",
    "row_original",
    "most_serious_conviction_charge",
)

#: Every header name of a known layout, as keys: a row holding several of them is a header row.
KNOWN_HEADER_KEYS: frozenset[str] = frozenset(
    key(name)
    for name in (
        *ARRESTS_2025_HEADERS,
        *ARRESTS_2026_HEADERS,
        *DETAINERS_2026_HEADERS,
        *PROCESSED_EXTRA_HEADERS,
    )
)


@dataclass(frozen=True)
class Layout:
    """One release layout: which header keys identify it and where each record field lives."""

    name: str
    kind: Kind
    title: str
    #: All of these keys must be present to recognise the layout.
    markers: tuple[str, ...]
    #: record field -> candidate header keys, first present wins (absent: the field is null).
    fields: Mapping[str, tuple[str, ...]]
    #: Processed releases write snake_case headers; raw ones write words.
    processed: bool

    def resolve(self, columns: Sequence[str]) -> dict[str, str | None]:
        """record field -> the actual column name in this file (None when the file lacks it)."""
        by_key: dict[str, str] = {}
        for column in columns:
            by_key.setdefault(key(column), column)
        return {
            name: next((by_key[k] for k in keys if k in by_key), None)
            for name, keys in self.fields.items()
        }


_ARRESTS_FIELDS_2025: dict[str, tuple[str, ...]] = {
    "date": ("apprehension_date",),
    "aor": ("apprehension_aor",),
    "state": ("apprehension_state",),
    "criminality": ("apprehension_criminality",),
    "conviction": (),
    "method": ("apprehension_method",),
    "program": ("final_program",),
    "country": ("citizenship_country",),
    "gender": ("gender",),
    "duplicate_likely": ("duplicate_likely",),
}
_ARRESTS_FIELDS_2026: dict[str, tuple[str, ...]] = {
    **_ARRESTS_FIELDS_2025,
    "aor": ("toa_current_duty_aor",),
    "state": ("state",),
    "program": ("apprehension_final_program",),
}
_DETAINER_FIELDS: dict[str, tuple[str, ...]] = {
    "date": ("detainer_prepare_date",),
    "aor": ("facility_aor",),
    "state": ("facility_state",),
    "criminality": ("detainer_criminality",),
    "conviction": ("msc_charge", "most_serious_conviction_charge"),
    "method": ("apprehension_method",),
    "program": (),
    "country": ("citizenship_country",),
    "gender": ("gender",),
    "duplicate_likely": ("duplicate_likely",),
}

# Most specific first: the first layout whose markers are all present wins.
LAYOUTS: tuple[Layout, ...] = (
    Layout(
        name="detainers-processed",
        kind="detainers",
        title="ICE detainers (processed release)",
        markers=("detainer_prepare_date", "facility_aor", "most_serious_conviction_charge"),
        fields=_DETAINER_FIELDS,
        processed=True,
    ),
    Layout(
        name="detainers-2026",
        kind="detainers",
        title="ICE detainers (2026 raw release)",
        markers=("detainer_prepare_date", "facility_aor", "msc_charge"),
        fields=_DETAINER_FIELDS,
        processed=False,
    ),
    Layout(
        name="arrests-2026",
        kind="arrests",
        title="ICE arrests (2026 raw release)",
        markers=("apprehension_date", "toa_current_duty_aor", "apprehension_criminality"),
        fields=_ARRESTS_FIELDS_2026,
        processed=False,
    ),
    Layout(
        name="arrests-processed",
        kind="arrests",
        title="ICE arrests (processed release)",
        markers=("apprehension_date", "apprehension_aor", "apprehension_criminality"),
        fields=_ARRESTS_FIELDS_2025,
        processed=True,
    ),
    Layout(
        name="arrests-2025",
        kind="arrests",
        title="ICE arrests (2025 raw release)",
        markers=("apprehension_date", "apprehension_aor", "apprehension_criminality"),
        fields=_ARRESTS_FIELDS_2025,
        processed=False,
    ),
)


def detect_layout(columns: Sequence[str]) -> Layout | None:
    """The layout these headers belong to, or None for any other table."""
    keys = {key(c) for c in columns}
    snake = all(c == key(c) for c in columns if key(c) in KNOWN_HEADER_KEYS)
    for layout in LAYOUTS:
        if not all(m in keys for m in layout.markers):
            continue
        if layout.kind == "arrests" and layout.name != "arrests-2026":
            processed = snake or "duplicate_likely" in keys
            if layout.processed != processed:
                continue
        return layout
    return None


def find_header_row(rows: Sequence[Sequence[object]]) -> int | None:
    """The index of the header among the first rows of a sheet or text file.

    A row naming at least three known ICE headers wins. Otherwise, when the first row holds a
    single cell (a title), the header is the first row at least as wide as most rows below the
    titles; else it is the first row. None when every row is empty.
    """
    for index, row in enumerate(rows):
        hits = sum(1 for cell in row if isinstance(cell, str) and key(cell) in KNOWN_HEADER_KEYS)
        if hits >= 3:
            return index
    widths = [sum(1 for cell in row if cell not in (None, "")) for row in rows]
    if not widths or max(widths) == 0:
        return None
    first = next(i for i, width in enumerate(widths) if width > 0)
    if widths[first] > 1:
        return first
    wide = [width for width in widths if width > 1]
    if not wide:
        return first
    common = max(set(wide), key=lambda width: (wide.count(width), -width))
    return next(i for i, width in enumerate(widths) if width >= common)


# -- values -----------------------------------------------------------------------------------

_EXCEL_EPOCH = date(1899, 12, 30)
#: Dates outside these are typing errors (0202 for 2022, 2202 for 2022), not records: refused,
#: as an unreadable date is, rather than stretching every period and month column to them.
FIRST_DATE, LAST_DATE = date(1900, 1, 1), date(2099, 12, 31)
#: Excel serial day numbers accepted as dates: 1900-01-01 .. 2099-12-31.
_EXCEL_MIN, _EXCEL_MAX = 1, (LAST_DATE - _EXCEL_EPOCH).days
_DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%Y/%m/%d")
_DATETIME_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%Y-%m-%dT%H:%M:%SZ",
    "%Y-%m-%dT%H:%M:%S%.fZ",
)
DATE_RULE = (
    "dates are read as ISO (2024-01-31), ISO date-times (the time is dropped), US month/day/year "
    "(01/31/2024) or Excel day numbers, from 1900 to 2099"
)


def parse_dates(values: pl.Series) -> pl.Series:
    """Dates from a column of any type; a value that is none of the accepted forms gives null.

    Meant for the few distinct values of a column (aggregate first, then parse).
    """
    dtype = values.dtype
    if dtype == pl.Date:
        return _in_range(values)
    if isinstance(dtype, pl.Datetime):
        return _in_range(values.dt.date())
    if dtype.is_numeric():
        return _excel_dates(values.cast(pl.Float64, strict=False))
    frame = pl.DataFrame({"v": values.cast(pl.String)})
    return frame.select(text_date_expr(pl.col("v"))).to_series().alias(values.name)


_DATE_FORMS: tuple[tuple[str, str], ...] = (
    (r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$", "ISO (2024-01-31)"),
    (r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}[ T]", "ISO date-time"),
    (r"^[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}$", "month/day/year (01/31/2024)"),
    (r"^[0-9]{1,2}/[0-9]{1,2}/[0-9]{4} ", "month/day/year with a time"),
    (r"^[0-9]{4}/[0-9]{1,2}/[0-9]{1,2}$", "year/month/day (2024/01/31)"),
    (r"^[0-9]+(\.[0-9]*)?$", "Excel day number (45322)"),
)


def date_forms(values: pl.Series) -> list[str]:
    """The forms the text dates of a column are written in (for a note when they are mixed)."""
    if values.dtype != pl.String:
        return []
    text = values.drop_nulls().str.strip_chars()
    return [name for pattern, name in _DATE_FORMS if text.str.contains(pattern).any()]


def _in_range(dates: pl.Series) -> pl.Series:
    inside = dates.is_between(FIRST_DATE, LAST_DATE)
    return pl.select(pl.when(inside).then(dates).otherwise(None)).to_series().alias(dates.name)


def text_date_expr(text: pl.Expr) -> pl.Expr:
    """An expression parsing text dates in any accepted form (null when none fits)."""
    text = text.str.strip_chars()
    serial = text.cast(pl.Float64, strict=False).floor()
    epoch_days = (_EXCEL_EPOCH - date(1970, 1, 1)).days
    excel = (
        pl.when(serial.is_between(_EXCEL_MIN, _EXCEL_MAX))
        .then(serial.cast(pl.Int64, strict=False) + epoch_days)
        .otherwise(None)
        .cast(pl.Int32)
        .cast(pl.Date)
    )
    parsed = pl.coalesce(
        *(text.str.to_date(fmt, strict=False) for fmt in _DATE_FORMATS),
        *(text.str.to_datetime(fmt, strict=False).dt.date() for fmt in _DATETIME_FORMATS),
        excel,
    )
    return pl.when(parsed.is_between(FIRST_DATE, LAST_DATE)).then(parsed).otherwise(None)


def _excel_dates(serials: pl.Series) -> pl.Series:
    days = serials.floor()
    ok = (days >= _EXCEL_MIN) & (days <= _EXCEL_MAX)
    offset = pl.select(
        pl.when(ok).then(days.cast(pl.Int64, strict=False)).otherwise(None)
    ).to_series()
    epoch_days = (_EXCEL_EPOCH - date(1970, 1, 1)).days
    return (offset + epoch_days).cast(pl.Int32).cast(pl.Date).alias(serials.name)


def parse_bools(values: pl.Series) -> pl.Series:
    """true/false, yes/no, 1/0 (any case) as booleans; anything else null."""
    if values.dtype == pl.Boolean:
        return values
    if values.dtype.is_numeric():
        return pl.select(
            pl.when(values == 1).then(True).when(values == 0).then(False).otherwise(None)
        ).to_series()
    text = values.cast(pl.String).str.strip_chars().str.to_lowercase()
    truth = {"true": True, "t": True, "yes": True, "y": True, "1": True}
    falsehood = {"false": False, "f": False, "no": False, "n": False, "0": False}
    return text.replace_strict({**truth, **falsehood}, default=None, return_dtype=pl.Boolean)


def day_span(start: date, end: date) -> int:
    """Days in an inclusive period."""
    return (end - start).days + 1


def shift_year(day: date, years: int) -> date:
    """The same calendar day `years` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)

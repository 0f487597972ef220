"""The ICE FOIA record layouts, recognised by their headers, and the one record schema.

Every layout maps to the same record fields (see `RECORD_FIELDS`). Headers are compared by a
normalised key (lower case, runs of anything but letters and digits as one `_`), so the raw
headers (`Apprehension AOR`) and the processed snake_case ones (`apprehension_aor`) meet.

Values are never rewritten on the way in except where the schema says so: `aor` drops the
trailing " Area of Responsibility", `aor_code` is looked up from the reference list, dates are
parsed. Redacted cells (`b(6), b(7)c`, ...) are kept as they are (see `tables.values`).
Nulls stay null, never zero or "".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import polars as pl

from tui.core.tables.header import header_key

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
    header_key(name)
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
            by_key.setdefault(header_key(column), column)
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
    keys = {header_key(c) for c in columns}
    snake = all(c == header_key(c) for c in columns if header_key(c) in KNOWN_HEADER_KEYS)
    for layout in LAYOUTS:
        if not all(m in keys for m in layout.markers):
            continue
        if layout.kind == "arrests" and layout.name != "arrests-2026":
            processed = snake or "duplicate_likely" in keys
            if layout.processed != processed:
                continue
        return layout
    return None

"""The column layouts of the synthetic ICE releases, and the generator's types."""

from __future__ import annotations

import datetime as dt
from typing import Literal

import numpy as np
import numpy.typing as npt

ArrestLayout = Literal["2025", "2026", "processed"]
DetainerLayout = Literal["2026", "processed"]
Kind = Literal["arrests", "detainers"]
Format = Literal["csv", "tsv", "parquet", "ndjson", "xlsx"]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

#: Rows per generation chunk. Part of the output contract: changing it changes the data.
CHUNK_ROWS = 1_000_000
#: Share of arrest rows that repeat an earlier row (``duplicate_likely``).
DUPLICATE_RATE = 0.05
EXCEL_MAX_ROWS = 1_048_576

# --------------------------------------------------------------------------------------------
# Column layouts
# --------------------------------------------------------------------------------------------

ARRESTS_2025_COLUMNS: tuple[str, ...] = (
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

ARRESTS_2026_COLUMNS: tuple[str, ...] = (
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

DETAINERS_2026_COLUMNS: tuple[str, ...] = (
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


def _snake(name: str) -> str:
    return name.strip().lower().replace(" ", "_")


ARRESTS_PROCESSED_COLUMNS: tuple[str, ...] = (
    *(_snake(c) for c in ARRESTS_2025_COLUMNS),
    "apprehension_date_time",
    "duplicate_likely",
    "file_original",
    "sheet_original",
    "row_original",
)

DETAINERS_PROCESSED_COLUMNS: tuple[str, ...] = tuple(
    "most_serious_conviction_charge" if c == "MSC Charge" else _snake(c)
    for c in DETAINERS_2026_COLUMNS
)

#: Processed arrest columns that a ``duplicate_likely`` row shares with an earlier row.
DUPLICATE_KEY_COLUMNS: tuple[str, ...] = (
    "unique_identifier",
    "apprehension_date",
    "apprehension_aor",
    "apprehension_state",
    "apprehension_method",
    "apprehension_criminality",
    "gender",
    "citizenship_country",
    "birth_year",
    "apprehension_site_landmark",
)

#: Nominal coverage (first and last date) of each generated release.
DATE_RANGES: dict[str, tuple[dt.date, dt.date]] = {
    "2025": (dt.date(2023, 9, 1), dt.date(2025, 7, 29)),
    "2026": (dt.date(2024, 1, 1), dt.date(2026, 6, 30)),
}

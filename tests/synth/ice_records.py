"""Synthetic ICE enforcement record files that follow the real FOIA release layouts.

Layouts, vocabularies and redaction tokens come from ``shared/reference/ice-records.md``:

* arrests, raw release 2025 (23 columns, dates 2023-09-01..2025-07-29),
* arrests, raw release 2026 (25 columns, dates 2024-01-01..2026-06-30),
* arrests, processed (snake_case of the 2025 names plus ``apprehension_date_time``,
  ``duplicate_likely``, ``file_original``, ``sheet_original``, ``row_original``),
* detainers, raw release 2026 (22 columns) and processed (snake_case, ``MSC Charge`` renamed to
  ``most_serious_conviction_charge``).

Everything is vectorised with numpy and polars and deterministic for a given seed. Rows are
generated in chunks of :data:`CHUNK_ROWS`, each from its own seeded stream, so
``iter_arrests(...)`` can stream ten million rows into a Parquet file in bounded memory while
``arrests(...)`` returns exactly the concatenation of those chunks.

Command line (one line of output: rows written, path, seconds)::

    python tests/synth/ice_records.py --kind arrests --layout 2025 --rows 100000 \\
        --format xlsx --seed 2017 --out bench-data/arrests.xlsx
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import itertools
import math
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, cast, get_args

import numpy as np
import numpy.typing as npt
import polars as pl
import xlsxwriter  # type: ignore[import-untyped]
from polars.io.plugins import register_io_source

__all__ = [
    "AOR_CODES",
    "AOR_NAMES",
    "APPREHENSION_METHODS",
    "ARRESTS_2025_COLUMNS",
    "ARRESTS_2026_COLUMNS",
    "ARRESTS_PROCESSED_COLUMNS",
    "CASE_CATEGORIES",
    "CASE_STATUSES",
    "CHUNK_ROWS",
    "CITIZENSHIP_COUNTRIES",
    "CRIMINALITY",
    "DATE_RANGES",
    "DETAINERS_2026_COLUMNS",
    "DETAINERS_PROCESSED_COLUMNS",
    "DUPLICATE_KEY_COLUMNS",
    "FINAL_PROGRAMS",
    "GENDERS",
    "MSC_CHARGES",
    "REDACTION_TOKENS",
    "STATES",
    "YES_NO",
    "arrests",
    "detainers",
    "iter_arrests",
    "iter_detainers",
    "main",
    "write",
]

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

# --------------------------------------------------------------------------------------------
# Vocabularies
# --------------------------------------------------------------------------------------------

CRIMINALITY: tuple[str, ...] = (
    "1 Convicted Criminal",
    "2 Pending Criminal Charges",
    "3 Other Immigration Violator",
)
GENDERS: tuple[str, ...] = ("Male", "Female", "Unknown")
YES_NO: tuple[str, ...] = ("YES", "NO")
REDACTION_TOKENS: tuple[str, ...] = ("b(6), b(7)c", "b(6), b(7)C", "(b)(6)(b)(7)(c)")
_REDACTION_P = (0.6, 0.25, 0.15)

APPREHENSION_METHODS: tuple[str, ...] = (
    "Located",
    "Non-Custodial Arrest",
    "Custodial Arrest",
    "CAP Local/State/Federal Incarceration",
    "Probation and Parole",
    "287(g) Program",
    "Worksite Enforcement",
    "Traffic Check",
    "Law Enforcement Agency Response Unit",
)
_M_LOCATED, _M_NONCUST, _M_CUSTODIAL, _M_CAP, _M_PROBATION, _M_287G = 0, 1, 2, 3, 4, 5
_M_WORKSITE, _M_TRAFFIC, _M_LEARU = 6, 7, 8

FINAL_PROGRAMS: tuple[str, ...] = (
    "ERO Criminal Alien Program",
    "Fugitive Operations",
    "Non-Detained Docket Control",
    "287G Program",
)

# Program given method (rows follow APPREHENSION_METHODS, columns FINAL_PROGRAMS).
_PROGRAM_GIVEN_METHOD = np.array(
    [
        [0.05, 0.70, 0.25, 0.00],
        [0.15, 0.45, 0.40, 0.00],
        [0.80, 0.05, 0.10, 0.05],
        [0.97, 0.01, 0.02, 0.00],
        [0.85, 0.10, 0.05, 0.00],
        [0.04, 0.00, 0.01, 0.95],
        [0.10, 0.30, 0.60, 0.00],
        [0.20, 0.50, 0.30, 0.00],
        [0.90, 0.05, 0.05, 0.00],
    ]
)

# Method mix before 2025 and after the 2025 ramp-up (interpolated month by month).
_METHOD_P_BEFORE = np.array([0.17, 0.08, 0.08, 0.52, 0.04, 0.05, 0.005, 0.015, 0.04])
_METHOD_P_AFTER = np.array([0.30, 0.14, 0.10, 0.27, 0.03, 0.11, 0.015, 0.015, 0.02])

# Criminality given method: (convicted, pending, other) before the 2025 shift.
_CRIM_GIVEN_METHOD = np.array(
    [
        [0.30, 0.17, 0.53],
        [0.25, 0.20, 0.55],
        [0.62, 0.28, 0.10],
        [0.66, 0.28, 0.06],
        [0.75, 0.20, 0.05],
        [0.45, 0.40, 0.15],
        [0.10, 0.10, 0.80],
        [0.25, 0.25, 0.50],
        [0.55, 0.35, 0.10],
    ]
)

CASE_STATUSES: tuple[str, ...] = (
    "ACTIVE",
    "0-Withdrawal Permitted - I-275 Issued",
    "3-Voluntary Departure Confirmed",
    "5-Title 50 Expulsion",
    "6-Deported/Removed - Deportability",
    "7-Died",
    "8-Excluded/Deported/Removed",
    "8-Excluded/Removed - Inadmissibility",
    "9-VR Witnessed",
    "10-USC Prosecution Case Closed",
    "A-Proceedings Terminated",
    "B-Relief Granted",
    "E-Charging Document Canceled by ICE",
    "L-Legalization - Permanent Residence Granted",
    "Z-SAW - Permanent Residence Granted",
)
# Rows: not removed, removed.
_STATUS_P = np.array(
    [
        [0.9, 0, 0, 0, 0, 0.001, 0, 0, 0, 0.005, 0.04, 0.025, 0.02, 0.0005, 0.0005],
        [0, 0.02, 0.12, 0.002, 0.33, 0, 0.05, 0.44, 0.04, 0, 0, 0, 0, 0, 0],
    ]
)

# Case category: name, weight if not removed, weight if removed, P(final order).
_CATEGORY_TABLE: tuple[tuple[str, float, float, float], ...] = (
    ("[10] Visa Waiver Deportation / Removal", 0.5, 2, 0.95),
    ("[11] Administrative Deportation / Removal", 0.8, 8, 0.95),
    ("[12] Judicial Deportation / Removal", 0.5, 0.3, 0.95),
    ("[13] Section 250 Removal", 0.02, 0.01, 0.9),
    ("[14] Crewmen, Stowaways, S-Visa Holders, 235(c) Cases", 0.02, 0.05, 0.5),
    ("[15] Terrorist Court Case (Title 5)", 0.001, 0, 0.5),
    ("[16] Reinstated Final Order", 12, 25, 0.97),
    ("[17] USC Prosecution Case", 0.1, 0, 0.2),
    ("[1A] Voluntary Departure - Un-Expired and Un-Extended Departure Period", 1, 5, 0.1),
    ("[1B] Voluntary Departure - Extended Departure Period", 0.3, 1, 0.1),
    ("[1C] Expired Voluntary Departure Period - Referred to Investigation", 0.5, 0.2, 0.3),
    ("[2A] Deportable - Under Adjudication by IJ", 20, 0, 0.04),
    ("[2B] Deportable - Under Adjudication by BIA", 3, 0, 0.08),
    ("[3] Deportable - Administratively Final Order", 8, 20, 0.95),
    ("[5A] Referred for Investigation - No Show for Hearing - No Final Order", 1, 0, 0.1),
    ("[5B] Removable - ICE Fugitive", 5, 1, 0.95),
    ("[5C] Relief Granted - Withholding of Deportation / Removal", 0.5, 0, 0.9),
    ("[5D] Final Order of Deportation / Removal - Deferred Action Granted", 2, 0, 0.95),
    ("[5E] Relief Granted - Extended Voluntary Departure", 0.1, 0, 0.1),
    ("[5F] Unable to Obtain Travel Document", 1, 0, 0.95),
    ("[8A] Excludable / Inadmissible - Hearing Not Commenced", 0.5, 0, 0.02),
    ("[8B] Excludable / Inadmissible - Under Adjudication by IJ", 30, 0, 0.04),
    ("[8C] Excludable / Inadmissible - Administrative Final Order Issued", 5, 15, 0.95),
    ("[8D] Excludable / Inadmissible - Under Adjudication by BIA", 2, 0, 0.08),
    ("[8E] Inadmissible - ICE Fugitive", 2, 0.5, 0.95),
    ("[8F] Expedited Removal", 4, 20, 0.97),
    ("[8G] Expedited Removal - Credible Fear Referral", 4, 0, 0.2),
    ("[8H] Expedited Removal - Status Claim Referral", 0.2, 0.2, 0.2),
    ("[8I] Inadmissible - ICE Fugitive - Expedited Removal", 0.5, 3, 0.95),
    ("[8K] Expedited Removal Terminated due to Credible Fear Finding / NTA Issued", 1, 0, 0.05),
    ("[9] VR Under Safeguards", 0.2, 2, 0.3),
    ("[H] Historical Category For Migration Only", 0.01, 0, 0.3),
)
CASE_CATEGORIES: tuple[str, ...] = tuple(row[0] for row in _CATEGORY_TABLE)
_CATEGORY_P = np.array([[row[1] for row in _CATEGORY_TABLE], [row[2] for row in _CATEGORY_TABLE]])
_FINAL_ORDER_CATEGORY_P = np.array([row[3] for row in _CATEGORY_TABLE])

_CITIZENSHIP_TABLE: tuple[tuple[str, float], ...] = (
    ("MEXICO", 37),
    ("GUATEMALA", 14),
    ("HONDURAS", 12),
    ("EL SALVADOR", 5.5),
    ("VENEZUELA", 5),
    ("COLOMBIA", 3.5),
    ("ECUADOR", 3.5),
    ("CUBA", 2.3),
    ("NICARAGUA", 2.3),
    ("DOMINICAN REPUBLIC", 2),
    ("HAITI", 1.4),
    ("BRAZIL", 1.3),
    ("INDIA", 1.3),
    ("PERU", 0.9),
    ("CHINA, PEOPLES REPUBLIC OF", 0.8),
    ("JAMAICA", 0.6),
    ("VIETNAM", 0.4),
    ("ROMANIA", 0.3),
    ("PHILIPPINES", 0.3),
    ("NIGERIA", 0.3),
    ("RUSSIA", 0.3),
    ("UKRAINE", 0.2),
    ("CANADA", 0.25),
    ("KOREA, SOUTH", 0.15),
    ("GHANA", 0.2),
    ("BELIZE", 0.15),
    ("PAKISTAN", 0.2),
    ("BANGLADESH", 0.15),
    ("CHILE", 0.2),
    ("ARGENTINA", 0.1),
    ("TURKEY", 0.2),
    ("MAURITANIA", 0.25),
    ("SENEGAL", 0.15),
    ("AFGHANISTAN", 0.1),
    ("IRAN", 0.1),
    ("UNITED KINGDOM", 0.1),
    ("COSTA RICA", 0.1),
    ("PANAMA", 0.05),
    ("BOLIVIA", 0.1),
    ("GUYANA", 0.05),
    ("TRINIDAD AND TOBAGO", 0.05),
    ("UZBEKISTAN", 0.1),
    ("EGYPT", 0.05),
    ("ETHIOPIA", 0.05),
)
CITIZENSHIP_COUNTRIES: tuple[str, ...] = tuple(row[0] for row in _CITIZENSHIP_TABLE)
_CITIZENSHIP_W = np.array([row[1] for row in _CITIZENSHIP_TABLE])
# Third countries that sometimes receive removals of other nationals.
_THIRD_COUNTRIES = np.array(
    [CITIZENSHIP_COUNTRIES.index(c) for c in ("MEXICO", "EL SALVADOR", "COSTA RICA", "PANAMA")]
)

_ARRESTING_AGENCIES: tuple[str, ...] = ("ICE", "CBP", "FBI", "DEA", "ATF", "USMS")
_AGENCY_P = np.array([[0.995, 0.003, 0.001, 0.001, 0, 0], [0.86, 0.08, 0.02, 0.02, 0.01, 0.01]])
_APPREHENSION_TYPES: tuple[str, ...] = ("Targeted", "Collateral")
_THREAT_LEVELS: tuple[str, ...] = ("1", "2", "3")
# Threat level given case criminality; the last column is "no threat level" (null).
_THREAT_P = np.array([[0.35, 0.3, 0.35, 0.0], [0.0, 0.05, 0.3, 0.65], [0, 0, 0, 1.0]])
# Case criminality (as of extraction) given apprehension criminality.
_CASE_CRIM_P = np.array([[1.0, 0, 0], [0.15, 0.85, 0], [0.02, 0.03, 0.95]])

# Named operations (2026 layout "Operation"): name, AOR code, first and last day.
_OPERATIONS: tuple[tuple[str, str, dt.date, dt.date], ...] = (
    ("Operation Patriot", "BOS", dt.date(2025, 5, 1), dt.date(2025, 5, 31)),
    ("Operation Midway Blitz", "CHI", dt.date(2025, 9, 8), dt.date(2025, 11, 30)),
    ("Operation Patriot 2.0", "BOS", dt.date(2025, 9, 1), dt.date(2025, 9, 30)),
    ("Operation Charlotte's Web", "ATL", dt.date(2025, 11, 15), dt.date(2025, 11, 30)),
    ("Operation Catahoula Crunch", "NOL", dt.date(2025, 12, 3), dt.date(2025, 12, 31)),
    ("Operation Metro Surge", "SPM", dt.date(2025, 12, 1), dt.date(2026, 2, 28)),
)

# Most serious conviction: NCIC-style name, code, weight, mean sentence days, P(aggravated felon).
MSC_CHARGES: tuple[tuple[str, str], ...]
_MSC_TABLE: tuple[tuple[str, str, float, float, float], ...] = (
    ("Driving Under Influence Liquor", "5404", 106.8, 45, 0.002),
    ("Illegal Entry (INA SEC.101(a)(43)(O), 8USC1325 only)", "0301", 67.4, 60, 0.0),
    ("Assault", "1399", 55.6, 120, 0.04),
    ("Traffic Offense", "5499", 50.7, 15, 0.0),
    ("Illegal Re-Entry (INA SEC.101(a)(43)(O), 8USC1326 only)", "0304", 42.8, 420, 0.35),
    ("Drug Trafficking", "3570", 25.8, 1500, 0.85),
    ("Larceny", "2399", 23.6, 90, 0.05),
    ("Burglary", "2299", 18.5, 500, 0.4),
    ("Dangerous Drugs", "3599", 17.8, 240, 0.2),
    ("Domestic Violence", "1313", 17.8, 120, 0.05),
    ("Sex Assault", "1199", 17.0, 1800, 0.7),
    ("Resisting Officer", "4801", 13.5, 60, 0.0),
    ("Smuggling Aliens", "0303", 12.9, 500, 0.6),
    ("Aggravated Assault - Weapon", "1315", 12.9, 900, 0.5),
    ("Trespassing", "5707", 12.2, 20, 0.0),
    ("Cocaine - Sell", "3530", 10.3, 1200, 0.8),
    ("Robbery", "1299", 10.3, 1400, 0.7),
    ("Possession Of Weapon", "5212", 10.0, 300, 0.2),
    ("Drug Possession", "3580", 9.9, 90, 0.05),
    ("Battery", "1314", 9.8, 90, 0.03),
    ("Hit and Run", "5402", 8.8, 60, 0.0),
    ("Disorderly Conduct", "5311", 7.7, 15, 0.0),
    ("Fraud", "2699", 7.1, 300, 0.2),
    ("Public Order Crimes", "7399", 9.5, 30, 0.0),
    ("Sex Offense Against Child-Fondling", "3613", 4.0, 2200, 0.8),
    ("Homicide-Negligent Manslaughter-Vehicle", "0910", 0.8, 1800, 0.4),
)
MSC_CHARGES = tuple((name, code) for name, code, *_ in _MSC_TABLE)
_MSC_W = np.array([row[2] for row in _MSC_TABLE])
_MSC_SENTENCE_MEAN = np.array([row[3] for row in _MSC_TABLE])
_MSC_AGGFEL_P = np.array([row[4] for row in _MSC_TABLE])

_DETAINER_TYPES: tuple[str, ...] = (
    "I247A - Immigration Detainer - Immigration Detainer - Notice of Action",
    "I247N - Request for Voluntary Notification of Release of Suspected Priority Alien",
    "I247D - Immigration Detainer - Request for Voluntary Action",
)
_DETAINER_TYPE_P = (0.93, 0.05, 0.02)
_LIFT_REASONS: tuple[str, ...] = (
    "Booked into Detention",
    "Detainer Declined by LEA",
    "Case Closed",
    "Duplicate",
    "Early Release",
    "ICE Temporary Resource Constraint",
    "Insufficient Notice to ICE",
    "No longer in State, Local, or Federal Custody",
    "Not Amenable to Removal",
    "Prosecutorial Discretion",
    "Superseding - New Form Issued",
    "USC or Presumptive Claim to US Citizenship",
)
_LIFT_NOT_BOOKED_P = (0, 0.25, 0.1, 0.07, 0.15, 0.04, 0.05, 0.15, 0.03, 0.05, 0.08, 0.03)
# Apprehension method for detainers that led to an arrest.
_DETAINER_METHOD_P = np.zeros(len(APPREHENSION_METHODS))
_DETAINER_METHOD_P[[_M_CAP, _M_CUSTODIAL, _M_287G, _M_PROBATION, _M_LEARU]] = [
    0.78,
    0.08,
    0.09,
    0.03,
    0.02,
]
_FACILITY_TEMPLATES: tuple[str, ...] = (
    "{county} JAIL",
    "{county} DETENTION CENTER",
    "{county} SHERIFF'S OFFICE",
    "{city} CITY JAIL",
    "{state} DEPARTMENT OF CORRECTIONS",
)
_FACILITY_TEMPLATE_P = (0.5, 0.18, 0.12, 0.08, 0.12)

_LANDMARK_TEMPLATES: tuple[str, ...] = (
    "FUGITIVE OPERATIONS STREET ARREST",
    "GENERAL AREA, NON-SPECIFIC",
    "COUNTY JAIL",
    "STATE PRISON",
    "FEDERAL PRISON",
    "ERO FIELD OFFICE",
    "287(G) JAIL MODEL",
    "PROBATION AND PAROLE OFFICE",
    "WORKSITE OPERATION",
    "NON-DETAINED DOCKET CHECK-IN",
)
# Landmark template given method.
_LANDMARK_GIVEN_METHOD = np.array(
    [
        [0.75, 0.15, 0, 0, 0, 0.05, 0, 0, 0, 0.05],
        [0.45, 0.25, 0, 0, 0, 0.15, 0, 0, 0.05, 0.10],
        [0.05, 0.10, 0.55, 0.15, 0.05, 0.10, 0, 0, 0, 0],
        [0, 0.05, 0.60, 0.25, 0.10, 0, 0, 0, 0, 0],
        [0.05, 0.05, 0.05, 0, 0, 0.05, 0, 0.80, 0, 0],
        [0, 0.05, 0.15, 0, 0, 0, 0.80, 0, 0, 0],
        [0, 0.10, 0, 0, 0, 0, 0, 0, 0.90, 0],
        [0.40, 0.60, 0, 0, 0, 0, 0, 0, 0, 0],
        [0.05, 0.15, 0.70, 0, 0, 0.10, 0, 0, 0, 0],
    ]
)

# --------------------------------------------------------------------------------------------
# Geography: AORs and the places (state, county, city) inside them
# --------------------------------------------------------------------------------------------

# AOR code, name, relative share of arrests.
_AOR_TABLE: tuple[tuple[str, str, float], ...] = (
    ("ATL", "Atlanta", 9),
    ("BAL", "Baltimore", 1.5),
    ("BOS", "Boston", 2.5),
    ("BUF", "Buffalo", 1.2),
    ("CHI", "Chicago", 5),
    ("DAL", "Dallas", 9),
    ("DEN", "Denver", 2.5),
    ("DET", "Detroit", 2.5),
    ("ELP", "El Paso", 2.5),
    ("HAL", "Harlingen", 2.5),
    ("HOU", "Houston", 10),
    ("LOS", "Los Angeles", 4.5),
    ("MIA", "Miami", 7),
    ("NEW", "Newark", 2.5),
    ("NOL", "New Orleans", 7),
    ("NYC", "New York City", 3),
    ("PHI", "Philadelphia", 3),
    ("PHO", "Phoenix", 5),
    ("SEA", "Seattle", 2),
    ("SFR", "San Francisco", 2.5),
    ("SLC", "Salt Lake City", 3),
    ("SNA", "San Antonio", 6),
    ("SND", "San Diego", 2),
    ("SPM", "St. Paul", 2.5),
    ("WAS", "Washington", 3.5),
    ("HQ", "HQ", 0.3),
)
AOR_CODES: dict[str, str] = {code: name for code, name, _w in _AOR_TABLE}
_AOR_KEYS: tuple[str, ...] = tuple(AOR_CODES)
#: AOR values as written in raw and processed files: ``<Name> Area of Responsibility``.
AOR_NAMES: tuple[str, ...] = tuple(f"{name} Area of Responsibility" for name in AOR_CODES.values())
_AOR_W = np.array([row[2] for row in _AOR_TABLE])
# (AOR code, first month, last month) -> weight multiplier.
_AOR_BOOSTS: tuple[tuple[str, tuple[int, int], tuple[int, int], float], ...] = (
    ("LOS", (2025, 6), (2025, 7), 2.0),
    ("BOS", (2025, 5), (2025, 5), 1.6),
    ("WAS", (2025, 8), (2025, 9), 1.6),
    ("BOS", (2025, 9), (2025, 9), 1.5),
    ("CHI", (2025, 9), (2025, 11), 2.5),
    ("ATL", (2025, 11), (2025, 11), 1.4),
    ("NOL", (2025, 12), (2025, 12), 1.8),
    ("SPM", (2025, 12), (2026, 2), 3.0),
)

_Place = tuple[str, str, float, tuple[tuple[str | None, str], ...]]
_AOR_PLACES: dict[str, tuple[_Place, ...]] = {
    "ATL": (
        (
            "GEORGIA",
            "GA",
            0.55,
            (
                ("FULTON COUNTY", "ATLANTA"),
                ("GWINNETT COUNTY", "LAWRENCEVILLE"),
                ("COBB COUNTY", "MARIETTA"),
                ("HALL COUNTY", "GAINESVILLE"),
            ),
        ),
        (
            "NORTH CAROLINA",
            "NC",
            0.30,
            (
                ("MECKLENBURG COUNTY", "CHARLOTTE"),
                ("WAKE COUNTY", "RALEIGH"),
                ("GUILFORD COUNTY", "GREENSBORO"),
            ),
        ),
        (
            "SOUTH CAROLINA",
            "SC",
            0.15,
            (("CHARLESTON COUNTY", "CHARLESTON"), ("GREENVILLE COUNTY", "GREENVILLE")),
        ),
    ),
    "BAL": (
        (
            "MARYLAND",
            "MD",
            1.0,
            (
                ("BALTIMORE CITY", "BALTIMORE"),
                ("MONTGOMERY COUNTY", "ROCKVILLE"),
                ("PRINCE GEORGE'S COUNTY", "UPPER MARLBORO"),
                ("FREDERICK COUNTY", "FREDERICK"),
            ),
        ),
    ),
    "BOS": (
        (
            "MASSACHUSETTS",
            "MA",
            0.55,
            (
                ("SUFFOLK COUNTY", "BOSTON"),
                ("MIDDLESEX COUNTY", "CAMBRIDGE"),
                ("ESSEX COUNTY", "LAWRENCE"),
                ("WORCESTER COUNTY", "WORCESTER"),
            ),
        ),
        (
            "CONNECTICUT",
            "CT",
            0.20,
            (("HARTFORD COUNTY", "HARTFORD"), ("FAIRFIELD COUNTY", "BRIDGEPORT")),
        ),
        ("RHODE ISLAND", "RI", 0.10, (("PROVIDENCE COUNTY", "PROVIDENCE"),)),
        ("NEW HAMPSHIRE", "NH", 0.07, (("HILLSBOROUGH COUNTY", "MANCHESTER"),)),
        ("MAINE", "ME", 0.05, (("CUMBERLAND COUNTY", "PORTLAND"),)),
        ("VERMONT", "VT", 0.03, (("CHITTENDEN COUNTY", "BURLINGTON"),)),
    ),
    "BUF": (
        (
            "NEW YORK",
            "NY",
            1.0,
            (
                ("ERIE COUNTY", "BUFFALO"),
                ("MONROE COUNTY", "ROCHESTER"),
                ("ONONDAGA COUNTY", "SYRACUSE"),
                ("ALBANY COUNTY", "ALBANY"),
            ),
        ),
    ),
    "CHI": (
        (
            "ILLINOIS",
            "IL",
            0.55,
            (("COOK COUNTY", "CHICAGO"), ("KANE COUNTY", "AURORA"), ("LAKE COUNTY", "WAUKEGAN")),
        ),
        ("INDIANA", "IN", 0.15, (("MARION COUNTY", "INDIANAPOLIS"), ("LAKE COUNTY", "GARY"))),
        ("WISCONSIN", "WI", 0.12, (("MILWAUKEE COUNTY", "MILWAUKEE"), ("DANE COUNTY", "MADISON"))),
        (
            "MISSOURI",
            "MO",
            0.10,
            (("JACKSON COUNTY", "KANSAS CITY"), ("ST. LOUIS COUNTY", "CLAYTON")),
        ),
        ("KENTUCKY", "KY", 0.05, (("JEFFERSON COUNTY", "LOUISVILLE"),)),
        ("KANSAS", "KS", 0.03, (("WYANDOTTE COUNTY", "KANSAS CITY"),)),
    ),
    "DAL": (
        (
            "TEXAS",
            "TX",
            0.85,
            (
                ("DALLAS COUNTY", "DALLAS"),
                ("TARRANT COUNTY", "FORT WORTH"),
                ("COLLIN COUNTY", "MCKINNEY"),
                ("DENTON COUNTY", "DENTON"),
                ("LUBBOCK COUNTY", "LUBBOCK"),
            ),
        ),
        (
            "OKLAHOMA",
            "OK",
            0.15,
            (("OKLAHOMA COUNTY", "OKLAHOMA CITY"), ("TULSA COUNTY", "TULSA")),
        ),
    ),
    "DEN": (
        (
            "COLORADO",
            "CO",
            0.9,
            (
                ("DENVER COUNTY", "DENVER"),
                ("ADAMS COUNTY", "BRIGHTON"),
                ("ARAPAHOE COUNTY", "AURORA"),
                ("EL PASO COUNTY", "COLORADO SPRINGS"),
            ),
        ),
        ("WYOMING", "WY", 0.1, (("LARAMIE COUNTY", "CHEYENNE"),)),
    ),
    "DET": (
        (
            "MICHIGAN",
            "MI",
            0.6,
            (
                ("WAYNE COUNTY", "DETROIT"),
                ("KENT COUNTY", "GRAND RAPIDS"),
                ("OAKLAND COUNTY", "PONTIAC"),
            ),
        ),
        (
            "OHIO",
            "OH",
            0.4,
            (
                ("FRANKLIN COUNTY", "COLUMBUS"),
                ("CUYAHOGA COUNTY", "CLEVELAND"),
                ("HAMILTON COUNTY", "CINCINNATI"),
                ("BUTLER COUNTY", "HAMILTON"),
            ),
        ),
    ),
    "ELP": (
        (
            "TEXAS",
            "TX",
            0.7,
            (
                ("EL PASO COUNTY", "EL PASO"),
                ("ECTOR COUNTY", "ODESSA"),
                ("MIDLAND COUNTY", "MIDLAND"),
            ),
        ),
        (
            "NEW MEXICO",
            "NM",
            0.3,
            (
                ("BERNALILLO COUNTY", "ALBUQUERQUE"),
                ("DONA ANA COUNTY", "LAS CRUCES"),
                ("OTERO COUNTY", "ALAMOGORDO"),
            ),
        ),
    ),
    "HAL": (
        (
            "TEXAS",
            "TX",
            1.0,
            (
                ("CAMERON COUNTY", "BROWNSVILLE"),
                ("HIDALGO COUNTY", "MCALLEN"),
                ("WEBB COUNTY", "LAREDO"),
                ("NUECES COUNTY", "CORPUS CHRISTI"),
            ),
        ),
    ),
    "HOU": (
        (
            "TEXAS",
            "TX",
            1.0,
            (
                ("HARRIS COUNTY", "HOUSTON"),
                ("FORT BEND COUNTY", "RICHMOND"),
                ("MONTGOMERY COUNTY", "CONROE"),
                ("GALVESTON COUNTY", "GALVESTON"),
                ("JEFFERSON COUNTY", "BEAUMONT"),
            ),
        ),
    ),
    "LOS": (
        (
            "CALIFORNIA",
            "CA",
            1.0,
            (
                ("LOS ANGELES COUNTY", "LOS ANGELES"),
                ("ORANGE COUNTY", "SANTA ANA"),
                ("SAN BERNARDINO COUNTY", "SAN BERNARDINO"),
                ("RIVERSIDE COUNTY", "RIVERSIDE"),
                ("VENTURA COUNTY", "VENTURA"),
                ("KERN COUNTY", "BAKERSFIELD"),
            ),
        ),
    ),
    "MIA": (
        (
            "FLORIDA",
            "FL",
            0.94,
            (
                ("MIAMI-DADE COUNTY", "MIAMI"),
                ("BROWARD COUNTY", "FORT LAUDERDALE"),
                ("PALM BEACH COUNTY", "WEST PALM BEACH"),
                ("ORANGE COUNTY", "ORLANDO"),
                ("HILLSBOROUGH COUNTY", "TAMPA"),
                ("DUVAL COUNTY", "JACKSONVILLE"),
            ),
        ),
        ("PUERTO RICO", "PR", 0.06, (("SAN JUAN MUNICIPIO", "SAN JUAN"),)),
    ),
    "NEW": (
        (
            "NEW JERSEY",
            "NJ",
            1.0,
            (
                ("ESSEX COUNTY", "NEWARK"),
                ("HUDSON COUNTY", "JERSEY CITY"),
                ("UNION COUNTY", "ELIZABETH"),
                ("PASSAIC COUNTY", "PATERSON"),
                ("MIDDLESEX COUNTY", "NEW BRUNSWICK"),
            ),
        ),
    ),
    "NOL": (
        (
            "LOUISIANA",
            "LA",
            0.30,
            (
                ("ORLEANS PARISH", "NEW ORLEANS"),
                ("JEFFERSON PARISH", "GRETNA"),
                ("EAST BATON ROUGE PARISH", "BATON ROUGE"),
            ),
        ),
        ("ALABAMA", "AL", 0.20, (("JEFFERSON COUNTY", "BIRMINGHAM"), ("MOBILE COUNTY", "MOBILE"))),
        (
            "ARKANSAS",
            "AR",
            0.12,
            (("PULASKI COUNTY", "LITTLE ROCK"), ("BENTON COUNTY", "BENTONVILLE")),
        ),
        ("MISSISSIPPI", "MS", 0.12, (("HINDS COUNTY", "JACKSON"), ("HARRISON COUNTY", "GULFPORT"))),
        (
            "TENNESSEE",
            "TN",
            0.26,
            (
                ("DAVIDSON COUNTY", "NASHVILLE"),
                ("SHELBY COUNTY", "MEMPHIS"),
                ("KNOX COUNTY", "KNOXVILLE"),
            ),
        ),
    ),
    "NYC": (
        (
            "NEW YORK",
            "NY",
            1.0,
            (
                ("KINGS COUNTY", "BROOKLYN"),
                ("QUEENS COUNTY", "QUEENS"),
                ("BRONX COUNTY", "BRONX"),
                ("NEW YORK COUNTY", "NEW YORK"),
                ("SUFFOLK COUNTY", "RIVERHEAD"),
                ("NASSAU COUNTY", "MINEOLA"),
                ("WESTCHESTER COUNTY", "WHITE PLAINS"),
            ),
        ),
    ),
    "PHI": (
        (
            "PENNSYLVANIA",
            "PA",
            0.82,
            (
                ("PHILADELPHIA COUNTY", "PHILADELPHIA"),
                ("ALLEGHENY COUNTY", "PITTSBURGH"),
                ("LANCASTER COUNTY", "LANCASTER"),
                ("BERKS COUNTY", "READING"),
            ),
        ),
        ("DELAWARE", "DE", 0.10, (("NEW CASTLE COUNTY", "WILMINGTON"),)),
        ("WEST VIRGINIA", "WV", 0.08, (("KANAWHA COUNTY", "CHARLESTON"),)),
    ),
    "PHO": (
        (
            "ARIZONA",
            "AZ",
            1.0,
            (
                ("MARICOPA COUNTY", "PHOENIX"),
                ("PIMA COUNTY", "TUCSON"),
                ("YUMA COUNTY", "YUMA"),
                ("PINAL COUNTY", "FLORENCE"),
            ),
        ),
    ),
    "SEA": (
        (
            "WASHINGTON",
            "WA",
            0.60,
            (
                ("KING COUNTY", "SEATTLE"),
                ("PIERCE COUNTY", "TACOMA"),
                ("YAKIMA COUNTY", "YAKIMA"),
                ("SPOKANE COUNTY", "SPOKANE"),
            ),
        ),
        (
            "OREGON",
            "OR",
            0.35,
            (
                ("MULTNOMAH COUNTY", "PORTLAND"),
                ("MARION COUNTY", "SALEM"),
                ("WASHINGTON COUNTY", "HILLSBORO"),
            ),
        ),
        ("ALASKA", "AK", 0.05, (("ANCHORAGE MUNICIPALITY", "ANCHORAGE"),)),
    ),
    "SFR": (
        (
            "CALIFORNIA",
            "CA",
            0.90,
            (
                ("SAN FRANCISCO COUNTY", "SAN FRANCISCO"),
                ("SANTA CLARA COUNTY", "SAN JOSE"),
                ("ALAMEDA COUNTY", "OAKLAND"),
                ("FRESNO COUNTY", "FRESNO"),
                ("SACRAMENTO COUNTY", "SACRAMENTO"),
            ),
        ),
        ("HAWAII", "HI", 0.07, (("HONOLULU COUNTY", "HONOLULU"),)),
        ("GUAM", "GU", 0.03, ((None, "HAGATNA"),)),
    ),
    "SLC": (
        (
            "UTAH",
            "UT",
            0.45,
            (("SALT LAKE COUNTY", "SALT LAKE CITY"), ("UTAH COUNTY", "PROVO")),
        ),
        ("NEVADA", "NV", 0.40, (("CLARK COUNTY", "LAS VEGAS"), ("WASHOE COUNTY", "RENO"))),
        ("IDAHO", "ID", 0.10, (("ADA COUNTY", "BOISE"), ("CANYON COUNTY", "CALDWELL"))),
        ("MONTANA", "MT", 0.05, (("YELLOWSTONE COUNTY", "BILLINGS"),)),
    ),
    "SNA": (
        (
            "TEXAS",
            "TX",
            1.0,
            (
                ("BEXAR COUNTY", "SAN ANTONIO"),
                ("TRAVIS COUNTY", "AUSTIN"),
                ("WILLIAMSON COUNTY", "GEORGETOWN"),
                ("HAYS COUNTY", "SAN MARCOS"),
                ("TOM GREEN COUNTY", "SAN ANGELO"),
            ),
        ),
    ),
    "SND": (
        (
            "CALIFORNIA",
            "CA",
            1.0,
            (("SAN DIEGO COUNTY", "SAN DIEGO"), ("IMPERIAL COUNTY", "EL CENTRO")),
        ),
    ),
    "SPM": (
        (
            "MINNESOTA",
            "MN",
            0.45,
            (
                ("HENNEPIN COUNTY", "MINNEAPOLIS"),
                ("RAMSEY COUNTY", "ST. PAUL"),
                ("DAKOTA COUNTY", "HASTINGS"),
            ),
        ),
        ("IOWA", "IA", 0.20, (("POLK COUNTY", "DES MOINES"), ("WOODBURY COUNTY", "SIOUX CITY"))),
        ("NEBRASKA", "NE", 0.20, (("DOUGLAS COUNTY", "OMAHA"), ("HALL COUNTY", "GRAND ISLAND"))),
        ("NORTH DAKOTA", "ND", 0.07, (("CASS COUNTY", "FARGO"),)),
        ("SOUTH DAKOTA", "SD", 0.08, (("MINNEHAHA COUNTY", "SIOUX FALLS"),)),
    ),
    "WAS": (
        (
            "VIRGINIA",
            "VA",
            0.85,
            (
                ("FAIRFAX COUNTY", "FAIRFAX"),
                ("PRINCE WILLIAM COUNTY", "MANASSAS"),
                ("ARLINGTON COUNTY", "ARLINGTON"),
                ("HENRICO COUNTY", "RICHMOND"),
            ),
        ),
        ("DISTRICT OF COLUMBIA", "DC", 0.15, ((None, "WASHINGTON"),)),
    ),
    "HQ": (("DISTRICT OF COLUMBIA", "DC", 1.0, ((None, "WASHINGTON"),)),),
}


@dataclass(frozen=True)
class _Geo:
    """Flattened places: one row per (AOR, state, county, city)."""

    place_p: FloatArray  # (n_aor, n_place): P(place | AOR)
    state: IntArray  # place -> index into STATES
    county: IntArray  # place -> index into counties (-1: none)
    city: IntArray  # place -> index into cities
    states: tuple[str, ...]
    abbrs: tuple[str, ...]
    counties: tuple[str, ...]
    cities: tuple[str, ...]
    sites: tuple[str, ...]  # per place: "CITY, ST"
    facilities: tuple[str, ...]  # per place x facility template


def _build_geo() -> _Geo:
    states: list[str] = []
    abbrs: list[str] = []
    counties: list[str] = []
    cities: list[str] = []
    rows: list[tuple[int, float, int, int, int]] = []  # aor, weight, state, county, city
    for a, key in enumerate(_AOR_KEYS):
        for state, abbr, state_w, places in _AOR_PLACES[key]:
            if state not in states:
                states.append(state)
                abbrs.append(abbr)
            for k, (county, city) in enumerate(places):
                if county is not None and county not in counties:
                    counties.append(county)
                if city not in cities:
                    cities.append(city)
                rows.append(
                    (
                        a,
                        state_w * 0.6**k,
                        states.index(state),
                        counties.index(county) if county is not None else -1,
                        cities.index(city),
                    )
                )
    place_p = np.zeros((len(_AOR_KEYS), len(rows)))
    for p, (a, w, *_rest) in enumerate(rows):
        place_p[a, p] = w
    state_idx = np.array([r[2] for r in rows], dtype=np.int64)
    county_idx = np.array([r[3] for r in rows], dtype=np.int64)
    city_idx = np.array([r[4] for r in rows], dtype=np.int64)
    sites = tuple(f"{cities[c]}, {abbrs[s]}" for s, c in zip(state_idx, city_idx, strict=True))
    facilities = [
        template.format(
            county=counties[c] if c >= 0 else cities[ci], city=cities[ci], state=states[s]
        )
        for s, c, ci in zip(state_idx, county_idx, city_idx, strict=True)
        for template in _FACILITY_TEMPLATES
    ]
    return _Geo(
        place_p=place_p,
        state=state_idx,
        county=county_idx,
        city=city_idx,
        states=tuple(states),
        abbrs=tuple(abbrs),
        counties=tuple(counties),
        cities=tuple(cities),
        sites=sites,
        facilities=tuple(facilities),
    )


_GEO = _build_geo()
#: Apprehension/facility state values (upper case, as in the releases).
STATES: tuple[str, ...] = _GEO.states
_LANDMARKS: tuple[str, ...] = tuple(f"{c} {t}" for c in _GEO.cities for t in _LANDMARK_TEMPLATES)

# --------------------------------------------------------------------------------------------
# Time: monthly trend, weekday pattern, mix shifts
# --------------------------------------------------------------------------------------------

# Relative arrests per day, by month (1.0 = the 2024 level).
_ARREST_LEVEL: dict[tuple[int, int], float] = {
    (2023, 9): 0.95,
    (2023, 10): 1.0,
    (2023, 11): 0.95,
    (2023, 12): 0.85,
    (2024, 1): 0.95,
    (2024, 2): 1.0,
    (2024, 3): 1.05,
    (2024, 4): 1.05,
    (2024, 5): 1.05,
    (2024, 6): 1.0,
    (2024, 7): 1.0,
    (2024, 8): 1.0,
    (2024, 9): 0.95,
    (2024, 10): 0.95,
    (2024, 11): 0.9,
    (2024, 12): 0.9,
    (2025, 1): 1.15,
    (2025, 2): 1.9,
    (2025, 3): 1.95,
    (2025, 4): 2.15,
    (2025, 5): 2.6,
    (2025, 6): 3.4,
    (2025, 7): 3.5,
    (2025, 8): 3.6,
    (2025, 9): 3.9,
    (2025, 10): 4.0,
    (2025, 11): 3.9,
    (2025, 12): 4.1,
    (2026, 1): 4.4,
    (2026, 2): 4.1,
    (2026, 3): 4.2,
    (2026, 4): 4.3,
    (2026, 5): 4.4,
    (2026, 6): 4.5,
}
_WEEKDAY_FACTOR = np.array([1.0, 1.05, 1.05, 1.0, 0.95, 0.45, 0.3])  # Monday first
# Relative arrests by hour of the day (0..23).
_HOUR_W = np.array(
    [10, 6, 5, 4, 8, 25, 50, 70, 75, 65, 55, 50, 45, 42, 40, 38, 35, 30, 26, 22, 20, 18, 15, 12]
)
_AGES = np.arange(16, 86)
_AGE_W = (_AGES - 15.0) ** 1.6 * np.exp(-(_AGES - 15.0) / 7.0)
_BIRTH_REFERENCE_YEAR = 2025
_EPOCH = dt.date(1970, 1, 1)


def _epoch_day(d: dt.date) -> int:
    return (d - _EPOCH).days


@dataclass(frozen=True)
class _Timeline:
    days: IntArray  # epoch days covered
    cdf: FloatArray  # cumulative P(day)
    day_month: IntArray  # day -> month index
    months: tuple[tuple[int, int], ...]
    ramp: FloatArray  # per month, 0 before 2025 .. 1 from mid-2025
    aor_p: FloatArray  # (n_month, n_aor)
    method_p: FloatArray  # (n_month, n_method)
    crim_p: FloatArray  # (n_month * n_method, 3)
    detainer_crim_p: FloatArray  # (n_month, 3)
    start: int
    end: int


@functools.cache
def _timeline(kind: Kind, release: str) -> _Timeline:
    first, last = DATE_RANGES[release]
    start, end = _epoch_day(first), _epoch_day(last)
    days = np.arange(start, end + 1, dtype=np.int64)
    month64 = days.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
    month_codes, day_month = np.unique(month64, return_inverse=True)
    months = tuple((int(c) // 12 + 1970, int(c) % 12 + 1) for c in month_codes)
    level = np.array([_ARREST_LEVEL.get(ym, 1.0) for ym in months])
    if kind == "detainers":
        level = 1.0 + 0.55 * (level - 1.0)
    weekday = (days + 3) % 7  # 1970-01-01 was a Thursday
    w = level[day_month] * _WEEKDAY_FACTOR[weekday]
    cdf = np.cumsum(w) / w.sum()
    ramp = np.array([min(max(((y - 2024) * 12 + m - 12) / 6.0, 0.0), 1.0) for y, m in months])

    aor_p = np.tile(_AOR_W, (len(months), 1)).astype(np.float64)
    for code, lo, hi, factor in _AOR_BOOSTS:
        a = _AOR_KEYS.index(code)
        for i, ym in enumerate(months):
            if lo <= ym <= hi:
                aor_p[i, a] *= factor

    method_p = (1 - ramp)[:, None] * _METHOD_P_BEFORE + ramp[:, None] * _METHOD_P_AFTER
    crim = np.repeat(_CRIM_GIVEN_METHOD[None, :, :], len(months), axis=0)
    crim[:, :, 0] *= (1 - 0.25 * ramp)[:, None]
    crim[:, :, 2] *= (1 + 1.6 * ramp)[:, None]
    det_crim = np.array([0.62, 0.30, 0.08])[None, :] * np.stack(
        [1 - 0.15 * ramp, np.ones_like(ramp), 1 + 1.0 * ramp], axis=1
    )
    return _Timeline(
        days=days,
        cdf=cdf,
        day_month=day_month.astype(np.int64),
        months=months,
        ramp=ramp,
        aor_p=aor_p,
        method_p=method_p,
        crim_p=crim.reshape(len(months) * len(APPREHENSION_METHODS), 3),
        detainer_crim_p=det_crim,
        start=start,
        end=end,
    )


# --------------------------------------------------------------------------------------------
# Random helpers (all vectorised)
# --------------------------------------------------------------------------------------------


def _cdf(p: Sequence[float] | FloatArray) -> FloatArray:
    arr = np.asarray(p, dtype=np.float64)
    c = np.cumsum(arr / arr.sum())
    c[-1] = 1.0
    return c


def _choice(rng: np.random.Generator, p: Sequence[float] | FloatArray, n: int) -> IntArray:
    """``n`` draws of an index with probabilities ``p``."""
    c = _cdf(p)
    idx = np.searchsorted(c, rng.random(n), side="right")
    return np.minimum(idx, len(c) - 1).astype(np.int64)


def _choice_given(rng: np.random.Generator, parent: IntArray, p: FloatArray) -> IntArray:
    """One draw per row from row ``parent[i]`` of the probability matrix ``p``."""
    n_parent, k = p.shape
    totals = p.sum(axis=1, keepdims=True)
    c = np.cumsum(p / np.where(totals > 0, totals, 1.0), axis=1)
    c[:, -1] = 1.0
    flat = (c + np.arange(n_parent)[:, None]).ravel()
    idx = np.searchsorted(flat, parent + rng.random(len(parent)), side="right") - parent * k
    return cast(IntArray, np.clip(idx, 0, k - 1).astype(np.int64))


_M1 = np.uint64(0x9E3779B97F4A7C15)
_M2 = np.uint64(0xBF58476D1CE4E5B9)
_M3 = np.uint64(0x94D049BB133111EB)


def _mix(x: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """splitmix64 finaliser: a fixed bijective hash of 64-bit integers."""
    z = x + _M1
    z = (z ^ (z >> np.uint64(30))) * _M2
    z = (z ^ (z >> np.uint64(27))) * _M3
    return cast(npt.NDArray[np.uint64], z ^ (z >> np.uint64(31)))


def _salt(*parts: int) -> np.uint64:
    acc = np.array([0x5EED], dtype=np.uint64)
    for part in parts:
        acc = _mix(acc ^ np.array([part & 0xFFFFFFFFFFFFFFFF], dtype=np.uint64))
    return np.uint64(acc[0])


def _person_u(pid: IntArray, salt: np.uint64) -> FloatArray:
    """A uniform in [0, 1) that is a fixed function of the person id."""
    h = _mix(pid.astype(np.uint64) ^ salt)
    return (h >> np.uint64(11)).astype(np.float64) * (1.0 / 9007199254740992.0)


_HEX = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)


def _hex_ids(pid: IntArray, salt: np.uint64) -> pl.Series:
    """40-character lowercase hex identifiers (like the SHA-1 style anonymised ids)."""
    base = pid.astype(np.uint64)
    words = np.stack(
        [_mix(base ^ salt), _mix(base ^ (salt ^ _M1)), _mix(base ^ (salt ^ _M2))], axis=1
    )
    raw = words.astype(">u8").view(np.uint8).reshape(len(pid), 24)[:, :20]
    chars = np.empty((len(pid), 40), dtype=np.uint8)
    chars[:, 0::2] = _HEX[raw >> 4]
    chars[:, 1::2] = _HEX[raw & 15]
    return pl.Series(np.ascontiguousarray(chars).view("S40").ravel()).cast(pl.String)


def _chunk_rng(seed: int, stream: int, chunk: int) -> np.random.Generator:
    return np.random.default_rng(np.random.SeedSequence([seed & 0xFFFFFFFF, stream, chunk]))


# --------------------------------------------------------------------------------------------
# Series builders
# --------------------------------------------------------------------------------------------


def _cat(name: str, vocab: Sequence[str], codes: IntArray) -> pl.Series:
    """Strings from vocabulary codes; negative codes become null."""
    lookup = pl.Series(name, [*vocab, None], dtype=pl.String)
    return lookup.gather(np.where(codes < 0, len(vocab), codes).astype(np.uint32))


def _nullify(s: pl.Series, null: BoolArray) -> pl.Series:
    if null.any():
        s = s.scatter(np.flatnonzero(null), None)
    return s


def _date(name: str, days: IntArray, null: BoolArray | None = None) -> pl.Series:
    s = pl.Series(name, days.astype(np.int32)).cast(pl.Date)
    return _nullify(s, null) if null is not None else s


def _int(name: str, values: IntArray, null: BoolArray, dtype: type[pl.DataType]) -> pl.Series:
    return _nullify(pl.Series(name, values).cast(dtype), null)


# --------------------------------------------------------------------------------------------
# Persons
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Person:
    gender: IntArray
    citizenship: IntArray
    birth_year: IntArray
    birth_year_null: BoolArray


def _persons(pid: IntArray, seed: int) -> _Person:
    g = np.searchsorted(_cdf([0.889, 0.110, 0.001]), _person_u(pid, _salt(seed, 1)), "right")
    c = np.searchsorted(_cdf(_CITIZENSHIP_W), _person_u(pid, _salt(seed, 2)), "right")
    a = np.searchsorted(_cdf(_AGE_W), _person_u(pid, _salt(seed, 3)), "right")
    return _Person(
        gender=np.minimum(g, len(GENDERS) - 1).astype(np.int64),
        citizenship=np.minimum(c, len(CITIZENSHIP_COUNTRIES) - 1).astype(np.int64),
        birth_year=(_BIRTH_REFERENCE_YEAR - _AGES[np.minimum(a, len(_AGES) - 1)]).astype(np.int64),
        birth_year_null=_person_u(pid, _salt(seed, 4)) < 0.004,
    )


def _id_salt(seed: int, release: str) -> np.uint64:
    return _salt(seed, 100 + int(release))


# --------------------------------------------------------------------------------------------
# Arrests
# --------------------------------------------------------------------------------------------

_ARRESTS_STREAM = {"2025": 1, "2026": 2}
_DETAINERS_STREAM = 3
_FILE_ORIGINAL_2025 = (
    "2025-ICLI-00019_2024-ICFO-39357_ERO Admin Arrests_LESA-STU_FINAL Redacted.xlsx"
)
_TITLE_ROWS_2025 = 5
_TITLE_ROWS_2026 = 6


def _arrest_core(
    rng: np.random.Generator, m: int, release: str, pool: int, seed: int
) -> dict[str, Any]:
    """All arrest fields for one chunk as code arrays (layout independent)."""
    tl = _timeline("arrests", release)
    is_2026 = release == "2026"
    di = np.minimum(np.searchsorted(tl.cdf, rng.random(m), side="right"), len(tl.days) - 1)
    day = tl.days[di]
    mon = tl.day_month[di]
    tod = _choice(rng, _HOUR_W, m) * 3600 + rng.integers(0, 3600, m)

    aor = _choice_given(rng, mon, tl.aor_p)
    place = _choice_given(rng, aor, _GEO.place_p)
    state_null = rng.random(m) < (0.07 if is_2026 else 0.02)
    county_null = state_null | (rng.random(m) < (0.35 if is_2026 else 0.96))
    method = _choice_given(rng, mon, tl.method_p)
    program = _choice_given(rng, method, _PROGRAM_GIVEN_METHOD)
    crim = _choice_given(rng, mon * len(APPREHENSION_METHODS) + method, tl.crim_p)

    pid = rng.integers(0, pool, m)
    person = _persons(pid, seed)
    id_null = rng.random(m) < 0.012

    # Case outcome as of the extraction date (end of the range).
    days_left = tl.end - day
    p_removed = 0.55 * (1 - np.exp(-days_left / 75.0)) * np.array([1.1, 0.9, 0.95])[crim]
    departed = day + 1 + np.floor(rng.exponential(35.0, m)).astype(np.int64)
    removed = (rng.random(m) < p_removed) & (departed <= tl.end)
    status = _choice_given(rng, removed.astype(np.int64), _STATUS_P)
    category = _choice_given(rng, removed.astype(np.int64), _CATEGORY_P)
    third = rng.random(m) < 0.04
    dep_country = np.where(
        third, _THIRD_COUNTRIES[rng.integers(0, len(_THIRD_COUNTRIES), m)], person.citizenship
    )
    dep_country = np.where(removed, dep_country, -1)
    final_order = removed | (rng.random(m) < _FINAL_ORDER_CATEGORY_P[category])
    prior = rng.random(m) < 0.4
    fo_date = np.where(
        prior,
        np.maximum(day - 30 - np.floor(rng.exponential(1500.0, m)).astype(np.int64), 9131),
        day + np.floor(rng.exponential(20.0, m)).astype(np.int64),
    )
    fo_date = np.minimum(fo_date, np.where(removed, departed, tl.end))
    fo_null = ~final_order | (rng.random(m) < 0.02)

    template = _choice_given(rng, method, _LANDMARK_GIVEN_METHOD)
    landmark = _GEO.city[place] * len(_LANDMARK_TEMPLATES) + template
    u = rng.random(m)
    landmark = np.where(u < 0.05, len(_LANDMARKS) + _choice(rng, _REDACTION_P, m), landmark)
    landmark = np.where((u >= 0.05) & (u < 0.07), -1, landmark)

    core: dict[str, Any] = {
        "day": day,
        "tod": tod,
        "aor": aor,
        "place": place,
        "state_null": state_null,
        "county_null": county_null,
        "method": method,
        "program": program,
        "crim": crim,
        "pid": pid,
        "id_null": id_null,
        "gender": person.gender,
        "citizenship": person.citizenship,
        "birth_year": person.birth_year,
        "birth_year_null": person.birth_year_null,
        "removed": removed,
        "departed": departed,
        "status": status,
        "category": category,
        "dep_country": dep_country,
        "final_order": final_order,
        "fo_date": fo_date,
        "fo_null": fo_null,
        "landmark": landmark,
        "tok_birth_date": _choice(rng, _REDACTION_P, m),
        "tok_afn": _choice(rng, _REDACTION_P, m),
        "tok_eid_case": _choice(rng, _REDACTION_P, m),
        "tok_eid_subject": _choice(rng, _REDACTION_P, m),
    }
    if is_2026:
        aug_2025 = _epoch_day(dt.date(2025, 8, 1))
        core["method"] = np.where((day >= aug_2025) & (method == _M_CAP), _M_CUSTODIAL, method)
        core["atype"] = np.where(day >= aug_2025, _choice(rng, [0.72, 0.28], m), -1)
        core["agency"] = _choice_given(
            rng, (day >= _epoch_day(dt.date(2025, 2, 1))).astype(np.int64), _AGENCY_P
        )
        operation = np.full(m, -1, dtype=np.int64)
        u_op = rng.random(m)
        for k, (_name, code, first, last) in enumerate(_OPERATIONS):
            hit = (aor == _AOR_KEYS.index(code)) & (day >= _epoch_day(first))
            hit &= (day <= _epoch_day(last)) & (u_op < 0.55)
            operation[hit] = k
        core["operation"] = operation
        case_crim = _choice_given(rng, crim, _CASE_CRIM_P)
        core["case_crim"] = case_crim
        threat = _choice_given(rng, case_crim, _THREAT_P)
        core["threat"] = np.where(threat == len(_THREAT_LEVELS), -1, threat)

    # Likely duplicates: copy an earlier, nearby row (same person, same day, same key fields).
    dup = rng.random(m) < DUPLICATE_RATE
    dup[:1] = False  # the first row has nothing earlier to repeat
    eligible = np.flatnonzero(~dup & ~id_null)
    dup_rows = np.flatnonzero(dup)
    before = np.searchsorted(eligible, dup_rows)  # eligible rows earlier than the duplicate
    dup[dup_rows[before == 0]] = False
    dup_rows, before = dup_rows[before > 0], before[before > 0]
    back = 1 + np.floor(rng.random(len(dup_rows)) * np.minimum(before, 25)).astype(np.int64)
    src = eligible[before - back]
    u_t = rng.random(len(dup_rows))
    for key, arr in core.items():
        if key != "tod":
            arr[dup_rows] = arr[src]
    src_tod = tod[src]
    tod[dup_rows] = src_tod + np.floor(u_t * (86400 - src_tod)).astype(np.int64)
    core["dup"] = dup

    # Within a chunk rows come in time order (ties keep the original before its duplicate).
    order = np.argsort(core["day"] * 86400 + core["tod"], kind="stable")
    return {key: arr[order] for key, arr in core.items()}


def _sheet_names(base: str, count: int) -> list[str]:
    return [base if k == 0 else f"{base} ({k + 1})" for k in range(count)]


def _render_arrests(
    core: dict[str, Any], layout: ArrestLayout, seed: int, first_row: int
) -> pl.DataFrame:
    release = "2026" if layout == "2026" else "2025"
    processed = layout == "processed"
    m = len(core["day"])
    day: IntArray = core["day"]
    place: IntArray = core["place"]
    state = np.where(core["state_null"], -1, _GEO.state[place])
    county = np.where(core["county_null"], -1, _GEO.county[place])
    removed: BoolArray = core["removed"]
    landmark: IntArray = core["landmark"]
    if processed:
        landmark = np.where(landmark >= len(_LANDMARKS), -1, landmark)
    ids = _nullify(_hex_ids(core["pid"], _id_salt(seed, release)), core["id_null"])
    byear_dtype: type[pl.DataType] = pl.Int32 if processed else pl.Int64

    def tokens(name: str, key: str) -> pl.Series:
        if processed:
            return pl.Series(name, [None] * m, dtype=pl.String)
        return _cat(name, REDACTION_TOKENS, core[key])

    cols: dict[str, pl.Series] = {
        "Apprehension Date": _date("", day),
        "Apprehension State": _cat("", _GEO.states, state),
        "Apprehension County": _cat("", _GEO.counties, county),
        "Apprehension AOR": _cat("", AOR_NAMES, core["aor"]),
        "Final Program": _cat("", FINAL_PROGRAMS, core["program"]),
        "Final Program Group": pl.Series("", ["ICE"], dtype=pl.String).gather(
            np.zeros(m, np.uint32)
        ),
        "Apprehension Method": _cat("", APPREHENSION_METHODS, core["method"]),
        "Apprehension Criminality": _cat("", CRIMINALITY, core["crim"]),
        "Case Status": _cat("", CASE_STATUSES, core["status"]),
        "Case Category": _cat("", CASE_CATEGORIES, core["category"]),
        "Departed Date": _date("", core["departed"], ~removed),
        "Departure Country": _cat("", CITIZENSHIP_COUNTRIES, core["dep_country"]),
        "Final Order Yes No": _cat("", YES_NO, np.where(core["final_order"], 0, 1)),
        "Final Order Date": _date("", core["fo_date"], core["fo_null"]),
        "Birth Date": tokens("", "tok_birth_date"),
        "Birth Year": _int("", core["birth_year"], core["birth_year_null"], byear_dtype),
        "Citizenship Country": _cat("", CITIZENSHIP_COUNTRIES, core["citizenship"]),
        "Gender": _cat("", GENDERS, core["gender"]),
        "Apprehension Site Landmark": _cat("", (*_LANDMARKS, *REDACTION_TOKENS), landmark),
        "Alien File Number": tokens("", "tok_afn"),
        "EID Case ID": tokens("", "tok_eid_case"),
        "EID Subject ID": tokens("", "tok_eid_subject"),
        "Unique Identifier": ids,
    }
    if layout == "2026":
        extra = {
            "Apprehension Type": _cat("", _APPREHENSION_TYPES, core["atype"]),
            "State": cols["Apprehension State"],
            "County": cols["Apprehension County"],
            "TOA Current Duty AOR": cols["Apprehension AOR"],
            "Apprehension Final Program": cols["Final Program"],
            "Arresting Agency": _cat("", _ARRESTING_AGENCIES, core["agency"]),
            "Operation": _cat("", [op[0] for op in _OPERATIONS], core["operation"]),
            "TOA Current Duty Site": _cat("", _GEO.sites, place),
            "Case Criminality": _cat("", CRIMINALITY, core["case_crim"]),
            "Case Threat Level": _cat("", _THREAT_LEVELS, core["threat"]),
            "Anonymized Identifier": ids,
        }
        cols.update(extra)
        return pl.DataFrame([cols[c].alias(c) for c in ARRESTS_2026_COLUMNS])
    if layout == "2025":
        return pl.DataFrame([cols[c].alias(c) for c in ARRESTS_2025_COLUMNS])

    # Processed: snake_case names plus derived and provenance columns.
    series = [cols[c].alias(_snake(c)) for c in ARRESTS_2025_COLUMNS]
    micros = (day * 86400 + core["tod"]) * 1_000_000
    series.append(pl.Series("apprehension_date_time", micros).cast(pl.Datetime("us")))
    series.append(_nullify(pl.Series("duplicate_likely", core["dup"]), core["id_null"]))
    per_sheet = EXCEL_MAX_ROWS - _TITLE_ROWS_2025 - 1
    g = first_row + np.arange(m, dtype=np.int64)
    sheet = g // per_sheet
    names = _sheet_names("Admin Arrests", int(sheet.max()) + 1 if m else 1)
    series.append(pl.Series("file_original", [_FILE_ORIGINAL_2025]).gather(np.zeros(m, np.uint32)))
    series.append(_cat("sheet_original", names, sheet))
    series.append(pl.Series("row_original", g % per_sheet + _TITLE_ROWS_2025 + 2).cast(pl.Int32))
    return pl.DataFrame(series)


def _chunks(n: int) -> Iterator[tuple[int, int, int]]:
    """(chunk index, first row, rows) covering ``n`` rows."""
    if n < 0:
        raise ValueError(f"row count must be >= 0, got {n}")
    if n == 0:
        yield 0, 0, 0
        return
    for k in range(math.ceil(n / CHUNK_ROWS)):
        first = k * CHUNK_ROWS
        yield k, first, min(CHUNK_ROWS, n - first)


def iter_arrests(
    n: int, *, seed: int = 2017, layout: ArrestLayout = "2025"
) -> Iterator[pl.DataFrame]:
    """Yield ``n`` synthetic arrest rows in chunks of at most :data:`CHUNK_ROWS` rows."""
    if layout not in get_args(ArrestLayout):
        raise ValueError(f"unknown arrests layout {layout!r}")
    release = "2026" if layout == "2026" else "2025"
    pool = max(1, 3 * n)  # ~15% of rows are repeat arrests of a person
    for k, first, rows in _chunks(n):
        rng = _chunk_rng(seed, _ARRESTS_STREAM[release], k)
        yield _render_arrests(_arrest_core(rng, rows, release, pool, seed), layout, seed, first)


def arrests(n: int, *, seed: int = 2017, layout: ArrestLayout = "2025") -> pl.DataFrame:
    """``n`` synthetic ICE ERO administrative arrest rows in a release layout.

    ``layout`` "2025" and "2026" give the raw release headers (dates as ``pl.Date``, redaction
    tokens in place); "processed" gives the snake_case Parquet layout built from the same rows
    as "2025" (redactions turned into nulls) plus ``apprehension_date_time``,
    ``duplicate_likely``, ``file_original``, ``sheet_original`` and ``row_original``.
    """
    return pl.concat(list(iter_arrests(n, seed=seed, layout=layout)), rechunk=True)


# --------------------------------------------------------------------------------------------
# Detainers
# --------------------------------------------------------------------------------------------


def _detainer_core(rng: np.random.Generator, m: int, pool: int, seed: int) -> dict[str, Any]:
    tl = _timeline("detainers", "2026")
    di = np.minimum(np.searchsorted(tl.cdf, rng.random(m), side="right"), len(tl.days) - 1)
    day = tl.days[di]
    mon = tl.day_month[di]
    aor = _choice_given(rng, mon, tl.aor_p)
    place = _choice_given(rng, aor, _GEO.place_p)
    facility = place * len(_FACILITY_TEMPLATES) + _choice(rng, _FACILITY_TEMPLATE_P, m)
    crim = _choice_given(rng, mon, tl.detainer_crim_p)
    pid = rng.integers(0, pool, m)
    id_null = rng.random(m) < 0.015

    msc = _choice(rng, _MSC_W, m)
    msc = np.where((crim == 0) & (rng.random(m) >= 0.03), msc, -1)
    has_msc = msc >= 0
    sentence_null = ~has_msc | (rng.random(m) >= 0.7)
    total = 1 + np.floor(rng.exponential(_MSC_SENTENCE_MEAN[np.maximum(msc, 0)])).astype(np.int64)
    charge_day = np.maximum(day - 30 - np.floor(rng.exponential(700.0, m)).astype(np.int64), 7305)
    conviction_day = np.minimum(
        charge_day + np.floor(rng.exponential(120.0, m)).astype(np.int64), day - 1
    )
    conviction_null = ~has_msc | (rng.random(m) < 0.02)
    aggfel = has_msc & (rng.random(m) < _MSC_AGGFEL_P[np.maximum(msc, 0)])

    ramp = tl.ramp[mon]
    app_day = day + np.floor(rng.exponential(25.0, m)).astype(np.int64)
    apprehended = (rng.random(m) < 0.45 + 0.1 * ramp) & (app_day <= tl.end)
    method = _choice(rng, _DETAINER_METHOD_P, m)
    aug_2025 = _epoch_day(dt.date(2025, 8, 1))
    method = np.where((app_day >= aug_2025) & (method == _M_CAP), _M_CUSTODIAL, method)
    method = np.where(apprehended, method, -1)
    lift_other = _choice(rng, _LIFT_NOT_BOOKED_P, m)
    u = rng.random(m)
    lift = np.where(
        apprehended, np.where(u < 0.93, 0, lift_other), np.where(u < 0.55, -1, lift_other)
    )
    return {
        "day": day,
        "aor": aor,
        "place": place,
        "facility": facility,
        "crim": crim,
        "pid": pid,
        "id_null": id_null,
        "msc": msc,
        "sentence_total": total,
        "sentence_null": sentence_null,
        "charge_day": charge_day,
        "conviction_day": conviction_day,
        "conviction_null": conviction_null,
        "aggfel": aggfel,
        "apprehended": apprehended,
        "app_day": app_day,
        "method": method,
        "lift": lift,
        "type": _choice(rng, _DETAINER_TYPE_P, m),
    }


def _render_detainers(core: dict[str, Any], layout: DetainerLayout, seed: int) -> pl.DataFrame:
    processed = layout == "processed"
    int_dtype: type[pl.DataType] = pl.Int32 if processed else pl.Int64
    person = _persons(core["pid"], seed)
    place: IntArray = core["place"]
    msc: IntArray = core["msc"]
    total: IntArray = core["sentence_total"]
    no_sentence: BoolArray = core["sentence_null"]
    rest = total % 365
    months = rest * 12 // 365  # 0..11, the remainder goes to days
    cols = [
        _date("Detainer Prepare Date", core["day"]),
        _cat("Facility State", _GEO.states, _GEO.state[place]),
        _cat("Facility AOR", AOR_NAMES, core["aor"]),
        _cat("Detainer Criminality", CRIMINALITY, core["crim"]),
        _cat("Detainer Facility", _GEO.facilities, core["facility"]),
        _cat("Facility City", _GEO.cities, _GEO.city[place]),
        _cat("Gender", GENDERS, person.gender),
        _cat("Citizenship Country", CITIZENSHIP_COUNTRIES, person.citizenship),
        _int("Birth Year", person.birth_year, person.birth_year_null, int_dtype),
        _cat("MSC Charge", [c[0] for c in MSC_CHARGES], msc),
        _cat("MSC Charge Code", [c[1] for c in MSC_CHARGES], msc),
        _int("MSC Sentence Days", rest - months * 365 // 12, no_sentence, int_dtype),
        _int("MSC Sentence Months", months, no_sentence, int_dtype),
        _int("MSC Sentence Years", total // 365, no_sentence, int_dtype),
        _date("MSC Charge Date", core["charge_day"], msc < 0),
        _date("MSC Conviction Date", core["conviction_day"], core["conviction_null"]),
        _cat("Aggravated Felon Yes No", YES_NO, np.where(core["aggfel"], 0, 1)),
        _cat("Apprehension Method", APPREHENSION_METHODS, core["method"]),
        _date("Apprehension Date", core["app_day"], ~core["apprehended"]),
        _cat("Detainer Type", _DETAINER_TYPES, core["type"]),
        _cat("Detainer Lift Reason", _LIFT_REASONS, core["lift"]),
        _nullify(_hex_ids(core["pid"], _id_salt(seed, "2026")), core["id_null"]),
    ]
    names = DETAINERS_PROCESSED_COLUMNS if processed else DETAINERS_2026_COLUMNS
    return pl.DataFrame([s.alias(name) for s, name in zip(cols, names, strict=True)])


def iter_detainers(
    n: int, *, seed: int = 2017, layout: DetainerLayout = "2026"
) -> Iterator[pl.DataFrame]:
    """Yield ``n`` synthetic detainer rows in chunks of at most :data:`CHUNK_ROWS` rows."""
    if layout not in get_args(DetainerLayout):
        raise ValueError(f"unknown detainers layout {layout!r}")
    pool = max(1, int(n * 1.8))  # ~1.3 detainers per person
    for k, _first, rows in _chunks(n):
        rng = _chunk_rng(seed, _DETAINERS_STREAM, k)
        yield _render_detainers(_detainer_core(rng, rows, pool, seed), layout, seed)


def detainers(n: int, *, seed: int = 2017, layout: DetainerLayout = "2026") -> pl.DataFrame:
    """``n`` synthetic ICE detainer rows (raw 2026 headers or the processed snake_case layout).

    Anonymized identifiers share the 2026 arrests' person space, so arrests and detainers made
    with the same seed link through ``Anonymized Identifier`` like a real release does.
    """
    return pl.concat(list(iter_detainers(n, seed=seed, layout=layout)), rechunk=True)


# --------------------------------------------------------------------------------------------
# Writers
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _FileKind:
    sheet: str
    title: str
    date_column: str | None
    foia: str
    title_rows: int


def _file_kind(columns: Sequence[str]) -> _FileKind:
    cols = set(columns)
    foia_2026 = "FOIA Request Number: 2026-ICLI-00005"
    if "Detainer Prepare Date" in cols:
        return _FileKind("Detainers", "ICE ERO Detainers", "Detainer Prepare Date", foia_2026, 6)
    if "detainer_prepare_date" in cols:
        return _FileKind("Detainers", "ICE ERO Detainers", "detainer_prepare_date", "", 0)
    title = "ICE ERO Administrative Arrests"
    if "TOA Current Duty AOR" in cols:
        return _FileKind("Admin Arrests", title, "Apprehension Date", foia_2026, _TITLE_ROWS_2026)
    if "Apprehension AOR" in cols:
        foia = "FOIA Request Number: 2024-ICFO-39357 / 2025-ICLI-00019"
        return _FileKind("Admin Arrests", title, "Apprehension Date", foia, _TITLE_ROWS_2025)
    if "apprehension_aor" in cols:
        return _FileKind("Admin Arrests", title, "apprehension_date", "", 0)
    return _FileKind("Sheet1", "ICE ERO Records", None, "", 0)


def _title_lines(df: pl.DataFrame, kind: _FileKind, count: int) -> list[str]:
    date_range = as_of = ""
    if kind.date_column is not None and df.height:
        dates = df.get_column(kind.date_column)
        lo, hi = dates.min(), dates.max()
        if isinstance(lo, dt.date) and isinstance(hi, dt.date):
            label = kind.date_column.replace("_", " ").title()
            date_range = f"{label}: {lo:%m/%d/%Y} - {hi:%m/%d/%Y}"
            as_of = f"Data as of {hi:%m/%d/%Y}"
    lines = ["U.S. Immigration and Customs Enforcement", kind.title, date_range, as_of, kind.foia]
    if count == 5:
        lines.remove(as_of)
    lines.append("")
    return (lines + [""] * count)[:count]


_Writer = Callable[..., Any]


def _write_xlsx(df: pl.DataFrame, path: Path, *, sheets: int, title_rows: int | None) -> None:
    kind = _file_kind(df.columns)
    t = kind.title_rows if title_rows is None else title_rows
    if t < 0:
        raise ValueError("title_rows must be >= 0")
    n = df.height
    capacity = EXCEL_MAX_ROWS - t - 1
    if capacity < 1:
        raise ValueError("too many title rows")
    per_sheet = min(max(1, math.ceil(n / max(1, sheets))), capacity)
    n_sheets = max(1, math.ceil(n / per_sheet))
    titles = _title_lines(df, kind, t)

    options = {
        "constant_memory": True,
        "strings_to_numbers": False,
        "strings_to_formulas": False,
        "strings_to_urls": False,
    }
    workbook = xlsxwriter.Workbook(str(path), options)
    # A fixed creation time keeps the bytes reproducible (zip entry times are fixed already).
    workbook.set_properties({"title": kind.title, "created": dt.datetime(2000, 1, 1)})
    bold = workbook.add_format({"bold": True})
    date_format = workbook.add_format({"num_format": "mm/dd/yyyy"})
    datetime_format = workbook.add_format({"num_format": "mm/dd/yyyy hh:mm:ss"})

    # Column values as Python lists; dates become Excel serial numbers (vectorised).
    columns: list[tuple[str, list[Any], Any]] = []
    for name, dtype in df.schema.items():
        s = df.get_column(name)
        if dtype == pl.Date:
            serial = s.cast(pl.Int32) + 25569
            columns.append(("number", serial.to_list(), date_format))
        elif isinstance(dtype, pl.Datetime):
            serial_f = s.dt.epoch("us").cast(pl.Float64) / 86_400_000_000.0 + 25569.0
            columns.append(("number", serial_f.to_list(), datetime_format))
        elif dtype == pl.Boolean:
            columns.append(("boolean", s.to_list(), None))
        elif dtype.is_numeric():
            columns.append(("number", s.to_list(), None))
        else:
            columns.append(("string", s.cast(pl.String).to_list(), None))

    for k, sheet_name in enumerate(_sheet_names(kind.sheet, n_sheets)):
        ws = workbook.add_worksheet(sheet_name)
        for r, line in enumerate(titles):
            if line:
                ws.write_string(r, 0, line, bold if r < 2 else None)
        for c, name in enumerate(df.columns):
            ws.write_string(t, c, name, bold)
        writers: list[tuple[int, _Writer, list[Any], Any]] = []
        for c, (how, values, fmt) in enumerate(columns):
            fn: _Writer = {
                "number": ws.write_number,
                "boolean": ws.write_boolean,
                "string": ws.write_string,
            }[how]
            writers.append((c, fn, values, fmt))
        lo, hi = k * per_sheet, min(n, (k + 1) * per_sheet)
        row = t + 1
        for i in range(lo, hi):
            for c, fn, values, fmt in writers:
                value = values[i]
                if value is not None:
                    fn(row, c, value, fmt)
            row += 1
    workbook.close()


def _frames(data: pl.DataFrame | Iterable[pl.DataFrame]) -> Iterator[pl.DataFrame]:
    if isinstance(data, pl.DataFrame):
        yield data
    else:
        yield from data


def _write_parquet_stream(frames: Iterator[pl.DataFrame], path: Path) -> int:
    first = next(frames)
    written = [0]

    def source(
        with_columns: list[str] | None,
        predicate: pl.Expr | None,
        n_rows: int | None,
        batch_size: int | None,
    ) -> Iterator[pl.DataFrame]:
        left = n_rows
        for frame in itertools.chain([first], frames):
            written[0] += frame.height
            out = frame if with_columns is None else frame.select(with_columns)
            if left is not None:
                out, left = out.head(left), max(0, left - out.height)
            yield out if predicate is None else out.filter(predicate)

    lf = register_io_source(source, schema=first.schema)
    lf.sink_parquet(path, compression="zstd", row_group_size=256 * 1024)
    return written[0]


def write(
    data: pl.DataFrame | Iterable[pl.DataFrame],
    path: str | Path,
    fmt: Format | None = None,
    *,
    sheets: int = 1,
    title_rows: int | None = None,
) -> int:
    """Write a frame (or an iterable of same-schema frames) to ``path``; return rows written.

    ``fmt`` defaults to the file suffix. CSV/TSV dates are ISO ``YYYY-MM-DD`` and datetimes
    ``YYYY-MM-DD HH:MM:SS``; Parquet is zstd; ``xlsx`` mimics a raw release: title rows above
    the header (5 for the 2025 arrests layout, 6 for 2026 layouts, none for processed layouts,
    or ``title_rows``), rows spread over ``sheets`` sheets and split at the Excel row limit,
    dates as Excel dates. Iterables are streamed except for ``xlsx``.
    """
    target = Path(path)
    chosen = fmt or cast(Format, target.suffix.lstrip(".").lower())
    if chosen not in get_args(Format):
        raise ValueError(f"unknown format {chosen!r}; expected one of {get_args(Format)}")
    frames = _frames(data)
    rows = 0
    if chosen in ("csv", "tsv"):
        with target.open("wb") as fh:
            for i, frame in enumerate(frames):
                frame.write_csv(
                    fh,
                    separator="," if chosen == "csv" else "\t",
                    include_header=i == 0,
                    date_format="%Y-%m-%d",
                    datetime_format="%Y-%m-%d %H:%M:%S",
                )
                rows += frame.height
    elif chosen == "ndjson":
        with target.open("wb") as fh:
            for frame in frames:
                frame.write_ndjson(fh)
                rows += frame.height
    elif chosen == "parquet":
        if isinstance(data, pl.DataFrame):
            data.write_parquet(target, compression="zstd", row_group_size=256 * 1024)
            rows = data.height
        else:
            rows = _write_parquet_stream(frames, target)
    else:
        df = data if isinstance(data, pl.DataFrame) else pl.concat(list(frames), rechunk=True)
        _write_xlsx(df, target, sheets=sheets, title_rows=title_rows)
        rows = df.height
    return rows


# --------------------------------------------------------------------------------------------
# CLI
# --------------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate synthetic ICE record files.")
    parser.add_argument("--kind", choices=get_args(Kind), default="arrests")
    parser.add_argument("--layout", choices=get_args(ArrestLayout), default=None)
    parser.add_argument("--rows", type=int, required=True)
    parser.add_argument("--format", dest="fmt", choices=get_args(Format), default=None)
    parser.add_argument("--seed", type=int, default=2017)
    parser.add_argument("--sheets", type=int, default=1, help="xlsx: spread rows over N sheets")
    parser.add_argument("--title-rows", type=int, default=None, help="xlsx: title rows")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)

    started = time.perf_counter()
    frames: Iterator[pl.DataFrame]
    if args.kind == "arrests":
        layout = cast(ArrestLayout, args.layout or "2025")
        frames = iter_arrests(args.rows, seed=args.seed, layout=layout)
    else:
        detainer_layout = cast(DetainerLayout, args.layout or "2026")
        if detainer_layout not in get_args(DetainerLayout):
            parser.error("detainers come in layouts 2026 and processed")
        frames = iter_detainers(args.rows, seed=args.seed, layout=detainer_layout)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    rows = write(frames, args.out, args.fmt, sheets=args.sheets, title_rows=args.title_rows)
    print(f"{rows} rows written to {args.out} in {time.perf_counter() - started:.2f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Vocabularies of the synthetic records and the probabilities that tie them together."""

from __future__ import annotations

import datetime as dt

import numpy as np

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

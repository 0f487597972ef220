"""Synthetic arrest records in the 2025, 2026 and processed layouts."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from typing import Any, get_args

import numpy as np
import polars as pl

from .layouts import (
    ARRESTS_2025_COLUMNS,
    ARRESTS_2026_COLUMNS,
    CHUNK_ROWS,
    DUPLICATE_RATE,
    EXCEL_MAX_ROWS,
    ArrestLayout,
    BoolArray,
    IntArray,
    _snake,
)
from .places import _AOR_KEYS, _GEO, _LANDMARKS, AOR_NAMES
from .rand import (
    _cat,
    _choice,
    _choice_given,
    _chunk_rng,
    _date,
    _hex_ids,
    _id_salt,
    _int,
    _nullify,
    _persons,
)
from .timeline import _HOUR_W, _epoch_day, _timeline
from .vocab import (
    _AGENCY_P,
    _APPREHENSION_TYPES,
    _ARRESTING_AGENCIES,
    _CASE_CRIM_P,
    _CATEGORY_P,
    _FINAL_ORDER_CATEGORY_P,
    _LANDMARK_GIVEN_METHOD,
    _LANDMARK_TEMPLATES,
    _M_CAP,
    _M_CUSTODIAL,
    _OPERATIONS,
    _PROGRAM_GIVEN_METHOD,
    _REDACTION_P,
    _STATUS_P,
    _THIRD_COUNTRIES,
    _THREAT_LEVELS,
    _THREAT_P,
    APPREHENSION_METHODS,
    CASE_CATEGORIES,
    CASE_STATUSES,
    CITIZENSHIP_COUNTRIES,
    CRIMINALITY,
    FINAL_PROGRAMS,
    GENDERS,
    REDACTION_TOKENS,
    YES_NO,
)

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

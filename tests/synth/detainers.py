"""Synthetic detainer records in the 2026 and processed layouts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, get_args

import numpy as np
import polars as pl

from .arrests import _DETAINERS_STREAM, _chunks
from .layouts import (
    DETAINERS_2026_COLUMNS,
    DETAINERS_PROCESSED_COLUMNS,
    BoolArray,
    DetainerLayout,
    IntArray,
)
from .places import _GEO, AOR_NAMES
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
from .timeline import _epoch_day, _timeline
from .vocab import (
    _DETAINER_METHOD_P,
    _DETAINER_TYPE_P,
    _DETAINER_TYPES,
    _FACILITY_TEMPLATE_P,
    _FACILITY_TEMPLATES,
    _LIFT_NOT_BOOKED_P,
    _LIFT_REASONS,
    _M_CAP,
    _M_CUSTODIAL,
    _MSC_AGGFEL_P,
    _MSC_SENTENCE_MEAN,
    _MSC_W,
    APPREHENSION_METHODS,
    CITIZENSHIP_COUNTRIES,
    CRIMINALITY,
    GENDERS,
    MSC_CHARGES,
    YES_NO,
)

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

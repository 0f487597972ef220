"""Time in the synthetic records: the monthly trend, the weekday pattern, the mix shifts."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

import numpy as np

from .layouts import DATE_RANGES, FloatArray, IntArray, Kind
from .places import _AOR_BOOSTS, _AOR_KEYS, _AOR_W
from .vocab import _CRIM_GIVEN_METHOD, _METHOD_P_AFTER, _METHOD_P_BEFORE, APPREHENSION_METHODS

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

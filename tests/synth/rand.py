"""Vectorised random helpers, series builders and the persons records are drawn for."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

import numpy as np
import numpy.typing as npt
import polars as pl

from .layouts import BoolArray, FloatArray, IntArray
from .timeline import _AGE_W, _AGES, _BIRTH_REFERENCE_YEAR
from .vocab import _CITIZENSHIP_W, CITIZENSHIP_COUNTRIES, GENDERS

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

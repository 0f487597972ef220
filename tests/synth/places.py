"""Geography of the synthetic records: the AORs, and the places (state, county, city) inside
them, read from places.csv."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .layouts import FloatArray, IntArray
from .vocab import _FACILITY_TEMPLATES, _LANDMARK_TEMPLATES

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


def _read_places(path: Path) -> dict[str, tuple[_Place, ...]]:
    """AOR -> its states in file order, each with its (county, city) rows; an empty county is
    a city outside any county (Washington, DC)."""
    runs: dict[str, list[tuple[str, str, float, list[tuple[str | None, str]]]]] = {}
    with path.open(newline="", encoding="utf-8") as stream:
        for row in csv.DictReader(stream):
            states = runs.setdefault(row["aor"], [])
            weight = float(row["state_weight"])
            if not states or states[-1][:3] != (row["state"], row["abbr"], weight):
                states.append((row["state"], row["abbr"], weight, []))
            states[-1][3].append((row["county"] or None, row["city"]))
    return {
        aor: tuple((state, abbr, weight, tuple(places)) for state, abbr, weight, places in states)
        for aor, states in runs.items()
    }


#: The places of each AOR, from places.csv (one row per county and city, most likely first):
#: AOR code -> (state, abbreviation, weight of the state in the AOR, ((county, city), ...)).
_AOR_PLACES: dict[str, tuple[_Place, ...]] = _read_places(Path(__file__).with_name("places.csv"))


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

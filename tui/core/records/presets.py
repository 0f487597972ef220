"""Presets: the roles of known layouts, recognised by their headers (as the ICE layouts are).

Headers are compared by `header_key` (lower case, words joined by `_`). A preset names, for
each role, the header keys that may hold it (first present wins) and the measure's noun:
what a row or a count counts. The ICE arrests and detainers layouts are presets too, built
from `layouts.LAYOUTS`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from tui.core.records.layouts import Layout
from tui.core.roles import ROLES, Role, RoleChoice, Roles
from tui.core.tables.header import header_key


@dataclass(frozen=True)
class Preset:
    name: str
    title: str
    noun: str
    #: All of these header keys must be present.
    markers: tuple[str, ...]
    #: role -> candidate header keys, first present wins.
    roles: Mapping[Role, tuple[str, ...]]
    #: How the count reads, said in every view (e.g. a fractional average).
    measure: str = ""
    #: Per count column key: (noun, measure), when the noun depends on the column found.
    count_nouns: Mapping[str, tuple[str, str]] = field(default_factory=dict)

    def resolve(self, columns: Sequence[str]) -> Roles | None:
        by_key: dict[str, str] = {}
        for column in columns:
            by_key.setdefault(header_key(column), column)
        if not all(m in by_key for m in self.markers):
            return None
        found: dict[Role, RoleChoice | None] = {}
        noun, measure = self.noun, self.measure
        for role in ROLES:
            key = next((k for k in self.roles.get(role, ()) if k in by_key), None)
            found[role] = None if key is None else RoleChoice(by_key[key], "preset", self.title)
            if role == "count" and key is not None and key in self.count_nouns:
                noun, measure = self.count_nouns[key]
        return Roles.of(found, preset=self.title, noun=noun, measure=measure)


_DAILY = (
    "people detained, summed over the days in the data: a person held 30 days counts 30 "
    "times (person-days), not distinct people"
)
_ADP = (
    "average daily population: fractional, summed with its decimals (the sum of facilities' "
    "averages is the average held in them together)"
)

PRESETS: tuple[Preset, ...] = (
    Preset(
        name="ero-lesa-removals",
        title="ICE ERO-LESA removals release",
        noun="removals",
        markers=("departed_date", "country_of_citizenship", "most_serious_conviction"),
        roles={
            "place": ("country_of_citizenship",),
            "date": ("departed_date",),
            "category": ("most_serious_conviction", "case_category"),
        },
    ),
    Preset(
        name="i-213",
        title="I-213 arrest records extract",
        noun="arrests",
        markers=("apprehension_date", "area_of_responsibility_name"),
        roles={
            "place": ("area_of_responsibility_name", "site_name"),
            "date": ("apprehension_date",),
        },
    ),
    Preset(
        name="i-213-sites",
        title="I-213 arrest records extract",
        noun="arrests",
        markers=("apprehension_date", "site_name"),
        roles={"place": ("site_name",), "date": ("apprehension_date",)},
    ),
    Preset(
        name="detention-daily",
        title="Detention population per facility and day",
        noun="people detained",
        markers=("date", "n_detained"),
        roles={
            "place": ("detention_facility", "facility", "detention_facility_code"),
            "date": ("date",),
            "count": ("n_detained",),
        },
        measure=_DAILY,
    ),
    Preset(
        name="detention-adp",
        title="Average daily population per detention facility",
        noun="average daily population",
        markers=("adp_total",),
        roles={
            "place": ("detention_facility", "facility", "detention_facility_code", "name"),
            "count": ("adp_total",),
        },
        measure=_ADP,
    ),
    Preset(
        name="detention-population",
        title="Detention population table",
        noun="people detained",
        markers=("facility", "date", "population"),
        roles={"place": ("facility",), "date": ("date",), "count": ("population",)},
        measure=_DAILY,
    ),
    Preset(
        name="criminality-aggregate",
        title="Arrests aggregate by criminality (count column n)",
        noun="arrests",
        markers=("apprehension_criminality", "n"),
        roles={
            "place": ("apprehension_aor", "apprehension_state", "state", "aor"),
            "date": ("month", "apprehension_date", "date"),
            "category": ("apprehension_criminality",),
            "count": ("n",),
        },
        measure="the table is already aggregated",
    ),
    Preset(
        name="detainers-aggregate",
        title="Detainers aggregate (count column)",
        noun="detainers",
        markers=("detainer_prepare_date", "count"),
        roles={"date": ("detainer_prepare_date",), "count": ("count",)},
        measure="the table is already aggregated",
    ),
    Preset(
        name="county-arrests",
        title="Arrests aggregate per county (count column arrests)",
        noun="arrests",
        markers=("county", "arrests"),
        # Calendar quarters or years (UWCHR's per-capita tables): read as periods, the
        # finest first; the views say the reading is inferred from the values.
        roles={"place": ("county",), "date": ("cy_quarter", "cy"), "count": ("arrests",)},
        measure="the table is already aggregated",
    ),
)

#: Every header key a preset looks for: helps find the header row below title lines.
PRESET_HEADER_KEYS: frozenset[str] = frozenset(
    key
    for preset in PRESETS
    for key in (*preset.markers, *(k for keys in preset.roles.values() for k in keys))
    if len(key) > 2
)


def preset_roles(columns: Sequence[str]) -> Roles | None:
    """The roles of the first preset whose markers are all in these headers."""
    found = matching_preset(columns)
    return None if found is None else found[1]


def matching_preset(columns: Sequence[str]) -> tuple[Preset, Roles] | None:
    """The first preset whose markers are all in these headers, and its roles."""
    for preset in PRESETS:
        roles = preset.resolve(columns)
        if roles is not None:
            return preset, roles
    return None


def place_candidates(preset: Preset, columns: Sequence[str]) -> list[str]:
    """The preset's place columns that these headers have, in the preset's order."""
    by_key: dict[str, str] = {}
    for column in columns:
        by_key.setdefault(header_key(column), column)
    return [by_key[key] for key in preset.roles.get("place", ()) if key in by_key]


def layout_roles(layout: Layout, columns: Sequence[str]) -> Roles:
    """An ICE layout as a preset: its AOR, date and criminality (or charge) columns."""
    resolved = layout.resolve(columns)
    category = "conviction" if layout.kind == "detainers" else "criminality"

    def choice(field_name: str) -> RoleChoice | None:
        column = resolved.get(field_name)
        return None if column is None else RoleChoice(column, "preset", layout.title)

    return Roles(
        place=choice("aor"),
        date=choice("date"),
        category=choice(category),
        preset=layout.title,
        noun=layout.kind,
    )

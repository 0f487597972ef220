"""Tables of no ICE layout (or with roles given): their roles found, given, and their views.

The roles of the first table come from a preset (recognised by headers), else are suggested
from names and values; what the user gave (`--place COL`, the Columns dialog) overrides
either. Further tables join when they have the same role columns; others open in the Data
pane only, and the notes say so. A view whose role is missing is not built: the catalogue
says which role to choose and how.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

import polars as pl

from tui.core.errors import DataError
from tui.core.model import Period, View
from tui.core.records.layouts import detect_layout
from tui.core.records.mapped import MappedSet
from tui.core.records.mapped_comparisons import comparisons_view
from tui.core.records.mapped_views import breakdown_view, jurisdictions_view
from tui.core.records.presets import Preset, layout_roles, matching_preset, place_candidates
from tui.core.records.suggest import suggest_roles
from tui.core.roles import (
    NO_COLUMN,
    ROLE_FLAGS,
    ROLES,
    ColumnMapping,
    Role,
    RoleChoice,
    Roles,
    how_to_choose,
)
from tui.core.tables.header import header_key
from tui.core.tables.table import Table

#: Which role each view needs (the comparisons also use the place, when there is one).
VIEW_ROLES: dict[str, Role] = {
    "jurisdictions": "place",
    "convictions": "category",
    "comparisons": "date",
}
#: The views as both a command line and the explorer name them: the explorer's second tab is
#: named for the category column ("Categories" while there is none), the CLI's `convictions`.
VIEW_NAMES: dict[str, str] = {
    "jurisdictions": "the jurisdictions view",
    "convictions": (
        "the breakdown by category (pane 2, Categories, in the explorer; convictions on the "
        "command line)"
    ),
    "comparisons": "the comparisons view",
}
PREVIEW_VALUES = 8
#: Rows looked at to see whether a preset's place column holds more than one value.
PLACE_SAMPLE_ROWS = 50_000


def found_roles(table: Table) -> Roles:
    """A preset's roles (an ICE layout's included), else suggested ones."""
    layout = detect_layout(table.columns)
    if layout is not None:
        return layout_roles(layout, table.columns)
    found = matching_preset(table.columns)
    if found is None:
        return suggest_roles(table)
    return _place_with_places(table, *found)


def _place_with_places(table: Table, preset: Preset, roles: Roles) -> Roles:
    """The preset's first place column, unless the file has one value in it and another of
    the preset's place columns has more (an I-213 extract of one AOR: its sites); the reason
    is said with the choice."""
    candidates = place_candidates(preset, table.columns)
    if roles.place is None or len(candidates) < 2:
        return roles
    sample = table.collect(table.lazy.select(candidates).head(PLACE_SAMPLE_ROWS))
    first = roles.place.column
    values = sample.get_column(first).drop_nulls().unique()
    if values.len() > 1:
        return roles
    for other in candidates:
        if other != first and sample.get_column(other).drop_nulls().n_unique() > 1:
            held = f"only {values[0]!r}" if values.len() else "no value"
            rows = (
                f"its {sample.height:,} rows"
                if sample.height < PLACE_SAMPLE_ROWS
                else f"its first {sample.height:,} rows"
            )
            reason = f"{preset.title}; {first} holds {held} in {rows}"
            return replace(roles, place=RoleChoice(other, "preset", reason))
    return roles


def _column(table: Table, role: Role, name: str) -> str:
    if name in table.columns:
        return name
    by_key = {header_key(c): c for c in table.columns}
    if header_key(name) in by_key:
        return by_key[header_key(name)]
    raise DataError(
        "has no such column; columns are: " + ", ".join(repr(c) for c in table.columns),
        file=table.path,
        column=name,
        hint=f"give the {role} column's name as the header writes it ({ROLE_FLAGS[role]})",
    )


def with_given(found: Roles, table: Table, given: Mapping[Role, str]) -> Roles:
    """`found` with the user's choices in place (NO_COLUMN: the role left empty)."""
    roles = found
    for role, name in given.items():
        choice = (
            None
            if name == NO_COLUMN
            else RoleChoice(_column(table, role, name), "given", "chosen by you")
        )
        roles = roles.with_role(role, choice)
    if "count" in given and roles.column("count") != found.column("count"):
        count = roles.column("count")
        # What is counted changed: the noun is now the count column's name (or rows).
        noun = header_key(count) if count else (found.noun if found.count is None else "rows")
        roles = Roles.of(roles.choices(), preset=found.preset, noun=noun or "count")
    return roles


class Mapped:
    """The tables the views are computed from, through one set of roles."""

    def __init__(self, tables: Sequence[Table], roles: Roles, left_out: Sequence[Table]) -> None:
        self.tables = tuple(tables)
        self.roles = roles
        self.left_out = tuple(left_out)
        self.records = MappedSet(self.tables, roles)

    def builders(
        self, period_a: Period | None, period_b: Period | None
    ) -> tuple[dict[str, Callable[[], View]], dict[str, str]]:
        records = self.records
        makers: dict[str, Callable[[], View]] = {
            "jurisdictions": lambda: jurisdictions_view(records),
            "convictions": lambda: breakdown_view(records),
            "comparisons": lambda: comparisons_view(records, period_a=period_a, period_b=period_b),
        }
        builders: dict[str, Callable[[], View]] = {}
        unavailable: dict[str, str] = {}
        for view, role in VIEW_ROLES.items():
            if self.roles.column(role) is None:
                unavailable[view] = (
                    f"{self.tables[0].name}: {VIEW_NAMES[view]} needs a {role} column and none "
                    f"is chosen; {how_to_choose(role)}"
                )
            else:
                builders[view] = makers[view]
        return builders, unavailable

    def mapping(self, given: Mapping[Role, str]) -> ColumnMapping:
        table = self.tables[0]
        return ColumnMapping(
            file=table.name,
            roles=self.roles,
            columns=table.columns,
            preview=column_preview(table),
            given=dict(given),
        )

    def notes(self) -> list[str]:
        what = self.roles.preset or "no recognised layout"
        notes = [f"{t.name}: {what}; {self.roles.describe()}" for t in self.tables]
        if self.roles.all_suggested:
            notes.append(
                "the roles are suggestions inferred from the columns' names: check them "
                "(m in the explorer, or --place/--date/--category/--count)"
            )
        notes.extend(self.left_out_notes())
        return notes

    def left_out_notes(self) -> list[str]:
        """The tables not counted in the views, and why: every view must say so, not only the
        Sources pane (the counts would pass for all the files')."""
        first = self.tables[0].name
        needed = [c for c in (self.roles.column(r) for r in ROLES) if c is not None]
        notes = []
        for table in self.left_out:
            lacks = ", ".join(repr(c) for c in needed if c not in table.columns)
            notes.append(
                f"{table.name}: not in the views (it lacks the columns of {first}'s roles: "
                f"{lacks}); it opens in the Data pane"
            )
        return notes


def map_tables(tables: Sequence[Table], given: Mapping[Role, str]) -> Mapped:
    first = tables[0]
    roles = with_given(found_roles(first), first, given)
    needed = [c for c in (roles.column(r) for r in ROLES) if c is not None]
    joined = [t for t in tables if all(c in t.columns for c in needed)]
    left_out = [t for t in tables if t not in joined]
    return Mapped(joined, roles, left_out)


def column_preview(table: Table) -> Callable[[str], tuple[str, ...]]:
    """A few distinct values of a column (from the first rows), as text, for the dialog."""

    def preview(column: str) -> tuple[str, ...]:
        if column not in table.columns:
            return ()
        query = (
            table.lazy.select(pl.col(column).cast(pl.String)).head(500).unique(maintain_order=True)
        )
        try:
            values = table.collect(query.head(PREVIEW_VALUES)).to_series().to_list()
        except DataError as error:
            return (f"cannot be read: {error}",)
        return tuple("(empty)" if v is None or v == "" else str(v) for v in values)

    return preview

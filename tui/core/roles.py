"""Column roles: which column of a table is the place, the date, the category and the count.

A role is chosen one of three ways, and every view says which: by a preset (a known layout,
recognised by its headers), suggested (inferred from a column's name and values: shown as a
suggestion, never as certain), or given by the user (`--place COL`, the Columns dialog).
Nothing here knows ICE: `records.presets` and `records.suggest` fill these in.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Literal

Role = Literal["place", "date", "category", "count"]
ROLES: tuple[Role, ...] = ("place", "date", "category", "count")
How = Literal["preset", "suggested", "given"]

#: The command-line flag that gives each role.
ROLE_FLAGS: dict[Role, str] = {
    "place": "--place",
    "date": "--date",
    "category": "--category",
    "count": "--count",
}
#: What each role is for, in a few words (the Columns dialog, the views' hints).
ROLE_PURPOSE: dict[Role, str] = {
    "place": "one row per value in Jurisdictions",
    "date": "periods and months in Comparisons",
    "category": "the breakdown in Convictions (criminality, charge, case category…)",
    "count": "summed instead of counting rows (n, count, arrests…)",
}
#: A role the user chose to leave empty ("none" in the dialog); absent means "not given".
NO_COLUMN = ""


@dataclass(frozen=True)
class RoleChoice:
    column: str
    how: How
    #: Why: the preset's name, what the name or values suggested, or "given with --place".
    reason: str

    def describe(self, role: Role) -> str:
        return f"{role} {self.column!r} ({self.how}: {self.reason})"


@dataclass(frozen=True)
class Roles:
    """The roles in use for one table, each with how it was chosen (None: no such column)."""

    place: RoleChoice | None = None
    date: RoleChoice | None = None
    category: RoleChoice | None = None
    count: RoleChoice | None = None
    #: The preset that set them, if any (its title), and what a row or a count counts.
    preset: str | None = None
    noun: str = "rows"
    #: How the count is read ("average daily population: fractional, summed with decimals").
    measure: str = ""

    def get(self, role: Role) -> RoleChoice | None:
        choice: RoleChoice | None = getattr(self, role)
        return choice

    def column(self, role: Role) -> str | None:
        choice = self.get(role)
        return choice.column if choice is not None else None

    @classmethod
    def of(
        cls,
        choices: Mapping[Role, RoleChoice | None],
        *,
        preset: str | None,
        noun: str,
        measure: str = "",
    ) -> Roles:
        return cls(
            place=choices.get("place"),
            date=choices.get("date"),
            category=choices.get("category"),
            count=choices.get("count"),
            preset=preset,
            noun=noun,
            measure=measure,
        )

    def choices(self) -> dict[Role, RoleChoice | None]:
        return {role: self.get(role) for role in ROLES}

    def with_role(self, role: Role, choice: RoleChoice | None) -> Roles:
        choices = self.choices()
        choices[role] = choice
        return replace(
            self,
            place=choices["place"],
            date=choices["date"],
            category=choices["category"],
            count=choices["count"],
        )

    @property
    def all_suggested(self) -> bool:
        """No preset and nothing given: every role is a guess (the Columns dialog is offered)."""
        return self.preset is None and not any(
            c is not None and c.how == "given" for c in map(self.get, ROLES)
        )

    def describe(self) -> str:
        """Which columns the views use and how each was chosen, in one sentence."""
        parts = []
        for role in ROLES:
            choice = self.get(role)
            if choice is not None:
                parts.append(choice.describe(role))
            elif role == "count":
                parts.append("count: none (each row counts 1)")
            else:
                parts.append(f"{role}: none")
        return "columns used: " + "; ".join(parts)


def how_to_choose(role: Role) -> str:
    return (
        f"choose a {role} column with {ROLE_FLAGS[role]} COLUMN, or press m (Columns) "
        "in the explorer"
    )


@dataclass(frozen=True)
class ColumnMapping:
    """What the Columns dialog shows: the roles in use, the file's columns, a preview."""

    file: str
    roles: Roles
    columns: tuple[str, ...]
    #: A few distinct values of a column, as text (read from the file when asked).
    preview: Callable[[str], tuple[str, ...]] = field(compare=False)
    #: Roles given by the user (role -> column, or NO_COLUMN for "none").
    given: Mapping[Role, str] = field(default_factory=dict)

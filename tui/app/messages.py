"""What a screen asks of the app: posted to the app, handled there (screens never call it)."""

from __future__ import annotations

from textual.message import Message

from tui.core.model import Period
from tui.core.roles import Role


class OpenFiles(Message):
    """Open these record files in place of what is shown."""

    def __init__(self, paths: list[str]) -> None:
        super().__init__()
        self.paths = paths


class PeriodsChosen(Message):
    """Recompute the comparison with these periods A and B."""

    def __init__(self, period_a: Period, period_b: Period) -> None:
        super().__init__()
        self.period_a = period_a
        self.period_b = period_b


class DuplicatesToggled(Message):
    """Include likely duplicates if they are excluded, and the other way round."""


class LoadCancelled(Message):
    """Stop the load under way; what was shown before stays."""


class RolesChosen(Message):
    """Recompute the views with these columns' roles (role -> column; "" for none)."""

    def __init__(self, roles: dict[Role, str]) -> None:
        super().__init__()
        self.roles = roles

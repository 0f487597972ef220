"""What the explorer needs from outside: a clock for export names, the export folder, and
(when served to a browser) the one folder that Open and Export may use."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from tui.core.confine import Confinement


@dataclass(frozen=True)
class Settings:
    clock: Callable[[], datetime] = datetime.now
    export_dir: Path = field(default_factory=Path.cwd)
    confinement: Confinement | None = None

    @classmethod
    def served(cls, root: str | Path) -> Settings:
        """In a browser session: export to, and open from, `root` only."""
        confinement = Confinement.at(root)
        return cls(export_dir=confinement.root, confinement=confinement)

    def export_path(self, name: str) -> Path:
        stamp = self.clock().strftime("%Y%m%d-%H%M%S")
        return self.export_dir / f"enforce-{name}-{stamp}.csv"

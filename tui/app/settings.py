"""What the explorer needs from outside: a clock for export names and the export folder."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    clock: Callable[[], datetime] = datetime.now
    export_dir: Path = field(default_factory=Path.cwd)

    def export_path(self, name: str) -> Path:
        stamp = self.clock().strftime("%Y%m%d-%H%M%S")
        return self.export_dir / f"enforce-{name}-{stamp}.csv"

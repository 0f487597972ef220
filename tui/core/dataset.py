"""A dataset: a polars frame with the provenance a reader needs to trust it."""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl


@dataclass(frozen=True)
class Dataset:
    name: str
    title: str
    frame: pl.DataFrame
    description: str = ""
    units: str = ""
    source: str = ""
    file: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)
    sha256: str = ""

    @property
    def rows(self) -> int:
        return self.frame.height

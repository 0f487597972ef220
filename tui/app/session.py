"""What the explorer has open: the catalogue, the record files and how they are read.

The app owns it and changes it (it runs the loading); the screens and the palette read it and
ask for changes by posting messages (`tui.app.messages`), so none of them needs the app class.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tui.core.model import Catalog
from tui.core.records.options import RecordOptions


@dataclass
class Session:
    catalog: Catalog | None = None
    #: The record files shown (none: the bundled article figures).
    paths: list[str] = field(default_factory=list)
    options: RecordOptions = field(default_factory=RecordOptions)

    @property
    def has_records(self) -> bool:
        return bool(self.paths)

"""One folder that a served explorer may read from and write to, and nothing outside it.

Whoever opens the served page can type any path into the Open and Export dialogs; the server
runs with its operator's rights, so every such path is checked here first.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from tui.core.errors import EnforceError


class ConfinementError(EnforceError):
    """A path a served session may not use; the message says why and where it may go."""


@dataclass(frozen=True)
class Confinement:
    """Paths are taken relative to `root`, and must stay inside it once links are followed."""

    root: Path

    @classmethod
    def at(cls, folder: str | Path) -> Confinement:
        root = Path(folder).expanduser()
        if not root.is_dir():
            raise ConfinementError(f"{folder} is not a folder; give an existing folder to serve")
        return cls(root.resolve())

    def path(self, text: str | Path) -> Path:
        """The absolute, link-free path that `text` names inside the folder, or an error."""
        given = str(text)
        if not given.strip():
            raise ConfinementError("give a file name")
        if ".." in Path(given).parts:
            raise ConfinementError(
                f"{given}: '..' is not allowed here; give a path inside {self.root}"
            )
        expanded = Path(given).expanduser()
        # Normalised without following links, to tell "outside" from "a link leading out".
        literal = Path(os.path.normpath(self.root / expanded))
        if not _within(literal, self.root):
            raise ConfinementError(f"{given} is outside {self.root}; only files in it can be used")
        resolved = literal.resolve()
        if not _within(resolved, self.root):
            raise ConfinementError(
                f"{given} is a link leading outside {self.root}; only files in it can be used"
            )
        return resolved


def _within(path: Path, root: Path) -> bool:
    return path == root or path.is_relative_to(root)

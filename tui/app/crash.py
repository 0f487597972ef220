"""The last safety net: an unexpected error closes the explorer with one line, not a traceback.

The full traceback goes to a file the user can attach to a report.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Sequence

from rich.console import Console, RenderableType

from tui.core.errors import one_line


def write_crash_report(renderables: Sequence[RenderableType], error: BaseException | None) -> str:
    handle, path = tempfile.mkstemp(prefix="enforce-tui-crash-", suffix=".txt")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        console = Console(file=stream, width=120, color_system=None, legacy_windows=False)
        for renderable in renderables:
            console.print(renderable)
    what = one_line(f"{type(error).__name__}: {error}") if error else "unexpected error"
    print(
        f"enforce-tui: internal error, the explorer had to close ({what[:200]}); "
        f"details in {path}; please report it",
        file=sys.stderr,
    )
    return path

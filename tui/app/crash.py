"""The last safety net: an unexpected error closes the explorer with one line, not a traceback.

Textual prints the traceback of a crash on its `error_console` once the app has closed; the
app points that console here, and the CLI then writes what it got to a file the user can
attach to a report, and says so in one line.
"""

from __future__ import annotations

import io
import sys
import tempfile

from rich.console import Console

from tui.core.errors import one_line


class CrashReport:
    """What Textual would have printed on a crash, kept until the app has closed."""

    def __init__(self) -> None:
        self._text = io.StringIO()
        self.console = Console(
            file=self._text,
            width=120,
            color_system=None,
            legacy_windows=False,
            markup=False,
            highlight=False,
        )

    def tell(self) -> str | None:
        """If the app crashed: the report written to a file, one line on stderr; its path."""
        text = self._text.getvalue()
        lines = [line for line in text.splitlines() if line.strip()]
        if not lines:
            return None
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", prefix="enforce-tui-crash-", suffix=".txt", delete=False
        ) as stream:
            stream.write(text)
        # A traceback ends with the error itself: `KeyError: 0`.
        what = one_line(lines[-1].strip())
        print(
            f"enforce-tui: internal error, the explorer had to close ({what[:200]}); "
            f"details in {stream.name}; please report it",
            file=sys.stderr,
        )
        return stream.name

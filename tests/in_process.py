"""`enforce-tui ARGS` run in the test's own process: `tui.cli.main` with its standard output
and error captured, giving what a fresh process would (exit status, stdout, stderr) without
the second or so a Python process with polars takes to start. A few tests still run a real
process (`python -m tui`), for the exit status and stderr as a shell sees them.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
from collections.abc import Sequence
from pathlib import Path
from unittest import mock

from tui.cli import main

# As the tests' real processes ran: no colour, a wide terminal for `show`.
ENVIRONMENT = {"NO_COLOR": "1", "COLUMNS": "200"}


def _no_explorer(*_: object, **__: object) -> None:
    raise AssertionError("the explorer would have started: the command line was to stop first")


def run_cli(args: Sequence[str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="")
    stderr = io.StringIO()
    with (
        contextlib.chdir(cwd or Path.cwd()),
        mock.patch.dict(os.environ, ENVIRONMENT),
        mock.patch("tui.app.app.EnforceApp.run", _no_explorer),
        contextlib.redirect_stdout(stdout),
        contextlib.redirect_stderr(stderr),
    ):
        try:
            code = main(list(args))
        except SystemExit as leaving:  # argparse: --help, --version, a usage error
            code = leaving.code if isinstance(leaving.code, int) else int(leaving.code is not None)
    stdout.flush()
    text = stdout.buffer.getvalue().decode("utf-8")  # type: ignore[attr-defined]
    return subprocess.CompletedProcess(["enforce-tui", *args], code, text, stderr.getvalue())

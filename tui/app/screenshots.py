"""`enforce-tui screenshot`: one SVG per pane at 120x40, the same every time."""

from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path

from tui.app.factory import build_app
from tui.app.screens.main import PANES
from tui.app.settings import Settings
from tui.core.errors import EnforceError

SIZE = (120, 40)
# A fixed clock: nothing on screen may depend on when the pictures were taken.
FIXED_CLOCK = datetime(2017, 9, 28, 12, 0, 0)


def fixed_settings(export_dir: Path | None = None) -> Settings:
    return Settings(clock=lambda: FIXED_CLOCK, export_dir=export_dir or Path.cwd())


async def _capture(out_dir: Path) -> list[Path]:
    app = build_app(settings=fixed_settings())
    written = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for number, (pane_id, _) in enumerate(PANES, start=1):
            await pilot.press(str(number))
            await pilot.pause()
            name = f"{number}-{pane_id}.svg"
            app.save_screenshot(filename=name, path=str(out_dir))
            written.append(out_dir / name)
    return written


def save_screenshots(out_dir: Path) -> list[Path]:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise EnforceError(f"cannot create {out_dir}: {error.strerror or error}") from error
    return asyncio.run(_capture(out_dir))

"""`enforce-tui screenshot`: one SVG per pane at 120x40, the same every time."""

from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tui.app.factory import build_app
from tui.app.settings import Settings
from tui.app.widgets.pane_tabs import PANES
from tui.core.errors import EnforceError

if TYPE_CHECKING:
    from textual.pilot import Pilot

    from tui.app.app import EnforceApp

SIZE = (120, 40)
# A fixed clock: nothing on screen may depend on when the pictures were taken.
FIXED_CLOCK = datetime(2017, 9, 28, 12, 0, 0)


def fixed_settings(export_dir: Path | None = None) -> Settings:
    return Settings(clock=lambda: FIXED_CLOCK, export_dir=export_dir or Path.cwd())


# A picture is taken once two frames in a row are the same; a screen still changing after
# this many is a bug.
SETTLING_FRAMES = 50


async def _settled_frame(app: EnforceApp, pilot: Pilot[None]) -> str:
    """The screen once it has stopped changing (a pane filled, the footer rebuilt): a machine
    busy with other work shows it later, never differently."""
    last = None
    for _ in range(SETTLING_FRAMES):
        await pilot.pause()
        frame = app.export_screenshot()
        if frame == last:
            return frame
        last = frame
    raise EnforceError("the screen never settled for a screenshot")


async def _capture(out_dir: Path) -> list[Path]:
    app = build_app(settings=fixed_settings())
    written = []
    async with app.run_test(size=SIZE) as pilot:
        await _settled_frame(app, pilot)
        for number, (pane_id, _) in enumerate(PANES, start=1):
            await pilot.press(str(number))
            path = out_dir / f"{number}-{pane_id}.svg"
            path.write_text(await _settled_frame(app, pilot), encoding="utf-8")
            written.append(path)
    return written


def save_screenshots(out_dir: Path) -> list[Path]:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise EnforceError(f"cannot create {out_dir}: {error.strerror or error}") from error
    return asyncio.run(_capture(out_dir))

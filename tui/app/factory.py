"""The one way to build the explorer, used by the CLI, the screenshots and the tests."""

from __future__ import annotations

from pathlib import Path

from tui.app.app import EnforceApp
from tui.app.settings import Settings
from tui.core.sources import open_catalog
from tui.core.view import Catalog

BUNDLED_SUBTITLE = "Operation Safe City, September 2017, as one news article reported it"


def build_app(
    paths: list[str] | None = None,
    *,
    catalog: Catalog | None = None,
    settings: Settings | None = None,
) -> EnforceApp:
    """The bundled figures load at once (they are small); files load in a background worker."""
    if catalog is not None:
        return EnforceApp(catalog=catalog, settings=settings, subtitle=catalog.title)
    if not paths:
        return EnforceApp(catalog=open_catalog(), settings=settings, subtitle=BUNDLED_SUBTITLE)
    files = list(paths)
    subtitle = ", ".join(Path(p).name for p in files)
    return EnforceApp(loader=lambda: open_catalog(files), settings=settings, subtitle=subtitle)

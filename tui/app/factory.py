"""The one way to build the explorer, used by the CLI, the screenshots and the tests."""

from __future__ import annotations

from tui.app.app import EnforceApp
from tui.app.settings import Settings
from tui.core.model import Catalog
from tui.core.open import open_catalog
from tui.core.records.options import RecordOptions

BUNDLED_SUBTITLE = "Operation Safe City, September 2017, as one news article reported it"


def build_app(
    paths: list[str] | None = None,
    *,
    catalog: Catalog | None = None,
    settings: Settings | None = None,
    options: RecordOptions | None = None,
) -> EnforceApp:
    """Files are opened here (headers only: a bad file fails before the screen opens); their
    views are computed in a background worker once the explorer shows."""
    if catalog is not None:
        return EnforceApp(catalog=catalog, settings=settings, subtitle=catalog.title)
    if not paths:
        # The options are kept so the explorer can say they apply to record files only.
        return EnforceApp(
            catalog=open_catalog(), options=options, settings=settings, subtitle=BUNDLED_SUBTITLE
        )
    opened = open_catalog(paths, options=options)
    return EnforceApp(
        catalog=opened, paths=paths, options=options, settings=settings, subtitle=", ".join(paths)
    )

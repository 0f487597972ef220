"""Open what the user asked for as a Catalog: the bundled figures, or files given on the line."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from tui.core.errors import DataError
from tui.core.model import Catalog
from tui.core.records.options import RecordOptions

Report = Callable[[str], None]


def open_catalog(
    paths: list[str] | None = None,
    *,
    article: Path | None = None,
    options: RecordOptions | None = None,
) -> Catalog:
    """No paths: the bundled article figures (checked against the article if one is given)."""
    text = _read_article(article) if article is not None else None
    if not paths:
        # The bundled figures' modules are imported only for them: not for record files.
        from tui.core.article.figures import load_figures
        from tui.core.article.views import article_catalog

        return article_catalog(load_figures(article=text))
    # The record reader is imported only when files are opened: not part of start-up.
    from tui.core.records.catalog import open_records

    return open_records([Path(p) for p in paths], options)


def warm_catalog(
    catalog: Catalog, report: Report | None = None, *, views: Iterable[str] | None = None
) -> Catalog:
    """Do the slow parts of a lazily opened catalogue now (in a worker), not on first paint.

    Builds the views named in `views` (every view when None, or when the files hold at most
    `EAGER_ROWS` rows) and, when every view is built, counts every dataset's rows and
    checksum; raw rows stay unread until a dataset is opened. For larger files the explorer
    warms the view in front before showing the panes and the others after: opening a 10M-row
    file does not wait for views no one looks at yet, and a problem only another view finds
    is told when it is found.
    """
    say = report or (lambda _: None)
    if views is not None and catalog_rows(catalog) <= EAGER_ROWS:
        views = None  # every view at once is quick: a problem any of them finds stops the open
    names = list(catalog.views) if views is None else [v for v in views if v in catalog.views]
    for name in names:
        say(f"computing the {name} view")
        warm_view(catalog, name)
    if views is None:
        for name, dataset in catalog.datasets.items():
            say(f"counting {name}")
            _ = dataset.rows, dataset.sha256
    return catalog


#: Up to this many rows in the files, every view is built before the panes show (a second at
#: most); above, only the view in front, so that opening 10M rows does not wait for the rest.
EAGER_ROWS = 1_000_000


def catalog_rows(catalog: Catalog) -> int:
    """The rows of the files opened (Parquet: from its metadata; text: a line count)."""
    return sum(d.rows for d in catalog.datasets.values() if d.file)


def warm_view(catalog: Catalog, name: str) -> None:
    """Build one view (once; safe from several threads). A view the suggested columns cannot
    give is moved to `unavailable`, told in its pane; any other problem is raised."""
    try:
        catalog.views.get(name)
    except DataError as error:
        if catalog.mapping is None or not catalog.mapping.roles.all_suggested:
            raise  # columns of a layout or chosen by the user: told, as any problem
        # A view that suggested columns cannot give (a "count" column of text, say) is
        # told in its pane; the other views and the Data pane still open.
        catalog.views.pop(name, None)
        catalog.unavailable[name] = f"{error}"


def view_ready(catalog: Catalog, name: str) -> bool:
    """Whether looking the view up costs nothing (built, unavailable or not lazy)."""
    built = getattr(catalog.views, "built", None)
    return name not in catalog.views or built is None or bool(built(name))


def _read_article(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise DataError(
            "article not found", file=path, hint="give the path to the article"
        ) from error
    except (OSError, UnicodeDecodeError) as error:
        raise DataError(f"cannot be read as UTF-8 text ({error})", file=path) from error

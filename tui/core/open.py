"""Open what the user asked for as a Catalog: the bundled figures, or files given on the line."""

from __future__ import annotations

from collections.abc import Callable
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


def warm_catalog(catalog: Catalog, report: Report | None = None) -> Catalog:
    """Do the slow parts of a lazily opened catalogue now (in a worker), not on first paint.

    Builds every view and counts every dataset's rows and checksum; raw rows stay unread
    until a dataset is opened.
    """
    say = report or (lambda _: None)
    for name in catalog.views:
        say(f"computing the {name} view")
        try:
            catalog.views.get(name)
        except DataError as error:
            if catalog.mapping is None or not catalog.mapping.roles.all_suggested:
                raise  # columns of a layout or chosen by the user: told, as any problem
            # A view that suggested columns cannot give (a "count" column of text, say) is
            # told in its pane; the other views and the Data pane still open.
            del catalog.views[name]
            catalog.unavailable[name] = f"{error}"
    for name, dataset in catalog.datasets.items():
        say(f"counting {name}")
        _ = dataset.rows, dataset.sha256
    return catalog


def _read_article(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise DataError(
            "article not found", file=path, hint="give the path to the article"
        ) from error
    except (OSError, UnicodeDecodeError) as error:
        raise DataError(f"cannot be read as UTF-8 text ({error})", file=path) from error

"""Open what the user asked for as a Catalog: the bundled figures, or files given on the line."""

from __future__ import annotations

from pathlib import Path

from tui.core.article_views import article_catalog
from tui.core.errors import DataError
from tui.core.figures import load_figures
from tui.core.view import Catalog


def open_catalog(paths: list[str] | None = None, *, article: Path | None = None) -> Catalog:
    """No paths: the bundled article figures (checked against the article if one is given)."""
    text = _read_article(article) if article is not None else None
    if not paths:
        return article_catalog(load_figures(article=text))
    from tui.core.records.open import open_records

    return open_records([Path(p) for p in paths])


def _read_article(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise DataError(
            "article not found", file=path, hint="give the path to the article"
        ) from error
    except (OSError, UnicodeDecodeError) as error:
        raise DataError(f"cannot be read as UTF-8 text ({error})", file=path) from error

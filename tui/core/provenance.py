"""Where an export came from, written next to it: the files, their checksums, the filters."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tui import __version__
from tui.core.model import Catalog

SUFFIX = ".provenance.json"


def provenance(
    catalog: Catalog,
    what: str,
    *,
    rows: int,
    filter_text: str = "",
    sort: tuple[str, bool] | None = None,
    options: dict[str, Any] | None = None,
) -> dict[str, Any]:
    view = catalog.views.get(what)
    return {
        "exported_by": f"enforce-tui {__version__}",
        "source": catalog.title,
        "view": what,
        "rows": rows,
        "filter": filter_text or None,
        "sort": None if sort is None else {"column": sort[0], "descending": sort[1]},
        "options": options or {},
        "base": view.base if view is not None else None,
        "notes": list(catalog.notes),
        "datasets": [
            {
                "name": d.name,
                "title": d.title,
                "file": d.file or None,
                "rows": d.rows,
                "sha256": d.sha256 or None,
            }
            for d in catalog.datasets.values()
        ],
    }


def provenance_path(csv_path: str) -> Path:
    return Path(csv_path + SUFFIX)


def provenance_bytes(record: dict[str, Any]) -> bytes:
    return (json.dumps(record, indent=2, ensure_ascii=False, default=str) + "\n").encode()

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT.parent / "shared" / "source" / "safe-city-article.txt"


@pytest.fixture
def article_text() -> str:
    """The source article; CI lays shared/ beside the clone, as on a developer's machine."""
    if not ARTICLE.is_file():
        pytest.fail(f"the source article is expected at {ARTICLE}")
    return ARTICLE.read_text(encoding="utf-8")


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled data, for tests that break it on purpose."""
    target = tmp_path / "data"
    target.mkdir()
    for source in (ROOT / "data").iterdir():
        (target / source.name).write_bytes(source.read_bytes())
    return target

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Files kept outside the repository (never copied in): `shared/` laid beside the clone, as on
# a developer's machine and in CI. Tests that need them skip without it; .ci/run insists on it
# when CI=true, so CI always runs them.
SHARED = ROOT.parent / "shared"
ARTICLE = SHARED / "source" / "safe-city-article.txt"


@pytest.fixture
def article_text() -> str:
    """The source article the bundled figures are quoted from."""
    if not ARTICLE.is_file():
        pytest.skip(f"needs the source article at {ARTICLE} (lay shared/ beside the clone)")
    return ARTICLE.read_text(encoding="utf-8")


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled data, for tests that break it on purpose."""
    target = tmp_path / "data"
    target.mkdir()
    for source in (ROOT / "data").iterdir():
        (target / source.name).write_bytes(source.read_bytes())
    return target


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto`: two test processes a core. An explorer test spends much of its time waiting
    on the app (a worker, a repaint), so one process a core left the cores half idle (128 s
    for the suite on 2 cores, 96 s with 4 processes)."""
    return 2 * (os.cpu_count() or 1)

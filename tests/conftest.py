from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.worker import WorkerCancelled, WorkerFailed

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


async def settle(app: App[Any], pilot: Any) -> None:
    """Let what the keys started run to its end: the messages they posted, then every worker.

    A worker replaced by a newer load ends as cancelled, and a load that failed has told the
    user (the tests look at what was told): neither is an error here.
    """
    await pilot.pause()
    while any(worker.is_running for worker in app.workers):
        with contextlib.suppress(WorkerCancelled, WorkerFailed):
            await app.workers.wait_for_complete()
        await pilot.pause()

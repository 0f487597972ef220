"""Snapshot baselines of every pane at 80x24, 120x40 and 200x60, and of a row opened.

Regenerate after a deliberate change:
    python -m pytest tests/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

from typing import Any

import pytest

from tui.app.factory import build_app
from tui.app.screenshots import fixed_settings


@pytest.mark.parametrize("key", ["1", "2", "3", "4", "5"])
def test_pane_at_120x40(snap_compare: Any, key: str) -> None:
    assert snap_compare(build_app(settings=fixed_settings()), press=[key], terminal_size=(120, 40))


@pytest.mark.parametrize("key", ["1", "2", "3", "4", "5"])
def test_pane_at_80x24(snap_compare: Any, key: str) -> None:
    assert snap_compare(build_app(settings=fixed_settings()), press=[key], terminal_size=(80, 24))


@pytest.mark.parametrize("key", ["1", "2", "3", "4", "5"])
def test_pane_at_200x60(snap_compare: Any, key: str) -> None:
    assert snap_compare(build_app(settings=fixed_settings()), press=[key], terminal_size=(200, 60))


def test_row_opened_at_80x24(snap_compare: Any) -> None:
    app = build_app(settings=fixed_settings())
    assert snap_compare(app, press=["5", "enter"], terminal_size=(80, 24))


def test_help_screen(snap_compare: Any) -> None:
    assert snap_compare(
        build_app(settings=fixed_settings()), press=["question_mark"], terminal_size=(120, 40)
    )


def test_filtered_convictions(snap_compare: Any) -> None:
    keys = ["2", "slash", *"child", "enter"]
    assert snap_compare(build_app(settings=fixed_settings()), press=keys, terminal_size=(120, 40))


def test_readme_screenshots_are_current(tmp_path: Any) -> None:
    """screenshots/ must show the explorer as it is: regenerate with `enforce-tui screenshot`."""
    from pathlib import Path

    from tui.app.screenshots import save_screenshots

    committed = Path(__file__).resolve().parents[1] / "screenshots"
    for fresh in save_screenshots(tmp_path):
        assert fresh.read_bytes() == (committed / fresh.name).read_bytes(), fresh.name


def test_records_comparisons(snap_compare: Any, tmp_path: Any, monkeypatch: Any) -> None:
    """A records comparison: the month sparklines (July 2025 partial, drawn apart), the pair of
    the selected row with lengths and rates, and its months with A and B overlaid."""
    from settle import settle
    from synth import ice_records as ir

    ir.write(ir.arrests(3000, seed=21, layout="2025"), tmp_path / "arrests-2025.csv", "csv")
    monkeypatch.chdir(tmp_path)
    app = build_app(["arrests-2025.csv"], settings=fixed_settings(tmp_path))

    async def loaded(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)

    assert snap_compare(app, run_before=loaded, terminal_size=(120, 40))

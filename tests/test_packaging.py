"""The headless core never imports textual, and the wheel carries the bundled data."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parents[1]

IMPORT_ALL_CORE = """
import importlib, pkgutil, sys
import tui.core
for module in pkgutil.walk_packages(tui.core.__path__, "tui.core."):
    importlib.import_module(module.name)
import tui.cli
print(sorted(name for name in sys.modules if name.split(".")[0] == "textual"))
print(len([name for name in sys.modules if name.startswith("tui.core.")]))
"""


def test_headless_core_and_cli_do_not_import_textual() -> None:
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL_CORE], capture_output=True, text=True, check=True
    )
    imported, count = done.stdout.splitlines()
    assert imported == "[]"
    assert int(count) >= 10


def test_wheel_ships_the_data_and_runs_from_elsewhere(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("enforce_tui-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "tui/data/manifest.toml" in names
    assert "tui/data/jurisdictions.csv" in names
    site = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(site),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "tui", "export", "jurisdictions", "-o", "-"],
        cwd=elsewhere,
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert pl.read_csv(done.stdout.encode()).get_column("arrests").sum() == 498
    where = subprocess.run(
        [sys.executable, "-c", "import tui.core.article.figures as f; print(f.bundled_data_dir())"],
        cwd=elsewhere,
        env={"PYTHONPATH": str(site)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert where.stdout.strip() == str(site / "tui" / "data")

"""The layers import only downwards: the generic table layer knows no ICE layout and no
article, and no part of the headless core imports textual (read from the source, so a lazy
import inside a function counts too)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parents[1] / "tui" / "core"


def imported(path: Path) -> set[str]:
    """Every module `path` imports, wherever in the file the import is."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def offending(folder: Path, forbidden: tuple[str, ...]) -> list[str]:
    return sorted(
        f"{path.relative_to(folder.parent)} imports {name}"
        for path in folder.rglob("*.py")
        for name in imported(path)
        if any(name == bad or name.startswith(f"{bad}.") for bad in forbidden)
    )


def test_the_table_layer_imports_no_records_and_no_article() -> None:
    assert offending(CORE / "tables", ("tui.core.records", "tui.core.article", "tui.app")) == []


def test_the_article_layer_imports_no_records() -> None:
    assert offending(CORE / "article", ("tui.core.records", "tui.app")) == []


def test_the_core_imports_no_textual_and_no_app() -> None:
    assert offending(CORE, ("textual", "tui.app")) == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from tui.core.records.layouts import KINDS\n", ["x.py imports tui.core.records.layouts"]),
        ("def f():\n    import textual.app\n", ["x.py imports textual.app"]),
        ("from tui.core.tables.table import Table\n", []),
    ],
)
def test_the_check_sees_imports_anywhere_in_a_file(
    tmp_path: Path, source: str, expected: list[str]
) -> None:
    (tmp_path / "x.py").write_text(source, encoding="utf-8")
    found = offending(tmp_path, ("tui.core.records", "textual"))
    assert [line.replace(f"{tmp_path.name}/", "") for line in found] == expected


def test_no_screen_pane_or_widget_imports_the_app() -> None:
    app = CORE.parent / "app"
    for folder in ("screens", "panes", "widgets"):
        assert offending(app / folder, ("tui.app.app", "tui.app.factory")) == []
    assert offending_file(app / "commands.py", ("tui.app.app",)) == []


def offending_file(path: Path, forbidden: tuple[str, ...]) -> list[str]:
    return [name for name in imported(path) if name in forbidden]

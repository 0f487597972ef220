"""The Sources pane: every claim with its verdict, and where each dataset comes from."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.app.panes.views import ViewPane
from tui.app.widgets.frame_table import FrameTable
from tui.core.formatting import printable
from tui.core.model import Catalog, View
from tui.render import VERDICT_STYLES


def provenance_text(catalog: Catalog) -> Text:
    text = Text()
    text.append(printable(catalog.title) + "\n", style="bold")
    for note in catalog.notes:
        text.append("• " + printable(note) + "\n")
    for dataset in catalog.datasets.values():
        text.append("\n" + printable(f"{dataset.name}: {dataset.title}") + "\n", style="bold")
        facts = [f"{dataset.rows:,} rows"]
        if dataset.file:
            facts.append(dataset.file)
        if dataset.units:
            facts.append(f"units: {dataset.units}")
        if dataset.sha256:
            facts.append(f"SHA-256 {dataset.sha256[:16]}…")
        text.append("  " + printable(" · ".join(facts)) + "\n", style="dim")
        if dataset.source:
            text.append("  Source: " + printable(dataset.source) + "\n")
        for note in dataset.notes:
            text.append("  • " + printable(note) + "\n")
    return text


class SourcesPane(ViewPane):
    view_name = "claims"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(
            id=id, table=FrameTable(max_text_width=30, value_styles={"verdict": VERDICT_STYLES})
        )

    def compose_footer(self) -> ComposeResult:
        yield from super().compose_footer()
        with VerticalScroll(classes="provenance"):
            yield Static(classes="provenance-text")

    def show_catalog(self, catalog: Catalog) -> None:
        super().show_catalog(catalog)
        self.query_one(".provenance-text", Static).update(provenance_text(catalog))

    def summary(self, view: View) -> str:
        counts = view.frame.get_column("verdict").value_counts(sort=True).rows()
        tally = ", ".join(f"{n} {verdict}" for verdict, n in counts)
        return f"{view.title}: {view.frame.height} claims ({tally}). {view.base}."

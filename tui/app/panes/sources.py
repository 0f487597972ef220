"""The Sources pane: every claim with its kind and its two verdicts (from the article, and
against the outside reference), and where each dataset comes from."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.app.panes.views import ViewPane
from tui.app.widgets.frame_table import FrameTable
from tui.app.widgets.hanging_text import HangingText, Paragraph
from tui.core.formatting import EMPTY, plural, printable
from tui.core.model import Catalog, View
from tui.render import VERDICT_STYLES


def provenance_text(catalog: Catalog) -> list[Paragraph]:
    """The catalogue's notes and each dataset's provenance, a note's lines under its bullet."""
    lines: list[Paragraph] = [("", Text(printable(catalog.title), style="bold"))]
    lines += [("• ", Text(printable(note))) for note in catalog.notes]
    for dataset in catalog.datasets.values():
        # A file's dataset is titled with its name already ("x.csv: every row and column").
        named = dataset.title.startswith(f"{dataset.name}:")
        heading = dataset.title if named else f"{dataset.name}: {dataset.title}"
        lines += [("", Text()), ("", Text(printable(heading), style="bold"))]
        facts = [plural(dataset.rows, "row")]
        if dataset.file:
            facts.append(dataset.file)
        if dataset.units:
            facts.append(f"units: {dataset.units}")
        if dataset.sha256:
            facts.append(f"SHA-256 {dataset.sha256[:16]}…")
        lines.append(("  ", Text(printable(" · ".join(facts)), style="dim")))
        if dataset.source:
            lines.append(("  Source: ", Text(printable(dataset.source))))
        lines += [("  • ", Text(printable(note))) for note in dataset.notes]
    return lines


def _tally(values: list[str | None]) -> str:
    counts: dict[str, int] = {}
    for value in values:
        if value is not None:
            counts[value] = counts.get(value, 0) + 1
    return ", ".join(f"{n} {v}" for v, n in sorted(counts.items(), key=lambda kv: -kv[1]))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


class SourcesPane(ViewPane):
    view_name = "claims"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(
            id=id,
            table=FrameTable(
                max_text_width=90,
                value_styles={"verdict": VERDICT_STYLES, "reference_verdict": VERDICT_STYLES},
            ),
        )

    def compose_footer(self) -> ComposeResult:
        yield from super().compose_footer()
        with VerticalScroll(classes="provenance"):
            yield HangingText(classes="provenance-text")

    def on_mount(self) -> None:
        # Every claim at once (14 today), and the selected one's quote and both computations.
        self.table.styles.max_height = 18
        self.query_one(".detail", Static).styles.max_height = 6

    def show_catalog(self, catalog: Catalog) -> None:
        super().show_catalog(catalog)
        self.query_one(".provenance-text", HangingText).update(provenance_text(catalog))

    def show_detail(self, row: int, column: str | None) -> None:
        frame = self.table.frame
        if not 0 <= row < self.shown_rows or "reference_verdict" not in frame.columns:
            super().show_detail(row, column)
            return
        value = self.table.value_at
        text = Text.assemble(("Source: ", "bold"), printable(f"“{value(row, 'quote')}”"))
        text.append("\nFrom the article: ", style="bold")
        verdict = str(value(row, "verdict"))
        text.append(verdict, style=VERDICT_STYLES.get(verdict, ""))
        text.append(" · " + printable(str(value(row, "computed"))))
        text.append("\nAgainst the outside reference: ", style="bold")
        second = value(row, "reference_verdict")
        if second is None:
            text.append(f"{EMPTY} no outside figure bears on this claim")
        else:
            text.append(str(second), style=VERDICT_STYLES.get(str(second), ""))
            text.append(" · " + printable(str(value(row, "reference_computed"))))
        self.query_one(".detail", Static).update(text)

    def summary(self, view: View) -> str:
        frame = view.frame
        text = f"{view.title}: {_plural(frame.height, 'claim')}"
        if "kind" in frame.columns:
            kinds = frame.get_column("kind").value_counts(sort=True).rows()
            text += " (" + ", ".join(_plural(n, str(kind)) for kind, n in kinds) + ")"
        text += f". From the article: {_tally(frame.get_column('verdict').to_list())}"
        if "reference_verdict" in frame.columns:
            references = frame.get_column("reference_verdict").to_list()
            text += f". Against the outside reference: {_tally(references)}"
            if None in references:
                text += f", {references.count(None)} with no outside figure"
        return f"{text}. {view.base}."

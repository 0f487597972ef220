"""Plain-terminal output for the CLI: views as tables, claims with their verdicts. Never markup."""

from __future__ import annotations

import sys

import polars as pl
from rich.console import Console
from rich.table import Table
from rich.text import Text

from tui.core.formatting import display_value, printable
from tui.core.model import View

#: How a claim's verdict is coloured, on the command line and in the Sources pane alike.
VERDICT_STYLES = {"holds": "bold green", "fails": "bold red", "unverifiable": "bold yellow"}
QUOTE = "quote"


def _console(natural_width: int) -> Console:
    # Piped output is not cut to 80 columns: a table is only useful whole.
    if sys.stdout.isatty():
        return Console(highlight=False)
    return Console(highlight=False, width=max(80, natural_width))


def print_table(view: View, frame: pl.DataFrame, console: Console | None = None) -> None:
    """The view as a table; long source quotes become numbered notes under it."""
    quotes: list[str] = []
    shown = frame
    if QUOTE in frame.columns:
        for quote in frame.get_column(QUOTE).cast(pl.String).fill_null("").to_list():
            if quote not in quotes:
                quotes.append(quote)
        numbers = {quote: f"[{index}]" for index, quote in enumerate(quotes, start=1)}
        shown = frame.with_columns(
            pl.col(QUOTE).cast(pl.String).fill_null("").replace_strict(numbers).alias("source")
        ).drop(QUOTE)
    cells = [
        [display_value(value, name) for value, name in zip(row, shown.columns, strict=True)]
        for row in shown.iter_rows()
    ]
    widths = [
        max([len(name), *(len(row[index]) for row in cells)])
        for index, name in enumerate(shown.columns)
    ]
    out = console or _console(sum(width + 3 for width in widths) + 1)
    table = Table(title=Text(printable(view.title)), caption=Text(printable(view.base)))
    for name, dtype in shown.schema.items():
        table.add_column(
            Text(printable(name)),
            justify="right" if dtype.is_numeric() else "left",
            no_wrap=True,
            overflow="ellipsis",
        )
    for row in cells:
        table.add_row(*(Text(value) for value in row))
    out.print(table)
    out.print(Text(f"{frame.height:,} row{'' if frame.height == 1 else 's'}"))
    for index, quote in enumerate(quotes, start=1):
        out.print(Text(f"[{index}] {printable(quote)}"))


def _tally(values: list[str | None], nothing: str, plural: str = "") -> str:
    counts: dict[str, int] = {}
    for value in values:
        key = value if value is not None else nothing
        counts[key] = counts.get(key, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    return ", ".join(f"{n} {v}{plural if n != 1 else ''}" for v, n in ranked)


def print_claims(claims: pl.DataFrame, console: Console | None = None) -> None:
    """Each claim with its kind and verdict; the verdict against the outside reference on a line
    of its own, so the two are never confused."""
    out = console or Console(highlight=False)
    has_reference = "reference_verdict" in claims.columns
    for row in claims.iter_rows(named=True):
        verdict = str(row["verdict"])
        line = Text()
        line.append(f"{verdict.upper():<13}", style=VERDICT_STYLES.get(verdict, ""))
        line.append(printable(str(row["claim"])))
        if row.get("kind"):
            line.append(printable(f"  [{row['kind']}]"), style="dim")
        out.print(line)
        out.print(Text(f"             computed: {printable(str(row['computed']))}"))
        if has_reference and row["reference_verdict"] is not None:
            second = str(row["reference_verdict"])
            line = Text("             against the outside reference: ")
            line.append(second.upper(), style=VERDICT_STYLES.get(second, ""))
            line.append(" " + printable(str(row["reference_computed"])))
            out.print(line)
        out.print(Text(f"             quote: {printable(str(row['quote']))}", style="dim"))
    summary = f"{claims.height} claims"
    if "kind" in claims.columns:
        summary += f" ({_tally(claims.get_column('kind').to_list(), 'no kind', 's')})"
    summary += f": {_tally(claims.get_column('verdict').to_list(), 'none')} from the article"
    if has_reference:
        references = claims.get_column("reference_verdict").to_list()
        summary += (
            f"; against the outside reference: {_tally(references, 'without an outside figure')}"
        )
    out.print(Text(summary))

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


def print_claims(claims: pl.DataFrame, console: Console | None = None) -> None:
    out = console or Console(highlight=False)
    for row in claims.iter_rows(named=True):
        verdict = str(row["verdict"])
        line = Text()
        line.append(f"{verdict.upper():<13}", style=VERDICT_STYLES.get(verdict, ""))
        line.append(printable(str(row["claim"])))
        out.print(line)
        out.print(Text(f"             computed: {printable(str(row['computed']))}"))
        out.print(Text(f"             quote: {printable(str(row['quote']))}", style="dim"))
    counts = claims.get_column("verdict").value_counts(sort=True)
    summary = ", ".join(f"{n} {v}" for v, n in counts.iter_rows())
    out.print(Text(f"{claims.height} claims: {summary}"))

"""Plain-terminal output for the CLI: views as tables, claims with their verdicts. Never markup."""

from __future__ import annotations

import os
import sys

import polars as pl
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from tui.core.formatting import EMPTY, display_value, printable
from tui.core.model import View
from tui.core.widths import ColumnNeed, keeps_width, share_width

#: How a claim's verdict is coloured, on the command line and in the Sources pane alike.
VERDICT_STYLES = {"holds": "bold green", "fails": "bold red", "unverifiable": "bold yellow"}
QUOTE = "quote"
SOURCE = "source"
#: Cells a rich Table spends on each column besides its content: padding and a border.
GAP = 3
#: In `show`, a text column narrower than this is moved under the table rather than wrapped.
SHOW_FLOOR = 16
INDENT = " " * 13


def _console(natural_width: int) -> Console:
    # Piped output is not cut to 80 columns: a table is only useful whole; unless COLUMNS
    # asks for a width (`COLUMNS=80 enforce-tui show claims > f`), which Rich then takes.
    if sys.stdout.isatty() or os.environ.get("COLUMNS", "").strip().isdigit():
        return Console(highlight=False)
    return Console(highlight=False, width=max(80, natural_width))


def print_table(view: View, frame: pl.DataFrame, console: Console | None = None) -> None:
    """The view as a table that keeps every number: long source quotes become numbered notes
    under it, other long text wraps or, when there is no room, is listed under the table row by
    row; when the numbers alone are wider than the terminal, the table continues below with the
    label column repeated."""
    quotes: list[str] = []
    shown = frame
    if QUOTE in frame.columns:
        for quote in frame.get_column(QUOTE).cast(pl.String).fill_null("").to_list():
            if quote not in quotes:
                quotes.append(quote)
        numbers = {quote: f"[{index}]" for index, quote in enumerate(quotes, start=1)}
        shown = frame.with_columns(
            pl.col(QUOTE).cast(pl.String).fill_null("").replace_strict(numbers).alias(SOURCE)
        ).drop(QUOTE)
    columns = shown.columns
    cells = [
        [display_value(value, name) for value, name in zip(row, columns, strict=True)]
        for row in shown.iter_rows()
    ]
    naturals = [
        max([cell_len(printable(name)), *(cell_len(row[index]) for row in cells)])
        for index, name in enumerate(columns)
    ]
    out = console or _console(sum(width + GAP for width in naturals) + 1)
    available = out.width - 1
    label = view.label_column if view.label_column in columns else columns[0] if columns else None
    needs = []
    for name, dtype, natural in zip(columns, shown.dtypes, naturals, strict=True):
        keep = keeps_width(name, dtype, label)
        if name == label and not dtype.is_numeric() and natural > available // 2:
            keep = False  # a label as long as a sentence gives way rather than crowd the numbers
        needs.append(ColumnNeed(name, natural, keep))
    # Text the same in every row (a period, a unit) is said once under the table.
    constant = [
        index
        for index, need in enumerate(needs)
        if not need.keep
        and len(cells) > 1
        and columns[index] not in (label, SOURCE)
        and len({row[index] for row in cells}) == 1
    ]
    kept = [index for index, need in enumerate(needs) if need.keep]
    if sum(naturals[index] + GAP for index in kept) > available:
        # Not even the numbers fit: they go in several tables, the text below row by row.
        label_index = columns.index(label) if label in columns else None
        groups = _column_groups(kept, naturals, label_index, available)
        widths: list[int | None] = [naturals[i] if i in kept else None for i in range(len(columns))]
    else:
        varying = [need for index, need in enumerate(needs) if index not in constant]
        shared = iter(share_width(varying, available, GAP, floor=SHOW_FLOOR))
        widths = [None if index in constant else next(shared) for index in range(len(needs))]
        groups = [[index for index, width in enumerate(widths) if width is not None]]
    moved = [i for i, width in enumerate(widths) if width is None and i not in constant]
    label_in_table = label is not None and widths[columns.index(label)] is not None
    numeric = [dtype.is_numeric() for dtype in shown.dtypes]
    for number, group in enumerate(groups):
        table = Table(
            title=Text(printable(view.title)) if number == 0 else None,
            caption=Text(printable(view.base)) if number == len(groups) - 1 else None,
        )
        if moved and not label_in_table:
            table.add_column("#", justify="right", no_wrap=True)
        for index in group:
            table.add_column(
                Text(printable(columns[index])),
                justify="right" if numeric[index] else "left",
                width=widths[index],
                no_wrap=needs[index].keep,
                overflow="fold",
            )
        for row_number, row in enumerate(cells, start=1):
            lead = [Text(str(row_number))] if moved and not label_in_table else []
            table.add_row(*lead, *(Text(row[index]) for index in group))
        out.print(table)
    out.print(Text(f"{frame.height:,} row{'' if frame.height == 1 else 's'}"))
    for index in constant:
        if cells[0][index] not in ("", EMPTY):
            out.print(_hanging(out, f"{printable(columns[index])} (every row): ", cells[0][index]))
    if moved:
        _print_moved(out, columns, cells, moved, columns.index(label) if label else None)
    for index, quote in enumerate(quotes, start=1):
        out.print(_hanging(out, f"[{index}] ", printable(quote)))


def _column_groups(
    kept: list[int], naturals: list[int], label: int | None, available: int
) -> list[list[int]]:
    """Kept columns in tables that each fit `available`, the label first in every one."""
    lead = [label] if label is not None and label in kept else []
    rest = [index for index in kept if index not in lead]
    base = sum(naturals[index] + GAP for index in lead)
    groups: list[list[int]] = []
    current: list[int] = []
    used = base
    for index in rest:
        need = naturals[index] + GAP
        if current and used + need > available:
            groups.append(lead + current)
            current, used = [], base
        current.append(index)
        used += need
    groups.append(lead + current)
    return groups


def _print_moved(
    out: Console, columns: list[str], cells: list[list[str]], moved: list[int], label: int | None
) -> None:
    """The text that had no room in the table, row by row: the row's label (or its number in
    the table's `#` column), then each such cell that is not empty."""
    for number, row in enumerate(cells, start=1):
        fields = [index for index in moved if index != label and row[index] not in ("", EMPTY)]
        if label is not None and label in moved:
            out.print(_hanging(out, f"{number}. ", row[label], style="bold"))
        elif fields:
            out.print(Text(row[label] if label is not None else f"{number}.", style="bold"))
        for index in fields:
            out.print(_hanging(out, f"   {printable(columns[index])}: ", row[index]))


def _hanging(out: Console, head: str | Text, body: str | Text, style: str = "") -> Text:
    """`head` then `body`, the body's wrapped lines indented under its first (no spaces after
    a line's end: a grid padded every line to its widest, which piped output kept)."""
    first = head if isinstance(head, Text) else Text(head, style=style)
    text = body if isinstance(body, Text) else Text(body, style=style)
    indent = first.cell_len
    if indent > 32:
        # A long head would leave the body a sliver: the body goes under it instead.
        return Text.assemble(first, "\n    ", text, style=style)
    lines = text.wrap(out, max(out.width - indent, 20), overflow="fold")
    result = first.copy()
    for number, line in enumerate(lines):
        line.rstrip()
        if number:
            result.append("\n" + " " * indent)
        result.append_text(line)
    return result


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
        line = Text(printable(str(row["claim"])))
        if row.get("kind"):
            line.append(printable(f"  [{row['kind']}]"), style="dim")
        out.print(
            _hanging(
                out, Text(f"{verdict.upper():<13}", style=VERDICT_STYLES.get(verdict, "")), line
            )
        )
        out.print(_hanging(out, INDENT + "computed: ", printable(str(row["computed"]))))
        if has_reference and row["reference_verdict"] is not None:
            second = str(row["reference_verdict"])
            line = Text(second.upper(), style=VERDICT_STYLES.get(second, ""))
            line.append(" " + printable(str(row["reference_computed"])))
            # Short enough a head that the body hangs under itself, never back at the margin.
            out.print(_hanging(out, INDENT + "outside reference: ", line))
        out.print(_hanging(out, INDENT + "quote: ", printable(str(row["quote"])), style="dim"))
    summary = f"{claims.height} claims"
    if "kind" in claims.columns:
        summary += f" ({_tally(claims.get_column('kind').to_list(), 'no kind', 's')})"
    summary += f": {_tally(claims.get_column('verdict').to_list(), 'none')} from the article"
    if has_reference:
        references = claims.get_column("reference_verdict").to_list()
        summary += (
            f"; against the outside reference: {_tally(references, 'without an outside figure')}"
        )
    out.print(_hanging(out, "", summary))

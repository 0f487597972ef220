"""Where a FrameTable's columns go and what each cell says: pure functions of the frame, the
width on screen and the table's options, so the widget only draws and moves the cursor."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, replace

import polars as pl
from rich.cells import cell_len

from tui.app.widgets.cells import bar, spark
from tui.core.formatting import printable
from tui.core.table_ops import is_provenance
from tui.core.widths import TEXT_FLOOR, ColumnNeed, keeps_width, share_width

#: Rows read to size the text columns: enough to see long values, cheap on millions of rows.
SAMPLE_ROWS = 2_000
BAR_WIDTH = 16
#: The lines a table keeps when it has the rows (kept_lines).
KEEP_LINES = 10
#: A number's header is not cut below this (`not_convic…`), whatever room the numbers need.
HEADER_FLOOR = 12

#: The most months a sparkline draws: one of 153 months showed 2013-2016 on screen and the
#: months that matter a scroll away. It draws the last ones; its header says how many.
SPARK_MAX = 36

Formatter = Callable[[object, str], str]


@dataclass(frozen=True)
class Column:
    name: str
    width: int
    numeric: bool
    kind: str = "data"  # "data", "bar" or "spark": the last two are drawings, never exported


@dataclass(frozen=True)
class TableOptions:
    """What a table draws beyond its data columns, and which columns keep their width."""

    bar_column: str | None = None
    spark_columns: tuple[str, ...] = ()
    spark_label: str = "trend"
    #: Where the sparkline goes when the width is short: after this column.
    spark_after: str | None = None
    max_text_width: int = 40
    label_column: str | None = None
    hidden_columns: frozenset[str] = frozenset()
    styled_columns: Collection[str] = ()

    @property
    def spark_shown(self) -> tuple[str, ...]:
        """The spark columns drawn: the last SPARK_MAX."""
        return self.spark_columns[-SPARK_MAX:]

    @property
    def spark_header(self) -> str:
        shown, total = len(self.spark_shown), len(self.spark_columns)
        if shown == total:
            return self.spark_label
        return f"{self.spark_label}, last {shown} of {total}"


def extremes(frame: pl.DataFrame) -> dict[str, tuple[object, object]]:
    """The smallest and largest value of every number column (what sizes it), in one pass."""
    names = [name for name, dtype in frame.schema.items() if dtype.is_numeric()]
    if not names or not frame.height:
        return {}
    row = frame.select(
        *(pl.col(n).min().alias(f"{n}\0min") for n in names),
        *(pl.col(n).max().alias(f"{n}\0max") for n in names),
    ).row(0, named=True)
    return {n: (row[f"{n}\0min"], row[f"{n}\0max"]) for n in names}


def lay_out(
    frame: pl.DataFrame,
    sample: pl.DataFrame,
    available: int,
    options: TableOptions,
    format_value: Formatter,
    bounds: dict[str, tuple[object, object]] | None = None,
) -> list[Column]:
    """Columns at their content's width; then, if `available` is narrower, numbers, verdicts
    and the label keep theirs and long text gives way (cut with an ellipsis). `bounds` are
    `extremes(frame)`, when known already."""
    bounds = extremes(frame) if bounds is None else bounds
    columns: list[Column] = []
    keep: list[bool] = []
    content: dict[str, int] = {}  # a column's widest value, its header aside
    spark_column = None
    if options.spark_columns and all(c in frame.columns for c in options.spark_columns):
        width = max(len(options.spark_shown), cell_len(options.spark_header))
        spark_column = Column(options.spark_header, width, False, kind="spark")
    names = [
        name
        for name in frame.columns
        if not is_provenance(name) and name not in options.hidden_columns
    ]
    label = options.label_column if options.label_column in names else names[0] if names else None
    schema = frame.schema  # built anew at each call: once, not once a column
    for name in names:
        dtype = schema[name]
        numeric = dtype.is_numeric()
        if numeric and frame.height:
            values = [format_value(v, name) for v in bounds[name]]
        else:
            # Each distinct value once: a sample of a large table repeats most of them.
            distinct = sample.get_column(name).unique(maintain_order=True).to_list()
            values = [format_value(v, name) for v in distinct]
        content[name] = max([1, *(cell_len(v) for v in values)])
        widest = max(cell_len(printable(name)) + 2, content[name])
        fixed = keeps_width(name, dtype, label) or name in options.styled_columns
        limit = widest if fixed else min(widest, options.max_text_width)
        columns.append(Column(name, max(limit, 3), numeric))
        keep.append(fixed)
        if name == options.bar_column:
            columns.append(Column(f"{name} bar", BAR_WIDTH, False, kind="bar"))
            keep.append(True)
        if spark_column is not None and len(columns) == 1:
            # The sparkline sits next to the row's label, where the eye starts.
            columns.append(spark_column)
            keep.append(True)
    over = sum(c.width + 2 for c in columns) - available
    if available and over > 0 and spark_column is not None:
        # A sparkline cannot be cut: it moves after the numbers beside the label, so they
        # stay on screen and it follows them when there is room: right after `spark_after`
        # when the pane names it (further numbers, a records view's non-criminal counts, come
        # after the sparkline), else after the whole run of numbers.
        at = columns.index(spark_column)
        run = at + 1
        while run < len(columns) and keep[run]:
            run += 1
            if columns[run - 1].name == options.spark_after:
                break
        columns.insert(run - 1, columns.pop(at))
        keep.insert(run - 1, keep.pop(at))
    if available and over > 0:
        # The inline bar gives way first (it repeats a number shown beside it).
        columns = [
            replace(c, width=max(4, c.width - over)) if c.kind == "bar" else c for c in columns
        ]
        kept = sum(c.width + 2 for c, k in zip(columns, keep, strict=True) if k)
        # A label as long as a sentence is cut to a third of the width, rather than push
        # the numbers off; so is any label when the numbers would not fit beside it.
        if kept > available or any(
            c.name == label and not c.numeric and c.width > available // 2 for c in columns
        ):
            columns = [
                replace(c, width=min(c.width, max(available // 3, 12)))
                if c.name == label and not c.numeric
                else c
                for c in columns
            ]
        columns = _cut_headers(columns, keep, content, available)
        needs = [ColumnNeed(c.name, c.width, k) for c, k in zip(columns, keep, strict=True)]
        widths = share_width(needs, available, 2)
        cut = [
            replace(c, width=w if w is not None else min(c.width, TEXT_FLOOR))
            for c, w in zip(columns, widths, strict=True)
        ]
        # Text with no room is cut to the floor. Where every number and verdict could be on
        # screen but such text left of one would push it off, the text goes after the rest
        # (a scroll away); when they cannot all fit anyway, the view's order stays.
        left_out = [i for i, w in enumerate(widths) if w is None]
        kept_width = sum(c.width + 2 for c, k in zip(cut, keep, strict=True) if k)
        last_kept = max((i for i, k in enumerate(keep) if k), default=-1)
        if kept_width <= available:
            moved = [i for i in left_out if i < last_kept]
            columns = [c for i, c in enumerate(cut) if i not in moved] + [cut[i] for i in moved]
        else:
            columns = cut
    return columns


def _cut_headers(
    columns: list[Column], keep: list[bool], content: dict[str, int], available: int
) -> list[Column]:
    """When the numbers and verdicts do not fit, those whose header is wider than their values
    give up header cells (cut with an ellipsis, never below HEADER_FLOOR nor their values),
    the widest first and only as many as needed: a records file's jurisdictions
    (`other_immigration_violator` over numbers of four digits) then fit 200 columns."""
    widths = [c.width for c in columns]
    least = [
        max(content.get(c.name, c.width), HEADER_FLOOR) if k and c.kind == "data" else c.width
        for c, k in zip(columns, keep, strict=True)
    ]
    over = sum(w + 2 for w, k in zip(widths, keep, strict=True) if k) - available

    def cut_at(level: int) -> list[int]:
        return [min(w, max(level, low)) for w, low in zip(widths, least, strict=True)]

    if over <= 0:
        return columns
    # The highest level that frees enough cells (binary search: a level frees fewer as it rises).
    low, high = 0, max(widths)
    while low < high:
        level = (low + high + 1) // 2
        if sum(widths) - sum(cut_at(level)) >= over:
            low = level
        else:
            high = level - 1
    cut = cut_at(low)
    spare = sum(widths) - sum(cut) - over  # cells cut beyond the need, given back
    for index, width in enumerate(cut):
        if spare > 0 and width == low and widths[index] > low:
            cut[index] += 1
            spare -= 1
    widths = cut
    return [replace(c, width=w) for c, w in zip(columns, widths, strict=True)]


def window_cells(
    window: pl.DataFrame,
    columns: list[Column],
    options: TableOptions,
    bar_top: float,
    format_value: Formatter,
) -> list[list[str]]:
    """The text of every cell of `window`'s rows, column by column as laid out."""
    data_names = [c.name for c in columns if c.kind == "data"]
    rows = window.select(data_names).rows() if data_names else []
    sparks: list[list[float | None]] = []
    if any(c.kind == "spark" for c in columns):
        sparks = [list(r) for r in window.select(options.spark_shown).rows()]
    bars = (
        window.get_column(options.bar_column).to_list()
        if options.bar_column in window.columns
        else []
    )
    cells_by_row = []
    for index, values in enumerate(rows):
        lookup = dict(zip(data_names, values, strict=True))
        cells = []
        for column in columns:
            if column.kind == "data":
                cells.append(format_value(lookup[column.name], column.name))
            elif column.kind == "bar":
                cells.append(bar(bars[index], bar_top, column.width))
            else:
                cells.append(spark(sparks[index]))
        cells_by_row.append(cells)
    return cells_by_row


def kept_lines(rows: int, scrollbar: bool) -> int:
    """The lines a table keeps however little room its pane leaves: its rows (with the header
    and a scrollbar) or KEEP_LINES, whichever is less. On a short screen the charts and text
    beside it give way first (a records comparison at 80x24 kept 4 of 27 rows over a month
    chart it could not show whole)."""
    return min(rows + 1 + scrollbar, KEEP_LINES)


def column_at(columns: list[Column], x: int) -> int | None:
    """The index of the column drawn at `x` cells from the table's left edge."""
    left = 0
    for index, column in enumerate(columns):
        if left <= x < left + column.width + 2:
            return index
        left += column.width + 2
    return None

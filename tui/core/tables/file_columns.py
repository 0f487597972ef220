"""Text columns left in a Parquet or IPC file when its rows are held in memory.

A text column of millions of distinct values (an identifier, a hash) cannot be made an Enum
and would take half the memory of the rows: `unique_identifier` of a 10M-row arrests file is
10M 40-character hashes, 560 MB in polars against 500 MB for the 27 other columns. A columnar
file reads one column's rows without the others, so such a column stays in the file: the rows
a screen shows read it (a block of rows at a time, the last blocks kept), and a filter or sort
that needs it reads it whole for the time of that work only.

Which bytes a column's cells use is counted while the rows are loaded: a filter word with a
letter no cell has (`guatemala` in hexadecimal hashes) cannot match that column, so it is not
read for it. That is exact, not a guess.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence

import polars as pl

from tui.core.errors import DataError
from tui.core.tables.table import Table

#: A text column whose cells would take more memory than this is left in a columnar file.
LEAVE_BYTES = 128 * 2**20
#: Bytes polars spends on a text cell besides its characters (the view of a string).
CELL_BYTES = 16
#: Rows read at once for a screen (a read costs about the same for 1 or 16k rows); the last
#: `KEPT_BLOCKS` blocks read are kept (some 60 MB of 40-character hashes): more than the
#: rows of any screen, so a screen's cells are all kept at once.
BLOCK_ROWS = 4_096
KEPT_BLOCKS = 256


def columns_to_leave(sample: pl.DataFrame, rows: int) -> tuple[str, ...]:
    """The text columns of `sample` (a columnar file's, kept as text when loaded) too large to
    hold: those whose `rows` cells would take more than LEAVE_BYTES."""
    if sample.is_empty():
        return ()
    names = []
    for name, dtype in sample.schema.items():
        if dtype != pl.String:
            continue
        mean = sample.get_column(name).str.len_bytes().mean()
        per_cell = CELL_BYTES + (float(mean) if isinstance(mean, int | float) else 0.0)
        if per_cell * rows > LEAVE_BYTES:
            names.append(name)
    return tuple(names)


def could_hold(alphabet: bytes, needle: str) -> bool:
    """Whether a cell made only of the bytes `alphabet` can contain `needle` the way a filter
    matches text (ignoring case: ASCII letters by ASCII folding, others by lower-casing)."""
    folded = set(alphabet.lower())  # bytes.lower folds ASCII letters only
    if needle.isascii():
        return all(byte in folded for byte in needle.lower().encode())
    if all(byte < 128 for byte in alphabet):
        # ASCII cells lower-cased stay ASCII: the lower-cased needle must be ASCII too.
        lowered = needle.lower()
        return lowered.isascii() and all(byte in folded for byte in lowered.encode())
    return True  # cells with other letters: read the column


class FileColumns:
    """Columns `names` of `table`, left in the file, read for the rows asked for.

    `columns` is every column of the rows in the file's order (those held and those left);
    `alphabets` (column -> the bytes its cells use) is known once every row was loaded.
    Row numbers are the file's data rows, counted from 0: the held rows are the file's rows in
    order, so a row number of the held frame is one of the file.
    """

    def __init__(self, table: Table, names: Sequence[str], columns: Sequence[str]) -> None:
        self.table = table
        self.names = tuple(names)
        self.columns = tuple(columns)
        self.alphabets: dict[str, bytes] | None = None
        self._seen: dict[str, set[int]] = {name: set() for name in names}
        self._blocks: OrderedDict[int, pl.DataFrame] = OrderedDict()
        self._lock = threading.Lock()
        # The rows held were read from the file as it was: its size and time of change then.
        self._stamp = _stamp(table)

    def _check(self) -> None:
        """A DataError if the file is not the one the rows were read from: a row number would
        then name another row (a file saved again, replaced or removed since)."""
        try:
            now = _stamp(self.table)
        except OSError:
            now = None
        if now != self._stamp:
            names = ", ".join(self.names)
            raise DataError(
                f"changed or removed since it was opened: {names} can no longer be read from it",
                file=self.table.path,
                hint="open the file again (o) to see it as it is now",
            )

    def schema(self, held: pl.Schema) -> pl.Schema:
        """The schema of the whole rows: `held`'s columns and these, in the file's order."""
        return pl.Schema([(name, held.get(name, pl.String)) for name in self.columns])

    # -- while loading ------------------------------------------------------------------------

    def count_bytes(self, part: pl.DataFrame) -> None:
        """Count the bytes the cells of `part` (a slice being loaded) use in these columns."""
        for name in self.names:
            seen = self._seen[name]
            joined = part.get_column(name).drop_nulls().str.join("").item()
            if joined:
                # Known bytes deleted first (C speed): only new ones are looked at one by one.
                rest = joined.encode().translate(None, bytes(sorted(seen)))
                seen.update(rest)

    def loaded(self) -> None:
        """Every row was loaded: the alphabets are complete."""
        self.alphabets = {name: bytes(sorted(seen)) for name, seen in self._seen.items()}

    # -- reading ------------------------------------------------------------------------------

    def rows(self, numbers: pl.Series) -> pl.DataFrame:
        """These columns for the rows `numbers` (file row numbers), in that order."""
        blocks = self.blocks(numbers)
        return self._gather(numbers, blocks, [self._block(block) for block in blocks])

    def cached(self, numbers: pl.Series) -> pl.DataFrame | None:
        """`rows(numbers)` if every block they are in was read already, else None."""
        blocks = self.blocks(numbers)
        with self._lock:
            parts = [self._blocks.get(block) for block in blocks]
        if any(part is None for part in parts):
            return None
        return self._gather(numbers, blocks, [part for part in parts if part is not None])

    @staticmethod
    def blocks(numbers: pl.Series) -> list[int]:
        """The blocks (of BLOCK_ROWS rows) that rows `numbers` are in, in file order."""
        return [int(block) for block in (numbers // BLOCK_ROWS).unique().sort().to_list()]

    def _gather(
        self, numbers: pl.Series, blocks: list[int], parts: list[pl.DataFrame]
    ) -> pl.DataFrame:
        if numbers.is_empty():
            return pl.DataFrame(schema={name: pl.String for name in self.names})
        starts: dict[int, int] = {}
        at = 0
        for block, part in zip(blocks, parts, strict=True):
            starts[block] = at
            at += part.height
        within = numbers.cast(pl.Int64)
        block_of = within // BLOCK_ROWS
        positions = block_of.replace_strict(starts, return_dtype=pl.Int64) + (
            within - block_of * BLOCK_ROWS
        )
        stacked = parts[0] if len(parts) == 1 else pl.concat(parts)
        return stacked.select(pl.all().gather(positions))

    def span(self, offset: int, count: int) -> pl.DataFrame:
        """These columns for rows `offset`..`offset+count`."""
        return self.rows(pl.int_range(offset, offset + count, eager=True, dtype=pl.Int64))

    def whole(self, names: Iterable[str], height: int) -> pl.DataFrame:
        """Columns `names` for the first `height` rows, read at once (for a filter or sort)."""
        self._check()
        query = self.table.lazy.select(list(names)).slice(0, height)
        return self.table.collect(query)

    def join(self, rows: pl.DataFrame, read: pl.DataFrame) -> pl.DataFrame:
        """Held rows and these columns read for them, in the file's order of columns."""
        together = pl.concat([rows, read], how="horizontal")
        return together.select([c for c in self.columns if c in together.columns])

    def attach(self, held: pl.DataFrame, names: Iterable[str] | None = None) -> pl.DataFrame:
        """`held` with these columns (or `names` of them) read whole, in the file's order."""
        return self.gather(held, None, names)

    def gather(
        self, held: pl.DataFrame, order: pl.Series | None, names: Iterable[str] | None = None
    ) -> pl.DataFrame:
        """`held`'s rows `order` (all of them if None) with these columns (or `names` of them):
        read whole once and only the rows asked for kept, before the held ones are joined
        (joining first copied all 10M rows: 3.1 GB to export 1.4M of them)."""
        rows = held if order is None else held.select(pl.all().gather(order))
        wanted = [name for name in self.names if names is None or name in set(names)]
        if not wanted:
            return rows
        read = self.whole(wanted, held.height)
        if order is not None:
            read = read.select(pl.all().gather(order))
        return self.join(rows, read)

    def _block(self, block: int) -> pl.DataFrame:
        with self._lock:
            part = self._blocks.get(block)
            if part is not None:
                self._blocks.move_to_end(block)
                return part
        self._check()
        query = self.table.lazy.select(list(self.names)).slice(block * BLOCK_ROWS, BLOCK_ROWS)
        part = self.table.collect(query)
        with self._lock:
            self._blocks[block] = part
            while len(self._blocks) > KEPT_BLOCKS:
                self._blocks.popitem(last=False)
        return part


def _stamp(table: Table) -> tuple[int, int]:
    status = os.stat(table.data_path)
    return status.st_size, status.st_mtime_ns

"""Synthetic ICE enforcement record files that follow the real FOIA release layouts.

This module is the front door (what the tests import as `ir`); the generator lives in the
modules beside it: layouts, vocab, places (places.csv), timeline, rand, arrests, detainers,
writers.

Layouts, vocabularies and redaction tokens come from ``shared/reference/ice-records.md``:

* arrests, raw release 2025 (23 columns, dates 2023-09-01..2025-07-29),
* arrests, raw release 2026 (25 columns, dates 2024-01-01..2026-06-30),
* arrests, processed (snake_case of the 2025 names plus ``apprehension_date_time``,
  ``duplicate_likely``, ``file_original``, ``sheet_original``, ``row_original``),
* detainers, raw release 2026 (22 columns) and processed (snake_case, ``MSC Charge`` renamed to
  ``most_serious_conviction_charge``).

Everything is vectorised with numpy and polars and deterministic for a given seed. Rows are
generated in chunks of :data:`CHUNK_ROWS`, each from its own seeded stream, so
``iter_arrests(...)`` can stream ten million rows into a Parquet file in bounded memory while
``arrests(...)`` returns exactly the concatenation of those chunks.

Command line (one line of output: rows written, path, seconds), from tests/::

    python -m synth.ice_records --kind arrests --layout 2025 --rows 100000 \\
        --format xlsx --seed 2017 --out bench-data/arrests.xlsx
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import cast, get_args

import polars as pl

from .arrests import arrests, iter_arrests
from .detainers import detainers, iter_detainers
from .layouts import (
    ARRESTS_2025_COLUMNS,
    ARRESTS_2026_COLUMNS,
    ARRESTS_PROCESSED_COLUMNS,
    CHUNK_ROWS,
    DATE_RANGES,
    DETAINERS_2026_COLUMNS,
    DETAINERS_PROCESSED_COLUMNS,
    DUPLICATE_KEY_COLUMNS,
    ArrestLayout,
    DetainerLayout,
    Format,
    Kind,
)
from .places import AOR_CODES, AOR_NAMES, STATES
from .vocab import (
    APPREHENSION_METHODS,
    CASE_CATEGORIES,
    CASE_STATUSES,
    CITIZENSHIP_COUNTRIES,
    CRIMINALITY,
    FINAL_PROGRAMS,
    GENDERS,
    MSC_CHARGES,
    REDACTION_TOKENS,
    YES_NO,
)
from .writers import write

__all__ = [
    "AOR_CODES",
    "AOR_NAMES",
    "APPREHENSION_METHODS",
    "ARRESTS_2025_COLUMNS",
    "ARRESTS_2026_COLUMNS",
    "ARRESTS_PROCESSED_COLUMNS",
    "CASE_CATEGORIES",
    "CASE_STATUSES",
    "CHUNK_ROWS",
    "CITIZENSHIP_COUNTRIES",
    "CRIMINALITY",
    "DATE_RANGES",
    "DETAINERS_2026_COLUMNS",
    "DETAINERS_PROCESSED_COLUMNS",
    "DUPLICATE_KEY_COLUMNS",
    "FINAL_PROGRAMS",
    "GENDERS",
    "MSC_CHARGES",
    "REDACTION_TOKENS",
    "STATES",
    "YES_NO",
    "arrests",
    "detainers",
    "iter_arrests",
    "iter_detainers",
    "main",
    "write",
]

# --------------------------------------------------------------------------------------------
# CLI
# --------------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate synthetic ICE record files.")
    parser.add_argument("--kind", choices=get_args(Kind), default="arrests")
    parser.add_argument("--layout", choices=get_args(ArrestLayout), default=None)
    parser.add_argument("--rows", type=int, required=True)
    parser.add_argument("--format", dest="fmt", choices=get_args(Format), default=None)
    parser.add_argument("--seed", type=int, default=2017)
    parser.add_argument("--sheets", type=int, default=1, help="xlsx: spread rows over N sheets")
    parser.add_argument("--title-rows", type=int, default=None, help="xlsx: title rows")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)

    started = time.perf_counter()
    frames: Iterator[pl.DataFrame]
    if args.kind == "arrests":
        layout = cast(ArrestLayout, args.layout or "2025")
        frames = iter_arrests(args.rows, seed=args.seed, layout=layout)
    else:
        detainer_layout = cast(DetainerLayout, args.layout or "2026")
        if detainer_layout not in get_args(DetainerLayout):
            parser.error("detainers come in layouts 2026 and processed")
        frames = iter_detainers(args.rows, seed=args.seed, layout=detainer_layout)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    rows = write(frames, args.out, args.fmt, sheets=args.sheets, title_rows=args.title_rows)
    print(f"{rows} rows written to {args.out} in {time.perf_counter() - started:.2f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Open record files as a Catalog: lazy views over the files, lazy datasets for the Data pane.

Opening reads headers and a few rows only. The views are built when first looked up (each a
small aggregation over the files' scans); the datasets load their rows when first read. So
`export jurisdictions` on a 10M-row Parquet file reads three columns and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from tui.core.errors import DataError
from tui.core.lazy import LazyDataset, LazyViews, Once, Slices
from tui.core.model import Catalog, Dataset, View
from tui.core.records.layouts import KINDS, KNOWN_HEADER_KEYS, Kind, detect_layout
from tui.core.records.mapping import Mapped, column_preview, map_tables
from tui.core.records.options import (
    DUPLICATES_UNDETECTABLE,
    DUPLICATES_UNREAD,
    RecordOptions,
    exclude_has_no_effect,
)
from tui.core.records.periods import checked
from tui.core.records.presets import PRESET_HEADER_KEYS
from tui.core.records.record_file import RecordFile
from tui.core.roles import ColumnMapping, Role
from tui.core.tables.formats import FORMAT_NAMES
from tui.core.tables.header import header_key
from tui.core.tables.load import iter_held, load_table, window
from tui.core.tables.read import read_table
from tui.core.tables.stats import redacted_count, redaction_counts
from tui.core.tables.table import Table, file_sha256
from tui.core.tables.workbook import Workbook

if TYPE_CHECKING:
    from tui.core.records.record_set import RecordSet


def open_records(paths: list[Path], options: RecordOptions | None = None) -> Catalog:
    """Open one or more files; several files of one kind are counted together."""
    options = options or RecordOptions()
    _check_options(options)
    if not paths:
        raise DataError("no files given", hint="give one or more record files")
    seen: dict[Path, Path] = {}
    for path in paths:
        resolved = path.resolve()
        if resolved in seen:
            raise DataError("is given twice", file=path, hint="give each file once")
        seen[resolved] = path
    tables = [
        read_table(path, KNOWN_HEADER_KEYS | PRESET_HEADER_KEYS, sheet=options.sheet)
        for path in paths
    ]
    given = options.given()
    files: list[RecordFile] = []
    others: list[Table] = []
    for table in tables:
        # Roles given by the user apply to every file: an ICE layout is then read through them.
        layout = None if given else detect_layout(table.columns)
        if layout is None:
            others.append(table)
        else:
            files.append(RecordFile.of(table, layout))
    if files:
        # The ICE record-level modules: imported only for files of an ICE layout.
        from tui.core.records.record_set import RecordSet
    sets = {
        kind: RecordSet(kind, [f for f in files if f.kind == kind])
        for kind in KINDS
        if any(f.kind == kind for f in files)
    }
    mapped = map_tables(others, given) if others and not sets else None
    hashes = {table.path: Once(_hasher(table.path)) for table in tables}
    views, unavailable = _view_builders(sets, mapped, options)
    views = _warning_left_out(views, _left_out(sets, mapped, others))
    datasets = _datasets(tables, files, sets, hashes, mapped)
    # Only ICE's processed releases carry duplicate_likely; a mapped table has no such role.
    detectable = mapped is None and any(f.columns.get("duplicate_likely") for f in files)
    unread = mapped is not None and any(_flags_duplicates(t) for t in mapped.tables)
    why = "" if detectable else DUPLICATES_UNREAD if unread else DUPLICATES_UNDETECTABLE
    return Catalog(
        title=_title(tables, files, mapped),
        views=LazyViews(views),
        datasets=datasets,
        notes=_notes(tables, files, others, options, why, mapped),
        unavailable=unavailable,
        mapping=mapped.mapping(given) if mapped is not None else _preset_mapping(sets, given),
        workbooks=tuple(
            w for w in (Workbook.of(t, options.sheet) for t in tables) if w is not None
        ),
        duplicates_detectable=detectable,
        duplicates_undetectable=why,
        breakdown=_breakdown(sets, mapped),
    )


def _flags_duplicates(table: Table) -> bool:
    return any(header_key(column) == "duplicate_likely" for column in table.columns)


def _breakdown(sets: dict[Kind, RecordSet], mapped: Mapped | None) -> str:
    """What the convictions view breaks down (its tab's name): arrest records hold ICE's
    criminality, not convictions; a mapped table, whatever its category column is."""
    if mapped is not None:
        return mapped.roles.column("category") or "Categories"
    if not sets.get("detainers") and sets.get("arrests"):
        return "Criminality"
    return "Convictions"


def _hasher(path: Path) -> Callable[[], str]:
    return lambda: file_sha256(path)


def _check_options(options: RecordOptions) -> None:
    for name, period in (("A", options.period_a), ("B", options.period_b)):
        if period is not None:
            checked(period, name)


def _view_builders(
    sets: dict[Kind, RecordSet], mapped: Mapped | None, options: RecordOptions
) -> tuple[dict[str, Callable[[], View]], dict[str, str]]:
    """The views' builders, and for each view the data cannot give, why and what to choose."""
    if mapped is not None:
        return mapped.builders(options.period_a, options.period_b)
    builders: dict[str, Callable[[], View]] = {}
    if not sets:
        return builders, {}
    from tui.core.records.comparisons import comparisons_view
    from tui.core.records.views import convictions_view, jurisdictions_view

    primary = sets.get("arrests") or sets.get("detainers")
    excluded = options.exclude_duplicates
    if primary is not None:
        builders["jurisdictions"] = lambda: jurisdictions_view(primary, exclude_duplicates=excluded)
    charges = sets.get("detainers") or sets.get("arrests")
    if charges is not None:
        builders["convictions"] = lambda: convictions_view(charges, exclude_duplicates=excluded)
    if primary is not None:
        builders["comparisons"] = lambda: comparisons_view(
            primary,
            period_a=options.period_a,
            period_b=options.period_b,
            exclude_duplicates=excluded,
        )
    return builders, {}


def _left_out(sets: dict[Kind, RecordSet], mapped: Mapped | None, others: list[Table]) -> list[str]:
    """The files opened but counted in no view, and why."""
    if mapped is not None:
        return mapped.left_out_notes()
    if sets:
        return [f"{t.name}: {NOT_ICE}" for t in others]
    return []


#: A table of no ICE layout opened beside ICE record files.
NOT_ICE = "not in the views (no ICE layout); it opens in the Data pane as it is"


def _warning_left_out(
    builders: dict[str, Callable[[], View]], left_out: list[str]
) -> dict[str, Callable[[], View]]:
    """Each view with a warning for each file left out of it: its counts are not all files'."""
    if not left_out:
        return builders

    def warned(build: Callable[[], View]) -> Callable[[], View]:
        def view() -> View:
            built = build()
            return replace(
                built,
                warnings=(*built.warnings, *left_out),
                notes=(*left_out, *built.notes),
            )

        return view

    return {name: warned(build) for name, build in builders.items()}


def _preset_mapping(sets: dict[Kind, RecordSet], given: dict[Role, str]) -> ColumnMapping | None:
    """For ICE layouts: the preset's roles, so the Columns dialog can show and change them."""
    records = sets.get("arrests") or sets.get("detainers")
    if records is None:
        return None
    first = records.files[0]
    return ColumnMapping(
        file=first.name,
        roles=records.roles(),
        columns=first.table.columns,
        preview=column_preview(first.table),
        given=given,
    )


def _unique_names(tables: list[Table]) -> list[str]:
    names: list[str] = []
    for table in tables:
        name, number = table.name, 2
        while name in names:
            name, number = f"{table.name} ({number})", number + 1
        names.append(name)
    return names


def _datasets(
    tables: list[Table],
    files: list[RecordFile],
    sets: dict[Kind, RecordSet],
    hashes: dict[Path, Once],
    mapped: Mapped | None,
) -> dict[str, Dataset]:
    layouts = {f.table.path: f.layout.title for f in files}
    if mapped is not None and mapped.roles.preset is not None:
        layouts.update({t.path: str(mapped.roles.preset) for t in mapped.tables})
    datasets: dict[str, Dataset] = {}
    raw: dict[Path, Dataset] = {}
    for table, name in zip(tables, _unique_names(tables), strict=True):
        what = layouts.get(table.path, f"{FORMAT_NAMES[table.format]}, no recognised layout")
        datasets[name] = LazyDataset(
            name=name,
            title=f"{table.name}: every row and column as read",
            load=_loader(table),
            count=table.rows,
            scan=_scanner(table),
            slices=_slicer(table),
            window=_windower(table),
            sha256=hashes[table.path].get,
            description=f"{what}; {len(table.columns)} columns",
            source=what,
            file=str(table.path),
            notes=table.notes,
        )
        raw[table.path] = datasets[name]
    for kind, records in sets.items():
        datasets[f"{kind} records"] = LazyDataset(
            name=f"{kind} records",
            title=f"{kind.capitalize()} in the record schema (all files stacked)",
            load=_records_loader(records),
            count=_records_counter(records),
            description=(
                "date, aor, aor_code, state, criminality, conviction, method, program, country, "
                "gender, duplicate_likely, kind, file: every row of every file mapped to one "
                "schema; values as written (redactions kept), AOR names without "
                "' Area of Responsibility'"
            ),
            units=kind,
            source=", ".join(f.name for f in records.files),
        )
    datasets["redactions"] = LazyDataset(
        name="redactions",
        title="Redacted cells per column (b(6), b(7)c and the like)",
        load=lambda: _redactions(tables, raw),
        count=lambda: sum(_text_columns(t) for t in tables),
        description="how many cells of each text column are FOIA redactions, per file",
    )
    datasets["files"] = LazyDataset(
        name="files",
        title="Files opened: name, rows, SHA-256, path",
        load=lambda: _provenance(tables, layouts, hashes),
        count=lambda: len(tables),
        description="provenance of every file opened",
    )
    return datasets


def _loader(table: Table) -> Callable[[], pl.DataFrame]:
    return lambda: load_table(table)


def _slicer(table: Table) -> Callable[[], Slices]:
    return lambda: iter_held(table)


def _windower(table: Table) -> Callable[[int, int], pl.DataFrame]:
    return lambda offset, count: window(table, offset, count)


def _scanner(table: Table) -> Callable[[], pl.LazyFrame]:
    return lambda: table.lazy


def _records_loader(records: RecordSet) -> Callable[[], pl.DataFrame]:
    from tui.core.records.load import load_records

    return lambda: load_records(records.files)


def _records_counter(records: RecordSet) -> Callable[[], int]:
    return lambda: sum(records.file_rows())


def _text_columns(table: Table) -> int:
    """The rows `_redactions` gives for `table`: one per text column of the rows it reads (the
    file's scan, whose types may differ from the header's first guess)."""
    schema = table.lazy.collect_schema()
    return sum(1 for n, d in schema.items() if redacted_count(n, d) is not None)


def _redactions(tables: list[Table], raw: dict[Path, Dataset]) -> pl.DataFrame:
    """Redaction counts per file, one row per text column of the file (as `_text_columns`
    counts them): from the loaded rows where they are loaded and still text, else the file
    (loading makes a column of numbers or dates typed: the file still has it as text)."""
    parts = []
    for table in tables:
        dataset = raw.get(table.path)
        # Rows held with a column left in the file are not `loaded`: the file has them all.
        loaded = isinstance(dataset, LazyDataset) and dataset.loaded
        scan = table.lazy
        try:
            if loaded and dataset is not None:
                held = dataset.frame
                schema = scan.collect_schema().items()
                text = [n for n, d in schema if redacted_count(n, d) is not None]
                still = [n for n in text if redacted_count(n, held.schema[n]) is not None]
                typed = [n for n in text if n not in still]
                counts = pl.concat(
                    [redaction_counts(held.select(still)), redaction_counts(scan.select(typed))]
                )
                order = {name: index for index, name in enumerate(text)}
                counts = counts.sort(pl.col("column").replace_strict(order))
            else:
                counts = redaction_counts(scan)
        except pl.exceptions.PolarsError as error:
            raise table.read_error(error) from error
        parts.append(counts.select(pl.lit(table.name).alias("file"), pl.all()))
    return pl.concat(parts)


def _provenance(
    tables: list[Table], layouts: dict[Path, str], hashes: dict[Path, Once]
) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "file": [t.name for t in tables],
            "rows": [t.rows() for t in tables],
            "sha256": [str(hashes[t.path].get()) for t in tables],
            "format": [FORMAT_NAMES[t.format] for t in tables],
            "layout": [layouts.get(t.path) for t in tables],
            "columns": [len(t.columns) for t in tables],
            "sheets": [", ".join(s.name for s in t.sheets) or None for t in tables],
            "header_row": [t.header_row or None for t in tables],
            "path": [str(t.path.resolve()) for t in tables],
            "notes": ["; ".join(t.notes) or None for t in tables],
        },
        schema={
            "file": pl.String,
            "rows": pl.Int64,
            "sha256": pl.String,
            "format": pl.String,
            "layout": pl.String,
            "columns": pl.Int64,
            "sheets": pl.String,
            "header_row": pl.Int64,
            "path": pl.String,
            "notes": pl.String,
        },
    )


def _title(tables: list[Table], files: list[RecordFile], mapped: Mapped | None) -> str:
    names = ", ".join(t.name for t in tables)
    kinds = sorted({f.kind for f in files})
    what = " and ".join(f"ICE {k}" for k in kinds) if kinds else "Tables"
    if mapped is not None and mapped.roles.preset is not None:
        what = mapped.roles.preset
    return f"{what}: {names}"


def _notes(
    tables: list[Table],
    files: list[RecordFile],
    others: list[Table],
    options: RecordOptions,
    undetectable: str,
    mapped: Mapped | None,
) -> tuple[str, ...]:
    notes = [f"{f.name}: {f.layout.title}" for f in files]
    if mapped is not None:
        notes.extend(mapped.notes())
    elif others:
        notes.extend(f"{table.name}: {NOT_ICE}; the views show the ICE records" for table in others)
    if options.exclude_duplicates:
        notes.append(
            exclude_has_no_effect(undetectable)
            if undetectable
            else "likely duplicates are excluded from every count"
        )
    for table in tables:
        notes.extend(f"{table.name}: {note}" for note in table.notes)
    return tuple(notes)

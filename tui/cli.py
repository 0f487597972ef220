"""The command line: open the explorer, or print, export and check the views without a screen."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from tui import __version__
from tui.core.errors import EnforceError, one_line
from tui.core.export import export_csv
from tui.core.formatting import printable
from tui.core.provenance import provenance, write_provenance
from tui.core.sources import open_catalog
from tui.core.table_ops import filter_rows, sort_rows
from tui.core.view import Catalog, View
from tui.render import print_claims, print_table

if TYPE_CHECKING:
    from tui.core.records.open import RecordOptions

PROG = "enforce-tui"
COMMANDS = ("show", "export", "check", "screenshot")


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr and exit 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{PROG}: error: {one_line(message)} (see {PROG} --help)\n")


def _add_view_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("view", help="jurisdictions, convictions, comparisons or claims")
    parser.add_argument("--sort", metavar="COLUMN", help="sort by this column")
    parser.add_argument("--desc", action="store_true", help="sort in descending order")
    parser.add_argument(
        "--filter",
        metavar="TEXT",
        default="",
        help="keep rows in which any text cell contains TEXT (case-insensitive)",
    )
    _add_data_option(parser)


def _add_data_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data",
        metavar="PATH",
        action="append",
        default=[],
        help="a records file to read instead of the bundled figures (repeatable)",
    )
    _add_record_options(parser)


def _add_record_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("record files")
    group.add_argument(
        "--period-a",
        metavar="START:END",
        help="first period to compare, e.g. 2024-01-01:2024-04-30",
    )
    group.add_argument("--period-b", metavar="START:END", help="second period to compare")
    group.add_argument(
        "--exclude-duplicates",
        action="store_true",
        help="leave out rows flagged as likely duplicates (they are counted)",
    )
    group.add_argument(
        "--jurisdiction",
        metavar="COLUMN",
        help="in a table of another layout, the column naming the jurisdiction",
    )
    group.add_argument(
        "--count",
        metavar="COLUMN",
        help="with --jurisdiction, the column holding counts (else rows count)",
    )


def record_options(args: argparse.Namespace) -> RecordOptions:
    from tui.core.records.open import RecordOptions, parse_period

    return RecordOptions(
        period_a=parse_period(args.period_a) if args.period_a else None,
        period_b=parse_period(args.period_b) if args.period_b else None,
        exclude_duplicates=args.exclude_duplicates,
        jurisdiction_column=args.jurisdiction,
        count_column=args.count,
    )


def build_launch_parser() -> OneLineParser:
    parser = OneLineParser(
        prog=PROG,
        description="Explore immigration-enforcement figures. With no file, open the explorer "
        "on the bundled Operation Safe City figures; with files (CSV, TSV, Parquet, NDJSON, "
        "xlsx), open them. Commands: show, export, check, screenshot "
        f"(see {PROG} COMMAND --help).",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="record files to open")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    _add_record_options(parser)
    return parser


def build_parser() -> OneLineParser:
    parser = OneLineParser(
        prog=PROG,
        description="Explore immigration-enforcement figures: with no command, open the "
        "explorer on the bundled Operation Safe City figures, or on the files given.",
    )
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=OneLineParser, required=True
    )
    show = commands.add_parser("show", help="print a view as a table")
    _add_view_options(show)
    export = commands.add_parser("export", help="write a view as CSV")
    _add_view_options(export)
    export.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        default="-",
        help="file to write, or - for standard output (the default)",
    )
    export.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    export.add_argument(
        "--provenance",
        action="store_true",
        help="also write FILE.provenance.json: the source files, their checksums, the filters",
    )
    export.add_argument(
        "--raw",
        action="store_true",
        help="write cells as they are, without neutralising spreadsheet formulas",
    )
    check = commands.add_parser("check", help="print every claim with its verdict")
    check.add_argument(
        "--article",
        metavar="FILE",
        type=Path,
        help="also check every quote is verbatim in this copy of the article",
    )
    screenshot = commands.add_parser("screenshot", help="save an SVG of every pane")
    screenshot.add_argument("--out", metavar="DIR", type=Path, default=Path("screenshots"))
    return parser


def _view_frame(catalog: Catalog, args: argparse.Namespace):  # type: ignore[no-untyped-def]
    view = catalog.view(args.view)
    frame = filter_rows(view.frame, args.filter)
    if args.sort:
        frame = sort_rows(frame, args.sort, descending=args.desc)
    elif args.desc:
        raise EnforceError("--desc needs --sort COLUMN")
    return view, frame


def _run(argv: Sequence[str]) -> int:
    if not argv or argv[0] not in COMMANDS:
        launch = build_launch_parser().parse_args(argv)
        return _launch(launch.paths, record_options(launch))
    args = build_parser().parse_args(argv)
    if args.command == "check":
        catalog = open_catalog(article=args.article)
        print_claims(catalog.view("claims").frame)
        return 0
    if args.command == "screenshot":
        from tui.app.screenshots import save_screenshots

        for path in save_screenshots(args.out):
            print(path)
        return 0
    catalog = open_catalog(args.data, options=record_options(args))
    view, frame = _view_frame(catalog, args)
    if args.data:
        _print_warnings(view, catalog)
    if args.command == "show":
        print_table(view, frame)
        return 0
    if args.provenance and args.output == "-":
        raise EnforceError("--provenance needs a file: give -o FILE")
    result = export_csv(frame, args.output, force=args.force, raw=args.raw)
    if args.provenance:
        record = provenance(
            catalog,
            args.view,
            rows=result.rows,
            filter_text=args.filter,
            sort=(args.sort, args.desc) if args.sort else None,
            options=vars(record_options(args)) if args.data else None,
        )
        write_provenance(record, result.path, force=args.force)
    if result.path != "-":
        print(
            f"wrote {result.rows:,} row{'' if result.rows == 1 else 's'} to {result.path}",
            file=sys.stderr,
        )
    return 0


def _print_warnings(view: View, catalog: Catalog) -> None:
    """What was read with a warning (a lying extension, renamed columns, skipped title rows,
    periods of different lengths), on standard error: the output stays clean, and nothing is
    corrected silently."""
    lines = list(view.notes)
    for dataset in catalog.datasets.values():
        if dataset.file:
            lines += [f"{dataset.name}: {n}" for n in dataset.notes if not _said(n, lines)]
    for line in dict.fromkeys(lines):
        print(f"{PROG}: warning: {one_line(printable(line))}", file=sys.stderr)


def _said(note: str, lines: list[str]) -> bool:
    return any(line.endswith(note) for line in lines)


def _launch(paths: list[str], options: RecordOptions) -> int:
    from tui.app.factory import build_app

    app = build_app(paths, options=options)
    app.run()
    app.crash_report.tell()
    return app.return_code or 0


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _run(list(sys.argv[1:] if argv is None else argv))
    except EnforceError as error:
        print(f"{PROG}: error: {one_line(str(error))}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader (e.g. `head`) went away: not an error worth a message.
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        return 130

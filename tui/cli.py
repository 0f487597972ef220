"""The command line: open the explorer, or print, export and check the views without a screen."""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from tui import __version__
from tui.core.errors import EnforceError, one_line
from tui.core.export import Shown, export_view
from tui.core.formatting import plural, printable
from tui.core.model import Catalog, View
from tui.core.open import open_catalog
from tui.core.records.options import RecordOptions, bundled_notice, exclude_has_no_effect
from tui.core.records.periods import parse_period
from tui.core.roles import NO_COLUMN, ROLES
from tui.core.table_ops import filter_rows, sort_rows

PROG = "enforce-tui"
COMMANDS = ("show", "export", "check", "screenshot", "serve")


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr and exit 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{PROG}: error: {one_line(message)} (see {PROG} --help)\n")


class _MoreTerms(argparse.Action):
    """A repeated --filter adds its terms (AND), rather than replacing the first silently."""

    def __call__(self, parser, namespace, values, option_string=None):  # type: ignore[no-untyped-def]
        before = getattr(namespace, self.dest) or ""
        setattr(namespace, self.dest, f"{before} {values}".strip())


def _add_view_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("view", help="jurisdictions, convictions, comparisons or claims")
    parser.add_argument("--sort", metavar="COLUMN", help="sort by this column")
    parser.add_argument("--desc", action="store_true", help="sort in descending order")
    parser.add_argument(
        "--filter",
        metavar="TEXT",
        default="",
        action=_MoreTerms,
        help="keep the rows that pass every term: a word is looked for in the text cells shown "
        "(case-insensitive); column:text, column=value, column>N, column<N; !term excludes; "
        '"two words" as one (e.g. --filter "jurisdiction:county !cook")',
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
        "--place",
        "--jurisdiction",
        dest="place",
        metavar="COLUMN",
        help="the column naming the place (AOR, state, county, facility): the Jurisdictions view",
    )
    group.add_argument(
        "--date",
        metavar="COLUMN",
        help="the column of dates: periods and months in the Comparisons view",
    )
    group.add_argument(
        "--category",
        metavar="COLUMN",
        help="the column to break down by (criminality, charge, case category)",
    )
    group.add_argument(
        "--count",
        metavar="COLUMN",
        help="the column holding counts, summed (else each row counts 1)",
    )
    group.add_argument(
        "--no-role",
        action="append",
        default=[],
        choices=ROLES,
        metavar="ROLE",
        help="leave a role (place, date, category, count) without a column (repeatable)",
    )
    group.add_argument(
        "--sheet",
        metavar="NAME",
        help="in a workbook, the sheet to read (else the widest sheet that holds a table)",
    )


def record_options(args: argparse.Namespace) -> RecordOptions:
    return RecordOptions(
        period_a=parse_period(args.period_a) if args.period_a else None,
        period_b=parse_period(args.period_b) if args.period_b else None,
        exclude_duplicates=args.exclude_duplicates,
        place_column=_role_column(args, "place"),
        date_column=_role_column(args, "date"),
        category_column=_role_column(args, "category"),
        count_column=_role_column(args, "count"),
        sheet=args.sheet,
    )


def _role_column(args: argparse.Namespace, role: str) -> str | None:
    if role in args.no_role:
        return NO_COLUMN
    column: str | None = getattr(args, role)
    return column


def build_launch_parser() -> OneLineParser:
    parser = OneLineParser(
        prog=PROG,
        description="Explore immigration-enforcement figures. With no file, open the explorer "
        "on the bundled Operation Safe City figures; with files (CSV, TSV, Parquet, NDJSON, "
        "xlsx), open them. Commands: show, export, check, screenshot, serve "
        f"(see {PROG} COMMAND --help).",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="record files to open")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    # Set by `serve` for each browser session: Open and Export stay inside this folder.
    parser.add_argument("--served-root", metavar="DIR", help=argparse.SUPPRESS)
    _add_record_options(parser)
    return parser


def record_argv(args: argparse.Namespace) -> list[str]:
    """The record options of `args` as command-line words, to hand to a served session."""
    words: list[str] = []
    for flag in (
        "--period-a",
        "--period-b",
        "--place",
        "--date",
        "--category",
        "--count",
        "--sheet",
    ):
        value = getattr(args, flag[2:].replace("-", "_"))
        if value is not None:
            words += [flag, value]
    for role in args.no_role:
        words += ["--no-role", role]
    if args.exclude_duplicates:
        words.append("--exclude-duplicates")
    return words


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
    check = commands.add_parser("check", help="print every claim with its verdicts")
    check.add_argument(
        "--article",
        metavar="FILE",
        type=Path,
        help="also check every quote is verbatim in this copy of the article (line endings "
        "and trailing whitespace normalised) and compare its SHA-256",
    )
    check.add_argument(
        "--strict",
        action="store_true",
        help="exit with status 1 when any claim fails by the article's own figures "
        "(unverifiable is not a failure), for scripts",
    )
    screenshot = commands.add_parser("screenshot", help="save an SVG of every pane")
    screenshot.add_argument("--out", metavar="DIR", type=Path, default=Path("screenshots"))
    serve = commands.add_parser(
        "serve",
        help="serve the explorer to web browsers",
        description="Serve the explorer over HTTP: each browser tab gets its own session on "
        "the same files. Open and Export are confined to --root.",
    )
    serve.add_argument("paths", nargs="*", metavar="PATH", help="record files to open")
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1: this computer only)",
    )
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    serve.add_argument(
        "--root",
        metavar="DIR",
        default=".",
        help="the only folder the browser may open files from and export to (default: here)",
    )
    _add_record_options(serve)
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
        return _launch(launch.paths, record_options(launch), launch.served_root)
    args = build_parser().parse_args(argv)
    if args.command == "serve":
        from tui.serve import serve

        return serve(
            args.paths,
            options=record_options(args),
            record_argv=record_argv(args),
            host=args.host,
            port=args.port,
            root=args.root,
        )
    if args.command == "check":
        return _check(args.article, strict=args.strict)
    if args.command == "screenshot":
        from tui.app.screenshots import save_screenshots

        for path in save_screenshots(args.out):
            print(path)
        return 0
    catalog = open_catalog(args.data, options=record_options(args))
    notice = "" if args.data else bundled_notice(record_options(args))
    if notice:
        print(f"{PROG}: warning: {notice}", file=sys.stderr)
    view, frame = _view_frame(catalog, args)
    if args.data:
        if args.exclude_duplicates and not catalog.duplicates_detectable:
            why = exclude_has_no_effect(catalog.duplicates_undetectable)
            print(f"{PROG}: warning: {why}", file=sys.stderr)
        _print_warnings(view, catalog)
    if args.command == "show":
        # rich's tables are for `show` only: an export does not pay for importing them.
        from tui.render import print_table

        print_table(view, frame)
        return 0
    if args.provenance and args.output == "-":
        raise EnforceError("--provenance needs a file: give -o FILE")
    shown = Shown(
        frame,
        args.view,
        catalog,
        filter_text=args.filter,
        sort=(args.sort, args.desc) if args.sort else None,
        options=vars(record_options(args)) if args.data else None,
    )
    result = export_view(
        shown, args.output, with_provenance=args.provenance, force=args.force, raw=args.raw
    )
    if result.path != "-":
        print(
            f"wrote {result.rows:,} row{'' if result.rows == 1 else 's'} to {result.path}",
            file=sys.stderr,
        )
    return 0


def _check(article: Path | None, *, strict: bool = False) -> int:
    """Every claim with its verdicts; with an article, what was verified in it. A checksum
    that differs is a note: the quotes found verbatim are what the check is about. A claim
    that fails is a finding, not an error: the status says so only when asked (`strict`)."""
    from tui.core.article.figures import check_article, load_figures, read_article
    from tui.core.article.views import article_catalog
    from tui.render import print_claims

    figures = load_figures()
    verified = (
        check_article(figures, read_article(article), file=str(article))
        if article is not None
        else None
    )
    claims = article_catalog(figures).view("claims").frame
    print_claims(claims)
    for line in verified.lines() if verified is not None else ():
        print(printable(line))
    failing = claims.get_column("verdict").to_list().count("fails")
    if strict and failing:
        print(f"{plural(failing, 'claim')} failing by the article's own figures (--strict)")
        return 1
    return 0


def _print_warnings(view: View, catalog: Catalog) -> None:
    """What was read with a warning (a lying extension, renamed columns, skipped title rows,
    periods of different lengths), on standard error: the output stays clean, and nothing is
    corrected silently."""
    lines = list(view.notes)
    for dataset in catalog.datasets.values():
        if dataset.file:
            lines += [_named(dataset.name, n) for n in dataset.notes if not _said(n, lines)]
    for line in dict.fromkeys(lines):
        print(f"{PROG}: warning: {one_line(printable(line))}", file=sys.stderr)


def _named(name: str, note: str) -> str:
    """The note with the dataset's name in front, once: a note may name its file already."""
    return note if note.startswith(f"{name}:") or note.startswith(name + " ") else f"{name}: {note}"


def _said(note: str, lines: list[str]) -> bool:
    return any(line.endswith(note) for line in lines)


def _launch(paths: list[str], options: RecordOptions, served_root: str | None = None) -> int:
    from tui.app.factory import build_app
    from tui.app.settings import Settings

    settings = None
    if served_root is not None:
        settings = Settings.served(served_root)
        _ignore_ctrl_c()
    app = build_app(paths, options=options, settings=settings)
    app.run()
    if served_root is not None:
        _ignore_ctrl_c()
    app.crash_report.tell()
    return app.return_code or 0


def _ignore_ctrl_c() -> None:
    """A served session shares the server's process group, so Ctrl+C in the server's terminal
    reaches it too. While it runs, Textual's web driver ends it cleanly on that signal; before
    and after (starting up, winding down), the server's own stop is enough."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


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

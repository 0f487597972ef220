"""Benchmarks that print figures (they assert nothing): start-up, export, the explorer at 10M rows.

    python tests/bench/bench.py [--data-dir bench-data] [--runs 5] [--only NAME ...]

Data is generated on first use with the fixed-seed generator in tests/synth (10M-row Parquet,
1M-row CSV, 100k-row xlsx). Each figure is the median of --runs fresh runs.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

from synth import ice_records  # noqa: E402

PYTHON = sys.executable
FILES = {
    "arrests-10M.parquet": ("processed", 10_000_000, "parquet"),
    "arrests-1M.csv": ("2025", 1_000_000, "csv"),
    "arrests-100k.xlsx": ("2025", 100_000, "xlsx"),
}

# Each child prints the wall-clock time at which it was ready; the parent took the time just
# before starting it. So shutdown, which no user waits for, is not counted.
STARTUP = """
import os, time
from tui.app.factory import build_app
app = build_app()
painted = app._display
def display(screen, renderable):
    painted(screen, renderable)
    if renderable is not None:
        print(time.time(), flush=True)
        os._exit(0)
app._display = display
app.run(headless=True, size=(120, 40))
"""

BARE_IMPORTS = "import time; import textual.app, polars; print(time.time())"

POLARS_JURISDICTIONS = """
import sys, polars as pl
path, column = sys.argv[1], sys.argv[2]
scan = pl.scan_parquet(path) if path.endswith(".parquet") else pl.scan_csv(path)
counts = (scan.group_by(column).agg(pl.len().alias("arrests"))
          .with_columns((100 * pl.col("arrests") / pl.col("arrests").sum()).round(1)
                        .alias("share_pct"))
          .sort("arrests", descending=True).collect())
sys.stdout.write(counts.write_csv())
"""


POLARS_GROUP_BY = """
import sys, polars as pl
path, keys, count = sys.argv[1], sys.argv[2].split(","), sys.argv[3]
scan = pl.scan_parquet(path) if path.endswith(".parquet") else pl.scan_csv(path)
total = pl.len() if count == "-" else pl.col(count).sum()
counts = scan.group_by(keys).agg(total.alias("n")).sort("n", descending=True).collect()
sys.stdout.write(counts.write_csv())
"""
#: A table of no ICE layout, mapped by suggested roles: facility, date, category, n.
MAPPED = "mapped-1M.csv"


def ensure_mapped(directory: Path, rows: int = 1_000_000) -> Path:
    """A 1M-row aggregate-style table (fixed contents) that only suggested roles map."""
    import polars as pl

    path = directory / MAPPED
    if not path.exists():
        print(f"generating {MAPPED} ...", file=sys.stderr)
        index = pl.int_range(rows, eager=True)
        pl.DataFrame(
            {
                "facility": (index * 7919 % 400).map_elements(
                    lambda i: f"Facility {i:03d}", return_dtype=pl.String
                ),
                "date": (pl.Series([18262] * rows) + index * 104729 % 2190)
                .cast(pl.Int32)
                .cast(pl.Date),
                "category": (index * 31 % 7).map_elements(
                    lambda i: f"Category {i}", return_dtype=pl.String
                ),
                "n": index * 13 % 50,
            }
        ).write_csv(path)
    return path


def bench_roles(paths: dict[str, Path], directory: Path, runs: int) -> list[Row]:
    """Every view of a mapped table and of a preset file, against the same group-by."""
    mapped = str(ensure_mapped(directory))
    preset = str(paths["arrests-1M.csv"])
    cases = (
        (mapped, "jurisdictions", "facility", "n"),
        (mapped, "convictions", "category", "n"),
        (mapped, "comparisons", "facility,date", "n"),
        (preset, "convictions", "Apprehension Criminality", "-"),
        (preset, "comparisons", "Apprehension AOR,Apprehension Date,Apprehension Criminality", "-"),
    )
    # The project's bytecode, as `pip install` writes it (polars has its own): without it, with
    # PYTHONDONTWRITEBYTECODE set, every run would compile the project's modules again.
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(ROOT / "tui")], check=True)
    rows = []
    for path, view, keys, count in cases:
        # Alternated, so that a change in the machine's load falls on both sides alike.
        times = [
            (
                timed_runs([PYTHON, "-m", "tui", "export", view, "--data", path, "-o", "-"], 1),
                timed_runs([PYTHON, "-c", POLARS_GROUP_BY, path, keys, count], 1),
            )
            for _ in range(runs)
        ]
        ours = statistics.median(t[0] for t in times)
        direct = statistics.median(t[1] for t in times)
        rows.append(
            (
                f"`export {view}` on {Path(path).name}",
                f"{ours:.2f} s",
                f"group_by({keys}) in polars, fresh process: {direct:.2f} s; "
                f"ratio {ours / direct:.2f}x",
                "≤ 1.5x",
            )
        )
    return rows


def ensure_data(directory: Path) -> dict[str, Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, (layout, rows, fmt) in FILES.items():
        path = directory / name
        if not path.exists():
            print(f"generating {name} ...", file=sys.stderr)
            chunks = ice_records.iter_arrests(rows, seed=2017, layout=layout)  # type: ignore[arg-type]
            ice_records.write(chunks, path, fmt, sheets=2 if fmt == "xlsx" else 1)  # type: ignore[arg-type]
        paths[name] = path
    return paths


def timed_runs(command: list[str], runs: int) -> float:
    """Median wall time of `runs` fresh processes, output discarded."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def ready_time(command: list[str], runs: int) -> float:
    """Median time from starting a process to the moment it printed that it was ready."""
    times = []
    for _ in range(runs):
        start = time.time()
        done = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT)
        times.append(float(done.stdout.split()[-1]) - start)
    return statistics.median(times)


def peak_rss_mb(command: list[str]) -> float:
    """Peak resident memory of one run of `command`, in MB (from the kernel's accounting)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(after, before) / 1024


Row = tuple[str, str, str, str]


def bench_startup(runs: int) -> list[Row]:
    ours = ready_time([PYTHON, "-c", STARTUP], runs)
    bare = ready_time([PYTHON, "-c", BARE_IMPORTS], runs)
    ratio = ours / bare
    return [
        (
            "start-up to first painted frame (bundled data)",
            f"{ours:.2f} s",
            f"bare `import textual.app, polars`: {bare:.2f} s; ratio {ratio:.2f}x",
            "≤ 1.3x",
        ),
    ]


def bench_export(paths: dict[str, Path], runs: int) -> list[Row]:
    rows = []
    for name, column in (
        ("arrests-10M.parquet", "apprehension_aor"),
        ("arrests-1M.csv", "Apprehension AOR"),
        ("arrests-100k.xlsx", None),
    ):
        path = str(paths[name])
        ours = timed_runs(
            [PYTHON, "-m", "tui", "export", "jurisdictions", "--data", path, "-o", "-"], runs
        )
        if column is None:
            rows.append(
                (
                    f"`export jurisdictions` on {name}",
                    f"{ours:.2f} s",
                    "(calamine reads the whole workbook)",
                    "—",
                )
            )
            continue
        direct = timed_runs([PYTHON, "-c", POLARS_JURISDICTIONS, path, column], runs)
        rows.append(
            (
                f"`export jurisdictions` on {name}",
                f"{ours:.2f} s",
                f"same group_by in polars, fresh process: {direct:.2f} s; "
                f"ratio {ours / direct:.2f}x",
                "≤ 1.5x",
            )
        )
    return rows


def bench_explorer(paths: dict[str, Path], runs: int) -> list[Row]:
    """Runs in a child process so that its peak memory is its own."""
    done = subprocess.run(
        [PYTHON, __file__, "--explorer-child", str(paths["arrests-10M.parquet"]), str(runs)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    return explorer_rows(figures)


def explorer_rows(figures: dict[str, float]) -> list[Row]:
    """The README's rows for the explorer's figures, each against its target (misses said)."""

    def ms(key: str) -> str:
        return f"{1000 * figures[key]:.0f} ms"

    def within(key: str, target: float) -> str:
        return "" if figures[key] < target else ": **missed**"

    def key(what: str, name: str, also: str = "") -> Row:
        return (f"explorer, 10M rows: {what}", ms(name), also, f"< 100 ms{within(name, 0.1)}")

    return [
        (
            "explorer, 10M rows: open until the panes show",
            f"{figures['open']:.2f} s",
            f"every view and checksum done after {figures['warm']:.1f} s (in the background)",
            f"< 1 s{within('open', 1.0)}",
        ),
        key("switch pane (key to painted frame)", "switch"),
        (
            "explorer, 10M rows: Data pane, first screen of raw rows",
            ms("raw"),
            f"every row read (in the background, shown as they come) after "
            f"{figures['raw_full']:.1f} s",
            f"< 300 ms{within('raw', 0.3)}",
        ),
        key("move to the next column", "column"),
        key("page down at the end of the table", "page_end"),
        key(
            "sort a text column (key to first screen)",
            "sort",
            f"full sort done in the background after {figures['sort_full']:.1f} s",
        ),
        key(
            "filter all text cells (Enter to first screen)",
            "filter",
            f"full filter done in the background after {figures['filter_full']:.1f} s",
        ),
        key(
            "filter a sorted table (Enter to first screen)",
            "filter_sorted",
            f"full result in the background after {figures['filter_sorted_full']:.1f} s",
        ),
        (
            "explorer, 10M rows: peak memory",
            f"{figures['peak_mb']:,.0f} MB",
            "",
            f"< 1,000 MB{within('peak_mb', 1000)}",
        ),
    ]


async def explorer_child(path: str, runs: int) -> dict[str, float]:
    from textual import events

    from tui.app.factory import build_app

    app = build_app([path])
    frames: list[float] = []
    painted = app._display

    def display(screen: object, renderable: object) -> None:
        painted(screen, renderable)  # type: ignore[arg-type]
        if renderable is not None:
            frames.append(time.perf_counter())

    app._display = display  # type: ignore[method-assign]

    async def until(condition: Callable[[], bool], timeout: float = 120) -> float:
        """Wait for `condition`, then for the next painted frame; return when it was painted."""
        deadline = time.perf_counter() + timeout
        while not condition():
            if time.perf_counter() > deadline:
                raise TimeoutError
            await asyncio.sleep(0.0005)
        seen = len(frames)
        # The frame that shows it; if it was painted before the condition was seen (the key
        # was handled and painted between two looks), no other comes: the last one is it.
        settled = time.perf_counter() + 0.25
        while len(frames) == seen:
            if time.perf_counter() > settled:
                return frames[-1] if frames else time.perf_counter()
            await asyncio.sleep(0.0005)
        return frames[-1]

    def press(key: str, character: str | None = None) -> float:
        start = time.perf_counter()
        app.post_message(events.Key(key, character if character is not None else key))
        return start

    result: dict[str, float] = {}
    start = time.perf_counter()
    async with app.run_test(size=(120, 40), headless=True) as pilot:
        main = app.main
        await until(
            lambda: (
                not main.has_class("loading")
                and app.catalog is not None
                and main.active_table_pane().shown.height > 0
            )
        )
        result["open"] = time.perf_counter() - start
        result["peak_mb_open"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        # The other views and the checksums are computed after the panes show: wait for them,
        # so the keys below are timed as a user finds them once the machine is idle again.
        await until(lambda: all(w.is_finished for w in app.workers))
        result["warm"] = time.perf_counter() - start
        switches = []
        for index in range(runs * 2):
            target = ("comparisons", "jurisdictions")[index % 2]
            t0 = press("3" if target == "comparisons" else "1")
            switches.append(await until(lambda t=target: main.active_pane_id == t) - t0)
        result["switch"] = statistics.median(switches)
        t0 = press("4")
        # The first screen of raw rows (read from the file), then every row read.
        result["raw"] = (
            await until(
                lambda: (
                    main.active_pane_id == "data" and main.active_table_pane().table.row_count > 0
                )
            )
            - t0
        )
        pane = main.active_table_pane()
        await until(lambda: pane.reading is None and pane.source_frame.height > 0 and pane.complete)
        result["raw_full"] = time.perf_counter() - t0
        # Peak memory once every row is read, before any sort or filter: the rows' share.
        result["peak_mb_read"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        rows = pane.source_frame.height
        result["rows"] = rows
        # Keys that move: one column right, and a page down at the end of the table.
        columns, pages = [], []
        for index in range(runs):
            before = pane.table.cursor_column
            t0 = press("right" if index % 2 == 0 else "left")
            columns.append(await until(lambda b=before: pane.table.cursor_column != b) - t0)
        pane.table.move_cursor(row=rows - 1)
        for _ in range(runs):
            pane.table.move_cursor(row=rows - 5)
            await pilot.pause()
            t0 = press("pagedown")
            pages.append(await until(lambda: pane.table.cursor_row == rows - 1) - t0)
        result["column"], result["page_end"] = statistics.median(columns), statistics.median(pages)
        pane.table.move_cursor(row=0)

        async def filter_times(texts: list[str]) -> tuple[float, float]:
            firsts, fulls = [], []
            for text in texts:
                press("slash", "/")
                await pilot.pause()
                box = pane.query_one(".filter")
                box.value = text  # type: ignore[attr-defined]
                t0 = press("enter", "\r")
                firsts.append(await until(lambda t=text: pane.filter_text == t) - t0)
                await until(lambda: pane.complete)
                fulls.append(time.perf_counter() - t0)
            return statistics.median(firsts), statistics.median(fulls)

        texts = ["guatemala", "honduras", "mexico", "el salvador", "located", "traffic"][:runs]
        result["filter"], result["filter_full"] = await filter_times(texts)
        result["peak_mb_filter"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        press("slash", "/")
        await pilot.pause()
        press("escape", "\x1b")
        await until(lambda: pane.filter_text == "" and pane.complete)
        pane.table.move_cursor(column="citizenship_country")
        sorts, sort_full = [], []
        for _ in range(runs):
            expected = (not pane.sort[1]) if pane.sort else False
            t0 = press("s")
            sorts.append(
                await until(lambda e=expected: pane.sort == ("citizenship_country", e)) - t0
            )
            await until(lambda: pane.complete)
            sort_full.append(time.perf_counter() - t0)
        result["sort"], result["sort_full"] = statistics.median(sorts), statistics.median(sort_full)
        result["peak_mb_sort"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        result["filter_sorted"], result["filter_sorted_full"] = await filter_times(texts)
        await pilot.pause()
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def bench_visidata(paths: dict[str, Path], runs: int) -> list[Row]:
    """VisiData's frequency table of one column of the 1M-row CSV, against ours, in-process."""
    try:
        import visidata  # noqa: F401
    except ImportError:
        return [
            (
                "VisiData frequency table, 1M-row CSV",
                "not run",
                "VisiData is not installed (pip install visidata)",
                "20x faster",
            )
        ]
    script = """
import sys, time
from visidata import vd, FreqTableSheet
sheet = vd.openSource(sys.argv[1])
sheet.reload()
vd.sync()
loaded = time.perf_counter()
freq = FreqTableSheet(sheet.name, "freq", source=sheet,
                      groupByCols=[sheet.column("Citizenship Country")])
freq.reload()
vd.sync()
print(time.perf_counter() - loaded, len(freq.rows))
"""
    ours_script = """
import sys, time
from tui.core.tables.read import read_table
from tui.core.tables.stats import frequency
from tui.core.tables.load import load_table
table = read_table(__import__("pathlib").Path(sys.argv[1]))
frame = load_table(table)
start = time.perf_counter()
result = frequency(frame, "Citizenship Country")
print(time.perf_counter() - start, result.height)
"""
    path = str(paths["arrests-1M.csv"])
    theirs = statistics.median(
        float(
            subprocess.run(
                [PYTHON, "-c", script, path], check=True, capture_output=True, text=True
            ).stdout.split()[0]
        )
        for _ in range(runs)
    )
    ours = statistics.median(
        float(
            subprocess.run(
                [PYTHON, "-c", ours_script, path], check=True, capture_output=True, text=True
            ).stdout.split()[0]
        )
        for _ in range(runs)
    )
    return [
        (
            "frequency table of one column, 1M-row CSV (loaded)",
            f"{1000 * ours:.0f} ms",
            f"VisiData {theirs:.2f} s; {theirs / ours:.0f}x faster",
            "20x faster",
        )
    ]


def machine() -> str:
    cpus = os.cpu_count()
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    import polars
    import textual

    return (
        f"{platform.machine()}, {cpus} cores, {memory:.0f} GiB, Python "
        f"{platform.python_version()}, polars {polars.__version__}, textual "
        f"{textual.__version__}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path, default=ROOT / "bench-data")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", nargs="*", default=[])
    parser.add_argument("--explorer-child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.explorer_child:
        figures = asyncio.run(explorer_child(args.explorer_child[0], int(args.explorer_child[1])))
        print(json.dumps(figures))
        return 0
    paths = ensure_data(args.data_dir)
    steps: dict[str, Callable[[], list[Row]]] = {
        "startup": lambda: bench_startup(args.runs),
        "export": lambda: bench_export(paths, args.runs),
        "roles": lambda: bench_roles(paths, args.data_dir, args.runs),
        "explorer": lambda: bench_explorer(paths, args.runs),
        "visidata": lambda: bench_visidata(paths, args.runs),
    }
    print(f"Machine: {machine()}. Median of {args.runs} runs.\n")
    print("| what | measured | compared with | target |")
    print("|---|---|---|---|")
    for name, step in steps.items():
        if args.only and name not in args.only:
            continue
        for row in step():
            print("| " + " | ".join(row) + " |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

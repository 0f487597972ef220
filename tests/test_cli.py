"""The command line as a user runs it: real output, one-line errors, exit statuses.

Run in this process (tests/in_process.py); a few run `python -m tui` for real, for the exit
status and stderr as a shell sees them.
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest
from in_process import run_cli


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return run_cli(args, cwd=cwd)


def run_process(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_a_real_process_exports_to_stdout() -> None:
    done = run_process("export", "jurisdictions", "-o", "-")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert pl.read_csv(done.stdout.encode()).get_column("arrests").sum() == 498


@pytest.mark.parametrize(
    ("args", "message"),
    [(["show", "nope"], "unknown view 'nope'"), (["--bogus"], "unrecognized arguments")],
)
def test_a_real_process_fails_with_one_line_and_exit_2(args: list[str], message: str) -> None:
    done = run_process(*args)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1, done.stderr
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_export_jurisdictions_to_stdout_sums_to_498() -> None:
    done = run("export", "jurisdictions", "-o", "-")
    assert done.returncode == 0, done.stderr
    frame = pl.read_csv(done.stdout.encode())
    assert frame.height == 10
    assert frame.get_column("arrests").sum() == 498
    assert frame.columns[:3] == ["jurisdiction", "arrests", "share_pct"]


def test_export_with_filter_and_sort_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "c.csv"
    done = run("export", "convictions", "--filter", "!CHILD", "--sort", "people", "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert "wrote 5 rows" in done.stderr
    frame = pl.read_csv(target)
    assert frame.get_column("people").to_list() == [1, 2, 3, 7, 86]
    assert "Sex offense against a child" not in frame.get_column("conviction").to_list()


def test_filter_by_column_gives_the_two_counties() -> None:
    done = run("export", "jurisdictions", "--filter", "jurisdiction:county")
    assert done.returncode == 0, done.stderr
    names = pl.read_csv(io.StringIO(done.stdout)).get_column("jurisdiction").to_list()
    assert names == ["Cook County", "Santa Clara County"]
    one = run("export", "jurisdictions", "--filter", "york", "-o", "-")
    assert pl.read_csv(io.StringIO(one.stdout)).get_column("jurisdiction").to_list() == [
        "New York City"
    ]


def test_an_unknown_filter_column_is_one_line_naming_the_columns() -> None:
    done = run("show", "jurisdictions", "--filter", "place:york")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "no column 'place'; columns are: jurisdiction, arrests, share_pct" in done.stderr


def test_one_row_is_one_row() -> None:
    done = run("show", "jurisdictions", "--filter", "york")
    assert "\n1 row\n" in done.stdout


def test_check_shows_the_387_claim_failing() -> None:
    done = run("check")
    assert done.returncode == 0, done.stderr
    line = next(x for x in done.stdout.splitlines() if "387 had criminal records" in x)
    assert line.startswith("FAILS")
    assert "317 (498 - 181), not 387" in done.stdout
    summary = " ".join(done.stdout.split()[-40:])
    assert "14 claims (11 article statements, 3 consistency checks)" in summary
    assert "8 holds, 5 unverifiable, 1 fails from the article" in summary
    assert "against the outside reference: 9 holds, 2 fails, 2 without an outside figure" in summary


def test_check_piped_has_no_spaces_at_line_ends() -> None:
    """Wrapped lines kept their padding to the widest line (a grid), which a file or `diff`
    then showed; the indentation under a verdict stays."""
    lines = run("check").stdout.splitlines()
    assert [line for line in lines if line != line.rstrip()] == []
    assert any(line.startswith(" " * 13 + "computed: ") for line in lines)
    assert any(line.startswith(" " * 20) and line.strip() for line in lines)  # a quote's 2nd


def test_check_strict_fails_when_a_claim_fails() -> None:
    # The 387 claim fails by the article's own figures: a script asking --strict learns so.
    done = run("check", "--strict")
    assert done.returncode == 1
    assert done.stdout.splitlines()[-1] == "1 claim failing by the article's own figures (--strict)"


def test_check_against_the_article(article_text: str, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(article_text, encoding="utf-8")
    done = run("check", "--article", str(article))
    assert done.returncode == 0, done.stderr
    assert "39 quotes (13 distinct sentences) found verbatim" in done.stdout
    assert "article SHA-256 matches" in done.stdout
    article.write_text(article_text.replace("498", "499"), encoding="utf-8")
    done = run("check", "--article", str(article))
    assert done.returncode == 2
    assert "totals.csv, row 2, column 'quote': quote is not a verbatim sentence" in done.stderr


def test_show_prints_literal_table() -> None:
    done = run("show", "jurisdictions")
    assert done.returncode == 0, done.stderr
    assert "New York City" in done.stdout
    assert "10 rows" in done.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "nope"], "unknown view 'nope'"),
        (["export", "claims", "--sort", "nope"], "unknown column 'nope'"),
        (["export", "claims", "--desc"], "--desc needs --sort"),
        (["export", "claims", "-o", "/no/such/dir/x.csv"], "does not exist"),
        (["show"], "the following arguments are required: view"),
        (["export", "claims", "--bogus"], "unrecognized arguments: --bogus"),
        (["--bogus"], "unrecognized arguments: --bogus"),
        (["check", "--article", "/no/such/article.txt"], "/no/such/article.txt"),
    ],
)
def test_errors_are_one_line_with_exit_2(args: list[str], message: str) -> None:
    done = run(*args)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1, done.stderr
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_existing_output_is_not_overwritten(tmp_path: Path) -> None:
    target = tmp_path / "j.csv"
    target.write_text("mine\n", encoding="utf-8")
    done = run("export", "jurisdictions", "-o", str(target))
    assert done.returncode == 2
    assert "already exists" in done.stderr
    assert target.read_text(encoding="utf-8") == "mine\n"
    assert run("export", "jurisdictions", "-o", str(target), "--force").returncode == 0
    assert pl.read_csv(target).height == 10


def test_version() -> None:
    done = run("--version")
    assert done.returncode == 0
    assert done.stdout.startswith("enforce-tui ")


def test_export_with_provenance_names_files_and_checksums(tmp_path: Path) -> None:
    import hashlib
    import json

    target = tmp_path / "j.csv"
    done = run("export", "jurisdictions", "--filter", "denver", "-o", str(target), "--provenance")
    assert done.returncode == 0, done.stderr
    record = json.loads((tmp_path / "j.csv.provenance.json").read_text(encoding="utf-8"))
    assert record["view"] == "jurisdictions"
    assert record["filter"] == "denver"
    assert record["rows"] == pl.read_csv(target).height
    bundled = {d["name"]: d for d in record["datasets"]}
    data = Path(__file__).resolve().parents[1] / "data" / "jurisdictions.csv"
    assert bundled["jurisdictions"]["sha256"] == hashlib.sha256(data.read_bytes()).hexdigest()
    refused = run("export", "jurisdictions", "--provenance")
    assert refused.returncode == 2
    assert "--provenance needs a file" in refused.stderr

"""Load the bundled article figures: a manifest, one CSV per dataset, every row quoted."""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import polars as pl

from tui.core.article.validate import (
    check_labels,
    check_quotes,
    normalise_text,
    parse_counts,
    require_columns,
)
from tui.core.errors import DataError
from tui.core.model import Dataset

MANIFEST = "manifest.toml"
REFERENCE = "reference"


@dataclass(frozen=True)
class SourceInfo:
    title: str
    description: str
    file: str
    sha256: str
    notes: tuple[str, ...]


@dataclass(frozen=True)
class Figures:
    """The article's figures, one Dataset per manifest entry, in manifest order."""

    source: SourceInfo
    datasets: dict[str, Dataset]
    data_dir: Path
    # Datasets whose figures come from elsewhere than the article (no quotes to check).
    outside: frozenset[str] = frozenset()

    def frame(self, name: str) -> pl.DataFrame:
        return self.datasets[name].frame

    @property
    def article_datasets(self) -> list[Dataset]:
        return [d for name, d in self.datasets.items() if name not in self.outside]

    def reference(self, figure_id: str) -> dict[str, Any] | None:
        """One row of the outside reference, or None when the data has no such figure."""
        if REFERENCE not in self.datasets:
            return None
        rows = self.frame(REFERENCE).filter(pl.col("figure_id") == figure_id).to_dicts()
        if len(rows) > 1:
            raise DataError(
                f"more than one row with figure_id {figure_id!r}",
                file=self.datasets[REFERENCE].file,
                column="figure_id",
            )
        return rows[0] if rows else None

    def reference_value(self, figure_id: str) -> int | None:
        row = self.reference(figure_id)
        return None if row is None or row["value"] is None else int(row["value"])

    def total(self, measure: str) -> int:
        totals = self.frame("totals")
        values = totals.filter(pl.col("measure") == measure).get_column("value")
        if values.len() != 1:
            raise DataError(
                f"needs exactly one row with measure {measure!r}",
                file=self.datasets["totals"].file,
                column="measure",
            )
        return int(values[0])


def bundled_data_dir() -> Path:
    """Where the bundled data lives: inside the installed package, or the source tree's data/."""
    packaged = Path(str(resources.files("tui"))) / "data"
    if (packaged / MANIFEST).is_file():
        return packaged
    return Path(__file__).resolve().parents[3] / "data"


@dataclass(frozen=True)
class ArticleCheck:
    """What checking the figures against a copy of the article found."""

    file: str
    quotes: int
    sentences: int
    sha256: str
    expected_sha256: str

    @property
    def sha256_matches(self) -> bool:
        return self.sha256 == self.expected_sha256

    def lines(self) -> list[str]:
        found = (
            f"{self.quotes} quotes ({self.sentences} distinct sentences) found verbatim in "
            f"{self.file} (line endings and trailing whitespace normalised)"
        )
        if self.sha256_matches:
            return [f"{found}; article SHA-256 matches"]
        return [
            f"{found}; article SHA-256 differs",
            f"note: SHA-256 {self.sha256[:16]}… is not the {self.expected_sha256[:16]}… of the "
            "copy the figures were taken from: a different copy of the text; every quote "
            "was still found in it",
        ]


def read_article(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError as error:
        raise DataError(
            "article not found", file=path, hint="give the path to the article"
        ) from error
    except OSError as error:
        raise DataError(f"cannot be read ({error})", file=path) from error


def check_article(figures: Figures, raw: bytes, *, file: str) -> ArticleCheck:
    """Every quote of every article dataset is verbatim in this copy of the article. A copy
    whose checksum differs is still checked: the quotes, not the bytes, are what matter."""
    try:
        text = normalise_text(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise DataError(f"cannot be read as UTF-8 text ({error})", file=file) from error
    quotes: list[str] = []
    for dataset in figures.article_datasets:
        check_quotes(dataset.frame, file=dataset.file, figure_columns=(), article=text)
        quotes += [str(q) for q in dataset.frame.get_column("quote").to_list()]
    return ArticleCheck(
        file=file,
        quotes=len(quotes),
        sentences=len(set(quotes)),
        sha256=hashlib.sha256(raw).hexdigest(),
        expected_sha256=figures.source.sha256,
    )


def load_figures(data_dir: Path | None = None, *, article: str | None = None) -> Figures:
    """Read and validate every dataset; if the article text is given, quotes must be in it
    (line endings and trailing whitespace normalised; check_article also compares checksums)."""
    directory = data_dir or bundled_data_dir()
    manifest_path = directory / MANIFEST
    manifest = _read_manifest(manifest_path)
    source = _source_info(manifest, manifest_path)
    if article is not None:
        article = normalise_text(article)
    datasets: dict[str, Dataset] = {}
    outside: set[str] = set()
    entries = manifest.get("datasets")
    if not isinstance(entries, dict) or not entries:
        raise DataError(
            "no [datasets.*] tables",
            file=str(manifest_path),
            hint="describe each dataset in the manifest",
        )
    for name, entry in entries.items():
        from_article = not isinstance(entry, dict) or entry.get("from_article", True) is not False
        if not from_article:
            outside.add(name)
        datasets[name] = _load_dataset(
            directory, name, entry, manifest_path, article if from_article else None, from_article
        )
    return Figures(source=source, datasets=datasets, data_dir=directory, outside=frozenset(outside))


def _read_manifest(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError as error:
        raise DataError(
            "manifest not found", file=str(path), hint="point to a folder that holds manifest.toml"
        ) from error
    except tomllib.TOMLDecodeError as error:
        raise DataError(f"not valid TOML ({error})", file=str(path)) from error
    except (OSError, UnicodeDecodeError) as error:
        raise DataError(f"cannot be read ({error})", file=str(path)) from error


def _source_info(manifest: dict[str, Any], path: Path) -> SourceInfo:
    source = manifest.get("source", {})
    if not isinstance(source, dict):
        raise DataError("[source] must be a table", file=str(path), column="source")
    return SourceInfo(
        title=str(source.get("title", "")),
        description=str(source.get("description", "")),
        file=str(source.get("file", "")),
        sha256=str(source.get("sha256", "")),
        notes=tuple(str(note) for note in source.get("notes", [])),
    )


def _strings(entry: dict[str, Any], key: str) -> tuple[str, ...]:
    value = entry.get(key, [])
    if not isinstance(value, list):
        return (str(value),)
    return tuple(str(item) for item in value)


def _labels(entry: dict[str, Any], manifest_path: Path, name: str) -> dict[str, str]:
    value = entry.get("labels", {})
    if not isinstance(value, dict):
        raise DataError(
            f"labels of dataset {name!r} must be a table of figure column = label column",
            file=str(manifest_path),
            column=name,
        )
    return {str(figure): str(label) for figure, label in value.items()}


def _load_dataset(
    directory: Path,
    name: str,
    entry: Any,
    manifest_path: Path,
    article: str | None,
    from_article: bool = True,
) -> Dataset:
    if not isinstance(entry, dict) or "file" not in entry:
        raise DataError(f"dataset {name!r} needs a file", file=str(manifest_path), column=name)
    path = directory / str(entry["file"])
    label = f"data/{path.name}" if directory == bundled_data_dir() else str(path)
    try:
        raw = path.read_bytes()
        frame = pl.read_csv(raw, infer_schema=False)
    except FileNotFoundError as error:
        raise DataError(
            "file not found", file=label, hint="restore it or remove it from the manifest"
        ) from error
    except (OSError, pl.exceptions.PolarsError) as error:
        raise DataError(f"cannot be read as CSV ({_first_line(error)})", file=label) from error
    labels = _labels(entry, manifest_path, name)
    required = _strings(entry, "required")
    if from_article:
        required = tuple(dict.fromkeys((*required, "quote", *labels, *labels.values())))
    require_columns(frame, required, file=label)
    counts = _strings(entry, "counts")
    may_be_empty = set(_strings(entry, "may_be_empty"))
    for column in counts:
        frame = parse_counts(frame, column, file=label, may_be_empty=column in may_be_empty)
    if from_article:
        check_quotes(frame, file=label, figure_columns=counts, article=article)
        check_labels(frame, labels, file=label)
    return Dataset(
        name=name,
        title=str(entry.get("title", name)),
        frame=frame,
        description=str(entry.get("description", "")),
        units=str(entry.get("units", "")),
        source=str(entry.get("source", "")),
        file=label,
        notes=_strings(entry, "notes"),
        sha256=hashlib.sha256(raw).hexdigest(),
    )


def _first_line(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__

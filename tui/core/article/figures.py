"""Load the bundled article figures: a manifest, one CSV per dataset, every row quoted."""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import polars as pl

from tui.core.article.validate import check_quotes, parse_counts, require_columns
from tui.core.errors import DataError
from tui.core.model import Dataset

MANIFEST = "manifest.toml"


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

    def frame(self, name: str) -> pl.DataFrame:
        return self.datasets[name].frame

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


def load_figures(data_dir: Path | None = None, *, article: str | None = None) -> Figures:
    """Read and validate every dataset; if the article text is given, quotes must be in it."""
    directory = data_dir or bundled_data_dir()
    manifest_path = directory / MANIFEST
    manifest = _read_manifest(manifest_path)
    source = _source_info(manifest, manifest_path)
    if article is not None:
        digest = hashlib.sha256(article.encode("utf-8")).hexdigest()
        if source.sha256 and digest != source.sha256:
            raise DataError(
                "the article given is not the one the figures were taken from (SHA-256 differs)",
                file=str(manifest_path),
                column="sha256",
            )
    datasets: dict[str, Dataset] = {}
    entries = manifest.get("datasets")
    if not isinstance(entries, dict) or not entries:
        raise DataError(
            "no [datasets.*] tables",
            file=str(manifest_path),
            hint="describe each dataset in the manifest",
        )
    for name, entry in entries.items():
        datasets[name] = _load_dataset(directory, name, entry, manifest_path, article)
    return Figures(source=source, datasets=datasets, data_dir=directory)


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


def _load_dataset(
    directory: Path, name: str, entry: Any, manifest_path: Path, article: str | None
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
    require_columns(frame, _strings(entry, "required"), file=label)
    counts = _strings(entry, "counts")
    for column in counts:
        frame = parse_counts(frame, column, file=label)
    check_quotes(frame, file=label, figure_columns=counts, article=article)
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

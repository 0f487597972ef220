"""Compressed tables (gzip, zstd, bzip2, xz, a ZIP holding one table): read through a plain copy.

The readers need a plain file: the header is found with Python's csv module, a bad row is
located by reading the file again, and a lazy scan reads it once per query. So a compressed
input is decompressed once, streamed, into a temporary cache (one folder per process, removed
at exit); the copy is removed as soon as no table uses it. The input is never modified.
"""

from __future__ import annotations

import atexit
import bz2
import gzip
import lzma
import shutil
import tempfile
import weakref
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Literal

from tui.core.errors import DataError, one_line

Compression = Literal["gzip", "zstd", "bzip2", "xz", "zip"]
COMPRESSION_NAMES: dict[Compression, str] = {
    "gzip": "gzip",
    "zstd": "zstd",
    "bzip2": "bzip2",
    "xz": "xz",
    "zip": "ZIP",
}
_SUFFIXES = {".gz": "gzip", ".gzip": "gzip", ".zst": "zstd", ".zstd": "zstd", ".bz2": "bzip2"}
_SUFFIXES |= {".xz": "xz", ".zip": "zip"}
#: Members of a ZIP archive that are not data (written by macOS and Windows).
_ZIP_CLUTTER = ("__MACOSX/", ".DS_Store", "Thumbs.db", "desktop.ini")


def compression_of(head: bytes) -> Compression | None:
    """The compression of a file by its first bytes (None for a plain file or another ZIP)."""
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    if head.startswith(b"\x28\xb5\x2f\xfd"):
        return "zstd"
    if head[:3] == b"BZh" and head[4:10] == b"1AY&SY":
        return "bzip2"
    if head.startswith(b"\xfd7zXZ\x00"):
        return "xz"
    return None


class PlainCopy:
    """A decompressed copy of a file in the temporary cache; removed when no longer used."""

    def __init__(self, path: Path, kind: str, member: str | None = None) -> None:
        self.path = path
        self.kind = kind
        #: For a ZIP archive: the name of the table inside it.
        self.member = member
        # Each copy has a folder of its own (so it keeps the inner file's name).
        self._remove = weakref.finalize(self, _remove_folder, path.parent)

    def remove(self) -> None:
        self._remove()


def _remove_folder(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


_cache: Path | None = None


def _cache_dir() -> Path:
    global _cache
    if _cache is None or not _cache.is_dir():
        _cache = Path(tempfile.mkdtemp(prefix="enforce-tui-"))
        atexit.register(shutil.rmtree, _cache, ignore_errors=True)
    return _cache


def cache_file(name: str, kind: str) -> PlainCopy:
    """A new, empty file called `name` in the temporary cache (its own folder, removed with it)."""
    folder = Path(tempfile.mkdtemp(dir=_cache_dir()))
    return PlainCopy(folder / name, kind)


def plain_name(path: Path) -> str:
    """The name of the file inside: `a.csv.gz` -> `a.csv` (the inner extension picks the reader)."""
    suffix = path.suffix.lower()
    return path.name[: -len(suffix)] if suffix in _SUFFIXES and path.stem else path.name


def decompress(path: Path, kind: Compression) -> PlainCopy:
    """Stream `path` into a plain copy in the temporary cache. Raises DataError when it fails."""
    member: str | None = None
    if kind == "zip":
        member = zip_member(path)
        name = Path(member).name
    else:
        name = plain_name(path)
    copy = cache_file(name, kind)
    copy.member = member
    try:
        with _opener(path, kind, member)() as source, copy.path.open("wb") as sink:
            shutil.copyfileobj(source, sink, length=1024 * 1024)
    except (OSError, EOFError, lzma.LZMAError, zipfile.BadZipFile, ValueError) as error:
        copy.remove()
        if isinstance(error, OSError) and error.errno == 28:  # ENOSPC
            raise DataError(
                "cannot be decompressed: the temporary folder is full",
                file=path,
                hint="free some space, or decompress it elsewhere and open the plain file",
            ) from error
        raise DataError(
            f"is a damaged {COMPRESSION_NAMES[kind]} file ({one_line(str(error)) or 'cut short'})",
            file=path,
            hint="copy or download it again",
        ) from error
    return copy


def _opener(path: Path, kind: Compression, member: str | None) -> Callable[[], IO[bytes]]:
    if kind == "gzip":
        return lambda: gzip.GzipFile(path, "rb")  # type: ignore[return-value]
    if kind == "bzip2":
        return lambda: bz2.open(path, "rb")
    if kind == "xz":
        return lambda: lzma.open(path, "rb")
    if kind == "zip":
        assert member is not None
        return lambda: _zip_open(path, member)
    return lambda: _zstd_open(path)


def _zip_open(path: Path, member: str) -> IO[bytes]:
    archive = zipfile.ZipFile(path)
    stream = archive.open(member)
    stream._enforce_archive = archive  # type: ignore[attr-defined]  # keep it open with the stream
    return stream


def _zstd_open(path: Path) -> IO[bytes]:
    try:
        from compression import zstd  # type: ignore[import-not-found]  # Python 3.14+
    except ImportError:
        import zstandard  # type: ignore[import-not-found,unused-ignore]

        return zstandard.open(path, "rb")  # type: ignore[no-any-return]
    return zstd.open(path, "rb")  # type: ignore[no-any-return]


def zip_member(path: Path) -> str:
    """The one table inside a ZIP archive; DataError when it holds none or several."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError) as error:
        raise DataError(
            "is a damaged ZIP file", file=path, hint="copy or download it again"
        ) from error
    files = [
        info.filename
        for info in infos
        if not info.is_dir()
        and not any(part in info.filename for part in _ZIP_CLUTTER)
        and not Path(info.filename).name.startswith("._")
    ]
    if not files:
        raise DataError("is an empty ZIP archive", file=path, hint="give the table itself")
    if len(files) > 1:
        shown = ", ".join(files[:4]) + (", ..." if len(files) > 4 else "")
        raise DataError(
            f"is a ZIP archive of {len(files)} files ({shown}), not one table",
            file=path,
            hint="unzip it and open the file you want",
        )
    return files[0]

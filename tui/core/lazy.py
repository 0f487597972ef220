"""Datasets and views that are computed on first use, so opening a 10M-row file costs little.

`LazyDataset` is a `Dataset` whose `frame`, `rows` and `sha256` are computed when first read
(thread-safe, once). `LazyViews` is the `dict[str, View]` of a Catalog whose values are built
when first looked up: `export jurisdictions` computes the jurisdictions view only.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from typing import Any, TypeVar, cast

import polars as pl

from tui.core.model import Dataset, View
from tui.core.tables.file_columns import FileColumns

#: Rows loaded slice by slice: the columns left in the file (if any), then the slices.
Slices = tuple[FileColumns | None, Iterator[pl.DataFrame]]

T = TypeVar("T")


class Once:
    """A value computed once, on first use, under a lock (safe from worker threads)."""

    def __init__(self, build: Callable[[], T]) -> None:
        self._build: Callable[[], Any] | None = build
        self._value: Any = None
        self._lock = threading.Lock()

    @property
    def done(self) -> bool:
        return self._build is None

    def get(self) -> Any:
        if self._build is None:
            return self._value
        with self._lock:
            if self._build is not None:
                self._value = self._build()
                self._build = None
        return self._value

    def get_with(self, build: Callable[[], T | None]) -> Any:
        """The value, computed by `build` instead if not yet done; `build` giving None
        (it was cancelled) leaves it to be computed later."""
        if self._build is None:
            return self._value
        with self._lock:
            if self._build is not None:
                value = build()
                if value is None:
                    return None
                self._value, self._build = value, None
        return self._value


class LazyDataset(Dataset):
    """A Dataset whose frame, row count and SHA-256 are computed when first asked for.

    `loaded` says whether reading `frame` is free; `lazy()` gives a polars LazyFrame over the
    same rows without loading them (for windows, counts or a filter pushed to the file).
    With `slices` (the rows in order, a slice at a time) and `window` (rows read without
    loading the others), `load_in_slices` loads the rows to hold telling each slice as it
    comes, and `window` gives a screenful at once: the Data pane shows rows before they are all
    read. Held rows may leave columns in the file (`FileColumns`): `held` gives both, and
    `frame` stays every column (reading those from the file when asked).
    """

    def __init__(
        self,
        *,
        name: str,
        title: str,
        load: Callable[[], pl.DataFrame],
        count: Callable[[], int] | None = None,
        scan: Callable[[], pl.LazyFrame] | None = None,
        sha256: Callable[[], str] | str = "",
        slices: Callable[[], Slices] | None = None,
        window: Callable[[int, int], pl.DataFrame] | None = None,
        description: str = "",
        units: str = "",
        source: str = "",
        file: str = "",
        notes: tuple[str, ...] = (),
    ) -> None:
        for attribute, value in (
            ("name", name),
            ("title", title),
            ("description", description),
            ("units", units),
            ("source", source),
            ("file", file),
            ("notes", notes),
        ):
            object.__setattr__(self, attribute, value)
        object.__setattr__(self, "_frame", Once(load))
        #: (held rows, columns left in the file), once loaded by `load_in_slices`.
        object.__setattr__(self, "_held", None)
        object.__setattr__(self, "_held_lock", threading.Lock())
        object.__setattr__(self, "_count", Once(count) if count is not None else None)
        object.__setattr__(self, "_scan", scan)
        object.__setattr__(self, "_slices", slices)
        object.__setattr__(self, "_window", window)
        digest = sha256 if callable(sha256) else (lambda: sha256)
        object.__setattr__(self, "_sha256", Once(digest))

    @property
    def frame(self) -> pl.DataFrame:
        held = self.held
        if held is not None and not self._once("_frame").done:
            rows, in_file = held
            return rows if in_file is None else in_file.attach(rows)
        return cast(pl.DataFrame, self._once("_frame").get())

    @property
    def held(self) -> tuple[pl.DataFrame, FileColumns | None] | None:
        """The rows `load_in_slices` loaded and the columns it left in the file, if done."""
        return cast("tuple[pl.DataFrame, FileColumns | None] | None", self.__dict__["_held"])

    @property
    def rows(self) -> int:
        count: Once | None = self.__dict__["_count"]
        if self.held is not None:
            return self.held[0].height
        if count is None or self.loaded:
            return self.frame.height
        return cast(int, count.get())

    @property
    def sha256(self) -> str:
        return cast(str, self._once("_sha256").get())

    @property
    def loaded(self) -> bool:
        """Whether every column of every row is in memory (reading `frame` is free)."""
        held = self.held
        return self._once("_frame").done or (held is not None and held[1] is None)

    def lazy(self) -> pl.LazyFrame:
        scan: Callable[[], pl.LazyFrame] | None = self.__dict__["_scan"]
        if scan is None or self.loaded:
            return self.frame.lazy()
        return scan()

    @property
    def windowed(self) -> bool:
        """Whether rows can be read a window at a time and loaded slice by slice."""
        return self.__dict__["_slices"] is not None and self.__dict__["_window"] is not None

    def window(self, offset: int, count: int) -> pl.DataFrame:
        """Rows `offset`..`offset+count`, from memory if loaded, else read from the file
        alone (the types as the file has them: loading may make text columns Enum)."""
        read: Callable[[int, int], pl.DataFrame] | None = self.__dict__["_window"]
        if read is None or self.loaded:
            return self.frame.slice(offset, count)
        return read(offset, count)

    def load_in_slices(
        self,
        progress: Callable[[pl.DataFrame, FileColumns | None], None] | None = None,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> tuple[pl.DataFrame, FileColumns | None] | None:
        """The rows to hold, loaded a slice at a time, and the columns left in the file; after
        each slice, `progress` gets the rows so far (a frame sharing the slices' memory). None
        if `cancelled` said so between slices: nothing is kept, a later call starts again."""
        slices: Callable[[], Slices] | None = self.__dict__["_slices"]
        if self.held is not None:
            return self.held
        if slices is None or self.loaded:
            return self.frame, None
        with self.__dict__["_held_lock"]:
            if self.held is not None:
                return self.held
            in_file, parts_read = slices()
            parts: list[pl.DataFrame] = []
            for part in parts_read:
                if cancelled():
                    return None
                parts.append(part)
                if progress is not None:
                    so_far = parts[0] if len(parts) == 1 else pl.concat(parts, rechunk=False)
                    progress(so_far, in_file)
            rows = parts[0] if len(parts) == 1 else pl.concat(parts, rechunk=False)
            object.__setattr__(self, "_held", (rows, in_file))
        return rows, in_file

    def _once(self, name: str) -> Once:
        return cast(Once, self.__dict__[name])

    def __repr__(self) -> str:
        state = "loaded" if self.loaded else "not loaded"
        return f"LazyDataset(name={self.name!r}, file={self.file!r}, {state})"

    def __eq__(self, other: object) -> bool:
        return self is other

    def __hash__(self) -> int:
        return id(self)


_PENDING: Any = object()


class LazyViews(dict[str, View]):
    """The views of a Catalog, each built the first time it is looked up.

    Keys are known up front, so `in`, `len` and iteration over names cost nothing; a value is
    built (once, under a lock) by `[]`, `get`, `values` or `items`.
    """

    def __init__(self, builders: Mapping[str, Callable[[], View]]) -> None:
        super().__init__({name: _PENDING for name in builders})
        self._builders = dict(builders)
        # One lock per view: building the comparisons does not hold up the jurisdictions.
        self._locks = {name: threading.Lock() for name in builders}

    def built(self, name: str) -> bool:
        return super().get(name, _PENDING) is not _PENDING

    def __getitem__(self, name: str) -> View:
        value = super().__getitem__(name)
        if value is not _PENDING:
            return value
        with self._locks[name]:
            value = super().__getitem__(name)
            if value is _PENDING:
                value = self._builders[name]()
                super().__setitem__(name, value)
        return value

    def get(self, name: str, default: Any = None) -> Any:
        if name not in self:
            return default
        return self[name]

    def values(self) -> Any:
        return [self[name] for name in self]

    def items(self) -> Any:
        return [(name, self[name]) for name in self]

    def __iter__(self) -> Iterator[str]:
        return iter(list(self.keys()))

    def copy(self) -> dict[str, View]:
        return dict(self.items())

    def __repr__(self) -> str:
        names = ", ".join(f"{n!r}: {'built' if self.built(n) else 'pending'}" for n in self)
        return f"LazyViews({{{names}}})"

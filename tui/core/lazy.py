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


class LazyDataset(Dataset):
    """A Dataset whose frame, row count and SHA-256 are computed when first asked for.

    `loaded` says whether reading `frame` is free; `lazy()` gives a polars LazyFrame over the
    same rows without loading them (for windows, counts or a filter pushed to the file).
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
        object.__setattr__(self, "_count", Once(count) if count is not None else None)
        object.__setattr__(self, "_scan", scan)
        digest = sha256 if callable(sha256) else (lambda: sha256)
        object.__setattr__(self, "_sha256", Once(digest))

    @property
    def frame(self) -> pl.DataFrame:
        return cast(pl.DataFrame, self._once("_frame").get())

    @property
    def rows(self) -> int:
        count: Once | None = self.__dict__["_count"]
        if count is None or self.loaded:
            return self.frame.height
        return cast(int, count.get())

    @property
    def sha256(self) -> str:
        return cast(str, self._once("_sha256").get())

    @property
    def loaded(self) -> bool:
        return self._once("_frame").done

    def lazy(self) -> pl.LazyFrame:
        scan: Callable[[], pl.LazyFrame] | None = self.__dict__["_scan"]
        if scan is None or self.loaded:
            return self.frame.lazy()
        return scan()

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

"""Engines that fan a per-document function out over workers (registry by name).

An engine is a function ``run(function, items, *, jobs, address) -> Iterator[result]``
that yields `function(item)` for every item, in the order of `items`. A new engine (Ray,
a job queue …) is one module plus one ``register`` line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, Protocol

from ..registry import Registry


class Engine(Protocol):
    def __call__(
        self, function: Callable[[Any], Any], items: Sequence[Any], *, jobs: int, address: str | None
    ) -> Iterator[Any]: ...


ENGINES: Registry[Engine] = Registry("engine")
ENGINES.register("processes", "graph.engines.processes:run")
ENGINES.register("dask", "graph.engines.dask_bag:run")

__all__ = ["ENGINES", "Engine"]

from __future__ import annotations

import pathlib
from collections import Counter

import pytest

from graph.stores import open_store


@pytest.fixture
def opened(monkeypatch) -> Counter:
    """How many times each file was opened through pathlib (read_bytes and read_text open it too)."""
    counts: Counter = Counter()
    real_open = pathlib.Path.open

    def counting_open(self, *args, **kwargs):
        counts[pathlib.Path(self)] += 1
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "open", counting_open)
    return counts


@pytest.fixture(params=["memory", "oxigraph", pytest.param("sparql", marks=pytest.mark.server)])
def store(request, tmp_path):
    """An empty store of each kind: in memory, oxigraph:DIR, and an Oxigraph server's (a server test)."""
    if request.param == "sparql":
        yield request.getfixturevalue("sparql_store")
        return
    opened = open_store("memory" if request.param == "memory" else f"oxigraph:{tmp_path / 'db'}")
    yield opened
    opened.close()

from __future__ import annotations

import pathlib
from collections import Counter

import pytest


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

"""Every export, the network page included, is the same bytes each time it is written from the same
graph file: each run here is a process of its own, with its own hash seed, as two commands would be."""

from __future__ import annotations

import os
import subprocess
import sys

from graph.export import EXPORTERS, export
from graph.formats import named

# one process exports the graph file in every format, through the store the command line opens
EXPORT_ALL = """
import sys
from pathlib import Path
from graph.export import EXPORTERS, export
from graph.formats import named
from graph.stores import open_store

store = open_store(sys.argv[1], create=False)
for fmt in EXPORTERS.names():
    export(store, fmt, Path(sys.argv[2]) / f"graph{named(fmt).suffix}")
"""


def _export_all(graph, folder, seed: str) -> dict[str, bytes]:
    folder.mkdir()
    environment = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run([sys.executable, "-c", EXPORT_ALL, str(graph), str(folder)], check=True, env=environment)
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_every_format_is_byte_identical_when_written_again(example_dataset, tmp_path):
    graph = export(example_dataset, "trig", tmp_path / "graph.trig")
    first = _export_all(graph, tmp_path / "first", "1")
    again = _export_all(graph, tmp_path / "again", "2")
    suffixes = {named(fmt).suffix for fmt in EXPORTERS.names()}
    assert {name.split("/")[0].removeprefix("graph") for name in first} == suffixes
    assert [name for name in first if first[name] != again.get(name)] == []
    assert len(first) == len(again) > len(suffixes)

"""Exporters: a format name → a function ``write(dataset, path)``.

A new format is one module plus one ``register`` line.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from rdflib import Dataset

from ..registry import Registry
from ..stores import GraphStore
from ..stores.oxigraph import OxigraphStore

Exporter = Callable[[Dataset, Path], Path]

EXPORTERS: Registry[Exporter] = Registry("export format")
EXPORTERS.register("turtle", "graph.export.rdf_files:write_turtle")
EXPORTERS.register("nt", "graph.export.rdf_files:write_ntriples")
EXPORTERS.register("trig", "graph.export.rdf_files:write_trig")
EXPORTERS.register("nquads", "graph.export.rdf_files:write_nquads")
EXPORTERS.register("jsonld", "graph.export.rdf_files:write_jsonld")
EXPORTERS.register("graphml", "graph.export.tables:write_graphml")
EXPORTERS.register("gexf", "graph.export.tables:write_gexf")
EXPORTERS.register("csv", "graph.export.tables:write_csv")
EXPORTERS.register("html", "graph.export.network:write_html")

SUFFIXES = {".ttl": "turtle", ".nt": "nt", ".trig": "trig", ".nq": "nquads", ".jsonld": "jsonld",
            ".graphml": "graphml", ".gexf": "gexf", ".csv": "csv"}


def format_for(path: str | Path) -> str | None:
    return SUFFIXES.get(Path(path).suffix.lower())


# written from an Oxigraph store's own terms, without loading the store into rdflib
STORE_FORMATS = ("turtle", "nt", "trig", "nquads")


def export(graph: Dataset | GraphStore, fmt: str, path: str | Path) -> Path:
    """Write `graph` (a Dataset or an open store) as `fmt` to `path` atomically."""
    write = EXPORTERS.get(fmt)
    if not isinstance(graph, Dataset) and not (fmt in STORE_FORMATS and isinstance(graph, OxigraphStore)):
        graph = graph.dataset()
    return write(graph, Path(path))

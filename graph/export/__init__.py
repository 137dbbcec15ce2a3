"""Exporters: a format name → a function ``write(dataset, path)``.

A new format is one module plus one ``register`` line.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rdflib import Dataset

from .. import formats
from ..registry import Registry
from ..stores import GraphStore

Exporter = Callable[[Dataset | GraphStore, Path], Path]  # a store only for STORE_FORMATS

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
EXPORTERS.register("neo4j", "graph.export.property_graph:write_neo4j")


def format_for(path: str | Path) -> str | None:
    """The export format a file written to `path` takes from its suffix, or None."""
    fmt = formats.for_output(path)
    return fmt.name if fmt and fmt.name in EXPORTERS.names() else None


# written from a store's own quads (GraphStore.union_triples, named_quads), not its rdflib Dataset
STORE_FORMATS = ("turtle", "nt", "trig", "nquads")


def export(graph: Dataset | GraphStore, fmt: str, path: str | Path) -> Path:
    """Write `graph` (a Dataset or an open store) as `fmt` (a format name or alias) to `path` atomically."""
    fmt = formats.canonical(fmt)
    write = EXPORTERS.get(fmt)
    if not isinstance(graph, Dataset) and fmt not in STORE_FORMATS:
        graph = graph.dataset()
    return write(graph, Path(path))

"""The entity network as GraphML, GEXF (networkx) and CSV: one edge per relation triple that a
claim supports, with its confidence (the strongest claim's), support (the number of documents) and
the strongest claim's quote. The edges are read as the network page reads them (graph.export.edges)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
from rdflib import Dataset

from ..query import safe_cell
from ..schema import Schema, default_schema
from .edges import Edge, Network, read_network, union
from .files import write_atomic


@dataclass(frozen=True)
class EdgeRow:
    subject: str
    subject_label: str
    subject_type: str
    relation: str
    object: str
    object_label: str
    object_type: str
    confidence: float
    support: int
    quote: str


def relation_edges(dataset: Dataset, schema: Schema | None = None) -> list[EdgeRow]:
    """Every relation triple (of `schema`, default the default schema, or named by a claim) that a claim
    with a confidence and a document supports, the best supported first."""
    network = read_network(union(dataset), schema or default_schema(), fold_symmetric=False)
    rows = [row for edge in network.edges.values() if (row := _row(network, edge)) is not None]
    return sorted(
        rows,
        key=lambda e: (-e.support, -e.confidence, e.subject_label, e.object_label, e.subject, e.relation, e.object),
    )


def _row(network: Network, edge: Edge) -> EdgeRow | None:
    claims = [c for c in edge.ranked_claims() if c.confidence is not None and c.document is not None]
    if not claims:
        return None
    subject, obj = network.entities[edge.subject], network.entities[edge.object]
    best = claims[0]
    assert best.confidence is not None  # claims keeps only those with one
    return EdgeRow(
        str(subject.iri),
        subject.label,
        subject.type,
        edge.relation,
        str(obj.iri),
        obj.label,
        obj.type,
        best.confidence,
        len({c.document for c in claims}),
        best.quote,
    )


def entity_network(dataset: Dataset, schema: Schema | None = None) -> nx.MultiDiGraph:
    network = nx.MultiDiGraph()
    for edge in relation_edges(dataset, schema):
        network.add_node(edge.subject, label=edge.subject_label, type=edge.subject_type)
        network.add_node(edge.object, label=edge.object_label, type=edge.object_type)
        network.add_edge(
            edge.subject,
            edge.object,
            key=edge.relation,
            relation=edge.relation,
            confidence=edge.confidence,
            support=edge.support,
            quote=edge.quote,
        )
    return network


def write_graphml(dataset: Dataset, path: Path, schema: Schema | None = None) -> Path:
    network = entity_network(dataset, schema)
    return write_atomic(path, lambda stream: nx.write_graphml(network, stream))


def write_gexf(dataset: Dataset, path: Path, schema: Schema | None = None) -> Path:
    network = entity_network(dataset, schema)
    return write_atomic(path, lambda stream: nx.write_gexf(network, stream))


CSV_COLUMNS = (
    "subject",
    "subject_type",
    "relation",
    "object",
    "object_type",
    "confidence",
    "support",
    "quote",
    "subject_iri",
    "object_iri",
)


def write_csv(dataset: Dataset, path: Path, schema: Schema | None = None) -> Path:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for e in relation_edges(dataset, schema):
        row = (
            e.subject_label,
            e.subject_type,
            e.relation,
            e.object_label,
            e.object_type,
            f"{e.confidence:.3f}",
            str(e.support),
            e.quote,
            e.subject,
            e.object,
        )
        writer.writerow([safe_cell(v) for v in row])
    return write_atomic(path, out.getvalue())

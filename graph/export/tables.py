"""The entity network as GraphML, GEXF (networkx) and CSV, meaning what the network page shows: every
entity, and one edge per relation triple, a symmetric relation (partnerOf, competesWith) once per pair.
The edges are read as the page reads them (graph.export.edges) and styled from the schema as it styles
them (graph.export.network_style).

An edge's `weight` is the number of videos that support it, its `confidence` the strongest claim's and
its `quote` the best claim's (Edge.best_claim: the most confident, then the shortest quote, then the
document). GraphML and GEXF allow a graph of directed and undirected edges, but networkx and igraph refuse
or ignore such a mix, and GEXF's "mutual" edges come back from networkx as two; so every edge is directed,
its ends in IRI order when it is symmetric, and `symmetric` says which hold both ways. Written twice from
one graph, the files are the same bytes.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter
from rdflib import Dataset

from ..query import safe_cell
from ..schema import Schema, default_schema
from .edges import Edge, Entity, Network, read_network, union
from .files import write_atomic
from .network_style import relation_style, type_style

ALIAS_SEPARATOR = "; "


@dataclass(frozen=True)
class EdgeRow:
    subject: str
    subject_label: str
    subject_type: str
    relation: str
    object: str
    object_label: str
    object_type: str
    confidence: float | None
    support: int
    quote: str
    link: str


def relation_network(dataset: Dataset, schema: Schema | None = None) -> Network:
    """The network as the page reads it: a symmetric relation is one edge per pair."""
    return read_network(union(dataset), schema or default_schema(), fold_symmetric=True)


def relation_edges(dataset: Dataset, schema: Schema | None = None) -> list[EdgeRow]:
    """Every relation edge of the network (see relation_network), the best supported first."""
    network = relation_network(dataset, schema)
    return sorted(
        (_row(network, edge) for edge in network.edges.values()),
        key=lambda e: (-e.support, -(e.confidence or 0.0), e.subject_label, e.object_label, *_ends(e)),
    )


def _ends(row: EdgeRow) -> tuple[str, str, str]:
    return row.subject, row.relation, row.object


def _row(network: Network, edge: Edge) -> EdgeRow:
    subject, obj = network.entities[edge.subject], network.entities[edge.object]
    best = edge.best_claim()
    return EdgeRow(
        str(subject.iri),
        subject.label,
        subject.type,
        edge.relation,
        str(obj.iri),
        obj.label,
        obj.type,
        edge.confidence,
        edge.support,
        best.quote if best else "",
        str(best.link) if best and best.link is not None else "",
    )


def entity_network(dataset: Dataset, schema: Schema | None = None) -> nx.MultiDiGraph:
    """Every entity (label, type, documents, aliases, color) and relation edge (relation, label, weight,
    confidence, symmetric, quote, link) as a networkx graph, in a stable order."""
    schema = schema or default_schema()
    network = relation_network(dataset, schema)
    graph = nx.MultiDiGraph()
    for entity in sorted(network.entities.values(), key=lambda e: (e.type, e.label.casefold(), str(e.iri))):
        graph.add_node(str(entity.iri), **_node(schema, entity))
    rows = sorted((_row(network, edge) for edge in network.edges.values()), key=_ends)
    for number, row in enumerate(rows, start=1):
        style = relation_style(schema, row.relation)
        data = {"relation": row.relation, "label": style.label, "weight": row.support, "symmetric": style.symmetric}
        if row.confidence is not None:
            data["confidence"] = row.confidence
        data.update({name: value for name, value in (("quote", row.quote), ("link", row.link)) if value})
        graph.add_edge(row.subject, row.object, key=f"e{number}", **data)
    return graph


def _node(schema: Schema, entity: Entity) -> dict:
    return {
        "label": entity.label,
        "type": entity.type,
        "documents": len(entity.documents),
        "aliases": list(entity.aliases),
        "color": type_style(schema, entity.type)[0],
    }


def _for_xml(dataset: Dataset, schema: Schema | None) -> nx.MultiDiGraph:
    """entity_network with each entity's aliases in one string: GraphML and GEXF hold no lists."""
    network = entity_network(dataset, schema)
    for _, data in network.nodes(data=True):
        data["aliases"] = ALIAS_SEPARATOR.join(data["aliases"])
    return network


def write_graphml(dataset: Dataset, path: Path, schema: Schema | None = None) -> Path:
    network = _for_xml(dataset, schema)
    return write_atomic(path, lambda stream: nx.write_graphml(network, stream))


def write_gexf(dataset: Dataset, path: Path, schema: Schema | None = None) -> Path:
    network = _for_xml(dataset, schema)
    for _, data in network.nodes(data=True):
        data["viz"] = {"color": _rgb(data["color"])}
    writer = GEXFWriter(version="1.2draft")
    writer.add_graph(network)
    meta = writer.xml.find("meta")
    if meta is not None:  # the writer stamps today's date and its own name: the same graph gives the same file
        meta.attrib.pop("lastmodifieddate", None)
        creator = meta.find("creator")
        if creator is not None:
            creator.text = f"talkgraph {version('talkgraph')}"
    return write_atomic(path, writer.write)


def _rgb(colour: str) -> dict[str, int]:
    """#rrggbb as GEXF's viz:color."""
    value = colour.lstrip("#")
    return {"r": int(value[0:2], 16), "g": int(value[2:4], 16), "b": int(value[4:6], 16)}


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
            "" if e.confidence is None else f"{e.confidence:.3f}",
            str(e.support),
            e.quote,
            e.subject,
            e.object,
        )
        writer.writerow([safe_cell(v) for v in row])
    return write_atomic(path, out.getvalue())

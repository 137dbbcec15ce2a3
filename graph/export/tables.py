"""The entity network as GraphML, GEXF (networkx) and CSV: one edge per relation triple,
with its confidence (the strongest claim) and support (the number of documents)."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import networkx as nx
from rdflib import Dataset

from ..query import safe_cell
from ..stores.memory import MemoryStore
from .files import write_atomic

RELATIONS_QUERY = """
PREFIX tg: <https://talkgraph.dev/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?s ?sLabel ?sType ?p ?o ?oLabel ?oType (MAX(?c) AS ?confidence) (COUNT(DISTINCT ?doc) AS ?support)
       (SAMPLE(?q) AS ?quote)
WHERE {
  ?claim a tg:Claim ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
         tg:confidence ?c ; prov:wasDerivedFrom ?doc ; tg:quote ?q .
  ?s rdfs:label ?sLabel ; a ?sType . ?o rdfs:label ?oLabel ; a ?oType .
  FILTER(STRSTARTS(STR(?sType), STR(tg:)) && STRSTARTS(STR(?oType), STR(tg:))
         && ?sType != tg:Claim && ?oType != tg:Claim)
}
GROUP BY ?s ?sLabel ?sType ?p ?o ?oLabel ?oType
ORDER BY DESC(?support) DESC(?confidence) ?sLabel ?oLabel
"""


@dataclass(frozen=True)
class Edge:
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


def relation_edges(dataset: Dataset) -> list[Edge]:
    """Every relation triple with its claims' figures, the query run on Oxigraph's engine
    (rdflib's takes seconds on a channel's graph)."""
    rows = cast(tuple[tuple[str, ...], ...], MemoryStore(dataset).select(RELATIONS_QUERY).rows)  # all bound
    return [Edge(s, s_label, _local(s_type), _local(p), o, o_label, _local(o_type), float(confidence), int(support),
                 quote)
            for s, s_label, s_type, p, o, o_label, o_type, confidence, support, quote in rows]


def _local(iri) -> str:
    return str(iri).rsplit("#", 1)[-1]


def entity_network(dataset: Dataset) -> nx.MultiDiGraph:
    network = nx.MultiDiGraph()
    for edge in relation_edges(dataset):
        network.add_node(edge.subject, label=edge.subject_label, type=edge.subject_type)
        network.add_node(edge.object, label=edge.object_label, type=edge.object_type)
        network.add_edge(edge.subject, edge.object, key=edge.relation, relation=edge.relation,
                         confidence=edge.confidence, support=edge.support, quote=edge.quote)
    return network


def write_graphml(dataset: Dataset, path: Path) -> Path:
    network = entity_network(dataset)
    return write_atomic(path, lambda stream: nx.write_graphml(network, stream))


def write_gexf(dataset: Dataset, path: Path) -> Path:
    network = entity_network(dataset)
    return write_atomic(path, lambda stream: nx.write_gexf(network, stream))


CSV_COLUMNS = ("subject", "subject_type", "relation", "object", "object_type", "confidence", "support", "quote",
               "subject_iri", "object_iri")


def write_csv(dataset: Dataset, path: Path) -> Path:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for e in relation_edges(dataset):
        row = (e.subject_label, e.subject_type, e.relation, e.object_label, e.object_type, f"{e.confidence:.3f}",
               str(e.support), e.quote, e.subject, e.object)
        writer.writerow([safe_cell(v) for v in row])
    return write_atomic(path, out.getvalue())

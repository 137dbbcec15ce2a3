"""The build record: when `talkgraph build` ran, with which talkgraph, schema and extractors, and how
many documents and triples the graph holds once built. It lives in a named graph of its own
(rdf.RECORD_GRAPH), beside the documents' graphs, so a SPARQL query finds it and an incremental build
neither mistakes it for a document nor prunes it.

With a store the counts are the store's (every document, not only those extracted this time), and a
rebuild that changed nothing leaves the record as it was: it still describes the same graph.
"""

from __future__ import annotations

from datetime import UTC, datetime
from importlib.metadata import version

from rdflib import Dataset
from rdflib.namespace import PROV

from ..model import BuildRecord
from ..rdf import RECORD_GRAPH, SDO, build_record_triples, new_dataset
from ..schema import Schema
from ..stats import document_count
from ..stores import GraphStore
from .report import BuildReport

STORE_DOCUMENTS = (
    f"SELECT (COUNT(DISTINCT ?doc) AS ?n) WHERE {{ ?doc a ?type "
    f"FILTER (?type IN (<{SDO.VideoObject}>, <{SDO.CreativeWork}>)) }}"
)
STORE_TRIPLES = (
    "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE "
    f"{{ GRAPH ?g {{ ?s ?p ?o }} FILTER (?g != <{RECORD_GRAPH}>) }} }}"
)
STORE_AGENTS = f"SELECT DISTINCT ?agent WHERE {{ ?claim <{PROV.wasAttributedTo}> ?agent }}"
STORE_HAS_RECORD = f"ASK {{ GRAPH <{RECORD_GRAPH}> {{ ?s ?p ?o }} }}"


def record_build(
    report: BuildReport, schema: Schema, *, dataset: Dataset, store: GraphStore | None = None
) -> BuildRecord | None:
    """Write the record of the build `report` describes into `store`, or else into `dataset`; return it.
    None when a store already has a record and this build changed none of its documents."""
    if store is not None and not (report.extracted or report.removed) and _has_record(store):
        return None
    counts = _store_counts(store) if store is not None else _dataset_counts(dataset)
    record = BuildRecord(
        started=report.started or datetime.now(UTC),
        ended=datetime.now(UTC),
        version=version("talkgraph"),
        schema_hash=schema.fingerprint,
        extractor=report.extractor,
        extracted=report.extracted,
        unchanged=report.unchanged,
        removed=report.removed,
        **counts,
    )
    if store is None:
        _add(dataset, record)
    else:
        written = new_dataset()
        _add(written, record)
        store.replace_graphs(written)
    return record


def _add(dataset: Dataset, record: BuildRecord) -> None:
    graph = dataset.graph(RECORD_GRAPH)
    graph.addN((s, p, o, graph) for s, p, o in build_record_triples(record))


def _dataset_counts(dataset: Dataset) -> dict:
    agents = {str(agent) for agent in dataset.objects(None, PROV.wasAttributedTo)}
    return {"documents": document_count(dataset), "triples": len(dataset), "agents": tuple(sorted(agents))}


def _store_counts(store: GraphStore) -> dict:
    agents = sorted(row[0] for row in store.select(STORE_AGENTS).rows if row[0])
    return {
        "documents": _number(store, STORE_DOCUMENTS),
        "triples": _number(store, STORE_TRIPLES),
        "agents": tuple(agents),
    }


def _number(store: GraphStore, sparql: str) -> int:
    return int(store.select(sparql).rows[0][0] or 0)


def _has_record(store: GraphStore) -> bool:
    return store.select(STORE_HAS_RECORD).rows == (("true",),)

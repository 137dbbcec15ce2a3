"""One entity per real thing across documents. Each transcript is extracted alone, so a name no
list has, spelled one way in one video's captions and another way in the next ("Kira Nightly",
"Kiara Nightly"), comes out as two entities; so does a name that spells one the list has under
another spelling, where the extractor did not see it (a name the metadata or a language model gave).

Once the documents are in — a build's dataset, or a store after a build or a load — the names no
list has are compared per type (graph.extract.variants: edit similarity and sound, with its
guards): each becomes the listed entity it spells, else the spelling of it that the most
documents use. The documents' graphs are rewritten in place (graph.rdf.merge_entities).

In a store, a name once merged keeps the spelling chosen then: a later build that brings more
documents of another spelling merges them into it (a build from scratch might choose the other).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import RDF, RDFS, Dataset, URIRef

from ..extract.variants import ListedNames, one_entity_each
from ..model import Entity
from ..rdf import TG, class_iri, merge_entities
from ..schema import Schema
from ..stores import GraphStore
from ..stores.oxigraph import dataset_from_quads

ENTITIES = f"""
PREFIX tg: <{TG}>
PREFIX rdfs: <{RDFS}>
SELECT ?graph ?entity ?type ?label ?document
WHERE {{ GRAPH ?graph {{ ?document tg:mentions ?entity . ?entity a ?type ; rdfs:label ?label }} }}"""
HOLDING = "SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?entity ?p ?o }} VALUES ?entity {{ {entities} }} }}"
GRAPH = "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
Row = tuple[str, str, str, str]
"""(entity IRI, class IRI, label, document IRI): an entity as one document has it."""


@dataclass(frozen=True)
class Named:
    """An entity of the graph as the comparison sees it."""

    iri: str
    type: str
    label: str
    documents: int


def merges(named: Iterable[Named], schema: Schema) -> dict[str, Entity]:
    """The entity each entity's IRI becomes, for those that change: a name no list has becomes the
    listed entity of its type it spells, else the spelling of it the most documents use."""
    unlisted = [n for n in named if schema.entry(n.label) is None]
    said: Counter[tuple[str, str]] = Counter()
    for name in unlisted:
        said[name.label, name.type] += name.documents
    entities = one_entity_each(said, ListedNames(schema.entries))
    return {n.iri: entities[n.label, n.type] for n in unlisted if entities[n.label, n.type].name != n.label}


def merge_dataset(dataset: Dataset, schema: Schema, elsewhere: Iterable[Row] = ()) -> dict[str, Entity]:
    """Merge the entities of an rdflib dataset (every graph of it), taking the documents
    `elsewhere` (a store's others) into account; what was merged into what."""
    rows = (
        (str(entity), str(etype), str(label), str(document))
        for document, entity in dataset.subject_objects(TG.mentions)
        for etype in dataset.objects(entity, RDF.type)
        for label in dataset.objects(entity, RDFS.label)
    )
    found = merges(_named([*rows, *elsewhere], schema), schema)
    for iri, entity in found.items():
        old = URIRef(iri)
        for graph in {graph for *_, graph in dataset.quads((old, None, None, None))}:
            merge_entities(dataset.graph(graph), {old: entity})
    return found


def store_rows(store: GraphStore, leaving: Iterable[str] = ()) -> list[Row]:
    """The entities of the store's documents but those of the graphs `leaving` (about to be replaced or dropped)."""
    left = set(leaving)
    return [
        (e, t, label, d)
        for g, e, t, label, d in store.select(ENTITIES).rows
        if g not in left and e and t and label and d
    ]


def merge_store(store: GraphStore, schema: Schema) -> dict[str, Entity]:
    """Merge the entities of a store's documents; what was merged into what."""
    found = merges(_named(store_rows(store), schema), schema)
    rewrite_store(store, found)
    return found


def rewrite_store(store: GraphStore, found: dict[str, Entity]) -> None:
    """Rewrite the store's graphs that hold an entity merged into another."""
    if not found:
        return
    holding = store.select(HOLDING.format(entities=" ".join(f"<{iri}>" for iri in found))).rows
    quads: list[ox.Quad] = []
    for graph_name in sorted({row[0] for row in holding if row[0]}):
        media_type, body = store.serialized(GRAPH.format(graph=graph_name), "application/n-triples")
        answer_format = ox.RdfFormat.from_media_type(media_type) or ox.RdfFormat.N_TRIPLES
        name = ox.NamedNode(graph_name)
        quads.extend(ox.Quad(q.subject, q.predicate, q.object, name) for q in ox.parse(body, format=answer_format))
    if quads:
        rewritten = dataset_from_quads(quads)  # the literals as talkgraph writes them, whatever the store keeps
        renames = {URIRef(iri): entity for iri, entity in found.items()}
        for graph in rewritten.graphs():
            merge_entities(graph, renames)
        store.replace_graphs(rewritten)


def _named(rows: Iterable[Row], schema: Schema) -> Iterator[Named]:
    """The entities of the rows that have one class of the schema and one label (an entity of two
    types is a listed one that may take both, and stays as it is), with the documents that name them."""
    classes = {str(class_iri(etype)): etype for etype in schema.entity_types}
    kinds: dict[str, set[tuple[str, str]]] = defaultdict(set)
    documents: dict[str, set[str]] = defaultdict(set)
    for iri, etype, label, document in rows:
        if iri and etype in classes and label:
            kinds[iri].add((classes[etype], label))
            documents[iri].add(document)
    for iri, found in kinds.items():
        if len(found) == 1:
            [(etype, label)] = found
            yield Named(iri, etype, label, len(documents[iri]))

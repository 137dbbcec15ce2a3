"""The entity network as it stands in RDF, read once for every network output (the page, the report,
GraphML, GEXF, CSV): entities with their main type, label, aliases and documents, one edge per
relation triple with the said claims that support it, and the videos the claims come from. A claim
of basis "known" is background knowledge, no edge: such claims are kept apart, one background edge
per relation triple, for the page alone to show on request.

The relations read are those of the schema and any other predicate a claim names; a predicate is
symmetric when the schema or the graph (owl:SymmetricProperty) says so.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import OWL, RDF, RDFS, SKOS, Literal, URIRef
from rdflib.graph import ConjunctiveGraph, Dataset, Graph
from rdflib.namespace import PROV
from rdflib.term import Node

from ..rdf import SDO, TG, deep_link
from ..schema import Schema

NOT_ENTITY_CLASSES = {TG.Claim, TG.Extractor}
UNTYPED = "Entity"
WEB_URL = re.compile(r"https?://\S+\Z", re.IGNORECASE)
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass
class Entity:
    iri: URIRef
    type: str
    label: str
    aliases: list[str]
    documents: set = field(default_factory=set)


@dataclass(frozen=True)
class Claim:
    subject: URIRef
    predicate: URIRef
    object: URIRef
    document: Node | None  # a URIRef in talkgraph's graphs; any term in a graph read
    quote: str
    confidence: float | None
    second: float | None
    estimated: bool
    link: Node | None


@dataclass
class Edge:
    subject: URIRef
    relation: str
    object: URIRef
    claims: list[Claim] = field(default_factory=list)

    @property
    def key(self) -> tuple[URIRef, str, URIRef]:
        return self.subject, self.relation, self.object

    @property
    def confidence(self) -> float | None:
        values = [c.confidence for c in self.claims if c.confidence is not None]
        return max(values) if values else None

    @property
    def documents(self) -> set:
        return {c.document for c in self.claims if c.document is not None}

    @property
    def support(self) -> int:
        """The number of documents (videos) whose claims support the edge."""
        return len(self.documents)

    def ranked_claims(self) -> list[Claim]:
        """The most confident first; of those the shortest quote, then by document, second and quote:
        the order, and so the quote an export shows, follows from the graph alone."""
        return sorted(self.claims, key=_rank)

    def best_claim(self) -> Claim | None:
        return min(self.claims, key=_rank, default=None)

    def distinct_claims(self) -> list[Claim]:
        """ranked_claims() with one claim per document and quote (two extractors may find the same words)."""
        seen: set = set()
        distinct = []
        for claim in self.ranked_claims():
            if (claim.document, claim.quote) not in seen:
                seen.add((claim.document, claim.quote))
                distinct.append(claim)
        return distinct


def _rank(claim: Claim) -> tuple:
    return -(claim.confidence or 0.0), len(claim.quote), str(claim.document), claim.second or 0.0, claim.quote


@dataclass
class Network:
    entities: dict[URIRef, Entity]
    edges: dict[tuple[URIRef, str, URIRef], Edge]
    background: dict[tuple[URIRef, str, URIRef], Edge] = field(default_factory=dict)
    """The known claims (facts of the name list whose ends a video names untied), by relation triple."""


@dataclass(frozen=True)
class Video:
    title: str
    author: str
    url: str | None  # only an http(s) URL
    date: str | None  # the publish date, YYYY-MM-DD


class Videos:
    """Title, author, web URL and publish date of each document, read once."""

    def __init__(self, graph: Graph):
        self.graph = graph
        self.cache: dict = {}

    def __call__(self, document) -> Video:
        if document not in self.cache:
            date = ISO_DATE.match(self._text(document, SDO.datePublished))
            self.cache[document] = Video(
                self._text(document, SDO.name),
                self._text(document, SDO.author),
                web_url(self._value(document, SDO.url)),
                date.group(0) if date else None,
            )
        return self.cache[document]

    def _value(self, document, predicate):
        return self.graph.value(document, predicate) if document is not None else None

    def _text(self, document, predicate) -> str:
        value = self._value(document, predicate)
        if value is not None and not isinstance(value, Literal):  # an author node: use its name
            value = self.graph.value(value, SDO.name) or value
        return str(value) if value is not None else ""


def web_url(value) -> str | None:
    text = str(value) if value is not None else ""
    return text if WEB_URL.match(text) else None


def claim_link(claim: Claim, video: Video) -> str | None:
    """The claim's deep link, else the video at the claim's second, else the video."""
    return web_url(claim.link) or deep_link(video.url, claim.second) or video.url


def union(graph: Graph) -> Graph:
    """A view that reads every named graph of a Dataset, whatever its default_union says."""
    if isinstance(graph, ConjunctiveGraph) and not graph.default_union and graph.store.graph_aware:
        return Dataset(store=graph.store, default_union=True)
    return graph


def read_network(graph: Graph, schema: Schema, *, fold_symmetric: bool) -> Network:
    """Entities and relation edges of `graph` (read as given: pass union(dataset) for all its graphs).
    With fold_symmetric, a symmetric relation is one edge per pair, its ends in IRI order."""
    entities = _read_entities(graph, schema)
    edges: dict[tuple, Edge] = {}
    symmetric = _symmetric(graph, schema) if fold_symmetric else set()
    claims, known = _read_claims(graph)
    predicates = {TG[name] for name in schema.relations} | {claim.predicate for claim in claims}
    for predicate in predicates:
        for subject, obj in graph.subject_objects(predicate):
            if isinstance(subject, URIRef) and isinstance(obj, URIRef):
                _edge_for(edges, entities, graph, symmetric, subject, predicate, obj)
    for claim in claims:
        _edge_for(edges, entities, graph, symmetric, claim.subject, claim.predicate, claim.object).claims.append(claim)
        for iri in (claim.subject, claim.object):
            if claim.document is not None:
                entities[iri].documents.add(claim.document)
    for document, mentioned in graph.subject_objects(TG.mentions):
        if isinstance(mentioned, URIRef) and mentioned in entities:
            entities[mentioned].documents.add(document)
    background: dict[tuple, Edge] = {}
    for claim in known:
        if claim.subject in entities and claim.object in entities:  # adds no entity the exports would show
            edge = _edge_for(background, entities, graph, symmetric, claim.subject, claim.predicate, claim.object)
            edge.claims.append(claim)
    return Network(entities, edges, background)


def local_name(iri) -> str:
    return re.split(r"[#/]", str(iri).rstrip("/#"))[-1]


def _read_entities(graph: Graph, schema: Schema) -> dict[URIRef, Entity]:
    classes = defaultdict(set)
    for iri, cls in graph.subject_objects(RDF.type):
        if isinstance(iri, URIRef) and _is_entity_class(cls):
            classes[iri].add(local_name(cls))
    return {iri: _entity(graph, iri, _main_type(names, schema)) for iri, names in classes.items()}


def _main_type(names: set[str], schema: Schema) -> str:
    """The most specific type: the schema's first, else any but the tg:Entity superclass."""
    known = [name for name in schema.entity_types if name in names]
    return known[0] if known else min(names - {UNTYPED} or names)


def _is_entity_class(cls) -> bool:
    return isinstance(cls, URIRef) and str(cls).startswith(str(TG)) and cls not in NOT_ENTITY_CLASSES


def _entity(graph: Graph, iri: URIRef, entity_type: str) -> Entity:
    label = graph.value(iri, RDFS.label)
    aliases = sorted({str(alias) for alias in graph.objects(iri, SKOS.altLabel)} - {str(label)})
    return Entity(iri, entity_type, str(label) if label is not None else local_name(iri), aliases)


def _symmetric(graph: Graph, schema: Schema) -> set[Node]:
    declared: set[Node] = set(graph.subjects(RDF.type, OWL.SymmetricProperty))
    return declared | {TG[name] for name, relation in schema.relations.items() if relation.symmetric}


def _read_claims(graph: Graph) -> tuple[list[Claim], list[Claim]]:
    """The said claims and the known ones (background knowledge: the transcript never ties their ends)."""
    said: list[Claim] = []
    known: list[Claim] = []
    for claim in set(graph.subjects(RDF.type, TG.Claim)):
        values: dict[Node, Node] = {}
        for predicate, value in graph.predicate_objects(claim):
            values.setdefault(predicate, value)
        claims = known if str(values.get(TG.basis, "")) == "known" else said
        subject, relation, obj = (values.get(RDF.subject), values.get(RDF.predicate), values.get(RDF.object))
        if isinstance(subject, URIRef) and isinstance(relation, URIRef) and isinstance(obj, URIRef):
            claims.append(
                Claim(
                    subject,
                    relation,
                    obj,
                    document=values.get(PROV.wasDerivedFrom),
                    quote=str(values.get(TG.quote, "")),
                    confidence=_number(values.get(TG.confidence)),
                    second=_number(values.get(TG.startSecond)),
                    estimated=_true(values.get(TG.secondEstimated)),
                    link=values.get(TG.deepLink),
                )
            )
    return said, known


def _edge_for(edges, entities, graph, symmetric, subject, predicate, obj) -> Edge:
    for iri in (subject, obj):
        if iri not in entities:
            entities[iri] = _entity(graph, iri, UNTYPED)
    if predicate in symmetric and str(obj) < str(subject):
        subject, obj = obj, subject
    key = (subject, local_name(predicate), obj)
    if key not in edges:
        edges[key] = Edge(*key)
    return edges[key]


def _number(value) -> float | None:
    if not isinstance(value, Literal):
        return None
    try:
        number = float(value.toPython())
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _true(value) -> bool:
    return isinstance(value, Literal) and value.toPython() is True

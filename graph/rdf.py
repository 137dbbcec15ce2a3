"""Assertion → RDF: namespaces, the one place IRIs are minted, and one named graph per document.

The model (see the README's "RDF model"):

* an entity is ``<https://talkgraph.dev/id/{type}/{slug}>`` with rdf:type ``tg:{Type}``,
  rdfs:label its canonical name and skos:altLabel the other names it was seen under;
* a relation the transcript says is a direct triple between entity IRIs (``tg:partnerOf`` …);
* each reading of it is a ``tg:Claim`` (an rdf:Statement and a prov:Entity) with
  rdf:subject/predicate/object, prov:wasDerivedFrom the document, prov:wasAttributedTo the
  extractor (a prov:SoftwareAgent), tg:confidence, tg:modality, tg:basis "said", tg:quote,
  tg:startSecond, tg:secondEstimated, tg:charStart, tg:charEnd and, where the video URL is
  known, tg:deepLink;
* a fact of the name list whose ends the transcript names without tying them is a claim with
  tg:basis "known": no direct triple, no quote;
* a document is a schema:VideoObject with schema:name, schema:url, schema:datePublished,
  schema:author, schema:identifier and schema:duration, and tg:mentions each entity it names;
* a correction of the user's (graph/corrections.py) that changed a document or a claim is a
  ``tg:Correction`` (rdfs:label what it does and its entry in the file, tg:correctionKind)
  that they name with tg:correctedBy; the claims it drops are left out.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from functools import lru_cache
from urllib.parse import quote

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, VOID

from .corrections import Correction
from .extract.base import Extraction
from .model import Assertion, BuildRecord, Document, Entity, Evidence
from .schema import Schema

TG = Namespace("https://talkgraph.dev/ontology#")
ID = "https://talkgraph.dev/id/"
SDO = Namespace("https://schema.org/")
PREFIXES = {"tg": TG, "tgid": Namespace(ID), "schema": SDO, "prov": PROV, "skos": SKOS, "rdfs": RDFS, "xsd": XSD}
"""For rdflib Datasets and messages: every minted IRI as tgid:KIND/SLUG."""
VOCABULARIES = {
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "prov": PROV,
    "schema": SDO,
    "tg": TG,
    "void": VOID,
    "dcterms": DCTERMS,
}
"""The vocabularies a written file binds a prefix for, beside one per kind of minted IRI."""
KINDS = ("claim", "document", "graph", "extractor", "build")
"""The kinds of minted IRIs besides entities, whose kind is their type in lower case."""
PREFIX_NAME = re.compile(r"[a-z][a-z0-9]*\Z")
QUERY_PREFIXES = {name: str(namespace) for name, namespace in {**PREFIXES, "rdf": RDF, "owl": OWL}.items()}
"""The prefixes a query given to `talkgraph query` may use without declaring them."""

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
SAFE_URL = re.compile(r"https?://[^\s<>\"{}|\\^`\x00-\x1f\x7f-\x9f\ud800-\udfff]+")
NON_ASCII = re.compile(r"[^\x00-\x7f]+")
NOT_SLUG = re.compile(r"[^a-z0-9]+")
POSSESSIVE = re.compile(r"['\u2019]s$", re.IGNORECASE)


# --- IRIs: minted here and nowhere else ----------------------------------------------
def slug(text: str) -> str:
    """A readable, IRI-safe key: accents folded ("Lütke" → "lutke"); a name whose letters
    slugging would drop (CJK, symbols only) gets a short hash so two such names never share an IRI."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    readable = NOT_SLUG.sub("-", folded.lower()).strip("-")
    if NOT_SLUG.sub("", folded.lower()) == re.sub(r"[\W_]+", "", folded.lower()) and readable:
        return readable
    digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{readable}-{digest}" if readable else digest


def entity_iri(entity: Entity) -> URIRef:
    return _entity_iri(entity.type, entity.name)


@lru_cache(maxsize=65536)  # a corpus names the same few thousand entities again and again
def _entity_iri(entity_type: str, name: str) -> URIRef:
    return URIRef(f"{kind_namespace(entity_kind(entity_type))}{slug(name)}")


def document_iri(document_id: str) -> URIRef:
    return URIRef(f"{kind_namespace('document')}{slug(document_id)}")


def graph_iri(document_id: str) -> URIRef:
    return URIRef(f"{kind_namespace('graph')}{slug(document_id)}")


@lru_cache(maxsize=256)  # the same few, for every claim
def extractor_iri(name: str) -> URIRef:
    return URIRef(f"{kind_namespace('extractor')}{slug(name)}")


def claim_iri(assertion: Assertion) -> URIRef:
    key = "\x1f".join(
        (
            assertion.evidence.document_id,
            assertion.subject.type,
            assertion.subject.name,
            assertion.predicate,
            assertion.object.type,
            assertion.object.name,
            assertion.extractor,
        )
    )
    return URIRef(f"{kind_namespace('claim')}{hashlib.sha1(key.encode('utf-8', 'surrogatepass')).hexdigest()[:20]}")


def kind_namespace(kind: str) -> str:
    """The namespace of the IRIs minted for one kind: entities of a type, claims, documents …"""
    return f"{ID}{kind}/"


def entity_kind(entity_type: str) -> str:
    return entity_type.lower()


def kind_prefixes(kinds: Iterable[str]) -> dict[str, str]:
    """A prefix per kind of minted IRI (company: for https://talkgraph.dev/id/company/), named as the
    kind; one that a vocabulary's prefix takes is tg-prefixed (tgschema:), one no prefix can be is left out."""
    prefixes = {}
    for kind in sorted(set(kinds)):
        name = kind if kind not in VOCABULARIES else f"tg{kind}"
        if PREFIX_NAME.match(name):
            prefixes[name] = kind_namespace(kind)
    return prefixes


def file_prefixes(iris: Iterable[str]) -> dict[str, str]:
    """The prefixes a Turtle, TriG or JSON-LD file of these IRIs binds: the vocabularies', then one per
    kind of minted IRI among them, so that every IRI talkgraph mints is written as a prefixed name."""
    kinds = {iri[len(ID) :].partition("/")[0] for iri in iris if iri.startswith(ID) and "/" in iri[len(ID) :]}
    return {**{name: str(namespace) for name, namespace in VOCABULARIES.items()}, **kind_prefixes(kinds)}


RECORD_GRAPH = URIRef(f"{kind_namespace('build')}record")
"""The named graph of the build record: not a document's, so incremental builds never touch or prune it."""
DATASET = URIRef(f"{kind_namespace('build')}dataset")
"""The graph as a whole, a void:Dataset."""


def build_iri(started: datetime) -> URIRef:
    """A build, named by the time it started (UTC, to the millisecond)."""
    return URIRef(f"{kind_namespace('build')}{xsd_time(started)}")


def xsd_time(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def correction_iri(correction: Correction) -> URIRef:
    """One IRI per correction, whatever its place in the file."""
    return URIRef(
        f"{ID}correction/{hashlib.sha1(correction.describe().encode('utf-8', 'surrogatepass')).hexdigest()[:16]}"
    )


@lru_cache(maxsize=256)  # rdflib makes a new URIRef at each TG[name]
def predicate_iri(name: str) -> URIRef:
    return TG[name]


@lru_cache(maxsize=256)
def class_iri(entity_type: str) -> URIRef:
    return TG[entity_type]


def clean(text: str) -> str:
    """Text fit for an RDF literal: control characters and lone surrogates become spaces."""
    return CONTROL.sub(" ", text)


def _one_line(name: str) -> str:
    """A name as a label: on one line, its spaces single (a name said across a line break, "0\r0",
    is no name with a break in it; XML formats such as GraphML would not keep the break)."""
    return " ".join(clean(name).split())


@lru_cache(maxsize=65536)  # confidences and seconds recur: each Literal is costly to make
def decimal(value: float, places: int) -> Literal:
    """An xsd:decimal rounded to `places` without trailing zeros ("0.6", "394.0"): the form Turtle
    writes and, but for the ".0" the Oxigraph store restores, the one Oxigraph keeps."""
    text = f"{value:.{places}f}".rstrip("0")
    return Literal(text + "0" if text.endswith(".") else text, datatype=XSD.decimal)


def web_iri(url: str | None) -> str | None:
    """An http(s) URL as an IRI every RDF tool reads: None when it has spaces, quotes, angle
    brackets or control characters; its other non-ASCII characters percent-encoded (UTF-8)."""
    if not url or not SAFE_URL.fullmatch(url):
        return None
    return NON_ASCII.sub(lambda match: quote(match.group(0), safe=""), url)


def deep_link(url: str | None, second: float | None) -> str | None:
    url = web_iri(url)
    if url is None or second is None:
        return None
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}t={int(second)}s"


# --- mapping ----------------------------------------------------------------------------
def new_dataset() -> Dataset:
    dataset = Dataset(default_union=True)
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace)
    return dataset


def add_extraction(dataset: Dataset, extraction: Extraction, schema: Schema, build_key: str | None = None) -> Graph:
    """Replace the document's named graph with what the extraction found; return that graph."""
    return add_triples(dataset, extraction.document.id, document_triples(extraction, schema, build_key))


def add_triples(dataset: Dataset, document_id: str, triples) -> Graph:
    """Replace a document's named graph with `triples`."""
    identifier = graph_iri(document_id)
    graph = dataset.graph(identifier)
    if len(graph):  # counted, not scanned: a new graph (a whole cold build) skips the removal
        dataset.remove_graph(identifier)
        graph = dataset.graph(identifier)
    graph.addN((s, p, o, graph) for s, p, o in triples)
    return graph


# The terms of every claim, looked up once: rdflib makes a new URIRef at each TG.x or RDF.x.
TYPE, LABEL, CLAIM, EXTRACTOR, SOFTWARE_AGENT = RDF.type, RDFS.label, TG.Claim, TG.Extractor, PROV.SoftwareAgent
SUBJECT, PREDICATE, OBJECT, DERIVED_FROM, ATTRIBUTED_TO = (
    RDF.subject,
    RDF.predicate,
    RDF.object,
    PROV.wasDerivedFrom,
    PROV.wasAttributedTo,
)
QUOTE, CONFIDENCE, MODALITY, CHAR_START, CHAR_END = TG.quote, TG.confidence, TG.modality, TG.charStart, TG.charEnd
BASIS, KNOWN = TG.basis, "known"
START_SECOND, SECOND_ESTIMATED, DEEP_LINK, INTEGER = TG.startSecond, TG.secondEstimated, TG.deepLink, XSD.integer
CORRECTED_BY = TG.correctedBy


def document_triples(extraction: Extraction, schema: Schema, build_key: str | None = None):
    """Every triple of one document's named graph. `build_key` (tg:contentHash) identifies the
    document's content, schema and extractor, so an incremental build can skip it next time."""
    document = extraction.document
    doc = document_iri(document.id)
    yield from _document(doc, document)
    if build_key:
        yield doc, TG.contentHash, Literal(build_key)
    corrections = schema.corrections
    assertions, changed = corrections.kept(extraction.assertions, document.id)
    names: dict[Entity, set[str]] = {}
    types: dict[Entity, set[str]] = {}
    for mention in extraction.mentions:
        if mention.entity.type in schema.standalone_types:
            names.setdefault(mention.entity, set()).add(mention.text)
            types.setdefault(mention.entity, {mention.entity.type})
    for assertion in assertions:
        relation = schema.relations[assertion.predicate]
        for entity, allowed in ((assertion.subject, relation.subject_types), (assertion.object, relation.object_types)):
            names.setdefault(entity, set())
            types.setdefault(entity, set()).add(entity.type_for(allowed))
        for entity, text in assertion.surface_forms:
            names.setdefault(entity, set()).add(text)
    for entity, seen in names.items():
        yield from _entity(entity, seen, types[entity])
        yield doc, TG.mentions, entity_iri(entity)
        if corrections:
            changed.update(c for text in seen if (c := corrections.of_name(entity, text)) is not None)
    for assertion in assertions:
        claim_corrections = corrections.of_claim(assertion) if corrections else set()
        changed |= claim_corrections
        yield from _assertion(assertion, doc, document, claim_corrections)
    for correction in sorted(changed, key=lambda c: c.entry):
        yield doc, CORRECTED_BY, correction_iri(correction)
        yield from _correction(correction)


def _correction(correction: Correction):
    node = correction_iri(correction)
    yield node, TYPE, TG.Correction
    yield node, LABEL, Literal(clean(correction.label))
    yield node, TG.correctionKind, Literal(correction.kind)


def _document(doc: URIRef, document: Document):
    yield doc, RDF.type, SDO.VideoObject if document.video_id or document.url else SDO.CreativeWork
    yield doc, SDO.name, Literal(clean(document.title))
    url = web_iri(document.url)
    if url:
        yield doc, SDO.url, URIRef(url)
    if document.published:
        yield doc, SDO.datePublished, Literal(document.published, datatype=XSD.date)
    if document.author:
        yield doc, SDO.author, Literal(clean(document.author))
    if document.video_id:
        yield doc, SDO.identifier, Literal(clean(document.video_id))
    if document.duration_seconds is not None:
        yield doc, SDO.duration, Literal(f"PT{int(document.duration_seconds)}S", datatype=XSD.duration)


def _entity(entity: Entity, seen: set[str], types: set[str]):
    """An entity typed as what this document uses it as: its main type, and another where a relation needs it."""
    node = entity_iri(entity)
    for entity_type in sorted(types):
        yield node, TYPE, class_iri(entity_type)
    yield node, LABEL, Literal(_one_line(entity.name))
    canonical = _fold(entity.name)
    for text in sorted({POSSESSIVE.sub("", _one_line(t)) for t in seen}):
        if _fold(text) != canonical:
            yield node, SKOS.altLabel, Literal(text)


def merge_entities(graph: Graph, merges: Mapping[URIRef, Entity]) -> None:
    """Make each IRI of `merges` its entity's in `graph`: every triple of it moved to the entity's
    IRI, under the entity's name and main type, the old label kept as another name it was seen under."""
    for old, entity in merges.items():
        node = entity_iri(entity)
        if node == old:
            continue
        moved = list(graph.triples((old, None, None)))
        for s, p, o in moved:
            graph.remove((s, p, o))
            if p not in (LABEL, SKOS.altLabel):
                graph.add((node, p, o))
            elif _fold(str(o)) != _fold(entity.name):
                graph.add((node, SKOS.altLabel, o))
        if moved:
            graph.add((node, TYPE, class_iri(entity.type)))
            graph.add((node, LABEL, Literal(_one_line(entity.name))))
        for s, p, o in list(graph.triples((None, None, old))):
            graph.remove((s, p, o))
            graph.add((s, p, node))


def _fold(text: str) -> str:
    return re.sub(r"\W+", "", text.casefold())


def _assertion(assertion: Assertion, doc: URIRef, document: Document, corrected_by: Iterable[Correction] = ()):
    """A said claim states its triple and quotes its words; a known one (background knowledge
    the transcript only touches) is a claim without either."""
    subject, obj = entity_iri(assertion.subject), entity_iri(assertion.object)
    predicate = predicate_iri(assertion.predicate)
    said = assertion.basis != KNOWN
    if said:
        yield subject, predicate, obj
    claim = claim_iri(assertion)
    agent = extractor_iri(assertion.extractor)
    yield claim, TYPE, CLAIM
    yield claim, SUBJECT, subject
    yield claim, PREDICATE, predicate
    yield claim, OBJECT, obj
    yield claim, DERIVED_FROM, doc
    yield claim, ATTRIBUTED_TO, agent
    yield claim, CONFIDENCE, decimal(assertion.confidence, 3)
    yield claim, MODALITY, _word(assertion.modality)
    yield claim, BASIS, _word(assertion.basis)
    if said:
        yield from _evidence(claim, assertion.evidence, document)
    for correction in corrected_by:
        yield claim, CORRECTED_BY, correction_iri(correction)
    yield agent, TYPE, EXTRACTOR
    yield agent, TYPE, SOFTWARE_AGENT
    yield agent, LABEL, _word(clean(assertion.extractor))


@lru_cache(maxsize=256)
def _word(text: str) -> Literal:
    """A literal of one of a few words said of every claim ("stated", "said", "rules")."""
    return Literal(text)


def _evidence(claim: URIRef, evidence: Evidence, document: Document):
    yield claim, QUOTE, Literal(clean(evidence.quote))
    yield claim, CHAR_START, Literal(evidence.start, datatype=INTEGER)
    yield claim, CHAR_END, Literal(evidence.end, datatype=INTEGER)
    if evidence.second is not None:
        yield claim, START_SECOND, decimal(evidence.second, 1)
        yield claim, SECOND_ESTIMATED, Literal(evidence.second_estimated)
        link = deep_link(document.url, evidence.second)
        if link:
            yield claim, DEEP_LINK, URIRef(link)


def build_record_triples(record: BuildRecord):
    """The build record: the graph as a void:Dataset (its vocabulary, size and time) generated by a
    prov:Activity (its times, talkgraph's version, the schema's hash and the extractors)."""
    build = build_iri(record.started)
    ended = _date_time(record.ended)
    yield DATASET, TYPE, VOID.Dataset
    yield DATASET, DCTERMS.title, Literal("talkgraph knowledge graph")
    yield DATASET, VOID.vocabulary, URIRef(str(TG))
    yield DATASET, VOID.uriSpace, Literal(ID)
    yield DATASET, VOID.documents, Literal(record.documents, datatype=INTEGER)
    yield DATASET, VOID.triples, Literal(record.triples, datatype=INTEGER)
    yield DATASET, DCTERMS.modified, ended
    yield DATASET, PROV.wasGeneratedBy, build
    yield build, TYPE, PROV.Activity
    yield build, LABEL, Literal("talkgraph build")
    yield build, PROV.startedAtTime, _date_time(record.started)
    yield build, PROV.endedAtTime, ended
    yield build, PROV.generated, DATASET
    yield build, TG.softwareVersion, Literal(record.version)
    yield build, TG.schemaHash, Literal(record.schema_hash)
    yield build, TG.extractorIdentity, Literal(clean(record.extractor))
    for agent in record.agents:
        yield build, PROV.wasAssociatedWith, URIRef(agent)
    yield build, TG.documentsExtracted, Literal(record.extracted, datatype=INTEGER)
    yield build, TG.documentsUnchanged, Literal(record.unchanged, datatype=INTEGER)
    yield build, TG.documentsRemoved, Literal(record.removed, datatype=INTEGER)


def _date_time(moment: datetime) -> Literal:
    """An xsd:dateTime as written (rdflib would rewrite "…00.123Z" as "…00.123000+00:00")."""
    return Literal(xsd_time(moment), datatype=XSD.dateTime, normalize=False)

"""Assertion → RDF: namespaces, the one place IRIs are minted, and one named graph per document.

The model (see the README's "RDF model"):

* an entity is ``<https://talkgraph.dev/id/{type}/{slug}>`` with rdf:type ``tg:{Type}``,
  rdfs:label its canonical name and skos:altLabel the other names it was seen under;
* a relation is a direct triple between entity IRIs (``tg:partnerOf`` …);
* each reading of it is a ``tg:Claim`` (an rdf:Statement and a prov:Entity) with
  rdf:subject/predicate/object, prov:wasDerivedFrom the document, prov:wasAttributedTo the
  extractor (a prov:SoftwareAgent), tg:quote, tg:confidence, tg:modality, tg:startSecond,
  tg:secondEstimated, tg:charStart, tg:charEnd and, where the video URL is known, tg:deepLink;
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
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import quote

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import PROV

from .corrections import Correction
from .extract.base import Extraction
from .model import Assertion, Document, Entity
from .schema import Schema

TG = Namespace("https://talkgraph.dev/ontology#")
ID = "https://talkgraph.dev/id/"
SDO = Namespace("https://schema.org/")
PREFIXES = {"tg": TG, "tgid": Namespace(ID), "schema": SDO, "prov": PROV, "skos": SKOS, "rdfs": RDFS, "xsd": XSD}
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
    return URIRef(f"{ID}{entity_type.lower()}/{slug(name)}")


def document_iri(document_id: str) -> URIRef:
    return URIRef(f"{ID}document/{slug(document_id)}")


def graph_iri(document_id: str) -> URIRef:
    return URIRef(f"{ID}graph/{slug(document_id)}")


def extractor_iri(name: str) -> URIRef:
    return URIRef(f"{ID}extractor/{slug(name)}")


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
    return URIRef(f"{ID}claim/{hashlib.sha1(key.encode('utf-8', 'surrogatepass')).hexdigest()[:20]}")


def correction_iri(correction: Correction) -> URIRef:
    """One IRI per correction, whatever its place in the file."""
    return URIRef(
        f"{ID}correction/{hashlib.sha1(correction.describe().encode('utf-8', 'surrogatepass')).hexdigest()[:16]}"
    )


def predicate_iri(name: str) -> URIRef:
    return TG[name]


def class_iri(entity_type: str) -> URIRef:
    return TG[entity_type]


def clean(text: str) -> str:
    """Text fit for an RDF literal: control characters and lone surrogates become spaces."""
    return CONTROL.sub(" ", text)


def _one_line(name: str) -> str:
    """A name as a label: on one line, its spaces single (a name said across a line break, "0\r0",
    is no name with a break in it; XML formats such as GraphML would not keep the break)."""
    return " ".join(clean(name).split())


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


def _fold(text: str) -> str:
    return re.sub(r"\W+", "", text.casefold())


def _assertion(assertion: Assertion, doc: URIRef, document: Document, corrected_by: Iterable[Correction] = ()):
    subject, obj = entity_iri(assertion.subject), entity_iri(assertion.object)
    predicate = predicate_iri(assertion.predicate)
    yield subject, predicate, obj
    claim = claim_iri(assertion)
    agent = extractor_iri(assertion.extractor)
    evidence = assertion.evidence
    yield claim, TYPE, CLAIM
    yield claim, SUBJECT, subject
    yield claim, PREDICATE, predicate
    yield claim, OBJECT, obj
    yield claim, DERIVED_FROM, doc
    yield claim, ATTRIBUTED_TO, agent
    yield claim, QUOTE, Literal(clean(evidence.quote))
    yield claim, CONFIDENCE, decimal(assertion.confidence, 3)
    yield claim, MODALITY, Literal(assertion.modality)
    yield claim, CHAR_START, Literal(evidence.start, datatype=INTEGER)
    yield claim, CHAR_END, Literal(evidence.end, datatype=INTEGER)
    if evidence.second is not None:
        yield claim, START_SECOND, decimal(evidence.second, 1)
        yield claim, SECOND_ESTIMATED, Literal(evidence.second_estimated)
        link = deep_link(document.url, evidence.second)
        if link:
            yield claim, DEEP_LINK, URIRef(link)
    for correction in corrected_by:
        yield claim, CORRECTED_BY, correction_iri(correction)
    yield agent, TYPE, EXTRACTOR
    yield agent, TYPE, SOFTWARE_AGENT
    yield agent, LABEL, Literal(clean(assertion.extractor))

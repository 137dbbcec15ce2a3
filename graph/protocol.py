"""SPARQL 1.1 Protocol media types: pick a result format from an Accept header and write
Oxigraph's answer in it.

SELECT and ASK answers are SPARQL results (JSON, CSV, TSV or XML); CONSTRUCT and DESCRIBE
answers are RDF (Turtle, N-Triples, RDF/XML, and JSON-LD compacted with schema/context.jsonld).
Without a usable preference the answer is JSON or Turtle.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Graph

from .errors import QueryError, QueryFailed
from .formats import RESULT_FORMATS, oxigraph_media_types
from .jsonld import compact
from .oxi import rdflib_term
from .query import syntax_error

# JSON-LD only as an answer: files of it are read with rdflib, which checks their contexts
GRAPH_FORMATS = {**oxigraph_media_types("turtle", "nt", "xml"), "application/ld+json": ox.RdfFormat.JSON_LD}
OXIGRAPH_ERROR_AT = re.compile(r"error at (?P<line>\d+):(?P<column>\d+)")
OXIGRAPH_REASON = re.compile(r"(?:(?<=, )|(?<=one of ))([A-Z][a-z]+ [^,\[\]'\"]+)")
DEFAULT_RESULTS = "application/sparql-results+json"
DEFAULT_GRAPH = "text/turtle"


class NotAcceptable(QueryError):
    """The Accept header names no format the endpoint writes."""


@dataclass(frozen=True)
class Choice:
    """The media types to answer in: one for SELECT/ASK, one for CONSTRUCT/DESCRIBE."""

    results: str
    graph: str


def negotiate(accept: str | None) -> Choice:
    """The client's most preferred result and graph formats (q-values honoured, ties in header order)."""
    wanted = _preferences(accept or "*/*")
    results = _first(wanted, RESULT_FORMATS)
    graph = _first(wanted, GRAPH_FORMATS)
    if results is None and graph is None:
        offered = ", ".join([*RESULT_FORMATS, *GRAPH_FORMATS])
        raise NotAcceptable(f"no format of Accept: {accept} is offered; ask for one of {offered}")
    return Choice(results or DEFAULT_RESULTS, graph or DEFAULT_GRAPH)


def _preferences(accept: str) -> list[str]:
    ranked = []
    for position, item in enumerate(accept.split(",")):
        media, *parameters = (part.strip() for part in item.split(";"))
        quality = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media and quality > 0:
            ranked.append((-quality, position, media.lower()))
    return [media for _, _, media in sorted(ranked)]


def _first(wanted: list[str], offered: dict) -> str | None:
    for media in wanted:
        if media in offered:
            return media
        if media == "*/*":
            return next(iter(offered))
        if media.endswith("/*"):
            match = next((m for m in offered if m.startswith(media[:-1])), None)
            if match:
                return match
    return None


def serialize(result, choice: Choice) -> tuple[str, bytes]:
    """An Oxigraph query answer as (media type, body) in the chosen format."""
    if isinstance(result, ox.QueryTriples):
        rdf_format = GRAPH_FORMATS[choice.graph]
        if rdf_format == ox.RdfFormat.JSON_LD:  # Oxigraph writes it expanded; compacted it reads as the files do
            return _with_charset(rdf_format.media_type, rdf_format), _compacted(result)
        return _with_charset(rdf_format.media_type, rdf_format), result.serialize(format=rdf_format) or b""
    results_format = RESULT_FORMATS[choice.results]
    return _with_charset(results_format.media_type, results_format), result.serialize(format=results_format) or b""


def _compacted(triples: Iterable[ox.Triple]) -> bytes:
    graph = Graph()
    graph.addN((rdflib_term(t.subject), rdflib_term(t.predicate), rdflib_term(t.object), graph) for t in triples)
    return compact(graph).encode("utf-8")


def _with_charset(media_type: str, fmt) -> str:
    """XML says its encoding itself; the text formats are UTF-8."""
    if "charset" in media_type or fmt in (ox.RdfFormat.RDF_XML, ox.QueryResultsFormat.XML):
        return media_type
    return f"{media_type}; charset=utf-8"


def answer(store: ox.Store, sparql: str, accept: str | None) -> tuple[str, bytes]:
    """Run a read-only query over `store`'s default graph (talkgraph's stores keep the union of
    the documents' graphs there) and write the answer for `accept`."""
    choice = negotiate(accept)
    return serialize(run_query(store, sparql), choice)


def run_query(store: ox.Store, sparql: str, prefixes: Mapping[str, str] | None = None):
    """Oxigraph's answer, with `prefixes` declared where the query does not declare them; a query
    it cannot read is the client's error, one it cannot run the server's."""
    try:
        return store.query(sparql, prefixes=dict(prefixes or {}))
    except (SyntaxError, ValueError) as error:  # e.g. a prefix never declared
        raise _unreadable(sparql, str(error)) from error
    except OSError as error:
        raise QueryFailed(f"query failed: {error}") from error


def _unreadable(sparql: str, reason: str) -> QueryError:
    """Oxigraph's "error at LINE:COLUMN: expected one of …" as one short line."""
    place = OXIGRAPH_ERROR_AT.match(reason)
    if place is None:
        return QueryError(f"not valid SPARQL: {reason.splitlines()[0][:200]}")
    # beside the tokens it expected, the parser may name what is wrong in words ("Prefix not found")
    words = OXIGRAPH_REASON.findall(reason)
    return syntax_error(
        sparql, int(place["line"]), int(place["column"]), "; ".join(w[0].lower() + w[1:] for w in words)
    )

"""The file and media formats talkgraph reads and writes, in one table (after rdflib's
``util.guess_format``): a format's name, file suffixes, media types, rdflib's name for it and
Oxigraph's ``RdfFormat``.

A format has one name; ``ALIASES`` are the other spellings a user may type for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .errors import TalkgraphError


@dataclass(frozen=True)
class Format:
    name: str
    suffix: str
    """The suffix a written file gets; the format of an output file follows it."""
    media_types: tuple[str, ...]
    """The first is the format's own; the others are read as meaning it."""
    rdflib: str | None = None
    """rdflib's parser and serializer name; None for the formats that are not RDF."""
    oxigraph: ox.RdfFormat | None = None
    """Set where Oxigraph reads and writes it (several times faster than rdflib)."""
    also_read: tuple[str, ...] = ()
    """Other suffixes of files read in this format."""
    keeps_graphs: bool = False
    """A written file keeps one named graph per document; the others hold their union."""
    holds_graphs: bool = False
    """rdflib reads named graphs from it (into a Dataset, not only the default graph)."""
    folder: bool = False
    """Written as a folder of files (the property graph: nodes.csv, relationships.csv, load.cypher)."""


FORMATS = (
    Format("turtle", ".ttl", ("text/turtle",), "turtle", ox.RdfFormat.TURTLE, also_read=(".turtle",)),
    Format(
        "nt", ".nt", ("application/n-triples", "text/plain"), "nt", ox.RdfFormat.N_TRIPLES, also_read=(".ntriples",)
    ),
    Format("trig", ".trig", ("application/trig",), "trig", ox.RdfFormat.TRIG, keeps_graphs=True, holds_graphs=True),
    Format(
        "nquads", ".nq", ("application/n-quads",), "nquads", ox.RdfFormat.N_QUADS, keeps_graphs=True, holds_graphs=True
    ),
    # JSON-LD is read by rdflib, whose parser is checked first for contexts it would fetch
    Format("jsonld", ".jsonld", ("application/ld+json",), "json-ld", also_read=(".json",), holds_graphs=True),
    Format("xml", ".rdf", ("application/rdf+xml",), "xml", ox.RdfFormat.RDF_XML, also_read=(".xml", ".owl")),
    Format("n3", ".n3", ("text/n3",), "n3", ox.RdfFormat.N3),
    Format("graphml", ".graphml", ("application/graphml+xml",)),
    Format("gexf", ".gexf", ("application/gexf+xml",)),
    Format("csv", ".csv", ("text/csv",)),
    Format("html", ".html", ("text/html",)),
    Format("neo4j", ".neo4j", (), folder=True),
)
RDF_FORMATS = tuple(fmt for fmt in FORMATS if fmt.rdflib)
ALIASES = {"json-ld": "jsonld", "ntriples": "nt", "n-triples": "nt", "n-quads": "nquads"}

# SPARQL query answers (SELECT, ASK) by media type; the first is the default
RESULT_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/xml": ox.QueryResultsFormat.XML,
}

_BY_NAME = {fmt.name: fmt for fmt in FORMATS}


def canonical(name: str) -> str:
    """The format's own name for `name` if it is an alias, else `name`."""
    return ALIASES.get(name, name)


def named(name: str) -> Format:
    """The format called `name` (or an alias of it)."""
    fmt = _BY_NAME.get(canonical(name))
    if fmt is None:
        raise TalkgraphError(f"unknown format {name!r}; choose one of: {', '.join(sorted(_BY_NAME))}")
    return fmt


def for_output(path: str | Path) -> Format | None:
    """The format a file written to `path` takes from its suffix, or None."""
    suffix = Path(path).suffix.lower()
    return next((fmt for fmt in FORMATS if fmt.suffix == suffix), None)


def rdf_for_input(path: str | Path) -> Format | None:
    """The RDF format a file at `path` is read in, by its suffix, or None."""
    suffix = Path(path).suffix.lower()
    return next((fmt for fmt in RDF_FORMATS if suffix in (fmt.suffix, *fmt.also_read)), None)


def rdf_input_suffixes() -> list[str]:
    """Every suffix of an RDF file talkgraph reads, sorted."""
    return sorted(suffix for fmt in RDF_FORMATS for suffix in (fmt.suffix, *fmt.also_read))


def oxigraph_media_types(*names: str) -> dict[str, ox.RdfFormat]:
    """Oxigraph's format for each media type of the formats `names`, in that order."""
    offered = {}
    for fmt in map(named, names):
        if fmt.oxigraph is None:
            raise TalkgraphError(f"Oxigraph does not write {fmt.name}")
        offered.update(dict.fromkeys(fmt.media_types, fmt.oxigraph))
    return offered

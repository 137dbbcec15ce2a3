"""JSON-LD compacted with talkgraph's @context (schema/context.jsonld, written by `make vocabulary`):
`company:amazon` for an IRI, `"label": "Amazon"` and `"partnerOf": "company:anthropic"` for a value.

The context goes inside the document, never by reference, so any JSON-LD reader (talkgraph's own
refuses to fetch one) gets the same triples back. The nodes, their keys and their values are written
in a fixed order, so the same triples always give the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from rdflib import Graph
from rdflib.plugins.serializers.jsonld import from_rdf

from .errors import SchemaError
from .rdf import file_prefixes
from .schema import default_schema

CONTEXT_FILE = "context.jsonld"


def context(iris: Iterable[str] = ()) -> dict:
    """The shipped @context, with a prefix for any other kind of minted IRI among `iris` (a graph built
    under another schema)."""
    path = default_schema().directory / CONTEXT_FILE
    try:
        shipped = json.loads(path.read_text(encoding="utf-8"))["@context"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise SchemaError(f"{path}: not a JSON-LD @context ({error}); write it again with `make vocabulary`") from error
    return {**shipped, **{name: iri for name, iri in file_prefixes(iris).items() if name not in shipped}}


def compact(graph: Graph) -> str:
    """`graph`'s triples as compacted JSON-LD text with the context inline."""
    used = context(str(term) for triple in graph for term in triple)
    nodes = _nodes(from_rdf(graph, context_data=used, auto_compact=True))
    nodes = sorted((_ordered(node) for node in nodes if isinstance(node, dict)), key=lambda node: node.get("@id", ""))
    return json.dumps({"@context": used, "@graph": nodes}, ensure_ascii=False, indent=1) + "\n"


def _nodes(document) -> list:
    """The node objects of rdflib's answer: a list, a document with @graph, or one node with the context."""
    if isinstance(document, list):
        return document
    if "@graph" in document:
        return document["@graph"]
    return [document] if set(document) - {"@context"} else []


def _ordered(node: dict) -> dict:
    """A node with its keys sorted (@id and @type first) and every list of values in a fixed order."""
    keys = sorted(node, key=lambda key: (not key.startswith("@"), key))
    return {key: _values(node[key]) for key in keys if key != "@context"}


def _values(value):
    if isinstance(value, list):
        return sorted(value, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
    return value

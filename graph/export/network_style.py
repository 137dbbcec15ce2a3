"""How the network page shows entities and relations: vis-network node and edge dicts and the
legends, coloured, shaped and labelled from the schema (relations.yaml), with every claim's quote,
link and video, and the table of those videos. Background edges (known claims, not said) are grey
and dashed, and name only their videos.

A type or relation the schema does not know (a graph built under another schema) still shows, in
one of the OTHER_COLOURS, its name split into words.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rdflib import URIRef
from rdflib.graph import Graph

from ..schema import Schema
from .edges import Claim, Edge, Entity, Videos, claim_link

OTHER_COLOURS = ("#7f7f7f", "#9c755f", "#ff9da7", "#bab0ac", "#17becf", "#bcbd22")
OTHER_SHAPE = "dot"
MAX_NODE_RELATIONS = 5
MAX_NODE_SIZE = 48
BACKGROUND_COLOUR = "#9a9a9a"
SAID, KNOWN = "said", "known"


@dataclass(frozen=True)
class RelationStyle:
    label: str
    colour: str
    symmetric: bool


def type_style(schema: Schema, name: str) -> tuple[str, str]:
    """(colour, vis shape) of an entity type."""
    known = schema.entity_types.get(name)
    return (known.colour, known.shape) if known else (OTHER_COLOURS[0], OTHER_SHAPE)


def relation_style(schema: Schema, name: str) -> RelationStyle:
    known = schema.relations.get(name)
    if known:
        return RelationStyle(known.label, known.colour, known.symmetric)
    words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).lower()
    return RelationStyle(words, OTHER_COLOURS[sum(map(ord, name)) % len(OTHER_COLOURS)], False)


def vis_elements(
    graph: Graph,
    schema: Schema,
    entities: dict[URIRef, Entity],
    kept: set[URIRef],
    edges: list[Edge],
    background: Sequence[Edge] = (),
) -> tuple[list[dict], list[dict], list[dict]]:
    """The vis-network node dicts of the `kept` entities, edge dicts of `edges` (basis "said") and then
    of `background` (basis "known"), and the videos their claims name (a claim's "video" is an index
    into them), in a stable order."""
    videos = _VideoTable(graph)
    said_curves, known_curves = _curves(edges, background)
    edge_dicts = [_edge_dict(schema, edge, entities, videos, said_curves.get(edge.key)) for edge in _sorted(edges)]
    edge_dicts += [
        _edge_dict(schema, edge, entities, videos, known_curves.get(edge.key), KNOWN) for edge in _sorted(background)
    ]
    touching = defaultdict(list)
    for edge in edges:
        touching[edge.subject].append(edge)
        touching[edge.object].append(edge)
    node_dicts = [_node_dict(schema, entities[iri], touching[iri], entities) for iri in _ordered(kept, entities)]
    return node_dicts, edge_dicts, videos.rows


def type_legend(schema: Schema, nodes: list[dict]) -> list[dict]:
    legend = []
    for name, count in _counts(nodes, "type", schema.entity_types):
        colour, shape = type_style(schema, name)
        legend.append({"name": name, "color": colour, "shape": shape, "count": count})
    return legend


def relation_legend(schema: Schema, edges: list[dict]) -> list[dict]:
    legend = []
    for name, count in _counts(edges, "relation", schema.relations):
        style = relation_style(schema, name)
        legend.append(
            {"name": name, "label": style.label, "color": style.colour, "directed": not style.symmetric, "count": count}
        )
    return legend


def _counts(items: list[dict], key: str, known) -> list[tuple[str, int]]:
    """(value, count) of items[key]: the schema's in its order, then any other by name."""
    counts: defaultdict[str, int] = defaultdict(int)
    for item in items:
        counts[item[key]] += 1
    order = [name for name in known if name in counts] + sorted(set(counts) - set(known))
    return [(name, counts[name]) for name in order]


def _ordered(kept, entities) -> list[URIRef]:
    return sorted(kept, key=lambda iri: (entities[iri].type, entities[iri].label.casefold(), str(iri)))


def _node_dict(schema: Schema, entity: Entity, edges: list[Edge], entities) -> dict:
    """`edges` are the kept edges that touch `entity`."""
    colour, shape = type_style(schema, entity.type)
    count = len(entity.documents)
    strongest = _strongest(schema, edges, entities)
    lines = [f"{entity.label} ({entity.type})", f"{count} video{'s' * (count != 1)}"]
    if entity.aliases:
        lines.insert(1, "also: " + ", ".join(entity.aliases))
    size = _node_size(count)
    return {
        "id": str(entity.iri),
        "label": entity.label,
        "type": entity.type,
        "aliases": entity.aliases,
        "documents": count,
        "size": size,
        "font": {"size": max(14, round(0.8 * size))},
        "color": colour,
        "shape": shape,
        "relations": strongest,
        "title": "\n".join(lines + strongest),
    }


def _node_size(documents: int) -> float:
    """Grows with the square root of the number of videos, capped so hubs do not cover the graph.
    The label grows with it, so the names of the big entities stay readable when zoomed out."""
    return round(min(MAX_NODE_SIZE, 10 + 5 * math.sqrt(documents)), 1)


def _strongest(schema: Schema, edges: list[Edge], entities) -> list[str]:
    ranked = sorted(edges, key=lambda e: (-(e.confidence or 0.0), -e.support, e.relation, str(e.key)))
    lines = []
    for edge in ranked[:MAX_NODE_RELATIONS]:
        label = relation_style(schema, edge.relation).label
        lines.append(f"{entities[edge.subject].label} {label} {entities[edge.object].label}")
    return lines


def _edge_dict(
    schema: Schema, edge: Edge, entities, videos: _VideoTable, smooth: dict | None, basis: str = SAID
) -> dict:
    """A said edge in its relation's colour, its width growing with its support; a known one thin,
    grey and dashed, its claims only their videos (they have no quote or second)."""
    style = relation_style(schema, edge.relation)
    support = edge.support
    confidence = edge.confidence
    subject, obj = entities[edge.subject].label, entities[edge.object].label
    summary = f"{subject} {style.label} {obj}\nconfidence {_format(confidence)}, {support} video{'s' * (support != 1)}"
    known = basis == KNOWN
    claim_dict = _known_claim_dict if known else _claim_dict
    return {
        "id": " ".join(map(str, [KNOWN, *edge.key] if known else edge.key)),
        "basis": basis,
        "from": str(edge.subject),
        "to": str(edge.object),
        "relation": edge.relation,
        "label": style.label,
        "color": BACKGROUND_COLOUR if known else style.colour,
        "arrows": "" if style.symmetric else "to",
        "confidence": confidence,
        "support": support,
        "claims": [claim_dict(claim, videos) for claim in edge.distinct_claims()],
        "width": 1 if known else round(1 + 1.5 * math.log1p(support), 2),
        "dashes": known,
        "title": summary + ("\nbackground: not said in these videos" if known else ""),
        "smooth": smooth or {"enabled": False},
    }


class _VideoTable:
    """The videos the page's claims come from, each once, numbered in the order first named."""

    def __init__(self, graph: Graph):
        self.videos = Videos(graph)
        self.numbers: dict = {}
        self.rows: list[dict] = []

    def number(self, document) -> int | None:
        if document is None:
            return None
        if document not in self.numbers:
            self.numbers[document] = len(self.rows)
            video = self.videos(document)
            self.rows.append({"title": video.title, "author": video.author, "url": video.url, "date": video.date})
        return self.numbers[document]


def _claim_dict(claim: Claim, videos: _VideoTable) -> dict:
    return {
        "video": videos.number(claim.document),
        "quote": claim.quote,
        "confidence": claim.confidence,
        "second": claim.second,
        "estimated": claim.estimated,
        "link": claim_link(claim, videos.videos(claim.document)),
    }


def _known_claim_dict(claim: Claim, videos: _VideoTable) -> dict:
    return {"video": videos.number(claim.document), "confidence": claim.confidence}


def _curves(*groups: Sequence[Edge]) -> list[dict[tuple, dict]]:
    """Curves for parallel edges between the same two entities, so that none hides another: one dict
    of curves by edge key for each group, the groups' edges counted in turn (a group's keys are unique)."""
    seen: defaultdict[frozenset[URIRef], int] = defaultdict(int)
    found = []
    for edges in groups:
        curves = {}
        for edge in _sorted(edges):
            pair = frozenset((edge.subject, edge.object))
            index = seen[pair]
            seen[pair] += 1
            if index:
                side = "curvedCW" if index % 2 else "curvedCCW"
                curves[edge.key] = {"enabled": True, "type": side, "roundness": 0.15 * ((index + 1) // 2)}
        found.append(curves)
    return found


def _sorted(edges: Iterable[Edge]) -> list[Edge]:
    return sorted(edges, key=lambda edge: tuple(map(str, edge.key)))


def _format(confidence: float | None) -> str:
    return "unknown" if confidence is None else f"{confidence:.2f}"

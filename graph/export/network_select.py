"""Which entities and edges of the network the page shows: by type and relation, confidence and
support, around a focus entity, and at most so many of the most connected."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import URIRef

from ..errors import TalkgraphError
from ..schema import Schema
from .edges import Edge, Entity, Network, local_name


@dataclass(frozen=True)
class Selection:
    """What to keep; None keeps everything of that kind."""

    relations: Iterable[str] | None = None
    types: Iterable[str] | None = None
    focus: str | None = None
    depth: int = 1
    max_nodes: int | None = None
    min_confidence: float = 0.0
    min_support: int = 0

    def __post_init__(self) -> None:
        if self.depth < 0:
            raise TalkgraphError(f"depth must be 0 or more, not {self.depth}")
        if self.max_nodes is not None and self.max_nodes < 1:
            raise TalkgraphError(f"max_nodes must be at least 1, not {self.max_nodes}")
        if self.min_support < 0:
            raise TalkgraphError(f"min_support must be 0 or more, not {self.min_support}")

    @property
    def filters_edges(self) -> bool:
        return self.relations is not None or self.min_confidence > 0 or self.min_support > 0


def select(network: Network, schema: Schema, selection: Selection) -> tuple[set[URIRef], list[Edge]]:
    """The kept entities' IRIs and the kept edges between them.

    Raises TalkgraphError for an unknown relation, type or focus name."""
    entities = network.entities
    centers = find_entities(entities, selection.focus) if selection.focus else set()
    kept, kept_edges = _filter(network, schema, selection, centers)
    if centers:
        kept, kept_edges = _ego(kept, kept_edges, centers, selection.depth, selection.focus)
    if selection.max_nodes is not None and len(kept) > selection.max_nodes:
        kept, kept_edges = _most_connected(entities, kept, kept_edges, centers, selection.max_nodes)
    return kept, kept_edges


def find_entities(entities: dict[URIRef, Entity], name: str) -> set[URIRef]:
    """The entities whose IRI, label or alias is `name` (case aside). Raises TalkgraphError when none is."""
    wanted = name.strip().casefold()
    found = {
        iri
        for iri, entity in entities.items()
        if wanted == str(iri).casefold() or wanted in {n.casefold() for n in [entity.label, *entity.aliases]}
    }
    if not found:
        raise TalkgraphError(f"no entity is named {name!r}; check the spelling or try one of its aliases")
    return found


def select_background(network: Network, schema: Schema, selection: Selection, kept: set[URIRef]) -> list[Edge]:
    """The background edges (known claims) between `kept` entities that pass the selection's relations,
    confidence and support, as select() keeps edges."""
    return _kept_edges(network, schema, selection, kept, network.background.values())


def _filter(network: Network, schema: Schema, selection: Selection, centers: set[URIRef]):
    entities = network.entities
    kept = set(entities)
    if selection.types is not None:
        wanted = _choose(selection.types, {e.type for e in entities.values()} | set(schema.entity_types), "type")
        kept = {iri for iri in kept if entities[iri].type in wanted}
    kept_edges = _kept_edges(network, schema, selection, kept, network.edges.values())
    if selection.filters_edges:  # entities left without an edge are noise once edges were filtered
        kept = _touched(kept_edges) | (centers & kept)
    return kept, kept_edges


def _kept_edges(network: Network, schema: Schema, selection: Selection, kept: set[URIRef], edges) -> list[Edge]:
    kept_edges = [e for e in edges if e.subject in kept and e.object in kept]
    if selection.relations is not None:
        known = {e.relation for e in network.edges.values()} | set(schema.relations)
        wanted = _choose(selection.relations, known, "relation")
        kept_edges = [e for e in kept_edges if e.relation in wanted]
    return [
        e
        for e in kept_edges
        if (e.confidence or 0.0) >= selection.min_confidence and e.support >= selection.min_support
    ]


def _choose(names: Iterable[str], known: set[str], kind: str) -> set[str]:
    by_fold = {name.casefold(): name for name in known}
    names = [local_name(name) for name in ([names] if isinstance(names, str) else names)]
    unknown = [name for name in names if name.casefold() not in by_fold]
    if unknown:
        raise TalkgraphError(f"unknown {kind} {', '.join(unknown)}; choose from {', '.join(sorted(known))}")
    return {by_fold[name.casefold()] for name in names}


def _touched(edges: list[Edge]) -> set[URIRef]:
    return {iri for edge in edges for iri in (edge.subject, edge.object)}


def _ego(kept, kept_edges, centers, depth, focus):
    """Entities within `depth` hops of any center, ignoring edge direction."""
    present = centers & kept
    if not present:
        raise TalkgraphError(f"{focus!r} is not among the entity types kept; add its type or pick another focus")
    import networkx as nx  # imported here: every command loads this module, few draw a network

    undirected = nx.Graph()
    undirected.add_nodes_from(kept)
    undirected.add_edges_from((e.subject, e.object) for e in kept_edges)
    near = set()
    for center in present:
        near |= set(nx.ego_graph(undirected, center, radius=depth))
    return near, [e for e in kept_edges if e.subject in near and e.object in near]


def _most_connected(entities, kept, kept_edges, centers, max_nodes):
    degree = defaultdict(int)
    for edge in kept_edges:
        degree[edge.subject] += 1
        degree[edge.object] += 1
    ranked = sorted(
        kept,
        key=lambda iri: (
            iri not in centers,
            -degree[iri],
            -len(entities[iri].documents),
            entities[iri].label.casefold(),
            str(iri),
        ),
    )
    chosen = set(ranked[:max_nodes])
    return chosen, [e for e in kept_edges if e.subject in chosen and e.object in chosen]

"""The knowledge graph as an interactive network: one self-contained HTML page, no network needed.

Nodes are entities (size = number of videos that name them, colour and shape by type); edges are
relations (colour by relation, arrows unless symmetric) carrying their strongest confidence, the
number of videos that support them and up to five evidence quotes with a link to the second.

Everything that comes from transcripts is data: it is embedded as escaped JSON and the page
builds its text with ``textContent`` only. vis-network (shipped inside pyvis) is inlined.
"""
from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import networkx as nx
from rdflib import OWL, RDF, RDFS, SKOS, Literal, URIRef
from rdflib.graph import ConjunctiveGraph, Dataset, Graph
from rdflib.namespace import PROV

from ..errors import TalkgraphError
from ..rdf import SDO, TG
from .files import write_atomic

TYPES = {  # type: (colour, vis shape)
    "Company": ("#4e79a7", "dot"),
    "Person": ("#f28e2b", "diamond"),
    "Product": ("#59a14f", "square"),
    "AIModel": ("#b07aa1", "hexagon"),
    "RevenueStream": ("#edc948", "triangle"),
    "Place": ("#76b7b2", "star"),
}
RELATIONS = {  # name: (label, colour, symmetric)
    "partnerOf": ("partner of", "#2e7d32", True),
    "competesWith": ("competes with", "#c62828", True),
    "monetizesVia": ("monetizes via", "#b8860b", False),
    "develops": ("develops", "#1565c0", False),
    "investsIn": ("invests in", "#6a1b9a", False),
    "acquires": ("acquires", "#ad1457", False),
    "leads": ("leads", "#ef6c00", False),
    "worksFor": ("works for", "#8d6e63", False),
    "basedIn": ("based in", "#00838f", False),
    "uses": ("uses", "#546e7a", False),
    "supplies": ("supplies", "#558b2f", False),
}
OTHER_COLOURS = ("#7f7f7f", "#9c755f", "#ff9da7", "#bab0ac", "#17becf", "#bcbd22")
OTHER_SHAPE = "dot"
NOT_ENTITY_CLASSES = {TG.Claim, TG.Extractor}
MAX_EVIDENCE = 5
MAX_NODE_RELATIONS = 5
WEB_URL = re.compile(r"https?://\S+\Z", re.IGNORECASE)
VIS_DIR = "lib/vis-9.1.2"
TEMPLATE = Path(__file__).with_name("assets") / "network.html"
MARKER = re.compile(r"\{\{(VIS_CSS|VIS_JS|DATA)\}\}")
JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


@dataclass
class _Entity:
    iri: URIRef
    type: str
    label: str
    aliases: list[str]
    documents: set = field(default_factory=set)


@dataclass(frozen=True)
class _Claim:
    subject: URIRef
    predicate: URIRef
    object: URIRef
    document: URIRef | None
    quote: str
    confidence: float | None
    second: float | None
    link: URIRef | None


@dataclass
class _Edge:
    subject: URIRef
    relation: str
    object: URIRef
    claims: list[_Claim] = field(default_factory=list)

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


# --- public API ----------------------------------------------------------------------------
def network_data(graph: Graph, *, relations: Iterable[str] | None = None, types: Iterable[str] | None = None,
                 focus: str | None = None, depth: int = 1, max_nodes: int | None = None,
                 min_confidence: float = 0.0) -> tuple[list[dict], list[dict]]:
    """Nodes and edges (plain dicts, vis-network fields) of the entity network in `graph`.

    `graph` is any rdflib Graph or Dataset (named graphs are read as one union).
    relations: keep only these predicates (local names such as "partnerOf");
    types: keep only entities of these types ("Company" ...);
    focus, depth: only entities within `depth` hops of the entity with this name or alias;
    max_nodes: keep the most connected entities; min_confidence: drop edges below it.
    With `relations` or `min_confidence` set, entities left without an edge are dropped.
    Raises TalkgraphError for an unknown relation, type or focus name.
    """
    if depth < 0:
        raise TalkgraphError(f"depth must be 0 or more, not {depth}")
    if max_nodes is not None and max_nodes < 1:
        raise TalkgraphError(f"max_nodes must be at least 1, not {max_nodes}")
    source = _union(graph)
    entities, edges = _read(source)
    centers = _find(entities, focus) if focus else set()
    kept, kept_edges = _select(entities, edges, relations, types, min_confidence, centers)
    if centers:
        kept, kept_edges = _ego(kept, kept_edges, centers, depth, focus)
    if max_nodes is not None and len(kept) > max_nodes:
        kept, kept_edges = _most_connected(entities, kept, kept_edges, centers, max_nodes)
    return _dicts(source, entities, kept, kept_edges)


def render_network(graph: Graph, **options) -> str:
    """The network as one self-contained HTML page (vis-network inlined, data as escaped JSON).

    Takes the options of network_data().
    """
    nodes, edges = network_data(graph, **options)
    payload = {
        "nodes": nodes,
        "edges": edges,
        "types": _type_legend(nodes),
        "relations": _relation_legend(edges),
        "minConfidence": float(options.get("min_confidence") or 0.0),
        "options": _vis_options(len(nodes)),
    }
    parts = {"VIS_CSS": _vis_asset("vis-network.css"), "VIS_JS": _vis_asset("vis-network.min.js"),
             "DATA": script_json(payload)}
    return MARKER.sub(lambda match: parts[match.group(1)], TEMPLATE.read_text(encoding="utf-8"))


def write_network(graph: Graph, path: str | Path, **options) -> Path:
    """Write render_network(graph, **options) to `path` atomically; return the path."""
    return write_atomic(path, render_network(graph, **options))


def script_json(value) -> str:
    """JSON that is safe inside <script type="application/json">: <, >, & and U+2028/9 escaped."""
    text = json.dumps(value, ensure_ascii=True, allow_nan=False, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda match: JSON_ESCAPES[match.group(0)], text)


# --- reading the graph -----------------------------------------------------------------------
def _union(graph: Graph) -> Graph:
    """A view that reads every named graph of a Dataset, whatever its default_union says."""
    if isinstance(graph, ConjunctiveGraph) and not graph.default_union and graph.store.graph_aware:
        return Dataset(store=graph.store, default_union=True)
    return graph


def _read(graph: Graph) -> tuple[dict[URIRef, _Entity], dict[tuple, _Edge]]:
    entities = _read_entities(graph)
    edges: dict[tuple, _Edge] = {}
    symmetric = _symmetric(graph)
    claims = _read_claims(graph)
    predicates = {TG[name] for name in RELATIONS} | {claim.predicate for claim in claims}
    for predicate in predicates:
        for subject, obj in graph.subject_objects(predicate):
            if isinstance(subject, URIRef) and isinstance(obj, URIRef):
                _edge_for(edges, entities, graph, symmetric, subject, predicate, obj)
    for claim in claims:
        _edge_for(edges, entities, graph, symmetric, claim.subject, claim.predicate, claim.object).claims.append(claim)
        for iri in (claim.subject, claim.object):
            if claim.document is not None:
                entities[iri].documents.add(claim.document)
    for document, iri in graph.subject_objects(TG.mentions):
        if iri in entities:
            entities[iri].documents.add(document)
    return entities, edges


def _read_entities(graph: Graph) -> dict[URIRef, _Entity]:
    classes = defaultdict(set)
    for iri, cls in graph.subject_objects(RDF.type):
        if isinstance(iri, URIRef) and _is_entity_class(cls):
            classes[iri].add(_local(cls))
    return {iri: _entity(graph, iri, _main_type(names)) for iri, names in classes.items()}


def _main_type(names: set[str]) -> str:
    """The most specific type: a known one, else any but the tg:Entity superclass."""
    known = [name for name in TYPES if name in names]
    return known[0] if known else min(names - {"Entity"} or names)


def _is_entity_class(cls) -> bool:
    return isinstance(cls, URIRef) and str(cls).startswith(str(TG)) and cls not in NOT_ENTITY_CLASSES


def _entity(graph: Graph, iri: URIRef, entity_type: str) -> _Entity:
    label = graph.value(iri, RDFS.label)
    aliases = sorted({str(alias) for alias in graph.objects(iri, SKOS.altLabel)} - {str(label)})
    return _Entity(iri, entity_type, str(label) if label is not None else _local(iri), aliases)


def _symmetric(graph: Graph) -> set[URIRef]:
    declared = set(graph.subjects(RDF.type, OWL.SymmetricProperty))
    return declared | {TG[name] for name, (_, _, symmetric) in RELATIONS.items() if symmetric}


def _read_claims(graph: Graph) -> list[_Claim]:
    claims = []
    for claim in set(graph.subjects(RDF.type, TG.Claim)):
        values = {}
        for predicate, value in graph.predicate_objects(claim):
            values.setdefault(predicate, value)
        parts = (values.get(RDF.subject), values.get(RDF.predicate), values.get(RDF.object))
        if all(isinstance(part, URIRef) for part in parts):
            claims.append(_Claim(*parts, document=values.get(PROV.wasDerivedFrom),
                                 quote=str(values.get(TG.quote, "")), confidence=_number(values.get(TG.confidence)),
                                 second=_number(values.get(TG.startSecond)), link=values.get(TG.deepLink)))
    return claims


def _edge_for(edges, entities, graph, symmetric, subject, predicate, obj) -> _Edge:
    for iri in (subject, obj):
        if iri not in entities:
            entities[iri] = _entity(graph, iri, "Entity")
    if predicate in symmetric and str(obj) < str(subject):
        subject, obj = obj, subject
    key = (subject, _local(predicate), obj)
    if key not in edges:
        edges[key] = _Edge(*key)
    return edges[key]


def _number(value) -> float | None:
    if not isinstance(value, Literal):
        return None
    try:
        number = float(value.toPython())
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _local(iri) -> str:
    return re.split(r"[#/]", str(iri).rstrip("/#"))[-1]


class _DocumentTitles:
    """Title and URL of each document, read once."""

    def __init__(self, graph: Graph):
        self.graph = graph
        self.cache: dict = {}

    def __call__(self, document) -> tuple[str, str | None]:
        if document not in self.cache:
            title = self.graph.value(document, SDO.name) if document is not None else None
            url = self.graph.value(document, SDO.url) if document is not None else None
            self.cache[document] = (str(title) if title is not None else "", _web_url(url))
        return self.cache[document]


def _web_url(value) -> str | None:
    text = str(value) if value is not None else ""
    return text if WEB_URL.match(text) else None


# --- selecting ---------------------------------------------------------------------------
def _find(entities: dict[URIRef, _Entity], name: str) -> set[URIRef]:
    wanted = name.strip().casefold()
    found = {iri for iri, entity in entities.items()
             if wanted == str(iri).casefold() or wanted in {n.casefold() for n in [entity.label, *entity.aliases]}}
    if not found:
        raise TalkgraphError(f"no entity is named {name!r}; check the spelling or try one of its aliases")
    return found


def _select(entities, edges, relations, types, min_confidence, centers):
    kept = set(entities)
    if types is not None:
        wanted = _choose(types, {e.type for e in entities.values()} | set(TYPES), "type")
        kept = {iri for iri in kept if entities[iri].type in wanted}
    kept_edges = [e for e in edges.values() if e.subject in kept and e.object in kept]
    if relations is not None:
        wanted = _choose(relations, {e.relation for e in edges.values()} | set(RELATIONS), "relation")
        kept_edges = [e for e in kept_edges if e.relation in wanted]
    if min_confidence > 0:
        kept_edges = [e for e in kept_edges if (e.confidence or 0.0) >= min_confidence]
    if relations is not None or min_confidence > 0:
        kept = _touched(kept_edges) | (centers & kept)
    return kept, kept_edges


def _choose(names: Iterable[str], known: set[str], kind: str) -> set[str]:
    by_fold = {name.casefold(): name for name in known}
    names = [_local(name) for name in ([names] if isinstance(names, str) else names)]
    unknown = [name for name in names if name.casefold() not in by_fold]
    if unknown:
        raise TalkgraphError(f"unknown {kind} {', '.join(unknown)}; choose from {', '.join(sorted(known))}")
    return {by_fold[name.casefold()] for name in names}


def _touched(edges: list[_Edge]) -> set[URIRef]:
    return {iri for edge in edges for iri in (edge.subject, edge.object)}


def _ego(kept, kept_edges, centers, depth, focus):
    """Entities within `depth` hops of any center, ignoring edge direction."""
    present = centers & kept
    if not present:
        raise TalkgraphError(f"{focus!r} is not among the entity types kept; add its type or pick another focus")
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
    ranked = sorted(kept, key=lambda iri: (iri not in centers, -degree[iri], -len(entities[iri].documents),
                                           entities[iri].label.casefold(), str(iri)))
    chosen = set(ranked[:max_nodes])
    return chosen, [e for e in kept_edges if e.subject in chosen and e.object in chosen]


def _ordered(kept, entities) -> list[URIRef]:
    return sorted(kept, key=lambda iri: (entities[iri].type, entities[iri].label.casefold(), str(iri)))


# --- vis-network dicts ---------------------------------------------------------------------------
def _dicts(graph: Graph, entities, kept: set[URIRef], edges: list[_Edge]) -> tuple[list[dict], list[dict]]:
    titles = _DocumentTitles(graph)
    curves = _curves(edges)
    edge_dicts = [_edge_dict(edge, entities, titles, curves.get(edge.key)) for edge in _sorted(edges)]
    touching = defaultdict(list)
    for edge in edges:
        touching[edge.subject].append(edge)
        touching[edge.object].append(edge)
    node_dicts = [_node_dict(entities[iri], touching[iri], entities) for iri in _ordered(kept, entities)]
    return node_dicts, edge_dicts


def _node_dict(entity: _Entity, edges: list[_Edge], entities) -> dict:
    """`edges` are the kept edges that touch `entity`."""
    colour, shape = TYPES.get(entity.type, (OTHER_COLOURS[0], OTHER_SHAPE))
    count = len(entity.documents)
    strongest = _strongest(edges, entities)
    lines = [f"{entity.label} ({entity.type})", f"{count} video{'s' * (count != 1)}"]
    if entity.aliases:
        lines.insert(1, "also: " + ", ".join(entity.aliases))
    return {"id": str(entity.iri), "label": entity.label, "type": entity.type, "aliases": entity.aliases,
            "documents": count, "size": round(10 + 6 * math.sqrt(count), 1), "color": colour, "shape": shape,
            "relations": strongest, "title": "\n".join(lines + strongest)}


def _strongest(edges: list[_Edge], entities) -> list[str]:
    ranked = sorted(edges, key=lambda e: (-(e.confidence or 0.0), -len(e.documents), e.relation, str(e.key)))
    lines = []
    for edge in ranked[:MAX_NODE_RELATIONS]:
        label = _relation_style(edge.relation)[0]
        lines.append(f"{entities[edge.subject].label} {label} {entities[edge.object].label}")
    return lines


def _edge_dict(edge: _Edge, entities, titles: _DocumentTitles, smooth: dict | None) -> dict:
    label, colour, symmetric = _relation_style(edge.relation)
    support = len(edge.documents)
    confidence = edge.confidence
    subject, obj = entities[edge.subject].label, entities[edge.object].label
    summary = f"{subject} {label} {obj}\nconfidence {_format(confidence)}, {support} video{'s' * (support != 1)}"
    return {"id": " ".join(map(str, edge.key)), "from": str(edge.subject), "to": str(edge.object),
            "relation": edge.relation, "label": label, "color": colour, "arrows": "" if symmetric else "to",
            "confidence": confidence, "support": support, "evidence": _evidence(edge, titles),
            "width": round(1 + 1.5 * math.log1p(support), 2), "title": summary,
            "smooth": smooth or {"enabled": False}}


def _evidence(edge: _Edge, titles: _DocumentTitles) -> list[dict]:
    ranked = sorted(edge.claims, key=lambda c: (-(c.confidence or 0.0), str(c.document), c.second or 0.0, c.quote))
    items, seen = [], set()
    for claim in ranked:
        if (claim.document, claim.quote) in seen:
            continue
        seen.add((claim.document, claim.quote))
        title, url = titles(claim.document)
        items.append({"quote": claim.quote, "title": title, "link": _web_url(claim.link) or url,
                      "second": claim.second})
        if len(items) == MAX_EVIDENCE:
            break
    return items


def _curves(edges: list[_Edge]) -> dict[tuple, dict]:
    """Curves for parallel edges between the same two entities, so that none hides another."""
    seen, curves = defaultdict(int), {}
    for edge in _sorted(edges):
        pair = frozenset((edge.subject, edge.object))
        index = seen[pair]
        seen[pair] += 1
        if index:
            side = "curvedCW" if index % 2 else "curvedCCW"
            curves[edge.key] = {"enabled": True, "type": side, "roundness": 0.15 * ((index + 1) // 2)}
    return curves


def _sorted(edges: list[_Edge]) -> list[_Edge]:
    return sorted(edges, key=lambda edge: tuple(map(str, edge.key)))


def _relation_style(name: str) -> tuple[str, str, bool]:
    if name in RELATIONS:
        return RELATIONS[name]
    words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).lower()
    return words, OTHER_COLOURS[sum(map(ord, name)) % len(OTHER_COLOURS)], False


def _format(confidence: float | None) -> str:
    return "unknown" if confidence is None else f"{confidence:.2f}"


# --- the page ----------------------------------------------------------------------------------
def _type_legend(nodes: list[dict]) -> list[dict]:
    counts = defaultdict(int)
    for node in nodes:
        counts[node["type"]] += 1
    order = [name for name in TYPES if name in counts] + sorted(set(counts) - set(TYPES))
    return [{"name": name, "color": TYPES.get(name, (OTHER_COLOURS[0],))[0],
             "shape": TYPES.get(name, (None, OTHER_SHAPE))[1], "count": counts[name]} for name in order]


def _relation_legend(edges: list[dict]) -> list[dict]:
    counts = defaultdict(int)
    for edge in edges:
        counts[edge["relation"]] += 1
    order = [name for name in RELATIONS if name in counts] + sorted(set(counts) - set(RELATIONS))
    legend = []
    for name in order:
        label, colour, symmetric = _relation_style(name)
        legend.append({"name": name, "label": label, "color": colour, "directed": not symmetric,
                       "count": counts[name]})
    return legend


def _vis_options(node_count: int) -> dict:
    font = {"face": "system-ui, -apple-system, Segoe UI, sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"}
    return {
        "autoResize": True,
        "layout": {"improvedLayout": node_count <= 150, "randomSeed": 7},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": node_count > 400},
        "nodes": {"borderWidth": 1, "font": {**font, "size": 14, "color": "#222222"}},
        "edges": {"font": {**font, "size": 10, "color": "#444444", "align": "middle"},
                  "arrowStrikethrough": False, "selectionWidth": 2, "hoverWidth": 1},
        "physics": {"enabled": True, "solver": "forceAtlas2Based",
                    "forceAtlas2Based": {"gravitationalConstant": -70, "centralGravity": 0.01,
                                         "springLength": 130, "springConstant": 0.06, "avoidOverlap": 0.4},
                    "stabilization": {"enabled": True, "iterations": 500, "updateInterval": 25, "fit": True},
                    "minVelocity": 0.75},
    }


def _vis_asset(name: str) -> str:
    """A vis-network file shipped inside pyvis, made safe to inline in <script> or <style>."""
    path = resources.files("pyvis").joinpath(f"{VIS_DIR}/{name}")
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise TalkgraphError(f"cannot read {name} from the pyvis package ({error}); reinstall pyvis") from error
    text = re.sub(r"</(script|style)", r"<\\/\1", text, flags=re.IGNORECASE)
    return text.replace("<!--", "<\\!--")

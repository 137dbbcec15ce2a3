"""The knowledge graph as an interactive network: one self-contained HTML page, no network needed.

Nodes are entities (size = number of videos that name them, colour and shape by type); edges are
relations (colour by relation, arrows unless symmetric) carrying their strongest confidence, the
number of videos that support them and up to five evidence quotes with a link to the second.

Everything that comes from transcripts is data: it is embedded as escaped JSON and the page
builds its text with ``textContent`` only. vis-network (shipped inside pyvis) is inlined, and a
Content-Security-Policy allows only the page's own two scripts (by hash), so even markup that got
into the page could not run. The node and edge lists are built directly, never through pyvis's
``from_nx``, which is quadratic in the number of nodes.
"""
from __future__ import annotations

import base64
import hashlib
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
from ..rdf import SDO, TG, deep_link
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
MAX_NODE_SIZE = 48
LARGE_GRAPH = 500  # nodes; beyond it the layout trades precision for speed
SMALL_GRAPH = 150  # nodes; up to it vis's slower improvedLayout places them first
MIN_LAYOUT_ITERATIONS, MAX_LAYOUT_ITERATIONS, LAYOUT_BUDGET = 50, 400, 200_000
WEB_URL = re.compile(r"https?://\S+\Z", re.IGNORECASE)
VIS_DIR = "lib/vis-9.1.2"
TEMPLATE = Path(__file__).with_name("assets") / "network.html"
MARKER = re.compile(r"\{\{(VIS_CSS|VIS_JS|DATA)\}\}")
CSP_MARKER = "{{SCRIPT_HASHES}}"
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
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
    estimated: bool
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
                 min_confidence: float = 0.0, min_support: int = 0) -> tuple[list[dict], list[dict]]:
    """Nodes and edges (plain dicts, vis-network fields) of the entity network in `graph`.

    `graph` is any rdflib Graph or Dataset (named graphs are read as one union).
    relations: keep only these predicates (local names such as "partnerOf");
    types: keep only entities of these types ("Company" ...);
    focus, depth: only entities within `depth` hops of the entity with this name or alias;
    max_nodes: keep the most connected entities; min_confidence: drop edges below it;
    min_support: drop edges supported by fewer videos.
    With `relations`, `min_confidence` or `min_support` set, entities left without an edge are dropped.
    Raises TalkgraphError for an unknown relation, type or focus name.
    """
    if depth < 0:
        raise TalkgraphError(f"depth must be 0 or more, not {depth}")
    if max_nodes is not None and max_nodes < 1:
        raise TalkgraphError(f"max_nodes must be at least 1, not {max_nodes}")
    if min_support < 0:
        raise TalkgraphError(f"min_support must be 0 or more, not {min_support}")
    source = _union(graph)
    entities, edges = _read(source)
    centers = _find(entities, focus) if focus else set()
    edge_filter = _EdgeFilter(relations, min_confidence, min_support)
    kept, kept_edges = _select(entities, edges, types, edge_filter, centers)
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
        "minSupport": int(options.get("min_support") or 0),
        "maxSupport": max((edge["support"] for edge in edges), default=0),
        "options": _vis_options(len(nodes)),
    }
    parts = {"VIS_CSS": _vis_asset("vis-network.css"), "VIS_JS": _vis_asset("vis-network.min.js"),
             "DATA": script_json(payload)}
    page = MARKER.sub(lambda match: parts[match.group(1)], TEMPLATE.read_text(encoding="utf-8"))
    return page.replace(CSP_MARKER, _script_hashes(page), 1)


def write_network(graph: Graph, path: str | Path, **options) -> Path:
    """Write render_network(graph, **options) to `path` atomically; return the path."""
    return write_atomic(path, render_network(graph, **options))


def _script_hashes(page: str) -> str:
    """CSP sources for the page's inline scripts (the JSON data block has attributes, so it is not matched)."""
    digests = (hashlib.sha256(script.encode("utf-8")).digest() for script in INLINE_SCRIPT.findall(page))
    return " ".join(f"'sha256-{base64.b64encode(digest).decode('ascii')}'" for digest in digests)


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
                                 second=_number(values.get(TG.startSecond)),
                                 estimated=_true(values.get(TG.secondEstimated)), link=values.get(TG.deepLink)))
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


def _true(value) -> bool:
    return isinstance(value, Literal) and value.toPython() is True


def _local(iri) -> str:
    return re.split(r"[#/]", str(iri).rstrip("/#"))[-1]


@dataclass(frozen=True)
class _Video:
    title: str
    author: str
    url: str | None


class _Videos:
    """Title, author and URL of each document, read once."""

    def __init__(self, graph: Graph):
        self.graph = graph
        self.cache: dict = {}

    def __call__(self, document) -> _Video:
        if document not in self.cache:
            self.cache[document] = _Video(self._text(document, SDO.name), self._text(document, SDO.author),
                                          _web_url(self._value(document, SDO.url)))
        return self.cache[document]

    def _value(self, document, predicate):
        return self.graph.value(document, predicate) if document is not None else None

    def _text(self, document, predicate) -> str:
        value = self._value(document, predicate)
        if value is not None and not isinstance(value, Literal):  # an author node: use its name
            value = self.graph.value(value, SDO.name) or value
        return str(value) if value is not None else ""


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


@dataclass(frozen=True)
class _EdgeFilter:
    relations: Iterable[str] | None
    min_confidence: float
    min_support: int

    @property
    def active(self) -> bool:
        return self.relations is not None or self.min_confidence > 0 or self.min_support > 0

    def apply(self, edges: list[_Edge], known_relations: set[str]) -> list[_Edge]:
        if self.relations is not None:
            wanted = _choose(self.relations, known_relations | set(RELATIONS), "relation")
            edges = [e for e in edges if e.relation in wanted]
        return [e for e in edges
                if (e.confidence or 0.0) >= self.min_confidence and len(e.documents) >= self.min_support]


def _select(entities, edges, types, edge_filter: _EdgeFilter, centers):
    kept = set(entities)
    if types is not None:
        wanted = _choose(types, {e.type for e in entities.values()} | set(TYPES), "type")
        kept = {iri for iri in kept if entities[iri].type in wanted}
    kept_edges = [e for e in edges.values() if e.subject in kept and e.object in kept]
    kept_edges = edge_filter.apply(kept_edges, {e.relation for e in edges.values()})
    if edge_filter.active:  # entities left without an edge are noise once edges were filtered
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
    videos = _Videos(graph)
    curves = _curves(edges)
    edge_dicts = [_edge_dict(edge, entities, videos, curves.get(edge.key)) for edge in _sorted(edges)]
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
    size = _node_size(count)
    return {"id": str(entity.iri), "label": entity.label, "type": entity.type, "aliases": entity.aliases,
            "documents": count, "size": size, "font": {"size": max(14, round(0.8 * size))}, "color": colour,
            "shape": shape, "relations": strongest, "title": "\n".join(lines + strongest)}


def _node_size(documents: int) -> float:
    """Grows with the square root of the number of videos, capped so hubs do not cover the graph.
    The label grows with it, so the names of the big entities stay readable when zoomed out."""
    return round(min(MAX_NODE_SIZE, 10 + 5 * math.sqrt(documents)), 1)


def _strongest(edges: list[_Edge], entities) -> list[str]:
    ranked = sorted(edges, key=lambda e: (-(e.confidence or 0.0), -len(e.documents), e.relation, str(e.key)))
    lines = []
    for edge in ranked[:MAX_NODE_RELATIONS]:
        label = _relation_style(edge.relation)[0]
        lines.append(f"{entities[edge.subject].label} {label} {entities[edge.object].label}")
    return lines


def _edge_dict(edge: _Edge, entities, videos: _Videos, smooth: dict | None) -> dict:
    label, colour, symmetric = _relation_style(edge.relation)
    support = len(edge.documents)
    confidence = edge.confidence
    subject, obj = entities[edge.subject].label, entities[edge.object].label
    summary = f"{subject} {label} {obj}\nconfidence {_format(confidence)}, {support} video{'s' * (support != 1)}"
    return {"id": " ".join(map(str, edge.key)), "from": str(edge.subject), "to": str(edge.object),
            "relation": edge.relation, "label": label, "color": colour, "arrows": "" if symmetric else "to",
            "confidence": confidence, "support": support, "evidence": _evidence(edge, videos),
            "width": round(1 + 1.5 * math.log1p(support), 2), "title": summary,
            "smooth": smooth or {"enabled": False}}


def _evidence(edge: _Edge, videos: _Videos) -> list[dict]:
    ranked = sorted(edge.claims, key=lambda c: (-(c.confidence or 0.0), str(c.document), c.second or 0.0, c.quote))
    items, seen = [], set()
    for claim in ranked:
        if (claim.document, claim.quote) in seen:
            continue
        seen.add((claim.document, claim.quote))
        video = videos(claim.document)
        items.append({"quote": claim.quote, "title": video.title, "author": video.author,
                      "link": _video_link(claim, video), "second": claim.second, "estimated": claim.estimated})
        if len(items) == MAX_EVIDENCE:
            break
    return items


def _video_link(claim: _Claim, video: _Video) -> str | None:
    """The claim's deep link, else the video at the claim's second, else the video."""
    return _web_url(claim.link) or deep_link(video.url, claim.second) or video.url


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
    large, small = node_count > LARGE_GRAPH, node_count <= SMALL_GRAPH
    # Beyond a video or two, many entities have no relation; a stronger pull to the centre keeps them
    # from spreading into a wide ring that shrinks the connected core when the view fits the graph.
    repulsion, gravity = (-70, 0.01) if small else (-120, 0.03)
    return {
        "autoResize": True,
        "layout": {"improvedLayout": small, "randomSeed": 7},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": large, "hideEdgesOnZoom": large},
        "nodes": {"borderWidth": 1, "font": {**font, "size": 14, "color": "#222222"}},
        "edges": {"font": {**font, "size": 10, "color": "#444444", "align": "middle"},
                  "arrowStrikethrough": False, "selectionWidth": 2, "hoverWidth": 1},
        "physics": {"enabled": True, "solver": "forceAtlas2Based",
                    "forceAtlas2Based": {"gravitationalConstant": repulsion, "centralGravity": gravity,
                                         "springLength": 130, "springConstant": 0.06, "avoidOverlap": 0.4,
                                         "theta": 1.0 if large else 0.5},
                    "stabilization": {"enabled": True, "iterations": _layout_iterations(node_count),
                                      "updateInterval": 25, "fit": True},
                    "minVelocity": 0.75},
    }


def _layout_iterations(node_count: int) -> int:
    """Fewer layout steps for bigger graphs: a step costs about n log n, so the page settles in seconds."""
    return max(MIN_LAYOUT_ITERATIONS, min(MAX_LAYOUT_ITERATIONS, LAYOUT_BUDGET // max(node_count, 1)))


def _vis_asset(name: str) -> str:
    """A vis-network file shipped inside pyvis, made safe to inline in <script> or <style>."""
    path = resources.files("pyvis").joinpath(f"{VIS_DIR}/{name}")
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise TalkgraphError(f"cannot read {name} from the pyvis package ({error}); reinstall pyvis") from error
    text = re.sub(r"</(script|style)", r"<\\/\1", text, flags=re.IGNORECASE)
    return text.replace("<!--", "<\\!--")

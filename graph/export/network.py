"""The knowledge graph as an interactive network: one self-contained HTML page, no network needed.

Nodes are entities (size = number of videos that name them, colour and shape by type); edges are
relations (colour by relation, arrows unless symmetric) carrying their strongest confidence, the
number of videos that support them and every claim: its quote, confidence, link to the second and
video (title, channel, publish date). The page filters claims by publish date and shows an entity's
relations, grouped by kind, with a timeline of its claims. Background facts (claims of basis "known":
the name list's, not said) come along for the page to show apart, grey and dashed, on request.

Everything that comes from transcripts is data: it is embedded as escaped JSON and the page
builds its text with ``textContent`` only. vis-network (shipped inside pyvis) and the page's own
script (assets/network.js) are inlined, and a Content-Security-Policy allows only those two
scripts (by hash), so even markup that got into the page could not run. The node and edge lists
are built directly, never through pyvis's ``from_nx``, which is quadratic in the number of nodes.

Reading the graph is graph.export.edges (shared with the GraphML, GEXF and CSV exports),
choosing what to show graph.export.network_select, and the look of entities and relations,
from the schema, graph.export.network_style; this module makes the page.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from rdflib.graph import Graph

from ..errors import TalkgraphError
from ..schema import Schema, default_schema
from .edges import read_network, union
from .files import write_atomic
from .network_select import Selection, select, select_background
from .network_style import KNOWN, relation_legend, type_legend, vis_elements

LARGE_GRAPH = 500  # nodes; beyond it the layout trades precision for speed
SMALL_GRAPH = 150  # nodes; up to it vis's slower improvedLayout places them first
MIN_LAYOUT_ITERATIONS, MAX_LAYOUT_ITERATIONS, LAYOUT_BUDGET = 50, 400, 200_000
VIS_DIR = "lib/vis-9.1.2"
ASSETS = Path(__file__).with_name("assets")
TEMPLATE, SCRIPT = ASSETS / "network.html", ASSETS / "network.js"
MARKER = re.compile(r"\{\{(VIS_CSS|VIS_JS|PAGE_JS|DATA)\}\}")
LEGIBLE_LABELS = 25  # the most connected entities whose names the page makes readable at the default zoom
LABEL_DRAW_THRESHOLD = 8  # labels smaller on screen than this many pixels, less one, are not drawn
CSP_MARKER = "{{SCRIPT_HASHES}}"
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


class NetworkData(NamedTuple):
    nodes: list[dict]
    edges: list[dict]
    videos: list[dict]  # title, author, url, date; a claim's "video" is an index into them


def network_data(
    graph: Graph,
    *,
    relations: Iterable[str] | None = None,
    types: Iterable[str] | None = None,
    focus: str | None = None,
    depth: int = 1,
    max_nodes: int | None = None,
    min_confidence: float = 0.0,
    min_support: int = 0,
    schema: Schema | None = None,
    background: bool = False,
) -> NetworkData:
    """Nodes and edges (plain dicts, vis-network fields) of the entity network in `graph`, and the
    videos their claims come from.

    `graph` is any rdflib Graph or Dataset (named graphs are read as one union).
    relations: keep only these predicates (local names such as "partnerOf");
    types: keep only entities of these types ("Company" ...);
    focus, depth: only entities within `depth` hops of the entity with this name or alias;
    max_nodes: keep the most connected entities; min_confidence: drop edges below it;
    min_support: drop edges supported by fewer videos;
    schema: the relations and entity types, their labels, colours and shapes (default: the default schema);
    background: add, after the said edges, the background edges between kept entities (basis "known":
    facts of the name list whose ends the videos name untied, each claim only its video), filtered alike.
    Every edge's "basis" says which it is.
    With `relations`, `min_confidence` or `min_support` set, entities left without an edge are dropped.
    Raises TalkgraphError for an unknown relation, type or focus name.
    """
    selection = Selection(relations, types, focus, depth, max_nodes, min_confidence, min_support)
    schema = schema or default_schema()
    source = union(graph)
    network = read_network(source, schema, fold_symmetric=True)
    kept, kept_edges = select(network, schema, selection)
    known = select_background(network, schema, selection, kept) if background else []
    return NetworkData(*vis_elements(source, schema, network.entities, kept, kept_edges, known))


def render_network(graph: Graph, **options) -> str:
    """The network as one self-contained HTML page (vis-network inlined, data as escaped JSON).

    Takes the options of network_data(); background facts are in the page unless background=False,
    shown only when its box is ticked.
    """
    nodes, all_edges, videos = network_data(graph, **{"background": True, **options})
    edges = [edge for edge in all_edges if edge["basis"] != KNOWN]
    background = [edge for edge in all_edges if edge["basis"] == KNOWN]
    schema = options.get("schema") or default_schema()
    payload = {
        "nodes": nodes,
        "edges": edges,
        "background": background,
        "videos": videos,
        "types": type_legend(schema, nodes),
        "relations": relation_legend(schema, edges),
        "minConfidence": float(options.get("min_confidence") or 0.0),
        "minSupport": int(options.get("min_support") or 0),
        "maxSupport": max((edge["support"] for edge in edges), default=0),
        "legibleLabels": LEGIBLE_LABELS,
        "options": _vis_options(len(nodes)),
    }
    parts = {
        "VIS_CSS": _vis_asset("vis-network.css"),
        "VIS_JS": _vis_asset("vis-network.min.js"),
        "PAGE_JS": SCRIPT.read_text(encoding="utf-8"),
        "DATA": script_json(payload),
    }
    page = MARKER.sub(lambda match: parts[match.group(1)], TEMPLATE.read_text(encoding="utf-8"))
    return page.replace(CSP_MARKER, _script_hashes(page), 1)


def write_network(graph: Graph, path: str | Path, **options) -> Path:
    """Write render_network(graph, **options) to `path` atomically; return the path."""
    return write_atomic(path, render_network(graph, **options))


def write_html(graph: Graph, path: Path, schema: Schema | None = None) -> Path:
    """The exporter of format "html": the whole network page, as `talkgraph viz` writes it by default."""
    return write_network(graph, path, schema=schema)


def _script_hashes(page: str) -> str:
    """CSP sources for the page's inline scripts (the JSON data block has attributes, so it is not matched)."""
    digests = (hashlib.sha256(script.encode("utf-8")).digest() for script in INLINE_SCRIPT.findall(page))
    return " ".join(f"'sha256-{base64.b64encode(digest).decode('ascii')}'" for digest in digests)


def script_json(value) -> str:
    """JSON that is safe inside <script type="application/json">: <, >, & and U+2028/9 escaped."""
    text = json.dumps(value, ensure_ascii=True, allow_nan=False, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda match: JSON_ESCAPES[match.group(0)], text)


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
        "nodes": {
            "borderWidth": 1,
            "font": {**font, "size": 14, "color": "#222222"},
            "scaling": {"label": {"drawThreshold": LABEL_DRAW_THRESHOLD}},
        },
        "edges": {
            "font": {**font, "size": 10, "color": "#444444", "align": "middle"},
            "arrowStrikethrough": False,
            "selectionWidth": 2,
            "hoverWidth": 1,
        },
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": repulsion,
                "centralGravity": gravity,
                "springLength": 130,
                "springConstant": 0.06,
                "avoidOverlap": 0.4,
                "theta": 1.0 if large else 0.5,
            },
            "stabilization": {
                "enabled": True,
                "iterations": _layout_iterations(node_count),
                "updateInterval": 25,
                "fit": True,
            },
            "minVelocity": 0.75,
        },
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

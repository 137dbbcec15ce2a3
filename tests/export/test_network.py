"""graph.export.network: the entity network as data and as a self-contained, injection-safe HTML page."""

from __future__ import annotations

import base64
import hashlib
import json
import random
import re
from importlib import resources

import pytest
from click.testing import CliRunner
from rdflib import RDF, RDFS, SKOS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV

from graph.building import build
from graph.cli import main
from graph.errors import TalkgraphError
from graph.export.network import network_data, render_network, script_json, write_network
from graph.rdf import SDO, TG
from graph.schema import default_schema

ID = "https://talkgraph.dev/id/"
DOC1, DOC2 = URIRef(ID + "document/doc1"), URIRef(ID + "document/doc2")
EVIL = "</script><img src=x onerror=alert(1)>"
DATA_BLOCK = re.compile(r'<script type="application/json" id="talkgraph-data">(.*?)</script>', re.S)


def iri(kind: str, slug: str) -> URIRef:
    return URIRef(f"{ID}{kind.lower()}/{slug}")


AMAZON, ANTHROPIC, MICROSOFT = iri("Company", "amazon"), iri("Company", "anthropic"), iri("Company", "microsoft")
OPENAI, LONELY = iri("Company", "openai"), iri("Company", "lonely")
AWS, CLAUDE, AZURE = iri("Product", "aws"), iri("AIModel", "claude"), iri("Product", "azure")
JASSY, SEATTLE = iri("Person", "andy-jassy"), iri("Place", "seattle")


class Builder:
    """A two-document dataset written the way graph/rdf.py writes it."""

    def __init__(self):
        self.dataset = Dataset(default_union=True)
        self.claims = 0

    def graph(self, doc: URIRef) -> Graph:
        return self.dataset.graph(URIRef(str(doc).replace("/document/", "/graph/")))

    def document(
        self, doc: URIRef, title: str, url: str | None, author: str | None = None, date: str | None = None
    ) -> Graph:
        graph = self.graph(doc)
        graph.add((doc, RDF.type, SDO.VideoObject))
        graph.add((doc, SDO.name, Literal(title)))
        if date:
            graph.add((doc, SDO.datePublished, Literal(date, datatype=XSD.date)))
        if url:
            graph.add((doc, SDO.url, URIRef(url)))
        if author:
            graph.add((doc, SDO.author, Literal(author)))
        return graph

    def entity(self, graph: Graph, doc: URIRef, node: URIRef, kind: str, label: str, *aliases: str) -> None:
        graph.add((node, RDF.type, TG[kind]))
        graph.add((node, RDFS.label, Literal(label)))
        for alias in aliases:
            graph.add((node, SKOS.altLabel, Literal(alias)))
        graph.add((doc, TG.mentions, node))

    def claim(
        self, graph, doc, subject, predicate, obj, confidence, quote, second=None, link=None, estimated=False
    ) -> None:
        graph.add((subject, TG[predicate], obj))
        claim = self._claim(graph, doc, subject, predicate, obj, confidence, (TG.quote, Literal(quote)))
        if second is not None:
            graph.add((claim, TG.startSecond, Literal(f"{second:.1f}", datatype=XSD.decimal)))
            graph.add((claim, TG.secondEstimated, Literal(estimated)))
        if link:
            graph.add((claim, TG.deepLink, URIRef(link)))

    def known(self, doc: URIRef, subject: URIRef, predicate: str, obj: URIRef) -> None:
        """A fact of the name list whose ends the document names untied: no direct triple, no quote."""
        self._claim(self.graph(doc), doc, subject, predicate, obj, 0.45, (TG.basis, Literal("known")))

    def _claim(self, graph, doc, subject, predicate, obj, confidence, *more) -> URIRef:
        self.claims += 1
        claim = URIRef(f"{ID}claim/c{self.claims}")
        for key, value in [
            (RDF.type, TG.Claim),
            (RDF.subject, subject),
            (RDF.predicate, TG[predicate]),
            (RDF.object, obj),
            (PROV.wasDerivedFrom, doc),
            (TG.confidence, Literal(f"{confidence:.3f}", datatype=XSD.decimal)),
            *more,
        ]:
            graph.add((claim, key, value))
        return claim


def make_dataset() -> Dataset:
    return _fill(Builder()).dataset


def background_dataset() -> Dataset:
    """make_dataset() and background facts: one of a relation said in another video (Amazon develops
    AWS), one of an entity no said relation touches (Azure), one in 2024 (Andy Jassy works for Amazon)."""
    b = _fill(Builder())
    b.entity(b.graph(DOC2), DOC2, AZURE, "Product", "Azure")
    b.known(DOC2, AMAZON, "develops", AWS)
    b.known(DOC2, MICROSOFT, "develops", AZURE)
    b.known(DOC1, JASSY, "worksFor", AMAZON)
    return b.dataset


def _fill(b: Builder) -> Builder:
    one = b.document(
        DOC1, "Cloud deals", "https://www.youtube.com/watch?v=one", author="Strategy Daily", date="2024-11-05"
    )
    for node, kind, label, *aliases in [
        (AMAZON, "Company", "Amazon", "amazon.com"),
        (ANTHROPIC, "Company", "Anthropic"),
        (AWS, "Product", "AWS"),
        (CLAUDE, "AIModel", "Claude"),
        (JASSY, "Person", "Andy Jassy"),
        (SEATTLE, "Place", "Seattle"),
    ]:
        b.entity(one, DOC1, node, kind, label, *aliases)
    b.claim(
        one,
        DOC1,
        AMAZON,
        "partnerOf",
        ANTHROPIC,
        0.8,
        "Amazon works with Anthropic",
        61.0,
        "https://www.youtube.com/watch?v=one&t=61s",
    )
    b.claim(one, DOC1, AMAZON, "develops", AWS, 0.6, "Amazon built AWS")
    for number in range(7):
        b.claim(one, DOC1, ANTHROPIC, "develops", CLAUDE, 0.9 - number / 100, f"Anthropic makes Claude, take {number}")
    b.claim(one, DOC1, JASSY, "leads", AMAZON, 0.7, "Jassy runs Amazon")
    b.claim(one, DOC1, AMAZON, "basedIn", SEATTLE, 0.5, "Amazon in Seattle")

    two = b.document(DOC2, "Model wars", "https://www.youtube.com/watch?v=two", date="2025-06-20")
    for node, kind, label in [
        (AMAZON, "Company", "Amazon"),
        (ANTHROPIC, "Company", "Anthropic"),
        (AWS, "Product", "AWS"),
        (MICROSOFT, "Company", "Microsoft"),
        (OPENAI, "Company", "OpenAI"),
        (LONELY, "Company", "Lonely"),
    ]:
        b.entity(two, DOC2, node, kind, label)
    b.claim(two, DOC2, ANTHROPIC, "partnerOf", AMAZON, 0.65, "Anthropic relies on Amazon", 12.0, estimated=True)
    b.claim(two, DOC2, MICROSOFT, "partnerOf", OPENAI, 0.75, "Microsoft has OpenAI in the fold")
    b.claim(two, DOC2, MICROSOFT, "competesWith", AMAZON, 0.4, "Microsoft fights Amazon")
    b.claim(two, DOC2, ANTHROPIC, "uses", AWS, 0.55, "Anthropic trains on AWS")
    return b


def big_dataset(entities: int, relations: int, videos: int = 100, seed: int = 7) -> Dataset:
    """A generated archive: a few hubs in many relations, a long tail in one or none."""
    rng = random.Random(seed)
    b = Builder()
    graph = b.dataset.graph(URIRef(ID + "graph/archive"))
    kinds = list(default_schema().entity_types)
    nodes = [URIRef(f"{ID}entity/e{n}") for n in range(entities)]
    for n, node in enumerate(nodes):
        graph.add((node, RDF.type, TG[kinds[n % len(kinds)]]))
        graph.add((node, RDFS.label, Literal(f"Entity {n}")))
    docs = [URIRef(f"{ID}document/v{n}") for n in range(videos)]
    for n, doc in enumerate(docs):
        graph.add((doc, SDO.name, Literal(f"Video {n}")))
    relation_names = ["partnerOf", "competesWith", "develops", "uses", "investsIn", "leads"]
    for n in range(relations):
        subject, obj = nodes[int(entities * rng.random() ** 3)], rng.choice(nodes)
        if subject != obj:
            doc = rng.choice(docs)
            b.claim(graph, doc, subject, relation_names[n % len(relation_names)], obj, rng.random(), f"quote {n}")
            graph.add((doc, TG.mentions, subject))
    return b.dataset


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return make_dataset()


def by_label(nodes):
    return {node["label"]: node for node in nodes}


def edge_between(edges, source, relation, target):
    found = [e for e in edges if (e["from"], e["relation"], e["to"]) == (str(source), relation, str(target))]
    assert len(found) == 1, found
    return found[0]


def evidence(edge: dict, videos: list[dict]) -> list[dict]:
    """The edge's claims, best first, each with its video's fields in place of the video's number."""
    return [
        {**{key: value for key, value in claim.items() if key != "video"}, **videos[claim["video"]]}
        for claim in edge["claims"]
    ]


def labels(nodes) -> set[str]:
    return {node["label"] for node in nodes}


def data_block(html: str) -> dict:
    blocks = DATA_BLOCK.findall(html)
    assert len(blocks) == 1
    return json.loads(blocks[0])


# --- network_data ------------------------------------------------------------------------------
def test_one_node_per_entity_with_type_style_aliases_and_document_count(dataset):
    nodes, edges, _ = network_data(dataset)
    assert len(nodes) == 9 and len(edges) == 8
    nodes = by_label(nodes)
    amazon = nodes["Amazon"]
    assert amazon["id"] == str(AMAZON)
    assert (amazon["type"], amazon["aliases"], amazon["documents"]) == ("Company", ["amazon.com"], 2)
    types = default_schema().entity_types  # colours and shapes are relations.yaml's
    assert (amazon["color"], amazon["shape"]) == (types["Company"].colour, types["Company"].shape)
    assert (nodes["Andy Jassy"]["shape"], nodes["Seattle"]["shape"]) == (types["Person"].shape, types["Place"].shape)
    assert nodes["Claude"]["documents"] == 1 and nodes["Lonely"]["documents"] == 1
    assert amazon["size"] > nodes["Claude"]["size"]
    assert amazon["relations"][0] == "Amazon partner of Anthropic"
    assert len(amazon["relations"]) == 5
    assert "amazon.com" in amazon["title"] and "Company" in amazon["title"]


def test_symmetric_claims_in_both_directions_make_one_undirected_edge(dataset):
    _, edges, videos = network_data(dataset)
    edge = edge_between(edges, AMAZON, "partnerOf", ANTHROPIC)
    assert (edge["label"], edge["arrows"]) == ("partner of", "")
    assert (edge["confidence"], edge["support"]) == (0.8, 2)
    first, second = evidence(edge, videos)
    assert first == {
        "quote": "Amazon works with Anthropic",
        "confidence": 0.8,
        "title": "Cloud deals",
        "author": "Strategy Daily",
        "url": "https://www.youtube.com/watch?v=one",
        "date": "2024-11-05",
        "link": "https://www.youtube.com/watch?v=one&t=61s",
        "second": 61.0,
        "estimated": False,
    }
    assert second == {
        "quote": "Anthropic relies on Amazon",
        "confidence": 0.65,
        "title": "Model wars",
        "author": "",
        "url": "https://www.youtube.com/watch?v=two",
        "date": "2025-06-20",
        "link": "https://www.youtube.com/watch?v=two&t=12s",
        "second": 12.0,
        "estimated": True,
    }


def test_each_video_is_listed_once_and_claims_name_it_by_number(dataset):
    _, edges, videos = network_data(dataset)
    assert [(video["title"], video["date"]) for video in videos] == [
        ("Cloud deals", "2024-11-05"),
        ("Model wars", "2025-06-20"),
    ]
    assert {claim["video"] for edge in edges for claim in edge["claims"]} == {0, 1}


def test_the_best_claim_is_the_most_confident_then_the_shortest():
    b = Builder()
    one = b.document(DOC1, "Cloud deals", "https://www.youtube.com/watch?v=one")
    for quote, confidence in [("Amazon built AWS, as everyone knows", 0.6), ("Amazon built AWS", 0.6), ("AWS", 0.5)]:
        b.claim(one, DOC1, AMAZON, "develops", AWS, confidence, quote)
    b.claim(one, DOC1, AMAZON, "develops", AWS, 0.6, "Amazon built AWS")  # the same words again: listed once
    _, edges, _ = network_data(b.dataset)
    claims = edge_between(edges, AMAZON, "develops", AWS)["claims"]
    assert [claim["quote"] for claim in claims] == ["Amazon built AWS", "Amazon built AWS, as everyone knows", "AWS"]


def test_evidence_without_a_second_links_to_the_video_and_without_a_url_to_nothing():
    b = Builder()
    one = b.document(DOC1, "Cloud deals", "https://www.youtube.com/watch?v=one")
    two = b.document(DOC2, "A podcast", None)
    b.claim(one, DOC1, AMAZON, "develops", AWS, 0.6, "Amazon built AWS")
    b.claim(two, DOC2, AMAZON, "develops", AWS, 0.5, "AWS is Amazon's", 30.0)
    _, edges, _ = network_data(b.dataset)
    claims = edge_between(edges, AMAZON, "develops", AWS)["claims"]
    assert [(item["link"], item["second"]) for item in claims] == [
        ("https://www.youtube.com/watch?v=one", None),
        (None, 30.0),
    ]


def test_author_given_as_a_node_is_shown_by_its_name():
    b = Builder()
    one = b.document(DOC1, "Cloud deals", "https://www.youtube.com/watch?v=one")
    channel = URIRef(ID + "channel/strategy-daily")
    one.add((DOC1, SDO.author, channel))
    one.add((channel, SDO.name, Literal("Strategy Daily")))
    b.claim(one, DOC1, AMAZON, "develops", AWS, 0.6, "Amazon built AWS")
    _, edges, videos = network_data(b.dataset)
    assert evidence(edge_between(edges, AMAZON, "develops", AWS), videos)[0]["author"] == "Strategy Daily"


def test_directed_edges_have_arrows_and_every_claim(dataset):
    _, edges, _ = network_data(dataset)
    develops = edge_between(edges, ANTHROPIC, "develops", CLAUDE)
    assert (develops["arrows"], develops["support"], develops["confidence"]) == ("to", 1, 0.9)
    assert [item["quote"][-6:] for item in develops["claims"]] == [f"take {n}" for n in range(7)]
    leads = edge_between(edges, JASSY, "leads", AMAZON)
    assert leads["arrows"] == "to" and leads["color"] != develops["color"]
    assert edge_between(edges, AMAZON, "develops", AWS)["claims"][0]["second"] is None


def test_reads_the_union_of_any_graph_or_dataset(dataset, tmp_path):
    path = tmp_path / "g.trig"
    dataset.serialize(path, format="trig")
    no_union = Dataset(default_union=False).parse(path, format="trig")
    plain = Graph()
    for triple in dataset.triples((None, None, None)):
        plain.add(triple)
    expected = network_data(dataset)
    assert len(expected[1]) == 8
    assert network_data(no_union) == expected
    assert network_data(plain) == expected


def test_relation_filter_keeps_those_edges_and_the_entities_they_touch(dataset):
    nodes, edges, _ = network_data(dataset, relations=["partnerOf"])
    assert {e["relation"] for e in edges} == {"partnerOf"} and len(edges) == 2
    assert labels(nodes) == {"Amazon", "Anthropic", "Microsoft", "OpenAI"}


def test_type_filter_keeps_entities_of_those_types(dataset):
    nodes, edges, _ = network_data(dataset, types=["company"])
    assert labels(nodes) == {"Amazon", "Anthropic", "Microsoft", "OpenAI", "Lonely"}
    assert sorted(e["relation"] for e in edges) == ["competesWith", "partnerOf", "partnerOf"]


def test_relations_may_be_named_by_iri_and_focus_outside_the_types_is_refused(dataset):
    _, edges, _ = network_data(dataset, relations=[str(TG.leads)])
    assert [(e["from"], e["to"]) for e in edges] == [(str(JASSY), str(AMAZON))]
    with pytest.raises(TalkgraphError, match="'Claude' is not among the entity types kept"):
        network_data(dataset, types=["Company"], focus="Claude")


def test_unknown_relation_or_type_is_refused(dataset):
    with pytest.raises(TalkgraphError, match="unknown relation likes"):
        network_data(dataset, relations=["likes"])
    with pytest.raises(TalkgraphError, match="unknown type Planet"):
        network_data(dataset, types=["Planet"])


@pytest.mark.parametrize(
    "depth, expected",
    [
        (0, {"Amazon"}),
        (1, {"Amazon", "Anthropic", "AWS", "Andy Jassy", "Seattle", "Microsoft"}),
        (2, {"Amazon", "Anthropic", "AWS", "Andy Jassy", "Seattle", "Microsoft", "Claude", "OpenAI"}),
    ],
)
def test_focus_by_alias_keeps_the_ego_graph(dataset, depth, expected):
    nodes, edges, _ = network_data(dataset, focus="AMAZON.COM", depth=depth)
    assert labels(nodes) == expected
    ids = {node["id"] for node in nodes}
    assert all(e["from"] in ids and e["to"] in ids for e in edges)
    assert len(edges) == {0: 0, 1: 6, 2: 8}[depth]


def test_focus_on_an_unknown_name_raises_a_one_line_error(dataset):
    with pytest.raises(TalkgraphError) as raised:
        network_data(dataset, focus="Nobody Inc")
    assert "Nobody Inc" in str(raised.value) and "\n" not in str(raised.value)


def test_max_nodes_keeps_the_most_connected(dataset):
    nodes, edges, _ = network_data(dataset, max_nodes=2)
    assert labels(nodes) == {"Amazon", "Anthropic"}
    assert [(e["relation"]) for e in edges] == ["partnerOf"]


def test_max_nodes_of_a_big_graph_keeps_entities_in_the_most_relations():
    dataset = big_dataset(1500, 2000)
    _, all_edges, _ = network_data(dataset)
    degree = {}
    for edge in all_edges:
        for end in (edge["from"], edge["to"]):
            degree[end] = degree.get(end, 0) + 1
    nodes, edges, _ = network_data(dataset, max_nodes=100)
    kept = {node["id"] for node in nodes}
    assert len(kept) == 100 and len(degree) > 1000
    assert min(degree.get(iri, 0) for iri in kept) >= max(d for iri, d in degree.items() if iri not in kept)
    assert edges and all(edge["from"] in kept and edge["to"] in kept for edge in edges)


def test_min_support_keeps_relations_said_in_that_many_videos(dataset):
    nodes, edges, _ = network_data(dataset, min_support=2)
    assert [(e["relation"], e["support"]) for e in edges] == [("partnerOf", 2)]
    assert labels(nodes) == {"Amazon", "Anthropic"}
    with pytest.raises(TalkgraphError, match="min_support must be 0 or more, not -1"):
        network_data(dataset, min_support=-1)


def test_min_confidence_drops_weaker_edges(dataset):
    nodes, edges, _ = network_data(dataset, min_confidence=0.7)
    assert sorted(e["confidence"] for e in edges) == [0.7, 0.75, 0.8, 0.9]
    assert labels(nodes) == {"Amazon", "Anthropic", "Claude", "Andy Jassy", "Microsoft", "OpenAI"}


# --- background facts (basis "known") -----------------------------------------------------------
def known_edges(edges: list[dict]) -> dict[tuple[str, str, str], dict]:
    return {(e["from"], e["relation"], e["to"]): e for e in edges if e["basis"] == "known"}


def test_background_facts_are_left_out_unless_asked_for_and_then_follow_the_said_edges():
    plain = network_data(make_dataset())
    without = network_data(background_dataset())
    nodes, edges, videos = network_data(background_dataset(), background=True)
    assert without.edges == plain.edges and {e["basis"] for e in plain.edges} == {"said"}
    assert edges[: len(plain.edges)] == plain.edges and videos == plain.videos
    assert len(nodes) == len(plain.nodes) + 1  # Azure, named in a video, is an entity either way
    known = known_edges(edges)
    assert list(known) == [
        (str(AMAZON), "develops", str(AWS)),
        (str(MICROSOFT), "develops", str(AZURE)),
        (str(JASSY), "worksFor", str(AMAZON)),
    ]
    amazon_aws = known[(str(AMAZON), "develops", str(AWS))]
    assert amazon_aws["id"] == f"known {AMAZON} develops {AWS}"  # apart from the said edge of the same triple
    assert amazon_aws["id"] != edge_between(plain.edges, AMAZON, "develops", AWS)["id"]
    assert (amazon_aws["dashes"], amazon_aws["width"], amazon_aws["support"]) == (True, 1, 1)
    assert amazon_aws["color"] != edge_between(plain.edges, AMAZON, "develops", AWS)["color"]
    assert amazon_aws["smooth"]["enabled"]  # curved beside the said edge between the same two entities
    assert amazon_aws["claims"] == [{"video": 1, "confidence": 0.45}]  # the video only: no quote, no second
    assert videos[1]["title"] == "Model wars"


def test_background_facts_obey_the_relation_type_and_focus_options():
    dataset = background_dataset()
    develops = known_edges(network_data(dataset, background=True, relations=["develops"]).edges)
    assert list(develops) == [(str(AMAZON), "develops", str(AWS))]  # no said develops keeps Microsoft or Azure
    companies = known_edges(network_data(dataset, background=True, types=["Company", "Person"]).edges)
    assert list(companies) == [(str(JASSY), "worksFor", str(AMAZON))]
    focused = network_data(dataset, background=True, focus="Anthropic", depth=1)
    assert list(known_edges(focused.edges)) == [(str(AMAZON), "develops", str(AWS))]


def test_the_page_holds_background_facts_apart_from_its_relations_legend_and_counts():
    data = data_block(render_network(background_dataset()))
    plain = data_block(render_network(background_dataset(), background=False))
    assert [edge["basis"] for edge in data["background"]] == ["known"] * 3 and plain["background"] == []
    assert {edge["basis"] for edge in data["edges"]} == {"said"}
    for key in ("nodes", "edges", "videos", "types", "relations", "maxSupport", "options"):
        assert data[key] == plain[key], key


# --- the HTML page --------------------------------------------------------------------------------
def test_page_is_self_contained_and_embeds_the_data(dataset):
    html = render_network(dataset)
    outside_data = DATA_BLOCK.sub("", html)
    assert not re.search(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", outside_data, re.I)
    assert not re.search(r"<script\b[^>]*\bsrc\s*=", html, re.I)
    assert not re.search(r"<link\b", html, re.I)
    assert "window.network" in html and "stabilizationIterationsDone" in html
    assert "physics: false" in html and "innerHTML" not in outside_data.split("<script>")[-1]
    vis_js = resources.files("pyvis").joinpath("lib/vis-9.1.2/vis-network.min.js").read_text(encoding="utf-8")
    assert vis_js[:300] in html
    data = data_block(html)
    assert (data["nodes"], data["edges"], data["videos"]) == tuple(json.loads(json.dumps(network_data(dataset))))
    assert {t["name"] for t in data["types"]} == {"Company", "Product", "AIModel", "Person", "Place"}
    assert {r["name"]: r["directed"] for r in data["relations"]}["partnerOf"] is False


def test_options_reach_the_page(dataset):
    data = data_block(render_network(dataset, relations=["partnerOf"], min_confidence=0.7))
    assert [e["relation"] for e in data["edges"]] == ["partnerOf", "partnerOf"]
    assert (data["minConfidence"], data["minSupport"], data["maxSupport"]) == (0.7, 0, 2)
    assert data_block(render_network(dataset, min_support=2))["minSupport"] == 2


def test_only_the_pages_own_scripts_may_run():
    html = render_network(make_dataset())
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    hashes = ["'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'" for s in scripts]
    assert len(scripts) == 2
    assert f"script-src {' '.join(hashes)};" in policy
    assert "unsafe-inline" not in policy.split("style-src")[0] and "default-src 'none'" in policy


def test_node_size_and_label_grow_with_the_videos_that_name_the_entity():
    b = Builder()
    for n in range(30):
        doc = URIRef(f"{ID}document/d{n}")
        graph = b.document(doc, f"video {n}", None)
        b.entity(graph, doc, AMAZON, "Company", "Amazon")
        if n < 4:
            b.entity(graph, doc, ANTHROPIC, "Company", "Anthropic")
        if n == 0:
            b.entity(graph, doc, AWS, "Product", "AWS")
    nodes = by_label(network_data(b.dataset)[0])
    sizes = [
        (nodes[name]["documents"], nodes[name]["size"], nodes[name]["font"]["size"])
        for name in ("AWS", "Anthropic", "Amazon")
    ]
    assert sizes == [(1, 15.0, 14), (4, 20.0, 16), (30, 37.4, 30)]
    assert max(node["size"] for node in network_data(big_dataset(300, 3000, videos=300))[0]) == 48


def test_big_graphs_get_a_cheaper_layout_that_still_stops():
    small = data_block(render_network(make_dataset()))["options"]
    big = data_block(render_network(big_dataset(2000, 100)))["options"]
    assert small["physics"]["stabilization"]["iterations"] == 400
    assert big["physics"]["stabilization"]["iterations"] == 100
    assert (small["physics"]["forceAtlas2Based"]["theta"], big["physics"]["forceAtlas2Based"]["theta"]) == (0.5, 1.0)
    assert big["interaction"]["hideEdgesOnZoom"] is True and small["interaction"]["hideEdgesOnZoom"] is False
    assert big["layout"]["improvedLayout"] is False


def test_write_network_writes_the_page(dataset, tmp_path):
    path = write_network(dataset, tmp_path / "out" / "net.html", focus="Claude")
    assert path == tmp_path / "out" / "net.html"
    assert labels(data_block(path.read_text(encoding="utf-8"))["nodes"]) == {"Claude", "Anthropic"}


def test_script_json_escapes_what_could_end_the_script_block():
    text = script_json({"q": "</script>&<b>\u2028\u2029"})
    assert text == '{"q":"\\u003c/script\\u003e\\u0026\\u003cb\\u003e\\u2028\\u2029"}'
    assert json.loads(text) == {"q": "</script>&<b>\u2028\u2029"}


def test_transcript_text_cannot_inject_markup(write_transcript, schema):
    title = f"Deals {EVIL} & <b>bold</b>\u2028end"
    path = write_transcript(
        f"Amazon is working with Anthropic. {EVIL} Microsoft has OpenAI in the fold.",
        title=title,
        author=f"Mallory {EVIL}",
    )
    dataset, report = build([path], schema=schema)
    assert report.documents == 1 and report.assertions >= 1
    html = render_network(dataset)
    assert "</script><img" not in html and "<img" not in html
    assert "\u2028" not in html and "<b>bold" not in html
    assert html.count("</script>") == 3  # the data block, vis-network and the page script
    data = data_block(html)
    claims = [item for edge in data["edges"] for item in evidence(edge, data["videos"])]
    assert claims and {item["title"] for item in claims} == {title}
    assert f"{EVIL} Microsoft has OpenAI in the fold." in {item["quote"] for item in claims}


# --- from the command line ------------------------------------------------------------------------
@pytest.fixture(scope="module")
def graph_file(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("viz") / "graph.trig"
    make_dataset().serialize(path, format="trig")
    return str(path)


def viz(graph_file: str, tmp_path, *options: str) -> dict:
    target = tmp_path / "page.html"
    result = CliRunner().invoke(main, ["viz", graph_file, "-o", str(target), *options])
    assert result.exit_code == 0, result.output
    return data_block(target.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "options, nodes, edges",
    [
        ((), 9, 8),
        (("--focus", "Microsoft", "--depth", "1"), {"Microsoft", "OpenAI", "Amazon"}, 2),
        (
            ("--focus", "Microsoft", "--depth", "2"),
            {"Microsoft", "OpenAI", "Amazon", "Anthropic", "AWS", "Andy Jassy", "Seattle"},
            7,
        ),
        (("--relations", "partnerOf, competesWith"), {"Amazon", "Anthropic", "Microsoft", "OpenAI"}, 3),
        (("--types", "Company,Person"), {"Amazon", "Anthropic", "Microsoft", "OpenAI", "Lonely", "Andy Jassy"}, 4),
        (("--max-nodes", "3"), {"Amazon", "Anthropic", "AWS"}, 3),
        (("--min-confidence", "0.75"), {"Amazon", "Anthropic", "Claude", "Microsoft", "OpenAI"}, 3),
        (("--min-support", "2"), {"Amazon", "Anthropic"}, 1),
    ],
)
def test_viz_options_from_the_command_line(graph_file, tmp_path, options, nodes, edges):
    data = viz(graph_file, tmp_path, *options)
    assert (labels(data["nodes"]) if isinstance(nodes, set) else len(data["nodes"])) == nodes
    assert len(data["edges"]) == edges


def test_viz_errors_are_one_line_that_says_what_to_do(graph_file, tmp_path):
    result = CliRunner().invoke(main, ["viz", graph_file, "-o", str(tmp_path / "x.html"), "--relations", "likes"])
    assert result.exit_code == 1 and not (tmp_path / "x.html").exists()
    assert result.stderr.strip().startswith("talkgraph: error: unknown relation likes; choose from acquires, basedIn")
    assert len(result.stderr.strip().splitlines()) == 1

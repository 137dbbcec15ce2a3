"""Scoring a graph against a gold file."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef

from graph.errors import TalkgraphError
from graph.evaluate import Score, evaluate, fold, load_gold
from graph.rdf import TG

GOLD = Path(__file__).resolve().parent / "data" / "gold" / "2025-01-20-deepseek-releases-r1.yaml"


def _gold(tmp_path, text: str):
    path = tmp_path / "gold.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return load_gold(path)


def _graph(entities: dict[str, str], triples: list[tuple[str, str, str]]) -> Graph:
    """entities: label → type (a label may appear once); triples: (label, relation, label)."""
    graph = Graph()
    nodes = {}
    for index, (label, etype) in enumerate(entities.items()):
        node = URIRef(f"https://talkgraph.dev/id/test/{index}")
        nodes[label] = node
        graph.add((node, RDF.type, TG[etype]))
        graph.add((node, RDFS.label, Literal(label)))
    for s, p, o in triples:
        graph.add((nodes[s], TG[p], nodes[o]))
    return graph


def test_fold():
    assert fold("Open-AI") == "openai"
    assert fold("  Amazon.com ") == "amazoncom"
    assert fold("GPT-4o") == "gpt4o"
    assert fold(42) == "42"


def test_alias_matching(tmp_path):
    gold = _gold(
        tmp_path,
        """
        aliases:
          OpenAI: [open ai, Open A.I.]
          AWS: [Amazon Web Services]
        entities:
          Company: [OpenAI, Microsoft]
          Product: [AWS]
        triples:
          - [Microsoft, partnerOf, OpenAI]
          - [Amazon, develops, AWS]
    """,
    )
    assert gold.canon("OPEN-AI") == "openai"
    assert gold.canon("open a.i.") == "openai"
    assert gold.canon("amazon web services") == "aws"
    assert gold.canon("Unknown Thing") == "unknownthing"
    graph = _graph(
        {"Microsoft": "Company", "Open A I": "Company", "Amazon": "Company", "Amazon Web Services": "Product"},
        [("Microsoft", "partnerOf", "Open A I"), ("Amazon", "develops", "Amazon Web Services")],
    )
    result = evaluate(graph, gold)
    assert (result.triples.true_positives, result.triples.false_positives, result.triples.false_negatives) == (2, 0, 0)
    assert result.triples.f1 == 1.0
    assert result.missed == [] and result.spurious == []


def test_symmetric_relations_match_in_either_order(tmp_path):
    gold = _gold(
        tmp_path,
        """
        triples:
          - [Amazon, partnerOf, Anthropic]
          - [Google, competesWith, OpenAI]
          - [Amazon, develops, Alexa]
    """,
    )
    graph = _graph(
        {"Amazon": "Company", "Anthropic": "Company", "Google": "Company", "OpenAI": "Company", "Alexa": "Product"},
        [("Anthropic", "partnerOf", "Amazon"), ("OpenAI", "competesWith", "Google"), ("Alexa", "develops", "Amazon")],
    )
    result = evaluate(graph, gold)
    assert result.triples.true_positives == 2
    assert result.triples.false_positives == 1  # develops is not symmetric
    assert result.triples.false_negatives == 1
    assert result.spurious == ["Alexa develops Amazon"]
    assert result.missed == ["Amazon develops Alexa"]
    assert result.per_relation["partnerOf"].true_positives == 1
    assert result.per_relation["develops"].false_positives == 1
    assert result.per_relation["develops"].false_negatives == 1


def test_object_alternatives(tmp_path):
    gold = _gold(
        tmp_path,
        """
        aliases:
          Advertising: [ads]
        triples:
          - [Google, monetizesVia, [Search, Advertising]]
          - [[Meta, Facebook], monetizesVia, Advertising]
    """,
    )
    graph = _graph(
        {
            "Google": "Company",
            "Search": "RevenueStream",
            "ads": "RevenueStream",
            "Facebook": "Company",
            "Cloud": "RevenueStream",
        },
        [
            ("Google", "monetizesVia", "Search"),
            ("Google", "monetizesVia", "ads"),
            ("Facebook", "monetizesVia", "ads"),
            ("Google", "monetizesVia", "Cloud"),
        ],
    )
    result = evaluate(graph, gold)
    # two predictions match the same gold triple: one true positive, not a false positive
    assert result.triples.true_positives == 2
    assert result.triples.false_positives == 1
    assert result.triples.false_negatives == 0
    assert result.spurious == ["Google monetizesVia Cloud"]


def test_optional_triples_are_neither_tp_nor_fp(tmp_path):
    gold = _gold(
        tmp_path,
        """
        triples:
          - [DeepSeek, develops, R1]
        optional:
          - [DeepSeek, competesWith, Google]
          - [OpenAI, develops, [GPT-4, ChatGPT]]
    """,
    )
    graph = _graph(
        {"DeepSeek": "Company", "R1": "AIModel", "Google": "Company", "OpenAI": "Company", "ChatGPT": "Product"},
        [("DeepSeek", "develops", "R1"), ("Google", "competesWith", "DeepSeek"), ("OpenAI", "develops", "ChatGPT")],
    )
    result = evaluate(graph, gold)
    assert (result.triples.true_positives, result.triples.false_positives, result.triples.false_negatives) == (1, 0, 0)
    assert result.triples.precision == 1.0 and result.triples.recall == 1.0
    assert "competesWith" not in result.per_relation
    # an optional triple that is not predicted is not missed either
    empty = evaluate(_graph({}, []), gold)
    assert empty.missed == ["DeepSeek develops R1"]
    assert empty.triples.false_negatives == 1


def test_entity_listed_under_two_types(tmp_path):
    gold = _gold(
        tmp_path,
        """
        aliases:
          AWS: [Amazon Web Services]
        entities:
          Company: [AWS, Amazon]
          Product: [AWS]
          Person: [Andy Jassy]
        triples: []
    """,
    )
    assert gold.entities["aws"] == {"Company", "Product"}
    as_product = evaluate(_graph({"Amazon Web Services": "Product", "Amazon": "Company"}, []), gold)
    assert (
        as_product.entities.true_positives,
        as_product.entities.false_positives,
        as_product.entities.false_negatives,
    ) == (2, 0, 1)
    assert as_product.missed_entities == ["andyjassy (Person)"]
    as_company = evaluate(_graph({"AWS": "Company"}, []), gold)
    assert as_company.entities.true_positives == 1
    wrong = evaluate(_graph({"AWS": "Place", "Andy Jassy": "Company"}, []), gold)
    assert wrong.entities.true_positives == 0
    assert wrong.spurious_entities == ["AWS (Place)", "Andy Jassy (Company)"]
    assert wrong.entities.false_negatives == 3


def test_a_revenue_stream_counts_as_an_entity_only_where_a_triple_uses_it(tmp_path):
    """The guideline lists revenue streams only where a triple uses them; one that only a
    background fact names (no stated triple) is no entity the graph claims the talk names."""
    gold = _gold(
        tmp_path,
        """
        entities:
          Company: [Nvidia, Meta]
          RevenueStream: [Advertising]
        triples:
          - [Meta, monetizesVia, Advertising]
    """,
    )
    entities = {
        "Nvidia": "Company",
        "Meta": "Company",
        "Advertising": "RevenueStream",
        "Hardware sales": "RevenueStream",
    }
    used = evaluate(_graph(entities, [("Meta", "monetizesVia", "Advertising")]), gold)
    assert (used.entities.true_positives, used.entities.false_positives) == (3, 0)
    unused = evaluate(_graph(entities, []), gold)
    assert (unused.entities.true_positives, unused.entities.false_positives) == (2, 0)
    assert unused.missed_entities == ["advertising (RevenueStream)"]


def test_score_arithmetic():
    score = Score(true_positives=3, false_positives=1, false_negatives=2)
    assert score.precision == 0.75
    assert score.recall == 0.6
    assert score.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert Score().f1 == 0.0 and Score().precision == 0.0 and Score().recall == 0.0
    assert score.line("t") == "t: P=0.75 R=0.60 F1=0.67 (tp=3 fp=1 fn=2)"


@pytest.mark.parametrize(
    "text, message",
    [
        ("- just a list\n", "a mapping with a 'triples' list"),
        ("triples:\n  - [A, likes, B]\n", "known relation"),
        ("triples:\n  - [A, develops]\n", "must be [subject, relation, object]"),
        ("entities:\n  Robot: [R2]\ntriples: []\n", "entities.Robot is not an entity type"),
        ("triples: [unclosed\n", "cannot read gold file"),
    ],
)
def test_bad_gold_files(tmp_path, text, message):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TalkgraphError) as caught:
        load_gold(path)
    assert message in str(caught.value)
    assert str(path) in str(caught.value)


def test_missing_gold_file(tmp_path):
    with pytest.raises(TalkgraphError, match="cannot read gold file"):
        load_gold(tmp_path / "nope.yaml")


def test_example_against_its_gold(example_dataset):
    result = evaluate(example_dataset, load_gold(GOLD))
    assert result.triples.f1 >= 0.5
    assert result.triples.true_positives >= 13
    assert "Amazon partnerOf Anthropic" not in result.missed
    assert result.entities.f1 >= 0.5
    data = result.as_dict()
    assert data["triples"]["f1"] == round(result.triples.f1, 4)
    assert set(data) == {
        "triples",
        "entities",
        "per_relation",
        "missed",
        "spurious",
        "missed_entities",
        "spurious_entities",
    }
    report = result.report()
    assert report.splitlines()[0] == "per relation:"
    assert report.splitlines()[-2].startswith("triples: P=")


def test_scores_add_up_to_a_micro_average():
    total = Score(1, 2, 3)
    total.add(Score(4, 0, 1))
    assert (total.true_positives, total.false_positives, total.false_negatives) == (5, 2, 4)
    assert total.precision == 5 / 7


CROSSCHANNEL_GOLD = sorted((Path(__file__).resolve().parent / "data" / "crosschannel").glob("*/gold/*.yaml"))


@pytest.mark.parametrize("path", CROSSCHANNEL_GOLD, ids=lambda p: p.stem[:40])
def test_crosschannel_gold_files_load_and_name_their_entities(path):
    gold = load_gold(path)
    assert gold.triples
    for triple in gold.triples:
        for name in triple.subjects | triple.objects:
            assert name in gold.entities, f"{triple.text}: {name} is not among the entities"


def test_crosschannel_gold_keeps_four_held_out():
    assert len(CROSSCHANNEL_GOLD) >= 14
    assert len([p for p in CROSSCHANNEL_GOLD if p.parent.parent.name == "heldout"]) >= 4

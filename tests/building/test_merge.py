"""graph/building/merge.py: a name spelled one way in one transcript and another way in the
next is one entity, in a build's dataset, a store built bit by bit, and a load."""

from __future__ import annotations

import pytest
from rdflib import RDF, RDFS, SKOS, Literal, URIRef

from graph.building import build, extract_files, load_files
from graph.building.merge import Named, merges
from graph.rdf import ID, TG, graph_iri
from graph.stores.memory import MemoryStore

WIGGUM, WIGUM = URIRef(f"{ID}person/ralph-wiggum"), URIRef(f"{ID}person/ralph-wigum")
ANTHROPIC = URIRef(f"{ID}company/anthropic")
TEXTS = {  # the spelling two transcripts use, and one the captions of a third garbled
    "one": ("We talked about Ralph Wiggum. Ralph Wiggum works for Anthropic.", "videoone00"),
    "two": ("Ralph Wiggum is a loop. Then Ralph Wiggum stops.", "videotwo00"),
    "three": ("Today Ralph Wigum works for Anthropic. That is all for now.", "videothree0"),
}


@pytest.fixture
def folder(tmp_path, write_transcript):
    for name, (text, video) in TEXTS.items():
        write_transcript(text, name=f"talks/{name}.md", video_id=video)
    return tmp_path / "talks"


@pytest.mark.parametrize("named_graphs", [True, False])
def test_a_name_spelled_apart_in_two_transcripts_is_one_entity(folder, schema, named_graphs):
    dataset, report = build([folder], schema=schema, named_graphs=named_graphs)
    assert {iri: entity.name for iri, entity in report.merged.items()} == {str(WIGUM): "Ralph Wiggum"}
    assert not list(dataset.triples((WIGUM, None, None))) and not list(dataset.triples((None, None, WIGUM)))
    assert set(dataset.objects(WIGGUM, RDFS.label)) == {Literal("Ralph Wiggum")}
    assert set(dataset.objects(WIGGUM, SKOS.altLabel)) == {Literal("Ralph Wigum")}
    assert set(dataset.objects(WIGGUM, RDF.type)) == {TG.Person}
    assert (WIGGUM, TG.worksFor, ANTHROPIC) in dataset
    said = {str(q) for c in dataset.subjects(RDF.subject, WIGGUM) for q in dataset.objects(c, TG.quote)}
    assert "Today Ralph Wigum works for Anthropic." in said
    assert len(set(dataset.subjects(TG.mentions, WIGGUM))) == 3


def test_each_documents_graph_names_the_entity_it_was_merged_into(folder, schema):
    dataset, _ = build([folder], schema=schema)
    three = dataset.graph(graph_iri("videothree0"))
    assert (WIGGUM, RDFS.label, Literal("Ralph Wiggum")) in three
    assert (WIGGUM, SKOS.altLabel, Literal("Ralph Wigum")) in three
    assert set(three.objects(None, TG.mentions)) == {WIGGUM, ANTHROPIC}
    one = dataset.graph(graph_iri("videoone00"))
    assert not list(one.objects(WIGGUM, SKOS.altLabel))  # said one way there


@pytest.mark.parametrize("first", ["three", "one"])
def test_a_store_built_a_transcript_at_a_time_merges_as_a_build_does(folder, store, schema, first):
    """The garbled spelling stored first (its graph is rewritten later), or last (merged before it is written)."""
    build([folder / f"{first}.md"], schema=schema, store=store)
    _, report = build([folder], schema=schema, store=store)
    assert report.extracted == 2 and set(report.merged) == {str(WIGUM)}
    built, _ = build([folder], schema=schema)
    assert set(store.named_quads()) == set(MemoryStore(built).named_quads())


def test_load_merges_as_a_build_does(folder, store, schema, tmp_path):
    extract_files([folder], tmp_path / "quads")
    report = load_files(tmp_path / "quads", store, schema=schema)
    assert set(report.merged) == {str(WIGUM)}
    built, _ = build([folder], schema=schema)
    assert set(store.named_quads()) == set(MemoryStore(built).named_quads())


def test_merges_names_the_list_has_and_leaves_versions_and_listed_names(schema):
    named = [
        Named(f"{ID}person/sam-elmen", "Person", "Sam Elmen", 1),  # a name a language model gave, say
        Named(f"{ID}company/sam-elmen", "Company", "Sam Elmen", 1),  # not the listed person's type
        Named(f"{ID}aimodel/gpt-5-1", "AIModel", "GPT-5.1", 3),
        Named(f"{ID}aimodel/gpt-5-2", "AIModel", "GPT-5.2", 1),
        Named(f"{ID}person/ralph-wigum", "Person", "Ralph Wigum", 1),
        Named(f"{ID}person/ralph-wiggum", "Person", "Ralph Wiggum", 2),
        Named(f"{ID}person/ralph-wiggumlike", "Person", "Ralph Wiggumlike", 5),
        Named(f"{ID}person/sam-altman", "Person", "Sam Altman", 9),
    ]
    assert {iri.removeprefix(ID): (e.name, e.type) for iri, e in merges(named, schema).items()} == {
        "person/sam-elmen": ("Sam Altman", "Person"),
        "person/ralph-wigum": ("Ralph Wiggum", "Person"),
    }

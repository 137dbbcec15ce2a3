"""Builds with corrections: each kind changes the graph of real transcripts and says so in its
provenance, and an incremental build extracts again what a changed corrections file touches."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, SKOS, Literal, URIRef

from graph.building import build
from graph.corrections import FILE_NAME
from graph.rdf import ID, TG
from graph.schema import load_schema
from graph.stores import open_store
from graph.validate import validate

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "2025-01-20-deepseek-releases-r1.md"
# "Peter Dantis, a 27-year AWS veteran": the captions' spelling of Peter DeSantis
DESANTIS = (
    REPO
    / "tests"
    / "data"
    / "dev"
    / "transcripts"
    / ("2025-12-20-amazon-fired-their-ai-chief-heres-why-it-took-so-long-plus-5-newsworthy-moments.md")
)
CORRECTIONS = """# caption misspellings and other slips
- {merge: Peter Dantis, into: Peter DeSantis, type: Person}
- {merge: Claude Sonnet, into: Claude}
- {retype: ChatGPT, as: AIModel}
- {drop: competesWith, subject: Anthropic, object: DeepSeek}
"""


def entity(kind: str, slug: str) -> URIRef:
    return URIRef(f"{ID}{kind}/{slug}")


def facts(graph) -> set[tuple[str, str, str]]:
    return {
        (
            str(graph.value(graph.value(c, RDF.subject), RDFS.label)),
            str(graph.value(c, RDF.predicate)).split("#")[1],
            str(graph.value(graph.value(c, RDF.object), RDFS.label)),
        )
        for c in set(graph.subjects(RDF.type, TG.Claim))
    }


def corrected_by(dataset, node) -> set[str]:
    return {str(dataset.value(c, RDFS.label)) for c in dataset.objects(node, TG.correctedBy)}


@pytest.fixture(scope="module")
def corrected(tmp_path_factory):
    path = tmp_path_factory.mktemp("corrections") / FILE_NAME
    path.write_text(CORRECTIONS, encoding="utf-8")
    schema = load_schema(corrections=path)
    dataset, report = build([EXAMPLE, DESANTIS], schema=schema)
    assert report.documents == 2 and not report.failures
    return dataset, schema


@pytest.fixture(scope="module")
def plain():
    dataset, _ = build([EXAMPLE, DESANTIS])
    return dataset


def test_the_graph_without_corrections(plain):
    assert (entity("person", "peter-dantis"), RDF.type, TG.Person) in plain
    assert ("DeepSeek", "competesWith", "Anthropic") in facts(plain)
    assert ("DeepSeek-V3", "competesWith", "Claude Sonnet") in facts(plain)
    assert not set(plain.subjects(RDF.type, TG.Correction))


def test_a_caption_misspelling_merged_into_the_right_person(corrected):
    dataset, _ = corrected
    desantis = entity("person", "peter-desantis")
    assert (desantis, RDFS.label, Literal("Peter DeSantis")) in dataset
    assert (desantis, SKOS.altLabel, Literal("Peter Dantis")) in dataset
    assert not set(dataset.triples((entity("person", "peter-dantis"), None, None)))
    document = next(d for d in dataset.subjects(TG.mentions, desantis))
    assert corrected_by(dataset, document) == {'merge "Peter Dantis" into "Peter DeSantis" (corrections.yaml, entry 1)'}


def test_a_merged_entity_takes_the_claims_read_from_its_names(corrected):
    dataset, _ = corrected
    assert not set(dataset.triples((entity("aimodel", "claude-sonnet"), None, None)))
    assert ("DeepSeek-V3", "competesWith", "Claude") in facts(dataset)
    claim = next(
        c
        for c in dataset.subjects(RDF.type, TG.Claim)
        if entity("aimodel", "claude") in (dataset.value(c, RDF.subject), dataset.value(c, RDF.object))
        and dataset.value(c, RDF.predicate) == TG.competesWith
    )
    assert corrected_by(dataset, claim) == {'merge "Claude Sonnet" into "Claude" (corrections.yaml, entry 2)'}


def test_a_retyped_entity_and_its_claims(corrected):
    dataset, _ = corrected
    assert (entity("aimodel", "chatgpt"), RDF.type, TG.AIModel) in dataset
    assert not set(dataset.triples((entity("product", "chatgpt"), None, None)))
    claim = next(c for c in dataset.subjects(RDF.object, entity("aimodel", "chatgpt")))
    assert corrected_by(dataset, claim) == {'retype "ChatGPT" as AIModel (corrections.yaml, entry 3)'}


def test_a_dropped_claim_is_gone_and_its_document_says_why(corrected, plain):
    dataset, _ = corrected
    assert ("DeepSeek", "competesWith", "Anthropic") not in facts(dataset)
    assert (entity("company", "deepseek"), TG.competesWith, entity("company", "anthropic")) not in dataset
    document = URIRef(f"{ID}document/u6bzi-0oajc")
    assert 'drop "Anthropic competesWith DeepSeek" (corrections.yaml, entry 4)' in corrected_by(dataset, document)
    assert len(facts(plain)) - len(facts(dataset)) >= 1


def test_the_corrected_graph_conforms(corrected):
    dataset, schema = corrected
    correction = next(iter(dataset.subjects(RDF.type, TG.Correction)))
    assert str(dataset.value(correction, TG.correctionKind)) in {"merge", "retype", "drop"}
    assert validate(dataset, schema).conforms


def test_a_drop_in_another_document_keeps_the_claim(tmp_path):
    path = tmp_path / FILE_NAME
    path.write_text("- {drop: competesWith, subject: Anthropic, object: DeepSeek, document: elsewhere}\n", "utf-8")
    dataset, _ = build([EXAMPLE], schema=load_schema(corrections=path))
    assert ("DeepSeek", "competesWith", "Anthropic") in facts(dataset)
    assert not set(dataset.subjects(RDF.type, TG.Correction))
    path.write_text("- {drop: competesWith, subject: Anthropic, object: DeepSeek, document: U6bZI-0oAjc}\n", "utf-8")
    dataset, _ = build([EXAMPLE], schema=load_schema(corrections=path))
    assert ("DeepSeek", "competesWith", "Anthropic") not in facts(dataset)


@pytest.mark.parametrize("spec", ["memory", "oxigraph"])
def test_an_incremental_build_applies_a_changed_corrections_file(tmp_path, spec):
    """The schema folder's corrections.yaml is read by every build, and its hash is part of the
    build keys: editing it extracts the documents again, an unchanged one skips them."""
    folder = tmp_path / "schema"
    shutil.copytree(REPO / "schema", folder)
    store = open_store(spec if spec == "memory" else f"oxigraph:{tmp_path / 'db'}")
    try:
        _, first = build([EXAMPLE, DESANTIS], schema=load_schema(folder), store=store)
        assert (first.extracted, first.unchanged) == (2, 0)
        (folder / FILE_NAME).write_text("- {merge: Peter Dantis, into: Peter DeSantis, type: Person}\n", "utf-8")
        _, merged = build([EXAMPLE, DESANTIS], schema=load_schema(folder), store=store)
        assert (merged.extracted, merged.unchanged) == (2, 0)
        people = store.select(f"ASK {{ <{entity('person', 'peter-desantis')}> ?p ?o }}").rows
        assert people == (("true",),)
        _, again = build([EXAMPLE, DESANTIS], schema=load_schema(folder), store=store)
        assert (again.extracted, again.unchanged) == (0, 2)
        with (folder / FILE_NAME).open("a", encoding="utf-8") as file:
            file.write("- {drop: competesWith, subject: Anthropic, object: DeepSeek}\n")
        _, dropped = build([EXAMPLE, DESANTIS], schema=load_schema(folder), store=store)
        assert dropped.extracted == 2
        remaining = store.select(
            f"ASK {{ <{entity('company', 'deepseek')}> <{TG.competesWith}> <{entity('company', 'anthropic')}> }}"
        ).rows
        assert remaining == (("false",),)
        (folder / FILE_NAME).unlink()
        _, undone = build([EXAMPLE, DESANTIS], schema=load_schema(folder), store=store)
        assert undone.extracted == 2
        assert store.select(f"ASK {{ <{entity('person', 'peter-dantis')}> ?p ?o }}").rows == (("true",),)
        assert store.select(f"ASK {{ ?x <{TG.correctedBy}> ?c }}").rows == (("false",),)
    finally:
        store.close()


def test_extract_applies_the_corrections_as_build_does(tmp_path):
    from graph.building import extract_files
    from graph.building.quad_files import stored_key

    path = tmp_path / FILE_NAME
    path.write_text("- {drop: competesWith, subject: Anthropic, object: DeepSeek}\n", "utf-8")
    out = tmp_path / "quads"
    report = extract_files([EXAMPLE], out, corrections=path)
    assert report.extracted == 1
    (written,) = out.glob("*.nq")
    built, _ = build([EXAMPLE], schema=load_schema(corrections=path))
    assert stored_key(written) == str(next(built.objects(None, TG.contentHash)))
    assert f"<{TG.correctedBy}>" in written.read_text(encoding="utf-8")

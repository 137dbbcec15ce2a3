"""graph/validate.py and `talkgraph validate`: SHACL shapes (schema/shapes.ttl) checked with
pyshacl; `build` checks what it built unless --no-validate."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDF, Dataset, Graph, Namespace, URIRef

from graph.building import build
from graph.cli import main
from graph.export import export
from graph.schema import load_schema
from graph.validate import SHAPES_FILE, _answered, validate

REPO = Path(__file__).resolve().parent.parent
SH = Namespace("http://www.w3.org/ns/shacl#")
TGSH = Namespace("https://talkgraph.dev/shapes#")
TG = Namespace("https://talkgraph.dev/ontology#")
PREFIXES = """
@prefix tg: <https://talkgraph.dev/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> . @prefix prov: <http://www.w3.org/ns/prov#> .
@prefix schema: <https://schema.org/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
BROKEN = (
    PREFIXES
    + """
<https://talkgraph.dev/id/company/a> a tg:Company ; rdfs:label "A" ; tg:partnerOf <https://talkgraph.dev/id/place/p> .
<https://talkgraph.dev/id/place/p> a tg:Place .
<https://talkgraph.dev/id/document/d> a schema:VideoObject ; schema:name "D" ;
    tg:mentions <https://talkgraph.dev/id/company/a>, <https://talkgraph.dev/id/x> .
<https://talkgraph.dev/id/claim/1> a tg:Claim ; rdf:subject <https://talkgraph.dev/id/company/a> ;
    rdf:predicate tg:leads ; rdf:object <https://talkgraph.dev/id/place/p> ;
    prov:wasDerivedFrom <https://talkgraph.dev/id/document/d> ; tg:confidence 1.5 ; tg:modality "sure" .
"""
)
EXPECTED_LINES = [
    "tgid:claim/1: a said claim quotes its words: a tg:quote, tg:charStart and tg:charEnd",
    "tgid:claim/1: the said claim's triple tgid:company/a tg:leads tgid:place/p is not in the graph",
    "tgid:claim/1 prov:wasAttributedTo: a claim is attributed to exactly one extractor (a prov:SoftwareAgent)",
    "tgid:claim/1 tg:basis: a claim has exactly one tg:basis: said or known",
    "tgid:claim/1 tg:confidence: a claim has exactly one tg:confidence, a decimal above 0 and at most 1 (value '1.5')",
    "tgid:claim/1 tg:modality: a claim has exactly one tg:modality: stated, hedged or predicted (value 'sure')",
    "tgid:company/a tg:partnerOf: the object of partnerOf must be a Company (value tgid:place/p)",
    "tgid:company/a tg:partnerOf: the relation to tgid:place/p has no tg:Claim: no words support it",
    "tgid:place/p rdfs:label: an entity has exactly one rdfs:label, a string",
    "tgid:x: an entity must be a Company, Person, Product, AIModel, RevenueStream or Place",
]


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(REPO / "schema" / SHAPES_FILE, format="turtle")


def _classes(shapes: Graph, node) -> list[str]:
    """The classes a shape allows: its sh:class, or the sh:in list of the qualified rdf:type of its sh:node."""
    single = shapes.value(node, SH["class"])
    if single is not None:
        return [str(single).rsplit("#", 1)[-1]]
    [type_shape] = shapes.objects(shapes.value(node, SH.node), SH.property)
    assert shapes.value(type_shape, SH.path) == RDF.type and shapes.value(type_shape, SH.qualifiedMinCount).value == 1
    allowed = shapes.value(shapes.value(type_shape, SH.qualifiedValueShape), SH["in"])
    return [str(member).rsplit("#", 1)[-1] for member in shapes.items(allowed)]


def test_shapes_agree_with_relations_yaml(shapes, schema):
    for name, relation in schema.relations.items():
        node = TGSH[name]
        assert shapes.value(node, SH.targetSubjectsOf) == Namespace("https://talkgraph.dev/ontology#")[name]
        assert _classes(shapes, node) == list(relation.subject_types), name
        [object_shape] = shapes.objects(node, SH.property)
        assert _classes(shapes, object_shape) == list(relation.object_types), name
    relation_shapes = {str(s).rsplit("#", 1)[-1] for s in shapes.subjects(SH.targetSubjectsOf, None)}
    assert relation_shapes == set(schema.relations)


def test_the_claim_shape_lists_every_relation(shapes, schema):
    assert shapes.value(TGSH.ClaimPredicate, SH.path) == RDF.predicate
    listed = [str(p).rsplit("#", 1)[-1] for p in shapes.items(shapes.value(TGSH.ClaimPredicate, SH["in"]))]
    assert sorted(listed) == sorted(schema.relations)


def test_shapes_ship_in_the_wheel():
    package_data = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    assert "*.ttl" in package_data["graph.schema_data"]
    assert "pyshacl" in " ".join(tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"])


def test_the_example_graph_conforms(example_dataset, schema):
    report = validate(example_dataset, schema)
    assert report.conforms and report.violations == ()
    assert report.triples == len(set(example_dataset.triples((None, None, None)))) > 100
    assert report.report() == f"{report.triples:,} triples checked against shapes.ttl: conforms"


@pytest.mark.parametrize("jobs", [1, 3])
def test_every_kind_of_violation_is_one_line(schema, jobs):
    report = validate(Graph().parse(data=BROKEN, format="turtle"), schema, jobs=jobs)
    assert not report.conforms
    assert [v.line() for v in report.violations] == EXPECTED_LINES
    assert report.report(limit=2).splitlines() == [
        *EXPECTED_LINES[:2],
        "... and 8 more",
        "15 triples checked against shapes.ttl: 10 violation(s)",
    ]


EDGES = """
<https://talkgraph.dev/id/company/b> a tg:Company ; rdfs:label "B" ;
    tg:supplies <https://talkgraph.dev/id/company/c>, "C" .
<https://talkgraph.dev/id/company/c> a tg:Company ; rdfs:label "C" .
<https://talkgraph.dev/id/claim/2> rdf:subject <https://talkgraph.dev/id/company/b> ;
    rdf:predicate tg:supplies ; rdf:object <https://talkgraph.dev/id/company/c> .
<https://talkgraph.dev/id/claim/3> a tg:Claim ; tg:basis "said" ; tg:quote "B and C supply C" ; tg:charStart 0 ;
    rdf:subject <https://talkgraph.dev/id/company/b>, <https://talkgraph.dev/id/company/c> ;
    rdf:predicate tg:supplies ; rdf:object <https://talkgraph.dev/id/company/c> .
<https://talkgraph.dev/id/claim/4> a tg:Claim ; tg:basis "known" ; rdf:subject <https://talkgraph.dev/id/company/c> ;
    rdf:predicate tg:acquires ; rdf:object <https://talkgraph.dev/id/company/b> .
"""


@pytest.fixture
def pyshacl_schema(tmp_path) -> Path:
    """A schema whose whole-graph queries start with a comment: not the ones talkgraph answers itself."""
    folder = tmp_path / "schema"
    shutil.copytree(REPO / "schema", folder)
    shapes = folder / SHAPES_FILE
    text = shapes.read_text(encoding="utf-8").replace('sh:select """', 'sh:select """# as written\n')
    assert text.count("# as written") == 3
    shapes.write_text(text, encoding="utf-8")
    return folder


def test_whole_graph_shapes_are_answered_in_python_as_pyshacl_answers_them(shapes, schema, pyshacl_schema):
    assert set(_answered(shapes, schema)) == {TGSH.Supported, TGSH.Asserted, TGSH.SaidClaimWords}
    edited = load_schema(pyshacl_schema)
    assert _answered(Graph().parse(edited.directory / SHAPES_FILE), edited) == {}
    graph = Graph().parse(data=BROKEN + EDGES, format="turtle")
    found = validate(graph, schema).violations
    assert found == validate(graph, edited, jobs=2).violations
    whole_graph = [v.line() for v in found if "claim's triple" in v.message or "no words" in v.message]
    assert whole_graph == [
        "tgid:claim/1: the said claim's triple tgid:company/a tg:leads tgid:place/p is not in the graph",
        "tgid:claim/3: the said claim's triple tgid:company/c tg:supplies tgid:company/c is not in the graph",
        "tgid:company/a tg:partnerOf: the relation to tgid:place/p has no tg:Claim: no words support it",
        "tgid:company/b tg:supplies: the relation to C has no tg:Claim: no words support it",
    ]
    assert [v.line() for v in found if "quotes its words" in v.message] == [
        "tgid:claim/1: a said claim quotes its words: a tg:quote, tg:charStart and tg:charEnd",
        "tgid:claim/3: a said claim quotes its words: a tg:quote, tg:charStart and tg:charEnd",
    ]


def test_a_dataset_is_checked_as_the_union_of_its_graphs_and_left_as_it_was(schema):
    triples = Graph().parse(data=BROKEN, format="turtle")
    claim = URIRef("https://talkgraph.dev/id/claim/1")
    dataset = Dataset()
    dataset.bind("ex", "https://talkgraph.dev/id/")
    for name, in_it in (("urn:g:claims", lambda t: t[0] == claim), ("urn:g:rest", lambda t: t[0] != claim)):
        graph = dataset.graph(URIRef(name))
        graph.addN((*t, graph) for t in triples if in_it(t))
    for jobs in (1, 2):
        assert [v.line() for v in validate(dataset, schema, jobs=jobs).violations] == EXPECTED_LINES
    assert not dataset.default_union
    assert dict(dataset.namespaces())["ex"] == URIRef("https://talkgraph.dev/id/")


def test_validate_command(tmp_path, example_dataset):
    good, bad = tmp_path / "good.trig", tmp_path / "bad.ttl"
    export(example_dataset, "trig", good)
    bad.write_text(BROKEN, encoding="utf-8")
    conforms = run("validate", good)
    assert conforms.exit_code == 0
    assert conforms.stdout.endswith("triples checked against shapes.ttl: conforms\n")
    broken = run("validate", bad, "--max", "3", "-j", "2")
    assert broken.exit_code == 3
    assert broken.stdout.splitlines() == [
        *EXPECTED_LINES[:3],
        "... and 7 more",
        "15 triples checked against shapes.ttl: 10 violation(s)",
    ]
    missing = run("validate", tmp_path / "missing.ttl")
    assert missing.exit_code == 1 and len(missing.stderr.splitlines()) == 1


@pytest.fixture
def strict_schema(tmp_path) -> Path:
    """A schema whose shapes want a partner to be a Person: the example breaks them."""
    folder = tmp_path / "schema"
    shutil.copytree(REPO / "schema", folder)
    shapes = folder / SHAPES_FILE
    text = shapes.read_text(encoding="utf-8")
    old = (
        "sh:property [ sh:path tg:partnerOf ; sh:class tg:Company ;\n"
        '                  sh:message "the object of partnerOf must be a Company" ]'
    )
    assert old in text
    shapes.write_text(
        text.replace(old, old.replace("tg:Company", "tg:Person").replace("a Company", "a Person")), encoding="utf-8"
    )
    return folder


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_build_reports_violations_and_exits_3(tmp_path, example_path, strict_schema, jobs):
    output = tmp_path / "graph.ttl"
    result = run("build", example_path, "-o", output, "-q", "--schema", strict_schema, "-j", jobs)
    assert result.exit_code == 3, result.output
    lines = result.stderr.splitlines()
    assert lines[:2] == [
        "talkgraph: invalid: tgid:company/amazon tg:partnerOf: the object of partnerOf must be a Person "
        "(value tgid:company/anthropic)",
        "talkgraph: invalid: tgid:company/microsoft tg:partnerOf: the object of partnerOf must be a Person "
        "(value tgid:company/openai)",
    ]
    assert lines[2].startswith("talkgraph: invalid: ") and lines[2].endswith(
        " triples checked against shapes.ttl: 2 violation(s)"
    )
    assert len(lines) == 3
    assert output.is_file()  # the graph is written; the violations are reported


def test_build_no_validate_skips_the_check(tmp_path, example_path, strict_schema):
    result = run("build", example_path, "-o", tmp_path / "graph.ttl", "-q", "--schema", strict_schema, "--no-validate")
    assert result.exit_code == 0 and result.stderr == ""


def test_build_validates_by_default_and_is_silent_when_the_graph_conforms(tmp_path, example_path):
    result = run("build", example_path, "-o", tmp_path / "graph.ttl", "-q")
    assert result.exit_code == 0 and result.stderr == ""


def test_a_schema_without_shapes_is_one_line(tmp_path, example_path):
    folder = tmp_path / "schema"
    shutil.copytree(REPO / "schema", folder)
    (folder / SHAPES_FILE).unlink()
    result = run("build", example_path, "-o", tmp_path / "graph.ttl", "-q", "--schema", folder)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"talkgraph: error: {folder / SHAPES_FILE} not found: copy "
        f"schema/{SHAPES_FILE} into the schema folder, or build with --no-validate"
    ]
    assert not (tmp_path / "graph.ttl").exists()  # refused before building
    assert (
        run("build", example_path, "-o", tmp_path / "graph.ttl", "-q", "--schema", folder, "--no-validate").exit_code
        == 0
    )


def test_a_known_claim_needs_no_quote_nor_triple(schema):
    known = (
        PREFIXES
        + """
<https://talkgraph.dev/id/company/a> a tg:Company ; rdfs:label "A" .
<https://talkgraph.dev/id/person/p> a tg:Person ; rdfs:label "P" .
<https://talkgraph.dev/id/document/d> a schema:VideoObject ; schema:name "D" .
<https://talkgraph.dev/id/extractor/rules> a tg:Extractor, prov:SoftwareAgent ; rdfs:label "rules" .
<https://talkgraph.dev/id/claim/1> a tg:Claim ; rdf:subject <https://talkgraph.dev/id/person/p> ;
    rdf:predicate tg:leads ; rdf:object <https://talkgraph.dev/id/company/a> ; tg:basis "known" ;
    prov:wasDerivedFrom <https://talkgraph.dev/id/document/d> ; tg:confidence 0.45 ; tg:modality "stated" ;
    prov:wasAttributedTo <https://talkgraph.dev/id/extractor/rules> .
"""
    )
    graph = Graph().parse(data=known, format="turtle")
    assert validate(graph, schema).conforms


TWO_TYPES = (
    PREFIXES
    + """
<https://talkgraph.dev/id/product/aws> a tg:Product, tg:Company ; rdfs:label "AWS" .
<https://talkgraph.dev/id/company/openai> a tg:Company, tg:Product ; rdfs:label "OpenAI" .
<https://talkgraph.dev/id/person/ralph-wiggum> a tg:Person, tg:Product ; rdfs:label "Ralph Wiggum" .
"""
)


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_entity_has_two_types_only_where_the_name_list_allows(schema, jobs):
    report = validate(Graph().parse(data=TWO_TYPES, format="turtle"), schema, jobs=jobs)
    assert [v.line() for v in report.violations] == [
        "tgid:company/openai rdf:type: typed Company and Product, but entities.yaml allows Company only "
        "(an entry's also lists the types it may take)",
        "tgid:person/ralph-wiggum rdf:type: typed Person and Product, but it is not listed "
        "(an entry's also lists the types it may take)",
    ]  # AWS is listed a Product that may also be a Company


def test_products_said_as_companies_keep_their_one_type(write_transcript, schema):
    """Azure and Devin are products (of Microsoft, of Cognition): words that make them act as a
    company ("Azure has an investment in OpenAI", "Devon acquiring Windsurf") type them no Company."""
    path = write_transcript(
        "Azure has very deliberately even though they have an investment in open AI right a big one they have "
        "decided to lean in on being multimodel. When you think about the next 12 to 15 to 18 months, Devon "
        "acquiring windsurf means more work on agents in code."
    )
    dataset, _ = build([path], schema=schema)
    for name in ("azure", "devin"):
        assert set(dataset.objects(URIRef(f"https://talkgraph.dev/id/product/{name}"), RDF.type)) == {TG.Product}
    assert validate(dataset, schema).conforms

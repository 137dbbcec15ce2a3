"""graph/vocabulary.py: the entity types and relations of ontology.ttl and shapes.ttl are written
from relations.yaml, and the checked-in files are what it writes."""

from __future__ import annotations

import shutil

import pytest
from rdflib import OWL, RDF, Graph
from rdflib.compare import isomorphic

from graph.errors import SchemaError
from graph.rdf import TG
from graph.schema import load_schema
from graph.vocabulary import GENERATED_FILES, regenerate, write


@pytest.mark.parametrize("name", GENERATED_FILES)
def test_the_checked_in_files_are_current(schema, name):
    written = Graph().parse(data=regenerate(schema)[name], format="turtle")
    checked_in = Graph().parse(schema.directory / name, format="turtle")
    assert isomorphic(written, checked_in), f"schema/{name} is stale: run `make vocabulary`"


def test_the_contract_stays(schema):
    ontology = Graph().parse(data=regenerate(schema)["ontology.ttl"], format="turtle")
    assert set(ontology.subjects(RDF.type, OWL.SymmetricProperty)) == {TG.partnerOf, TG.competesWith}
    assert {TG[name] for name in schema.relations} <= set(ontology.subjects(RDF.type, OWL.ObjectProperty))
    assert {TG[name] for name in schema.entity_types} <= set(ontology.subjects(RDF.type, OWL.Class))


def test_writing_changes_only_what_relations_yaml_changed(schema, tmp_path):
    folder = tmp_path / "schema"
    shutil.copytree(schema.directory, folder)
    assert write(load_schema(folder)) == []
    text = (folder / "relations.yaml").read_text(encoding="utf-8").replace("label: supplies", "label: sells to")
    (folder / "relations.yaml").write_text(text, encoding="utf-8")
    assert sorted(p.name for p in write(load_schema(folder))) == ["ontology.ttl"]
    assert 'rdfs:label "sells to"' in (folder / "ontology.ttl").read_text(encoding="utf-8")


def test_an_unknown_section_is_named(schema, tmp_path):
    folder = tmp_path / "schema"
    shutil.copytree(schema.directory, folder)
    with (folder / "shapes.ttl").open("a", encoding="utf-8") as shapes:
        shapes.write("# >>> robots\n# <<< robots\n")
    with pytest.raises(SchemaError, match="no generator writes the section '# >>> robots'"):
        regenerate(load_schema(folder))

"""schema/: the default loads with the contract relations; mistakes are reported together,
numbered, naming file and entry; the ontology and saved queries agree with relations.yaml."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from rdflib import OWL, RDF, RDFS, Graph
from rdflib.plugins.sparql import prepareQuery

from graph.errors import SchemaError, TalkgraphError
from graph.rdf import TG
from graph.schema import default_schema_dir, load_schema

CONTRACT = {
    "partnerOf",
    "competesWith",
    "monetizesVia",
    "develops",
    "investsIn",
    "acquires",
    "leads",
    "worksFor",
    "basedIn",
    "uses",
    "supplies",
}
SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"


def test_default_schema_has_the_contract_relations(schema):
    assert len(schema.relations) == 11
    assert set(schema.relations) == CONTRACT
    assert {name for name, r in schema.relations.items() if r.symmetric} == {"partnerOf", "competesWith"}


def test_default_schema_dir_is_the_checkout_schema():
    assert default_schema_dir() == SCHEMA_DIR


def test_default_schema_contents(schema):
    assert schema.entry("openai").entity.type == "Company"
    assert schema.entry("Sam Altman").leads == "OpenAI"
    assert schema.relations["develops"].subject_types == ("Company",)
    assert any(c.reverse for c in schema.relations["develops"].cues)
    assert "RevenueStream" not in schema.standalone_types
    assert "Company" in schema.standalone_types
    assert set(schema.queries) == {p.stem for p in (SCHEMA_DIR / "queries").glob("*.rq")}
    assert "partners" in schema.queries


@pytest.fixture
def schema_copy(tmp_path) -> Path:
    target = tmp_path / "schema"
    shutil.copytree(SCHEMA_DIR, target)
    return target


def _edit_yaml(path: Path, change) -> None:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _schema_error(directory: Path) -> SchemaError:
    with pytest.raises(SchemaError) as caught:
        load_schema(directory)
    return caught.value


def test_copied_schema_loads_unchanged(schema_copy):
    copy = load_schema(schema_copy)
    assert copy.directory == schema_copy
    assert set(copy.relations) == CONTRACT


def test_several_mistakes_are_numbered_and_named(schema_copy):
    def relations(doc):
        doc["relations"]["partnerOf"]["subject"] = ["Company", "Robot"]  # unknown type
        doc["relations"]["basedIn"]["cues"].append("{Planet} company")  # unknown slot

    def entities(doc):
        doc["entities"].append({"name": "OpenAI", "type": "Company"})  # duplicate
        doc["entities"].append({"name": "Widget Model", "type": "AIModel", "developer": "Nobody Inc"})

    _edit_yaml(schema_copy / "relations.yaml", relations)
    _edit_yaml(schema_copy / "entities.yaml", entities)
    error = _schema_error(schema_copy)
    message = str(error)
    assert str(schema_copy) in message
    assert "4 problem(s)" in message
    for number in ("1.", "2.", "3.", "4."):
        assert re.search(rf"^\s+{re.escape(number)} ", message, re.MULTILINE), number
    lines = message.splitlines()
    unknown_type = next(line for line in lines if "'Robot'" in line)
    assert "relations.yaml" in unknown_type and "relations.partnerOf.subject" in unknown_type
    unknown_slot = next(line for line in lines if "{Planet}" in line)
    assert "relations.yaml" in unknown_slot and "relations.basedIn" in unknown_slot
    duplicate = next(line for line in lines if "listed twice" in line)
    assert "entities.yaml" in duplicate and "'OpenAI'" in duplicate
    developer = next(line for line in lines if "'Nobody Inc'" in line)
    assert "entities.yaml" in developer and "'Widget Model'.developer" in developer
    assert isinstance(error, TalkgraphError)


def test_broken_yaml_names_the_file(schema_copy):
    (schema_copy / "entities.yaml").write_text("entities:\n  - {name: OpenAI, type: Company\n", encoding="utf-8")
    (schema_copy / "language.yaml").write_text("pronouns: [they, their\nnegations: {\n", encoding="utf-8")
    message = str(_schema_error(schema_copy))
    assert "2 problem(s)" in message
    assert "  1. entities.yaml: not valid YAML" in message
    assert "  2. language.yaml: not valid YAML" in message
    assert "line" in message


def test_missing_file_names_the_file(schema_copy):
    (schema_copy / "entities.yaml").unlink()
    message = str(_schema_error(schema_copy))
    assert "entities.yaml" in message
    assert "relations.yaml" not in message


def test_bad_entity_type_and_missing_cues(schema_copy):
    def entities(doc):
        doc["entities"].insert(0, {"name": "Gizmo", "type": "Gadget"})

    def relations(doc):
        for kind in ("cues", "reverse_cues", "other_first_cues"):
            del doc["relations"]["supplies"][kind]

    _edit_yaml(schema_copy / "entities.yaml", entities)
    _edit_yaml(schema_copy / "relations.yaml", relations)
    message = str(_schema_error(schema_copy))
    assert "2 problem(s)" in message
    assert "relations.supplies: has no cues" in message
    assert "entity 'Gizmo': type 'Gadget'" in message


# --- ontology.ttl ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def ontology() -> Graph:
    graph = Graph()
    graph.parse(SCHEMA_DIR / "ontology.ttl", format="turtle")
    return graph


def _local(iri) -> str:
    return str(iri).rsplit("#", 1)[-1]


def test_ontology_declares_the_relations_of_relations_yaml(ontology, schema):
    tg = str(TG)
    declared = {_local(p) for p in ontology.subjects(RDF.type, OWL.ObjectProperty) if str(p).startswith(tg)}
    provenance = {"deepLink", "mentions", "correctedBy"}
    assert declared - provenance == set(schema.relations) == CONTRACT
    symmetric = {_local(p) for p in ontology.subjects(RDF.type, OWL.SymmetricProperty)}
    assert symmetric == {name for name, r in schema.relations.items() if r.symmetric} == {"partnerOf", "competesWith"}


def test_ontology_labels_match_relations_yaml(ontology, schema):
    for name, relation in schema.relations.items():
        assert str(ontology.value(TG[name], RDFS.label)) == relation.label


def test_ontology_declares_the_six_entity_classes(ontology, schema):
    classes = {_local(c) for c in ontology.subjects(RDF.type, OWL.Class)}
    subclasses = {_local(c) for c in ontology.subjects(RDFS.subClassOf, TG.Entity)}
    assert subclasses == set(schema.entity_types)
    assert len(subclasses) == 6
    assert set(schema.entity_types) <= classes


@pytest.mark.parametrize("path", sorted((SCHEMA_DIR / "queries").glob("*.rq")), ids=lambda p: p.stem)
def test_saved_query_parses(path):
    query = prepareQuery(path.read_text(encoding="utf-8"))
    assert query.algebra.name == "SelectQuery"


def test_there_are_saved_queries():
    names = {p.stem for p in (SCHEMA_DIR / "queries").glob("*.rq")}
    assert {"partners", "competitors", "monetization", "develops", "entity_profile", "top_claims"} <= names


def test_a_saved_querys_wrong_parameter_is_named_on_load(schema_copy):
    (schema_copy / "queries" / "pair.rq").write_text(
        "# Two entities.\n# param: entity (entity) — one\n# param: other (company) — the other\n"
        "SELECT ?p WHERE { ?entity ?p ?other }\n",
        encoding="utf-8",
    )
    message = str(_schema_error(schema_copy))
    assert "1 problem(s)" in message
    assert (
        "queries/pair.rq: parameter other: unknown kind 'company'; use one of entity, relation, date, text" in message
    )


def test_bad_version_naming_is_named(schema_copy):
    def entities(doc):
        doc["entities"].append({"name": "Widget", "type": "AIModel", "versions": {"name": "Widget {release}"}})
        doc["entities"].append({"name": "Gadget Co", "type": "Company", "versions": {"name": "Gadget {version}"}})

    _edit_yaml(schema_copy / "entities.yaml", entities)
    message = str(_schema_error(schema_copy))
    assert "2 problem(s)" in message
    assert "'Widget'.versions: template 'Widget {release}'" in message
    assert "'Gadget Co'.versions: an AIModel's versions" in message


def test_name_finder_numbers_must_be_whole(schema_copy):
    def language(doc):
        doc["unknown_names"]["surname_rank"] = "many"
        doc["unknown_names"]["min_count"] = -1

    _edit_yaml(schema_copy / "language.yaml", language)
    message = str(_schema_error(schema_copy))
    assert "unknown_names.surname_rank: expected a whole number ≥ 0, not 'many'" in message
    assert "unknown_names.min_count: expected a whole number ≥ 0, not -1" in message


def test_peer_lists_need_types_a_count_and_a_confidence(schema_copy):
    def relations(doc):
        doc["relations"]["competesWith"]["peer_lists"] = {
            "types": ["Firm"],
            "min_names": 1,
            "confidence": 2,
            "not_after": "integrations",
        }
        doc["relations"]["partnerOf"]["peer_lists"] = "yes"

    _edit_yaml(schema_copy / "relations.yaml", relations)
    message = str(_schema_error(schema_copy))
    assert "competesWith.peer_lists.not_after" in message
    assert "competesWith.peer_lists.min_names: must be a whole number of at least 2, got 1" in message
    assert "competesWith.peer_lists.confidence: must be a number in (0, 1], got 2" in message
    assert "competesWith.peer_lists.types: unknown type 'Firm'" in message
    assert "partnerOf.peer_lists: expected a mapping with types, min_names and confidence" in message


def test_words_after_an_object_are_a_list(schema_copy):
    def relations(doc):
        doc["relations"]["acquires"]["not_before_object"] = "chips"

    _edit_yaml(schema_copy / "relations.yaml", relations)
    message = "relations.acquires.not_before_object: expected a list of strings, got 'chips'"
    assert message in str(_schema_error(schema_copy))


def test_the_relations_a_gazetteer_field_states_are_declared(schema):
    assert schema.maker_relation is schema.relations["develops"]
    assert schema.relation_known_from("works_for") is schema.relations["worksFor"]
    assert schema.relations["uses"].not_own_make and schema.relations["competesWith"].rival_makers


def test_a_relation_is_known_from_one_field_of_entities_yaml_and_each_field_states_one(schema_copy):
    def relations(doc):
        doc["relations"]["acquires"]["known_from"] = "bought"
        doc["relations"]["investsIn"]["known_from"] = "developer"

    _edit_yaml(schema_copy / "relations.yaml", relations)
    message = str(_schema_error(schema_copy))
    assert (
        "relations.acquires.known_from: 'bought' is not a field of entities.yaml that states a relation; "
        "use one of: developer, leads, works_for, monetizes"
    ) in message
    assert "known_from: 'developer' already states" in message


def test_a_relation_is_implied_only_by_relations_of_the_file(schema_copy):
    _edit_yaml(schema_copy / "relations.yaml", lambda doc: doc["relations"]["worksFor"].update(implied_by=["heads"]))
    assert "worksFor.implied_by: 'heads' is no relation of the file" in str(_schema_error(schema_copy))


def test_a_bare_yaml_yes_or_no_in_a_word_list_is_refused(schema_copy):
    """YAML reads a bare on, off, yes or no as true or false: "on" must be quoted to be the word."""
    _edit_yaml(schema_copy / "relations.yaml", lambda doc: doc["relations"]["develops"].update(not_after_cue=[True]))
    assert "relations.develops.not_after_cue: True is a yes/no to YAML; quote the word" in str(
        _schema_error(schema_copy)
    )


def test_first_names_are_loaded(schema):
    assert {"brian", "kate", "the", "company"} & schema.first_names == {"brian", "kate"}


@pytest.mark.parametrize(
    "name, field, value, message",
    [
        (
            "United States",
            "exact_case",
            ["USA"],
            "entity 'United States'.exact_case: 'USA' is not one of its ambiguous_aliases",
        ),
        ("Meta", "monetizes", ["Ads"], "entity 'Meta'.monetizes: 'Ads' is not a RevenueStream in entities.yaml"),
    ],
)
def test_an_entry_field_must_name_what_the_list_has(schema_copy, name, field, value, message):
    def entities(doc):
        next(e for e in doc["entities"] if e["name"] == name)[field] = value

    _edit_yaml(schema_copy / "entities.yaml", entities)
    assert message in str(_schema_error(schema_copy))


def test_a_language_file_without_the_list_joiners_is_told_to_copy_them(schema_copy):
    def language(doc):
        del doc["list_joiners"]
        del doc["kind_joiners"]

    _edit_yaml(schema_copy / "language.yaml", language)
    message = str(_schema_error(schema_copy))
    assert "language.yaml: list_joiners is missing; copy it from the default schema/language.yaml" in message
    assert "language.yaml: kind_joiners is missing" in message and "list_openers" not in message


def test_entity_types_and_relation_colours_are_checked(schema_copy):
    def relations(doc):
        doc["entity_types"]["Robot Arm"] = {"label": "Robot arm", "colour": "#123456", "shape": "dot"}
        doc["entity_types"]["Place"]["colour"] = "teal"
        doc["entity_types"]["Person"]["shape"] = "robot"
        del doc["relations"]["uses"]["colour"]

    _edit_yaml(schema_copy / "relations.yaml", relations)
    lines = str(_schema_error(schema_copy)).splitlines()
    assert any("entity_types.Robot Arm: 'Robot Arm' cannot be the local name of an IRI" in line for line in lines)
    assert any('entity_types.Place.colour: give a colour as "#rrggbb"' in line and "'teal'" in line for line in lines)
    assert any("relations.uses.colour: give a colour" in line for line in lines)
    assert any("entity_types.Person.shape: 'robot' is not a shape the network page draws" in line for line in lines)


def test_the_gazetteer_types_are_those_of_relations_yaml(schema_copy):
    _edit_yaml(schema_copy / "entities.yaml", lambda doc: doc["types"].update({"Robot": {}}))
    assert "entities.yaml: types.Robot: not an entity type of relations.yaml" in str(_schema_error(schema_copy))


def test_a_relations_file_without_entity_types_is_told_to_add_them(schema_copy):
    _edit_yaml(schema_copy / "relations.yaml", lambda doc: doc.pop("entity_types"))
    assert "needs a mapping 'entity_types:'" in str(_schema_error(schema_copy))


def test_entity_types_come_from_relations_yaml(schema):
    assert list(schema.entity_types) == ["Company", "Person", "Product", "AIModel", "RevenueStream", "Place"]
    assert schema.entity_types["AIModel"].label == "AI model"
    assert (schema.entity_types["Company"].colour, schema.entity_types["Company"].shape) == ("#4e79a7", "dot")


def test_a_model_family_with_versions_takes_one_type(schema_copy):
    def entities(doc):
        doc["entities"].append(
            {"name": "Widget", "type": "AIModel", "also": ["Product"], "versions": {"name": "Widget {version}"}}
        )

    _edit_yaml(schema_copy / "entities.yaml", entities)
    assert "'Widget': a model family with versions takes one type; drop its also" in str(_schema_error(schema_copy))


def test_roles_introductions_and_streams_are_checked(schema_copy):
    def language(doc):
        doc["roles"]["partnerOf"] = ["ally"]
        doc["introductions"]["relation"] = "develops"
        doc["own_company"]["within"] = -1
        doc["open_revenue_streams"]["max_words"] = "two"

    _edit_yaml(schema_copy / "language.yaml", language)
    message = str(_schema_error(schema_copy))
    assert "roles.partnerOf: 'partnerOf' is no relation from a Person to a Company; use one of" in message
    assert "introductions.relation: 'develops' is no relation from a Person to a Company" in message
    assert "own_company.within: expected a whole number ≥ 0, not -1" in message
    assert "open_revenue_streams.max_words: expected a whole number ≥ 0, not 'two'" in message


def test_a_further_name_list_beside_entities_yaml_is_read_and_checked(schema_copy):
    (schema_copy / "entities_extra.yaml").write_text(
        "repair_misspellings: false\n"
        "entities:\n"
        "  - {name: Quarnox Freight, type: Company, aliases: [quarnox]}\n"
        "  - {name: OpenAI, type: Company}\n",
        encoding="utf-8",
    )
    message = str(_schema_error(schema_copy))
    assert "entities_extra.yaml: entity 'OpenAI': listed twice (entries #1 and entities_extra.yaml #2)" in message
    (schema_copy / "entities_extra.yaml").write_text(
        "repair_misspellings: false\nentities:\n  - {name: Quarnox Freight, type: Company}\n", encoding="utf-8"
    )
    entry = load_schema(schema_copy).entry("Quarnox Freight")
    assert entry is not None and not entry.repairable and load_schema(schema_copy).entry("OpenAI").repairable


def test_the_industries_name_list_is_no_repair_target(schema):
    assert schema.entry("Barclays") is not None and not schema.entry("Barclays").repairable


def test_the_words_that_type_unknown_names_are_checked(schema_copy):
    def language(doc):
        doc["unknown_names"]["company_endings"] = "labs"
        doc["unknown_names"]["product_anchors"] = {"around": ["new"]}
        doc["unknown_names"]["company_anchors"] = {"before": "called"}
        doc["unknown_names"]["common_words_type"] = "Gadget"

    _edit_yaml(schema_copy / "language.yaml", language)
    message = str(_schema_error(schema_copy))
    assert "unknown_names.company_endings: expected a list of strings, got 'labs'" in message
    assert "unknown_names.product_anchors: expected a mapping of 'before' and 'after' lists" in message
    assert "unknown_names.company_anchors.before: expected a list of strings, got 'called'" in message
    assert "unknown_names.common_words_type: use one of" in message

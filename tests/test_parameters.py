"""graph/parameters.py: parameters declared in a query's opening comment, bound first in its WHERE clause."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from graph.parameters import DeclarationError, Parameter, bind, declared, description, listing
from graph.schema import load_schema

HEADER = """# The claims about one entity. More words here.
# param: entity (entity) — the company or person
# param: since (date, optional): only what was said after this day
"""


def test_declarations_are_read_from_the_opening_comment():
    text = (
        HEADER
        + "SELECT ?x WHERE { ?x ?p ?entity FILTER(?since) }\n# param: later (text) — not in the opening comment\n"
    )
    assert declared(text) == (
        Parameter("entity", "entity", "the company or person"),
        Parameter("since", "date", "only what was said after this day", optional=True),
    )
    assert description(text) == "The claims about one entity."
    assert declared("SELECT * WHERE { ?s ?p ?o }") == ()


@pytest.mark.parametrize(
    "header, message",
    [
        (
            "# param: entity",
            r"cannot read '# param: entity'; write '# param: NAME \(KIND\[, optional\]\) — what it is'",
        ),
        (
            "# param: entity (company)",
            r"parameter entity: unknown kind 'company'; use one of entity, relation, date, text",
        ),
        ("# param: entity (entity)\n# param: entity (text)", "parameter entity is declared twice"),
        ("# param: other (entity)", r"parameter other is declared but the query never uses \?other"),
    ],
)
def test_a_wrong_declaration_is_named(header, message):
    with pytest.raises(DeclarationError, match=f"^{message}$"):
        declared(header + "\nSELECT ?entity WHERE { ?entity ?p ?o }")


def test_a_query_without_a_where_clause_cannot_take_parameters():
    with pytest.raises(DeclarationError, match="no WHERE clause to bind them in"):
        declared("# param: entity (entity)\nDESCRIBE ?entity")


def test_every_saved_query_declares_what_it_uses():
    queries = load_schema().queries
    assert [p.name for p in declared(queries["evidence"])] == ["subject", "relation", "object"]
    assert [(p.name, p.optional) for p in declared(queries["timeline"])] == [
        ("entity", False),
        ("other", True),
        ("since", True),
        ("until", True),
    ]
    assert declared(queries["partners"]) == ()


def test_the_saved_queries_name_the_symmetric_relations_of_the_schema():
    """entity and evidence read partnerOf and competesWith either way round: were another relation
    made symmetric in relations.yaml, they would have to name it too."""
    schema = load_schema()
    symmetric = {f"tg:{name}" for name, relation in schema.relations.items() if relation.symmetric}
    assert symmetric == {"tg:partnerOf", "tg:competesWith"}
    for name in ("entity", "evidence"):
        assert all(relation in schema.queries[name] for relation in symmetric), name


A_VALUE = '"a \\"b\\""'


@pytest.mark.parametrize(
    "text",
    [
        "SELECT ?v WHERE { BIND(?v AS ?w) }",
        "select ?v where{BIND(?v AS ?w)}",
        "ASK { FILTER(?v = 'a \"b\"') }",
        "SELECT ?v { BIND(?v AS ?w) }",
        "CONSTRUCT { <urn:a> <urn:b> ?v } WHERE { BIND(1 AS ?one) }",
        # braces and the word WHERE inside strings, IRIs, comments and prefixed names are not the clause
        "PREFIX where: <urn:WHERE#>\nSELECT ?v (CONCAT('WHERE {', \"}\") AS ?s) # WHERE {\n"
        "WHERE { BIND(where:x AS ?x) }",
        "SELECT ?v WHERE { { SELECT ?v WHERE { } } }",
        'SELECT ?v WHERE { BIND("""a { WHERE } " b""" AS ?s) }',
    ],
)
def test_values_are_bound_first_in_the_where_clause(text):
    bound = bind(text, {"v": A_VALUE})
    assert "VALUES (?v) { (" + A_VALUE + ") }" in bound
    assert bound.replace("\n  VALUES (?v) { (" + A_VALUE + ") }\n", "") == text
    answer = ox.Store().query(bound)
    if isinstance(answer, ox.QuerySolutions):
        assert [solution["v"] for solution in answer] == [ox.Literal('a "b"')]
    elif isinstance(answer, ox.QueryTriples):
        assert [triple.object for triple in answer] == [ox.Literal('a "b"')]
    else:
        assert bool(answer)


def test_nothing_to_bind_leaves_the_query_as_it_is():
    assert bind("DESCRIBE <urn:a>", {}) == "DESCRIBE <urn:a>"
    with pytest.raises(DeclarationError, match="no WHERE clause"):
        bind("DESCRIBE <urn:a>", {"v": A_VALUE})


def test_the_listing_shows_each_saved_query_and_its_parameters():
    queries = load_schema().queries
    lines = listing(queries).splitlines()
    assert [line.split()[0] for line in lines if not line.startswith(" ")] == sorted(queries)
    timeline = lines.index(next(line for line in lines if line.startswith("timeline ")))
    assert lines[timeline + 1].split()[:2] == ["--param", "entity=ENTITY"]
    assert lines[timeline + 2].split()[:2] == ["[--param", "other=ENTITY]"]
    assert "in the order their videos were published." in lines[timeline]

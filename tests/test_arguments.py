"""graph/arguments.py and the parameterised saved queries (entity, evidence, timeline) on built
graphs, in a file and in an oxigraph: store: values found, checked and bound as typed terms."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph import api
from graph.arguments import arguments, parse_pairs
from graph.errors import QueryError
from graph.parameters import declared
from graph.query import check_query
from graph.rdf import QUERY_PREFIXES
from graph.stores.memory import MemoryStore

REPO = Path(__file__).resolve().parent.parent
# the example, the four annotated transcripts and one that says "co-pilot" of two products
SOURCES = [
    REPO / "examples",
    REPO / "tests" / "data" / "transcripts",
    REPO / "tests" / "data" / "dev" / "transcripts" / "2024-08-01-microsoft-ai-study-does-ai-help-at-work.md",
]
WORD = (
    "# A quote search.\n# param: word (text) — words the quote holds\n"
    "SELECT ?quote WHERE { ?c tg:quote ?quote FILTER(CONTAINS(LCASE(?quote), LCASE(?word))) }\n"
)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, str]:
    """The graph as a TriG file and as an oxigraph: store."""
    from click.testing import CliRunner

    from graph.cli import main

    folder = tmp_path_factory.mktemp("arguments")
    trig, store = folder / "graph.trig", f"oxigraph:{folder / 'db'}"
    result = CliRunner().invoke(main, ["build", *map(str, SOURCES), "-o", str(trig), "--store", store, "-q"])
    assert result.exit_code == 0, result.output
    return {"file": str(trig), "store": store}


@pytest.fixture(params=["file", "store"])
def graph(request, built) -> str:
    return built[request.param]


def rows(graph: str, name: str, **params) -> list[dict[str, str | None]]:
    result = api.query(graph, name, params=params)
    return [dict(zip(result.columns, row)) for row in result.rows]


# --- the saved queries ---------------------------------------------------------------------------
def test_entity_lists_its_relations_both_ways(graph):
    found = rows(graph, "entity", entity="anthropic")
    facts = {(r["subject"], r["relation"], r["object"]) for r in found}
    assert ("AWS", "investsIn", "Anthropic") in facts  # as said: Anthropic is the object
    assert ("Anthropic", "partnerOf", "AWS") in facts  # symmetric: the entity comes first
    assert ("Anthropic", "develops", "Claude Code") in facts
    assert ("AWS", "partnerOf", "Anthropic") not in facts
    amazon = next(r for r in found if r["object"] == "Amazon")
    assert amazon["documents"] == "1" and amazon["first_said"] == amazon["last_said"] == "2025-01-20"


def test_evidence_gives_the_quote_and_the_second(graph):
    (quote,) = rows(graph, "evidence", subject="AWS", relation="investsIn", object="Anthropic")
    assert "AWS funding anthropic for $4 billion" in quote["quote"]
    assert (
        quote["link"].startswith("https://www.youtube.com/watch?v=")
        and f"t={int(float(quote['second']))}s" in quote["link"]
    )
    assert quote["date"] == "2024-11-25" and quote["modality"] == "stated" and 0 < float(quote["confidence"]) <= 1
    assert rows(graph, "evidence", subject="Anthropic", relation="investsIn", object="AWS") == []
    # a symmetric relation is the same claim either way round
    assert rows(graph, "evidence", subject="Anthropic", relation="partner of", object="Amazon") == rows(
        graph, "evidence", subject="Amazon", relation="partnerOf", object="Anthropic"
    )


def test_timeline_of_a_pair_is_in_publish_order(graph):
    found = rows(graph, "timeline", entity="Microsoft", other="open ai")
    assert [(r["date"], r["relation"]) for r in found] == [("2025-01-20", "partnerOf"), ("2025-09-20", "partnerOf")]
    assert {frozenset((r["subject"], r["object"])) for r in found} == {frozenset(("Microsoft", "OpenAI"))}
    later = rows(graph, "timeline", entity="Microsoft", other="OpenAI", since="2025-06-01")
    assert [r["date"] for r in later] == ["2025-09-20"]
    assert rows(graph, "timeline", entity="Microsoft", other="OpenAI", until="2025-01-19") == []
    alone = rows(graph, "timeline", entity="Microsoft")
    assert len(alone) > len(found) and [r["date"] for r in alone] == sorted(r["date"] for r in alone)


# --- entities by name ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "value",
    ["Anthropic", "ANTHROPIC", "anthropic's", "tgid:company/anthropic", "<https://talkgraph.dev/id/company/anthropic>"],
)
def test_an_entity_is_named_as_said_or_by_its_iri(built, value):
    assert rows(built["file"], "entity", entity=value) == rows(built["file"], "entity", entity="Anthropic")


def test_an_unknown_entity_is_answered_with_the_nearest(built):
    with pytest.raises(
        QueryError, match=r"^--param entity: no entity named 'Antropic' in the graph; did you mean Anthropic\?$"
    ):
        api.query(built["file"], "entity", params={"entity": "Antropic"})
    with pytest.raises(
        QueryError, match="^--param entity: no entity https://talkgraph.dev/id/company/nobody in the graph$"
    ):
        api.query(built["file"], "entity", params={"entity": "tgid:company/nobody"})


def test_a_name_of_several_entities_lists_them(built):
    with pytest.raises(QueryError) as caught:
        api.query(built["store"], "entity", params={"entity": "co-pilot"})
    assert str(caught.value) == (
        "--param entity='co-pilot' names 2 entities: GitHub Copilot (Product) tgid:product/github-copilot, "
        "Microsoft Copilot (Product) tgid:product/microsoft-copilot; give one's IRI"
    )
    assert rows(built["store"], "entity", entity="tgid:product/github-copilot")


# --- values that try to be SPARQL ----------------------------------------------------------------
HOSTILE = 'Anthropic" } UNION { ?s ?p ?o } #'


def test_a_hostile_entity_is_a_name_no_entity_has(built):
    with pytest.raises(QueryError, match="^--param entity: no entity named 'Anthropic\" } UNION"):
        api.query(built["file"], "entity", params={"entity": HOSTILE})


def test_a_hostile_text_is_bound_as_one_literal(built, tmp_path):
    query = tmp_path / "word.rq"
    query.write_text(WORD, encoding="utf-8")
    assert api.query(built["file"], str(query), params={"word": HOSTILE}).rows == ()
    assert api.query(built["file"], str(query), params={"word": "') } #"}).rows == ()
    found = api.query(built["file"], str(query), params={"word": "$4 billion"}).rows
    assert found and all("$4 billion" in quote for (quote,) in found)


def test_a_value_that_looks_like_an_escape_is_kept_as_written(built, tmp_path):
    query = tmp_path / "echo.rq"
    query.write_text("# param: word (text)\nSELECT ?word WHERE { }\n", encoding="utf-8")
    for value in ("\\u0022 } UNION { ?s ?p ?o }", 'a\x01b\nc"d', "\\U0001F600"):
        assert api.query(built["file"], str(query), params={"word": value}).rows == ((value,),)


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1))
def test_any_text_comes_back_as_given(schema, value):
    text = check_query("# param: word (text)\nSELECT ?word WHERE { }", QUERY_PREFIXES)
    result = arguments(declared(text), {"word": value}, schema).select(MemoryStore(), text)
    assert result.rows == ((value,),)


# --- values checked before the graph is read ----------------------------------------------------
@pytest.mark.parametrize(
    "params, message",
    [
        ({}, r"^the query needs --param subject=ENTITY --param relation=RELATION --param object=ENTITY "),
        (
            {"subject": "AWS", "relation": "invests", "object": "Anthropic"},
            "^--param relation: no relation 'invests'; did you mean investsIn\\?$",
        ),
        (
            {"subject": "AWS", "relation": "investsIn", "object": "Anthropic", "obj": "x"},
            "^--param obj: the query has no such parameter; did you mean object\\?$",
        ),
        ({"subject": "", "relation": "investsIn", "object": "Anthropic"}, "^--param subject is empty"),
    ],
)
def test_wrong_values_are_one_line(schema, params, message):
    with pytest.raises(QueryError, match=message):
        arguments(declared(schema.queries["evidence"]), params, schema)


@pytest.mark.parametrize("day", ["2025-02-30", "2025-1-01", "20250101", "2025-01-01T00:00", "yesterday"])
def test_a_date_is_a_real_day(schema, day):
    with pytest.raises(QueryError, match=f"^--param since='{day}' is not a day; write YYYY-MM-DD"):
        arguments(declared(schema.queries["timeline"]), {"entity": "x", "since": day}, schema)


def test_a_date_is_an_xsd_date(schema):
    given = arguments(declared(schema.queries["timeline"]), {"entity": "x", "since": "2025-02-28"}, schema)
    assert given.terms == {
        "since": ox.Literal("2025-02-28", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))
    }
    assert given.entities == {"entity": "x"}


def test_a_query_without_parameters_takes_none(schema):
    with pytest.raises(QueryError, match="^--param entity: the query takes no parameters$"):
        arguments(declared(schema.queries["partners"]), {"entity": "x"}, schema)


def test_pairs_are_name_equals_value():
    assert parse_pairs(["entity=Open AI", " since = 2025-01-01 ", "word=a=b"]) == {
        "entity": "Open AI",
        "since": "2025-01-01",
        "word": "a=b",
    }
    with pytest.raises(QueryError, match="^--param 'entity': write NAME=VALUE"):
        parse_pairs(["entity"])
    with pytest.raises(QueryError, match="^--param entity is given twice"):
        parse_pairs(["entity=a", "entity=b"])


def test_a_sparql_store_gets_the_prefixes_and_the_values(sparql_store, example_dataset):
    sparql_store.replace_graphs(example_dataset)
    found = api.query(sparql_store, "timeline", params={"entity": "deep seek"})
    assert found.rows and all("DeepSeek" in (row[1], row[3]) for row in found.rows)
    assert api.query(sparql_store, "SELECT (COUNT(*) AS ?n) WHERE { ?c a tg:Claim }").rows[0][0] != "0"

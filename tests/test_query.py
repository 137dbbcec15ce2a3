"""graph/query.py: only read-only queries run, within a time limit; results in every format."""
from __future__ import annotations

import csv
import io
import json
import time

import pytest

from graph import api
from graph.errors import QueryError
from graph.query import FORMATS, QueryResult, check_query, format_result, query_text, run_with_timeout, safe_cell

PREFIX = "PREFIX tg: <https://talkgraph.dev/ontology#>\n"


@pytest.mark.parametrize("text", [
    "INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "LOAD <http://example.com/data.ttl>",
    "CLEAR ALL",
    "DROP GRAPH <http://e/g>",
    "  insert data { <http://e/a> <http://e/b> <http://e/c> }",
    "# just a comment\nDELETE DATA { <http://e/a> <http://e/b> <http://e/c> }",
    PREFIX + "INSERT DATA { tg:a tg:b tg:c }",
    PREFIX + "# the '#' in the prefix IRI is not a comment\nDROP ALL",
    "BASE <http://e/#>\nCLEAR DEFAULT",
])
def test_updates_are_refused(text):
    with pytest.raises(QueryError) as caught:
        check_query(text)
    assert "updates" in str(caught.value) and "refused" in str(caught.value)


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { SERVICE <http://example.com/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <http://example.com/sparql> { ?s ?p ?o } } }",
    "SELECT * WHERE { ?s ?p ?o FILTER NOT EXISTS { SERVICE SILENT <http://example.com/sparql> { ?s ?p ?o } } }",
    "SELECT * WHERE { { SELECT ?s WHERE { SERVICE <http://example.com/sparql> { ?s ?p ?o } } } }",
    "ASK { ?s ?p ?o OPTIONAL { SERVICE ?endpoint { ?s ?p ?o } } }",
])
def test_service_is_refused(text):
    with pytest.raises(QueryError, match="SERVICE is refused"):
        check_query(text)


@pytest.mark.parametrize("text", [
    "SELECT * FROM <http://example.com/g> WHERE { ?s ?p ?o }",
    "SELECT * FROM NAMED <http://example.com/g> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "CONSTRUCT { ?s ?p ?o } FROM <http://example.com/g> WHERE { ?s ?p ?o }",
    "DESCRIBE <http://example.com/a> FROM <http://example.com/g>",
])
def test_from_is_refused(text):
    with pytest.raises(QueryError, match="FROM and FROM NAMED are refused"):
        check_query(text)


SAVED_COLUMNS = {
    "partners": ("company", "partner", "documents", "best_confidence"),
    "competitors": ("entity", "competitor", "documents", "best_confidence"),
    "monetization": ("company", "revenue_stream", "documents", "example_quote"),
    "develops": ("company", "builds", "kind", "documents"),
    "entity_profile": ("entity", "type", "aliases", "documents", "relations"),
    "top_claims": ("subject", "relation", "object", "documents", "first_said", "last_said", "best_confidence",
                   "quote"),
}


@pytest.mark.parametrize("name", sorted(SAVED_COLUMNS))
def test_saved_queries_run_on_the_example(name, example_dataset, schema):
    result = api.query(example_dataset, name, schema=schema)
    assert result.columns == SAVED_COLUMNS[name]
    assert len(result.rows) > 0


def test_saved_queries_are_checked(schema):
    assert set(schema.queries) == set(SAVED_COLUMNS)


def test_hash_inside_a_string_or_iri_is_not_a_comment(example_dataset):
    result = api.query(example_dataset, PREFIX + "SELECT ?label WHERE { ?c a tg:Company ; "
                       "<http://www.w3.org/2000/01/rdf-schema#label> ?label FILTER(?label != 'a # b') } "
                       "ORDER BY ?label LIMIT 1")
    assert result.columns == ("label",)
    assert len(result.rows) == 1


def test_syntax_error_has_line_and_column():
    with pytest.raises(QueryError) as caught:
        check_query("SELECT ?s\nWHERE {\n  ?s ?p \n}")
    message = str(caught.value)
    # pyparsing points at the triple it could not finish: line 3, column 3
    assert message.startswith("not valid SPARQL at line 3, column 3: ")


def test_syntax_error_position_is_exact():
    with pytest.raises(QueryError, match=r"line 1, column 1\b"):
        check_query("SELEKT ?s WHERE { ?s ?p ?o }")


def _slow() -> QueryResult:
    time.sleep(10)
    return QueryResult(("x",), ())


def _fails() -> QueryResult:
    raise ValueError("boom")


def test_run_with_timeout_stops_a_slow_function():
    started = time.perf_counter()
    with pytest.raises(QueryError, match="stopped after 0.5 s"):
        run_with_timeout(_slow, 0.5)
    assert time.perf_counter() - started < 3


def test_run_with_timeout_returns_and_reports_errors():
    result = QueryResult(("a", "b"), (("1", None),))
    assert run_with_timeout(lambda: result, 5) == result
    with pytest.raises(QueryError, match="query failed: boom"):
        run_with_timeout(_fails, 5)


# --- formatting ------------------------------------------------------------------------------------
RESULT = QueryResult(
    ("company", "partner", "note"),
    (("Amazon", "Anthropic", "a | b, \"c\""),
     ("=HYPERLINK(\"http://evil\")", "-1", None),
     ("+cmd", "@SUM(A1)", "line\nbreak\tand tab")),
)


def test_every_format_is_tested():
    assert set(FORMATS) == {"table", "csv", "tsv", "json", "md"}


def test_format_csv():
    text = format_result(RESULT, "csv")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["company", "partner", "note"]
    assert rows[1] == ["Amazon", "Anthropic", "a | b, \"c\""]
    assert rows[2] == ["'=HYPERLINK(\"http://evil\")", "'-1", ""]
    assert rows[3] == ["'+cmd", "'@SUM(A1)", "line\nbreak\tand tab"]


def test_format_tsv():
    lines = format_result(RESULT, "tsv").splitlines()
    assert lines[0] == "company\tpartner\tnote"
    assert lines[1] == "Amazon\tAnthropic\ta | b, \"c\""
    assert lines[2] == "'=HYPERLINK(\"http://evil\")\t'-1\t"
    assert lines[3] == "'+cmd\t'@SUM(A1)\tline break and tab"
    assert len(lines) == 4


def test_format_json():
    data = json.loads(format_result(RESULT, "json"))
    assert data["columns"] == ["company", "partner", "note"]
    assert data["rows"][0] == {"company": "Amazon", "partner": "Anthropic", "note": "a | b, \"c\""}
    assert data["rows"][1] == {"company": "=HYPERLINK(\"http://evil\")", "partner": "-1"}
    assert len(data["rows"]) == 3


def test_format_markdown():
    lines = format_result(RESULT, "md").splitlines()
    assert lines[0] == "| company | partner | note |"
    assert lines[1] == "|---|---|---|"
    assert lines[2] == "| Amazon | Anthropic | a \\| b, \"c\" |"
    assert lines[3] == "| =HYPERLINK(\"http://evil\") | -1 |  |"
    assert lines[4] == "| +cmd | @SUM(A1) | line break\tand tab |"


def test_format_table():
    lines = format_result(RESULT, "table").splitlines()
    assert lines[0].split() == ["company", "partner", "note"]
    assert set(lines[1]) == {"-", " "}
    assert lines[2].startswith("Amazon") and "Anthropic" in lines[2]
    assert lines[4].endswith("line break and tab")
    assert lines[-1] == "(3 rows)"
    one = format_result(QueryResult(("x",), (("y" * 100,),)), "table").splitlines()
    assert one[2] == "y" * 77 + "..."
    assert one[-1] == "(1 row)"


def test_unknown_format():
    with pytest.raises(QueryError, match="unknown format 'xml'"):
        format_result(RESULT, "xml")


@pytest.mark.parametrize("value, expected", [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@A1", "'@A1"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("Amazon", "Amazon"), ("a=b", "a=b"), ("", ""), (None, ""),
])
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


# --- query text and the API --------------------------------------------------------------------
def test_query_text_reads_rq_files(tmp_path):
    path = tmp_path / "q.rq"
    path.write_text("SELECT ?s WHERE { ?s ?p ?o }", encoding="utf-8")
    assert query_text(str(path)) == "SELECT ?s WHERE { ?s ?p ?o }"
    assert query_text("SELECT ?x WHERE { ?x ?y ?z }") == "SELECT ?x WHERE { ?x ?y ?z }"
    with pytest.raises(QueryError, match="not found"):
        query_text(str(tmp_path / "missing.rq"))


def test_api_query_saved_partners(example_dataset, schema):
    result = api.query(example_dataset, "partners", schema=schema)
    assert result.columns == ("company", "partner", "documents", "best_confidence")
    pairs = {(row[0], row[1]) for row in result.rows}
    assert ("Amazon", "Anthropic") in pairs
    assert ("Anthropic", "Amazon") in pairs  # symmetric: listed from both sides
    amazon = next(row for row in result.rows if row[0] == "Amazon")
    assert amazon[2] == "1"
    assert 0 < float(amazon[3]) <= 1


def test_api_query_sparql_text_and_refusals(example_dataset, schema):
    result = api.query(example_dataset, PREFIX + "ASK { ?s a tg:Company }", schema=schema)
    assert result == QueryResult(("ask",), (("true",),))
    with pytest.raises(QueryError, match="refused"):
        api.query(example_dataset, "DROP ALL", schema=schema)
    with pytest.raises(QueryError, match="positive"):
        api.query(example_dataset, "partners", schema=schema, timeout=0)


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }",
    "SELECT * WHERE " + "{" * 3000 + " ?s ?p ?o " + "}" * 3000,
])
def test_a_query_nested_absurdly_deep_is_refused_in_one_line(text):
    with pytest.raises(QueryError, match="^query nested too deeply to read; simplify it$"):
        check_query(text)

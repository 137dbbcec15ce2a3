"""graph/query.py: only read-only queries run, within a time limit; results in every format."""

from __future__ import annotations

import csv
import io
import json
import time

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from listener import Listener

from graph import api
from graph.building import BuildReport
from graph.building.record import record_build
from graph.errors import QueryError
from graph.query import FORMATS, Kind, QueryResult, check_query, format_result, query_text, run_with_timeout, safe_cell
from graph.rdf import new_dataset

PREFIX = "PREFIX tg: <https://talkgraph.dev/ontology#>\n"


@pytest.mark.parametrize(
    "text",
    [
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
    ],
)
def test_updates_are_refused(text):
    with pytest.raises(QueryError) as caught:
        check_query(text)
    assert "updates" in str(caught.value) and "refused" in str(caught.value)


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE { SERVICE <http://example.com/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <http://example.com/sparql> { ?s ?p ?o } } }",
        "SELECT * WHERE { ?s ?p ?o FILTER NOT EXISTS { SERVICE SILENT <http://example.com/sparql> { ?s ?p ?o } } }",
        "SELECT * WHERE { { SELECT ?s WHERE { SERVICE <http://example.com/sparql> { ?s ?p ?o } } } }",
        "ASK { ?s ?p ?o OPTIONAL { SERVICE ?endpoint { ?s ?p ?o } } }",
    ],
)
def test_service_is_refused(text):
    with pytest.raises(QueryError, match="SERVICE is refused"):
        check_query(text)


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * FROM <http://example.com/g> WHERE { ?s ?p ?o }",
        "SELECT * FROM NAMED <http://example.com/g> WHERE { GRAPH ?g { ?s ?p ?o } }",
        "CONSTRUCT { ?s ?p ?o } FROM <http://example.com/g> WHERE { ?s ?p ?o }",
        "DESCRIBE <http://example.com/a> FROM <http://example.com/g>",
    ],
)
def test_from_is_refused(text):
    with pytest.raises(QueryError, match="FROM and FROM NAMED are refused"):
        check_query(text)


SAVED_COLUMNS = {
    "partners": ("company", "partner", "documents", "best_confidence"),
    "competitors": ("entity", "competitor", "documents", "best_confidence"),
    "monetization": ("company", "revenue_stream", "documents", "example_quote"),
    "develops": ("company", "builds", "kind", "documents"),
    "entity_profile": ("entity", "type", "aliases", "documents", "relations"),
    "top_claims": ("subject", "relation", "object", "documents", "first_said", "last_said", "best_confidence", "quote"),
    "build": (
        "started",
        "ended",
        "version",
        "extractor",
        "schemaHash",
        "documents",
        "triples",
        "extracted",
        "unchanged",
        "removed",
    ),
    "entity": ("subject", "relation", "object", "documents", "best_confidence", "first_said", "last_said"),
    "evidence": ("date", "quote", "link", "second", "confidence", "modality", "video"),
    "timeline": ("date", "subject", "relation", "object", "confidence", "quote", "link"),
}
EXAMPLE_PARAMS = {
    "entity": {"entity": "DeepSeek"},
    "evidence": {"subject": "DeepSeek", "relation": "develops", "object": "DeepSeek-R1"},
    "timeline": {"entity": "DeepSeek"},
}


@pytest.mark.parametrize("name", sorted(SAVED_COLUMNS))
def test_saved_queries_run_on_the_example(name, example_dataset, schema):
    dataset = new_dataset()
    for quad in example_dataset.quads():
        dataset.add(quad)
    record_build(BuildReport(extracted=1, extractor="rules"), schema, dataset=dataset)  # as talkgraph build does
    result = api.query(dataset, name, params=EXAMPLE_PARAMS.get(name), schema=schema)
    assert result.columns == SAVED_COLUMNS[name]
    assert len(result.rows) > 0


def test_saved_queries_are_checked(schema):
    assert set(schema.queries) == set(SAVED_COLUMNS)


def test_hash_inside_a_string_or_iri_is_not_a_comment(example_dataset):
    result = api.query(
        example_dataset,
        PREFIX + "SELECT ?label WHERE { ?c a tg:Company ; "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?label FILTER(?label != 'a # b') } "
        "ORDER BY ?label LIMIT 1",
    )
    assert result.columns == ("label",)
    assert len(result.rows) == 1


# --- no way out: the check and the engine read the same query ----------------------------------
SMUGGLED_SERVICE = 'SELECT ?a WHERE { BIND("\\u005C" AS ?x) SERVICE <URL> { ?a ?b ?c } } #" AS ?y) }'


@pytest.fixture(scope="module")
def quiet_port():
    listener = Listener()
    yield listener
    listener.close()
    assert listener.requests == [], "a query reached the network"


def engine_run(checked: str) -> list | None:
    """Run checked text on Oxigraph in this process, where nothing stops a SERVICE call."""
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:b"), ox.NamedNode("urn:c")))
    try:
        result = store.query(checked)
    except (SyntaxError, OSError, ValueError):
        return None
    return [result] if isinstance(result, ox.QueryBoolean) else list(result)


def test_a_service_hidden_by_an_escape_does_not_reach_the_engine(quiet_port):
    checked = check_query(SMUGGLED_SERVICE.replace("URL", quiet_port.url))
    assert "SERVICE" in checked and "\\u" not in checked  # the engine gets the escape expanded
    engine_run(checked)
    assert quiet_port.requests == []


@pytest.mark.parametrize("store", ["file", "oxigraph"])
def test_the_reported_bypass_reaches_nothing_from_a_file_or_a_store(store, tmp_path, example_dataset, listener):
    from graph.export import export
    from graph.stores import open_store

    if store == "file":
        spec = str(tmp_path / "graph.nt")
        export(example_dataset, "nt", spec)
    else:
        spec = f"oxigraph:{tmp_path / 'db'}"
        opened = open_store(spec)
        opened.replace_graphs(example_dataset)
        opened.close()
    api.query(spec, SMUGGLED_SERVICE.replace("URL", listener.url), timeout=20)
    listener.close()
    assert listener.requests == []


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { SERVIC\\U00000045 <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p ?o } #\\u000A SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o }",
    ],
)
def test_a_service_spelled_with_escapes_is_refused(text):
    with pytest.raises(QueryError, match="SERVICE is refused|not valid SPARQL"):
        check_query(text)


def test_an_escape_that_spells_another_escape_is_refused():
    with pytest.raises(QueryError, match="escape that spells another escape"):
        check_query("SELECT * WHERE { \\u005Cu0053ERVICE <http://127.0.0.1:9/s> { ?s ?p ?o } }")


def test_escaped_characters_in_strings_still_work(example_dataset):
    result = api.query(example_dataset, 'SELECT ?x WHERE { BIND("caf\\u00e9 \\U0001F600" AS ?x) }')
    assert result.rows == (("café 😀",),)


def _disguised(draw, word: str) -> str:
    """`word` with each letter in either case, some letters written as \\u or \\U escapes."""
    letters = []
    for letter in word:
        letter = draw(st.sampled_from([letter.lower(), letter.upper()]))
        form = draw(st.sampled_from(["plain", "plain", "u", "U"]))
        code = draw(st.sampled_from(["{:04x}", "{:04X}"])) if form == "u" else "{:08X}"
        letters.append(letter if form == "plain" else "\\" + form + code.format(ord(letter)))
    return "".join(letters)


GAPS = [" ", "\n", "\t", " # a comment\n", " #\\u000A", "\\u0020", " # \\u005C\n"]
DANGERS = {
    "service": "{open} {kw}{gap}<{iri}> {{ ?a ?b ?c }} {close}",
    "service silent": "{open} {kw}{gap}SILENT{gap}<{iri}> {{ ?a ?b ?c }} {close}",
    "service by prefix": "{open} {kw}{gap}r:sparql {{ ?a ?b ?c }} {close}",
}
WRAPPERS = [
    "SELECT ?a WHERE {{ ?a ?b ?c . {danger} }}",
    'SELECT ?a WHERE {{ BIND("\\u005C" AS ?x) {danger} }} #" AS ?y) }}',
    'SELECT ?a WHERE {{ BIND("\\u0022 AS ?x) {danger} }} #" AS ?y) }}',
    "SELECT ?a WHERE {{ ?a ?b ?c # {danger}\n }}",
    "SELECT ?a WHERE {{ ?a ?b ?c FILTER EXISTS {{ {danger} }} }}",
    'SELECT ?a WHERE {{ ?a ?b ?c FILTER(?a != """{danger}""") }}',
]


@st.composite
def hidden_services(draw, url: str) -> str:
    iri = "".join(draw(st.sampled_from([c, f"\\u{ord(c):04X}"])) if c.isalpha() else c for c in url)
    gap = draw(st.sampled_from(GAPS))
    danger = draw(st.sampled_from(sorted(DANGERS)))
    opening = draw(st.sampled_from(["", "OPTIONAL {", "{"]))
    text = DANGERS[danger].format(
        open=opening, close="}" if opening else "", kw=_disguised(draw, "service"), gap=gap, iri=iri
    )
    query = draw(st.sampled_from(WRAPPERS)).format(danger=text)
    prologue = draw(
        st.sampled_from(
            ["", f"PREFIX r: <{url.rsplit('/', 1)[0]}/>\n", f"prefix r:<{iri.rsplit('/', 1)[0]}/> ", f"BASE <{url}>\n"]
        )
    )
    return prologue + query


@st.composite
def hidden_froms(draw) -> str:
    gap = draw(st.sampled_from(GAPS))
    clause = f"{_disguised(draw, 'from')}{gap}<urn:x-elsewhere>"
    return draw(
        st.sampled_from(
            [
                "SELECT ?a {clause} WHERE {{ ?a ?b ?c }}",
                "SELECT ?a # \\u000A{clause}\nWHERE {{ ?a ?b ?c }}",
                "SELECT ?a\\u0020{clause} WHERE {{ ?a ?b ?c }}",
            ]
        )
    ).format(clause=clause)


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_fuzz_no_hidden_service_reaches_the_engine(quiet_port, data):
    query = data.draw(hidden_services(quiet_port.url))
    try:
        checked = check_query(query)
    except QueryError:
        return
    engine_run(checked)
    assert quiet_port.requests == [], f"the engine called out for {query!r}"


@settings(max_examples=200, deadline=None)
@given(query=hidden_froms())
def test_fuzz_no_hidden_from_reaches_the_engine(query):
    """A FROM the engine honours would read the empty graph <urn:x-elsewhere>: no rows."""
    try:
        checked = check_query(query)
    except QueryError:
        return
    rows = engine_run(checked)
    assert rows is None or len(rows) == 1, f"the engine read a FROM in {query!r}"


def test_syntax_error_has_line_and_column():
    with pytest.raises(QueryError) as caught:
        check_query("SELECT ?s\nWHERE {\n  ?s ?p \n}")
    message = str(caught.value)
    # pyparsing points at the triple it could not finish: line 3, column 3
    assert message == 'not valid SPARQL at line 3, column 3, near "?s ?p"'


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
    (
        ("Amazon", "Anthropic", 'a | b, "c"'),
        ('=HYPERLINK("http://evil")', "-1", None),
        ("+cmd", "@SUM(A1)", "line\nbreak\tand tab"),
    ),
)


def test_every_format_is_tested():
    assert set(FORMATS) == {"table", "csv", "tsv", "json", "sparql-json", "md"}


def test_format_csv():
    text = format_result(RESULT, "csv")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["company", "partner", "note"]
    assert rows[1] == ["Amazon", "Anthropic", 'a | b, "c"']
    assert rows[2] == ['\'=HYPERLINK("http://evil")', "'-1", ""]
    assert rows[3] == ["'+cmd", "'@SUM(A1)", "line\nbreak\tand tab"]


def test_format_tsv():
    lines = format_result(RESULT, "tsv").splitlines()
    assert lines[0] == "company\tpartner\tnote"
    assert lines[1] == 'Amazon\tAnthropic\ta | b, "c"'
    assert lines[2] == "'=HYPERLINK(\"http://evil\")\t'-1\t"
    assert lines[3] == "'+cmd\t'@SUM(A1)\tline break and tab"
    assert len(lines) == 4


def test_format_json():
    data = json.loads(format_result(RESULT, "json"))
    assert data["columns"] == ["company", "partner", "note"]
    assert data["rows"][0] == {"company": "Amazon", "partner": "Anthropic", "note": 'a | b, "c"'}
    assert data["rows"][1] == {"company": '=HYPERLINK("http://evil")', "partner": "-1"}
    assert len(data["rows"]) == 3


XSD = "http://www.w3.org/2001/XMLSchema#"
TYPED = QueryResult(
    ("value",),
    tuple(
        (v,) for v in ("12", "0.5", "1E3", "NaN", "INF", "true", "0", "2025-01-20", "twelve", "hallo", "_:b0", "urn:a")
    ),
    tuple(
        (k,)
        for k in (
            Kind("literal", XSD + "integer"),
            Kind("literal", XSD + "decimal"),
            Kind("literal", XSD + "double"),
            Kind("literal", XSD + "double"),
            Kind("literal", XSD + "float"),
            Kind("literal", XSD + "boolean"),
            Kind("literal", XSD + "boolean"),
            Kind("literal", XSD + "date"),
            Kind("literal", XSD + "integer"),  # not of its datatype's form
            Kind("literal", language="de"),
            Kind("bnode"),
            Kind("uri"),
        )
    ),
)


def test_format_json_types_its_values():
    values = [row["value"] for row in json.loads(format_result(TYPED, "json"))["rows"]]
    assert values == [12, 0.5, 1000.0, "NaN", "INF", True, False, "2025-01-20", "twelve", "hallo", "_:b0", "urn:a"]


def test_format_sparql_json_follows_the_results_format():
    data = json.loads(format_result(TYPED, "sparql-json"))
    assert data["head"] == {"vars": ["value"]}
    bindings = [row["value"] for row in data["results"]["bindings"]]
    assert bindings[0] == {"type": "literal", "value": "12", "datatype": XSD + "integer"}
    assert bindings[9] == {"type": "literal", "value": "hallo", "xml:lang": "de"}
    assert bindings[10] == {"type": "bnode", "value": "b0"}
    assert bindings[11] == {"type": "uri", "value": "urn:a"}
    plain = json.loads(format_result(RESULT, "sparql-json"))["results"]["bindings"]
    assert plain[1] == {
        "company": {"type": "literal", "value": '=HYPERLINK("http://evil")'},
        "partner": {"type": "literal", "value": "-1"},
    }


def test_format_markdown():
    lines = format_result(RESULT, "md").splitlines()
    assert lines[0] == "| company | partner | note |"
    assert lines[1] == "|---|---|---|"
    assert lines[2] == '| Amazon | Anthropic | a \\| b, "c" |'
    assert lines[3] == '| =HYPERLINK("http://evil") | -1 |  |'
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


@pytest.mark.parametrize(
    "value, expected",
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@A1", "'@A1"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Amazon", "Amazon"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
    ],
)
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
    long_line = "SELECT ?s WHERE { ?s ?p ?o FILTER(" + " || ".join(f"?o = {n}" for n in range(100)) + ") }"
    assert query_text(long_line) == long_line  # longer than a file's name may be: text, not a path


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


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }",
        "SELECT * WHERE " + "{" * 3000 + " ?s ?p ?o " + "}" * 3000,
    ],
)
def test_a_query_nested_absurdly_deep_is_refused_in_one_line(text):
    with pytest.raises(QueryError, match="^query nested too deeply to read; simplify it$"):
        check_query(text)


def test_a_mistyped_saved_query_is_named_with_the_nearest(example_dataset, schema):
    with pytest.raises(QueryError, match=r"^no saved query 'partner'; did you mean partners\?$"):
        api.query(example_dataset, "partner", schema=schema)
    with pytest.raises(
        QueryError, match=r"^no saved query 'xyzzy'; the saved queries are build, competitors, develops, "
    ):
        api.query(example_dataset, "xyzzy", schema=schema)


def test_saved_queries_show_what_the_videos_state(example_dataset, schema):
    """Background facts (basis known) and hedged or predicted claims stay out of the saved views."""
    from rdflib import RDF, RDFS, Literal

    from graph.rdf import TG

    assert set(example_dataset.subjects(TG.basis, Literal("known")))  # the example has background facts
    stated = {
        (example_dataset.value(c, RDF.subject), example_dataset.value(c, RDF.object))
        for c in example_dataset.subjects(TG.modality, Literal("stated"))
        if (c, TG.basis, Literal("said")) in example_dataset and example_dataset.value(c, RDF.predicate) == TG.develops
    }
    labels = {(str(example_dataset.value(s, RDFS.label)), str(example_dataset.value(o, RDFS.label))) for s, o in stated}
    rows = api.query(example_dataset, "develops", schema=schema).rows
    assert {(row[0], row[1]) for row in rows} == labels


def test_the_quote_a_saved_query_shows_is_the_best_one(example_dataset, schema):
    """The most confident reading of a triple, then the shortest: never an arbitrary one."""
    from collections import defaultdict

    from rdflib import RDF, RDFS, Literal

    from graph.rdf import TG

    best: dict = defaultdict(list)
    for claim in example_dataset.subjects(TG.basis, Literal("said")):
        if (claim, TG.modality, Literal("stated")) not in example_dataset:
            continue
        ends = (example_dataset.value(claim, p) for p in (RDF.subject, RDF.object))
        subject, obj = (str(example_dataset.value(end, RDFS.label)) for end in ends)
        key = (subject, str(example_dataset.value(claim, RDF.predicate)).split("#")[-1], obj)
        quote = str(example_dataset.value(claim, TG.quote))
        best[key].append((-float(example_dataset.value(claim, TG.confidence)), len(quote), quote))
    rows = api.query(example_dataset, "top_claims", schema=schema).rows
    assert rows
    for row in rows:
        assert row[-1] == min(best[(row[0], row[1], row[2])])[2]

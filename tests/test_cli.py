"""The command line, through click's CliRunner."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from graph.cli import main
from graph.export import EXPORTERS
from graph.formats import FORMATS

REPO = Path(__file__).resolve().parent.parent
GOLD = REPO / "tests" / "data" / "gold" / "2025-01-20-deepseek-releases-r1.yaml"
SUFFIX = {fmt.name: fmt.suffix for fmt in FORMATS}
COMMANDS = sorted(main.commands)


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def _error_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory, example_path) -> Path:
    path = tmp_path_factory.mktemp("cli") / "graph.ttl"
    result = run("build", example_path, "-o", path, "-q")
    assert result.exit_code == 0, result.output
    return path


def test_commands():
    assert set(COMMANDS) >= {"build", "query", "viz", "export", "stats", "eval"}


def test_build_writes_the_graph(tmp_path, example_path):
    output = tmp_path / "out" / "graph.ttl"
    result = run("build", example_path, "-o", output)
    assert result.exit_code == 0, result.output
    assert output.is_file()
    graph = Graph().parse(output, format="turtle")
    assert len(graph) > 100
    assert "1 documents" in result.stderr and str(output) in result.stderr
    assert result.stdout == ""


def test_build_other_formats_and_store(tmp_path, example_path):
    output = tmp_path / "graph.trig"
    result = run("build", example_path, "-o", output, "--store", f"oxigraph:{tmp_path / 'db'}", "-q")
    assert result.exit_code == 0, result.output
    assert output.is_file() and (tmp_path / "db").is_dir()
    query = run("query", f"oxigraph:{tmp_path / 'db'}", "partners", "--format", "csv")
    assert query.exit_code == 0, query.output
    assert "Amazon,Anthropic," in query.stdout


def test_build_with_a_broken_file_exits_2(tmp_path, write_transcript):
    write_transcript("Amazon is working with Anthropic.", name="talks/good.md")
    broken = tmp_path / "talks" / "broken.md"
    broken.write_text("---\ntitle: never closed\nAmazon.\n", encoding="utf-8")
    output = tmp_path / "graph.ttl"
    result = run("build", tmp_path / "talks", "-o", output, "-q")
    assert result.exit_code == 2
    naming = [line for line in _error_lines(result) if "broken.md" in line]
    assert len(naming) == 1
    assert naming[0].startswith("talkgraph: failed: ")
    assert "Traceback" not in result.output
    assert output.is_file()  # the good file was still built


@pytest.mark.parametrize("command", ["build", "extract"])
def test_a_duplicate_transcript_is_named_once_and_skipped(tmp_path, write_transcript, command):
    first = write_transcript("Amazon is working with Anthropic.", name="talks/a.md", video_id="videoaaaaa0")
    again = write_transcript("Amazon is working with Anthropic.", name="talks/b.md", video_id="videoaaaaa0", title="B")
    target = ["-o", tmp_path / "g.ttl"] if command == "build" else ["--out-dir", tmp_path / "quads"]
    result = run(command, tmp_path / "talks", *target)
    assert result.exit_code == 0, result.output
    assert _error_lines(result).count(f"talkgraph: skipped {again}: the same transcript as {first}") == 1
    assert "1 documents" in result.stderr.splitlines()[-1]


@pytest.mark.parametrize(
    "command",
    [
        ["query", "{store}", "partners"],
        ["stats", "{store}"],
        ["validate", "{store}"],
        ["export", "{store}", "--format", "nt", "-o", "{out}"],
        ["viz", "{store}", "-o", "{out}"],
    ],
)
def test_reading_a_missing_store_is_an_error_and_makes_no_store(tmp_path, command):
    missing = tmp_path / "no-such-db"
    args = [part.format(store=f"oxigraph:{missing}", out=tmp_path / "out") for part in command]
    result = run(*args)
    assert result.exit_code == 1, result.output
    assert _error_lines(result) == [
        f"talkgraph: error: no store at {missing}: build one with 'talkgraph build SOURCES --store oxigraph:{missing}'"
    ]
    assert not missing.exists()


def test_build_strict(tmp_path, write_transcript):
    write_transcript("Amazon is working with Anthropic.", name="talks/b.md")
    (tmp_path / "talks" / "a.md").write_text("---\ntitle: x\n", encoding="utf-8")
    result = run("build", tmp_path / "talks", "-o", tmp_path / "g.ttl", "-q", "--strict")
    assert result.exit_code == 2
    assert len([line for line in _error_lines(result) if "failed:" in line and "a.md" in line]) == 1


def test_build_errors_are_one_line(tmp_path, example_path):
    missing = run("build", tmp_path / "nowhere", "-o", tmp_path / "g.ttl", "-q")
    assert missing.exit_code == 1
    assert _error_lines(missing) == [f"talkgraph: error: {tmp_path / 'nowhere'}: no such file or folder"]
    bad_output = run("build", example_path, "-o", tmp_path / "graph.csv", "-q")
    assert bad_output.exit_code == 1
    assert len(_error_lines(bad_output)) == 1 and ".ttl" in bad_output.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    nothing = run("build", empty, "-o", tmp_path / "g.ttl", "-q")
    assert nothing.exit_code == 1
    assert _error_lines(nothing) == [
        "talkgraph: error: no transcripts found (supported: .md .markdown .txt); check the paths"
    ]
    assert not (tmp_path / "g.ttl").exists()


def test_query_partners_csv(graph_file):
    result = run("query", graph_file, "partners", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["company", "partner", "documents", "best_confidence"]
    assert ["Amazon", "Anthropic"] in [row[:2] for row in rows]


def test_query_partners_json(graph_file):
    result = run("query", graph_file, "partners", "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"company": "Amazon", "partner": "Anthropic"}.items() <= next(
        row for row in data["rows"] if row["company"] == "Amazon"
    ).items()


def test_query_table_rq_file_and_output(graph_file, tmp_path):
    table = run("query", graph_file, REPO / "schema" / "queries" / "partners.rq")
    assert table.exit_code == 0, table.output
    assert table.stdout.splitlines()[0].split() == ["company", "partner", "documents", "best_confidence"]
    assert table.stdout.rstrip().endswith("rows)")
    target = tmp_path / "partners.md"
    written = run("query", graph_file, "partners", "-f", "md", "-o", target)
    assert written.exit_code == 0 and written.stdout == ""
    assert "| Amazon | Anthropic |" in target.read_text(encoding="utf-8")


def test_query_refusing_an_update(graph_file):
    result = run("query", graph_file, "DELETE WHERE { ?s ?p ?o }")
    assert result.exit_code == 1
    lines = _error_lines(result)
    assert len(lines) == 1
    assert lines[0].startswith("talkgraph: error: updates")
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_query_syntax_error_is_one_line(graph_file):
    result = run("query", graph_file, "SELECT ?s WHERE { ?s ?p }")
    assert result.exit_code == 1
    assert _error_lines(result) == [
        'talkgraph: error: not valid SPARQL at line 1, column 19, near "?s ?p }" (after "SELECT ?s WHERE {")'
    ]


def test_query_syntax_error_names_the_line_of_a_long_query(graph_file):
    query = (
        "SELECT ?label\nWHERE {\n  ?c a tg:Company ;\n     rdfs:label ?label .\n  FILTER(?label = )\n}\nORDER BY ?label"
    )
    result = run("query", graph_file, query)
    assert result.exit_code == 1
    (line,) = _error_lines(result)
    assert line.startswith('talkgraph: error: not valid SPARQL at line 5, column 3, near "FILTER(?label = )"')
    assert len(line) < 160


def test_query_with_talkgraphs_prefixes_undeclared(graph_file):
    result = run("query", graph_file, "SELECT ?c WHERE { ?c a tg:Company ; rdfs:label 'Amazon' }", "-f", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["c", "https://talkgraph.dev/id/company/amazon"]
    own = run("query", graph_file, "PREFIX tg: <urn:other#> ASK { ?c a tg:Company }", "-f", "csv")
    assert own.stdout.splitlines() == ["ask", "false"]  # the query's own declaration wins
    other = run("query", graph_file, "SELECT ?c WHERE { ?c a foaf:Person }")
    assert _error_lines(other) == [
        "talkgraph: error: prefix 'foaf:' is not declared; add PREFIX foaf: <IRI> to the query "
        "(declared for you: tg:, tgid:, schema:, prov:, skos:, rdfs:, xsd:, rdf:, owl:)"
    ]


def test_query_json_is_typed(graph_file):
    sparql = (
        "SELECT ?quote ?confidence ?second ?estimated ?start ?date WHERE { ?c tg:quote ?quote ; "
        "tg:confidence ?confidence ; tg:startSecond ?second ; tg:secondEstimated ?estimated ; tg:charStart ?start ; "
        "prov:wasDerivedFrom/schema:datePublished ?date } LIMIT 1"
    )
    (row,) = json.loads(run("query", graph_file, sparql, "-f", "json").stdout)["rows"]
    assert isinstance(row["quote"], str) and isinstance(row["confidence"], float) and isinstance(row["second"], float)
    assert isinstance(row["estimated"], bool) and isinstance(row["start"], int) and row["date"] == "2025-01-20"
    data = json.loads(run("query", graph_file, sparql, "-f", "sparql-json").stdout)
    assert data["head"]["vars"] == ["quote", "confidence", "second", "estimated", "start", "date"]
    (binding,) = data["results"]["bindings"]
    xsd = "http://www.w3.org/2001/XMLSchema#"
    assert binding["quote"] == {"type": "literal", "value": row["quote"]}
    assert binding["start"] == {"type": "literal", "value": str(row["start"]), "datatype": xsd + "integer"}
    assert binding["estimated"]["datatype"] == xsd + "boolean"
    assert binding["date"] == {"type": "literal", "value": "2025-01-20", "datatype": xsd + "date"}
    counted = json.loads(run("query", graph_file, "partners", "-f", "json").stdout)["rows"][0]
    assert isinstance(counted["documents"], int) and isinstance(counted["best_confidence"], float)
    asked = run("query", graph_file, "ASK { ?c a tg:Claim }", "-f", "sparql-json")
    assert json.loads(asked.stdout) == {"head": {}, "boolean": True}
    iri = json.loads(
        run("query", graph_file, "SELECT ?c WHERE { ?c a tg:Company } LIMIT 1", "-f", "sparql-json").stdout
    )
    assert iri["results"]["bindings"][0]["c"]["type"] == "uri"


def test_query_list_shows_the_saved_queries_and_their_parameters():
    result = run("query", "--list")
    assert result.exit_code == 0, result.output
    assert "evidence        The evidence for one claim" in result.stdout
    assert "  --param relation=RELATION  the relation, e.g. competesWith" in result.stdout
    assert "  [--param since=DATE]" in result.stdout
    missing = run("query", "output/graph.ttl")
    assert missing.exit_code == 2 and "give GRAPH and QUERY, or --list" in missing.output


def test_query_with_parameters(graph_file):
    result = run(
        "query",
        graph_file,
        "evidence",
        "-p",
        "subject=amazon",
        "--param",
        "relation=partner of",
        "-p",
        "object=Anthropic",
        "-f",
        "csv",
    )
    assert result.exit_code == 0, result.output
    (header, quote) = list(csv.reader(io.StringIO(result.stdout)))
    assert header == ["date", "quote", "link", "second", "confidence", "modality", "video"]
    assert quote[0] == "2025-01-20" and "anthropic" in quote[1] and "&t=" in quote[2]
    for args, message in [
        (("-p", "subject=amazon"), "the query needs --param relation=RELATION --param object=ENTITY"),
        (("-p", "subject=amazn", "-p", "relation=partnerOf", "-p", "object=Anthropic"), "did you mean Amazon?"),
        (("-p", "subject"), "write NAME=VALUE"),
    ]:
        failed = run("query", graph_file, "evidence", *args)
        assert failed.exit_code == 1
        (line,) = _error_lines(failed)
        assert line.startswith("talkgraph: error: ") and message in line, line


def test_missing_graph_file_is_one_clean_line(tmp_path):
    missing = tmp_path / "missing.ttl"
    for args in (
        ("query", missing, "partners"),
        ("stats", missing),
        ("export", missing, "-f", "nt"),
        ("eval", missing, GOLD),
    ):
        result = run(*args)
        assert result.exit_code == 1, args
        lines = _error_lines(result)
        assert len(lines) == 1, (args, lines)
        assert lines[0].startswith("talkgraph: error: ") and "no such graph file" in lines[0]
        assert "Traceback" not in result.output


@pytest.mark.parametrize("fmt", EXPORTERS.names())
def test_export_every_format(graph_file, tmp_path, fmt):
    target = tmp_path / f"out{SUFFIX[fmt]}"
    result = run("export", graph_file, "--format", fmt, "-o", target)
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == f"wrote {target}"
    files = sorted(target.iterdir()) if target.is_dir() else [target]  # neo4j: a folder of files
    text = "".join(path.read_text(encoding="utf-8") for path in files)
    assert "Anthropic" in text
    if fmt == "csv":
        assert "\nAmazon,Company,partnerOf,Anthropic," in text


def test_export_takes_the_other_spelling_of_a_format(graph_file, tmp_path):
    result = run("export", graph_file, "--format", "json-ld")
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == f"wrote {graph_file.with_suffix('.jsonld')}"


def test_build_refuses_an_output_suffix_it_does_not_write(tmp_path):
    result = run("build", REPO / "examples", "-o", tmp_path / "graph.json", "--no-validate", "-q")
    assert result.exit_code == 1
    assert _error_lines(result) == [
        f"talkgraph: error: {tmp_path / 'graph.json'}: write the graph as .ttl, .nt, .trig, .nq or .jsonld"
    ]
    assert not list(tmp_path.iterdir())


def test_export_default_target_is_beside_the_graph(graph_file):
    result = run("export", graph_file, "--format", "nt")
    expected = graph_file.with_suffix(".nt")
    assert result.exit_code == 0, result.output
    assert expected.is_file()
    assert len(Graph().parse(expected, format="nt")) == len(Graph().parse(graph_file, format="turtle"))


def test_stats(graph_file):
    result = run("stats", graph_file, "--top", "2")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "documents: 1"
    assert any(line.split()[:1] == ["partnerOf"] for line in lines)
    assert len(lines[lines.index("most connected:") + 1 :]) == 2


def test_eval(graph_file):
    result = run("eval", graph_file, GOLD)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-2].startswith("triples: P=")
    as_json = run("eval", graph_file, GOLD, "--json")
    assert as_json.exit_code == 0
    assert json.loads(as_json.stdout)["triples"]["f1"] >= 0.5


def test_viz(graph_file, tmp_path):
    target = tmp_path / "network.html"
    result = run("viz", graph_file, "-o", target)
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == f"wrote {target}"
    html = target.read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html")
    assert "Anthropic" in html and "Amazon" in html
    assert '"label":"DeepSeek"' in html and '"label":"Amazon"' in html
    focused = run("viz", graph_file, "-o", tmp_path / "focus.html", "--focus", "Amazon", "--relations", "partnerOf")
    assert focused.exit_code == 0, focused.output
    focus_html = (tmp_path / "focus.html").read_text(encoding="utf-8")
    assert '"label":"Anthropic"' in focus_html and '"label":"DeepSeek"' not in focus_html
    unknown = run("viz", graph_file, "-o", tmp_path / "x.html", "--focus", "No Such Entity Anywhere")
    assert unknown.exit_code == 1
    assert len(_error_lines(unknown)) == 1 and "Traceback" not in unknown.output


@pytest.mark.parametrize("command", COMMANDS)
def test_help_has_an_example(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout
    assert f"talkgraph {command}" in result.stdout


def test_main_help_and_version():
    result = run("--help")
    assert result.exit_code == 0
    assert "Quick start" in result.stdout
    for command in COMMANDS:
        assert command in result.stdout
    version = run("--version")
    assert version.exit_code == 0 and "0.1.0" in version.stdout


def test_debug_shows_the_traceback(tmp_path):
    result = run("--debug", "stats", tmp_path / "missing.ttl")
    assert result.exit_code == 1
    assert "Traceback" in result.stderr
    assert result.stderr.rstrip().splitlines()[-1].startswith("talkgraph: error: ")


def test_files_passed_over_and_repairs_are_notices_not_failures(tmp_path):
    folder, outside = tmp_path / "talks", tmp_path / "elsewhere"
    folder.mkdir()
    outside.mkdir()
    (folder / "talk.md").write_text(
        "---\ntitle: T\npublish_date: 2025-02-30\n---\nAmazon works with Anthropic.\n", encoding="utf-8"
    )
    (outside / "secret.md").write_text("Google competes with OpenAI.", encoding="utf-8")
    (folder / "leak.md").symlink_to(outside / "secret.md")
    result = run("build", str(folder), "-o", str(tmp_path / "g.ttl"), "-j", "1")
    assert result.exit_code == 0, result.output
    notices = [line for line in result.stderr.splitlines() if line.startswith("talkgraph: notice: ")]
    assert notices == [
        f"talkgraph: notice: {folder / 'leak.md'}: passed over: a link out of the folders named (to "
        f"{(outside / 'secret.md').resolve()}); pass --follow-symlinks to read it",
        f"talkgraph: notice: {folder / 'talk.md'}: publish date '2025-02-30' is not a date (YYYY-MM-DD); "
        "the transcript is built without it",
    ]
    followed = run("build", str(folder), "-o", str(tmp_path / "g.ttl"), "-j", "1", "--follow-symlinks")
    assert followed.exit_code == 0 and "2 documents" in followed.stderr


# --- corrections -----------------------------------------------------------------------------------
def test_correct_writes_an_entry_the_build_applies(tmp_path, example_path):
    corrections = tmp_path / "fixes.yaml"
    added = run("correct", "merge", "Claude Sonnet", "Claude", "--file", corrections)
    assert added.exit_code == 0, added.output
    assert _error_lines(added) == [
        f'{corrections}: added merge "Claude Sonnet" into "Claude" (fixes.yaml, entry 1); the next build applies it'
    ]
    run("correct", "drop", "Anthropic", "competesWith", "DeepSeek", "--document", "U6bZI-0oAjc", "--file", corrections)
    run("correct", "alias", "the whale", "DeepSeek", "--file", corrections)
    run("correct", "retype", "ChatGPT", "AIModel", "--file", corrections)
    assert corrections.read_text(encoding="utf-8").splitlines() == [
        "- {merge: Claude Sonnet, into: Claude}",
        "- {drop: competesWith, subject: Anthropic, object: DeepSeek, document: U6bZI-0oAjc}",
        "- {alias: the whale, of: DeepSeek}",
        "- {retype: ChatGPT, as: AIModel}",
    ]
    graph = tmp_path / "graph.ttl"
    built = run("build", example_path, "-o", graph, "--corrections", corrections, "-q")
    assert built.exit_code == 0, built.output
    kinds = run(
        "query", graph, "SELECT DISTINCT ?kind WHERE { ?c tg:correctionKind ?kind } ORDER BY ?kind", "-f", "csv"
    )
    assert kinds.stdout.splitlines() == ["kind", "drop", "merge", "retype"]  # no one says "the whale" here


def test_correct_refuses_an_entry_that_would_not_load(tmp_path):
    corrections = tmp_path / "fixes.yaml"
    corrections.write_text("# kept as it was\n", encoding="utf-8")
    for args, message in [
        (("merge", "Peter Dantis", "Peter DeSantis"), "'Peter DeSantis' is not in entities.yaml"),
        (("retype", "Grok", "Chip"), "'Chip' is not an entity type"),
        (("drop", "Nvidia", "rivals", "AMD"), "no relation 'rivals'"),
    ]:
        result = run("correct", *args, "--file", corrections)
        assert result.exit_code == 1
        (line,) = _error_lines(result)
        assert line.startswith(f"talkgraph: error: {corrections}: entry 1 (") and message in line, line
    assert corrections.read_text(encoding="utf-8") == "# kept as it was\n"
    typed = run("correct", "merge", "Peter Dantis", "Peter DeSantis", "--type", "Person", "--file", corrections)
    assert typed.exit_code == 0, typed.output
    assert corrections.read_text(encoding="utf-8").splitlines()[-1] == (
        "- {merge: Peter Dantis, into: Peter DeSantis, type: Person}"
    )


def test_build_with_a_wrong_corrections_file_is_one_line(tmp_path, example_path):
    corrections = tmp_path / "fixes.yaml"
    corrections.write_text("- {merge: Sam Elman, inot: Sam Altman}\n", encoding="utf-8")
    result = run("build", example_path, "-o", tmp_path / "g.ttl", "--corrections", corrections)
    assert result.exit_code == 1
    assert _error_lines(result) == [
        f"talkgraph: error: {corrections}: entry 1 (merge 'Sam Elman'): unknown key 'inot'; "
        "a merge takes merge, into, type"
    ]
    assert not (tmp_path / "g.ttl").exists()

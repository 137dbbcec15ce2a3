"""No command touches the network (only the LLM backend and a remote store named by the user
may): every command runs in a process whose audit hook records and refuses any attempt to
resolve a name or open an internet socket, fed graphs that point at remote contexts and entities."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "2025-01-20-deepseek-releases-r1.md"
GOLD = REPO / "tests" / "data" / "gold" / "2025-01-20-deepseek-releases-r1.yaml"
# An address nothing should ever reach: a reserved documentation block, on the discard port.
REMOTE = "http://192.0.2.1:9"

RUNNER = """
import json, socket, sys
from click.testing import CliRunner

attempts = []

def refuse_network(event, args):
    internet = event == "socket.connect" and args[0].family in (socket.AF_INET, socket.AF_INET6)
    if internet or event in ("socket.getaddrinfo", "socket.gethostbyname", "urllib.Request"):
        with open(sys.argv[1], "a") as log:
            log.write(event + " " + repr(args[1:])[:200] + "\\n")
        raise ConnectionRefusedError("network use is not allowed here")

sys.addaudithook(refuse_network)
from graph.cli import main

results = []
for args in json.loads(sys.argv[2]):
    result = CliRunner().invoke(main, args)
    results.append({"args": args, "code": result.exit_code, "stderr": result.stderr})
print(json.dumps(results))
"""


@pytest.fixture(scope="module")
def offline_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("offline")
    shutil.copy(EXAMPLE, folder / "talk.md")
    (folder / "remote-context.jsonld").write_text(
        json.dumps({"@context": f"{REMOTE}/context.jsonld", "@id": "http://e/x", "name": "X"}), encoding="utf-8"
    )
    (folder / "nested-context.jsonld").write_text(
        json.dumps(
            {
                "@context": {"@version": 1.1, "knows": {"@id": "http://e/knows", "@context": [f"{REMOTE}/scoped"]}},
                "@id": "http://e/x",
                "knows": {"@id": "http://e/y"},
            }
        ),
        encoding="utf-8",
    )
    (folder / "import-context.jsonld").write_text(
        json.dumps({"@context": {"@version": 1.1, "@import": f"{REMOTE}/import"}, "@id": "http://e/x"}),
        encoding="utf-8",
    )
    (folder / "entity.rdf").write_text(
        f"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [ <!ENTITY remote SYSTEM "{REMOTE}/entity"> <!ENTITY local SYSTEM "file:///etc/hostname"> ]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="http://e/">
  <rdf:Description rdf:about="http://e/a"><e:p>&remote;&local;</e:p></rdf:Description>
</rdf:RDF>
""",
        encoding="utf-8",
    )
    (folder / "imports.ttl").write_text(
        f"<http://e/o> a <http://www.w3.org/2002/07/owl#Ontology> ; "
        f"<http://www.w3.org/2002/07/owl#imports> <{REMOTE}/ontology.ttl> .\n",
        encoding="utf-8",
    )
    graph, db, quads = folder / "graph.jsonld", f"oxigraph:{folder / 'db'}", folder / "quads"
    commands = {
        "build": ["build", str(folder / "talk.md"), "-o", str(graph), "--store", db, "-j", "2"],
        "query": ["query", str(graph), "partners"],
        "query SERVICE": ["query", db, "SELECT * WHERE { SERVICE <" + REMOTE + "/sparql> { ?s ?p ?o } }"],
        "query FROM": ["query", str(graph), "SELECT * FROM <" + REMOTE + "/g.ttl> WHERE { ?s ?p ?o }"],
        "query LOAD": ["query", str(graph), "LOAD <" + REMOTE + "/data.ttl>"],
        "remote context": ["query", str(folder / "remote-context.jsonld"), "SELECT * WHERE { ?s ?p ?o }"],
        "nested context": ["stats", str(folder / "nested-context.jsonld")],
        "imported context": ["stats", str(folder / "import-context.jsonld")],
        "entity stats": ["stats", str(folder / "entity.rdf")],
        "entity query": ["query", str(folder / "entity.rdf"), "SELECT * WHERE { ?s ?p ?o }"],
        "owl:imports": ["validate", str(folder / "imports.ttl")],
        "validate": ["validate", str(graph)],
        "stats": ["stats", db],
        "eval": ["eval", str(graph), str(GOLD)],
        "viz": ["viz", str(graph), "-o", str(folder / "network.html")],
        "audit": ["audit", str(graph), "--transcripts", str(folder / "talk.md"), "-o", str(folder / "sample.csv")],
        **{
            f"export {fmt}": ["export", str(graph), "-f", fmt, "-o", str(folder / f"out.{fmt}")]
            for fmt in ("turtle", "nt", "trig", "nquads", "jsonld", "graphml", "gexf", "csv")
        },
        "extract": ["extract", str(folder / "talk.md"), "--out-dir", str(quads), "-j", "1"],
        "load": ["load", str(quads), "--store", f"oxigraph:{folder / 'db2'}"],
    }
    log = folder / "network.log"
    done = subprocess.run(
        [sys.executable, "-c", RUNNER, str(log), json.dumps(list(commands.values()))],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    results = dict(zip(commands, json.loads(done.stdout)))
    return results, (log.read_text() if log.exists() else "")


def test_no_command_tried_the_network(offline_run):
    results, log = offline_run
    assert log == ""
    assert len(results) == 26


def test_the_commands_did_their_work_offline(offline_run):
    results, _ = offline_run
    for name in (
        "build",
        "query",
        "validate",
        "stats",
        "eval",
        "viz",
        "audit",
        "extract",
        "load",
        *[name for name in results if name.startswith("export ")],
    ):
        assert results[name]["code"] == 0, (name, results[name]["stderr"])


@pytest.mark.parametrize(
    "name, message",
    [
        (
            "remote context",
            "its @context refers to 'http://192.0.2.1:9/context.jsonld', which talkgraph "
            "does not fetch; put the context itself in the file",
        ),
        ("nested context", "its @context refers to 'http://192.0.2.1:9/scoped'"),
        ("imported context", "its @context refers to 'http://192.0.2.1:9/import'"),
    ],
)
def test_a_remote_json_ld_context_is_refused_in_one_line(offline_run, name, message):
    result = offline_run[0][name]
    assert result["code"] == 1
    [line] = result["stderr"].splitlines()
    assert line.startswith("talkgraph: error: ") and message in line


@pytest.mark.parametrize("name", ["query SERVICE", "query FROM", "query LOAD"])
def test_remote_query_forms_are_refused(offline_run, name):
    result = offline_run[0][name]
    assert result["code"] == 1 and "refused" in result["stderr"]


def test_an_external_xml_entity_is_neither_fetched_nor_read(offline_run):
    stats = offline_run[0]["entity stats"]
    assert stats["code"] == 0
    query = offline_run[0]["entity query"]
    assert query["code"] == 1 and "not valid xml" in query["stderr"]  # Oxigraph refuses external entities


def test_owl_imports_are_not_followed_by_validate(offline_run):
    result = offline_run[0]["owl:imports"]
    assert result["code"] == 0

"""The commands past one machine: build/query/export/stats/viz on sparql:QUERY_URL, extract and load."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from oxigraph_server import free_port
from rdflib import Dataset

from graph.cli import main


def run(*args: str, **env):
    return CliRunner().invoke(main, [str(a) for a in args], env=env or None)


@pytest.fixture
def spec(sparql_store, oxigraph_server) -> str:
    return f"sparql:{oxigraph_server.query_url}"


def test_build_into_a_sparql_store_then_read_it_back(spec, example_path, tmp_path):
    built = run("build", example_path, "--store", spec)
    assert built.exit_code == 0, built.output
    assert re.search(r"1 documents, [\d,]+ words, \d+ facts in .* → sparql:http://127\.0\.0\.1:\d+/query", built.stderr)
    again = run("build", example_path, "--store", spec)
    assert "0 extracted, 1 unchanged" in again.stderr
    partners = run("query", spec, "partners", "--format", "csv")
    assert partners.exit_code == 0 and "Amazon,Anthropic" in partners.stdout
    stats = run("stats", spec)
    assert stats.exit_code == 0 and stats.stdout.startswith("documents: 1\n")
    trig = tmp_path / "graph.trig"
    exported = run("export", spec, "--format", "trig", "-o", trig)
    assert exported.exit_code == 0
    assert len(Dataset().parse(trig, format="trig")) > 500
    page = tmp_path / "network.html"
    assert run("viz", spec, "-o", page).exit_code == 0 and "Anthropic" in page.read_text(encoding="utf-8")


def test_export_from_a_sparql_store_needs_a_file(spec):
    result = run("export", spec, "--format", "turtle")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "talkgraph: error: a SPARQL endpoint has no folder to write beside: give the file with -o"
    )


def test_the_update_endpoint_option(spec, oxigraph_server, example_path):
    wrong = run("build", example_path, "--store", spec, "--update-endpoint", f"{oxigraph_server.base_url}/nothing")
    assert wrong.exit_code == 1
    assert f"{oxigraph_server.base_url}/nothing is not a SPARQL update endpoint (HTTP 404)" in wrong.stderr
    given = run("build", example_path, "--store", spec, "--update-endpoint", oxigraph_server.update_url)
    assert given.exit_code == 0, given.output
    assert "Amazon" in run("query", spec, "partners").stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["--update-endpoint", "http://h/update"], "--update-endpoint needs --store sparql:QUERY_URL"),
        (["--store", "memory", "--update-endpoint", "http://h/update"], "--update-endpoint is for sparql: stores"),
    ],
)
def test_update_endpoint_misuse(example_path, args, message):
    result = run("build", example_path, *args)
    assert result.exit_code == 1 and message in result.stderr


def test_an_unreachable_server_is_one_line(example_path):
    result = run("build", example_path, "--store", f"sparql:http://127.0.0.1:{free_port()}/query")
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "cannot connect" in lines[0] and "is the SPARQL server running" in lines[0]


def test_extract_then_load(spec, example_path, tmp_path):
    out = tmp_path / "quads"
    extracted = run("extract", example_path, "--out-dir", out, "-j", "1")
    assert extracted.exit_code == 0, extracted.output
    assert re.search(r"1 documents \(1 extracted, 0 unchanged\), \d+ facts in .* documents/s", extracted.stderr)
    assert [path.name for path in out.iterdir()] == ["u6bzi-0oajc.nq"]
    loaded = run("load", out, "--store", spec, "-q")
    assert loaded.exit_code == 0, loaded.output
    assert "Amazon,Anthropic" in run("query", spec, "partners", "--format", "csv").stdout
    again = run("load", out, "--store", spec)
    assert "0 documents loaded (0 quads), 1 unchanged, 0 removed" in again.stderr


def test_extract_prune_reports_what_it_deleted(example_path, tmp_path):
    out = tmp_path / "quads"
    out.mkdir()
    (out / "gone-video.nq").write_text("", encoding="utf-8")
    result = run("extract", example_path, "--out-dir", out, "-j", "1", "--prune")
    assert result.exit_code == 0, result.output
    assert "(1 extracted, 0 unchanged, 1 removed)" in result.stderr
    assert [path.name for path in out.iterdir()] == ["u6bzi-0oajc.nq"]


@pytest.mark.dask
def test_extract_on_dask(example_path, tmp_path):
    result = run("extract", example_path, "--out-dir", tmp_path / "quads", "--engine", "dask", "-j", "1")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "quads" / "u6bzi-0oajc.nq").stat().st_size > 10_000


def test_scheduler_needs_dask(example_path, tmp_path):
    result = run("extract", example_path, "--out-dir", tmp_path / "q", "--scheduler", "tcp://127.0.0.1:8786")
    assert result.exit_code == 1 and "--scheduler needs --engine dask" in result.stderr


def test_load_reports_broken_files(tmp_path, spec):
    (tmp_path / "quads").mkdir()
    (tmp_path / "quads" / "bad.nq").write_text("not n-quads\n", encoding="utf-8")
    result = run("load", tmp_path / "quads", "--store", spec, "--prune", "-q")
    assert result.exit_code == 2
    assert "bad.nq: not valid N-Quads" in result.stderr and "nothing was pruned" in result.stderr

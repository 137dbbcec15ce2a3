"""`python -m graph` (graph/__main__.py and cli.run): exit codes and output survive the quick exit."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from rdflib import Graph

from graph.cli import main

REPO = Path(__file__).resolve().parent.parent


def talkgraph(*args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "graph", *map(str, args)], cwd=REPO, capture_output=True, text=True, timeout=120
    )


def test_a_build_writes_its_graph_and_exits_0(tmp_path):
    output = tmp_path / "graph.ttl"
    built = talkgraph("build", REPO / "examples", "-o", output, "-q")
    assert built.returncode == 0, built.stderr
    assert len(Graph().parse(output, format="turtle")) > 100


def test_everything_printed_reaches_the_reader(tmp_path):
    output = tmp_path / "graph.ttl"
    assert talkgraph("build", REPO / "examples", "-o", output, "-q").returncode == 0
    printed = talkgraph("query", output, "top_claims", "--format", "csv")
    expected = CliRunner().invoke(main, ["query", str(output), "top_claims", "--format", "csv"])
    assert printed.returncode == 0 and expected.exit_code == 0
    assert printed.stdout == expected.stdout and printed.stdout.count("\n") > 5


def test_errors_keep_their_exit_codes(tmp_path):
    missing = talkgraph("query", tmp_path / "missing.ttl", "partners")
    assert missing.returncode == 1
    assert missing.stderr.startswith("talkgraph: error: ") and len(missing.stderr.splitlines()) == 1
    assert talkgraph("build").returncode == 2  # a usage error, from click


def test_the_command_line_starts_without_the_llm_extractor():
    # its HTTP client took a tenth of every command's start; a build with --extractor llm loads it
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, graph.cli; print('graph.extract.llm.extractor' in sys.modules)"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert loaded.stdout.strip() == "False", loaded.stderr

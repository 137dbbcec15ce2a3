"""The command line against hostile queries and hostile places to write: refused query forms,
a runaway query stopped, outputs replaced atomically (a failed, interrupted or killed build
leaves the previous file byte for byte), a full disk and a read-only folder in one line."""

from __future__ import annotations

import ctypes
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from graph import api
from graph.cli import main

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "2025-01-20-deepseek-releases-r1.md"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def error_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("safety") / "graph.ttl"
    result = run("build", EXAMPLE, "-o", path, "-q")
    assert result.exit_code == 0, result.output
    return path


# --- queries -----------------------------------------------------------------------------------
REFUSED = {
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }": "SERVICE is refused",
    "SELECT * FROM <http://127.0.0.1:9/g.ttl> WHERE { ?s ?p ?o }": "FROM and FROM NAMED are refused",
    "SELECT * FROM NAMED <http://127.0.0.1:9/g.ttl> WHERE { GRAPH ?g { ?s ?p ?o } }": "FROM and FROM NAMED",
    "LOAD <http://127.0.0.1:9/data.ttl>": "updates",
    "INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }": "updates",
    "DELETE WHERE { ?s ?p ?o }": "updates",
    "DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }": "updates",
    "WITH <http://e/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }": "updates",
    "CLEAR ALL": "updates",
    "DROP GRAPH <http://e/g>": "updates",
    "CREATE GRAPH <http://e/g>": "updates",
    "ADD DEFAULT TO <http://e/g>": "updates",
    "MOVE DEFAULT TO <http://e/g>": "updates",
    "COPY DEFAULT TO <http://e/g>": "updates",
}


@pytest.mark.parametrize("sparql", sorted(REFUSED))
def test_query_refuses_with_one_clear_line(graph_file, sparql):
    before = graph_file.read_bytes()
    result = run("query", graph_file, sparql)
    assert result.exit_code == 1
    [line] = error_lines(result)
    assert line.startswith("talkgraph: error: ") and REFUSED[sparql] in line and "refused" in line
    assert result.stdout == ""
    assert graph_file.read_bytes() == before


def test_timeout_stops_a_runaway_query(graph_file):
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    started = time.perf_counter()
    result = run("query", graph_file, runaway, "--timeout", "1")
    assert time.perf_counter() - started < 15
    assert result.exit_code == 1
    assert error_lines(result) == ["talkgraph: error: query stopped after 1 s; narrow it or raise --timeout"]


def test_the_default_timeout_is_30_seconds():
    assert api.DEFAULT_TIMEOUT == 30
    assert "[default: 30.0; x>0]" in run("query", "--help").stdout


# --- outputs ---------------------------------------------------------------------------------------
def test_a_build_that_reads_nothing_keeps_the_previous_output(tmp_path):
    output = tmp_path / "graph.ttl"
    output.write_bytes(b"previous \x00 bytes")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "broken.json").write_text("[", encoding="utf-8")
    result = run("build", tmp_path / "in", "-o", output, "-q")
    assert result.exit_code == 2
    assert error_lines(result)[-1] == "talkgraph: no file could be read; nothing was written"
    assert output.read_bytes() == b"previous \x00 bytes"


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory) -> Path:
    """Enough copies of the example that writing its JSON-LD takes a while."""
    folder = tmp_path_factory.mktemp("big")
    text = EXAMPLE.read_text(encoding="utf-8")
    for number in range(60):
        (folder / f"talk{number:03d}.md").write_text(
            text.replace('video_id: "U6bZI-0oAjc"', f'video_id: "video{number:06d}"'), encoding="utf-8"
        )
    return folder


def _interrupt_while_writing(corpus: Path, output: Path, signal_number: int) -> subprocess.CompletedProcess:
    """Build `corpus` into `output` and send `signal_number` once the temporary file appears."""
    process = subprocess.Popen(
        [sys.executable, "-m", "graph", "build", str(corpus), "-o", str(output), "-q", "--no-validate"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # a suite started in the background inherits SIGINT ignored, and Python then keeps ignoring it
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if list(output.parent.glob(f".{output.name}.*.tmp")):
            process.send_signal(signal_number)
            break
        time.sleep(0.001)
    stdout, stderr = process.communicate(timeout=60)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


@pytest.mark.parametrize(
    "signal_number", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=["SIGINT", "SIGTERM", "SIGKILL"]
)
def test_an_interrupted_build_leaves_the_previous_output_byte_for_byte(big_corpus, tmp_path, signal_number):
    output = tmp_path / "graph.jsonld"
    previous = b'{"@graph": []}\n# the graph of last week\n'
    output.write_bytes(previous)
    done = _interrupt_while_writing(big_corpus, output, signal_number)
    assert done.returncode != 0, "the build finished before it was interrupted; the test proves nothing"
    assert output.read_bytes() == previous
    if signal_number != signal.SIGKILL:  # a process that is killed cannot clean up; the others do
        assert [p.name for p in tmp_path.iterdir()] == ["graph.jsonld"]
        assert "Traceback" not in done.stderr


def test_a_full_disk_fails_with_one_line(graph_file, tmp_path):
    full = tmp_path / "out" / "graph.ttl"
    full.parent.mkdir()
    full.symlink_to("/dev/full")
    for args in (
        ("build", EXAMPLE, "-o", full, "-q"),
        ("export", graph_file, "-f", "nt", "-o", "/dev/full"),
        ("query", graph_file, "partners", "-o", "/dev/full"),
        ("viz", graph_file, "-o", "/dev/full"),
    ):
        result = run(*args)
        assert result.exit_code == 1, args
        [line] = error_lines(result)
        assert line.startswith("talkgraph: error: cannot write ") and "No space left on device" in line, args
    assert full.is_symlink() and os.readlink(full) == "/dev/full"


PR_CAPBSET_DROP = 24
# what lets root read, write and chmod any file whatever its permissions
PERMISSION_OVERRIDES = {"CAP_DAC_OVERRIDE": 1, "CAP_DAC_READ_SEARCH": 2, "CAP_FOWNER": 3}


def _drop_permission_overrides() -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    for number in PERMISSION_OVERRIDES.values():
        if libc.prctl(PR_CAPBSET_DROP, number, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def run_bound_by_permissions(*args) -> subprocess.CompletedProcess:
    """talkgraph in a child process that file permissions bind. Root's child keeps its user (so it
    reads the interpreter and the code wherever they are installed) but loses the capabilities
    that override permissions; any other user is bound by them already."""
    as_root = os.geteuid() == 0
    try:
        return subprocess.run(
            [sys.executable, "-m", "graph", *map(str, args)],
            capture_output=True,
            text=True,
            timeout=120,
            preexec_fn=_drop_permission_overrides if as_root else None,
        )
    except subprocess.SubprocessError as error:
        if as_root and "PR_CAPBSET_DROP" in str(error):
            pytest.skip(f"root here may not drop {', '.join(PERMISSION_OVERRIDES)} (no CAP_SETPCAP): {error}")
        raise


@pytest.fixture
def read_only_folder(tmp_path):
    """A folder its owner may not write to, holding a previous graph, beside a transcript."""
    shutil.copy(EXAMPLE, tmp_path / "talk.md")
    folder = tmp_path / "read-only"
    folder.mkdir()
    (folder / "graph.ttl").write_bytes(b"# the previous graph\n")
    folder.chmod(0o555)
    yield folder
    folder.chmod(0o755)


def test_a_read_only_folder_fails_with_one_line(read_only_folder):
    output = read_only_folder / "graph.ttl"
    talk = read_only_folder.parent / "talk.md"
    result = run_bound_by_permissions("build", talk, "-o", output, "-q", "-j", "1")
    assert result.returncode == 1, result.stderr
    assert [line for line in result.stderr.splitlines() if line.strip()] == [
        f"talkgraph: error: cannot write {output}: Permission denied; choose a writable folder with -o"
    ]
    assert output.read_bytes() == b"# the previous graph\n"
    assert sorted(p.name for p in read_only_folder.iterdir()) == ["graph.ttl"]


def test_a_reader_bug_shows_its_traceback_only_with_debug(tmp_path, monkeypatch):
    from graph.sources import READERS

    # a "reader" that fails as a bug would: looks_like wants the text, not a path
    monkeypatch.setitem(READERS._paths, ".boom", "graph.sources.json_transcript:looks_like")
    (tmp_path / "a.boom").write_text("x", encoding="utf-8")
    shutil.copy(EXAMPLE, tmp_path / "b.md")
    quiet = run("build", tmp_path, "-o", tmp_path / "g.ttl", "-q")
    debug = run("--debug", "build", tmp_path, "-o", tmp_path / "g.ttl", "-q")
    for result in (quiet, debug):
        assert result.exit_code == 2
        assert f"talkgraph: failed: {tmp_path / 'a.boom'}: could not be read (TypeError: " in result.stderr
    assert "Traceback" not in quiet.stderr
    assert "Traceback (most recent call last)" in debug.stderr
    assert len(Graph().parse(tmp_path / "g.ttl", format="turtle")) > 100  # the good file was built


def test_an_error_line_cannot_be_forged_by_a_file_name(tmp_path):
    forged = tmp_path / "x\ntalkgraph: error: all is well\x1b[2K"
    result = run("stats", forged)
    assert result.exit_code == 1
    [line] = error_lines(result)
    assert line == (
        f"talkgraph: error: {tmp_path}/x\\ntalkgraph: error: all is well\\x1b[2K: no such graph file; "
        f"build one with 'talkgraph build SOURCES -o {tmp_path}/x\\ntalkgraph: error: all is well\\x1b[2K'"
    )


@pytest.mark.parametrize("content", [b"\xff\xfe\x00binary", b"triples: !!python/object/apply:os.system ['true']\n"])
def test_a_hostile_gold_file_is_one_line(graph_file, tmp_path, content):
    gold = tmp_path / "gold.yaml"
    gold.write_bytes(content)
    result = run("eval", graph_file, gold)
    assert result.exit_code == 1
    [line] = error_lines(result)
    assert line.startswith(f"talkgraph: error: {gold}: cannot read gold file (")


def test_a_schema_error_keeps_its_numbered_lines(tmp_path):
    folder = tmp_path / "schema"
    shutil.copytree(REPO / "schema", folder)
    (folder / "relations.yaml").write_text("relations: [\n", encoding="utf-8")
    result = run("build", EXAMPLE, "-o", tmp_path / "g.ttl", "-q", "--schema", folder)
    assert result.exit_code == 1
    lines = error_lines(result)
    assert lines[0] == f"talkgraph: error: schema {folder} has 1 problem(s):"
    assert lines[1].startswith("  1. relations.yaml: not valid YAML")

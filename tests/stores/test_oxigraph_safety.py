"""oxigraph:DIR under stress: a second writer is refused at once, and a build killed with
SIGKILL leaves every document's graph complete or absent, and queries agree with it."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph import api
from graph.building import build
from graph.oxi import term
from graph.rdf import RECORD_GRAPH
from graph.stores.oxigraph import UNION_STALE

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "2025-01-20-deepseek-releases-r1.md"
DOCUMENTS = 80
COUNT_TRIPLES = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def talkgraph(*args, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "graph", *map(str, args)],
        cwd=REPO,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **kwargs,
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """DOCUMENTS copies of the example, each its own video."""
    folder = tmp_path_factory.mktemp("corpus")
    text = EXAMPLE.read_text(encoding="utf-8")
    assert 'video_id: "U6bZI-0oAjc"' in text
    for number in range(DOCUMENTS):
        (folder / f"talk{number:03d}.md").write_text(
            text.replace('video_id: "U6bZI-0oAjc"', f'video_id: "video{number:06d}"'), encoding="utf-8"
        )
    return folder


@pytest.fixture(scope="module")
def reference(corpus, schema) -> dict[str, set]:
    """Each document's graph as an uninterrupted build makes it."""
    dataset, report = build([corpus], schema=schema, jobs=2)
    assert report.documents == DOCUMENTS and not report.failures
    graphs = {str(g.identifier): set(g) for g in dataset.graphs() if len(g)}
    assert len(graphs) == DOCUMENTS
    return graphs


def _holder(db: Path) -> subprocess.Popen:
    """Another process that keeps the store open for writing until its stdin closes."""
    code = "import sys, pyoxigraph; store = pyoxigraph.Store(sys.argv[1]); print('open', flush=True); sys.stdin.read()"
    holder = subprocess.Popen(
        [sys.executable, "-c", code, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout.readline().strip() == "open"
    return holder


def test_a_second_writer_is_told_the_store_is_locked(tmp_path, example_path):
    db = tmp_path / "db"
    first = talkgraph("build", example_path, "--store", f"oxigraph:{db}", "-q", "--no-validate")
    assert first.wait(timeout=120) == 0, first.stderr.read()
    before = api.query(f"oxigraph:{db}", COUNT_TRIPLES).rows
    started = time.perf_counter()
    assert talkgraph("--version").wait(timeout=60) == 0
    startup = time.perf_counter() - started  # how long starting talkgraph takes on this machine right now
    holder = _holder(db)
    try:
        started = time.perf_counter()
        second = talkgraph("build", example_path, "--store", f"oxigraph:{db}", "-q", "--no-validate")
        _, stderr = second.communicate(timeout=60)
        waited = time.perf_counter() - started
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    assert second.returncode == 1
    assert stderr.splitlines() == [f"talkgraph: error: store {db} is locked: another talkgraph process is using it"]
    assert waited < 3 * startup + 5  # at once: not after waiting for the lock (a loaded machine slows both alike)
    assert api.query(f"oxigraph:{db}", COUNT_TRIPLES).rows == before  # nothing was lost or half-written


WRITTEN = 1_000_000  # bytes of write-ahead log: a few documents' graphs (each some 350 kB)


def _wal_bytes(db: Path) -> int:
    return sum(path.stat().st_size for path in db.glob("*.log"))


def _kill_while_storing(corpus: Path, db: Path) -> None:
    """Start a build into a new store `db` and SIGKILL it once the store's write-ahead log shows
    that a few documents' graphs are written: midway through writing them all."""
    build_process = talkgraph("build", corpus, "--store", f"oxigraph:{db}", "-q", "--no-validate", "-j", "2")
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and build_process.poll() is None:
            if db.is_dir() and _wal_bytes(db) > WRITTEN:
                break
            time.sleep(0.001)
        os.kill(build_process.pid, signal.SIGKILL)
    finally:
        build_process.wait(timeout=30)


def _store_graphs(db: Path) -> dict[str, set]:
    """The documents' graphs in the store: the build record (written once the build is done) apart."""
    return {name: triples for name, triples in _all_graphs(db).items() if name != str(RECORD_GRAPH)}


def _all_graphs(db: Path) -> dict[str, set]:
    dataset = api.load(f"oxigraph:{db}")
    return {str(g.identifier): set(g) for g in dataset.graphs() if len(g)}


def test_sigkill_leaves_each_document_complete_or_absent(tmp_path, corpus, reference):
    db = tmp_path / "db"
    _kill_while_storing(corpus, db)
    stored = _store_graphs(db)
    assert set(stored) <= set(reference)
    for name, triples in stored.items():
        assert triples == reference[name], f"{name} is incomplete"
    assert 0 < len(stored) < DOCUMENTS, "the build was not killed while writing; the test proves nothing"
    # queries read the union of the graphs, and agree with what is there
    expected = len(set().union(*stored.values()))
    assert api.query(f"oxigraph:{db}", COUNT_TRIPLES).rows == ((str(expected),),)
    # the next build finishes the job
    again = talkgraph("build", corpus, "--store", f"oxigraph:{db}", "-q", "--no-validate")
    assert again.wait(timeout=300) == 0, again.stderr.read()
    assert _store_graphs(db) == reference
    graphs = _all_graphs(db)
    assert str(RECORD_GRAPH) in graphs  # the finished build recorded itself
    everything = set().union(*graphs.values())
    assert api.query(f"oxigraph:{db}", COUNT_TRIPLES).rows == ((str(len(everything)),),)


def test_a_store_killed_before_its_union_was_rebuilt_heals_when_opened(tmp_path, reference):
    """What a build killed after its last document but before the union update leaves behind:
    every named graph written, the default graph (which queries read) not yet their union."""
    db = tmp_path / "db"
    raw = ox.Store(str(db))
    raw.add(UNION_STALE)
    raw.bulk_extend(
        ox.Quad(term(s), term(p), term(o), ox.NamedNode(name))
        for name, triples in reference.items()
        for s, p, o in triples
    )
    raw.flush()
    del raw
    expected = len(set().union(*reference.values()))
    assert api.query(f"oxigraph:{db}", COUNT_TRIPLES).rows == ((str(expected),),)
    store = ox.Store(str(db))
    assert UNION_STALE not in store  # healed once, not at every open
    del store


FILL_A_SMALL_DISK = """
import sys
from graph.cli import main
sys.argv = ["talkgraph", "build", sys.argv[1], "--store", "oxigraph:" + sys.argv[2], "-q", "--no-validate", "-j", "1"]
main()
"""


def test_a_full_disk_under_a_store_is_one_line(tmp_path):
    """A 1 MB tmpfs, mounted in a mount namespace of the test's own (no root needed where user
    namespaces are allowed), holds the store of a folder of transcripts too big for it."""
    if shutil.which("unshare") is None:
        pytest.skip("unshare (util-linux) is not installed: no small disk can be made for the store")
    talks = tmp_path / "talks"
    talks.mkdir()
    text = EXAMPLE.read_text(encoding="utf-8")
    for number in range(40):  # distinct transcripts: each is stored
        (talks / f"talk-{number}.md").write_text(text.replace("DeepSeek", f"DeepSeek{number}"), encoding="utf-8")
    disk = tmp_path / "disk"
    disk.mkdir()
    script = (
        f"mount -t tmpfs -o size=1m tmpfs {disk} && exec {sys.executable} -c '{FILL_A_SMALL_DISK}' "
        f"{talks} {disk / 'db'}"
    )
    done = subprocess.run(
        ["unshare", "--mount", "--map-root-user", "sh", "-c", script], capture_output=True, text=True, timeout=300
    )
    if "mount" in done.stderr and done.returncode != 0 and "talkgraph" not in done.stderr:
        pytest.skip(f"no tmpfs can be mounted here: {done.stderr.strip()}")
    assert done.returncode == 1, done.stderr
    [line] = done.stderr.splitlines()
    assert line.startswith(f"talkgraph: error: cannot write store {disk / 'db'}: ") and "No space left" in line, line

"""graph/lifetime.py: forked workers end with their parent, SIGKILL included: none is left
blocked on a pipe, holding memory and the caller's stdout."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

# each script starts forked helpers that would otherwise wait for ten minutes
SCRIPTS = {
    "build workers": """
import time
from graph.engines import processes
def forever(item):
    time.sleep(600)
list(processes.run(forever, list(range(4)), jobs=2))
""",
    "validation workers": """
import sys, time
import graph.validate
from graph.schema import load_schema
validate = sys.modules["graph.validate"]  # the package's own name `validate` is the function
from rdflib import Graph
def forever(share):
    time.sleep(600)
validate._check_share = forever
validate._check_in_processes(Graph(), validate._shapes(validate.shapes_path(load_schema())), 2)
""",
    "the background writer": """
import time
from graph.engines.processes import Background
with Background(time.sleep, 600):
    time.sleep(600)
""",
    "a query's child": """
from graph import api
api.query("{graph}", "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }", timeout=600)
""",
}


def children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found.update(int(child) for child in (task / "children").read_text().split())
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state not in ("Z", "X")  # a zombie has ended; only its parent's reaping is left


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory, example_dataset):
    from graph.export import export

    path = tmp_path_factory.mktemp("lifetime") / "graph.nt"
    export(example_dataset, "nt", path)
    return path


@pytest.mark.parametrize("helpers", sorted(SCRIPTS))
def test_helpers_die_with_their_killed_parent(helpers, graph_file):
    script = SCRIPTS[helpers].replace("{graph}", str(graph_file))
    parent = subprocess.Popen([sys.executable, "-c", script])
    try:
        deadline = time.monotonic() + 60
        while not (forked := children(parent.pid)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert forked, f"{helpers} never started"
        time.sleep(0.5)  # the helpers are at work
        forked = children(parent.pid)
    finally:
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
    deadline = time.monotonic() + 5
    while any(alive(pid) for pid in forked) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [pid for pid in forked if alive(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert left == [], f"{helpers} outlived their parent"

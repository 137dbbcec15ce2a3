"""`talkgraph build` over a folder of broken and hostile transcripts, as a real process: it
goes on with the good files, prints one line per failed file, exits 2, runs nothing, and stays
within 60 s and 2 GB (measured with getrusage in a wrapper process)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hostile import make_hostile_folder
from rdflib import Graph

from graph.rdf import SDO

REPO = Path(__file__).resolve().parent.parent
SECONDS, MEGABYTES = 60, 2048
# Runs talkgraph as its only child and reports the child's exit code, stderr, wall time and peak memory.
MEASURE = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
done = subprocess.run([sys.executable, "-m", "graph", *sys.argv[1:]], capture_output=True, text=True)
print(json.dumps({"code": done.returncode, "stderr": done.stderr, "seconds": time.perf_counter() - started,
                  "megabytes": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def measured(*args) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, *map(str, args)], cwd=REPO, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile") / "transcripts"
    reasons, good = make_hostile_folder(folder)
    output = folder.parent / "graph.ttl"
    return folder, reasons, good, output, measured("build", folder, "-o", output, "-j", "2")


def test_the_build_goes_on_and_exits_2(hostile):
    folder, reasons, good, output, run = hostile
    assert run["code"] == 2
    assert run["stderr"].splitlines()[-1] == f"talkgraph: {len(reasons)} file(s) failed; the others were built"
    graph = Graph().parse(output, format="turtle")
    titles = {str(title) for title in graph.objects(None, SDO.name)}
    assert titles == {"Good", "good", "alias-bomb", "cp1252", "surrogates"}


def test_one_line_per_failed_file_naming_it_and_the_reason(hostile):
    folder, reasons, good, output, run = hostile
    failed = [line for line in run["stderr"].splitlines() if line.startswith("talkgraph: failed: ")]
    assert len(failed) == len(reasons)
    for path, reason in reasons.items():
        shown = path.replace("\n", "\\n").replace("\x1b", "\\x1b")  # control characters escaped
        [line] = [line for line in failed if line.startswith(f"talkgraph: failed: {shown}: ")]
        assert reason in line
    assert "Traceback" not in run["stderr"]
    assert "invalid" not in run["stderr"]  # what was built conforms to the shapes


def test_nothing_ran(hostile):
    folder = hostile[0]
    assert not (folder / "PWNED").exists()


def test_within_60_seconds_and_2_gigabytes(hostile):
    run = hostile[-1]
    assert run["seconds"] < SECONDS
    assert run["megabytes"] < MEGABYTES


def test_strict_stops_at_the_first_failure_and_writes_nothing(hostile, tmp_path):
    folder, reasons = hostile[:2]
    output = tmp_path / "graph.ttl"
    output.write_bytes(b"# the previous graph\n")
    run = measured("build", folder, "-o", output, "--strict", "-j", "1")
    assert run["code"] == 2
    lines = run["stderr"].splitlines()
    failed = [line for line in lines if line.startswith("talkgraph: failed: ")]
    first = min(Path(path) for path in reasons)  # files are read in sorted order
    assert len(failed) == 1 and failed[0].startswith(f"talkgraph: failed: {first}: ")
    assert lines[-1] == "talkgraph: --strict stops at the first failure; nothing was written"
    assert output.read_bytes() == b"# the previous graph\n"


def test_debug_shows_no_traceback_for_a_broken_file(hostile, tmp_path):
    folder = hostile[0]
    run = measured("--debug", "build", folder / "nan.json", "-o", tmp_path / "g.ttl")
    assert run["code"] == 2
    assert "Traceback" not in run["stderr"]
    assert "talkgraph: failed: " in run["stderr"]

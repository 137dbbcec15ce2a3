"""scripts/bench.py reports every figure for a folder of transcripts (it times nothing here)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from graph.schema import load_schema

REPO = Path(__file__).resolve().parent.parent


def test_the_bench_reports_every_figure():
    result = subprocess.run(
        [sys.executable, "scripts/bench.py", "tests/data/transcripts"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    report = result.stdout
    assert re.search(r"^corpus: 4 transcripts, [\d,]+ words$", report, re.MULTILINE)
    assert re.search(r"^floor .*: \d+\.\d\d s", report, re.MULTILINE)
    assert re.search(r"^cold build .*\d+\.\d\d s  = \d+\.\dx the floor", report, re.MULTILINE)
    assert re.search(r"^peak memory .* \d+ MB$", report, re.MULTILINE)
    distinct, per_document = map(int, re.search(r"relation triples: +(\d+) distinct; (\d+) summed", report).groups())
    assert 0 < distinct <= per_document
    assert re.search(r"unchanged rebuild \d+\.\d\d s .*one edited \d+\.\d\d s; one added \d+\.\d\d s", report)
    for name in load_schema().queries:
        assert re.search(rf"^  {name} +\d+\.\d ms +\d+\.\d ms$", report, re.MULTILINE), name


def test_a_missing_folder_is_one_line():
    result = subprocess.run(
        [sys.executable, "scripts/bench.py", "no/such/folder"], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == ["no/such/folder: no such folder; name a folder of transcripts"]

"""Benchmark the path past one machine on a folder of transcripts and print the figures.

    python scripts/bench_fanout.py CORPUS [--jobs 1 2] [--engines processes dask] [--repeat 2]

For each engine and worker count: `talkgraph extract` into a fresh folder, as a whole
process, in documents per second (the best of --repeat runs; a Dask run includes starting
and stopping its LocalCluster). Then `talkgraph load` of those files into an Oxigraph
server started on a free loopback port, and a rebuild that finds every document unchanged.
It reports; it asserts nothing.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TALKGRAPH = [sys.executable, "-m", "graph"]
sys.path.insert(0, str(REPO / "tests"))

from oxigraph_server import OxigraphServer  # noqa: E402 (a test helper, found on the path above)


def timed(*args: str) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run([*TALKGRAPH, *args], capture_output=True, text=True, check=True)
    return time.perf_counter() - started, done.stderr


def extract_rate(corpus: Path, engine: str, jobs: int, repeat: int, work: Path) -> tuple[int, float]:
    best = None
    documents = 0
    for _ in range(repeat):
        out = work / f"{engine}-{jobs}"
        shutil.rmtree(out, ignore_errors=True)
        seconds, summary = timed("extract", str(corpus), "--out-dir", str(out), "--engine", engine, "-j", str(jobs))
        documents = int(re.search(r"(\d+) documents", summary).group(1))
        best = seconds if best is None else min(best, seconds)
    return documents, best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--engines", nargs="+", default=["processes", "dask"])
    parser.add_argument("--repeat", type=int, default=2)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        print("extract (whole process, best of", options.repeat, "runs):")
        for engine in options.engines:
            for jobs in options.jobs:
                documents, seconds = extract_rate(options.corpus, engine, jobs, options.repeat, work)
                print(
                    f"  {engine:<10} {jobs} worker(s): {documents} documents in {seconds:.1f} s = "
                    f"{documents / seconds:.1f} documents/s"
                )
        quads = work / f"{options.engines[0]}-{options.jobs[0]}"
        with OxigraphServer(work / "server" / "db") as server:
            spec = f"sparql:{server.query_url}"
            seconds, summary = timed("load", str(quads), "--store", spec, "-q")
            print(f"load into an Oxigraph server: {seconds:.1f} s")
            seconds, _ = timed("load", str(quads), "--store", spec, "-q")
            print(f"load again (all unchanged): {seconds:.1f} s")
            seconds, _ = timed("query", spec, "partners", "--format", "csv")
            print(f"query partners through the server: {seconds:.2f} s")


if __name__ == "__main__":
    main()

"""Benchmark talkgraph on a folder of transcripts and print the figures.

    python scripts/bench.py [CORPUS]        # default: ../shared/corpus beside the repository

Prints the floor (read the files, parse the front matter with libyaml, lower-case, one
Aho-Corasick pass for the front-matter names, in one process), a cold build to Turtle as
a whole process, their ratio and peak memory, incremental builds against an Oxigraph
store (unchanged, one edited, one added) and each saved query's latency on the corpus
graph read from its file (in memory) and in an on-disk Oxigraph store. The floor, the cold
build and the unchanged rebuild are run several times, the floor and the build in turns, and
their medians compared, as the machine is noisy. It reports; it asserts nothing.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from graph.sources import discover

REPO = Path(__file__).resolve().parent.parent
TALKGRAPH = [sys.executable, "-m", "graph"]
FLOOR_RUNS, BUILD_RUNS = 5, 3


def floor(corpus: Path) -> float:
    """The least work any extractor must do on the folder's Markdown transcripts, timed in a fresh process."""
    code = f"""
import time, ahocorasick, yaml
from pathlib import Path
started = time.perf_counter()
for path in sorted(Path({str(corpus)!r}).glob('*.md')):
    text = path.read_text(encoding='utf-8')
    if not text.startswith('---'):
        continue
    head, _, body = text[3:].partition('\\n---')
    meta = yaml.load(head, Loader=yaml.CSafeLoader) or {{}}
    names = [n for v in (meta.get('entities') or {{}}).values() for n in (v or []) if isinstance(n, str)]
    automaton = ahocorasick.Automaton()
    for name in names:
        automaton.add_word(name.lower(), name)
    lowered = body.lower()
    if names:
        automaton.make_automaton()
        sum(1 for _ in automaton.iter(lowered))
print(time.perf_counter() - started)
"""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
    return time.perf_counter() - started


def timed(args: list[str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(TALKGRAPH + args, cwd=REPO, capture_output=True, text=True)
    if result.returncode not in (0, 2):
        raise SystemExit(f"talkgraph {' '.join(args)} failed:\n{result.stderr}")
    return time.perf_counter() - started


def peak_child_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def relation_counts(store: str) -> tuple[int, int]:
    """Relation triples in the store: distinct, and summed over the documents' named graphs."""
    from graph.rdf import TG
    from graph.schema import default_schema
    from graph.stores import open_store

    values = " ".join(f"<{TG[name]}>" for name in default_schema().relations)
    opened = open_store(store)
    try:
        distinct = opened.select(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{ "
            f"GRAPH ?g {{ ?s ?p ?o }} VALUES ?p {{ {values} }} }} }}"
        ).rows[0][0]
        per_document = opened.select(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} VALUES ?p {{ {values} }} }}"
        ).rows[0][0]
    finally:
        opened.close()
    return int(distinct), int(per_document)


def query_latencies(graph: Path, store: str) -> list[tuple[str, float, float]]:
    from graph.api import load
    from graph.schema import load_schema
    from graph.stores import open_store
    from graph.stores.memory import MemoryStore

    memory = MemoryStore(load(graph))
    oxigraph = open_store(store)
    rows = []
    for name, text in sorted(load_schema().queries.items()):
        times = []
        for target in (memory, oxigraph):
            target.select(text)  # warm
            started = time.perf_counter()
            target.select(text)
            times.append(time.perf_counter() - started)
        rows.append((name, *times))
    oxigraph.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, default=REPO.parent / "shared" / "corpus")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        raise SystemExit(f"{args.corpus}: no such folder; name a folder of transcripts")
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        corpus = work / "corpus"
        shutil.copytree(args.corpus, corpus)
        files = discover([corpus])  # the transcripts talkgraph reads (not a README)
        floors, colds = [], []
        for run in range(max(FLOOR_RUNS, BUILD_RUNS)):  # taken in turns, so both see the same load
            if run < FLOOR_RUNS:
                floors.append(floor(corpus))
            if run < BUILD_RUNS:
                colds.append(timed(["build", str(corpus), "-o", str(work / "graph.ttl"), "-q"]))
        base, cold = statistics.median(floors), statistics.median(colds)
        peak = peak_child_mb()
        store = f"oxigraph:{work / 'db'}"
        first = timed(["build", str(corpus), "--store", store, "-q"])
        distinct, per_document = relation_counts(store)
        unchanged = statistics.median(timed(["build", str(corpus), "--store", store, "-q"]) for _ in range(BUILD_RUNS))
        markdown = [path for path in files if path.suffix == ".md"]  # the floor reads these; the edit appends a line
        edited = markdown[len(markdown) // 2]
        edited.write_text(
            edited.read_text(encoding="utf-8") + "\nAmazon is working with Anthropic.\n", encoding="utf-8"
        )
        one_edited = timed(["build", str(corpus), "--store", store, "-q"])
        added = corpus / "zz-added.md"
        added.write_text(
            markdown[0].read_text(encoding="utf-8").replace('video_id: "', 'video_id: "new', 1), encoding="utf-8"
        )
        one_added = timed(["build", str(corpus), "--store", store, "-q"])
        latencies = query_latencies(work / "graph.ttl", store)
    words = sum(len(path.read_text(encoding="utf-8").split()) for path in discover([args.corpus]))
    print(f"corpus: {len(files)} transcripts, {words:,} words")
    print(
        f"floor (read, libyaml, lower-case, Aho-Corasick; 1 process): {base:.2f} s  "
        f"(median of {FLOOR_RUNS}: {_spread(floors)})"
    )
    print(
        f"cold build to Turtle (whole process):  {cold:.2f} s  = {cold / base:.1f}x the floor  "
        f"(median of {BUILD_RUNS}: {_spread(colds)})"
    )
    print(f"peak memory (largest process):         {peak:.0f} MB")
    print(
        f"relation triples:                      {distinct:,} distinct; {per_document:,} summed over the "
        "documents' named graphs"
    )
    print(
        f"store: first build {first:.2f} s; unchanged rebuild {unchanged:.2f} s "
        f"({unchanged / cold:.0%} of the cold build); one edited {one_edited:.2f} s; one added {one_added:.2f} s"
    )
    print("saved query latency on the corpus graph (graph file, in memory / oxigraph:DIR store on disk):")
    for name, memory, oxigraph in latencies:
        print(f"  {name:<16} {memory * 1000:8.1f} ms  {oxigraph * 1000:8.1f} ms")


def _spread(seconds: list[float]) -> str:
    return f"{min(seconds):.2f}-{max(seconds):.2f} s"


if __name__ == "__main__":
    main()

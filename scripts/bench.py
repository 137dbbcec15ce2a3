"""Benchmark talkgraph on a folder of transcripts and print the figures.

    python scripts/bench.py [CORPUS]        # default: ../shared/corpus beside the repository

Prints the floor (read the files, parse the front matter with libyaml, lower-case, one
Aho-Corasick pass for the front-matter names, in one process), a cold build to Turtle as
a whole process, their ratio and peak memory, incremental builds against an Oxigraph
store (unchanged, one edited, one added) and each saved query's latency on the corpus
graph read from its file (in memory) and in an on-disk Oxigraph store. It reports; it
asserts nothing.
"""
from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TALKGRAPH = [sys.executable, "-m", "graph"]


def floor(corpus: Path) -> float:
    """The least work any extractor must do, timed in a fresh process."""
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


def relation_count(graph: Path) -> int:
    from graph.api import load
    from graph.evaluate import RELATIONS
    from graph.rdf import TG

    dataset = load(graph)
    return sum(len(set(dataset.subject_objects(TG[name]))) for name in RELATIONS)


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
        files = sorted(corpus.glob("*.md"))
        base = floor(corpus)
        cold = timed(["build", str(corpus), "-o", str(work / "graph.ttl"), "-q"])
        peak = peak_child_mb()
        relations = relation_count(work / "graph.ttl")
        store = f"oxigraph:{work / 'db'}"
        first = timed(["build", str(corpus), "--store", store, "-q"])
        unchanged = timed(["build", str(corpus), "--store", store, "-q"])
        edited = files[len(files) // 2]
        edited.write_text(edited.read_text(encoding="utf-8") + "\nAmazon is working with Anthropic.\n", encoding="utf-8")
        one_edited = timed(["build", str(corpus), "--store", store, "-q"])
        added = corpus / "zz-added.md"
        added.write_text(files[0].read_text(encoding="utf-8").replace('video_id: "', 'video_id: "new', 1),
                         encoding="utf-8")
        one_added = timed(["build", str(corpus), "--store", store, "-q"])
        latencies = query_latencies(work / "graph.ttl", store)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in args.corpus.glob("*.md"))
    print(f"corpus: {len(files)} files, {words:,} words")
    print(f"floor (read, libyaml, lower-case, Aho-Corasick; 1 process): {base:.2f} s")
    print(f"cold build to Turtle (whole process):  {cold:.2f} s  = {cold / base:.1f}x the floor")
    print(f"peak memory (largest process):         {peak:.0f} MB")
    print(f"relation triples:                      {relations:,}")
    print(f"store: first build {first:.2f} s; unchanged rebuild {unchanged:.2f} s "
          f"({unchanged / cold:.0%} of the cold build); one edited {one_edited:.2f} s; one added {one_added:.2f} s")
    print("saved query latency on the corpus graph (graph file, in memory / oxigraph:DIR store on disk):")
    for name, memory, oxigraph in latencies:
        print(f"  {name:<16} {memory * 1000:8.1f} ms  {oxigraph * 1000:8.1f} ms")


if __name__ == "__main__":
    main()

"""build(): read → extract → map → store, in parallel, incremental against a store.

Documents are read in this process (ids must be unique before IRIs are minted), the
changed ones are extracted and mapped to RDF by `jobs` worker processes, and the
result replaces each document's named graph. A document whose build key (content,
schema and extractor) matches the one in the store is not extracted again.
"""
from __future__ import annotations

import contextlib
import itertools
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from rdflib import Dataset

from .. import collector
from ..engines import processes
from ..errors import SourceError
from ..extract import Extractor, make_extractor
from ..model import Document
from ..rdf import add_triples, document_triples, graph_iri, new_dataset
from ..schema import Schema, load_schema
from ..sources import Failure, read_or_failure
from ..stores import GraphStore
from .corpus import Identities, discover, known_keys, read_keyed, second_id
from .report import BuildReport

Progress = Callable[[str, int, int, int], None]
"""Called as progress(path, files done, files in all, words in that file) as each file is finished."""


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def build(
    sources: Iterable[str | Path],
    *,
    schema: Schema | None = None,
    extractor: str = "rules",
    extractor_options: Mapping[str, Any] | None = None,
    store: GraphStore | None = None,
    prune: bool = False,
    jobs: int = 1,
    progress: Progress | None = None,
    strict: bool = False,
    min_confidence: float = 0.0,
    named_graphs: bool = True,
) -> tuple[Dataset, BuildReport]:
    """Read every supported file in `sources` into an RDF dataset, a named graph per document.

    Without a store the dataset holds every document. With a store, unchanged documents are
    skipped, changed ones replace their named graph in the store, `prune` drops the graphs of
    documents no longer among the sources, and the dataset holds what was extracted this run.
    `extractor_options` go to the extractor (for "llm": model, chunk_size, cache_dir …);
    facts less confident than `min_confidence` are left out. Without `named_graphs` (and
    without a store) every document's triples go to the dataset's default graph: what a
    Turtle file holds, added and validated a quarter faster.
    A file that cannot be read is a failure in the report and the others go on; with `strict`
    the first one stops the build before anything is extracted or stored (the dataset is empty).

    >>> dataset, report = build(["examples/"])  # doctest: +SKIP
    """
    if store is not None and not named_graphs:
        raise ValueError("a store keeps each document's named graph: build it with named_graphs=True")
    started = time.perf_counter()
    schema = schema or load_schema()
    chosen = make_extractor(extractor, schema, **(extractor_options or {}))
    report = BuildReport()
    known = known_keys(store) if store is not None else {}
    paths = discover(sources)
    tick = _Ticker(progress, len(paths))
    identity = getattr(chosen, "identity", extractor) + (f"|min-confidence={min_confidence}" if min_confidence else "")
    identities = Identities()
    repeated: list[str] = []  # the graphs files that turned out duplicates had in the store
    todo = _read(paths, schema, identity, known, report, strict, tick, identities, repeated)
    dataset = new_dataset()
    if strict:  # read every file first: a failure stops the build before anything is extracted
        todo = list(todo)
        if report.failures:
            report.seconds = time.perf_counter() - started
            return dataset, report
    # while workers extract, this process only adds what they send, and triples make no cycles:
    # each full collection walked all of them (a third of a second for a corpus). Extraction in
    # this process (one job) keeps its collector.
    with collector.paused() if jobs > 1 else contextlib.nullcontext():
        for done in _extract(todo, schema, chosen, jobs, min_confidence):
            if named_graphs:
                add_triples(dataset, done.document_id, done.triples)
            else:
                dataset.default_graph.addN((s, p, o, dataset.default_graph) for s, p, o in done.triples)
            report.extracted += 1
            report.words += done.words
            report.assertions += done.assertions
            report.add_counts(*done.counts)
            tick(done.source, done.words)
    if store is not None:
        store.replace_graphs(dataset)
        stale = {g for g in repeated if g in known and g not in identities.graphs}
        if prune and not report.failures:  # a file that failed to read is not gone: keep its graph
            stale.update(g for g in known if g not in identities.graphs)
        store.remove_graphs(sorted(stale))
        report.removed = len(stale)
    report.seconds = time.perf_counter() - started
    return dataset, report


@dataclass
class _Ticker:
    """Counts files finished (failed, unchanged or extracted) for the progress callback."""

    progress: Progress | None
    total: int
    done: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)  # the pool reads files in a thread of its own

    def __call__(self, path: str, words: int = 0) -> None:
        with self._lock:
            self.done += 1
            if self.progress:
                self.progress(str(path), self.done, self.total, words)


def _read(paths, schema, extractor, known, report, strict, tick: _Ticker, identities: Identities,
          repeated: list[str]):
    """The documents to extract with their build keys, read as they are wanted (the workers
    extract while the files are still being read); `identities` gathers the graphs of all documents.

    Each file is read once: its bytes are hashed and, unless their build key (with the
    sidecar's bytes, the schema and the extractor) is one the store has, parsed. A transcript that repeats
    one read before it word for word (the same video and text) is a duplicate, not a document;
    `repeated` gathers the graph such a file would have had."""
    unchanged: dict[str, list[str]] = {}
    for graph, key in known.items():
        unchanged.setdefault(key, []).append(graph)
    for path in paths:
        try:
            data, key = read_keyed(path, schema, extractor)
        except SourceError as error:
            item: Document | Failure = Failure(path, str(error), error)
        else:
            graphs = [g for g in unchanged.get(key, []) if g not in identities.graphs]
            original = identities.repeated_unchanged(graphs[0], path) if graphs else None
            if original is not None:  # it repeats a transcript read before it, changed since
                report.duplicates.append((str(path), str(original)))
                repeated.append(graphs[0])
                tick(path)
                continue
            if graphs:
                report.documents += 1
                report.unchanged += 1
                tick(path)
                continue
            item = read_or_failure(path, data)
        if isinstance(item, Failure):
            report.failures.append(item)
            tick(item.path)
            if strict:
                break
            continue
        original = identities.repeated_document(item)
        if original is not None:
            report.duplicates.append((str(path), str(original)))
            repeated.append(str(graph_iri(second_id(item.id, item.source))))
            tick(path)
            continue
        document_id = identities.take(item.id, item.source)
        report.documents += 1
        yield (item if document_id == item.id else replace(item, id=document_id)), key


# --- extraction, in this process or in forked workers ---------------------------------
_worker: tuple | None = None


@dataclass(frozen=True)
class _Extracted:
    """What a worker sends back for one document (not its text: that would cross the pipe twice)."""

    document_id: str
    source: str
    words: int
    triples: list
    assertions: int
    counts: tuple[dict[str, int], dict[str, int]]


def _extract(todo, schema: Schema, extractor: Extractor, jobs: int,
             min_confidence: float = 0.0) -> Iterator[_Extracted]:
    global _worker
    todo = iter(todo)
    first = next(todo, None)
    if first is None:  # an unchanged corpus: the extractor's automata are never built
        return
    prepare = getattr(extractor, "prepare", None)
    if prepare is not None:
        prepare()  # here, before the fork, so the workers share what it built
    _worker = (schema, extractor, min_confidence)  # inherited by the forked workers, not pickled
    yield from processes.run(_extract_one, itertools.chain([first], todo), jobs=jobs)


def _extract_one(item: tuple[Document, str]) -> _Extracted:
    document, key = item
    schema, extractor, min_confidence = _worker
    extraction = extractor.extract(document)
    if min_confidence:
        extraction = replace(extraction, assertions=tuple(
            a for a in extraction.assertions if a.confidence >= min_confidence))
    counts = (dict(extraction.dropped), dict(extraction.usage))
    return _Extracted(document.id, document.source, len(document.text.split()),
                      list(dict.fromkeys(document_triples(extraction, schema, key))),  # each once: less to send and add
                      len(extraction.assertions), counts)


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
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rdflib import Dataset

from .. import collector
from ..engines import processes
from ..extract import Extractor, make_extractor
from ..model import Document
from ..rdf import add_triples, document_triples, new_dataset
from ..schema import Schema, load_schema
from ..sources import Failure
from ..stores import GraphStore
from .corpus import Changed, Duplicate, Identities, classify, discover, extractor_identity, known_keys
from .merge import merge_dataset, rewrite_store, store_rows
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
    follow_symlinks: bool = False,
) -> tuple[Dataset, BuildReport]:
    """Read every supported file in `sources` into an RDF dataset, a named graph per document.

    Without a store the dataset holds every document. With a store, unchanged documents are
    skipped, changed ones replace their named graph in the store, `prune` drops the graphs of
    documents no longer among the sources, and the dataset holds what was extracted this run.
    `extractor_options` go to the extractor (for "llm": model, chunk_size, cache_dir …);
    facts less confident than `min_confidence` are left out. Without `named_graphs` (and
    without a store) every document's triples go to the dataset's default graph: what a
    Turtle file holds, added and validated a quarter faster.
    The spellings of a name in different documents become one entity (see `merge`), in the
    dataset and in the store, and `report.merged` says which.
    Links out of the folders named are passed over unless `follow_symlinks` (see discover).
    A file that cannot be read is a failure in the report and the others go on; with `strict`
    the first one stops the build before anything is extracted or stored (the dataset is empty).

    >>> dataset, report = build(["examples/"])  # doctest: +SKIP
    """
    if store is not None and not named_graphs:
        raise ValueError("a store keeps each document's named graph: build it with named_graphs=True")
    started = time.perf_counter()
    schema = schema or load_schema()
    chosen = make_extractor(extractor, schema, **(extractor_options or {}))
    identity = extractor_identity(chosen, min_confidence)
    report = BuildReport(started=datetime.now(UTC), extractor=identity)
    known = known_keys(store) if store is not None else {}
    paths = discover(sources, follow_symlinks=follow_symlinks, notices=report.notices)
    tick = _Ticker(progress, len(paths))
    identities = Identities()
    repeated: list[str] = []  # the graphs files that turned out duplicates had in the store
    todo = _read(classify(paths, schema, identity, known, identities), report, strict, tick, repeated)
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
    if store is None:
        report.merged = merge_dataset(dataset, schema)
    else:
        stale = {g for g in repeated if g in known and g not in identities.graphs}
        if prune and not report.failures:  # a file that failed to read is not gone: keep its graph
            stale.update(g for g in known if g not in identities.graphs)
        if report.extracted:  # merged here, among the store's other documents, and written once
            others = store_rows(store, leaving={*(str(g.identifier) for g in dataset.graphs()), *stale})
            report.merged = merge_dataset(dataset, schema, others)
        store.replace_graphs(dataset)
        store.remove_graphs(sorted(stale))
        report.removed = len(stale)
        rewrite_store(store, report.merged)  # the older documents that named one of the merged spellings
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


def _read(outcomes, report: BuildReport, strict: bool, tick: _Ticker, repeated: list[str]):
    """The documents to extract with their build keys, counting the other files in the report;
    `repeated` gathers the graphs duplicates would have had."""
    for outcome in outcomes:
        if isinstance(outcome, Changed):
            report.documents += 1
            report.notices.extend(outcome.document.notices)
            yield outcome.document, outcome.key
            continue
        tick(outcome.path)
        if isinstance(outcome, Failure):
            report.failures.append(outcome)
            if strict:
                break
        elif isinstance(outcome, Duplicate):
            report.duplicates.append((str(outcome.path), str(outcome.original)))
            repeated.append(outcome.graph)
        else:
            report.documents += 1
            report.unchanged += 1


# --- extraction, in this process or in forked workers ---------------------------------
_worker: tuple[Schema, Extractor, float] | None = None


@dataclass(frozen=True)
class _Extracted:
    """What a worker sends back for one document (not its text: that would cross the pipe twice)."""

    document_id: str
    source: str
    words: int
    triples: list
    assertions: int
    counts: tuple[dict[str, int], dict[str, int]]


def _extract(
    todo, schema: Schema, extractor: Extractor, jobs: int, min_confidence: float = 0.0
) -> Iterator[_Extracted]:
    global _worker
    todo = iter(todo)
    first = next(todo, None)
    if first is None:  # an unchanged corpus: the extractor's automata are never built
        return
    extractor.prepare()  # here, before the fork, so the workers share what it built
    _worker = (schema, extractor, min_confidence)  # inherited by the forked workers, not pickled
    yield from processes.run(_extract_one, itertools.chain([first], todo), jobs=jobs)


def _extract_one(item: tuple[Document, str]) -> _Extracted:
    document, key = item
    assert _worker is not None  # set by _extract before the first document
    schema, extractor, min_confidence = _worker
    extraction = extractor.extract(document)
    if min_confidence:
        extraction = replace(
            extraction, assertions=tuple(a for a in extraction.assertions if a.confidence >= min_confidence)
        )
    counts = (dict(extraction.dropped), dict(extraction.usage))
    return _Extracted(
        document.id,
        document.source,
        len(document.text.split()),
        _each_once(document_triples(extraction, schema, key)),
        len(extraction.assertions),
        counts,
    )


def _each_once(triples: Iterable[tuple]) -> list[tuple]:
    """The triples, each once, with equal terms one object: pickle sends a term once per document,
    not once per triple, and the parent builds it once (building terms was most of its unpickling).
    Equal rdflib terms are the same term, but for a language tag's case, and these have no tags."""
    terms: dict = {}
    return [tuple(terms.setdefault(term, term) for term in triple) for triple in dict.fromkeys(triples)]

"""build(): read → extract → map → store, in parallel, incremental against a store.

Documents are read in this process (ids must be unique before IRIs are minted), the
changed ones are extracted and mapped to RDF by `jobs` worker processes, and the
result replaces each document's named graph. A document whose build key (content,
schema and extractor) matches the one in the store is not extracted again.
"""
from __future__ import annotations

import contextlib
import hashlib
import itertools
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from rdflib import Dataset

from . import collector
from .engines import processes
from .extract import Extractor, make_extractor
from .model import Document
from .rdf import TG, add_triples, document_triples, graph_iri, new_dataset
from .rdf import slug as rdf_slug
from .schema import Schema, load_schema
from .sources import Failure, discover, read_all, sidecar
from .sources.ids import slug
from .stores import GraphStore

Progress = Callable[[str, int, int, int], None]
"""Called as progress(path, files done, files in all, words in that file) as each file is finished."""
KNOWN_KEYS = f"SELECT ?g ?key WHERE {{ GRAPH ?g {{ ?doc <{TG.contentHash}> ?key }} }}"


@dataclass
class BuildReport:
    documents: int = 0
    extracted: int = 0
    unchanged: int = 0
    removed: int = 0
    words: int = 0
    assertions: int = 0
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    """(file, the file it repeats): transcripts of a video already read, word for word; not built."""
    dropped: dict[str, int] = field(default_factory=dict)
    """Findings the extractor's checks rejected (the LLM's triples), by reason."""
    usage: dict[str, int] = field(default_factory=dict)
    """What extraction spent: LLM requests, answers from the cache, tokens."""


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
    known = _known_keys(store) if store is not None else {}
    paths = discover(sources)
    tick = _Ticker(progress, len(paths))
    identity = chosen.identity + (f"|min-confidence={min_confidence}" if min_confidence else "")
    seen: set[str] = set()
    repeated: list[str] = []  # the graphs files that turned out duplicates had in the store
    todo = _read(paths, schema, identity, known, report, strict, tick, seen, repeated)
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
            _add_counts(report, done.counts)
            tick(done.source, done.words)
    if store is not None:
        store.replace_graphs(dataset)
        stale = {g for g in repeated if g in known and g not in seen}
        if prune and not report.failures:  # a file that failed to read is not gone: keep its graph
            stale.update(g for g in known if g not in seen)
        store.remove_graphs(sorted(stale))
        report.removed = len(stale)
    report.seconds = time.perf_counter() - started
    return dataset, report


def _known_keys(store: GraphStore) -> dict[str, str]:
    return {graph: key for graph, key in store.select(KNOWN_KEYS).rows if graph and key}


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


def _read(paths, schema, extractor, known, report, strict, tick: _Ticker, seen: set[str], repeated: list[str]):
    """The documents to extract with their build keys, read as they are wanted (the workers
    extract while the files are still being read); `seen` gathers the graph IRIs of all documents.

    A file whose bytes (and sidecar's), schema and extractor match a build key in the store
    is not even parsed: an unchanged corpus costs one hash per file. A transcript that repeats
    one read before it word for word (the same video and text) is a duplicate, not a document;
    `repeated` gathers the graph such a file would have had."""
    unchanged: dict[str, list[str]] = {}
    for graph, key in known.items():
        unchanged.setdefault(key, []).append(graph)
    transcripts = _SeenTranscripts()
    for path in paths:
        try:
            key = build_key(path, schema, extractor)
        except OSError as error:
            item: Document | Failure = Failure(path, f"{path}: cannot be read ({error.strerror})")
        else:
            graphs = [g for g in unchanged.get(key, []) if g not in seen]
            original = transcripts.unchanged(graphs[0], path) if graphs else None
            if original is not None:  # it repeats a transcript read before it, changed since
                report.duplicates.append((str(path), str(original)))
                repeated.append(graphs[0])
                tick(path)
                continue
            if graphs:
                seen.add(graphs[0])
                report.documents += 1
                report.unchanged += 1
                tick(path)
                continue
            item = next(read_all([path]))
        if isinstance(item, Failure):
            report.failures.append(item)
            tick(item.path)
            if strict:
                break
            continue
        original = transcripts.repeated(item, path)
        if original is not None:
            report.duplicates.append((str(path), str(original)))
            repeated.append(str(graph_iri(second_id(item.id, item.source))))
            tick(path)
            continue
        document = _unique_id(item, seen)
        seen.add(str(graph_iri(document.id)))
        report.documents += 1
        yield document, key


class _SeenTranscripts:
    """The transcripts this build has taken, to tell a duplicate (the same video id and words):
    the hashes of those read, and the files of unchanged ones by their video's graph, read only
    when another transcript of that video is read too."""

    def __init__(self) -> None:
        self._by_hash: dict[str, Path] = {}
        self._unread: dict[str, list[Path]] = {}
        self._videos_read: set[str] = set()

    def unchanged(self, graph: str, path: Path) -> Path | None:
        """Take an unchanged file; the earlier file it repeats, if a transcript of its video was read."""
        video = _video_graph(graph, f"-{rdf_slug(slug(Path(path).stem))}")
        if video not in self._videos_read:
            self._unread.setdefault(video, []).append(Path(path))
            return None
        item = next(read_all([path]))
        return None if isinstance(item, Failure) else self._first_of(transcript_hash(item), path)

    def repeated(self, document: Document, path: Path) -> Path | None:
        """The earlier file `document` repeats word for word; else None, and it is remembered."""
        own = transcript_hash(document)
        video = str(graph_iri(document.id))
        self._videos_read.add(video)
        for unread in self._unread.pop(video, []):
            earlier = next(read_all([unread]))
            if not isinstance(earlier, Failure):
                self._first_of(transcript_hash(earlier), unread)
        return self._first_of(own, path)

    def _first_of(self, transcript: str | None, path: Path) -> Path | None:
        """The file taken before with this transcript, or None (and `path` is taken for it)."""
        if transcript is None:
            return None
        first = self._by_hash.setdefault(transcript, Path(path))
        return None if first == Path(path) else first


def _video_graph(graph: str, suffix: str) -> str:
    """The graph of a video's first transcript, from that of a later one (`suffix` its file
    name's, perhaps numbered: see unique_id). String tests, not a regex: one per file."""
    head, _, number = graph.rpartition("-")
    if number.isdigit() and head.endswith(suffix):
        graph = head
    return graph[: -len(suffix)] if graph.endswith(suffix) else graph


def transcript_hash(document: Document) -> str | None:
    """A hash of the video id and the words: two files with the same hold one transcript. None
    for a transcript that names no video (its id comes from its file name)."""
    if not document.video_id:
        return None
    return hashlib.sha256(f"{document.video_id}\x1f{document.text}".encode("utf-8", "surrogatepass")).hexdigest()


def build_key(source: Path | Document, schema: Schema, extractor: str) -> str:
    """A hash of the source file's bytes (and its sidecar's), the schema and the extractor."""
    path = Path(source.source) if isinstance(source, Document) else Path(source)
    with path.open("rb") as file:  # in blocks: a hostile multi-GB file must not be held in memory
        digest = hashlib.file_digest(file, "sha256")
    companion = sidecar.find(path)
    if companion is not None:
        with companion.open("rb") as file:
            digest.update(hashlib.file_digest(file, "sha256").digest())
    digest.update(f"\x1f{schema.fingerprint}\x1f{extractor}".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _unique_id(document: Document, graphs: set[str]) -> Document:
    """Two files of one video (the same video id) keep a named graph each."""
    free = unique_id(document.id, document.source, lambda candidate: str(graph_iri(candidate)) in graphs)
    return document if free == document.id else replace(document, id=free)


def unique_id(document_id: str, path: str | Path, taken: Callable[[str], bool]) -> str:
    """The id of a transcript's graph: its video's, or the first of `later_ids` not taken."""
    return next(i for i in itertools.chain([document_id], later_ids(document_id, path)) if not taken(i))


def later_ids(document_id: str, path: str | Path) -> Iterator[str]:
    """The ids, in turn, a later transcript of the video in the file at `path` may take:
    `second_id`, then that numbered (`-2`, `-3` …) for files of one name in several folders."""
    second = second_id(document_id, path)
    yield second
    yield from (f"{second}-{number}" for number in itertools.count(2))


def second_id(document_id: str, path: str | Path) -> str:
    """The id of a transcript whose video another transcript read before it has."""
    return f"{document_id}-{slug(Path(path).stem)}"


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
    extractor.prepare()  # here, before the fork, so the workers share what it built
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


def _add_counts(report: BuildReport, counts: tuple[dict[str, int], dict[str, int]]) -> None:
    for total, found in zip((report.dropped, report.usage), counts):
        for kind, number in found.items():
            total[kind] = total.get(kind, 0) + number

"""`talkgraph load`: put the N-Quads files `talkgraph extract` wrote into a store.

Each file's named graphs replace the store's graphs of the same name, a batch of documents
at a time; a graph whose tg:contentHash the store already has is not sent again, and
`prune` drops the store's documents that no file holds.
"""

from __future__ import annotations

import time
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from ..errors import TalkgraphError
from ..oxi import rdflib_term
from ..rdf import TG, new_dataset
from ..schema import Schema, default_schema
from ..sources import Failure
from ..stores import GraphStore
from .corpus import known_keys
from .merge import merge_store
from .report import BuildReport

DOCUMENTS_PER_BATCH = 200
CONTENT_HASH = str(TG.contentHash)


def load_files(
    folder: str | Path,
    store: GraphStore,
    *,
    prune: bool = False,
    batch: int = DOCUMENTS_PER_BATCH,
    schema: Schema | None = None,
) -> BuildReport:
    """Load every ``*.nq`` under `folder` into `store`, one named graph per document; then merge
    the entities that are one across documents, as a build does (`schema`'s name list: the default)."""
    started = time.perf_counter()
    files = _files(Path(folder))
    report = BuildReport(files=len(files))
    known = known_keys(store)
    seen: set[str] = set()
    pending = new_dataset()
    waiting = 0
    for path in files:
        try:
            graphs = read_graphs(path)
        except TalkgraphError as error:
            report.failures.append(Failure(path, str(error)))
            continue
        for name, quads in graphs.items():
            seen.add(name)
            if known.get(name) == _content_hash(quads):
                report.unchanged += 1
                continue
            target = pending.graph(URIRef(name))
            target.addN(
                (rdflib_term(q.subject), rdflib_term(q.predicate), rdflib_term(q.object), target) for q in quads
            )
            waiting += 1
            report.loaded += 1
            report.quads += len(quads)
        if waiting >= batch:
            store.replace_graphs(pending)
            pending, waiting = new_dataset(), 0
    if waiting:
        store.replace_graphs(pending)
    if prune and not report.failures:  # a file that could not be read must not cost its document
        gone = [graph for graph in known if graph not in seen]
        store.remove_graphs(gone)
        report.removed, report.pruned = len(gone), True
    if report.loaded:
        report.merged = merge_store(store, schema or default_schema())
    report.documents = len(seen)
    report.seconds = time.perf_counter() - started
    return report


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise TalkgraphError(f"{folder}: no such folder; write one with 'talkgraph extract SOURCES --out-dir {folder}'")
    return sorted(
        path
        for path in folder.rglob("*.nq")
        if not any(part.startswith(".") for part in path.relative_to(folder).parts)
    )


def read_graphs(path: Path) -> dict[str, list[ox.Quad]]:
    """A file's quads by named graph; triples outside a named graph are refused."""
    graphs: dict[str, list[ox.Quad]] = {}
    try:
        for quad in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS):
            if isinstance(quad.graph_name, ox.DefaultGraph):
                raise TalkgraphError(
                    f"{path}: holds triples outside a named graph; talkgraph loads one named "
                    "graph per document, as 'talkgraph extract' writes them"
                )
            graphs.setdefault(quad.graph_name.value, []).append(quad)
    except (SyntaxError, ValueError) as error:
        raise TalkgraphError(f"{path}: not valid N-Quads ({str(error).splitlines()[0][:200]})") from error
    except OSError as error:
        raise TalkgraphError(f"{path}: cannot be read ({error.strerror or error})") from error
    return graphs


def _content_hash(quads: list[ox.Quad]) -> str | None:
    return next(
        (q.object.value for q in quads if q.predicate.value == CONTENT_HASH and not isinstance(q.object, ox.Triple)),
        None,
    )

"""A persistent Oxigraph store (``oxigraph:DIR``): one named graph per document.

Queries read the default graph, which the store keeps as the set union of all named
graphs. Oxigraph's own union mode returns a triple once per graph that holds it, and an
entity's label stands in every document that names it, so joins on labels grew with the
square of the documents (seconds per saved query on a channel's graph).

One process writes a store at a time; readers open it read-only, as many at once as like.
`talkgraph serve` reads a checkpoint of the store instead (see ServedStore), so that a build
can write the store while it is served.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from functools import partial
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

from ..errors import StoreError
from ..oxi import triples
from ..protocol import answer, run_query
from ..query import BOOLEAN, Kind, QueryResult
from ..rdf import new_dataset

XSD_DECIMAL = ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")
XSD_DURATION = ox.NamedNode("http://www.w3.org/2001/XMLSchema#duration")
KINDS: dict[Kind, Kind] = {}
# Set before the named graphs change, cleared by the update that rebuilds the union: a store that
# still holds it was killed in between, and its union is rebuilt when it is next opened.
UNION_STALE = ox.Quad(
    ox.NamedNode("urn:x-talkgraph:union"), ox.NamedNode("urn:x-talkgraph:stale"), ox.Literal(True), ox.DefaultGraph()
)


LOCK_WAIT_SECONDS = 2.0  # a served store's checkpoint holds the lock for milliseconds
RETIRED_SNAPSHOT_SECONDS = 120.0  # queries begun on an older checkpoint have ended by then


class OxigraphStore:
    remote = False

    def __init__(self, directory: str, create: bool = True, read_only: bool = False):
        """`read_only`: for commands that only read; any number of them may open the store at once."""
        if not directory:
            raise StoreError("oxigraph store needs a folder: --store oxigraph:DIR")
        self.path = Path(directory)
        if not create and not self.path.exists():
            raise StoreError(
                f"no store at {self.path}: build one with 'talkgraph build SOURCES --store oxigraph:{self.path}'"
            )
        self.read_only = read_only
        self.store = _open_reading(self.path) if read_only else _open_writing(self.path)

    def replace_graphs(self, dataset: Dataset) -> None:
        """Each document's graph is dropped and written in one update, so a build killed midway
        leaves every document either as it was or as it is now."""
        graphs = [graph for graph in dataset.graphs() if len(graph)]
        if graphs:
            with self._writing():
                self.store.add(UNION_STALE)
                for graph in graphs:
                    name = f"<{graph.identifier}>"
                    data = (ox.serialize(triples(graph), format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8")
                    self.store.update(f"DROP SILENT GRAPH {name} ; INSERT DATA {{ GRAPH {name} {{ {data} }} }}")

    def remove_graphs(self, identifiers) -> None:
        identifiers = list(identifiers)
        if identifiers:
            with self._writing():
                self.store.add(UNION_STALE)
                for identifier in identifiers:
                    self.store.remove_graph(ox.NamedNode(str(identifier)))

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """Changes to the named graphs, then the union rebuilt and all flushed to disk; a failure to
        write (a full disk) is one line: each document is as it was or as it is now."""
        try:
            yield
            refresh_union(self.store)
            self.store.flush()
        except OSError as error:
            reason = str(error).splitlines()[0]
            raise StoreError(
                f"cannot write store {self.path}: {reason}; free some space and build again "
                "(every document is as it was, or as this build made it)"
            ) from error

    def opener(self):
        """Another process reads the store read-only: it does not stop this one, nor a writer."""
        return partial(OxigraphStore, str(self.path), create=False, read_only=True)

    def dataset(self) -> Dataset:
        return dataset_from_quads(self._named())

    def named_quads(self) -> Iterator[ox.Quad]:
        """Every document's triples, as Oxigraph terms (the exporters write them without rdflib)."""
        return _written(self._named())

    def _named(self) -> Iterator[ox.Quad]:
        return (q for q in self.store if not isinstance(q.graph_name, ox.DefaultGraph))

    def union_triples(self) -> Iterator[ox.Triple]:
        """Each triple of any document once: the default graph, which the store keeps as their union."""
        return (
            ox.Triple(q.subject, q.predicate, _as_written(q.object))
            for q in self.store.quads_for_pattern(None, None, None, ox.DefaultGraph())
            if q != UNION_STALE
        )

    def select(self, sparql: str, prefixes: Mapping[str, str] | None = None) -> QueryResult:
        return select(self.store, sparql, prefixes)

    def serialized(self, sparql: str, accept: str | None) -> tuple[str, bytes]:
        return answer(self.store, sparql, accept)

    def for_serving(self) -> OxigraphStore:
        """The store as `serve` reads it: a checkpoint that follows the store (see ServedStore)."""
        self.close()
        return ServedStore(str(self.path))

    def refresh(self) -> bool:
        return False

    def close(self) -> None:
        del self.store


class ServedStore(OxigraphStore):
    """An Oxigraph store served for a long time. Queries read a checkpoint of it (hard links:
    cheap), taken anew when the store has changed and no build holds it, so serving never
    stops a build and the served graph follows it once the build is done."""

    def __init__(self, directory: str):
        self.path = Path(directory)
        self.read_only = True  # the checkpoint is written once, then only read
        self._lock = threading.Lock()
        self._version: tuple[int, int] | None = None
        self._checked = 0.0
        self._folder: Path | None = None
        self._retired: list[tuple[Path, float]] = []
        if not self.refresh(wait=True):
            raise StoreError(f"store {self.path} is locked: another talkgraph process is using it")

    def refresh(self, wait: bool = False) -> bool:
        """Take a new checkpoint if the store changed since the last one and no one writes it now."""
        with self._lock:
            if not wait and time.monotonic() - self._checked < 1.0:
                return False
            self._checked = time.monotonic()
            if _version(self.path) == self._version:
                return False
            try:
                primary = _open_writing(self.path, LOCK_WAIT_SECONDS if wait else 0.0)
            except StoreError:
                return False  # a build holds it: keep serving the last checkpoint
            folder = Path(tempfile.mkdtemp(prefix=".talkgraph-served-", dir=self.path.parent))
            try:
                primary.backup(str(folder / "db"))
            finally:
                del primary
            self._version = _version(self.path)
            snapshot = ox.Store(str(folder / "db"))
            if UNION_STALE in snapshot:
                refresh_union(snapshot)
            snapshot.flush()
            snapshot.optimize()
            del snapshot  # from now on only read, here and by the query process
            self.store = _open_reading(folder / "db")
            self._retire(folder)
            return True

    def _retire(self, current: Path) -> None:
        now = time.monotonic()
        if self._folder is not None:
            self._retired.append((self._folder, now))
        self._folder = current
        for folder, retired in [entry for entry in self._retired if now - entry[1] > RETIRED_SNAPSHOT_SECONDS]:
            shutil.rmtree(folder, ignore_errors=True)
            self._retired.remove((folder, retired))

    def opener(self):
        """The checkpoint now served, read-only."""
        assert self._folder is not None, "taken when the store was opened"
        return partial(OxigraphStore, str(self._folder / "db"), create=False, read_only=True)

    def for_serving(self) -> OxigraphStore:
        return self

    def close(self) -> None:
        del self.store
        for folder in [self._folder, *(folder for folder, _ in self._retired)]:
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)


def _open_writing(path: Path, wait: float = LOCK_WAIT_SECONDS) -> ox.Store:
    """The store as its one writer; another process's hold is waited for up to `wait` seconds."""
    deadline = time.monotonic() + wait
    while True:
        try:
            store = ox.Store(str(path))
            break
        except OSError as error:
            if "lock" not in str(error).lower():
                raise StoreError(f"cannot open store {path}: {error}") from error
            if time.monotonic() >= deadline:
                raise StoreError(f"store {path} is locked: another talkgraph process is using it") from error
            time.sleep(0.1)
    if UNION_STALE in store:
        refresh_union(store)
    return store


def _open_reading(path: Path) -> ox.Store:
    """The store read-only (no lock: readers do not stop each other or a writer); a store left
    mid-update by a killed build is repaired first, which needs it writable for a moment."""
    try:
        store = ox.Store.read_only(str(path))
        if UNION_STALE not in store:
            return store
        del store
        _open_writing(path)  # opening it writable repairs it; the handle is dropped at once
        return ox.Store.read_only(str(path))
    except OSError as error:
        raise StoreError(f"cannot open store {path}: {error}") from error


def _version(path: Path) -> tuple[int, int]:
    """What changes when a writer changes the store: its files' newest time and their number."""
    times = [path.stat().st_mtime_ns]
    for entry in path.iterdir():
        try:
            times.append(entry.stat().st_mtime_ns)
        except FileNotFoundError:  # removed by a writer meanwhile
            pass
    return max(times), len(times)


def refresh_union(store: ox.Store) -> None:
    """Make the default graph the set union of every named graph, in one update."""
    store.update("DROP SILENT DEFAULT ; INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")


def select(store: ox.Store, sparql: str, prefixes: Mapping[str, str] | None = None) -> QueryResult:
    """Run a read-only query over the default graph: the union of all named graphs."""
    return query_result(run_query(store, sparql, prefixes))


def query_result(result) -> QueryResult:
    """An Oxigraph answer (solutions, a boolean or triples) as a table of strings, with what each cell is."""
    if isinstance(result, (bool, ox.QueryBoolean)):  # pyoxigraph >= 0.4 answers ASK with a QueryBoolean
        return QueryResult(("ask",), ((str(bool(result)).lower(),),), ((Kind("literal", BOOLEAN),),))
    if isinstance(result, (ox.QueryTriples, list)):  # a list of ox.Triple parsed from a server's answer
        rows = [(t.subject, t.predicate, t.object) for t in result]
        columns: tuple[str, ...] = ("subject", "predicate", "object")
    else:
        columns = tuple(v.value for v in result.variables)
        rows = [tuple(solution[c] for c in columns) for solution in result]
    return QueryResult(
        columns,
        tuple(tuple(_text(term) for term in row) for row in rows),
        tuple(tuple(_kind(term) for term in row) for row in rows),
    )


def _kind(term) -> Kind | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        kind = Kind("uri")
    elif isinstance(term, ox.BlankNode):
        kind = Kind("bnode")
    elif term.language:
        kind = Kind("literal", language=term.language)
    else:
        kind = Kind("literal", term.datatype.value)
    return KINDS.setdefault(kind, kind)  # a result's cells share a few kinds: one object each


def _as_written(term):
    """A literal as talkgraph (rdflib) writes it where Oxigraph keeps another canonical form:
    a whole xsd:decimal ("394.0", not "394") and a zero duration ("P0D", not "PT0S")."""
    if not isinstance(term, ox.Literal):
        return term
    if term.datatype == XSD_DECIMAL and "." not in term.value:
        return ox.Literal(term.value + ".0", datatype=XSD_DECIMAL)
    if term.datatype == XSD_DURATION and term.value == "PT0S":
        return ox.Literal("P0D", datatype=XSD_DURATION)
    return term


def _written(quads: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
    return (ox.Quad(q.subject, q.predicate, _as_written(q.object), q.graph_name) for q in quads)


def dataset_from_quads(quads: Iterable[ox.Quad]) -> Dataset:
    """An rdflib Dataset of Oxigraph quads, their literals as talkgraph writes them."""
    dataset = new_dataset()
    data = ox.serialize(_written(quads), format=ox.RdfFormat.N_QUADS)
    if data:
        dataset.parse(data=data.decode("utf-8"), format="nquads")
    return dataset


def _text(term) -> str | None:
    if term is None:
        return None
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value

"""Which transcripts a build has and who each one is: the one place that knows it.

Every road (build into a dataset or store, extract to files, load files) takes from here:
the files among SOURCES (`discover`), each read once with the key that says it is unchanged
(`read_keyed`, and `known_keys` for those a store holds), the hash that tells a duplicate
(`transcript_hash`) and the id of a later transcript of a video (`unique_id`, `second_id`),
kept by `Identities`; `classify` sorts a build's files with them.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import SourceError
from ..extract import Extractor
from ..model import Document
from ..rdf import TG, graph_iri
from ..rdf import slug as rdf_slug
from ..schema import Schema
from ..sources import Failure, discover, read_bytes, read_or_failure, sidecar
from ..sources.ids import slug
from ..stores import GraphStore

__all__ = [
    "KNOWN_KEYS",
    "Changed",
    "Duplicate",
    "Identities",
    "Unchanged",
    "build_key",
    "classify",
    "discover",
    "extractor_identity",
    "known_keys",
    "later_ids",
    "read_keyed",
    "second_id",
    "transcript_hash",
    "unique_id",
]

KNOWN_KEYS = f"SELECT ?g ?key WHERE {{ GRAPH ?g {{ ?doc <{TG.contentHash}> ?key }} }}"


def known_keys(store: GraphStore) -> dict[str, str]:
    """The build key of each document graph the store holds, by graph IRI."""
    return {graph: key for graph, key in store.select(KNOWN_KEYS).rows if graph and key}


def build_key(path: Path, data: bytes, schema: Schema, extractor: str) -> str:
    """A hash of the file's bytes `data` (and its sidecar's), the schema and the extractor."""
    digest = hashlib.sha256(data)
    companion = sidecar.find(Path(path))
    if companion is not None:
        with companion.open("rb") as file:
            digest.update(hashlib.file_digest(file, "sha256").digest())
    digest.update(f"\x1f{schema.fingerprint}\x1f{extractor}".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def extractor_identity(extractor: Extractor, min_confidence: float = 0.0) -> str:
    """What a build key says of the extractor: its identity (name, version, model …) and the
    confidence below which its facts are left out."""
    return extractor.identity + (f"|min-confidence={min_confidence}" if min_confidence else "")


def read_keyed(path: Path, schema: Schema, extractor: str) -> tuple[bytes, str]:
    """The file's bytes, read once, and its build key; a SourceError when it cannot be read
    (or is too big to be a transcript). Parse the bytes with ``sources.read(path, data)``."""
    data = read_bytes(Path(path))
    return data, build_key(path, data, schema, extractor)


def transcript_hash(document: Document) -> str | None:
    """A hash of the video id and the words: two files with the same hold one transcript. None
    for a transcript that names no video (its id comes from its file name)."""
    if not document.video_id:
        return None
    return hashlib.sha256(f"{document.video_id}\x1f{document.text}".encode("utf-8", "surrogatepass")).hexdigest()


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


class Identities:
    """The documents one run has taken, in the order of its files: the graphs they keep, and the
    first file of each transcript (the same video id and words), to tell a duplicate.

    A file that is unchanged since the last build is not parsed: it is read only when another
    transcript of its video turns up, the one case in which it may be a duplicate."""

    def __init__(self) -> None:
        self.graphs: set[str] = set()
        """The graph IRIs taken."""
        self._first_file: dict[str, Path] = {}
        self._unread: dict[str, list[Path]] = {}
        self._videos_read: set[str] = set()

    def take(self, document_id: str, path: str | Path) -> str:
        """The id the transcript of `document_id` at `path` keeps: its video's, unless a
        transcript taken before has that (see `unique_id`)."""
        free = unique_id(document_id, path, lambda candidate: str(graph_iri(candidate)) in self.graphs)
        self.graphs.add(str(graph_iri(free)))
        return free

    def repeated(self, transcript: str | None, path: str | Path) -> Path | None:
        """The file taken before with this `transcript_hash`, or None (and `path` is taken for it)."""
        if transcript is None:
            return None
        first = self._first_file.setdefault(transcript, Path(path))
        return None if first == Path(path) else first

    def repeated_document(self, document: Document) -> Path | None:
        """The earlier file `document` repeats word for word, reading the unchanged files of its video."""
        video = str(graph_iri(document.id))
        self._videos_read.add(video)
        for unread in self._unread.pop(video, []):
            earlier = read_or_failure(unread)
            if not isinstance(earlier, Failure):
                self.repeated(transcript_hash(earlier), unread)
        return self.repeated(transcript_hash(document), document.source)

    def repeated_unchanged(self, graph: str, path: Path) -> Path | None:
        """The earlier file the unchanged file at `path` (whose graph in the store is `graph`)
        repeats, if a transcript of its video was read; else None, and it keeps `graph`."""
        video = video_graph(graph, f"-{rdf_slug(slug(Path(path).stem))}")
        if video not in self._videos_read:
            self._unread.setdefault(video, []).append(Path(path))
            original = None
        else:
            item = read_or_failure(path)
            original = None if isinstance(item, Failure) else self.repeated(transcript_hash(item), path)
        if original is None:
            self.graphs.add(graph)
        return original


def video_graph(graph: str, suffix: str) -> str:
    """The graph of a video's first transcript, from that of a later one (`suffix` its file
    name's, perhaps numbered: see unique_id). String tests, not a regex: one per file."""
    head, _, number = graph.rpartition("-")
    if number.isdigit() and head.endswith(suffix):
        graph = head
    return graph[: -len(suffix)] if graph.endswith(suffix) else graph


@dataclass(frozen=True)
class Changed:
    """A document to extract, under the id it keeps, with its build key."""

    document: Document
    key: str


@dataclass(frozen=True)
class Unchanged:
    """A file whose build key is the one its graph in the store has."""

    path: Path
    graph: str


@dataclass(frozen=True)
class Duplicate:
    """A file that repeats the transcript of `original`, read before it, word for word."""

    path: Path
    original: Path
    graph: str
    """The graph the file would have had (in the store, if it was built alone before)."""


def classify(
    paths: Iterable[Path], schema: Schema, extractor: str, known: Mapping[str, str], identities: Identities
) -> Iterator[Changed | Unchanged | Duplicate | Failure]:
    """What each file is, in order, as it is wanted (workers extract while later files are read).

    Each file is read once: its bytes are hashed and, unless their build key is one of `known`
    (the store's, by graph), parsed. `identities` gathers the graphs of all documents."""
    unchanged: dict[str, list[str]] = {}
    for graph, key in known.items():
        unchanged.setdefault(key, []).append(graph)
    for path in paths:
        try:
            data, key = read_keyed(path, schema, extractor)
        except SourceError as error:
            yield Failure(path, str(error), error)
            continue
        graphs = [g for g in unchanged.get(key, []) if g not in identities.graphs]
        if graphs:
            original = identities.repeated_unchanged(graphs[0], path)
            yield Unchanged(path, graphs[0]) if original is None else Duplicate(path, original, graphs[0])
            continue
        item = read_or_failure(path, data)
        if isinstance(item, Failure):
            yield item
            continue
        original = identities.repeated_document(item)
        if original is not None:
            yield Duplicate(path, original, str(graph_iri(second_id(item.id, item.source))))
            continue
        document_id = identities.take(item.id, item.source)
        yield Changed(item if document_id == item.id else replace(item, id=document_id), key)

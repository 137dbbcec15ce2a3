"""The frozen records that flow through the pipeline.

files → Document → Mention → Entity → Assertion → RDF.  Nothing here knows about
rdflib: IRIs are minted only in :mod:`graph.rdf`.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

MODALITIES = ("stated", "hedged", "predicted")
BASES = ("said", "known")
"""A claim the transcript itself says (with the words that say it), or a fact of the name list
whose two ends the transcript names without tying them: background knowledge."""


@dataclass(frozen=True)
class Segment:
    """A stretch of the text that starts at a known second of the video."""

    start_char: int
    start_second: float


NO_SEGMENTS: tuple[Segment, ...] = ()  # text whose format gives no timings


@dataclass(frozen=True)
class Document:
    id: str
    source: str
    text: str
    title: str = ""
    video_id: str | None = None
    url: str | None = None
    published: str | None = None
    duration_seconds: float | None = None
    author: str | None = None
    description: str | None = None
    hints: tuple[tuple[str, str], ...] = ()
    """(name, entity type) pairs the source's metadata suggests; noisy, verified against the text."""
    segments: tuple[Segment, ...] = ()
    notices: tuple[str, ...] = ()
    """What the reader had to repair or leave out (bytes that were not UTF-8, an impossible date)."""

    @cached_property
    def _segment_starts(self) -> list[int]:
        return [s.start_char for s in self.segments]

    def second_at(self, char: int) -> tuple[float | None, bool]:
        """The second of the video where character `char` is spoken, and whether it is estimated."""
        if self.segments:
            index = max(bisect.bisect_right(self._segment_starts, char) - 1, 0)
            return self.segments[index].start_second, False
        if self.duration_seconds and self.text:
            return round(self.duration_seconds * char / len(self.text), 1), True
        return None, False


@dataclass(frozen=True)
class Entity:
    """One real-world thing, the same across all documents."""

    name: str
    type: str
    aliases: tuple[str, ...] = ()
    also: tuple[str, ...] = ()
    """Other types the thing may fairly take (AWS: a Company and a Product)."""

    def is_a(self, types: tuple[str, ...] | list[str] | set[str] | frozenset[str] | str) -> bool:
        types = (types,) if isinstance(types, str) else types
        return self.type in types or any(t in types for t in self.also)

    def type_for(self, types) -> str:
        """Its type among `types`: the main one where it fits, else the first other type that does."""
        if self.type in types:
            return self.type
        return next((t for t in self.also if t in types), self.type)


@dataclass(frozen=True)
class Mention:
    """A span of a document's text that names an entity, and how it was found."""

    start: int
    end: int
    text: str
    entity: Entity
    method: str = "gazetteer"


@dataclass(frozen=True)
class Evidence:
    document_id: str
    start: int
    end: int
    quote: str
    second: float | None = None
    second_estimated: bool = False


@dataclass(frozen=True)
class Assertion:
    subject: Entity
    predicate: str
    object: Entity
    confidence: float
    evidence: Evidence
    extractor: str
    modality: str = "stated"
    basis: str = "said"
    surface_forms: tuple[tuple[Entity, str], ...] = field(default=(), compare=False)
    """(entity, text as written) for the names this assertion was read from."""


@dataclass(frozen=True)
class BuildRecord:
    """What `talkgraph build` made the graph from and how much the graph holds once built.

    The counts are of the whole graph (a store's every document, not only those extracted this
    time); `triples` counts the distinct triples of the documents' graphs, not the record's own."""

    started: datetime
    ended: datetime
    version: str
    schema_hash: str
    extractor: str
    """The identity of the extractor this build ran (rules, llm:MODEL:CHUNKING …)."""
    agents: tuple[str, ...]
    """The IRIs of the extractors any claim in the graph is attributed to."""
    documents: int
    triples: int
    extracted: int
    unchanged: int
    removed: int

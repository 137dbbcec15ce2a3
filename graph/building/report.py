"""What a build, an extract or a load did: one record for the three roads."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ..sources import Failure


@dataclass
class BuildReport:
    documents: int = 0
    """Documents among the sources (build, extract) or graphs in the files (load)."""
    extracted: int = 0
    unchanged: int = 0
    """Documents whose build key was already in the store or the file: not extracted or sent again."""
    removed: int = 0
    """Graphs (build, load) or files (extract) of documents no longer among the sources, with prune."""
    words: int = 0
    assertions: int = 0
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    """Files passed over (FIFOs, links out of the sources …) and repairs made while reading (not UTF-8 …)."""
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    """(file, the file it repeats): transcripts of a video already read, word for word; not built."""
    dropped: dict[str, int] = field(default_factory=dict)
    """Findings the extractor's checks rejected (the LLM's triples), by reason."""
    usage: dict[str, int] = field(default_factory=dict)
    """What extraction spent: LLM requests, answers from the cache, tokens."""
    files: int = 0
    """N-Quads files read (load)."""
    loaded: int = 0
    """Documents sent to the store (load)."""
    quads: int = 0
    """Quads sent to the store (load)."""
    pruned: bool = False
    """Whether prune ran (it does not when a file failed)."""
    merged: dict = field(default_factory=dict)
    """Entities merged into another across documents (build, load): IRI → the Entity it became."""
    started: datetime | None = None
    """When the build began (UTC), for its record (build)."""
    extractor: str = ""
    """The identity of the extractor that ran (build): rules, llm:MODEL:CHUNKING …"""

    @property
    def documents_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    def add_counts(self, dropped: dict[str, int], usage: dict[str, int]) -> None:
        """Add one document's rejected findings and extraction costs to the totals."""
        for total, found in ((self.dropped, dropped), (self.usage, usage)):
            for kind, number in found.items():
                total[kind] = total.get(kind, 0) + number

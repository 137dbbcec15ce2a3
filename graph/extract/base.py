"""What every extractor returns."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from ..model import Assertion, Document, Mention


@dataclass(frozen=True)
class Extraction:
    document: Document
    mentions: tuple[Mention, ...]
    assertions: tuple[Assertion, ...]
    dropped: Mapping[str, int] = field(default_factory=dict)
    """Findings the extractor's checks rejected, by reason (the LLM's triples that failed a check)."""
    usage: Mapping[str, int] = field(default_factory=dict)
    """What the extraction spent, by kind (LLM requests, answers from the cache, tokens)."""


class Extractor(Protocol):
    """Turns a document into an Extraction."""

    name: str
    """What its claims name as their extractor."""
    identity: str
    """What a document's build key records: another identity extracts the document again."""

    def prepare(self) -> None:
        """Build what extraction needs; the build calls it once, before forking its workers
        (which then share what it built), and only when there is something to extract."""

    def extract(self, document: Document) -> Extraction: ...

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
    """Turns a document into an Extraction. An extractor may also have prepare(): the build
    calls it once, before forking its workers, when there is something to extract."""

    name: str

    def extract(self, document: Document) -> Extraction: ...

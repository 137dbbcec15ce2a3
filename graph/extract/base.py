"""What every extractor returns."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from ..model import Assertion, Document, Mention


@dataclass(frozen=True)
class Extraction:
    document: Document
    mentions: tuple[Mention, ...]
    assertions: tuple[Assertion, ...]


class Extractor(Protocol):
    name: str

    def extract(self, document: Document) -> Extraction: ...

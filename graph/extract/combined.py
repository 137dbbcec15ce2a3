"""Several extractors over one document: their facts side by side, each claim naming the
extractor that found it (a fact both found has a claim from each)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..model import Document, Entity, Mention
from .base import Extraction, Extractor


class CombinedExtractor:
    def __init__(self, parts: Sequence[Extractor]):
        self.parts = tuple(parts)
        self.name = "+".join(part.name for part in self.parts)
        self.identity = "+".join(part.identity for part in self.parts)

    def prepare(self) -> None:
        for part in self.parts:
            part.prepare()

    def extract(self, document: Document) -> Extraction:
        results = [part.extract(document) for part in self.parts]
        mentions: dict[tuple[int, int, Entity], Mention] = {}
        for result in results:
            for mention in result.mentions:
                mentions.setdefault((mention.start, mention.end, mention.entity), mention)
        dropped: Counter[str] = Counter()
        usage: Counter[str] = Counter()
        for result in results:
            dropped.update(result.dropped)
            usage.update(result.usage)
        return Extraction(
            document,
            tuple(sorted(mentions.values(), key=lambda m: (m.start, m.end))),
            tuple(a for result in results for a in result.assertions),
            dict(dropped),
            dict(usage),
        )

"""The mention stage every extractor starts from: the names a document says, found by the
gazetteer, repaired by the fuzzy matcher and, in punctuated text, read as unknown names."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from ..model import Document, Entity, Mention
from ..schema import Schema
from .own_company import find_host, welcome_to_a_call
from .phrases import Squeezed, squeeze
from .text import is_punctuated, normalise

if TYPE_CHECKING:  # imported where first built: a rebuild with nothing to extract never loads rapidfuzz
    from .fuzzy import FuzzyMatcher
    from .mentions import Gazetteer
    from .names import NameFinder
    from .streams import StreamFinder


@dataclass(frozen=True)
class Named:
    """A document with the names it says, sorted by where they start."""

    document: Document
    lowered: str
    squeezed: Squeezed
    mentions: list[Mention]
    punctuated: bool
    own_company: Entity | None = None
    """The company whose call it is (or whose guest an interview has), whose people say "we" and
    "our" for it."""
    guest: Entity | None = None
    """An interview's only guest, who says "I" for themself."""


class MentionStage:
    """Cheap to make: the gazetteer and matchers are built when first used, or by prepare().
    Without `unknown_names` only listed names (and their misspellings) are found."""

    def __init__(self, schema: Schema, *, unknown_names: bool = True):
        self.schema = schema
        self.unknown_names = unknown_names

    def prepare(self) -> None:
        for part in ("gazetteer", "fuzzy") + (("names", "streams") if self.unknown_names else ()):
            getattr(self, part)

    @cached_property
    def gazetteer(self) -> Gazetteer:
        from .mentions import Gazetteer

        return Gazetteer(self.schema)

    @cached_property
    def fuzzy(self) -> FuzzyMatcher:
        from .fuzzy import FuzzyMatcher

        return FuzzyMatcher(self.gazetteer, self.schema.common_words)

    @cached_property
    def names(self) -> NameFinder:
        from .names import NameFinder

        return NameFinder(self.schema, self.gazetteer.entity_named)

    @cached_property
    def streams(self) -> StreamFinder:
        from .streams import StreamFinder

        return StreamFinder(self.schema, self.gazetteer)

    def find(self, document: Document) -> Named:
        lowered = normalise(document.text)
        squeezed = squeeze(lowered)
        named = self.gazetteer.find(document, lowered, squeezed)
        named = _by_start(named + self.fuzzy.find(document.text, lowered, named))
        if self.unknown_names:
            named = _by_start(named + self.streams.find(document.text, lowered, squeezed, named))
        punctuated = is_punctuated(document.text, self.schema.language)
        if punctuated and self.unknown_names:
            call = welcome_to_a_call(lowered, self.schema.language.own_company)
            named = _uncovered(_by_start(named + self.names.find(document.text, lowered, named, call)))
        elif self.unknown_names:  # captions that write names capitalised: people's names only
            named = _uncovered(_by_start(named + self.names.people(document.text, lowered, named)))
        own, guest = find_host(lowered, named, self.schema.language)
        return Named(document, lowered, squeezed, named, punctuated, own, guest)


def _by_start(mentions: list[Mention]) -> list[Mention]:
    return sorted(mentions, key=lambda m: m.start)


def _uncovered(mentions: list[Mention]) -> list[Mention]:
    """The mentions by start, but for one inside a longer one ("Ford" in "Ford Credit")."""
    kept: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if not kept or mention.end > kept[-1].end or mention.start >= kept[-1].end:
            kept.append(mention)
    return kept

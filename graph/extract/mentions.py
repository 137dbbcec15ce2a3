"""Find the entities a document names: gazetteer aliases (one Aho-Corasick pass),
ambiguous aliases confirmed by context, demonyms, and metadata hints verified in the text
(the channel's host among them, who may be named by given name alone)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from enum import Enum
from typing import Final

from ..model import Document, Entity, Mention
from ..schema import GazetteerEntry, Schema
from .names import very_common_words
from .phrases import PhraseMatcher, Squeezed, squeeze
from .text import normalise_phrase, phrase_pattern
from .versions import Versions

Hit = tuple[int, int, Entity, str]  # start, end, entity, method
LIST_GAP = 8


@dataclass
class _Key:
    entry: GazetteerEntry
    method: str  # gazetteer | ambiguous | demonym


class Gazetteer:
    """Every alias of schema/entities.yaml in one automaton, built once per schema."""

    def __init__(self, schema: Schema):
        self.schema = schema
        self.candidates: dict[str, list[_Key]] = {}  # every entry that lists an alias ("grock": Grok and Groq)
        self.entry_context = {}
        for entry in schema.entries:
            names = [(a, "ambiguous") for a in entry.ambiguous_aliases]
            names += [(entry.entity.name, "gazetteer")]
            names += [(a, "gazetteer") for a in entry.entity.aliases]
            if entry.context:
                self.entry_context[entry.entity.name] = phrase_pattern(entry.context)
            names += [(d, "demonym") for d in entry.demonyms]
            for name, method in names:
                key = normalise_phrase(name)
                if key and all(k.entry is not entry for k in self.candidates.get(key, [])):
                    self.candidates.setdefault(key, []).append(_Key(entry, method))
        self.by_alias = {key: found[0] for key, found in self.candidates.items()}  # the first entry to list it
        self.matcher = PhraseMatcher((key, key) for key in self.candidates)
        language = schema.language
        self.context = {t: phrase_pattern(words) for t, words in language.type_context.items()}
        self.versions = Versions(schema.entries)
        self.very_common = very_common_words(schema)

    def entry(self, name: str) -> GazetteerEntry | None:
        """The entry of an entity this gazetteer finds: a listed one or a versioned model."""
        return self.schema.entry(name) or self.versions.derived.get(name)

    def entity_named(self, name: str) -> Entity | None:
        key = self.by_alias.get(normalise_phrase(name))
        return key.entry.entity if key else None

    def find(self, document: Document, lowered: str, squeezed: Squeezed | None = None) -> list[Mention]:
        hits = list(self._alias_hits(document.text, squeezed or squeeze(lowered)))
        hits += self._hint_hits(document, lowered)
        hits += self._host_hits(document, lowered)
        return [Mention(s, e, document.text[s:e], entity, method) for s, e, entity, method in _longest(hits)]

    def _alias_hits(self, text: str, squeezed: Squeezed):
        found_at = [
            (start, end, key, self._chosen(self.candidates[key], text, squeezed.lowered, start, end))
            for start, end, key, _ in self.matcher.find(squeezed)
        ]
        settled = _one_sense_per_document(found_at, self.candidates)
        decided = [
            (start, end, key, settled[key] if found is _UNDECIDED else found) for start, end, key, found in found_at
        ]
        named = _Neighbours(decided)
        confirmed = {key for _, _, key, found in decided if found is not None}
        for start, end, key, found in decided:
            method = found.method if found is not None else "listed"
            if found is None and key in confirmed and text[start].isupper() and len(self.candidates[key]) == 1:
                found, method = self.candidates[key][0], "ambiguous"  # "Ford Pro": the Ford said with its context
            if found is None:
                found = self._listed_among_its_kind(named, key, squeezed.lowered, start, end)
            if found is None:
                continue
            extended, entry = self.versions.extend(found.entry, squeezed.lowered, start, end)
            yield start, extended, entry.entity, method if extended == end else "version"

    def _chosen(
        self, candidates: list[_Key], text: str, lowered: str, start: int, end: int
    ) -> _Key | _Undecided | None:
        """The entry an alias stands for here. An ambiguous alias needs its context words, or to be
        written in its exact case; an alias of several entries goes to the one whose context stands
        nearest, and is left undecided when none does."""
        if len(candidates) == 1:
            found = candidates[0]
            confirmed = (
                found.method != "ambiguous"
                or text[start:end] in found.entry.exact_case
                or self.has_context(found.entry.entity, lowered, start, end)
            )
            return found if confirmed else None
        near = [
            (distance, k)
            for k in candidates
            if (distance := self.context_distance(k.entry.entity, lowered, start, end)) is not None
        ]
        return min(near, key=lambda pair: pair[0])[1] if near else _UNDECIDED

    def _listed_among_its_kind(self, named: _Neighbours, key: str, lowered: str, start: int, end: int) -> _Key | None:
        """An ambiguous alias without its context words, listed next to a name of its own type
        ("OpenAI, Meta, Google, Snap", "Windsurf and Cursor")."""
        candidates = self.candidates[key]
        if len(candidates) != 1:
            return None
        entity = candidates[0].entry.entity
        types = (entity.type, *entity.also)
        for gap_start, gap_end, other in named.around(start, end, LIST_GAP):
            if other.is_a(types) and " ".join(lowered[gap_start:gap_end].split()) in self.schema.language.kind_joiners:
                return candidates[0]
        return None

    def has_context(self, entity: Entity, lowered: str, start: int, end: int) -> bool:
        return self.context_distance(entity, lowered, start, end) is not None

    def context_distance(self, entity: Entity, lowered: str, start: int, end: int) -> int | None:
        """How far the nearest of the entity's context words (or its type's) stands from a hit,
        within the context window; None when none does."""
        pattern = self.entry_context.get(entity.name) or self.context.get(entity.type)
        if pattern is None:
            return None
        window = self.schema.language.context_window
        before = [start - m.end() for m in pattern.finditer(lowered, max(0, start - window), start)]
        after = [m.start() - end for m in pattern.finditer(lowered, end, end + window)]
        return min(before + after, default=None)

    def _hint_hits(self, document: Document, lowered: str) -> list[Hit]:
        """Names from the metadata that no list has, kept only where the text says them."""
        hits: list[Hit] = []
        common = self.schema.language.common_words
        for name, etype in document.hints:
            key = normalise_phrase(name)
            if key in self.by_alias or key in common or len(key) < 3:
                continue
            exact_case = len(key) <= 3 or name.isupper()
            haystack, needle = (document.text, name) if exact_case else (lowered, key)
            pattern = re.compile(r"(?<!\w)" + re.escape(needle).replace(r"\ ", r"\s+") + r"(?!\w)")
            entity = Entity(name, etype)
            hits.extend((m.start(), m.end(), entity, "hint") for m in pattern.finditer(haystack))
        return hits

    def _host_hits(self, document: Document, lowered: str) -> list[Hit]:
        """The person in the author field ("AI News & Strategy Daily | Nate B Jones") where the
        text names them: in full, or by a capitalised given name ("oh Nate is sitting here")."""
        hits: list[Hit] = []
        for name in people_named_in(document.author or "", self.schema.first_names, self.very_common):
            entity = self.entity_named(name)
            given, *_, surname = name.split()
            if entity is None:  # a listed host is found in full by the automaton
                entity = Entity(name, "Person")
                full = re.compile(
                    rf"(?<!\w){re.escape(given.lower())}\s+(?:\w\.?\s+)?{re.escape(surname.lower())}(?!\w)"
                )
                hits.extend((m.start(), m.end(), entity, "host") for m in full.finditer(lowered))
            if given.lower() not in self.very_common:
                alone = re.compile(rf"(?={re.escape(given)})(?<![\w.]){re.escape(given)}(?!\w)")  # (?=: a fast scan
                hits.extend((m.start(), m.end(), entity, "host") for m in alone.finditer(document.text))
        return hits


def people_named_in(author: str, first_names: frozenset[str], very_common: frozenset[str]) -> list[str]:
    """People's names among the parts of an author field ("Channel Name | Given X Surname"): two
    or three capitalised words, the first a given name or at least no very common word."""
    people = []
    for part in re.split(r"\s*[|\u2013\u2014\u00b7:,;/&]\s*|\s+-\s+", author):
        words = part.replace(".", " ").split()
        if (
            2 <= len(words) <= 3
            and all(w[0].isupper() and w.isalpha() for w in words)
            and not any(w.isupper() for w in (words[0], words[-1]))
            and (len(words) == 2 or len(words[1]) == 1)
            and (words[0].lower() in first_names or words[0].lower() not in very_common)
        ):
            people.append(" ".join(words))
    return people


class _Undecided(Enum):
    """An alias of several entries that no context of its own decides (_one_sense_per_document may)."""

    UNDECIDED = "undecided"


_UNDECIDED: Final = _Undecided.UNDECIDED


class _Neighbours:
    """The names found so far, by where they end and where they start."""

    def __init__(self, found_at: list[tuple[int, int, str, _Key | None]]) -> None:
        self.ending: dict[int, list[Entity]] = {}
        self.starting: dict[int, list[Entity]] = {}
        for start, end, _, found in found_at:
            if found is not None:
                self.ending.setdefault(end, []).append(found.entry.entity)
                self.starting.setdefault(start, []).append(found.entry.entity)

    def around(self, start: int, end: int, gap: int):
        """(gap start, gap end, entity) for each name ending at most `gap` before `start` or
        starting at most `gap` after `end`."""
        for position in range(max(0, start - gap), start + 1):
            for entity in self.ending.get(position, ()):
                yield position, start, entity
        for position in range(end, end + gap + 1):
            for entity in self.starting.get(position, ()):
                yield end, position, entity


def _one_sense_per_document(found_at, candidates: dict[str, list[_Key]]) -> dict[str, _Key | None]:
    """For an alias of several entries said where no context decides it: the entry most of its
    decided hits in the document went to ("Grock" in an episode about the chip company), else
    the first entry that lists it plainly."""
    votes: dict[str, Counter[int]] = {}
    for _, _, key, found in found_at:
        if isinstance(found, _Key) and len(candidates[key]) > 1:
            votes.setdefault(key, Counter())[candidates[key].index(found)] += 1
    settled: dict[str, _Key | None] = {}
    for key in {key for _, _, key, found in found_at if found is _UNDECIDED}:
        if key in votes:
            settled[key] = candidates[key][votes[key].most_common(1)[0][0]]
        else:
            settled[key] = next((k for k in candidates[key] if k.method != "ambiguous"), None)
    return settled


def _longest(hits: list[Hit]) -> list[Hit]:
    """Overlapping hits resolved leftmost first, the longest of those starting together
    ("Google Cloud services" is Google Cloud, not cloud services), a listed alias before a
    family name read on into a version ("claude 3.5" is an alias of Claude Sonnet)."""
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h[0], -(h[1] - h[0]), h[3] == "version")):
        if not kept or hit[0] >= kept[-1][1]:
            kept.append(hit)
    return kept

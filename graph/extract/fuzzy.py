"""Fuzzy and phonetic repair of names the captions misspelled ("curser", "fizer", "winds surf").

A stretch of one or two words that no alias matched is compared with the gazetteer's
aliases by metaphone code and by edit similarity (rapidfuzz). Words in the common-word
list are never repaired, so ordinary speech is not turned into names.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate

import jellyfish
from rapidfuzz import fuzz, process

from ..model import Entity, Mention
from .mentions import Gazetteer
from .text import taken_by

WORD = re.compile(r"([a-z0-9][a-z0-9']*)")
MIN_LENGTH = 5  # letters in the stretch (spaces dropped)
PHONETIC_MIN_SIMILARITY = 75
SPELLING_MIN_SIMILARITY = 88
PAIR_MIN_SIMILARITY = 92
FUNCTION_WORDS = 500  # the most frequent words never stand in a repaired pair ("window is", "shop if")
ENDINGS = ("s", "es", "ing", "ed", "er", "ers")  # "excels", "inflecting": forms of common words
EXCLUDED_TYPES = ("RevenueStream",)


class FuzzyMatcher:
    def __init__(self, gazetteer: Gazetteer, common_words: tuple[str, ...]):
        self.gazetteer = gazetteer
        self.needs_context: set[str] = set()
        self.common = frozenset(common_words)
        self.function_words = frozenset(common_words[:FUNCTION_WORDS])
        self.entity_by_key: dict[str, Entity] = {}
        self.by_code: dict[str, list[str]] = {}
        for alias, found in gazetteer.by_alias.items():
            entity = found.entry.entity
            key = alias.replace(" ", "")
            if found.method == "demonym" or entity.type in EXCLUDED_TYPES or len(key) < MIN_LENGTH:
                continue
            if not found.entry.repairable:
                continue
            if not key.isascii() or key in self.entity_by_key:
                continue
            if found.method == "ambiguous":
                self.needs_context.add(entity.name)
            self.entity_by_key[key] = entity
            self.by_code.setdefault(jellyfish.metaphone(key), []).append(key)
        self.keys_by_letter: dict[str, list[str]] = {}
        for key in self.entity_by_key:
            self.keys_by_letter.setdefault(key[0], []).append(key)
        self._bands: dict[tuple[str, int, float], list[str]] = {}
        self.lookup = lru_cache(maxsize=65536)(self._lookup)

    def find(self, text: str, lowered: str, known: list[Mention]) -> list[Mention]:
        taken = taken_by(known, len(lowered))
        words = _Words(lowered)
        found: list[Mention] = []
        next_free = 0
        for index in self._candidates(words.tokens):
            if index >= next_free:
                next_free = index + (self._match_at(words, index, lowered, taken, found, text) or 1)
        return found

    def _candidates(self, words: list[str]) -> list[int]:
        """Where a repair may start: a word that is no function word and is rare itself or
        followed by another that is no function word (most of speech is neither: one pass
        with set look-ups instead of a million calls)."""
        function, common = self.function_words, self.common
        following = words[1:] + [""]
        return [
            i
            for i, (word, after) in enumerate(zip(words, following))
            if word not in function and (word not in common or (after and after not in function))
        ]

    def _match_at(self, words: _Words, index, lowered, taken, found, text) -> int:
        """A repair starting at `index`, one of the `_candidates` (so no function word)."""
        tokens = words.tokens
        for size in (2, 1):
            stretch = tokens[index : index + size]
            if len(stretch) < size or (size == 1 and stretch[0] in self.common):
                continue
            if size == 2 and stretch[1] in self.function_words:
                continue
            start, end = words.start(index), words.end(index + size - 1)
            if any(taken[start:end]) or (size == 2 and lowered[words.end(index) : words.start(index + 1)] != " "):
                continue
            entity = self.lookup(tuple(stretch))
            if entity is not None and entity.name in self.needs_context:
                if not self.gazetteer.has_context(entity, lowered, start, end):
                    entity = None
            if entity is not None:
                found.append(Mention(start, end, text[start:end], entity, "fuzzy"))
                return size
        return 0

    def _lookup(self, words: tuple[str, ...]) -> Entity | None:
        key = "".join(w.rstrip("'s") if w.endswith("'s") else w for w in words)
        if len(key) < MIN_LENGTH or not key.isalpha() or key in self.entity_by_key:
            return None
        if self._is_common(key) or any(w in self.function_words for w in words):
            return None
        if len(words) == 1:
            for candidate in self.by_code.get(jellyfish.metaphone(key), []):
                if fuzz.ratio(key, candidate) >= PHONETIC_MIN_SIMILARITY:
                    return self.entity_by_key[candidate]
        cutoff = SPELLING_MIN_SIMILARITY if len(words) == 1 else PAIR_MIN_SIMILARITY
        best = process.extractOne(
            key, self._within_reach(key[0], len(key), cutoff), scorer=fuzz.ratio, score_cutoff=cutoff
        )
        if best is not None:
            return self.entity_by_key[best[0]]
        return None

    def _within_reach(self, letter: str, length: int, cutoff: float) -> list[str]:
        """The keys starting with `letter` whose length lets fuzz.ratio reach `cutoff` against a
        key of `length` (the ratio is at most 1 - |difference| / sum of the lengths), in their
        order: the same best match as over all of them, at a fraction of the comparisons."""
        band = (letter, length, cutoff)
        if band not in self._bands:
            slack = 1 - cutoff / 100
            self._bands[band] = [
                key
                for key in self.keys_by_letter.get(letter, [])
                if abs(len(key) - length) <= slack * (len(key) + length)
            ]
        return self._bands[band]

    def _is_common(self, key: str) -> bool:
        return key in self.common or any(
            key.endswith(ending) and key[: -len(ending)] in self.common for ending in ENDINGS
        )


class _Words:
    """The words of a text and where each starts and ends; split and summed in C, as a
    million words need, with offsets looked up only for the few that may be names."""

    def __init__(self, lowered: str):
        parts = WORD.split(lowered)  # gap, word, gap, word, …, gap
        self.tokens = parts[1::2]
        self._bounds = list(accumulate(map(len, parts)))  # the end of each gap and word in turn

    def start(self, index: int) -> int:
        return self._bounds[2 * index]

    def end(self, index: int) -> int:
        return self._bounds[2 * index + 1]

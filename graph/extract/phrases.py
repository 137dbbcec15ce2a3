"""Many phrases found in one pass (Aho-Corasick) on word boundaries.

Text is matched in its squeezed form (lower-case, whitespace runs as one space), built
once per document and shared by the gazetteer and the relation cues; hits are mapped
back to offsets in the original text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

import ahocorasick

from .text import is_word, normalise_phrase

T = TypeVar("T")
WHITESPACE = str.maketrans({c: " " for c in "\t\n\r\f\v\xa0\u2028\u2029\u3000"})
RUN = re.compile(" {2,}")


@dataclass(frozen=True)
class Squeezed:
    """A lowered text with whitespace runs folded to one space, and the way back to offsets."""

    lowered: str
    text: str
    _starts: tuple[int, ...]
    _shifts: tuple[int, ...]

    def original(self, index: int) -> int:
        return index + self._shifts[bisect.bisect_right(self._starts, index) - 1]


def squeeze(lowered: str) -> Squeezed:
    spaced = lowered.translate(WHITESPACE)
    pieces, starts, shifts = [], [0], [0]
    removed = last = 0
    for run in RUN.finditer(spaced):
        pieces.append(spaced[last : run.start() + 1])
        removed += run.end() - run.start() - 1
        last = run.end()
        starts.append(run.end() - removed)
        shifts.append(removed)
    pieces.append(spaced[last:])
    return Squeezed(lowered, "".join(pieces), tuple(starts), tuple(shifts))


class PhraseMatcher(Generic[T]):
    """Phrases (normalised like the text) with a value each; ``find`` yields whole-word hits."""

    def __init__(self, phrases: Iterable[tuple[str, T]]):
        self.values: dict[str, list[T]] = {}
        for phrase, value in phrases:
            key = normalise_phrase(phrase)
            if key:
                self.values.setdefault(key, []).append(value)
        self.automaton = ahocorasick.Automaton()
        for key in self.values:  # with whether a word boundary is wanted before it and after it
            self.automaton.add_word(key, (key, is_word(key[0]), is_word(key[-1])))
        if self.values:
            self.automaton.make_automaton()

    def find(self, squeezed: Squeezed) -> Iterator[tuple[int, int, str, list[T]]]:
        """(start, end, phrase, values) in the original text, in order of the phrase's end. A hit
        wants a word boundary at each end where the phrase has a word character: one that begins
        with punctuation ("'s ceo") may follow a word directly ("OpenAI's CEO")."""
        if not self.values:
            return
        text = squeezed.text
        last = len(text) - 1
        for end_index, (key, bounded_before, bounded_after) in self.automaton.iter(text):
            # checked in the squeezed text, where the neighbours are the same or both whitespace:
            # most raw hits are inside longer words, and are dropped before their offsets are mapped
            start = end_index - len(key) + 1
            if bounded_before and start and is_word(text[start - 1]):
                continue
            if bounded_after and end_index < last and is_word(text[end_index + 1]):
                continue
            yield squeezed.original(start), squeezed.original(end_index) + 1, key, self.values[key]

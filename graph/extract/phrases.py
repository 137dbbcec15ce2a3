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

from .text import normalise_phrase

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
        for key in self.values:
            self.automaton.add_word(key, key)
        if self.values:
            self.automaton.make_automaton()

    def find(self, squeezed: Squeezed) -> Iterator[tuple[int, int, str, list[T]]]:
        """(start, end, phrase, values) in the original text, in order of the phrase's end."""
        if not self.values:
            return
        text = squeezed.text
        for end_index, key in self.automaton.iter(text):
            # checked in the squeezed text, where the neighbours are the same or both whitespace:
            # most raw hits are inside longer words, and are dropped before their offsets are mapped
            if _whole_words(text, end_index - len(key) + 1, end_index + 1, key):
                start = squeezed.original(end_index - len(key) + 1)
                yield start, squeezed.original(end_index) + 1, key, self.values[key]


def _whole_words(text: str, start: int, end: int, key: str) -> bool:
    """A word boundary at each end of the hit where the phrase has a word character: a phrase
    that begins with punctuation ("'s ceo") may follow a word directly ("OpenAI's CEO")."""
    before = text[start - 1] if start > 0 and _is_word(key[0]) else " "
    after = text[end] if end < len(text) and _is_word(key[-1]) else " "
    return not _is_word(before) and not _is_word(after)


def _is_word(character: str) -> bool:
    return character.isalnum() or character == "_"

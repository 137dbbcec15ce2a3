"""Text helpers for extraction: offset-preserving normalisation, phrase matching, clauses."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..schema import Language

_SAME_LENGTH = str.maketrans({"-": " ", "_": " ", "\u2019": "'", "\u2018": "'", "\u2010": " ", "\u2011": " "})
SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n\s*\n")


def normalise(text: str) -> str:
    """Lower-case with hyphens as spaces, keeping every character at its offset."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters (İ) lower-case to two
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered.translate(_SAME_LENGTH)


def taken_by(mentions, length: int, weak=lambda mention: False) -> bytearray:
    """Which characters of a text of `length` the mentions cover: 1, or 2 where `weak(mention)`."""
    taken = bytearray(length + 1)
    for mention in mentions:
        taken[mention.start : mention.end] = (b"\x02" if weak(mention) else b"\x01") * (mention.end - mention.start)
    return taken


def count_said(phrase: str, text: str) -> int:
    """How often `phrase` stands in `text` with no word character before or after it, as a
    regex of it between word boundaries counts, found by str.find: no regex to compile per name."""
    count, at = 0, text.find(phrase)
    while at >= 0 and phrase:
        end = at + len(phrase)
        if not (at and is_word(text[at - 1])) and not (end < len(text) and is_word(text[end])):
            count += 1
            at = text.find(phrase, end)
        else:
            at = text.find(phrase, at + 1)
    return count


def is_word(character: str) -> bool:
    return character.isalnum() or character == "_"


def normalise_phrase(phrase: str) -> str:
    return " ".join(normalise(phrase).split())


def phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str] | None:
    """One regex that finds any of `phrases` on word boundaries, longest first."""
    return _phrase_pattern(tuple(phrases))


@lru_cache(maxsize=1024)  # the same word lists are wanted for every document
def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    unique = sorted({normalise_phrase(p) for p in phrases if p.strip()}, key=len, reverse=True)
    if not unique:
        return None
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in unique)
    first_letters = "".join(sorted({re.escape(p[0]) for p in unique}))  # lets the engine skip ahead to one
    return re.compile(rf"(?=[{first_letters}])(?<![\w'])(?:{body})(?![\w])")


@dataclass(frozen=True)
class Clause:
    start: int
    end: int


def is_punctuated(text: str, language: Language) -> bool:
    words = len(text.split())
    if not words:
        return False
    return len(_sentence_ends(text)) * 100 / words >= language.punctuated_min_per_100_words


def clauses(text: str, language: Language, lowered: str | None = None, punctuated: bool | None = None) -> list[Clause]:
    """Sentences where the text is punctuated; otherwise clauses cut at discourse markers and length."""
    lowered = lowered if lowered is not None else normalise(text)
    if punctuated if punctuated is not None else is_punctuated(text, language):
        cuts = list(_sentence_ends(text))
    else:
        cuts = _marker_cuts(lowered, language)
    spans, start = [], 0
    for cut in sorted(set(cuts)) + [len(text)]:
        if cut > start:
            spans.extend(_split_long(text, start, cut, language.clause_max_words))
            start = cut
    return [Clause(s, e) for s, e in spans if text[s:e].strip()]


@lru_cache(maxsize=2)  # a document's are wanted twice: is it punctuated, and its sentences
def _sentence_ends(text: str) -> tuple[int, ...]:
    return tuple(match.end() for match in SENTENCE_END.finditer(text))


def _marker_cuts(lowered: str, language: Language) -> list[int]:
    pattern = phrase_pattern(language.clause_markers)
    if pattern is None:
        return []
    cuts, last = [], 0
    for match in pattern.finditer(lowered):
        if len(lowered[last : match.start()].split()) >= language.clause_min_words:
            cuts.append(match.start())
            last = match.start()
    return cuts


def _split_long(text: str, start: int, end: int, max_words: int) -> list[tuple[int, int]]:
    if len(text[start:end].split()) <= max_words:  # most clauses: counted in C
        return [(start, end)]
    words = [m.start() + start for m in re.finditer(r"\S+", text[start:end])]
    cuts = words[max_words::max_words]
    bounds = [start, *cuts, end]
    return list(zip(bounds, bounds[1:]))

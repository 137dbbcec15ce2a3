"""Where a fact was said: the span an extractor quotes and the Evidence it records, the same
for every extractor."""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import Document, Evidence

QUOTE_LIMIT = 400
"""At most about two sentences: a longer stretch is quoted around the fact."""
NAME_LEAD = 60
"""How much of the words after a name far before the quote leads it."""
SENTENCE_END = re.compile(r"[.!?][\"')\]]*\s+")


def quoted(document: Document, start: int, end: int) -> Evidence:
    """The words from `start` to `end`, quoted whole, with the second they were said at."""
    return _evidence(document, start, end, _words(document.text[start:end]))


def quoted_within(document: Document, first: int, last: int, start: int, end: int) -> Evidence:
    """The stretch from `first` to `last` (the clauses holding a fact found from `start` to `end`);
    one longer than the quote limit is quoted around the fact, starting at a sentence or at least a
    word, or as its two ends joined by an ellipsis, so both names stay in the quote."""
    text = document.text
    if last - first <= QUOTE_LIMIT:
        return quoted(document, first, last)
    if end - start <= QUOTE_LIMIT:
        room = QUOTE_LIMIT - (end - start)
        begin = _word_start(text, max(first, start - room // 2), start)
        begin = _sentence_start(text, begin, start)
        stop = _word_end(text, min(last, begin + QUOTE_LIMIT), end)
        return quoted(document, begin, stop)
    quarter = QUOTE_LIMIT // 4
    begin, stop = _word_start(text, max(first, start - quarter), start), _word_end(text, min(last, end + quarter), end)
    head_end = _word_end(text, start + quarter, start + 1)
    tail_start = _word_start(text, end - quarter, end - 1)
    return _evidence(document, begin, stop, _words(text[begin:head_end]) + " … " + _words(text[tail_start:stop]))


def led_by_name(document: Document, evidence: Evidence, name_start: int, name_end: int) -> Evidence:
    """The quote of a fact a pronoun says, led by where the name it stands for was said before
    ("OpenAI has been really clear on … They added their o3 model"), so the quote shows who."""
    text = document.text
    stop = _word_end(text, min(len(text), name_end + NAME_LEAD), name_end)
    return replace(evidence, quote=_words(text[name_start:stop]) + " … " + evidence.quote)


def _word_start(text: str, position: int, limit: int) -> int:
    """`position`, moved forward (never past `limit`) to the start of a word if it falls inside one."""
    while 0 < position < limit and not text[position - 1].isspace():
        position += 1
    return position


def _word_end(text: str, position: int, limit: int) -> int:
    """`position`, moved back (never before `limit`) to the end of a word if it falls inside one."""
    while limit < position < len(text) and not text[position].isspace():
        position -= 1
    return position


def _sentence_start(text: str, position: int, limit: int) -> int:
    """The first sentence start from `position` up to `limit`, else `position`."""
    match = SENTENCE_END.search(text, position, limit)
    return match.end() if match else position


def _evidence(document: Document, start: int, end: int, quote: str) -> Evidence:
    second, estimated = document.second_at(start)
    return Evidence(document.id, start, end, quote, second, estimated)


def _words(text: str) -> str:
    return " ".join(text.split())

"""Where a fact was said: the span an extractor quotes and the Evidence it records, the same
for every extractor."""

from __future__ import annotations

from ..model import Document, Evidence

QUOTE_LIMIT = 300


def quoted(document: Document, start: int, end: int) -> Evidence:
    """The words from `start` to `end`, quoted whole, with the second they were said at."""
    return _evidence(document, start, end, _words(document.text[start:end]))


def quoted_within(document: Document, first: int, last: int, start: int, end: int) -> Evidence:
    """The stretch from `first` to `last` (the clauses holding a fact found from `start` to `end`);
    one longer than the quote limit is quoted around the fact, or as its two ends joined by an
    ellipsis, so both names stay in the quote."""
    text = document.text
    if last - first <= QUOTE_LIMIT:
        return quoted(document, first, last)
    if end - start <= QUOTE_LIMIT:
        middle = (start + end) // 2
        return quoted(document, max(first, middle - QUOTE_LIMIT // 2), min(last, middle + QUOTE_LIMIT // 2))
    quarter = QUOTE_LIMIT // 4
    first, last = max(first, start - quarter), min(last, end + quarter)
    return _evidence(
        document, first, last, _words(text[first : start + quarter]) + " … " + _words(text[end - quarter : last])
    )


def _evidence(document: Document, start: int, end: int, quote: str) -> Evidence:
    second, estimated = document.second_at(start)
    return Evidence(document.id, start, end, quote, second, estimated)


def _words(text: str) -> str:
    return " ".join(text.split())

"""Ways of making money no list has, named by the words of money around them (schema/language.yaml:
open_revenue_streams): "our licensing business", "service revenues", "ticket sales", "revenue from
sponsorships". A stream the name list has under that name is that one ("subscription revenue" is
Subscriptions)."""

from __future__ import annotations

import re

from ..model import Entity, Mention
from ..schema import Schema
from .mentions import Gazetteer
from .phrases import PhraseMatcher, Squeezed
from .text import normalise_phrase, phrase_pattern, taken_by

WORD = re.compile(r"[a-z][a-z']*")
LAST_WORD = re.compile(r"([a-z][a-z'-]*)[ \t]+$")
GAP = re.compile(r"[ \t]+")  # words of one name: no punctuation between them
STREAM = "RevenueStream"
LIST_JOINER = re.compile(r",? (?:and |or )?|, ")
LISTED = 4
HEAD, OWNED, OPENER = "head", "owned", "opener"
"""What a word of money is: a head a stream's words stand before ("ticket sales"), one they stand
before after an owner ("our licensing business"), or one they stand after ("revenue from")."""


class StreamFinder:
    def __init__(self, schema: Schema, gazetteer: Gazetteer):
        config = schema.language.open_revenue_streams
        self.gazetteer = gazetteer
        self.max_words = config.max_words
        self.named_with_head = frozenset(config.named_with_head)
        self.dropped_endings = frozenset(config.dropped_endings)
        self.not_endings = config.not_endings
        self.not_after_heads = phrase_pattern(config.not_after_heads)
        self.not_streams = (
            frozenset(config.not_streams)
            | frozenset(schema.common_words[: config.common_rank])
            | frozenset(schema.language.fillers)  # "uh sales"
        )
        self.owners = frozenset(config.owners)
        self.heads = frozenset(config.heads)
        kinds = [(p, HEAD) for p in config.heads] + [(p, OWNED) for p in config.owned_heads]
        self.cues = PhraseMatcher(kinds + [(p, OPENER) for p in config.openers])

    def find(self, text: str, lowered: str, squeezed: Squeezed, known: list[Mention]) -> list[Mention]:
        """One pass for the words of money; the few places they stand are read around."""
        taken = taken_by(known, len(lowered))
        found: list[Mention] = []
        for start, end, _, kinds in self.cues.find(squeezed):
            for kind in set(kinds):
                if kind == OPENER:
                    found.extend(self._listed_after(text, lowered, taken, end))
                elif not self._not_the_end(lowered, end):
                    words = self._words_before(lowered, start, kind == OWNED)
                    if words:
                        found.extend(self._stream(text, taken, words[0][0], words[-1][1], lowered[start:end]))
        return found

    def _listed_after(self, text: str, lowered: str, taken: bytearray, position: int) -> list[Mention]:
        """The streams named after an opener: "money from sponsorships, media rights and tickets"."""
        found: list[Mention] = []
        last = False
        for _ in range(LISTED):
            words = self._words_after(lowered, position)
            if not words:
                break
            following = WORD.match(lowered, words[-1][1] + 1)
            if following is None or following.group(0) not in self.heads:  # "drug sales": the head names it
                found.extend(self._stream(text, taken, words[0][0], words[-1][1], ""))
            joiner = LIST_JOINER.match(lowered, words[-1][1])
            if joiner is None or last:
                break
            last = "and" in joiner.group(0) or "or" in joiner.group(0)  # "and payments" ends the list
            position = joiner.end() - 1
        return found

    def _words_before(self, lowered: str, end: int, owned: bool) -> list[tuple[int, int]]:
        """The words that name a stream right before its head word ("digital media segment
        revenue"): at most max_words besides dropped endings, none a word of not_streams; after an
        owner ("our", "'s") only where the head is one of owned_heads."""
        words: list[tuple[int, int]] = []
        position = end
        while len(words) <= self.max_words:
            found = LAST_WORD.search(lowered, max(0, position - 40), position)
            if found is None or not self._stream_word(found.group(1)) or found.group(1) in self.owners:
                break
            words.insert(0, found.span(1))
            position = found.start(1)
        while words and lowered[words[-1][0] : words[-1][1]] in self.dropped_endings:
            words.pop()
        words = words[-self.max_words :] if self.max_words else []
        if owned and not self._owned(lowered, words[0][0] if words else end):
            return []
        return words

    def _not_the_end(self, lowered: str, end: int) -> bool:
        """Whether the words go on past a head ("our business model", "their data business pipeline")."""
        return self.not_after_heads is not None and self.not_after_heads.match(lowered, end + 1) is not None

    def _stream_word(self, word: str) -> bool:
        """No word of not_streams, no possessive and none of not_endings ("achieved", "highest")."""
        return word not in self.not_streams and not word.endswith(("'s", *self.not_endings))

    def _owned(self, lowered: str, start: int) -> bool:
        before = re.search(r"([a-z][a-z'\u2019-]*)[ \t]+$", lowered[max(0, start - 40) : start])
        return before is not None and (before.group(1) in self.owners or before.group(1).endswith(("'s", "\u2019s")))

    def _words_after(self, lowered: str, start: int) -> list[tuple[int, int]]:
        """The words that name a stream after "revenue from", "money from": a determiner skipped,
        up to a word of not_streams or punctuation."""
        words: list[tuple[int, int]] = []
        position = start
        while len(words) < self.max_words:
            gap = GAP.match(lowered, position)
            match = WORD.match(lowered, gap.end()) if gap is not None else None
            if match is None:
                break
            if not self._stream_word(match.group(0)):
                if words or match.group(0) not in self.owners | {"the", "a", "an"}:
                    break
                position = match.end()
                continue
            words.append(match.span())
            position = match.end()
        return words

    def _stream(self, text: str, taken: bytearray, start: int, end: int, head: str) -> list[Mention]:
        """A mention of the stream the words name; one said before "sales" is named with it
        ("ticket sales" is Ticket sales)."""
        if any(taken[start:end]):
            return []
        spoken = normalise_phrase(text[start:end])
        head = normalise_phrase(head)
        head = head if head in self.named_with_head else head[:-1]  # "service revenues": Service revenue
        name = f"{spoken} {head}" if head in self.named_with_head else spoken
        listed = self.gazetteer.entity_named(name) or self.gazetteer.entity_named(spoken)
        if listed is not None and listed.type != STREAM:
            return []
        return [Mention(start, end, text[start:end], listed or Entity(name[0].upper() + name[1:], STREAM), "stream")]

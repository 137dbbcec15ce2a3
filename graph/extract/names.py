"""Names no list has: recurring capitalised words in punctuated text, typed by the cue
words around them (schema/language.yaml: unknown_names), and people's names ("Jack Dorsey":
a given name from schema/first_names.txt and a surname), which count even when said once."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from ..model import Mention
from ..schema import Schema
from .text import phrase_pattern
from .variants import ListedNames, one_entity_each

CAPITALISED = re.compile(r"\b[A-Z][A-Za-z0-9&'\u2019-]*(?:[ \t]+[A-Z][A-Za-z0-9&'\u2019-]*)*")
SENTENCE_START = re.compile(r"(?:^|[.!?:\"\u201c]\s*|\n\s*)$")
ACRONYM = re.compile(r"[A-Z0-9&]{1,5}s?")
MODEL_NUMBER = re.compile(r"[A-Z]{1,3}\d{2,4}[A-Z]{0,2}")  # chips and protocols: H100, MI455X, GB200, X42
LETTER_SHAPED = re.compile(r"[A-Z]-[a-z]+")
CONTEXT = 30


class NameFinder:
    def __init__(self, schema: Schema):
        config = schema.language.unknown_names
        self.min_count = int(config.get("min_count", 2))
        self.common = frozenset(schema.common_words[: int(config.get("common_rank", 20000))])
        self.default_type = config.get("default_type", "Company")
        self.first_names = schema.first_names
        self.very_common = very_common_words(schema)
        self.listed = ListedNames(schema.entries)
        self.cues = {
            etype: (phrase_pattern(sides.get("before", [])), phrase_pattern(sides.get("after", [])))
            for etype, sides in (config.get("type_cues") or {}).items()
        }

    def find(self, text: str, lowered: str, known: list[Mention]) -> list[Mention]:
        taken = bytearray(len(text) + 1)
        for mention in known:
            taken[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
        spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for match in CAPITALISED.finditer(text):
            start, end, name = match.start(), match.end(), match.group(0).rstrip("'\u2019-")
            if not self._person_like(name, common_given_name=False):  # "Brian Armstrong said" may start a sentence
                start, end, name = self._trim(text, start, end)
            if name and not any(taken[start:end]) and self._name_like(name):
                spans[name].append((start, end))
        kept: dict[str, tuple[list[tuple[int, int]], str]] = {}
        for name, places in spans.items():
            person = self._person_like(name)
            if (len(places) < self.min_count and not person) or self._said_lowercase(name, lowered, len(places)):
                continue
            kept[name] = places, self._type(lowered, places, "Person" if person else self.default_type)
        said: Counter[tuple[str, str]] = Counter()
        for name, (places, etype) in kept.items():
            said[_clean_name(name), etype] += len(places)
        entities = one_entity_each(said, self.listed)  # "Sam Elman" is Sam Altman, "Ralph Wigum" Ralph Wiggum
        return [
            Mention(s, e, text[s:e], entities[_clean_name(name), etype], "capitalised")
            for name, (places, etype) in kept.items()
            for s, e in places
        ]

    @staticmethod
    def _trim(text: str, start: int, end: int) -> tuple[int, int, str]:
        """Drop a first word that only starts a sentence ("So Manus" → "Manus")."""
        if SENTENCE_START.search(text, max(0, start - 3), start):
            rest = re.match(r"\S+[ \t]+", text[start:end])
            if rest is None:
                return start, end, ""
            start += rest.end()
        return start, end, text[start:end].rstrip("'\u2019-")

    def _name_like(self, name: str) -> bool:
        words = name.split()
        if len(words) > 4 or all(ACRONYM.fullmatch(w) and not MODEL_NUMBER.fullmatch(w) for w in words):
            return False
        if LETTER_SHAPED.fullmatch(words[0]):  # "U-shaped", "T-shirt", "X-ray"
            return False
        if all(w.lower().strip("'\u2019") in self.common for w in words):
            return False
        return not any(w in ("I", "I'm", "I've", "I'd", "I'll") for w in words)

    def _person_like(self, name: str, common_given_name: bool = True) -> bool:
        """A given name, perhaps an initial, and a surname of letters that is no very common word;
        without `common_given_name`, a given name that is also a very common word ("So", "Will") is not."""
        given = name.split(None, 1)[0].lower() if name else ""
        if given not in self.first_names:  # most capitalised words: no person, known at once
            return False
        words = _clean_name(name).split()
        middle_initial = len(words) == 3 and len(words[1].rstrip(".")) == 1
        return (
            (len(words) == 2 or middle_initial)
            and (common_given_name or given not in self.very_common)
            and words[-1].replace("-", "").isalpha()
            and not words[-1].isupper()
            and words[-1].lower() not in self.very_common
        )

    @staticmethod
    def _said_lowercase(name: str, lowered: str, capitalised: int) -> bool:
        total = len(re.findall(r"(?<!\w)" + re.escape(name.lower()) + r"(?!\w)", lowered))
        return total - capitalised > capitalised

    def _type(self, lowered: str, places: list[tuple[int, int]], default: str) -> str:
        votes: Counter[str] = Counter()
        for start, end in places:
            before, after = lowered[max(0, start - CONTEXT) : start], lowered[end : end + CONTEXT]
            for etype, (before_cue, after_cue) in self.cues.items():
                if before_cue is not None and before_cue.search(before):
                    votes[etype] += 1
                if after_cue is not None and after_cue.search(after):
                    votes[etype] += 1
        return votes.most_common(1)[0][0] if votes else default


def very_common_words(schema: Schema) -> frozenset[str]:
    """Words too common to be a surname or a given name said alone (language.yaml: surname_rank)."""
    return frozenset(schema.common_words[: int(schema.language.unknown_names.get("surname_rank", 3000))])


def _clean_name(name: str) -> str:
    return re.sub(r"['\u2019]s$", "", " ".join(name.split()))

"""When two names are one: caption spellings of a name no list has ("Ralph Wiggum", "Ralph Wigum",
"Ralph Waggum"), and of a name the list has ("Sam Elmen" for the listed alias "Sam Elman").

Two names are spellings of one when they have as many words, at least one of them the same (or,
for a name of one word, a long one), and every other word sounds the same (its metaphone code)
and is spelled nearly the same (edit similarity). The guards keep different people and things
apart: a short word ("Jon", "Chen") or a word with digits ("GPT-5.1") must be the same, so "Mark
Chen" and "Mark Chan", "Sam Altman" and "Sam Harris", "Dario Amodei" and "Daniela Amodei" stay
two. Types are the caller's guard: only names of one type are compared.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from functools import lru_cache

import jellyfish
from rapidfuzz import fuzz

from ..model import Entity
from ..schema import GazetteerEntry

MIN_WORD = 4  # letters of a word that may be spelled two ways
MIN_SINGLE_NAME = 6  # letters of a name of one word that may be
MIN_SIMILARITY = 80  # fuzz.ratio of the two spellings of a word
WORD = re.compile(r"[^\W_]+")
POSSESSIVE = re.compile(r"['\u2019]s\b")

Words = tuple[str, ...]


@lru_cache(maxsize=65536)
def words(name: str) -> Words:
    """A name's words, lower-cased, accents and possessives dropped: "Tobi Lütke's" → ("tobi", "lutke")."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return tuple(WORD.findall(POSSESSIVE.sub("", folded.casefold())))


@lru_cache(maxsize=65536)
def sound_key(name: str) -> Words:
    """What two spellings of one name share: each word's metaphone code (a word with digits as it is)."""
    return tuple(word if not word.isalpha() else jellyfish.metaphone(word) for word in words(name))


def same_name(first: str, second: str) -> bool:
    """Whether `first` and `second` are spellings of one name (see the module's guards)."""
    a, b = words(first), words(second)
    if a == b:
        return bool(a)
    if len(a) != len(b) or sound_key(first) != sound_key(second):
        return False
    if len(a) == 1 and min(len(a[0]), len(b[0])) < MIN_SINGLE_NAME:
        return False
    if len(a) > 1 and not any(x == y for x, y in zip(a, b)):
        return False
    return all(x == y or _spelled_alike(x, y) for x, y in zip(a, b))


def _spelled_alike(x: str, y: str) -> bool:
    return x.isalpha() and y.isalpha() and min(len(x), len(y)) >= MIN_WORD and fuzz.ratio(x, y) >= MIN_SIMILARITY


def canonical_spellings(counts: Mapping[str, int]) -> dict[str, str]:
    """Each name's spelling of choice among `counts` (name: how often said): the most often said
    of the names it is one with (then the first in alphabetical order). A name joins a more
    frequent one only if it is a spelling of that one itself, so no chain of small differences
    ("Wiggum" ~ "Waggum" ~ "Waggam") links names far apart."""
    chosen: dict[str, str] = {}
    by_key: dict[Words, list[str]] = {}
    for name in sorted(counts, key=lambda n: (-counts[n], n)):
        same_sound = by_key.setdefault(sound_key(name), [])
        chosen[name] = next((c for c in same_sound if same_name(name, c)), name)
        if chosen[name] == name:
            same_sound.append(name)
    return chosen


class ListedNames:
    """The names and aliases of the name list, to find the listed entity a name no list matched
    is a spelling of. Ambiguous aliases of one word are left out: they are words, which the list
    takes for names only with their context ("sam", "notion")."""

    def __init__(self, entries: Iterable[GazetteerEntry]):
        self.by_key: dict[Words, list[tuple[str, Entity]]] = {}
        for entry in entries:
            entity = entry.entity
            spellings = {entity.name, *entity.aliases}
            spellings.update(a for a in entry.ambiguous_aliases if len(words(a)) > 1)
            for spelling in spellings:
                if words(spelling):
                    self.by_key.setdefault(sound_key(spelling), []).append((spelling, entity))

    def entity(self, name: str, entity_type: str) -> Entity | None:
        """The one listed entity of `entity_type` (main or other) that `name` spells, or None. A
        name with digits is no spelling of a listed one: a model family's version said in full
        ("GPT-5.1") is a model of its own (graph.extract.versions) even where the list has it as
        an alias of the family."""
        if not all(word.isalpha() for word in words(name)):
            return None
        candidates = [(s, e) for s, e in self.by_key.get(sound_key(name), []) if e.is_a(entity_type)]
        found = {e for s, e in candidates if words(s) == words(name)} or {
            e for s, e in candidates if same_name(name, s)
        }
        return found.pop() if len(found) == 1 else None


def one_entity_each(said: Mapping[tuple[str, str], int], listed: ListedNames) -> dict[tuple[str, str], Entity]:
    """The entity of each (name, type) said so many times (in one transcript, or by so many
    documents): the listed one of its type that it spells, else one for all spellings of it among
    those of its type, under the spelling said most often (see `canonical_spellings`)."""
    found = {key: listed.entity(*key) for key in said}
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for (name, etype), times in said.items():
        if found[name, etype] is None:
            counts[etype][name] += times
    spelling = {etype: canonical_spellings(names) for etype, names in counts.items()}
    return {(name, etype): found[name, etype] or Entity(spelling[etype][name], etype) for name, etype in said}

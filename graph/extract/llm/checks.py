"""Check each triple an LLM returned before it becomes an Assertion.

A triple is kept only when its predicate and types are in the schema and fit the
relation's domain and range, its subject and object resolve (through the same gazetteer
and fuzzy matcher as the rules) to entities the passage names, its quote is found in the
passage, and both ends are named in or near the quote (the relation's cue window), so a
quote cannot carry a fact about names said elsewhere. Anything else raises
:class:`Dropped` with the reason the build counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from ...model import Assertion, Document, Entity, Mention
from ...schema import Relation, Schema
from ..evidence import quoted
from ..mention_stage import MentionStage
from ..text import normalise, normalise_phrase, phrase_pattern
from .prompt import TRIPLE_FIELDS

MALFORMED = "malformed triple"
UNKNOWN_PREDICATE = "predicate not in schema"
TYPE_NOT_ALLOWED = "type not allowed"
ENTITY_NOT_IN_TEXT = "entity not in text"
QUOTE_NOT_IN_TEXT = "quote not in text"
CONTRADICTS_GAZETTEER = "contradicts gazetteer"
SAME_ENTITY = "subject is object"
FAR_FROM_QUOTE = "entity far from quote"

QUOTE_MIN_WORDS = 3
QUOTE_MAX_WORDS = 80
QUOTE_MIN_SIMILARITY = 90  # rapidfuzz partial ratio of the quote to its best place in the passage
POSSESSIVE = re.compile(r"['\u2019]s$")
COMMON_RANK = 20000


class Dropped(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Passage:
    """One chunk of a document, with the mentions the gazetteer found in it."""

    document: Document
    start: int
    end: int
    mentions: tuple[Mention, ...]

    @property
    def text(self) -> str:
        return self.document.text[self.start : self.end]


@dataclass
class NewNames:
    """Names no list has that the LLM found in one document: one Entity per name, with its mentions."""

    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)

    def add(self, key: str, name: str, entity_type: str, passage: Passage, span: tuple[int, int]) -> Entity:
        """`span`: where the document names it."""
        entity = self.entities.setdefault(key, Entity(name, entity_type))
        start, end = span
        if not any(m.start == start for m in self.mentions):
            self.mentions.append(Mention(start, end, passage.document.text[start:end], entity, "llm"))
        return entity


class TripleChecker:
    def __init__(self, schema: Schema, mention_stage: MentionStage, extractor: str):
        self.schema = schema
        self.mention_stage = mention_stage
        self.extractor = extractor
        rank = int(schema.language.unknown_names.get("common_rank", COMMON_RANK))
        self.common = frozenset(schema.common_words[:rank]) | schema.language.common_words
        language = schema.language
        self.hedge = phrase_pattern(language.hedges)
        self.prediction = phrase_pattern(language.predictions)

    def check(self, triple: object, passage: Passage, names: NewNames) -> Assertion:
        """The triple as an Assertion, or Dropped with the reason."""
        if not isinstance(triple, dict) or not all(isinstance(triple.get(f), str) for f in TRIPLE_FIELDS):
            raise Dropped(MALFORMED)
        relation = self.schema.relations.get(triple["predicate"])
        if relation is None:
            raise Dropped(UNKNOWN_PREDICATE)
        if triple["subject_type"] not in relation.subject_types or triple["object_type"] not in relation.object_types:
            raise Dropped(TYPE_NOT_ALLOWED)
        subject, subject_places = self._entity(triple["subject"], triple["subject_type"], passage, names)
        obj, object_places = self._entity(triple["object"], triple["object_type"], passage, names)
        self._fits(relation, subject, obj)
        start, end, similarity = self._quote(triple["quote"], passage)
        for places in (subject_places, object_places):
            if not any(s < end + relation.window and e > start - relation.window for s, e in places):
                raise Dropped(FAR_FROM_QUOTE)
        return self._assertion(relation, subject, obj, passage.document, start, end, similarity)

    # --- names -------------------------------------------------------------------------
    def _entity(self, name: str, declared_type: str, passage: Passage, names: NewNames) -> tuple[Entity, list]:
        """The entity a name stands for, and the (start, end) places in the document where the
        passage names it."""
        key = _key(name)
        if not key:
            raise Dropped(ENTITY_NOT_IN_TEXT)
        spans = [(passage.start + s, passage.start + e) for s, e in _find_all(normalise(passage.text), key)]
        entity = next((m.entity for m in passage.mentions if key in (_key(m.text), _key(m.entity.name))), None)
        entity = entity or self.mention_stage.gazetteer.entity_named(key) or self._fuzzy(key)
        if entity is None:
            if not spans or all(word in self.common for word in key.split()):
                raise Dropped(ENTITY_NOT_IN_TEXT)
            entity = names.add(key, " ".join(name.split()), declared_type, passage, spans[0])
        places = spans + [(m.start, m.end) for m in passage.mentions if m.entity == entity]
        if not places:
            raise Dropped(ENTITY_NOT_IN_TEXT)
        return entity, places

    def _fuzzy(self, key: str) -> Entity | None:
        words = tuple(key.split())
        return self.mention_stage.fuzzy.lookup(words) if 1 <= len(words) <= 2 else None

    def _fits(self, relation: Relation, subject: Entity, obj: Entity) -> None:
        """Domain and range by the entities' own types (the gazetteer's, not the LLM's), and the
        facts the gazetteer already knows."""
        if subject == obj:
            raise Dropped(SAME_ENTITY)
        if not subject.is_a(relation.subject_types) or not obj.is_a(relation.object_types):
            raise Dropped(TYPE_NOT_ALLOWED)
        if relation.strict_object and obj.type not in relation.object_types:
            raise Dropped(TYPE_NOT_ALLOWED)
        entry = self.schema.entry(obj.name)
        if relation is self.schema.maker_relation and entry is not None and entry.developer not in (None, subject.name):
            raise Dropped(CONTRADICTS_GAZETTEER)

    # --- the quote ---------------------------------------------------------------------
    def _quote(self, quote: str, passage: Passage) -> tuple[int, int, float]:
        """Where the quote stands in the document, and how closely (100 = word for word)."""
        folded_quote, _ = fold(quote)
        words = len(folded_quote.split())
        folded_text, offsets = fold(passage.text)
        if not QUOTE_MIN_WORDS <= words <= QUOTE_MAX_WORDS or len(folded_quote) > len(folded_text):
            raise Dropped(QUOTE_NOT_IN_TEXT)
        index = folded_text.find(folded_quote)
        if index >= 0:
            first, last, similarity = index, index + len(folded_quote), 100.0
        else:
            found = fuzz.partial_ratio_alignment(folded_quote, folded_text, score_cutoff=QUOTE_MIN_SIMILARITY)
            if found is None or found.dest_end <= found.dest_start:
                raise Dropped(QUOTE_NOT_IN_TEXT)
            first, last, similarity = found.dest_start, found.dest_end, found.score
        return passage.start + offsets[first], passage.start + offsets[last - 1] + 1, similarity

    def _assertion(
        self,
        relation: Relation,
        subject: Entity,
        obj: Entity,
        document: Document,
        start: int,
        end: int,
        similarity: float,
    ) -> Assertion:
        evidence = quoted(document, start, end)
        modality = self._modality(normalise(evidence.quote))
        factor = self.schema.language.modality_confidence.get(modality, 1.0)
        return Assertion(
            subject=subject,
            predicate=relation.name,
            object=obj,
            confidence=round(relation.confidence * factor * similarity / 100, 3),
            evidence=evidence,
            extractor=self.extractor,
            modality=modality,
        )

    def _modality(self, lowered: str) -> str:
        if self.prediction is not None and self.prediction.search(lowered):
            return "predicted"
        if self.hedge is not None and self.hedge.search(lowered):
            return "hedged"
        return "stated"


def fold(text: str) -> tuple[str, list[int]]:
    """Lower-case letters and digits with every other run as one space, and each character's
    offset in `text`: captions and an LLM's copy of them differ in case and punctuation."""
    folded: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        if char.isalnum():
            lowered = char.lower()
            folded.append(lowered if len(lowered) == 1 else char)
            offsets.append(index)
        elif folded and folded[-1] != " ":
            folded.append(" ")
            offsets.append(index)
    if folded and folded[-1] == " ":
        folded.pop()
        offsets.pop()
    return "".join(folded), offsets


def _key(name: str) -> str:
    return POSSESSIVE.sub("", normalise_phrase(name))


def _find_all(lowered: str, key: str) -> list[tuple[int, int]]:
    pattern = r"(?<![\w])" + re.escape(key).replace(r"\ ", r"\s+") + r"(?![\w])"
    return [match.span() for match in re.finditer(pattern, lowered)]

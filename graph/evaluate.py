"""Score a graph against a gold file (the format of the gold-annotation guideline).

Names are compared lower-cased with every non-alphanumeric dropped, through the gold
file's aliases; symmetric relations match in either order; an object may be a list of
acceptable alternatives; optional triples neither reward nor penalise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from rdflib import RDF, RDFS, Graph
from rdflib.term import Node

from .errors import TalkgraphError
from .rdf import TG
from .schema import SafeLoader, Schema, default_schema

Triple = tuple[str, str, str]


def fold(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", str(name).lower())


@dataclass(frozen=True)
class GoldTriple:
    subjects: frozenset[str]
    predicate: str
    objects: frozenset[str]
    text: str
    symmetric: bool = False

    def matches(self, triple: Triple) -> bool:
        s, p, o = triple
        if p != self.predicate:
            return False
        if s in self.subjects and o in self.objects:
            return True
        return self.symmetric and o in self.subjects and s in self.objects


@dataclass
class Gold:
    canonical: dict[str, str]
    entities: dict[str, set[str]]  # folded name → allowed types
    triples: list[GoldTriple]
    optional: list[GoldTriple]
    schema: Schema
    """The vocabulary the gold file names its relations and entity types in."""

    def canon(self, name: str) -> str:
        key = fold(name)
        return self.canonical.get(key, key)


@dataclass
class Score:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 0.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        """Count `other`'s hits and misses in this score too (micro-averaging over files)."""
        self.true_positives += other.true_positives
        self.false_positives += other.false_positives
        self.false_negatives += other.false_negatives

    def line(self, name: str) -> str:
        return (
            f"{name}: P={self.precision:.2f} R={self.recall:.2f} F1={self.f1:.2f} "
            f"(tp={self.true_positives} fp={self.false_positives} fn={self.false_negatives})"
        )


@dataclass
class Evaluation:
    triples: Score
    entities: Score
    per_relation: dict[str, Score]
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    missed_entities: list[str] = field(default_factory=list)
    spurious_entities: list[str] = field(default_factory=list)

    def report(self) -> str:
        lines = ["per relation:"]
        lines += [f"  {self.per_relation[r].line(r)}" for r in sorted(self.per_relation)]
        lines += ["missed triples:"] + [f"  - {t}" for t in self.missed]
        lines += ["spurious triples:"] + [f"  - {t}" for t in self.spurious]
        lines += ["missed entities:"] + [f"  - {e}" for e in self.missed_entities]
        lines += ["spurious entities:"] + [f"  - {e}" for e in self.spurious_entities]
        lines += [self.triples.line("triples"), self.entities.line("entities")]
        return "\n".join(lines)

    def as_dict(self) -> dict[str, Any]:
        def score(s: Score) -> dict[str, float]:
            return {
                "precision": round(s.precision, 4),
                "recall": round(s.recall, 4),
                "f1": round(s.f1, 4),
                "tp": s.true_positives,
                "fp": s.false_positives,
                "fn": s.false_negatives,
            }

        return {
            "triples": score(self.triples),
            "entities": score(self.entities),
            "per_relation": {r: score(s) for r, s in sorted(self.per_relation.items())},
            "missed": self.missed,
            "spurious": self.spurious,
            "missed_entities": self.missed_entities,
            "spurious_entities": self.spurious_entities,
        }


def load_gold(path: str | Path, schema: Schema | None = None) -> Gold:
    """Read a gold file whose relations and entity types are those of `schema` (default: the default schema)."""
    path = Path(path)
    schema = schema or default_schema()
    try:
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise TalkgraphError(f"{path}: cannot read gold file ({str(error).splitlines()[0]})") from error
    if not isinstance(doc, dict) or not isinstance(doc.get("triples"), list):
        raise TalkgraphError(f"{path}: a gold file is a mapping with a 'triples' list; see the annotation guideline")
    canonical: dict[str, str] = {}
    for name, aliases in (doc.get("aliases") or {}).items():
        for alias in [name, *(aliases or [])]:
            canonical[fold(alias)] = fold(name)
    gold = Gold(canonical, {}, [], [], schema)
    for etype, names in (doc.get("entities") or {}).items():
        if etype not in schema.entity_types:
            raise TalkgraphError(f"{path}: entities.{etype} is not an entity type ({', '.join(schema.entity_types)})")
        for name in names or []:
            gold.entities.setdefault(gold.canon(name), set()).add(etype)
    gold.triples = [_gold_triple(t, gold, path) for t in doc["triples"]]
    gold.optional = [_gold_triple(t, gold, path) for t in doc.get("optional") or []]
    return gold


def _gold_triple(item: Any, gold: Gold, path: Path) -> GoldTriple:
    relations = gold.schema.relations
    if not isinstance(item, list) or len(item) != 3 or item[1] not in relations:
        raise TalkgraphError(
            f"{path}: triple {item!r} must be [subject, relation, object] with a known relation "
            f"of relations.yaml ({', '.join(relations)})"
        )

    def names(value: Any) -> frozenset[str]:
        return frozenset(gold.canon(v) for v in (value if isinstance(value, list) else [value]))

    return GoldTriple(
        names(item[0]), item[1], names(item[2]), f"{item[0]} {item[1]} {item[2]}", relations[item[1]].symmetric
    )


def predicted(graph: Graph, schema: Schema | None = None) -> tuple[set[tuple[str, str, str]], set[tuple[str, str]]]:
    """(subject label, predicate, object label) relation triples and (label, type) entities of a graph,
    for the relations and entity types of `schema` (default: the default schema)."""
    schema = schema or default_schema()
    labels = {s: str(o) for s, o in graph.subject_objects(RDFS.label)}
    types: dict[Node, str] = {TG[name]: name for name in schema.entity_types}
    triples: set[tuple[str, str, str]] = set()
    related: set[Node] = set()
    for name in schema.relations:
        for s, o in graph.subject_objects(TG[name]):
            if s in labels and o in labels:
                triples.add((labels[s], name, labels[o]))
                related.update((s, o))
    # the guideline lists a revenue stream (a type that is no entity on its own) only where a
    # triple uses it: one only a background fact names is not counted
    entities = {
        (labels[s], types[t])
        for s, t in graph.subject_objects(RDF.type)
        if t in types and s in labels and (types[t] in schema.standalone_types or s in related)
    }
    return triples, entities


def evaluate(graph: Graph, gold: Gold) -> Evaluation:
    triples, entities = predicted(graph, gold.schema)
    per_relation = {name: Score() for name in gold.schema.relations}
    total = Score()
    matched: set[int] = set()
    spurious = []
    for s_label, p, o_label in sorted(triples):
        triple = (gold.canon(s_label), p, gold.canon(o_label))
        hit = next((i for i, g in enumerate(gold.triples) if g.matches(triple)), None)
        if hit is not None:
            if hit not in matched:
                matched.add(hit)
                total.true_positives += 1
                per_relation[p].true_positives += 1
        elif not any(g.matches(triple) for g in gold.optional):
            total.false_positives += 1
            per_relation[p].false_positives += 1
            spurious.append(f"{s_label} {p} {o_label}")
    missed = [g.text for i, g in enumerate(gold.triples) if i not in matched]
    total.false_negatives = len(missed)
    for i, g in enumerate(gold.triples):
        if i not in matched:
            per_relation[g.predicate].false_negatives += 1
    entity_score, missed_entities, spurious_entities = _entity_score(entities, gold)
    return Evaluation(
        total,
        entity_score,
        {r: s for r, s in per_relation.items() if s.true_positives + s.false_positives + s.false_negatives},
        missed,
        spurious,
        missed_entities,
        spurious_entities,
    )


def _entity_score(entities: set[tuple[str, str]], gold: Gold) -> tuple[Score, list[str], list[str]]:
    score = Score()
    found: set[str] = set()
    spurious = []
    for label, etype in sorted(entities):
        key = gold.canon(label)
        if etype in gold.entities.get(key, ()):
            score.true_positives += 1
            found.add(key)
        else:
            score.false_positives += 1
            spurious.append(f"{label} ({etype})")
    missed = sorted(f"{name} ({'/'.join(sorted(types))})" for name, types in gold.entities.items() if name not in found)
    score.false_negatives = len(missed)
    return score, missed, spurious

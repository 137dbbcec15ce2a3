"""Counts for `talkgraph stats`: documents, entities by type, relations, most connected entities.

Relations are counted as the network page and the network exports draw them: one per relation triple,
a symmetric relation once per pair of entities however many directions the graph states."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

from rdflib import RDF, Dataset, Literal

from .export.edges import read_network, union
from .rdf import SDO, TG
from .schema import Schema, default_schema


@dataclass(frozen=True)
class Stats:
    documents: int
    claims: int
    """Claims the transcripts say (tg:basis "said"); background knowledge is counted apart."""
    entities: dict[str, int]
    relations: dict[str, int]
    most_connected: list[tuple[str, str, int]]
    background: int = 0
    """Facts of the name list the transcripts name both ends of without tying them (tg:basis "known")."""

    def report(self, top: int = 10) -> str:
        lines = [f"documents: {self.documents}", f"claims: {self.claims}"]
        lines += [f"background facts (not said): {self.background}", "entities by type:"]
        lines += [f"  {t:<14} {n}" for t, n in self.entities.items()]
        lines += [f"relations ({sum(self.relations.values())}; a symmetric one once per pair):"]
        lines += [f"  {r:<14} {n}" for r, n in self.relations.items()]
        lines += ["most connected:"]
        lines += [f"  {label} ({etype}): {degree}" for label, etype, degree in self.most_connected[:top]]
        return "\n".join(lines)

    def as_json(self, top: int = 10) -> str:
        """The same counts for a program: numbers as numbers, the most connected as objects."""
        most = [
            {"label": label, "type": etype, "relations": degree} for label, etype, degree in self.most_connected[:top]
        ]
        counts = {
            "documents": self.documents,
            "claims": self.claims,
            "background": self.background,
            "entities": self.entities,
            "relations": self.relations,
            "most_connected": most,
        }
        return json.dumps(counts, ensure_ascii=False, indent=2)


def document_count(dataset: Dataset) -> int:
    """The documents: videos, and transcripts of no known video."""
    return len(set(dataset.subjects(RDF.type, SDO.VideoObject)) | set(dataset.subjects(RDF.type, SDO.CreativeWork)))


def graph_stats(dataset: Dataset, schema: Schema | None = None) -> Stats:
    """Counts of the entity types and relations of `schema` (default: the default schema) in `dataset`."""
    schema = schema or default_schema()
    documents = document_count(dataset)
    known = set(dataset.subjects(TG.basis, Literal("known")))
    claims = len(set(dataset.subjects(RDF.type, TG.Claim)) - known)
    types = {}
    for etype in schema.entity_types:
        for entity in set(dataset.subjects(RDF.type, TG[etype])):
            types[entity] = etype
    entities = Counter(types.values())
    network = read_network(union(dataset), schema, fold_symmetric=True)  # as the page and the exports read it
    relations: Counter[str] = Counter()
    degree: Counter = Counter()
    for edge in network.edges.values():
        relations[edge.relation] += 1
        degree[edge.subject] += 1
        degree[edge.object] += 1
    ranked = sorted(degree, key=lambda e: (-degree[e], network.entities[e].label.casefold(), str(e)))
    most = [(network.entities[e].label, types.get(e, "?"), degree[e]) for e in ranked]
    return Stats(
        documents,
        claims,
        {t: entities[t] for t in schema.entity_types},
        {r: relations[r] for r in [*schema.relations, *sorted(set(relations) - set(schema.relations))] if relations[r]},
        most,
        len(known),
    )

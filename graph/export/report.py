"""What the static report tells: claims per month per relation, the most-cited entities and pairs,
and how chosen pairs' relations changed over time, counted from the entity network
(graph.export.edges) and the publish dates of the videos its claims come from.

A claim is counted once per video and quote (two extractors may find the same words); an entity or
a pair is "cited" by the videos with a claim about it, the measure the ranking uses.
The charts are graph.export.report_charts; the page and the files, graph.export.report_files.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from rdflib import URIRef
from rdflib.graph import Graph

from ..errors import TalkgraphError
from ..schema import Schema, default_schema
from .edges import Edge, Network, Videos, claim_link, read_network, union
from .network_select import find_entities
from .network_style import relation_style

DEFAULT_TOP = 15
End = frozenset[URIRef]  # the entities a name given for one end of a pair stands for


FORMATS = ("html", "png", "svg")
"""What a report is written as: one page, or one chart file each."""


@dataclass(frozen=True)
class DatedClaim:
    subject: str  # labels
    relation: str  # the relation's name, e.g. competesWith
    object: str
    date: str | None  # the video's publish date, YYYY-MM-DD
    quote: str
    confidence: float | None
    video: str  # its title
    link: str | None  # the video at the second the quote starts

    @property
    def month(self) -> str | None:
        return self.date[:7] if self.date else None


@dataclass(frozen=True)
class Cited:
    """An entity or a pair and the videos and claims about it."""

    label: str
    kind: str  # an entity's type; for a pair, its relations with their claims ("partner of 3, competes with 1")
    videos: int
    claims: int


@dataclass(frozen=True)
class PairHistory:
    first: str
    second: str
    claims: list[DatedClaim]  # in date order, the undated last

    @property
    def title(self) -> str:
        return f"{self.first} and {self.second}"

    @property
    def dated(self) -> list[DatedClaim]:
        return [claim for claim in self.claims if claim.date]


@dataclass(frozen=True)
class ReportData:
    videos: int  # videos with at least one claim
    claims: list[DatedClaim]
    entities: list[Cited]
    pairs: list[Cited]
    histories: list[PairHistory]
    relation_labels: dict[str, str] = field(default_factory=dict)  # relation name -> its label

    @property
    def dated(self) -> list[DatedClaim]:
        return [claim for claim in self.claims if claim.date]

    @property
    def span(self) -> tuple[str, str] | None:
        dates = sorted(claim.date for claim in self.dated if claim.date)
        return (dates[0], dates[-1]) if dates else None


def report_data(
    graph: Graph,
    *,
    pairs: Iterable[Sequence[str]] = (),
    top: int = DEFAULT_TOP,
    schema: Schema | None = None,
) -> ReportData:
    """The report's counts for `graph` (any rdflib Graph or Dataset; named graphs are read as one union).

    pairs: two names (label or alias) each, whose claims about each other the report follows over
    time; none: the most cited pair. top: how many entities and pairs to rank.
    Raises TalkgraphError for a name no entity has, or a pair no claim relates.
    """
    if top < 1:
        raise TalkgraphError(f"top must be at least 1, not {top}")
    schema = schema or default_schema()
    source = union(graph)
    network = read_network(source, schema, fold_symmetric=True)
    videos = Videos(source)
    claims = {key: _dated(network, edge, videos) for key, edge in network.edges.items()}
    by_entity, by_pair = _tallies(network, claims)
    entities = _ranked(by_entity, lambda iri: network.entities[iri].label.casefold())
    ranked_pairs = _ranked(by_pair, lambda pair: sorted(network.entities[iri].label.casefold() for iri in pair))
    chosen = [_resolve(network, names) for names in pairs] or [_by_label(network, pair) for pair, _ in ranked_pairs[:1]]
    labels = {name: relation_style(schema, name).label for name in {edge.relation for edge in network.edges.values()}}
    return ReportData(
        videos=len(set().union(*(edge.documents for edge in network.edges.values()))),
        claims=[claim for found in claims.values() for claim in found],
        entities=[_cited_entity(network, iri, tally) for iri, tally in entities[:top]],
        pairs=[_cited_pair(network, claims, pair, tally, labels) for pair, tally in ranked_pairs[:top]],
        histories=[_history(network, claims, first, second) for first, second in chosen],
        relation_labels=labels,
    )


def months_between(first: str, last: str) -> list[str]:
    """Every month (YYYY-MM) from `first` to `last`, both included."""
    year, month = int(first[:4]), int(first[5:7])
    months = []
    while (name := f"{year:04d}-{month:02d}") <= last[:7]:
        months.append(name)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def per_month(claims: Iterable[DatedClaim]) -> tuple[list[str], dict[str, list[int]]]:
    """The months from the first dated claim to the last, and for each relation its claims in each month."""
    counts: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for claim in claims:
        if claim.month:
            counts[claim.relation][claim.month] += 1
    seen = sorted(month for by_month in counts.values() for month in by_month)
    if not seen:
        return [], {}
    months = months_between(seen[0], seen[-1])
    return months, {relation: [by_month[m] for m in months] for relation, by_month in counts.items()}


# --- counting ------------------------------------------------------------------------------
def _dated(network: Network, edge: Edge, videos: Videos) -> list[DatedClaim]:
    subject, obj = network.entities[edge.subject].label, network.entities[edge.object].label
    found = []
    for claim in edge.distinct_claims():
        video = videos(claim.document)
        found.append(
            DatedClaim(
                subject,
                edge.relation,
                obj,
                video.date,
                claim.quote,
                claim.confidence,
                video.title,
                claim_link(claim, video),
            )
        )
    return found


@dataclass
class _Tally:
    """The videos with a claim about an entity or a pair, and those claims."""

    videos: set = field(default_factory=set)
    claims: int = 0


def _tallies(network: Network, claims: dict) -> tuple[dict[URIRef, _Tally], dict[frozenset, _Tally]]:
    entities: defaultdict[URIRef, _Tally] = defaultdict(_Tally)
    pairs: defaultdict[frozenset, _Tally] = defaultdict(_Tally)
    for key, edge in network.edges.items():
        tallies = [entities[iri] for iri in {edge.subject, edge.object}]
        if edge.subject != edge.object:
            tallies.append(pairs[frozenset((edge.subject, edge.object))])
        for tally in tallies:
            tally.videos |= edge.documents
            tally.claims += len(claims[key])
    return entities, pairs


def _ranked(tallies: dict, name: Callable) -> list[tuple]:
    """(key, tally) of those with a claim: the most videos first, then the most claims, then by name."""
    cited = [(key, tally) for key, tally in tallies.items() if tally.claims]
    return sorted(cited, key=lambda item: (-len(item[1].videos), -item[1].claims, name(item[0])))


def _cited_entity(network: Network, iri: URIRef, tally: _Tally) -> Cited:
    entity = network.entities[iri]
    return Cited(entity.label, entity.type, len(tally.videos), tally.claims)


def _cited_pair(network: Network, claims: dict, pair: frozenset, tally: _Tally, labels: dict[str, str]) -> Cited:
    first, second = sorted((network.entities[iri].label for iri in pair), key=str.casefold)
    relations: Counter[str] = Counter()
    for key, edge in network.edges.items():
        if {edge.subject, edge.object} == pair:
            relations[labels[edge.relation]] += len(claims[key])
    kinds = ", ".join(f"{label} {count}" for label, count in relations.most_common() if count)
    return Cited(f"{first} \u2014 {second}", kinds, len(tally.videos), tally.claims)


def _resolve(network: Network, names: Sequence[str]) -> tuple[End, End]:
    if len(names) != 2:
        raise TalkgraphError(f"a pair is two names, not {len(names)}: give --pair NAME NAME")
    first, second = (frozenset(find_entities(network.entities, name)) for name in names)
    if first & second:
        raise TalkgraphError(f"{names[0]!r} and {names[1]!r} name the same entity; give two different ones")
    return first, second


def _by_label(network: Network, pair: frozenset) -> tuple[End, End]:
    first, second = sorted(pair, key=lambda iri: network.entities[iri].label.casefold())
    return frozenset((first,)), frozenset((second,))


def _history(network: Network, claims: dict, first: End, second: End) -> PairHistory:
    found = [
        claim
        for (subject, _, obj), edge_claims in claims.items()
        if (subject in first and obj in second) or (subject in second and obj in first)
        for claim in edge_claims
    ]
    first_label, second_label = (network.entities[min(end, key=str)].label for end in (first, second))
    if not found:
        raise TalkgraphError(f"no claim relates {first_label} and {second_label}; try a pair the report ranks")
    found.sort(key=lambda claim: (claim.date is None, claim.date or "", claim.relation, claim.quote))
    return PairHistory(first_label, second_label, found)

"""How many of a graph's claims the videos really say: a sample of claims for a person to grade,
and the precision the graded sample shows.

`draw_sample` takes a uniform sample of all claims and, from the rest, up to N claims of each
relation, reproducibly by seed; `with_context` adds the transcript's words around each quote
(the text is not in the graph: the transcripts are read again and matched by document);
`sample_csv` writes them as CSV with empty `correct` and `quote_supports` columns, which a
grader fills with y or n. `read_graded` reads such a file back and `score` gives precision per
relation, for each sample and for the quotes, with 95% Wilson intervals.
"""

from __future__ import annotations

import csv
import io
import math
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from rdflib import Dataset

from .building.corpus import Changed, Identities, classify, discover
from .errors import TalkgraphError
from .query import safe_cell
from .rdf import ID, TG, document_iri
from .schema import Schema, load_schema
from .stores import GraphStore, open_store
from .stores.memory import MemoryStore

STRATIFIED, UNIFORM = "stratified", "uniform"
CONTEXT_CHARS = 600
Z_95 = 1.959964
GRADES = {"y": True, "n": False}
COLUMNS = (
    "sample",
    "claim",
    "subject",
    "relation",
    "object",
    "modality",
    "confidence",
    "document",
    "title",
    "published",
    "quote",
    "context",
    "link",
    "correct",
    "quote_supports",
)
CLAIMS = f"""
PREFIX tg: <{TG}>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
SELECT ?claim ?subject ?predicate ?object ?modality ?confidence ?document ?identifier ?title ?published
       ?quote ?start ?end ?link
WHERE {{
  ?claim a tg:Claim ; rdf:predicate ?predicate ; prov:wasDerivedFrom ?document ; tg:quote ?quote .
  ?claim rdf:subject ?s ; rdf:object ?o .
  OPTIONAL {{ ?s rdfs:label ?subjectLabel }} OPTIONAL {{ ?o rdfs:label ?objectLabel }}
  BIND(COALESCE(?subjectLabel, STR(?s)) AS ?subject) BIND(COALESCE(?objectLabel, STR(?o)) AS ?object)
  OPTIONAL {{ ?claim tg:modality ?modality }} OPTIONAL {{ ?claim tg:confidence ?confidence }}
  OPTIONAL {{ ?claim tg:charStart ?start }} OPTIONAL {{ ?claim tg:charEnd ?end }}
  OPTIONAL {{ ?claim tg:deepLink ?link }}
  OPTIONAL {{ ?document schema:identifier ?identifier }} OPTIONAL {{ ?document schema:name ?title }}
  OPTIONAL {{ ?document schema:datePublished ?published }}
}}"""


@dataclass(frozen=True)
class SampledClaim:
    """One claim of the sample, as the grader sees it."""

    sample: str  # stratified | uniform
    claim: str
    subject: str
    relation: str
    object: str
    modality: str
    confidence: str
    document: str  # the document's IRI
    identifier: str  # the video id, or the id the document's IRI was minted from
    title: str
    published: str
    quote: str
    start: int | None
    end: int | None
    link: str
    context: str = ""


def draw_sample(
    graph: str | Path | Dataset | GraphStore, *, per_relation: int, uniform: int, seed: int
) -> list[SampledClaim]:
    """`uniform` claims drawn at random from all claims, then up to `per_relation` of each
    relation's other claims: no claim twice, the same sample for the same graph and seed.
    Stratified rows come first, by relation, then the uniform ones."""
    claims = _claims(graph)
    chance = random.Random(seed)
    drawn = chance.sample(claims, min(uniform, len(claims)))
    taken = {c.claim for c in drawn}
    by_relation: dict[str, list[SampledClaim]] = {}
    for claim in claims:
        if claim.claim not in taken:
            by_relation.setdefault(claim.relation, []).append(claim)
    stratified = [
        replace(claim, sample=STRATIFIED)
        for relation in sorted(by_relation)
        for claim in chance.sample(by_relation[relation], min(per_relation, len(by_relation[relation])))
    ]
    return stratified + [replace(claim, sample=UNIFORM) for claim in drawn]


def _claims(graph: str | Path | Dataset | GraphStore) -> list[SampledClaim]:
    """Every claim once, in the order of their IRIs (whatever order the store answers in)."""
    if isinstance(graph, (str, Path)):
        store = open_store(graph, create=False)
        try:
            rows = store.select(CLAIMS).rows
        finally:
            store.close()
    else:
        rows = (MemoryStore(graph) if isinstance(graph, Dataset) else graph).select(CLAIMS).rows
    claims: dict[str, SampledClaim] = {}
    for row in sorted(rows, key=lambda r: tuple(v or "" for v in r)):
        claim, subject, predicate, obj, modality, confidence, document, identifier, title, published = row[:10]
        quote, start, end, link = row[10:]
        if claim is None or claim in claims:
            continue
        claims[claim] = SampledClaim(
            sample="",
            claim=claim,
            subject=subject or "",
            relation=_local_name(predicate or ""),
            object=obj or "",
            modality=modality or "",
            confidence=confidence or "",
            document=document or "",
            identifier=identifier or _local_name(document or ""),
            title=title or "",
            published=published or "",
            quote=quote or "",
            start=_integer(start),
            end=_integer(end),
            link=link or "",
        )
    return [claims[key] for key in sorted(claims)]


def _local_name(iri: str) -> str:
    return iri.rsplit("#", 1)[-1] if "#" in iri else iri.removeprefix(ID).rsplit("/", 1)[-1]


def _integer(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


# --- the words around each quote ------------------------------------------------------------
NOT_FOUND = "no context: transcript not found"
CHANGED = "no context: the transcript no longer holds the quote where the graph says (changed since the build?)"


def with_context(
    sample: Sequence[SampledClaim], transcripts: Iterable[str | Path], schema: Schema | None = None
) -> list[SampledClaim]:
    """The sample with the text around each quote, from the transcripts under `transcripts`
    (matched to the graph's documents as a build of them names them). Where there is none, the
    context says why in brackets: NOT_FOUND or CHANGED."""
    texts = _texts(transcripts, {claim.document for claim in sample}, schema or load_schema())
    rows = []
    for claim in sample:
        text = texts.get(claim.document)
        context = _context(text, claim) if text is not None else None
        reason = NOT_FOUND if text is None else CHANGED
        rows.append(replace(claim, context=context if context is not None else f"[{reason}]"))
    return rows


def missing_context(sample: Sequence[SampledClaim]) -> str | None:
    """One line on the documents whose rows have no context, or None."""
    documents = {c.identifier: c.context for c in sample if c.context.startswith("[no context")}
    if not documents:
        return None
    counts = {
        reason: sum(context == f"[{reason}]" for context in documents.values()) for reason in (NOT_FOUND, CHANGED)
    }
    reasons = "; ".join(f"{n}: {reason.removeprefix('no context: ')}" for reason, n in counts.items() if n)
    example = ", ".join(sorted(documents)[:3])
    total = len({c.identifier for c in sample})
    return f"no context for {len(documents)} of {total} documents ({reasons}), e.g. {example}"


def _texts(folders: Iterable[str | Path], wanted: set[str], schema: Schema) -> dict[str, str]:
    """The text of each wanted document (by IRI) among the transcripts under `folders`, with the
    ids a build of those folders gives (a video's later transcripts, duplicates skipped)."""
    paths = discover(list(folders))
    texts: dict[str, str] = {}
    for outcome in classify(paths, schema, "audit", {}, Identities()):
        if isinstance(outcome, Changed) and str(document_iri(outcome.document.id)) in wanted:
            texts[str(document_iri(outcome.document.id))] = outcome.document.text
    return texts


def _context(text: str, claim: SampledClaim) -> str | None:
    """About CONTEXT_CHARS characters on each side of the quoted span, the span in [[ ]]; None
    when the span is not where the graph says (the transcript changed since the build)."""
    start, end = claim.start, claim.end
    if start is None or end is None or not 0 <= start <= end <= len(text):
        return None
    said = _words(text[start:end])
    # a quote led by a name said further back holds the span's words after an ellipsis
    if not said or said[:40].rstrip() not in claim.quote:
        return None
    before = text[max(0, start - CONTEXT_CHARS) : start]
    after = text[end : end + CONTEXT_CHARS]
    if start > CONTEXT_CHARS:  # cut at a word, not inside one
        before = "… " + before.split(None, 1)[-1] if " " in before.strip() else before
    if end + CONTEXT_CHARS < len(text):
        after = after.rsplit(None, 1)[0] + " …" if " " in after.strip() else after
    return f"{_words(before)} [[{said}]] {_words(after)}".strip()


def _words(text: str) -> str:
    return " ".join(text.split())


# --- the file a grader fills in -------------------------------------------------------------
def sample_csv(sample: Sequence[SampledClaim]) -> str:
    """The sample as CSV (COLUMNS), `correct` and `quote_supports` left empty for the grader."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for c in sample:
        cells = [c.sample, c.claim, c.subject, c.relation, c.object, c.modality, c.confidence, c.identifier]
        cells += [c.title, c.published, c.quote, c.context, c.link, "", ""]
        writer.writerow([safe_cell(cell) for cell in cells])
    return out.getvalue()


@dataclass(frozen=True)
class Graded:
    sample: str
    relation: str
    correct: bool
    quote_supports: bool


def read_graded(path: str | Path) -> list[Graded]:
    """The grades of a sample file; a TalkgraphError naming the first row that is not graded
    y or n, or is not a row of a sample, and how many more such rows there are."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as file:
            return _graded_rows(path, csv.DictReader(file))
    except OSError as error:
        raise TalkgraphError(f"cannot read {path}: {error.strerror or error}") from error
    except (UnicodeDecodeError, csv.Error) as error:
        raise TalkgraphError(f"{path}: not a CSV file of UTF-8 text ({error}); save it as CSV UTF-8") from error


def _graded_rows(path: Path, reader: csv.DictReader) -> list[Graded]:
    needed = ("sample", "relation", "correct", "quote_supports")
    missing = [column for column in needed if column not in (reader.fieldnames or [])]
    if missing:
        raise TalkgraphError(
            f"{path}: no column {', '.join(missing)}; grade the file `talkgraph audit GRAPH -o FILE` wrote"
        )
    graded: list[Graded] = []
    problems: list[str] = []
    for row in reader:
        problem = _problem(row)
        if problem:
            problems.append(f"{path} line {reader.line_num}: {problem}")
        else:
            graded.append(
                Graded(
                    row["sample"].strip(),
                    row["relation"].strip(),
                    _grade(row["correct"]),
                    _grade(row["quote_supports"]),
                )
            )
    if problems:
        more = {1: "", 2: " (1 more row with a problem)"}.get(
            len(problems), f" ({len(problems) - 1} more rows with problems)"
        )
        raise TalkgraphError(problems[0] + more)
    if not graded:
        raise TalkgraphError(f"{path}: no graded rows; draw a sample with `talkgraph audit GRAPH -o {path}`")
    return graded


def _problem(row: dict[str, str | None]) -> str | None:
    """What is wrong with a row, or None. A row with too few cells has None in its last columns."""
    if None in row:  # cells past the header's columns
        return "more cells than the header has columns; keep one claim per line"
    if (row.get("sample") or "").strip() not in (STRATIFIED, UNIFORM):
        return f"sample is {row.get('sample')!r}, not stratified or uniform"
    if not (row.get("relation") or "").strip():
        return "the relation is empty"
    for column in ("correct", "quote_supports"):
        value = (row.get(column) or "").strip()
        if not value:
            return f"{column} is not graded; fill it with y or n"
        if value.lower() not in GRADES:
            return f"{column} is {value!r}; grade it y or n"
    return None


def _grade(value: str | None) -> bool:
    return GRADES[(value or "").strip().lower()]


# --- the figures ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Proportion:
    name: str
    hits: int
    total: int

    @property
    def value(self) -> float:
        return self.hits / self.total if self.total else math.nan

    @property
    def interval(self) -> tuple[float, float]:
        return wilson(self.hits, self.total)


def wilson(hits: int, total: int, z: float = Z_95) -> tuple[float, float]:
    """The Wilson score interval of a proportion `hits` of `total` (95% with the default z)."""
    if total == 0:
        return math.nan, math.nan
    p = hits / total
    denominator = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denominator
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class AuditScore:
    relations: tuple[Proportion, ...]
    """Precision of each relation over every graded row of it, stratified and uniform alike."""
    stratified: Proportion
    uniform: Proportion
    """The graph's precision: the uniform sample is a random sample of all its claims."""
    quotes: Proportion
    """The share of quotes that support their claim, over all graded rows."""

    def report(self) -> str:
        width = max([len(p.name) for p in self.relations] + [len("quote supports claim")])
        lines = [f"{'':<{width}}  graded  correct  precision  95% Wilson interval"]
        lines += [_line(p, width) for p in self.relations]
        lines += [_line(p, width) for p in (self.stratified, self.uniform, self.quotes)]
        return "\n".join(lines)


def _line(proportion: Proportion, width: int) -> str:
    if not proportion.total:
        return f"{proportion.name:<{width}}  {0:>6}  {0:>7}  {'-':>9}  -"
    low, high = proportion.interval
    return (
        f"{proportion.name:<{width}}  {proportion.total:>6}  {proportion.hits:>7}  "
        f"{proportion.value:>9.2f}  {low:.2f}–{high:.2f}"
    )


def score(graded: Sequence[Graded]) -> AuditScore:
    def share(name: str, rows: list[Graded], quotes: bool = False) -> Proportion:
        return Proportion(name, sum(r.quote_supports if quotes else r.correct for r in rows), len(rows))

    relations = sorted({g.relation for g in graded})
    return AuditScore(
        tuple(share(r, [g for g in graded if g.relation == r]) for r in relations),
        share("stratified total", [g for g in graded if g.sample == STRATIFIED]),
        share("uniform total", [g for g in graded if g.sample == UNIFORM]),
        share("quote supports claim", list(graded), quotes=True),
    )

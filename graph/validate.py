"""Check a graph against the schema's SHACL shapes (schema/shapes.ttl) with pyshacl.

The shapes say what every talkgraph graph holds: each relation's subject and object of the
types relations.yaml allows, every entity typed and labelled once, every relation backed by a
claim and every claim with its document, extractor, words and confidence. Nothing is fetched:
owl:imports are not followed and no inference runs. The whole-graph shapes whose SPARQL is the
one talkgraph writes are answered in Python (see `_answered`): the same rows, many times sooner.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import re
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef
from rdflib.namespace import SH, NamespaceManager
from rdflib.term import Node

from .errors import TalkgraphError
from .lifetime import die_with_parent
from .rdf import PREFIXES, TG, class_iri
from .schema import Schema, load_schema
from .vocabulary import supported_query

SHAPES_FILE = "shapes.ttl"
THIS = URIRef("https://talkgraph.dev/shapes#graph")  # the focus node of the shapes' whole-graph queries
WHOLE_GRAPH = f"<{THIS}>"


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str | None
    value: str | None
    message: str

    def line(self) -> str:
        where = f"{self.focus} {self.path}" if self.path else self.focus
        value = f" (value {self.value})" if self.value and self.value != self.focus else ""
        return f"{where}: {self.message}{value}"


@dataclass(frozen=True)
class ValidationReport:
    triples: int
    violations: tuple[Violation, ...]

    @property
    def conforms(self) -> bool:
        return not self.violations

    def report(self, limit: int | None = None) -> str:
        """One line per violation (the first `limit`), then a summary line."""
        shown = self.violations[:limit] if limit else self.violations
        lines = [violation.line() for violation in shown]
        if len(shown) < len(self.violations):
            lines.append(f"... and {len(self.violations) - len(shown)} more")
        verdict = "conforms" if self.conforms else f"{len(self.violations)} violation(s)"
        lines.append(f"{self.triples:,} triples checked against {SHAPES_FILE}: {verdict}")
        return "\n".join(lines)


def shapes_path(schema: Schema) -> Path:
    return schema.directory / SHAPES_FILE


def validate(graph: Dataset | Graph, schema: Schema | None = None, jobs: int = 1) -> ValidationReport:
    """Validate the union of every named graph of `graph` against the schema's shapes; with
    jobs > 1 the shapes are shared out among that many forked processes (same violations, sooner)."""
    schema = schema or load_schema()
    check_shapes(schema)
    shapes = _shapes(shapes_path(schema))
    data = _union_view(graph) if isinstance(graph, Dataset) else _union(graph)
    answered = _answered(shapes, schema)
    found = [_row_violation(message, row) for message, rows in answered.values() for row in rows(data, schema)]
    shapes = _copy(shapes, (t for t in shapes if not (t[0] in answered and t[1] in TARGETS)))  # left to pyshacl
    found += _check_in_processes(data, shapes, jobs) if jobs > 1 else _check(data, shapes)
    found += _types_not_allowed(data, schema)
    violations = sorted(found, key=lambda v: (v.focus, v.path or "", v.message, v.value or ""))
    return ValidationReport(len(data), tuple(violations))


def check_shapes(schema: Schema) -> None:
    """Raise TalkgraphError now if the schema folder has no shapes to validate against."""
    path = shapes_path(schema)
    if not path.is_file():
        raise TalkgraphError(
            f"{path} not found: copy schema/{SHAPES_FILE} into the schema folder, or build with --no-validate"
        )


def _shapes(path: Path) -> Graph:
    try:
        return Graph().parse(path, format="turtle")
    except Exception as error:  # rdflib raises many parser-specific types
        raise TalkgraphError(f"{path}: not valid Turtle ({str(error).splitlines()[0][:200]})") from error


def _check(data: Graph, shapes: Graph) -> list[Violation]:
    import pyshacl  # imported here: only validation needs it

    _, results, _ = pyshacl.validate(
        data,
        shacl_graph=shapes,
        inference="none",
        advanced=False,
        do_owl_imports=False,
        allow_warnings=True,
        allow_infos=True,
    )
    return [_violation(results, node) for node in results.objects(None, SH.result)]  # not their sh:detail


def _types_not_allowed(data: Graph, schema: Schema) -> list[Violation]:
    """Entities of two or more types where entities.yaml allows one: a listed entity may take its
    type and those of its `also`, any other entity one type (shapes cannot read the name list)."""
    types: dict[Node, set[str]] = {}
    for etype in schema.entity_types:
        for node in data.subjects(RDF.type, class_iri(etype)):
            types.setdefault(node, set()).add(etype)
    violations = []
    for node, found in types.items():
        if len(found) < 2:
            continue
        label = data.value(node, RDFS.label)
        entry = schema.entry(str(label)) if label is not None else None
        allowed = {entry.entity.type, *entry.entity.also} if entry else set()
        if not found <= allowed:
            listed = f"entities.yaml allows {' and '.join(sorted(allowed))} only" if allowed else "it is not listed"
            message = f"typed {' and '.join(sorted(found))}, but {listed} (an entry's also lists the types it may take)"
            violations.append(Violation(_short(node), "rdf:type", None, message))
    return violations


# --- whole-graph shapes answered in Python ---------------------------------------------------
# rdflib's SPARQL engine runs a FILTER NOT EXISTS for each relation and each claim: the three
# whole-graph shapes took 1.6 s of the corpus's 2.5 s validation. A shape whose query is, but for
# spacing, the one talkgraph writes (an edited one goes to pyshacl) is answered with the same rows
# by graph lookups, and its message filled in as pyshacl fills it.
Rows = Callable[[Graph, Schema], Iterator[dict[str, Node]]]
KNOWN = Literal("known")
QUERY_PARTS = {SH.message, SH.prefixes, SH.select}
ASSERTED = """
    SELECT $this ?s ?p ?o (?claim AS ?value) WHERE {
        ?claim a tg:Claim ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
        FILTER NOT EXISTS { ?claim tg:basis "known" }
        FILTER NOT EXISTS { ?s ?p ?o }
    }"""
SAID_CLAIM_WORDS = """
    SELECT $this (?claim AS ?value) WHERE {
        ?claim a tg:Claim .
        FILTER NOT EXISTS { ?claim tg:basis "known" }
        FILTER (NOT EXISTS { ?claim tg:quote ?quote } || NOT EXISTS { ?claim tg:charStart ?start }
                || NOT EXISTS { ?claim tg:charEnd ?end })
    }"""


def _unsupported(data: Graph, schema: Schema) -> Iterator[dict[str, Node]]:
    claimed = {triple for claim in set(data.subjects(RDF.subject)) for triple in _claimed(data, claim)}
    for name in schema.relations:
        for s, o in data.subject_objects(TG[name]):
            if (s, TG[name], o) not in claimed:
                yield {"s": s, "p": TG[name], "o": o, "value": s, "path": TG[name]}


def _not_asserted(data: Graph, schema: Schema) -> Iterator[dict[str, Node]]:
    for claim in _said_claims(data):
        for s, p, o in _claimed(data, claim):
            if (s, p, o) not in data:
                yield {"s": s, "p": p, "o": o, "value": claim}


def _unquoted(data: Graph, schema: Schema) -> Iterator[dict[str, Node]]:
    for claim in _said_claims(data):
        if any((claim, word, None) not in data for word in (TG.quote, TG.charStart, TG.charEnd)):
            yield {"value": claim}


def _said_claims(data: Graph) -> Iterator[Node]:
    return (claim for claim in set(data.subjects(RDF.type, TG.Claim)) if (claim, TG.basis, KNOWN) not in data)


def _claimed(data: Graph, claim: Node) -> Iterator[tuple[Node, Node, Node]]:
    """Each (subject, predicate, object) the claim says, as `?claim rdf:subject ?s ; …` joins them."""
    for s in data.objects(claim, RDF.subject):
        for p in data.objects(claim, RDF.predicate):
            for o in data.objects(claim, RDF.object):
                yield s, p, o


def _answered(shapes: Graph, schema: Schema) -> dict[Node, tuple[str, Rows]]:
    """The shapes answered in Python, each with its message and the function giving its rows."""
    answers: dict[str, Rows] = {
        supported_query(schema): _unsupported,
        ASSERTED: _not_asserted,
        SAID_CLAIM_WORDS: _unquoted,
    }
    by_query = {" ".join(query.split()): rows for query, rows in answers.items()}
    answered: dict[Node, tuple[str, Rows]] = {}
    for shape, constraint in shapes.subject_objects(SH.sparql):
        rows = by_query.get(" ".join(str(shapes.value(constraint, SH.select)).split()))
        messages = list(shapes.objects(constraint, SH.message))
        shaped = {(p, o) for p, o in shapes.predicate_objects(shape) if p != RDF.type}
        asked = {p for p, _ in shapes.predicate_objects(constraint)}
        # nothing else to the shape or its constraint: no other target, severity, deactivation …
        if (
            rows
            and len(messages) == 1
            and shaped == {(SH.targetNode, THIS), (SH.sparql, constraint)}
            and asked == QUERY_PARTS
        ):
            answered[shape] = (str(messages[0]), rows)
    return answered


def _row_violation(message: str, row: dict[str, Node]) -> Violation:
    """The violation pyshacl reports for a row of a whole-graph shape's query: its message with
    {?name} filled in, on the node in ?value."""
    bound = {**row, "this": THIS}
    message = re.sub(r"\{[?$](\w+)\}", lambda m: str(bound[m[1]]) if m[1] in bound else m[0], message)
    path = row.get("path")
    return Violation(_short(row["value"]), _short(path) if path else None, None, _shorten(" ".join(message.split())))


# --- checking the shapes in shares, in forked processes -----------------------------------
# pyshacl checks each targeted shape on its own: shares of the shapes, each with only its own
# shapes' targets, find together what all the shapes find at once.
TARGETS = (SH.targetClass, SH.targetNode, SH.targetObjectsOf, SH.targetSubjectsOf)
SHARES_PER_JOB = 4  # more shares balance the processes better; each costs a pyshacl set-up (~7 ms)
_forked: tuple[Graph, Graph, dict] | None = None  # data, untargeted shapes, targets by shape: inherited, not pickled


def _check_in_processes(data: Graph, shapes: Graph, jobs: int) -> list[Violation]:
    global _forked
    targets = _targets(shapes)
    if len(targets) < 2 or _implicitly_targeted(shapes):
        return _check(data, shapes)
    untargeted = _copy(shapes, (t for t in shapes if t[1] not in TARGETS))
    _forked = (data, untargeted, targets)
    shares = _shares(targets, jobs * SHARES_PER_JOB)
    gc.freeze()  # else the children's garbage collectors touch, and so copy, every page of the graph
    try:
        with ProcessPoolExecutor(
            min(jobs, len(shares)),
            mp_context=multiprocessing.get_context("fork"),
            initializer=die_with_parent,
            initargs=(os.getpid(),),
        ) as pool:
            return [v for found in pool.map(_check_share, shares) for v in found]
    finally:
        gc.unfreeze()
        _forked = None


def _check_share(share: list) -> list[Violation]:
    assert _forked is not None, "set before the pool forked this process"
    data, untargeted, targets = _forked
    targeted = ((shape, p, o) for shape in share for p, o in targets[shape])
    return _check(data, _copy(untargeted, [*untargeted, *targeted]))


def _copy(shapes: Graph, triples) -> Graph:
    """A shapes graph of `triples` that names terms as `shapes` does (pyshacl's messages use its prefixes)."""
    copy = Graph()
    copy.namespace_manager = shapes.namespace_manager
    copy.addN((s, p, o, copy) for s, p, o in triples)
    return copy


def _targets(shapes: Graph) -> dict:
    """Each targeted shape's target declarations: [(sh:targetClass, tg:Claim), …]."""
    targets: dict = {}
    for predicate in TARGETS:
        for shape, target in shapes.subject_objects(predicate):
            targets.setdefault(shape, []).append((predicate, target))
    return targets


def _implicitly_targeted(shapes: Graph) -> bool:
    """A shape that is also a class targets its instances without a target declaration to share out."""
    classes = {RDFS.Class, *shapes.subjects(RDFS.subClassOf, RDFS.Class)}
    return any(True for c in classes for _ in shapes.subjects(RDF.type, c))


def _shares(targets: dict, count: int) -> list[list]:
    """The shapes dealt out in `count` shares, those with a sh:targetNode first: whole-graph queries
    take longest, and one left for last would keep a process busy while the others wait."""
    ordered = sorted(targets, key=lambda shape: all(predicate != SH.targetNode for predicate, _ in targets[shape]))
    return [share for share in (ordered[i::count] for i in range(count)) if share]


def _union_view(dataset: Dataset) -> Dataset:
    """The union of `dataset`'s graphs, read in place: copying a corpus's into one graph took 0.5 s."""
    view = Dataset(store=dataset.store, default_union=True)
    view.namespace_manager = _namespaces()  # pyshacl's messages name terms with the view's prefixes
    return view


def _union(graph: Graph) -> Graph:
    union = Graph()
    union.namespace_manager = _namespaces()
    union.addN((s, p, o, union) for s, p, o in graph)
    return union


def _namespaces() -> NamespaceManager:
    """talkgraph's prefixes, whatever prefixes the data was read with."""
    namespaces = NamespaceManager(Graph())
    for prefix, namespace in PREFIXES.items():
        namespaces.bind(prefix, namespace)
    return namespaces


def _violation(results: Graph, node) -> Violation:
    def text(predicate) -> str | None:
        value = results.value(node, predicate)
        return None if value is None else _short(value)

    message = results.value(node, SH.resultMessage)
    message = _shorten(" ".join(str(message).split())) if message is not None else "violates a shape"
    focus, value = text(SH.focusNode) or "?", text(SH.value)
    if focus == WHOLE_GRAPH and value:  # a whole-graph check names the node it found in sh:value
        focus, value = value, None
    return Violation(focus, text(SH.resultPath), value, message)


def _prefixed(prefix: str) -> Callable[[re.Match[str]], str]:
    return lambda match: f"{prefix}:{match.group(1)}"


def _shorten(message: str) -> str:
    """IRIs that pyshacl wrote into a message, shortened like the rest of the line."""
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda item: -len(str(item[1]))):
        message = re.sub(re.escape(str(namespace)) + r"(\S*)", _prefixed(prefix), message)
    return message


def _short(term) -> str:
    """tgid:company/amazon for an IRI under a known namespace; other terms as written."""
    if isinstance(term, URIRef):
        for prefix, namespace in PREFIXES.items():
            if str(term).startswith(str(namespace)):
                return f"{prefix}:{str(term)[len(str(namespace)) :]}"
        return f"<{term}>"
    return repr(str(term)) if len(str(term)) <= 80 else repr(str(term)[:77] + "...")

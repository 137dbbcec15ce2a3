"""Check a graph against the schema's SHACL shapes (schema/shapes.ttl) with pyshacl.

The shapes say what every talkgraph graph holds: each relation's subject and object of the
types relations.yaml allows, every entity typed and labelled once, every relation backed by a
claim and every claim with its document, extractor, words and confidence. Nothing is fetched:
owl:imports are not followed and no inference runs.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, Dataset, Graph, URIRef
from rdflib.namespace import SH

from .errors import TalkgraphError
from .rdf import PREFIXES
from .schema import Schema, load_schema

SHAPES_FILE = "shapes.ttl"
WHOLE_GRAPH = "<https://talkgraph.dev/shapes#graph>"  # the focus node of the shapes' whole-graph queries


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


def validate(graph: Dataset | Graph, schema: Schema | None = None) -> ValidationReport:
    """Validate the union of every named graph of `graph` against the schema's shapes."""
    import pyshacl  # imported here: only validation needs it

    schema = schema or load_schema()
    check_shapes(schema)
    shapes = _shapes(shapes_path(schema))
    data = _union(graph)
    _, results, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=False,
                                     do_owl_imports=False, allow_warnings=True, allow_infos=True)
    violations = sorted((_violation(results, node) for node in results.subjects(RDF.type, SH.ValidationResult)),
                        key=lambda v: (v.focus, v.path or "", v.message, v.value or ""))
    return ValidationReport(len(data), tuple(violations))


def check_shapes(schema: Schema) -> None:
    """Raise TalkgraphError now if the schema folder has no shapes to validate against."""
    path = shapes_path(schema)
    if not path.is_file():
        raise TalkgraphError(f"{path} not found: copy schema/{SHAPES_FILE} into the schema folder, "
                             "or build with --no-validate")


def _shapes(path: Path) -> Graph:
    try:
        return Graph().parse(path, format="turtle")
    except Exception as error:  # rdflib raises many parser-specific types
        raise TalkgraphError(f"{path}: not valid Turtle ({str(error).splitlines()[0][:200]})") from error


def _union(graph: Dataset | Graph) -> Graph:
    union = Graph()
    for prefix, namespace in PREFIXES.items():
        union.bind(prefix, namespace)
    triples = ((s, p, o) for s, p, o, _ in graph.quads()) if isinstance(graph, Dataset) else graph
    union.addN((s, p, o, union) for s, p, o in triples)
    return union


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


def _shorten(message: str) -> str:
    """IRIs that pyshacl wrote into a message, shortened like the rest of the line."""
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda item: -len(str(item[1]))):
        message = re.sub(re.escape(str(namespace)) + r"(\S*)", lambda m, p=prefix: f"{p}:{m.group(1)}", message)
    return message


def _short(term) -> str:
    """tgid:company/amazon for an IRI under a known namespace; other terms as written."""
    if isinstance(term, URIRef):
        for prefix, namespace in PREFIXES.items():
            if str(term).startswith(str(namespace)):
                return f"{prefix}:{str(term)[len(str(namespace)):]}"
        return f"<{term}>"
    return repr(str(term)) if len(str(term)) <= 80 else repr(str(term)[:77] + "...")

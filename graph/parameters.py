"""A saved query's parameters: declared in its opening comment, bound as a VALUES block.

A query declares each parameter on a comment line of its own, before its first line of SPARQL:

    # Everything about one entity.
    # param: entity (entity) — the company, person, product or model
    # param: since (date, optional) — only what was said on or after this day

The kinds are in KINDS; a parameter not marked optional must be given. Its value is bound
as a typed term (see graph/arguments.py) in a VALUES block put first in the query's WHERE
clause, so it is never read as SPARQL; an optional parameter that is not given stays unbound.
This module reads the text only: declarations, the opening description and where the
WHERE clause starts.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from .errors import QueryError

KINDS = {
    "entity": "an entity's name or alias, or its IRI",
    "relation": "a relation, e.g. competesWith",
    "date": "a day, YYYY-MM-DD",
    "text": "any text",
}
PARAMETER_LINE = re.compile(r"#\s*param\s*:")
DECLARATION = re.compile(
    r"#\s*param:\s*(?P<name>[A-Za-z_]\w*)\s*\(\s*(?P<kind>\w+)\s*(?P<optional>,\s*optional\s*)?\)"
    r"\s*(?:[—–:-]+\s*)?(?P<description>.*?)\s*$"
)
# the tokens that can hide a brace or the word WHERE: comments, strings, IRIs, variables, names
TOKEN = re.compile(
    r"""(?P<comment>\#[^\n]*)
      | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
                  |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
      | (?P<iri><[^<>"{}|^`\\\s]*>)
      | (?P<variable>[?$]\w+)
      | (?P<word>[A-Za-z_][\w.-]*(?::[\w.%-]*)?|:[\w.%-]*)
      | (?P<open>[{(\[])
      | (?P<close>[})\]])""",
    re.VERBOSE,
)


class DeclarationError(QueryError):
    """A `# param:` line that cannot be read, or a parameter the query cannot take."""


@dataclass(frozen=True)
class Parameter:
    name: str
    kind: str
    description: str = ""
    optional: bool = False

    def usage(self) -> str:
        """How the command line gives it: ``--param entity=ENTITY``, in brackets when optional."""
        given = f"--param {self.name}={self.kind.upper()}"
        return f"[{given}]" if self.optional else given


def opening_comment(text: str) -> list[str]:
    """The comment lines before the query's first line of SPARQL."""
    lines = []
    for line in text.lstrip("\ufeff").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            break
        if line.strip():
            lines.append(line.strip())
    return lines


def declared(text: str) -> tuple[Parameter, ...]:
    """The parameters `text` declares; a DeclarationError names a declaration that is wrong or a
    parameter the query cannot take (one it never uses, or a query with no WHERE clause)."""
    parameters: dict[str, Parameter] = {}
    for line in opening_comment(text):
        if not PARAMETER_LINE.match(line):
            continue
        found = DECLARATION.match(line)
        if found is None:
            raise DeclarationError(f"cannot read {line!r}; write '# param: NAME (KIND[, optional]) — what it is'")
        name, kind = found["name"], found["kind"]
        if kind not in KINDS:
            raise DeclarationError(f"parameter {name}: unknown kind {kind!r}; use one of {', '.join(KINDS)}")
        if name in parameters:
            raise DeclarationError(f"parameter {name} is declared twice")
        parameters[name] = Parameter(name, kind, found["description"], bool(found["optional"]))
    if parameters:
        body = _tokens(text)
        used = {value[1:] for kind, value, _ in body if kind == "variable"}
        for name in parameters:
            if name not in used:
                raise DeclarationError(f"parameter {name} is declared but the query never uses ?{name}")
        if _where_start(body) is None:
            raise DeclarationError("the query has parameters but no WHERE clause to bind them in")
    return tuple(parameters.values())


def description(text: str) -> str:
    """The first sentence of the query's opening comment (its `# param:` lines left out)."""
    words = " ".join(line.lstrip("#").strip() for line in opening_comment(text) if not PARAMETER_LINE.match(line))
    first = re.match(r"(.+?[.!?])(?:\s|$)", words)
    return first.group(1) if first else words


def bind(text: str, terms: Mapping[str, str]) -> str:
    """`text` with a VALUES block of `terms` (variable name → a term written as SPARQL, as Oxigraph's
    terms print themselves) first in its WHERE clause; `text` itself when there are none."""
    if not terms:
        return text
    at = _where_start(_tokens(text))
    if at is None:
        raise DeclarationError("the query has no WHERE clause to bind its parameters in")
    names = " ".join(f"?{name}" for name in terms)
    values = " ".join(terms.values())
    return f"{text[:at]}\n  VALUES ({names}) {{ ({values}) }}\n{text[at:]}"


def _tokens(text: str) -> list[tuple[str, str, int]]:
    """(kind, text, end) of each token that matters for finding the WHERE clause, comments left out."""
    return [
        (str(match.lastgroup), match.group(), match.end())
        for match in TOKEN.finditer(text)
        if match.lastgroup != "comment"
    ]


def _where_start(tokens: list[tuple[str, str, int]]) -> int | None:
    """Where the query's WHERE clause opens (just past its brace): the first top-level brace after
    the keyword WHERE, or, where the query leaves the keyword out (`ASK { … }`), its first top-level brace."""
    depth, after_where, first = 0, False, None
    for kind, value, end in tokens:
        if kind == "open":
            if depth == 0 and value == "{":
                if after_where:
                    return end
                first = end if first is None else first
            depth += 1
        elif kind == "close":
            depth = max(depth - 1, 0)
        elif kind == "word" and depth == 0 and value.upper() == "WHERE":
            after_where = True
    return None if after_where else first


def listing(queries: Mapping[str, str]) -> str:
    """The saved queries, one a line with its description, each parameter on a line below it."""
    width = max((len(name) for name in queries), default=0) + 2
    usages = [p.usage() for text in queries.values() for p in declared(text)]
    usage_width = max((len(usage) for usage in usages), default=0) + 2
    lines = []
    for name, text in sorted(queries.items()):
        lines.append(f"{name.ljust(width)}{description(text)}")
        lines += [f"{'':{width}}  {p.usage().ljust(usage_width)}{p.description}".rstrip() for p in declared(text)]
    return "\n".join(lines) + "\n"

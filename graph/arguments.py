"""The values given to a query's parameters (NAME=VALUE), as typed terms bound into it.

An entity is named as a user says it — its label or one of its other names, in any case and
spacing ("open ai" is OpenAI) — or by its IRI, and is looked up in the graph the query runs
on; a relation by its name or label in the schema; a date as YYYY-MM-DD. Each becomes an
Oxigraph term, and the query gets them in a VALUES block (see graph/parameters.py): a value
is a term, whatever characters it holds, and can never be read as SPARQL.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pyoxigraph as ox

from .corrections import name_key
from .errors import QueryError
from .parameters import KINDS, Parameter, bind
from .query import QueryResult
from .rdf import ID, QUERY_PREFIXES, class_iri, predicate_iri
from .schema import Schema
from .stores import GraphStore

DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
XSD_DATE = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")
ENTITY_NAMES = """SELECT ?entity ?name ?label ?type WHERE {{
  VALUES ?type {{ {types} }}
  ?entity a ?type ; rdfs:label ?label .
  {{ ?entity rdfs:label ?name }} UNION {{ ?entity skos:altLabel ?name }}
}}"""


def parse_pairs(pairs: Iterable[str]) -> dict[str, str]:
    """NAME=VALUE strings (the command line's --param) as a mapping; a name given twice is refused."""
    given: dict[str, str] = {}
    for pair in pairs:
        name, equals, value = pair.partition("=")
        if not equals or not name.strip():
            raise QueryError(f"--param {pair!r}: write NAME=VALUE, e.g. --param entity=Nvidia")
        if name.strip() in given:
            raise QueryError(f"--param {name.strip()} is given twice; give each parameter once")
        given[name.strip()] = value.strip()
    return given


@dataclass(frozen=True)
class Arguments:
    """A query's parameters with the values given: terms already made, entity names still to find."""

    terms: Mapping[str, ox.NamedNode | ox.Literal]
    entities: Mapping[str, str]
    """Parameter name → the entity's name or IRI as given; found in the graph when the query runs."""
    schema: Schema

    def select(self, store: GraphStore, text: str) -> QueryResult:
        """Run `text` (checked already) over `store` with every value bound. It runs in the query's
        child process, where nothing is parsed again: the parser's locks may have been held by
        another thread at the fork, and a block of terms adds no SPARQL to check."""
        terms = dict(self.terms)
        if self.entities:
            index = EntityIndex(store, self.schema)
            terms.update({name: index.find(value, name) for name, value in self.entities.items()})
        return store.select(bind(text, {name: str(term) for name, term in terms.items()}), QUERY_PREFIXES)


def arguments(parameters: tuple[Parameter, ...], given: Mapping[str, str], schema: Schema) -> Arguments:
    """The values `given` for `parameters`, checked: each a declared parameter, every one not
    optional given, and each of the form its kind asks (entities are looked up later, in the graph)."""
    declared = {parameter.name: parameter for parameter in parameters}
    for name in given:
        if name not in declared:
            raise QueryError(_unknown(name, declared))
    missing = [p for p in parameters if not p.optional and p.name not in given]
    if missing:
        needed = " ".join(p.usage() for p in missing)
        raise QueryError(f"the query needs {needed} ({KINDS[missing[0].kind]})")
    terms: dict[str, ox.NamedNode | ox.Literal] = {}
    entities = {}
    for name, value in given.items():
        kind = declared[name].kind
        if not value:
            raise QueryError(f"--param {name} is empty; give {KINDS[kind]}")
        if kind == "entity":
            entities[name] = value
        elif kind == "relation":
            terms[name] = _relation(name, value, schema)
        elif kind == "date":
            terms[name] = _date(name, value)
        else:
            terms[name] = ox.Literal(value)
    return Arguments(terms, entities, schema)


def _unknown(name: str, declared: Mapping[str, Parameter]) -> str:
    if not declared:
        return f"--param {name}: the query takes no parameters"
    guess = difflib.get_close_matches(name, declared, n=1)
    hint = f"did you mean {guess[0]}?" if guess else f"it takes {', '.join(declared)}"
    return f"--param {name}: the query has no such parameter; {hint}"


def _relation(name: str, value: str, schema: Schema) -> ox.NamedNode:
    """The relation named `value`: by its name or label, in any case and spacing."""
    wanted = name_key(value)
    for relation in schema.relations.values():
        if wanted in (name_key(relation.name), name_key(relation.label)):
            return ox.NamedNode(str(predicate_iri(relation.name)))
    guess = difflib.get_close_matches(value, schema.relations, n=1, cutoff=0.5)
    hint = f"did you mean {guess[0]}?" if guess else f"the relations are {', '.join(schema.relations)}"
    raise QueryError(f"--param {name}: no relation {value!r}; {hint}")


def _date(name: str, value: str) -> ox.Literal:
    try:
        if not DAY.fullmatch(value):
            raise ValueError(value)
        datetime.date.fromisoformat(value)
    except ValueError:
        raise QueryError(f"--param {name}={value!r} is not a day; write YYYY-MM-DD, e.g. 2025-01-31") from None
    return ox.Literal(value, datatype=XSD_DATE)


class EntityIndex:
    """The graph's entities by every name they go by, read once from the graph."""

    def __init__(self, store: GraphStore, schema: Schema):
        types = " ".join(f"<{class_iri(name)}>" for name in schema.entity_types)
        rows = store.select(ENTITY_NAMES.format(types=types), QUERY_PREFIXES).rows
        self.labels: dict[str, tuple[str, str]] = {}  # IRI → (label, type)
        self.by_label: dict[str, set[str]] = {}
        self.by_alias: dict[str, set[str]] = {}
        for iri, name, label, type_iri in rows:
            if iri is None or name is None or label is None or type_iri is None:
                continue
            self.labels.setdefault(iri, (label, type_iri.rpartition("#")[2]))
            (self.by_label if name == label else self.by_alias).setdefault(name_key(name), set()).add(iri)

    def find(self, value: str, parameter: str) -> ox.NamedNode:
        """The entity `value` names: its IRI (or tgid:…), else the one whose label, or failing that
        whose other name, it is; a QueryError when none is, or several are."""
        if value.startswith(("tgid:", ID, "<")):
            iri = ID + value.removeprefix("tgid:") if value.startswith("tgid:") else value.strip("<>")
            if iri not in self.labels:
                raise QueryError(f"--param {parameter}: no entity {iri} in the graph")
            return ox.NamedNode(iri)
        key = name_key(value)
        found = self.by_label.get(key) or self.by_alias.get(key) or set()
        if len(found) == 1:
            return ox.NamedNode(next(iter(found)))
        if found:
            choices = ", ".join(f"{self._named(iri)} tgid:{iri.removeprefix(ID)}" for iri in sorted(found))
            raise QueryError(f"--param {parameter}={value!r} names {len(found)} entities: {choices}; give one's IRI")
        raise QueryError(f"--param {parameter}: no entity named {value!r} in the graph; {self._suggest(value)}")

    def _named(self, iri: str) -> str:
        label, entity_type = self.labels[iri]
        return f"{label} ({entity_type})"

    def _suggest(self, value: str) -> str:
        names = {
            key: self.labels[iri][0]
            for index in (self.by_label, self.by_alias)
            for key, iris in index.items()
            for iri in iris
        }
        guesses = difflib.get_close_matches(name_key(value), names, n=3, cutoff=0.75)
        if not guesses:
            return "check the spelling, or list the entities with the saved query entity_profile"
        return "did you mean " + " or ".join(dict.fromkeys(names[g] for g in guesses)) + "?"

"""Corrections that last: a YAML list a user keeps beside the schema and every build applies.

    - {merge: Sam Elman, into: Sam Altman}        # a caption misspelling is the right person
    - {alias: open eye, of: OpenAI}               # one more name of an entity
    - {retype: Kira Nightly, as: Person}          # an entity of another type
    - {drop: competesWith, subject: Nvidia, object: Microsoft, document: lLBSgTKOoqY}

Names (merge, alias, retype) change the name list the extractors read (graph/schema.py
applies them to entities.yaml's entries); drops take claims out of each document's
assertions before they are mapped to RDF. Each correction has its place in the file, and the
graph records which one changed a document or a claim (see graph/rdf.py). This module reads
and checks the file and answers, for an assertion or a name, which correction touches it.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import SchemaError
from .model import Assertion, Entity

try:  # libyaml is ~12x faster than the pure-Python loader
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader  # type: ignore[assignment]

FILE_NAME = "corrections.yaml"
KINDS = {  # each kind's key, then the other keys it needs and those it may have
    "drop": (("subject", "object"), ("document",)),
    "merge": (("into",), ("type",)),
    "alias": (("of",), ("type",)),
    "retype": (("as",), ()),
}
POSSESSIVE = re.compile(r"['\u2019]s$", re.IGNORECASE)


class CorrectionsError(SchemaError):
    """The corrections file is wrong: one line per problem, each naming the entry."""


def name_key(name: str) -> str:
    """A name a user writes, as it is compared with the schema's and the graph's: case, spaces,
    punctuation and a possessive 's left out ("Open AI's" is "openai")."""
    return re.sub(r"[\W_]+", "", POSSESSIVE.sub("", name.strip()).casefold())


@dataclass(frozen=True)
class Correction:
    kind: str
    entry: int
    """Its place in the file, from 1."""
    source: str
    """The file's name."""

    def describe(self) -> str:
        raise NotImplementedError

    @property
    def named(self) -> str:
        """The value of its kind's key: the name merged, aliased or retyped, the relation dropped."""
        raise NotImplementedError

    @property
    def label(self) -> str:
        """What it does and where it is written: `merge "Sam Elman" into "Sam Altman" (corrections.yaml, entry 3)`."""
        return f"{self.describe()} ({self.source}, entry {self.entry})"


@dataclass(frozen=True)
class Drop(Correction):
    """Leave out the claims of `relation` between `subject` and `object` (in one document, if given)."""

    relation: str = ""
    subject: str = ""
    object: str = ""
    document: str | None = None
    symmetric: bool = False

    def describe(self) -> str:
        where = f" in document {self.document}" if self.document else ""
        return f'drop "{self.subject} {self.relation} {self.object}"{where}'

    @property
    def named(self) -> str:
        return self.relation

    def drops(self, assertion: Assertion, document_id: str) -> bool:
        if assertion.predicate != self.relation or (self.document and name_key(self.document) != name_key(document_id)):
            return False
        ends = (_names(assertion.subject), _names(assertion.object))
        wanted = (name_key(self.subject), name_key(self.object))
        return (wanted[0] in ends[0] and wanted[1] in ends[1]) or (
            self.symmetric and wanted[1] in ends[0] and wanted[0] in ends[1]
        )


@dataclass(frozen=True)
class Rename(Correction):
    """`names` are names of `entity` (a merge: everything the merged entity was called; an alias: one)."""

    names: tuple[str, ...] = ()
    entity: str = ""
    type: str | None = None
    """The entity's type, to add it to the name list when entities.yaml does not have it."""

    def describe(self) -> str:
        return f'{self.kind} "{self.names[0]}" {"into" if self.kind == "merge" else "of"} "{self.entity}"'

    @property
    def named(self) -> str:
        return self.names[0]


@dataclass(frozen=True)
class Retype(Correction):
    entity: str = ""
    type: str = ""

    def describe(self) -> str:
        return f'retype "{self.entity}" as {self.type}'

    @property
    def named(self) -> str:
        return self.entity


def _names(entity: Entity) -> set[str]:
    return {name_key(entity.name), *map(name_key, entity.aliases)}


@dataclass(frozen=True)
class Corrections:
    entries: tuple[Correction, ...] = ()
    fingerprint: str = ""
    """A hash of the file: a document built under other corrections is built again."""
    _renamed: dict[str, Rename] = field(default_factory=dict, compare=False, repr=False)
    _retyped: dict[str, Retype] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for entry in self.entries:
            if isinstance(entry, Rename):
                self._renamed.update({name_key(name): entry for name in entry.names})
            elif isinstance(entry, Retype):
                self._retyped[name_key(entry.entity)] = entry

    def __bool__(self) -> bool:
        return bool(self.entries)

    def of_kind(self, kind: type[Correction]) -> list:
        return [entry for entry in self.entries if isinstance(entry, kind)]

    def kept(self, assertions: Iterable[Assertion], document_id: str) -> tuple[list[Assertion], set[Correction]]:
        """The assertions no drop takes out, and the drops that took some."""
        drops = self.of_kind(Drop)
        if not drops:
            return list(assertions), set()
        kept, used = [], set()
        for assertion in assertions:
            dropping = next((drop for drop in drops if drop.drops(assertion, document_id)), None)
            if dropping is None:
                kept.append(assertion)
            else:
                used.add(dropping)
        return kept, used

    def of_name(self, entity: Entity, text: str) -> Correction | None:
        """The correction that made `text`, as written, name `entity`, or gave it its type."""
        renamed = self._renamed.get(name_key(text))
        if renamed is not None and name_key(renamed.entity) == name_key(entity.name):
            return renamed
        retyped = self._retyped.get(name_key(entity.name))
        return retyped if retyped is not None and retyped.type == entity.type else None

    def of_claim(self, assertion: Assertion) -> set[Correction]:
        """The corrections that changed the names this assertion was read from, or their types."""
        found = {self.of_name(entity, text) for entity, text in assertion.surface_forms}
        found |= {self.of_name(entity, entity.name) for entity in (assertion.subject, assertion.object)}
        return {correction for correction in found if correction is not None}


def read_corrections(
    path: Path, relations: dict[str, bool], types: Collection[str], data: bytes | None = None
) -> Corrections:
    """The corrections in `path` (or `data`, what it is about to hold), checked against the
    schema's relations (name → symmetric) and entity types; a CorrectionsError lists every
    entry that is wrong."""
    try:
        data = path.read_bytes() if data is None else data
        document = yaml.load(data.decode("utf-8"), Loader=SafeLoader)
    except (OSError, UnicodeDecodeError) as error:
        raise CorrectionsError(f"{path}: cannot be read ({error})") from error
    except yaml.YAMLError as error:
        raise CorrectionsError(f"{path}: not valid YAML ({' '.join(str(error).split())})") from error
    if document is None:
        return Corrections(fingerprint=hashlib.sha256(data).hexdigest())
    if not isinstance(document, list):
        raise CorrectionsError(f"{path}: expected a list of corrections such as '- {{merge: NAME, into: NAME}}'")
    problems: list[str] = []
    entries = [_entry(item, index, path, relations, types, problems) for index, item in enumerate(document, 1)]
    raise_if(problems, path)
    return Corrections(tuple(e for e in entries if e is not None), hashlib.sha256(data).hexdigest())


def raise_if(problems: list[str], path: Path) -> None:
    if len(problems) == 1:
        raise CorrectionsError(problems[0])
    if problems:
        numbered = "\n".join(f"  {i}. {problem}" for i, problem in enumerate(problems, 1))
        raise CorrectionsError(f"{path} has {len(problems)} problems:\n{numbered}")


def entry_place(path: Path, index: int, item: Any) -> str:
    """How a problem names an entry: `corrections.yaml: entry 3 (merge 'Sam Elman')`."""
    if isinstance(item, Correction):
        return f"{path}: entry {index} ({item.kind} {item.named!r})"
    if isinstance(item, dict):
        kind = next((k for k in KINDS if k in item), None)
        if kind is not None:
            return f"{path}: entry {index} ({kind} {str(item[kind])!r})"
    return f"{path}: entry {index}"


def _entry(
    item: Any, index: int, path: Path, relations: dict[str, bool], types: Collection[str], problems: list[str]
) -> Correction | None:
    place = entry_place(path, index, item)
    kinds = [kind for kind in KINDS if isinstance(item, dict) and kind in item]
    if len(kinds) != 1:
        problems.append(f"{place}: give one of {', '.join(KINDS)} (e.g. merge: Sam Elman, into: Sam Altman)")
        return None
    kind = kinds[0]
    needed, optional = KINDS[kind]
    unknown = [k for k in item if k not in (kind, *needed, *optional)]
    missing = [k for k in needed if k not in item]
    if unknown or missing:
        wrong = f"unknown key {unknown[0]!r}" if unknown else f"missing {missing[0]!r}"
        problems.append(f"{place}: {wrong}; a {kind} takes {', '.join((kind, *needed, *optional))}")
        return None
    values = {k: item[k] for k in (kind, *needed, *optional) if k in item}
    empty = [k for k, v in values.items() if not isinstance(v, (str, int, float)) or not str(v).strip()]
    if empty:
        problems.append(f"{place}: {empty[0]} must be a name, not {values[empty[0]]!r}")
        return None
    text = {k: str(v).strip() for k, v in values.items()}
    entity_type = text.get("type") or text.get("as")
    if entity_type is not None and entity_type not in types:
        problems.append(f"{place}: {entity_type!r} is not an entity type; use one of {', '.join(types)}")
        return None
    source = path.name
    if kind == "drop":
        if text["drop"] not in relations:
            guess = difflib.get_close_matches(text["drop"], relations, n=1)
            hint = f"did you mean {guess[0]}?" if guess else f"use one of {', '.join(relations)}"
            problems.append(f"{place}: no relation {text['drop']!r}; {hint}")
            return None
        return Drop(
            kind,
            index,
            source,
            text["drop"],
            text["subject"],
            text["object"],
            text.get("document"),
            relations[text["drop"]],
        )
    if kind == "retype":
        return Retype(kind, index, source, text["retype"], text["as"])
    target = text["into" if kind == "merge" else "of"]
    if name_key(target) == name_key(text[kind]):
        problems.append(f"{place}: {text[kind]!r} and {target!r} are one name already")
        return None
    return Rename(kind, index, source, (text[kind],), target, text.get("type"))

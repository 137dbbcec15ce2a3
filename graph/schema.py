"""Load and validate schema/: relations, gazetteer, language cues, ontology and saved queries.

Problems are collected, numbered and raised together as one :class:`SchemaError`
naming the file, the entry and the fix.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml

from . import collector, parameters
from .corrections import FILE_NAME as CORRECTIONS_FILE
from .corrections import (
    Correction,
    Corrections,
    CorrectionsError,
    Rename,
    Retype,
    entry_place,
    name_key,
    raise_if,
    read_corrections,
)
from .errors import SchemaError
from .model import Entity

try:  # libyaml is ~12x faster than the pure-Python loader
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader  # type: ignore[assignment]

SCHEMA_FILES = ("relations.yaml", "entities.yaml", "language.yaml", "ontology.ttl")
PACKS = "entities_*.yaml"
"""Further name lists beside entities.yaml, in its format ("entities_industries.yaml"): optional."""
SLOT = re.compile(r"\{(\w+)\}")
COLOUR = re.compile(r"#[0-9a-fA-F]{6}\Z")
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")  # a local name of an IRI: a class or a predicate
SHAPES = (
    "dot",
    "diamond",
    "square",
    "hexagon",
    "triangle",
    "triangleDown",
    "star",
    "ellipse",
    "circle",
    "box",
    "database",
    "text",
)  # vis-network's node shapes that need no image or icon


@dataclass(frozen=True)
class Cue:
    phrase: str
    reverse: bool = False
    slots: tuple[str, ...] = ()
    other_first: bool = False
    """For a slot pattern: the other end stands before the pattern, whichever end the slot is."""


@dataclass(frozen=True)
class PeerLists:
    """Names of `types` listed together in one clause ("the race is Google, OpenAI and
    Anthropic"), at least `min_names` of them, hold the relation pairwise at `confidence`."""

    types: tuple[str, ...]
    min_names: int
    confidence: float
    not_after: tuple[str, ...] = ()
    """Words that, earlier in the clause, make the list one of something else ("integrations with")."""
    governed_by: tuple[str, ...] = ()
    """Words of which one must stand in the clause for the list to hold the relation ("racing",
    "rivals"); none: any list does."""


@dataclass(frozen=True)
class EntityType:
    """A class of the ontology and how its entities look on the network page."""

    name: str
    label: str
    comment: str
    colour: str
    shape: str


@dataclass(frozen=True)
class Relation:
    name: str
    label: str
    comment: str
    subject_types: tuple[str, ...]
    object_types: tuple[str, ...]
    cues: tuple[Cue, ...]
    symmetric: bool = False
    colour: str = ""
    """The colour of its edges on the network page."""
    confidence: float = 0.7
    window: int = 160
    slot_window: int = 60
    strict_object: bool = False
    lift_to_maker: bool = False
    maker_as_subject: bool = False
    topic_fallback: bool = False
    topic_despite_speaker: bool = False
    peer_lists: PeerLists | None = None
    not_before_object: tuple[str, ...] = ()
    not_after_cue: tuple[str, ...] = ()
    """Words that, between a cue and the name after it, make that name something other than its
    object ("buys chips from Nvidia": Nvidia sells)."""
    void_words: tuple[str, ...] = ()
    """Words that, in a cue's clause, undo what it says ("the deal fell through", "tried to buy")."""
    """Words that, right after a cue's object, make it a thing of that company ("buying Nvidia
    processors" buys processors, not Nvidia)."""
    known_from: str | None = None
    """The field of entities.yaml that states this relation (one of KNOWN_FACT_FIELDS)."""
    not_own_make: bool = False
    """A company does not hold it to what it develops itself."""
    own_make_only: bool = False
    """A product as its object must be the subject's own: a company makes money from its products."""
    rival_makers: bool = False
    """Two things of one maker never hold it; the makers of two that do hold it too."""
    implied_by: tuple[str, ...] = ()
    """Relations that, said of the same pair, say this one too: it is dropped beside them (a
    company's head works for it, but is said to lead it)."""


KNOWN_FACT_FIELDS = {"developer": "object", "leads": "subject", "works_for": "subject", "monetizes": "subject"}
"""The fields of entities.yaml that state a relation, and which end of it the listed entity is
(a product's developer develops it; a person leads their company)."""


@dataclass(frozen=True)
class VersionNaming:
    """How a model family names a spoken version ("gemini 2.5 pro" → Gemini 2.5 Pro)."""

    name: str  # a template with {version} and {tier}
    older: tuple[tuple[float, str], ...] = ()  # (below this version, template), lowest first
    tiers: tuple[str, ...] = ()

    def name_for(self, version: str, tier: str = "") -> str:
        number = float(version)
        template = next((t for below, t in self.older if number < below), self.name)
        return " ".join(template.format(version=version, tier=tier.title()).split())


@dataclass(frozen=True)
class GazetteerEntry:
    entity: Entity
    ambiguous_aliases: tuple[str, ...] = ()
    exact_case: tuple[str, ...] = ()  # ambiguous aliases that need no context written just so ("US")
    demonyms: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    developer: str | None = None
    leads: str | None = None
    works_for: str | None = None
    monetizes: tuple[str, ...] = ()  # revenue streams the company is known to make its money by
    versions: VersionNaming | None = None
    repairable: bool = True
    """Whether caption misspellings are repaired into it (a name list's repair_misspellings)."""


@dataclass(frozen=True)
class Introductions:
    """How a call introduces who speaks for whom: "your next question comes from Dan Levy at Barclays"."""

    relation: str = ""
    lead_ins: tuple[str, ...] = ()
    joiners: tuple[str, ...] = ()


@dataclass(frozen=True)
class OwnCompany:
    """The company whose call it is, named near one of `cues` in the first `within` characters;
    its people say `pronouns` ("we", "our") for it."""

    cues: tuple[str, ...] = ()
    within: int = 0
    pronouns: tuple[str, ...] = ()
    guest_cues: tuple[str, ...] = ()
    welcome: tuple[str, ...] = ()
    default_type: str | None = None
    """The type of a name no cue types in a company's call (its products, mostly)."""
    guest_pronouns: tuple[str, ...] = ()
    """What an interview's only guest says for themself ("I invest in ...")."""


@dataclass(frozen=True)
class CueReach:
    """How near a cue its names must stand for the cue to speak of them."""

    max_words: int = 8
    other_subjects: tuple[str, ...] = ()
    joined_verb: tuple[str, ...] = ()
    object_verbs: tuple[str, ...] = ()
    relatives: tuple[str, ...] = ()
    saying: tuple[str, ...] = ()
    object_stops: tuple[str, ...] = ()
    """Words that end the stretch after a cue its object may stand in ("and then", "but")."""


@dataclass(frozen=True)
class OpenRevenueStreams:
    """How a way of making money no list has is named by the words of money around it."""

    heads: tuple[str, ...] = ()
    owned_heads: tuple[str, ...] = ()
    owners: tuple[str, ...] = ()
    openers: tuple[str, ...] = ()
    named_with_head: tuple[str, ...] = ()
    dropped_endings: tuple[str, ...] = ()
    not_streams: tuple[str, ...] = ()
    not_endings: tuple[str, ...] = ()
    not_after_heads: tuple[str, ...] = ()
    max_words: int = 3
    common_rank: int = 0


@dataclass(frozen=True)
class Language:
    pronouns: dict[str, tuple[str, ...]]
    pronoun_blockers: dict[str, tuple[str, ...]]
    """Plural nouns that, acting just before a subject pronoun, are what it stands for."""
    pronoun_blockers_acting: tuple[str, ...]
    """The words after such a noun that make it the one acting ("people are", "users will")."""
    topic_markers: tuple[str, ...]
    negations: tuple[str, ...]
    negation_window: int
    hedges: tuple[str, ...]
    predictions: tuple[str, ...]
    speaker_plans: tuple[str, ...]
    speaker_subjects: tuple[str, ...]
    modality_window: int
    modality_confidence: dict[str, float]
    clause_markers: tuple[str, ...]
    clause_max_words: int
    clause_min_words: int
    punctuated_min_per_100_words: float
    type_context: dict[str, tuple[str, ...]]
    context_window: int
    common_words: frozenset[str]
    min_confidence: float
    object_markers: tuple[str, ...]
    fillers: tuple[str, ...]
    pair_joiners: tuple[str, ...]
    affiliation_words: frozenset[str]
    money_words: tuple[str, ...]
    list_joiners: tuple[str, ...]
    list_openers: tuple[str, ...]
    kind_joiners: tuple[str, ...]
    unknown_names: dict
    pairing: tuple[str, ...] = ()
    """The words of a symmetric cue that make the list after it peers of each other."""
    roles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Role words ("ceo", "cfo") by the relation they state between a person and a company."""
    role_fillers: tuple[str, ...] = ()
    role_links: tuple[str, ...] = ()
    introductions: Introductions = Introductions()
    own_company: OwnCompany = OwnCompany()
    open_revenue_streams: OpenRevenueStreams = OpenRevenueStreams()
    cue_reach: CueReach = CueReach()


@dataclass(frozen=True)
class Schema:
    directory: Path
    relations: dict[str, Relation]
    entries: tuple[GazetteerEntry, ...]
    language: Language
    standalone_types: frozenset[str]
    queries: dict[str, str] = field(default_factory=dict)
    common_words: tuple[str, ...] = ()
    """The most frequent English words, most frequent first (common_words.txt; optional)."""
    fingerprint: str = ""
    """A hash of every schema file: a document built under another schema is built again."""
    first_names: frozenset[str] = frozenset()
    """Given names that start a person's name (first_names.txt; optional)."""
    entity_types: dict[str, EntityType] = field(default_factory=dict)
    """The ontology's classes, in the order relations.yaml lists them."""
    corrections: Corrections = field(default_factory=Corrections)
    """The user's corrections (corrections.yaml): their names are in `entries` already."""

    @property
    def ontology_path(self) -> Path:
        return self.directory / "ontology.ttl"

    def entry(self, name: str) -> GazetteerEntry | None:
        return self._by_name.get(name.casefold())

    def relation_known_from(self, field_name: str) -> Relation | None:
        """The relation that a field of entities.yaml (`developer`, `leads` …) states, if any."""
        return next((r for r in self.relations.values() if r.known_from == field_name), None)

    @property
    def maker_relation(self) -> Relation | None:
        """The relation between a product or model and its maker: the one its `developer` states."""
        return self.relation_known_from("developer")

    @property
    def _by_name(self) -> dict[str, GazetteerEntry]:
        cache = self.__dict__.get("_by_name_cache")
        if cache is None:
            cache = {e.entity.name.casefold(): e for e in self.entries}
            object.__setattr__(self, "_by_name_cache", cache)
        return cache


def default_schema_dir() -> Path:
    """schema/ beside the package in a checkout, else the copy shipped inside the wheel."""
    checkout = Path(__file__).resolve().parent.parent / "schema"
    if (checkout / "relations.yaml").is_file():
        return checkout
    return Path(str(resources.files("graph") / "schema_data"))


@functools.cache
def default_schema() -> Schema:
    """The default schema folder's Schema, loaded once per process."""
    return load_schema()


def load_schema(directory: str | Path | None = None, corrections: str | Path | Literal[False] | None = None) -> Schema:
    """The schema in `directory` (default: schema/), with the corrections in the file `corrections`
    or, without one, in the folder's corrections.yaml when there is one (False: with none)."""
    with collector.paused():  # YAML makes tens of thousands of containers: every command starts here
        schema = _load_schema(Path(directory) if directory else default_schema_dir())
        if corrections is False:
            return schema
        if corrections is not None and not Path(corrections).is_file():
            raise CorrectionsError(f"{corrections}: no such corrections file")
        path = Path(corrections) if corrections is not None else schema.directory / CORRECTIONS_FILE
        return corrected(schema, path) if path.is_file() else schema


def corrected(schema: Schema, path: Path, data: bytes | None = None) -> Schema:
    """`schema` with the corrections of the file at `path` (or `data`, what it is about to hold):
    merges, aliases and retypes made in its name list, drops kept for the mapping to RDF, and a
    fingerprint that tells them apart."""
    relations = {name: relation.symmetric for name, relation in schema.relations.items()}
    read = read_corrections(path, relations, tuple(schema.entity_types), data)
    entries = list(schema.entries)
    problems: list[str] = []
    applied: list[Correction] = []
    for correction in read.entries:
        place = entry_place(path, correction.entry, correction)
        if isinstance(correction, Rename):
            correction = _rename(entries, correction, place, problems)
        elif isinstance(correction, Retype):
            _retype(entries, correction, schema, place, problems)
        applied.append(correction)
    references: list[str] = []
    _check_references(entries, references)
    problems += [f"{path}: after its corrections, {problem}" for problem in references]
    raise_if(problems, path)
    fingerprint = hashlib.sha256(f"{schema.fingerprint}\x1f{read.fingerprint}".encode()).hexdigest()
    return replace(
        schema,
        entries=tuple(entries),
        fingerprint=fingerprint,
        corrections=Corrections(tuple(applied), read.fingerprint),
    )


def _find(entries: list[GazetteerEntry], name: str, aliases: bool = False) -> GazetteerEntry | None:
    """The entry named `name` (or, with `aliases`, that has it as a plain alias), as corrections compare names."""
    wanted = name_key(name)
    return next(
        (
            e
            for e in entries
            if name_key(e.entity.name) == wanted or (aliases and wanted in map(name_key, e.entity.aliases))
        ),
        None,
    )


def _rename(entries: list[GazetteerEntry], rename: Rename, place: str, problems: list[str]) -> Rename:
    """Make the names of `rename` plain aliases of its entity, taken from every other entry; a
    merged entity of the list goes, its names with it. The correction comes back with every name it moved."""
    target = _find(entries, rename.entity, aliases=True)
    merged = _find(entries, rename.names[0])
    if target is None and rename.type is None:
        problems.append(f"{place}: {rename.entity!r} is not in entities.yaml; fix the name, or add type: to add it")
        return rename
    if merged is not None and rename.kind == "alias":
        problems.append(f"{place}: {rename.names[0]!r} is an entity of entities.yaml; merge it instead")
        return rename
    if target is not None and (merged is target or name_key(rename.names[0]) in map(name_key, target.entity.aliases)):
        problems.append(f"{place}: {rename.names[0]!r} is a name of {target.entity.name!r} already")
        return rename
    if target is None:
        target = GazetteerEntry(Entity(rename.entity, str(rename.type)))
        entries.append(target)
    names = list(rename.names)
    if merged is not None:
        names += [merged.entity.name, *merged.entity.aliases, *merged.ambiguous_aliases]
        entries.remove(merged)
        _refer(entries, merged.entity.name, target.entity.name)
    moved = {name_key(name) for name in names}
    for index, entry in enumerate(entries):
        kept = _without(entry, moved)
        if entry is target:
            aliases = dict.fromkeys((*kept.entity.aliases, *(name.lower() for name in names)))
            kept = replace(kept, entity=replace(kept.entity, aliases=tuple(aliases)))
        entries[index] = kept
    return replace(rename, names=tuple(dict.fromkeys(names)))


def _without(entry: GazetteerEntry, names: set[str]) -> GazetteerEntry:
    """The entry without the aliases (plain or ambiguous) whose keys are among `names`."""
    aliases = tuple(a for a in entry.entity.aliases if name_key(a) not in names)
    ambiguous = tuple(a for a in entry.ambiguous_aliases if name_key(a) not in names)
    if (aliases, ambiguous) == (entry.entity.aliases, entry.ambiguous_aliases):
        return entry
    exact_case = tuple(a for a in entry.exact_case if name_key(a) not in names)
    return replace(
        entry, entity=replace(entry.entity, aliases=aliases), ambiguous_aliases=ambiguous, exact_case=exact_case
    )


def _refer(entries: list[GazetteerEntry], old: str, new: str) -> None:
    """Point the facts of every entry that names `old` (its developer, company, revenue) at `new`."""
    for index, entry in enumerate(entries):
        changes: dict[str, Any] = {f: new for f in ("developer", "leads", "works_for") if getattr(entry, f) == old}
        if old in entry.monetizes:
            changes["monetizes"] = tuple(new if stream == old else stream for stream in entry.monetizes)
        if changes:
            entries[index] = replace(entry, **changes)


def _retype(entries: list[GazetteerEntry], retype: Retype, schema: Schema, place: str, problems: list[str]) -> None:
    """Give the entity its new type; one entities.yaml does not have is added with it."""
    entry = _find(entries, retype.entity)
    if entry is None:
        entries.append(GazetteerEntry(Entity(retype.entity, retype.type)))
        return
    if entry.entity.type == retype.type:
        problems.append(f"{place}: it is a {retype.type} in entities.yaml already; remove the entry")
        return
    for field_name, end in KNOWN_FACT_FIELDS.items():
        relation = schema.relation_known_from(field_name)
        if relation is None or not getattr(entry, field_name):
            continue
        if retype.type not in (relation.subject_types if end == "subject" else relation.object_types):
            problems.append(
                f"{place}: entities.yaml gives it {field_name}, which a {retype.type} cannot have; "
                "remove that field from entities.yaml"
            )
    also = tuple(t for t in entry.entity.also if t != retype.type)
    entries[entries.index(entry)] = replace(entry, entity=replace(entry.entity, type=retype.type, also=also))


def _load_schema(directory: Path) -> Schema:
    problems: list[str] = []
    missing = [name for name in SCHEMA_FILES if not (directory / name).is_file()]
    if missing:
        raise SchemaError(
            f"schema folder {directory} lacks {', '.join(missing)}; "
            "copy the default schema/ folder and edit it, or omit --schema"
        )
    relations_doc = _read_yaml(directory / "relations.yaml", problems)
    entities_doc = _read_yaml(directory / "entities.yaml", problems)
    packs = [(path.name, _read_yaml(path, problems)) for path in sorted(directory.glob(PACKS))]
    language_doc = _read_yaml(directory / "language.yaml", problems)
    _raise_if(problems, directory)
    entity_types = _entity_types(relations_doc, problems)
    types = tuple(entity_types)
    relations = _relations(relations_doc, types, problems)
    entries, standalone = _entries(entities_doc, types, problems, packs)
    language = _language(language_doc, types, relations, problems)
    queries = _queries(directory / "queries", problems)
    _raise_if(problems, directory)
    return Schema(
        directory,
        relations,
        entries,
        language,
        standalone,
        queries,
        _word_list(directory / "common_words.txt"),
        _fingerprint(directory),
        frozenset(_word_list(directory / "first_names.txt")),
        entity_types,
    )


def _fingerprint(directory: Path) -> str:
    """A hash of every file of the folder; corrections count only where they are used (see corrected)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in directory.rglob("*") if p.is_file() and p != directory / CORRECTIONS_FILE):
        digest.update(path.relative_to(directory).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _word_list(path: Path) -> tuple[str, ...]:
    if not path.is_file():
        return ()
    lines = map(str.strip, path.read_text(encoding="utf-8").lower().splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


def _raise_if(problems: list[str], directory: Path) -> None:
    if problems:
        numbered = "\n".join(f"  {i}. {p}" for i, p in enumerate(problems, 1))
        raise SchemaError(f"schema {directory} has {len(problems)} problem(s):\n{numbered}")


def _read_yaml(path: Path, problems: list[str]) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader) or {}
    except yaml.YAMLError as error:
        problems.append(f"{path.name}: not valid YAML ({error}); fix the syntax at the line shown")
    except (OSError, UnicodeDecodeError) as error:
        problems.append(f"{path.name}: cannot be read ({error})")
    return {}


def _string_list(value: Any, where: str, problems: list[str]) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
        problems.append(f"{where}: expected a list of strings, got {value!r}")
        return ()
    yes_no = [v for v in value if isinstance(v, bool)]
    if yes_no:  # YAML reads a bare on, off, yes or no as true or false
        problems.append(f'{where}: {yes_no[0]!r} is a yes/no to YAML; quote the word ("on", "no", "off")')
        return ()
    return tuple(str(v) for v in value)


def _types(value: Any, known: tuple[str, ...], where: str, problems: list[str]) -> tuple[str, ...]:
    types = _string_list(value, where, problems)
    for t in types:
        if t not in known:
            problems.append(f"{where}: unknown type {t!r}; use one of {', '.join(known)}")
    if not types:
        problems.append(f"{where}: give at least one entity type")
    return types


def _named_mappings(doc: Any, key: str, contents: str, problems: list[str]) -> Iterator[tuple[str, dict, str]]:
    """(name, definition, where to point a problem) of each entry of relations.yaml's mapping `key`."""
    items = doc.get(key) if isinstance(doc, dict) else None
    if not isinstance(items, dict) or not items:
        problems.append(f"relations.yaml: needs a mapping '{key}:' of name to a mapping with {contents}")
        return
    for name, spec in items.items():
        where = f"relations.yaml: {key}.{name}"
        if not isinstance(spec, dict):
            problems.append(f"{where}: expected a mapping with {contents}")
            continue
        _check_name(str(name), where, problems)
        yield str(name), spec, where


def _entity_types(doc: Any, problems: list[str]) -> dict[str, EntityType]:
    types = {}
    for name, spec, where in _named_mappings(doc, "entity_types", "label, comment, colour and shape", problems):
        types[name] = EntityType(
            name,
            str(spec.get("label", name)),
            str(spec.get("comment", "")),
            _colour(spec.get("colour"), f"{where}.colour", problems),
            _shape(spec.get("shape", "dot"), f"{where}.shape", problems),
        )
    return types


def _colour(value: Any, where: str, problems: list[str]) -> str:
    if not isinstance(value, str) or not COLOUR.match(value):
        problems.append(f'{where}: give a colour as "#rrggbb" (in quotes), not {value!r}')
        return ""
    return value.lower()


def _shape(value: Any, where: str, problems: list[str]) -> str:
    if value not in SHAPES:
        problems.append(f"{where}: {value!r} is not a shape the network page draws; use one of {', '.join(SHAPES)}")
    return str(value)


def _check_name(name: str, where: str, problems: list[str]) -> None:
    if not NAME.match(name):
        problems.append(f"{where}: {name!r} cannot be the local name of an IRI; use letters, digits and _ only")


def _relations(doc: Any, types: tuple[str, ...], problems: list[str]) -> dict[str, Relation]:
    relations: dict[str, Relation] = {}
    for name, spec, where in _named_mappings(doc, "relations", "subject, object, colour and cues", problems):
        cues = tuple(
            _cue(c, False, types, where, problems) for c in _string_list(spec.get("cues"), f"{where}.cues", problems)
        )
        cues += tuple(
            _cue(c, True, types, where, problems)
            for c in _string_list(spec.get("reverse_cues"), f"{where}.reverse_cues", problems)
        )
        cues += tuple(
            _cue(c, False, types, where, problems, other_first=True)
            for c in _string_list(spec.get("other_first_cues"), f"{where}.other_first_cues", problems)
        )
        if not cues:
            problems.append(f"{where}: has no cues; add words that state this relation under 'cues'")
        confidence = spec.get("confidence", 0.7)
        if not isinstance(confidence, (int, float)) or not 0 < confidence <= 1:
            problems.append(f"{where}.confidence: must be a number in (0, 1], got {confidence!r}")
            confidence = 0.7
        relations[name] = Relation(
            name=name,
            label=str(spec.get("label", name)),
            comment=str(spec.get("comment", "")),
            subject_types=_types(spec.get("subject"), types, f"{where}.subject", problems),
            object_types=_types(spec.get("object"), types, f"{where}.object", problems),
            cues=cues,
            symmetric=bool(spec.get("symmetric", False)),
            colour=_colour(spec.get("colour"), f"{where}.colour", problems),
            confidence=float(confidence),
            window=int(spec.get("window", 160)),
            slot_window=int(spec.get("slot_window", 60)),
            strict_object=bool(spec.get("strict_object", False)),
            lift_to_maker=bool(spec.get("lift_to_maker", False)),
            maker_as_subject=bool(spec.get("maker_as_subject", False)),
            topic_fallback=bool(spec.get("topic_fallback", False)),
            topic_despite_speaker=bool(spec.get("topic_despite_speaker", False)),
            peer_lists=_peer_lists(spec.get("peer_lists"), types, f"{where}.peer_lists", problems),
            not_before_object=tuple(
                w.lower() for w in _string_list(spec.get("not_before_object"), f"{where}.not_before_object", problems)
            ),
            not_after_cue=tuple(
                w.lower() for w in _string_list(spec.get("not_after_cue"), f"{where}.not_after_cue", problems)
            ),
            void_words=tuple(w.lower() for w in _string_list(spec.get("void_words"), f"{where}.void_words", problems)),
            known_from=_known_from(spec.get("known_from"), f"{where}.known_from", relations, problems),
            not_own_make=bool(spec.get("not_own_make", False)),
            own_make_only=bool(spec.get("own_make_only", False)),
            rival_makers=bool(spec.get("rival_makers", False)),
            implied_by=tuple(_string_list(spec.get("implied_by"), f"{where}.implied_by", problems)),
        )
    for relation in relations.values():
        for name in relation.implied_by:
            if name not in relations:
                problems.append(f"relations.yaml: {relation.name}.implied_by: {name!r} is no relation of the file")
    return relations


def _known_from(value: Any, where: str, relations: dict[str, Relation], problems: list[str]) -> str | None:
    if value is None:
        return None
    if value not in KNOWN_FACT_FIELDS:
        problems.append(
            f"{where}: {value!r} is not a field of entities.yaml that states a relation; "
            f"use one of: {', '.join(KNOWN_FACT_FIELDS)}"
        )
        return None
    taken = next((r.name for r in relations.values() if r.known_from == value), None)
    if taken is not None:
        problems.append(f"{where}: {value!r} already states {taken}; a field states one relation")
        return None
    return value


def _peer_lists(value: Any, known: tuple[str, ...], where: str, problems: list[str]) -> PeerLists | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        problems.append(f"{where}: expected a mapping with types, min_names and confidence")
        return None
    # a value found wrong is reported; the schema then fails to load, so it is never used
    min_names, confidence = value.get("min_names", 3), value.get("confidence", 0.45)
    if not isinstance(min_names, int) or isinstance(min_names, bool) or min_names < 2:
        problems.append(f"{where}.min_names: must be a whole number of at least 2, got {min_names!r}")
    if not isinstance(confidence, (int, float)) or not 0 < confidence <= 1:
        problems.append(f"{where}.confidence: must be a number in (0, 1], got {confidence!r}")
    not_after = tuple(w.lower() for w in _string_list(value.get("not_after"), f"{where}.not_after", problems))
    governed_by = tuple(w.lower() for w in _string_list(value.get("governed_by"), f"{where}.governed_by", problems))
    types = _types(value.get("types"), known, f"{where}.types", problems)
    return PeerLists(types, min_names, confidence, not_after, governed_by)


def _cue(
    phrase: str, reverse: bool, types: tuple[str, ...], where: str, problems: list[str], other_first: bool = False
) -> Cue:
    slots = tuple(SLOT.findall(phrase))
    for slot in slots:
        if slot not in types:
            problems.append(f"{where}: cue {phrase!r} has unknown slot {{{slot}}}; use an entity type")
    if len(slots) > 1:
        problems.append(f"{where}: cue {phrase!r} has {len(slots)} slots; a pattern takes one")
    if other_first and not slots:
        problems.append(f"{where}: other_first cue {phrase!r} needs a slot such as {{Company}}")
    return Cue(phrase.lower(), reverse, slots, other_first)


def _entries(
    doc: Any, known: tuple[str, ...], problems: list[str], packs: Sequence[tuple[str, Any]] = ()
) -> tuple[tuple[GazetteerEntry, ...], frozenset[str]]:
    """The entries of entities.yaml, then those of the further name lists (`packs`: file name and
    content, each a mapping with an 'entities:' list)."""
    types = doc.get("types", {}) if isinstance(doc, dict) else {}
    for unknown in sorted(set(types) - set(known)):
        problems.append(
            f"entities.yaml: types.{unknown}: not an entity type of relations.yaml; use one of {', '.join(known)}"
        )
    standalone = frozenset(t for t in known if (types.get(t) or {}).get("standalone", True))
    items = [
        (file, index, item, _repairable(file, content, problems))
        for file, content in [("entities.yaml", doc), *packs]
        for index, item in enumerate(_entity_list(file, content, problems), 1)
    ]
    if not items:
        return (), standalone
    entries: list[GazetteerEntry] = []
    seen_names: dict[str, str] = {}
    for file, index, item, repairable in items:
        where = f"{file}: entity #{index}"
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            problems.append(f"{where}: expected a mapping with a 'name' string, got {item!r}")
            continue
        name = item["name"].strip()
        where = f"{file}: entity {name!r}"
        etype = item.get("type")
        if etype not in known:
            problems.append(f"{where}: type {etype!r} is not one of {', '.join(known)}")
            continue
        here = f"#{index}" if file == "entities.yaml" else f"{file} #{index}"
        if name.casefold() in seen_names:
            problems.append(f"{where}: listed twice (entries {seen_names[name.casefold()]} and {here}); merge them")
            continue
        seen_names[name.casefold()] = here
        aliases = _string_list(item.get("aliases"), f"{where}.aliases", problems)
        also = _string_list(item.get("also"), f"{where}.also", problems)
        for other in also:
            if other not in known:
                problems.append(f"{where}.also: {other!r} is not one of {', '.join(known)}")
        if also and item.get("versions") is not None:  # validate reads an entity's types from its listed name
            problems.append(f"{where}: a model family with versions takes one type; drop its also")
        entries.append(
            GazetteerEntry(
                entity=Entity(name, etype, tuple(a.lower() for a in aliases), tuple(t for t in also if t != etype)),
                ambiguous_aliases=tuple(
                    a.lower()
                    for a in _string_list(item.get("ambiguous_aliases"), f"{where}.ambiguous_aliases", problems)
                ),
                exact_case=_exact_case(item, where, problems),
                demonyms=tuple(d.lower() for d in _string_list(item.get("demonyms"), f"{where}.demonyms", problems)),
                context=tuple(w.lower() for w in _string_list(item.get("context"), f"{where}.context", problems)),
                developer=item.get("developer"),
                leads=item.get("leads"),
                works_for=item.get("works_for"),
                monetizes=tuple(_string_list(item.get("monetizes"), f"{where}.monetizes", problems)),
                versions=_versions(item.get("versions"), etype, f"{where}.versions", problems),
                repairable=repairable,
            )
        )
    _check_references(entries, problems)
    return tuple(entries), standalone


def _repairable(file: str, content: Any, problems: list[str]) -> bool:
    value = content.get("repair_misspellings", True) if isinstance(content, dict) else True
    if not isinstance(value, bool):
        problems.append(f"{file}: repair_misspellings: expected true or false, not {value!r}")
        return True
    return value


def _entity_list(file: str, content: Any, problems: list[str]) -> list:
    items = content.get("entities") if isinstance(content, dict) else None
    if not isinstance(items, list):
        problems.append(f"{file}: needs a list 'entities:' of {{name, type, aliases}}")
        return []
    return items


def _exact_case(item: dict, where: str, problems: list[str]) -> tuple[str, ...]:
    written = _string_list(item.get("exact_case"), f"{where}.exact_case", problems)
    ambiguous = {a.lower() for a in _string_list(item.get("ambiguous_aliases"), f"{where}.ambiguous_aliases", [])}
    for form in written:
        if form.lower() not in ambiguous:
            problems.append(f"{where}.exact_case: {form!r} is not one of its ambiguous_aliases; add it there first")
    return tuple(written)


def _versions(value: Any, etype: str, where: str, problems: list[str]) -> VersionNaming | None:
    if value is None:
        return None
    if etype != "AIModel" or not isinstance(value, dict) or not isinstance(value.get("name"), str):
        problems.append(
            f"{where}: an AIModel's versions are {{name: 'Family {{version}}', tiers: [...], "
            f"older: {{4: 'template below version 4'}}}}, got {value!r}"
        )
        return None
    templates = [value["name"]]
    older = value.get("older") or {}
    if not isinstance(older, dict) or not all(
        isinstance(k, (int, float)) and isinstance(v, str) for k, v in older.items()
    ):
        problems.append(f"{where}.older: expected a mapping of version number to template, got {older!r}")
        older = {}
    templates += older.values()
    for template in templates:
        if "{version}" not in template or re.search(r"\{(?!version\}|tier\})", template):
            problems.append(
                f"{where}: template {template!r} needs {{version}} and may use only {{version}} and {{tier}}"
            )
            return None
    tiers = tuple(t.lower() for t in _string_list(value.get("tiers"), f"{where}.tiers", problems))
    return VersionNaming(value["name"], tuple(sorted((float(k), v) for k, v in older.items())), tiers)


def _check_references(entries: list[GazetteerEntry], problems: list[str]) -> None:
    companies = {e.entity.name for e in entries if e.entity.type == "Company"}
    streams = {e.entity.name for e in entries if e.entity.type == "RevenueStream"}
    for entry in entries:
        for field_name in ("developer", "leads", "works_for"):
            target = getattr(entry, field_name)
            if target is not None and target not in companies:
                problems.append(
                    f"entities.yaml: entity {entry.entity.name!r}.{field_name}: {target!r} is not a Company "
                    "in entities.yaml; add it or fix the spelling"
                )
        for stream in entry.monetizes:
            if stream not in streams:
                problems.append(
                    f"entities.yaml: entity {entry.entity.name!r}.monetizes: {stream!r} is not a "
                    "RevenueStream in entities.yaml; add it or fix the spelling"
                )


def _language(doc: Any, types: tuple[str, ...], relations: dict[str, Relation], problems: list[str]) -> Language:
    if not isinstance(doc, dict):
        problems.append("language.yaml: expected a mapping")
        doc = {}

    def words(key: str) -> tuple[str, ...]:
        return tuple(w.lower() for w in _string_list(doc.get(key), f"language.yaml: {key}", problems))

    def by_type(key: str) -> dict[str, tuple[str, ...]]:
        value = doc.get(key) or {}
        if not isinstance(value, dict):
            problems.append(f"language.yaml: {key}: expected a mapping of entity type to words")
            return {}
        for t in value:
            if t not in types:
                problems.append(f"language.yaml: {key}.{t}: unknown entity type; use one of {', '.join(types)}")
        return {
            t: tuple(w.lower() for w in _string_list(v, f"language.yaml: {key}.{t}", problems))
            for t, v in value.items()
        }

    def number(key: str, default: float) -> float:
        value = doc.get(key, default)
        if not isinstance(value, (int, float)) or value < 0:
            problems.append(f"language.yaml: {key}: expected a non-negative number, got {value!r}")
            return default
        return value

    def gaps(key: str, required: bool = True) -> tuple[str, ...]:
        """What may stand between two names, "" for nothing; compared with the gap's words in lower
        case, where a hyphen is a space. Lists of names need these: a folder without one is told so."""
        if required and key not in doc:
            problems.append(f"language.yaml: {key} is missing; copy it from the default schema/language.yaml")
        return tuple(" ".join(w.split()) for w in words(key))

    confidence = doc.get("modality_confidence") or {"stated": 1.0, "hedged": 0.6, "predicted": 0.5}
    return Language(
        pronouns=by_type("pronouns"),
        pronoun_blockers=by_type("pronoun_blockers"),
        pronoun_blockers_acting=words("pronoun_blockers_acting"),
        topic_markers=words("topic_markers"),
        negations=words("negations"),
        negation_window=int(number("negation_window", 30)),
        hedges=words("hedges"),
        predictions=words("predictions"),
        speaker_plans=words("speaker_plans"),
        speaker_subjects=words("speaker_subjects"),
        modality_window=int(number("modality_window", 60)),
        modality_confidence={str(k): float(v) for k, v in confidence.items()},
        clause_markers=words("clause_markers"),
        clause_max_words=int(number("clause_max_words", 45)),
        clause_min_words=int(number("clause_min_words", 6)),
        punctuated_min_per_100_words=float(number("punctuated_min_per_100_words", 2.5)),
        type_context=by_type("type_context"),
        context_window=int(number("context_window", 80)),
        common_words=frozenset(words("common_words")),
        min_confidence=float(number("min_confidence", 0.4)),
        object_markers=words("object_markers"),
        fillers=words("fillers"),
        pair_joiners=gaps("pair_joiners", required=False),
        affiliation_words=frozenset(words("affiliation_words")),
        money_words=words("money_words"),
        list_joiners=gaps("list_joiners"),
        list_openers=gaps("list_openers"),
        kind_joiners=gaps("kind_joiners"),
        unknown_names=_unknown_names(doc.get("unknown_names"), types, problems),
        pairing=words("pairing"),
        roles=_roles(doc.get("roles"), relations, problems),
        role_fillers=words("role_fillers"),
        role_links=words("role_links"),
        introductions=_introductions(doc.get("introductions"), relations, problems),
        own_company=_own_company(doc.get("own_company"), types, problems),
        open_revenue_streams=_open_revenue_streams(doc.get("open_revenue_streams"), problems),
        cue_reach=_cue_reach(doc.get("cue_reach"), problems),
    )


def _person_relation(name: Any, relations: dict[str, Relation], where: str, problems: list[str]) -> str:
    """The name of a relation from a person to a company, as a role or an introduction states one."""
    relation = relations.get(str(name))
    if relation is None or "Person" not in relation.subject_types or "Company" not in relation.object_types:
        fitting = [r.name for r in relations.values() if "Person" in r.subject_types and "Company" in r.object_types]
        problems.append(
            f"language.yaml: {where}: {name!r} is no relation from a Person to a Company; use one of "
            f"{', '.join(fitting)}"
        )
        return ""
    return relation.name


def _mapping(value: Any, where: str, contents: str, problems: list[str]) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        problems.append(f"language.yaml: {where}: expected a mapping of {contents}")
        return {}
    return value


def _roles(value: Any, relations: dict[str, Relation], problems: list[str]) -> dict[str, tuple[str, ...]]:
    roles = {}
    for name, words in _mapping(value, "roles", "relation to role words", problems).items():
        relation = _person_relation(name, relations, f"roles.{name}", problems)
        if relation:
            roles[relation] = tuple(w.lower() for w in _string_list(words, f"language.yaml: roles.{name}", problems))
    return roles


def _introductions(value: Any, relations: dict[str, Relation], problems: list[str]) -> Introductions:
    value = _mapping(value, "introductions", "relation, lead_ins and joiners", problems)
    if not value:
        return Introductions()
    words = _section_words(value, "introductions", problems)
    relation = _person_relation(value.get("relation"), relations, "introductions.relation", problems)
    return Introductions(relation, words("lead_ins"), words("joiners"))


def _own_company(value: Any, types: tuple[str, ...], problems: list[str]) -> OwnCompany:
    value = _mapping(value, "own_company", "cues, within and pronouns", problems)
    words = _section_words(value, "own_company", problems)
    within = _whole(value, "own_company", "within", 0, problems)
    default_type = value.get("default_type")
    if default_type is not None and default_type not in types:
        problems.append(f"language.yaml: own_company.default_type: use one of {', '.join(types)}")
    return OwnCompany(
        words("cues"),
        within,
        words("pronouns"),
        words("guest_cues"),
        words("welcome"),
        default_type,
        words("guest_pronouns"),
    )


def _open_revenue_streams(value: Any, problems: list[str]) -> OpenRevenueStreams:
    section = "open_revenue_streams"
    value = _mapping(value, section, "heads, owned_heads, owners, openers and not_streams", problems)
    words = _section_words(value, section, problems)
    return OpenRevenueStreams(
        heads=words("heads"),
        owned_heads=words("owned_heads"),
        owners=words("owners"),
        openers=words("openers"),
        named_with_head=words("named_with_head"),
        dropped_endings=words("dropped_endings"),
        not_streams=words("not_streams"),
        not_endings=words("not_endings"),
        not_after_heads=words("not_after_heads"),
        max_words=_whole(value, section, "max_words", 3, problems),
        common_rank=_whole(value, section, "common_rank", 0, problems),
    )


def _cue_reach(value: Any, problems: list[str]) -> CueReach:
    value = _mapping(
        value,
        "cue_reach",
        "max_words, other_subjects, joined_verb, object_verbs, relatives, saying and object_stops",
        problems,
    )
    words = _section_words(value, "cue_reach", problems)
    return CueReach(
        _whole(value, "cue_reach", "max_words", 8, problems),
        words("other_subjects"),
        words("joined_verb"),
        words("object_verbs"),
        words("relatives"),
        words("saying"),
        words("object_stops"),
    )


def _section_words(value: dict, section: str, problems: list[str]):
    def words(key: str) -> tuple[str, ...]:
        return tuple(w.lower() for w in _string_list(value.get(key), f"language.yaml: {section}.{key}", problems))

    return words


def _whole(value: dict, section: str, key: str, default: int, problems: list[str]) -> int:
    number = value.get(key, default)
    if not isinstance(number, int) or isinstance(number, bool) or number < 0:
        problems.append(f"language.yaml: {section}.{key}: expected a whole number ≥ 0, not {number!r}")
        return default
    return number


def _unknown_names(value: Any, types: tuple[str, ...], problems: list[str]) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        problems.append("language.yaml: unknown_names: expected a mapping (min_count, default_type, type_cues)")
        return {}
    for key in ("default_type", "common_words_type"):
        if value.get(key, "Company") not in types:
            problems.append(f"language.yaml: unknown_names.{key}: use one of {', '.join(types)}")
    for key in ("min_count", "common_rank", "surname_rank"):
        if key in value and (not isinstance(value[key], int) or isinstance(value[key], bool) or value[key] < 0):
            problems.append(f"language.yaml: unknown_names.{key}: expected a whole number ≥ 0, not {value[key]!r}")
    for etype, sides in (value.get("type_cues") or {}).items():
        if etype not in types or not isinstance(sides, dict):
            problems.append(
                f"language.yaml: unknown_names.type_cues.{etype}: expected an entity type "
                "mapping to 'before' and 'after' word lists"
            )
    for key in ("company_endings", "not_name_endings", "not_names"):
        _string_list(value.get(key), f"language.yaml: unknown_names.{key}", problems)
    for key in ("company_anchors", "product_anchors"):
        anchors = value.get(key) or {}
        if not isinstance(anchors, dict) or set(anchors) - {"before", "after"}:
            problems.append(f"language.yaml: unknown_names.{key}: expected a mapping of 'before' and 'after' lists")
        else:
            for side in ("before", "after"):
                _string_list(anchors.get(side), f"language.yaml: unknown_names.{key}.{side}", problems)
    return value


def _queries(directory: Path, problems: list[str]) -> dict[str, str]:
    if not directory.is_dir():
        return {}
    queries = {}
    for path in sorted(directory.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        if not re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", text, re.IGNORECASE):
            problems.append(f"queries/{path.name}: not a SPARQL query (no SELECT, ASK, CONSTRUCT or DESCRIBE)")
        try:
            parameters.declared(text)
        except parameters.DeclarationError as error:
            problems.append(f"queries/{path.name}: {error}")
        queries[path.stem] = text
    return queries

"""Names no list has, in punctuated text: capitalised words that recur, typed by the cue words
around them (schema/language.yaml: unknown_names); names that count even said once: people's names
("Jack Dorsey": a given name from schema/first_names.txt and a surname), names the words beside
them type (graph.extract.anchors: a role, an introduction, words of a product, a panel's line),
names ending like a company's ("Astera Labs"), a listed company's name read on ("Ford Credit",
"Adobe Express") and names listed with others of a known type; recurring names of several common
words ("Creative Cloud"); and given names said alone, as the person named in full.
In captions without sentences, only people's names: capitalised, or in lower case with a rare surname."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace

from ..model import Entity, Mention
from ..schema import Schema
from .anchors import Anchors, affiliation_lines
from .text import count_said, phrase_pattern, taken_by
from .variants import ListedNames, one_entity_each

CAPITALISED = re.compile(
    r"\b[A-Z][A-Za-z0-9&'\u2019-]*(?:[ \t]+(?:[A-Z][A-Za-z0-9&'\u2019-]*|\d+[A-Za-z]*\b(?!\.\d)))*"
)
LOWER_CASE_PAIR = re.compile(r"\b(?=([a-z]{3,}) ([a-z]{3,})\b)")  # overlapping: "said stephen hawking"
YEAR = re.compile(r"[ \t]+(?:19|20)\d\d$")  # "Google Campaign Manager 360", not "Ford 2025"
SENTENCE_START = re.compile(r"(?:^|[.!?:\"\u201c]\s*|\n\s*)$")
ACRONYM = re.compile(r"[A-Z0-9&]{1,6}s?")
MODEL_NUMBER = re.compile(r"[A-Z]{1,3}\d{2,4}[A-Z]{0,2}")  # chips and protocols: H100, MI455X, GB200, X42
PERIOD = re.compile(r"(?:FY|CY)\d{2,4}|Q[1-4]|H[12]")  # fiscal years, quarters and halves: FY25, Q3
DIGIT = re.compile(r"\d")
LETTER_SHAPED = re.compile(r"[A-Z]-[a-z]+")
WORD_SHAPED = re.compile(r"[A-Z][A-Za-z0-9]*-([a-z]+)")  # "AI-first", "GPT-like": a word, not a name
POSSESSIVE = re.compile(r"['\u2019]s$")
STREAM = "RevenueStream"
CONTEXT = 30
LIST_GAP = 8
LISTED_TYPES = ("Company", "Product", "AIModel")
"""The types a name takes from the names it is listed with ("OpenAI, Black Forest Labs, Pika")."""


@dataclass
class _Span:
    start: int
    end: int
    name: str
    anchor: str | None = None
    """The type a role, an introduction or the name's ending gives it: kept even said once."""
    initial: bool = False
    """A single word starting a sentence: a name only as the given name of a person named in full."""
    read_on: bool = False
    """A listed company's name read on ("Ford Credit") or a company a call introduces ("Dan Levy with
    Deutsche Bank"): a name, whatever its words."""


class NameFinder:
    def __init__(self, schema: Schema, listed: Callable[[str], Entity | None] = lambda name: None):
        """`listed`: the listed entity a name is, if any ("Cadence" said beside a role is the
        listed Cadence Design Systems, though no context word confirmed its ambiguous alias)."""
        self.listed = listed
        language = schema.language
        config = language.unknown_names
        self.min_count = int(config.get("min_count", 2))
        self.common = frozenset(schema.common_words[: int(config.get("common_rank", 20000))])
        self.default_type = config.get("default_type", "Company")
        self.common_words_type = config.get("common_words_type", self.default_type)
        self.call_type = language.own_company.default_type
        self.first_names = schema.first_names
        self.very_common = very_common_words(schema)
        self.company_endings = frozenset(w.lower() for w in config.get("company_endings") or ())
        self.not_name_endings = frozenset(w.lower() for w in config.get("not_name_endings") or ())
        self.not_names = frozenset(w.lower() for w in config.get("not_names") or ())
        self.kind_joiners = frozenset(language.kind_joiners)
        self.listed_names = ListedNames(schema.entries)
        self.cues = {
            etype: (phrase_pattern(sides.get("before", [])), phrase_pattern(sides.get("after", [])))
            for etype, sides in (config.get("type_cues") or {}).items()
        }
        self.anchors = Anchors(schema)
        handed_over = phrase_pattern(config.get("handed_over") or ())
        self.handed_over = re.compile(rf"\s*(?:{handed_over.pattern})") if handed_over is not None else None
        lead_ins = phrase_pattern([*language.own_company.guest_cues, *(config.get("person_lead_ins") or ())])
        self.person_lead_in = re.compile(f"(?:{lead_ins.pattern})" + r"\s+$") if lead_ins is not None else None

    def find(self, text: str, lowered: str, known: list[Mention], call: tuple[int, int] | None = None) -> list[Mention]:
        """`call`: where the sentence welcoming to a company's call starts and its cue ("earnings
        call") stands. A name there is the company's; a name nothing else types is a product, as
        the names a company's own call says mostly are (own_company.default_type)."""
        taken = taken_by(known, len(text), _weak)  # 2: a name a longer one overrides
        spans, plain, initial = self._candidates(text, lowered, taken, known, call)
        default = self.call_type if call is not None else None
        said = {m.text.lower(): m.entity for m in known if m.method != "pronoun"}
        found, guessed = self._kept(lowered, spans, said, default)
        # names of common words only count where they recur: several words ("Creative Cloud") as
        # names; one word ("Square") where listed with names of a known type, as do several said
        # once ("Photoshop, Illustrator, Premiere Pro, and After Effects")
        recurring = {n: p for n, p in plain.items() if len(p) >= self.min_count}
        several = {n: p for n, p in recurring.items() if " " in n}
        more, more_guessed = self._kept(lowered, several, said, default=self.common_words_type)
        found |= more
        listed_once = {n: p for n, p in plain.items() if " " in n and not any(any(taken[s.start : s.end]) for s in p)}
        spans |= recurring | listed_once  # not over a repaired name: "Grace Blackwell and Dear Rubin"
        self._type_lists(lowered, known, spans, found, guessed | more_guessed)
        found = self._one_entity_each(found, spans)
        people = _people_by_given_name(found.values(), [m.entity for m in known if m.entity.type == "Person"])
        for pool in (plain, initial):  # "Dan Gevins ... Dan is the general manager"
            for key, places in pool.items():
                if key in people:
                    found[key] = people[key]
                    spans[key] = sorted(spans.get(key, []) + places, key=lambda span: span.start)
        return sorted(
            (
                Mention(s.start, s.end, text[s.start : s.end], people.get(key, entity), "capitalised")
                for key, entity in found.items()
                for s in spans[key]
            ),
            key=lambda m: m.start,
        )

    def _one_entity_each(self, found: dict[str, Entity], spans: dict) -> dict[str, Entity]:
        """ "Sam Elman" is the listed Sam Altman, "Ralph Wigum" and "Ralph Waggum" one Ralph Wiggum."""
        said: Counter[tuple[str, str]] = Counter()
        for key, entity in found.items():
            said[entity.name, entity.type] += len(spans[key])
        entities = one_entity_each(said, self.listed_names)
        return {key: entities[entity.name, entity.type] for key, entity in found.items()}

    def people(self, text: str, lowered: str, known: list[Mention]) -> list[Mention]:
        """In captions with no sentences, the names of people only: a given name and a surname
        that is no very common word where captions capitalise it ("Sean Parker"), no common word
        where they do not ("stephen hawking")."""
        taken = taken_by(known, len(text), _weak)
        found: list[Mention] = []
        for match in CAPITALISED.finditer(text):
            name = _bare(match.group(0))
            start, end = match.start(), match.start() + len(name)
            words = name.split()
            if (
                self._person_like(name)
                and len(words[0]) > 2  # "Al": most often "AI" misheard
                and words[0].isalpha()
                and not words[0].isupper()
                and 1 not in taken[start:end]
            ):
                found.append(Mention(start, end, text[start:end], Entity(_clean_name(name), "Person"), "capitalised"))
        for match in LOWER_CASE_PAIR.finditer(text):
            given, surname = match.group(1), match.group(2)
            if (
                (given in self.first_names or self._introduced(lowered, match.start(1)))
                and given not in self.very_common
                and surname not in self.common
                and surname not in self.first_names
                and not any(taken[match.start(1) : match.end(2)])
            ):
                start, end = match.start(1), match.end(2)
                name = f"{given.capitalize()} {surname.capitalize()}"
                found.append(Mention(start, end, text[start:end], Entity(name, "Person"), "capitalised"))
        # "cristiano amman" and "cristiano ahman": one person
        entities = one_entity_each(Counter((m.entity.name, m.entity.type) for m in found), self.listed_names)
        return sorted((replace(m, entity=entities[m.entity.name, m.entity.type]) for m in found), key=lambda m: m.start)

    def _introduced(self, lowered: str, start: int) -> bool:
        """Right after words that introduce a person: "a conversation with cristiano amon", "my
        name is": there a given name no list has counts."""
        return (
            self.person_lead_in is not None
            and self.person_lead_in.search(lowered, max(0, start - 40), start) is not None
        )

    def _candidates(
        self, text: str, lowered: str, taken: bytearray, known: list[Mention], call: tuple[int, int] | None
    ):
        """The capitalised names no list took, with the type a role, an introduction, a line of a
        panel or their ending gives them; and apart, those of common words only, each keyed by
        the name in lower case ("MetroNet" and "Metronet" are one name)."""
        bases = {m.start: m for m in known if m.entity.type in ("Company", "Person")}
        spans: dict[str, list[_Span]] = defaultdict(list)
        plain: dict[str, list[_Span]] = defaultdict(list)
        initial: dict[str, list[_Span]] = defaultdict(list)
        introduced: list[tuple[int, int]] = []
        lines = affiliation_lines(text)
        for span in self._spans(text, lowered, taken, bases, lines):
            if span.initial:
                initial[span.name.lower()].append(span)
                continue
            anchor, strong = self.anchors.type_at(lowered, span.start, span.end, introduced)
            span.read_on = span.read_on or strong
            if span.start in lines:
                anchor, span.read_on = lines[span.start], True
            span.anchor = span.anchor or anchor
            if span.anchor is None and span.name.split()[-1].lower() in self.company_endings:
                span.anchor = "Company"
            if span.anchor is None and call is not None and call[0] <= span.start < call[1]:
                span.anchor = "Company"  # "Welcome to the Zentrix second quarter earnings call"
            if span.read_on or self._name_like(span.name, span.anchor):
                spans[span.name.lower()].append(span)
            elif self._plain(span.name):
                plain[span.name.lower()].append(span)
        for key in spans.keys() & plain.keys():  # "Lightning Labs" beside a role, and elsewhere too
            spans[key] = sorted(spans[key] + plain.pop(key), key=lambda span: span.start)
        # a name said once counts only as a given name, which needs no check that it is no word
        plain = {
            n: p for n, p in plain.items() if len(p) < self.min_count or not self._said_lowercase(n, lowered, len(p))
        }
        return spans, plain, initial

    def _kept(
        self,
        lowered: str,
        spans: dict[str, list[_Span]],
        said: dict[str, Entity],
        default: str | None = None,
    ) -> tuple[dict[str, Entity], set[str]]:
        """The names that recur, are people's or have a type from where they stand, and their
        entities: a name the document says in lower case as a name it found is that one ("Digital
        Media", "digital media revenue"); and those only the default typed."""
        found: dict[str, Entity] = {}
        guessed: set[str] = set()
        for key, places in spans.items():
            name = _written(places)
            anchors = Counter(s.anchor for s in places if s.anchor)
            anchor = anchors.most_common(1)[0][0] if anchors else None
            person = self._person_like(name)
            if (len(places) < self.min_count and not person and not anchor) or self._said_lowercase(
                name, lowered, len(places)
            ):
                continue
            etype = anchor or self._type(lowered, places, person, name)
            if etype is None:
                etype = default or self.default_type
                guessed.add(key)
            listed = self.listed(name)
            if key in said:
                found[key] = said[key]
            elif listed is not None and listed.is_a(etype):
                found[key] = listed
            else:
                found[key] = Entity(_clean_name(name), etype)
        return found, guessed

    def _spans(self, text: str, lowered: str, taken: bytearray, bases: dict[int, Mention], lines: dict[int, str]):
        """The capitalised runs no list took, cut at role words ("Intel CEO Lip-Bu Tan"); a run that
        reads on from a listed company's name ("Ford Credit") is a name of its own, and so is a
        person's name that reads on from a listed given name ("Sam McHugh")."""
        for match in CAPITALISED.finditer(text):
            for start, end in self.anchors.without_roles(lowered, match.start(), match.end()):
                name = YEAR.sub("", _bare(text[start:end]))
                end = start + len(name)
                # "Brian Armstrong said" may start a sentence, "So Manus" starts with a word that only starts it
                if start not in bases and start not in lines and not self._person_like(name, common_given_name=False):
                    trimmed = self._trim(text, start, end)
                    if trimmed is None:  # one word starting a sentence: "Dan is the manager"
                        yield _Span(start, end, name, initial=True)
                        continue
                    start, end, name = trimmed
                base = bases.get(start)
                if base is not None and POSSESSIVE.search(base.text):
                    name = text[base.end : end].strip()  # "Google's Imagine": Imagine
                    start = end - len(name)
                elif base is not None and base.end < end:
                    span = self._read_on(text, taken, base, end)
                    if span is not None:
                        yield span
                    continue
                if name and (
                    not any(taken[start:end])
                    or (1 not in taken[start:end] and 0 in taken[start:end] and self._overrides(name))
                ):
                    yield _Span(start, end, name)

    def _read_on(self, text: str, taken: bytearray, base: Mention, end: int) -> _Span | None:
        """ "Ford Credit", "Adobe Express": a company's name of one word and the capitalised words after
        it, up to another name; none where those words are only acronyms ("Nvidia GPUs") or name an
        event. A name of several words is read on only into a company's ("Digital Asset Holdings").
        A listed person's given name read on into a person's name is that person's ("Sam McHugh")."""
        stop = next((i for i in range(base.end, end) if taken[i]), end)
        name = POSSESSIVE.sub("", text[base.start : stop].rstrip(" \t'\u2019-"))
        rest = name[base.end - base.start :].split()
        if not rest or all(ACRONYM.fullmatch(w) for w in rest) or rest[-1].lower() in self.not_name_endings:
            return None
        if base.entity.type == "Company" and (
            rest[0].lower() in self.first_names or not all(w.lower() in self.common or w.isdigit() for w in rest)
        ):
            return None  # "SoftBank Masa": the company, then a person
        if base.entity.type == "Person":
            person = " " not in base.text.strip() and self._person_like(name)
            return _Span(base.start, base.start + len(name), name, "Person", read_on=True) if person else None
        etype = "Company" if rest[-1].lower() in self.company_endings else "Product"
        if etype == "Product" and " " in base.text.strip():
            return None  # "Google DeepMind Nobel Prize winner": a name of several words is whole
        return _Span(base.start, base.start + len(name), name, etype, read_on=True)

    def _trim(self, text: str, start: int, end: int) -> tuple[int, int, str] | None:
        """Drop a first word that only starts a sentence ("So Manus" → "Manus"); one that is no
        common word starts the name ("Zentrix Labs grew"). None for a single word starting one."""
        if SENTENCE_START.search(text, max(0, start - 3), start):
            rest = re.match(r"(\S+)[ \t]+", text[start:end])
            if rest is None:
                return None
            if rest.group(1).lower() in self.common:
                start += rest.end()
        name = _bare(text[start:end])
        return start, start + len(name), name

    def _name_like(self, name: str, anchored: str | None = None) -> bool:
        """A name said once beside a role (`anchored`: the type it gives) may be an acronym ("Sam
        McHugh with BNP"), a person's name of common words ("Sherry House, CFO")."""
        words = name.split()
        if not words or len(words) > 4:
            return False
        if anchored != "Company" and all(ACRONYM.fullmatch(w) and not MODEL_NUMBER.fullmatch(w) for w in words):
            return False  # "Sam McHugh with BNP": an acronym is a name where it stands as a company
        if any(PERIOD.fullmatch(w) for w in words) or words[0].lower() in self.not_names:
            return False  # "Q3", "FY25", "Mhm", "August 11th"
        if LETTER_SHAPED.fullmatch(words[0]) or len(name) < 2:  # "U-shaped", "T-shirt", "X-ray"
            return False
        shaped = [WORD_SHAPED.fullmatch(w) for w in words]
        if all(m is not None and m.group(1) in self.common for m in shaped):
            return False
        if all(w.lower().strip("'\u2019") in self.common for w in words) and not (
            (anchored == "Person" and words[0].lower() in self.first_names and len(words) > 1)
            or anchored == "Product"
            or self._person_like(name)
        ):
            return False  # "Sherry House, CFO", "the all new Expedition", "Mike Brock" are names all the same
        if words[-1].lower() in self.not_name_endings:
            return False
        return not any(w.replace("\u2019", "'") in ("I", "I'm", "I've", "I'd", "I'll") for w in words)

    @staticmethod
    def _overrides(name: str) -> bool:
        """A name of several words overrides a repair, an ambiguous alias or a revenue stream in it:
        "Brent Thill" is not Peter Thiel, "Lightning Labs" no Lightning Network, "Creative Cloud"
        no cloud service."""
        return " " in name

    def _plain(self, name: str) -> bool:
        """Capitalised common words, none an acronym ("Square", "Creative Cloud", "After Effects")."""
        words = name.split()
        return (
            len(words) <= 4
            and name.lower() not in self.not_names
            and all(w.isalpha() and not w.isupper() and w.lower() in self.common for w in words)
            and words[-1].lower() not in self.not_name_endings
        )

    def _person_like(self, name: str, common_given_name: bool = True) -> bool:
        """A given name, perhaps an initial, and a surname of letters that is no very common word;
        without `common_given_name`, a given name that is also a very common word ("So", "Will") is not."""
        given = name.split(None, 1)[0].lower() if name else ""
        words = _clean_name(name).split()
        if given not in self.first_names:  # most capitalised words: no person, known at once
            return self._rare_pair(words)
        middle_initial = len(words) == 3 and len(words[1].rstrip(".")) == 1
        return (
            (len(words) == 2 or middle_initial)
            and (common_given_name or given not in self.very_common)
            and re.sub(r"['\u2019-]", "", words[-1]).isalpha()
            and not words[-1].isupper()
            and words[-1].lower() not in self.very_common
        )

    def _rare_pair(self, words: list[str]) -> bool:
        """Two capitalised words no common word and no company's ending: a person's name from
        anywhere ("Akshat Bubna", "Sassine Ghazi")."""
        return (
            len(words) == 2
            and all(w.isalpha() and w[0].isupper() and w[1:].islower() and w.lower() not in self.common for w in words)
            and not (words[-1].endswith("s") and words[-1][:-1].lower() in self.common)  # "Singularity Cults"
            and words[-1].lower() not in self.company_endings
            and not any(self.listed(w) is not None for w in words)  # "Sachin Nadella": the listed one's surname
        )

    @staticmethod
    def _said_lowercase(name: str, lowered: str, capitalised: int) -> bool:
        return count_said(name.lower(), lowered) - capitalised > capitalised

    def _type(self, lowered: str, places: list[_Span], person: bool, name: str) -> str | None:
        """A person's name is a person's; otherwise the type whose cue words stand around the name
        most often, or that its shape gives it; None if nothing does."""
        if person:
            return "Person"
        votes: Counter[str] = Counter()
        # "Full size Bronco posted a record quarter": a word after a single word no given name is
        # no cue of a person's (a word before is: "Thanks, Ulf")
        lone = " " not in name and name.lower() not in self.first_names
        for span in places:
            before, after = lowered[max(0, span.start - CONTEXT) : span.start], lowered[span.end : span.end + CONTEXT]
            if self.handed_over is not None and self.handed_over.match(after):
                votes["Person"] += 1  # "and Ulf can talk a little bit more about that"
            for etype, (before_cue, after_cue) in self.cues.items():
                if before_cue is not None and before_cue.search(before):
                    votes[etype] += 1
                if after_cue is not None and after_cue.search(after) and not (lone and etype == "Person"):
                    votes[etype] += 1
        if votes:
            return votes.most_common(1)[0][0]
        if name.split()[-1].lower() in self.company_endings:
            return "Company"
        if DIGIT.search(name):
            return "Product"  # "F-150", "Ray 2", "Galaxy S22": a model's number
        if " " not in name and name.lower() in self.first_names and name.lower() not in self.very_common:
            return "Person"  # "Thank you, Leila"
        return None

    def _type_lists(
        self,
        lowered: str,
        known: list[Mention],
        spans: dict[str, list[_Span]],
        found: dict[str, Entity],
        guessed: set[str],
    ) -> None:
        """A name said once in a list with names of a known type takes that type ("partner models from
        OpenAI, Black Forest Labs, Pika"), as far as the list goes; so does one whose type was only
        the default's ("Disney, FedEx, MetLife": customers, in a call that names mostly products)."""
        typed: dict[int, tuple[int, str]] = {}  # start → (end, type) of every name of a listed type
        ending: dict[int, str] = {}
        for mention in known:
            if mention.entity.type in LISTED_TYPES:
                typed[mention.start], ending[mention.end] = (mention.end, mention.entity.type), mention.entity.type
        for name, entity in found.items():
            for span in spans[name]:
                if entity.type in LISTED_TYPES and name not in guessed:
                    typed[span.start], ending[span.end] = (span.end, entity.type), entity.type
        waiting = [(name, s) for name, places in spans.items() if name not in found or name in guessed for s in places]
        changed = True
        while changed and waiting:
            changed = False
            for name, span in list(waiting):
                etype = self._listed_type(lowered, span, typed, ending)
                if etype is None or (name in found and name not in guessed):
                    continue
                found[name] = Entity(_clean_name(_written(spans[name])), etype)
                guessed.discard(name)
                for other in spans[name]:
                    typed[other.start], ending[other.end] = (other.end, etype), etype
                waiting = [(n, s) for n, s in waiting if n != name]
                changed = True

    def _listed_type(
        self, lowered: str, span: _Span, typed: dict[int, tuple[int, str]], ending: dict[int, str]
    ) -> str | None:
        for position in range(max(0, span.start - LIST_GAP), span.start):
            if position in ending and " ".join(lowered[position : span.start].split()) in self.kind_joiners:
                return ending[position]
        for position in range(span.end, span.end + LIST_GAP + 1):
            if position in typed and " ".join(lowered[span.end : position].split()) in self.kind_joiners:
                return typed[position][1]
        return None


def _weak(mention: Mention) -> bool:
    """A repaired name, an ambiguous alias, a revenue stream or a surname said alone: a longer
    capitalised name overrides it ("Brent Thiel", "Lightning Labs", "Creative Cloud")."""
    return (
        mention.method in ("fuzzy", "ambiguous")
        or mention.entity.type == STREAM
        or (mention.entity.type == "Person" and " " not in mention.text.strip())
    )


def _written(places: list[_Span]) -> str:
    """The way a name is written most often ("Metronet" seven times, "MetroNet" once)."""
    return Counter(span.name for span in places).most_common(1)[0][0]


def _people_by_given_name(found, listed: list[Entity]) -> dict[str, Entity]:
    """Given names in lower case, each to the one person the document names in full with it: a
    name said alone that is one ("Srini", "Lip-Bu", "Dan") is that person."""
    full: dict[str, set[Entity]] = defaultdict(set)
    for entity in [*found, *listed]:
        if entity.type == "Person" and " " in entity.name:
            full[entity.name.split()[0].lower()].add(entity)
    return {given: next(iter(people)) for given, people in full.items() if len(people) == 1}


def very_common_words(schema: Schema) -> frozenset[str]:
    """Words too common to be a surname or a given name said alone (language.yaml: surname_rank)."""
    return frozenset(schema.common_words[: int(schema.language.unknown_names.get("surname_rank", 3000))])


def _bare(name: str) -> str:
    """A name as written, without a possessive or a trailing apostrophe or hyphen."""
    return POSSESSIVE.sub("", name).rstrip("'\u2019-")


def _clean_name(name: str) -> str:
    return POSSESSIVE.sub("", " ".join(name.split()))

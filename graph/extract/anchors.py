"""The words beside a name that type it, even said once: a role ("Naveen Kumar, CFO of Ford Pro",
"Intel CEO Lip-Bu Tan"), a call's introduction ("a question from Dan Levy at Barclays"), words of
a company or a product ("a startup called Zentrix", "the all new Expedition") and a line of a
talk's panel ("Sandra Ro, CME Group"), from schema/language.yaml's roles, introductions and
unknown_names' company_anchors and product_anchors."""

from __future__ import annotations

import re

from ..schema import Schema
from .text import phrase_pattern

AFFILIATION_LINE = re.compile(
    r"^[ \t]*([A-Z][\w'\u2019.-]*(?:[ \t]+[A-Z][\w'\u2019.-]*){1,2}),"  # the person's name, a comma,
    r"[ \t]+([^\n,]{2,60}?)[ \t]*(?:[-\u2013\u2014][^\n]*)?$",  # the company, perhaps " - Moderator"
    re.MULTILINE,
)
"""A line of a person's name and their company, as a talk lists its panel: "Sandra Ro, CME Group"."""


class Anchors:
    """Where a role, an introduction or words of a product stand beside a name, and the type they
    give it."""

    def __init__(self, schema: Schema):
        language = schema.language
        roles = [w for words in language.roles.values() for w in words]
        self.role = phrase_pattern(roles)
        role = alternatives(roles)
        fillers = alternatives([*language.role_fillers, *language.own_company.pronouns])
        ending = r"(?:of|at|for|from|with)"
        self.kinds = [  # a company's words first: "a company called Zentrix", not "called Zentrix"
            (etype, *_beside(language.unknown_names.get(key) or {}))
            for etype, key in (("Company", "company_anchors"), ("Product", "product_anchors"))
        ]
        owner = r"[\w.&-]+'s\s+"  # "Shantanu Narayen, Adobe's Chair and CEO"
        self.person_before_role = (
            re.compile(rf"\s*,\s*(?:(?:{fillers})\s+|{owner})*(?:{role})(?![\w])") if roles else None
        )
        # "Intel CEO Lip-Bu Tan"; but "Lip-Bu Tan CEO of Intel" is a person whose role is of another
        self.company_before_role = re.compile(rf"(?:'s)?\s+(?:{role})(?![\w])(?!\s+{ending}\s)") if roles else None
        self.person_before_role_of = re.compile(rf"\s+(?:{role})\s+{ending}\s") if roles else None
        self.role_before_person = re.compile(rf"(?<![\w])(?:{role}),?\s+$") if roles else None
        self.role_before_company = re.compile(rf"(?<![\w])(?:{role})\s+{ending}\s+$") if roles else None
        introductions = language.introductions
        self.lead_in = (
            re.compile(rf"(?<![\w])(?:{alternatives(introductions.lead_ins)})\s+$") if introductions.lead_ins else None
        )
        joiners = alternatives(introductions.joiners)
        self.joiner = re.compile(rf"\s+(?:{joiners})\s+$") if introductions.joiners else None

    def without_roles(self, lowered: str, start: int, end: int) -> list[tuple[int, int]]:
        """The stretches of a capitalised run between its role words ("Intel CEO Lip-Bu Tan"); a
        single word is left whole (a role word alone is no name: it is too common or an acronym)."""
        if self.role is None or " " not in lowered[start:end]:
            return [(start, end)]
        bounds, position = [], start
        for match in self.role.finditer(lowered, start, end):
            bounds.append((position, match.start()))
            position = match.end()
        bounds.append((position, end))
        pieces = []
        for first, last in bounds:
            piece = lowered[first:last]
            first += len(piece) - len(piece.lstrip())
            last = first + len(piece.strip())
            if last > first:
                pieces.append((first, last))
        return pieces

    def type_at(self, lowered: str, start: int, end: int, introduced: list[tuple[int, int]]) -> tuple[str | None, bool]:
        """The type the words around the name from `start` to `end` give it, and whether they make
        it a name whatever its words (a company a call introduces). `introduced`: the people a call
        introduced so far, to which the person's name is added."""
        before = lowered[max(0, start - 80) : start]
        if self.lead_in is not None and self.lead_in.search(before):
            introduced.append((start, end))
            return "Person", False
        if self.joiner is not None and introduced:
            last_end = introduced[-1][1]
            if start - last_end < 12 and self.joiner.fullmatch(lowered, last_end, start):
                return "Company", True
        if self.role_before_company is not None and self.role_before_company.search(before):
            return "Company", False  # "the investor from Walden, then CEO of Cadence"
        if self.person_before_role is not None and self.person_before_role.match(lowered, end):
            return "Person", False
        if self.company_before_role is not None and self.company_before_role.match(lowered, end):
            return "Company", False
        if self.person_before_role_of is not None and self.person_before_role_of.match(lowered, end):
            return "Person", False
        if self.role_before_person is not None and self.role_before_person.search(before):
            return "Person", False
        for etype, words_before, words_after in self.kinds:
            if (words_before is not None and words_before.search(before)) or (
                words_after is not None and words_after.match(lowered, end)
            ):
                return etype, False  # "the all new Expedition", "a startup called Zentrix"
        return None, False


def affiliation_lines(text: str) -> dict[int, str]:
    """Where the names of a line of a person and their company start, and their types."""
    starts: dict[int, str] = {}
    for line in AFFILIATION_LINE.finditer(text):
        starts[line.start(1)], starts[line.start(2)] = "Person", "Company"
    return starts


def _beside(words: dict) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """Patterns of the words right before a name and right after it."""
    before, after = alternatives(words.get("before") or ()), alternatives(words.get("after") or ())
    return (
        re.compile(rf"(?<![\w])(?:{before})\s+$") if before else None,
        re.compile(rf"\s*(?:{after})(?![\w])") if after else None,
    )


def alternatives(phrases) -> str:
    """A regular expression of any of `phrases`, longest first, any run of spaces between words."""
    unique = sorted({" ".join(p.split()) for p in phrases if p.strip()}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in unique)

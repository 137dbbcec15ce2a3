"""People's roles said beside their names: "Mike Sievert, our president and CEO", "Kathy
O'Callaghan, CEO of Ford Credit", "Intel CEO Lip-Bu Tan", and introductions, a call's ("your next
question comes from Dan Levy at Barclays") or a talk's line of each panelist ("Sandra Ro, CME
Group"), from schema/language.yaml's roles and introductions.

A role states the first relation of `roles` that one of its words belongs to (leads before
worksFor), with the company named with it ("of Ford Credit", "Adobe's", "our"), else with the
company whose call it is; a role of something that is no company ("President of Digital Media")
is a job (the last relation of `roles`) at the call's company."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...model import Assertion, Mention
from ..anchors import AFFILIATION_LINE
from ..text import normalise_phrase, phrase_pattern
from .claims import words_pattern
from .component import RuleComponent
from .context import RuleContext

COMMA = re.compile(r"\s*,\s*")
OWNER_BEFORE = re.compile(r"(?:'s|\u2019s)?\s+")
OF_WHAT = re.compile(r"\s*(?:of|at|for|from|with)\s+")
CAPITAL_AFTER = re.compile(r"\s*[A-Z]")
AT_COMPANY = re.compile(r"[^.,;!?]{0,50}?\s(?:at|with)\s+")
BEFORE = 80


@dataclass(frozen=True)
class RolesConfig:
    confidence: float = 0.85
    """For a role said beside the person's name."""
    introduction_confidence: float = 0.85


@dataclass
class _Role:
    relation: str
    """The first relation of `roles` one of its words belongs to."""
    company: Mention | None
    unit: bool
    """The role is of something that is no company: a job at the call's company."""
    end: int


class Roles(RuleComponent):
    name = "roles"
    reads = ("document", "lowered", "named", "mentions", "clauses", "own_company")
    assigns = ("assertions",)
    Config = RolesConfig

    def __init__(self, tools, **config):
        super().__init__(tools, **config)
        language = self.schema.language
        self.ranked = list(language.roles)
        self.relation_of = {normalise_phrase(w): name for name in reversed(self.ranked) for w in language.roles[name]}
        self.role = phrase_pattern(self.relation_of)
        self.filler = phrase_pattern(language.role_fillers)
        self.link = _between(phrase_pattern(language.role_links))
        self.role_before = (
            re.compile(r"(?<![\w'])(" + "|".join(map(words_pattern, self.relation_of)) + r")\s*,?\s+$")
            if self.relation_of
            else None
        )
        introductions = language.introductions
        self.introduction = introductions.relation
        lead_ins = phrase_pattern(introductions.lead_ins)
        self.lead_in = re.compile(f"(?:{lead_ins.pattern})" + r"\s+$") if lead_ins is not None else None
        self.joiner = _between(phrase_pattern(introductions.joiners))

    def __call__(self, context: RuleContext) -> None:
        if self.role is None and self.lead_in is None:
            return
        starting = {m.start: m for m in context.mentions if m.entity.type == "Company"}
        lines = {line.start(1): line.start(2) for line in AFFILIATION_LINE.finditer(context.document.text)}
        for person in context.named:
            if person.entity.type != "Person":
                continue
            roles = [(role, person.start, role.end) for role in self._after(context, person, starting)]
            before = self._before(context, person)
            roles += [(before, before.end, person.end)] if before is not None else []
            for role, start, end in roles:
                claim = self._claim(context, person, role, start, end)
                if claim is not None:
                    context.assertions.append(claim)
            company = self._introduced(context, person, starting) or starting.get(lines.get(person.start, -1))
            if company is not None and company.method != "pronoun" and self.introduction:
                context.assertions.append(self._introduction(context, person, company))

    def _after(self, context: RuleContext, person: Mention, starting: dict[int, Mention]) -> list[_Role]:
        """ "Jim Farley, president and CEO", "Lip-Bu Tan, then CEO of Cadence, now CEO of Intel",
        "Dan is the general manager of data science at Shell": the roles said after the name, each
        with the company it is of."""
        roles: list[_Role] = []
        comma = COMMA.match(context.lowered, person.end)
        if comma is None and self.link is not None:
            comma = self.link.match(context.lowered, person.end)
        if comma is None:  # captions drop the comma: "cristiano amman the ceo of qualcomm", a company named
            bare = self._role_at(context, person.end, starting)
            return [bare] if bare is not None and bare.company is not None and not bare.unit else []
        while comma is not None:
            role = self._role_at(context, comma.end(), starting)
            if role is None:
                break
            roles.append(role)
            comma = COMMA.match(context.lowered, role.end)
        return roles

    def _role_at(self, context: RuleContext, position: int, starting: dict[int, Mention]) -> _Role | None:
        """The role words from `position` (fillers, "our", "Adobe's" among them) and what they are of."""
        lowered = context.lowered
        relations: list[str] = []
        company = None
        while True:
            position += len(lowered[position : position + 20]) - len(lowered[position : position + 20].lstrip())
            mention = starting.get(position)
            if mention is not None and not relations:
                company = mention  # "Adobe's Chair and CEO", "our CFO"
                position = mention.end + 2 if lowered.startswith(("'s", "\u2019s"), mention.end) else mention.end
                continue
            found = self.role.match(lowered, position) if self.role is not None else None
            if found is not None:
                relations.append(self.relation_of[normalise_phrase(found.group(0))])
                position = found.end()
                continue
            filler = self.filler.match(lowered, position) if self.filler is not None else None
            if filler is None:
                break
            position = filler.end()
        if not relations:
            return None
        relation = min(relations, key=self.ranked.index)
        of, unit, end = self._of_what(context, position, starting)
        return _Role(relation, of or company, unit, end)

    def _of_what(
        self, context: RuleContext, position: int, starting: dict[int, Mention]
    ) -> tuple[Mention | None, bool, int]:
        """What the role words ending at `position` are of: (the company, False, where it ends) for
        "CEO of Ford Credit" or "general manager of data science at Shell", (None, True, ...) for
        something that is no company ("President of Digital Media"), else (None, False, position)."""
        lowered = context.lowered
        of_what = OF_WHAT.match(lowered, position)
        after = of_what.end() if of_what else position
        if of_what is None and not lowered[max(0, position - 4) : position].rstrip().endswith((" of", " at")):
            return None, False, position  # "head of" ends with its "of"
        at = AT_COMPANY.match(lowered, after)
        for company in (starting.get(after), starting.get(at.end()) if at is not None else None):
            if company is not None and company.method != "pronoun":
                return company, False, company.end
        unit = CAPITAL_AFTER.match(context.document.text, after) is not None or bool(
            context.mentions_between(after, after + 40)
        )
        return None, unit, position

    def _before(self, context: RuleContext, person: Mention) -> _Role | None:
        """ "Intel CEO Lip-Bu Tan": the role right before the name, of the company named right before it."""
        if self.role_before is None:
            return None
        found = self.role_before.search(context.lowered, max(0, person.start - BEFORE), person.start)
        if found is None:
            return None
        before = [
            m
            for m in context.mentions_between(max(0, found.start() - 40), found.start())
            if m.entity.type == "Company" and OWNER_BEFORE.fullmatch(context.lowered, m.end, found.start())
        ]
        if not before:
            return None
        return _Role(self.relation_of[normalise_phrase(found.group(1))], before[-1], False, found.start())

    def _claim(self, context: RuleContext, person: Mention, role: _Role, start: int, end: int) -> Assertion | None:
        """The role's fact: with the company it is of, else with the call's company (a job there
        for a role of something that is no company); none without either."""
        own = context.own_company
        if role.company is not None and not role.unit:
            relation, company = role.relation, role.company
        elif own is not None and (role.company is None or role.company.entity == own):
            relation = self.ranked[-1] if role.unit else role.relation
            company = role.company or Mention(start, start, own.name, own, "pronoun")
        else:
            return None
        relations = self.schema.relations
        return context.claim(relations[relation], person, company, start, end, self.config.confidence, "stated")

    def _introduced(self, context: RuleContext, person: Mention, starting: dict[int, Mention]) -> Mention | None:
        """ "a question from Dan Levy at Barclays": the company a call introduces the person with."""
        if self.lead_in is None or self.joiner is None:
            return None
        if self.lead_in.search(context.lowered, max(0, person.start - BEFORE), person.start) is None:
            return None
        joiner = self.joiner.match(context.lowered, person.end)
        return starting.get(joiner.end()) if joiner is not None else None

    def _introduction(self, context: RuleContext, person: Mention, company: Mention) -> Assertion:
        relation = self.schema.relations[self.introduction]
        confidence = self.config.introduction_confidence
        return context.claim(relation, person, company, person.start, company.end, confidence, "stated")


def _between(words: re.Pattern[str] | None) -> re.Pattern[str] | None:
    """A pattern of one of `words` with spaces around it ("Dan is the ...", "Dan Levy at Barclays")."""
    return re.compile(r"\s+" + f"(?:{words.pattern})" + r"\s+") if words is not None else None

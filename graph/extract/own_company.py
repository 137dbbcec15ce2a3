"""The company whose call it is ("Welcome to T-Mobile's second quarter earnings call") or whose
guest an interview has ("a conversation with Cristiano Amon, the CEO of Qualcomm"), and the words
its people say for it ("we", "our"), from schema/language.yaml: own_company and roles."""

from __future__ import annotations

import re
from collections import Counter

from ..model import Entity, Mention
from ..schema import Language, OwnCompany
from .text import phrase_pattern

SENTENCE_START = re.compile(r"[.!?]\s")
DOMINANT = 2
"""Without a company in the sentence of the call's name, the one named most is the call's when
named this many times as often as the next."""
MIN_NAMED = 5


GUEST_WINDOW = 250
"""How far after the words that introduce a guest their role and company may stand."""
GUEST_NAME_WITHIN = 20
"""How far after those words the guest's name starts."""


def find_own_company(lowered: str, mentions: list[Mention], language: Language) -> Entity | None:
    """The company named in the sentence that names the call, nearest before its cue; else the
    company the whole text names far more than any other. Without a call, the guest's company."""
    return find_host(lowered, mentions, language)[0]


def find_host(lowered: str, mentions: list[Mention], language: Language) -> tuple[Entity | None, Entity | None]:
    """The company whose call or interview it is (see find_own_company), and an interview's only
    guest, who says "I" for themself (a call has none)."""
    match, sentence_start = _welcome(lowered, language.own_company)
    if match is not None:
        return _calls_company(mentions, match.start(), sentence_start), None
    introduction = _introduction(lowered, language)
    if introduction is None:
        return None, None
    return _guests_company(mentions, introduction), _guest(mentions, introduction)


def _calls_company(mentions: list[Mention], cue_start: int, sentence_start: int) -> Entity | None:
    in_sentence = [
        m for m in mentions if m.entity.type == "Company" and sentence_start <= m.start and m.end <= cue_start
    ]
    if in_sentence:
        return in_sentence[-1].entity
    counts = Counter(m.entity for m in mentions if m.entity.type == "Company").most_common(2)
    if counts and counts[0][1] >= MIN_NAMED and (len(counts) == 1 or counts[0][1] >= DOMINANT * counts[1][1]):
        return counts[0][0]
    return None


def welcome_to_a_call(lowered: str, config: OwnCompany) -> tuple[int, int] | None:
    """Where the sentence that welcomes to a company's call near the start of the text starts, and
    where its cue ("earnings call") does; None if the text welcomes to no call."""
    match, sentence_start = _welcome(lowered, config)
    return (sentence_start, match.start()) if match is not None else None


def _welcome(lowered: str, config: OwnCompany) -> tuple[re.Match[str] | None, int]:
    """The first cue of a call ("earnings call") in a sentence that welcomes to it ("Welcome to
    T-Mobile's second quarter earnings call", not "on Google's earnings call"), and where that
    sentence starts."""
    cue, welcome = phrase_pattern(config.cues), phrase_pattern(config.welcome)
    if cue is None or welcome is None:
        return None, 0
    for match in cue.finditer(lowered, 0, config.within):
        starts = [m.end() for m in SENTENCE_START.finditer(lowered, max(0, match.start() - 400), match.start())]
        sentence_start = starts[-1] if starts else max(0, match.start() - 400)
        if welcome.search(lowered, sentence_start, match.start()):
            return match, sentence_start
    return None, 0


Introduction = tuple[tuple[int, int], list[tuple[int, int]]]
"""The stretch after the words that introduce an interview's guest, and the roles said in it."""


def _guests_company(mentions: list[Mention], introduction: Introduction) -> Entity | None:
    """The company an interview's guest is introduced with ("here with Lip-Bu Tan, ... now CEO of
    Intel"): one a role is of, right after the words that introduce the guest; of several, the one
    the text names most."""
    window, roles = introduction
    introduced = [
        m.entity
        for m in mentions
        if m.entity.type == "Company"
        and window[0] <= m.start < window[1]
        and any(0 <= m.start - end <= 8 or 0 <= start - m.end <= 3 for start, end in roles)
    ]
    if not introduced:
        return None
    named = Counter(m.entity for m in mentions if m.entity in introduced)
    return max(introduced, key=lambda entity: named[entity])


def _introduction(lowered: str, language: Language) -> Introduction | None:
    """Where the words that introduce an interview's guest are followed by the guest's roles:
    the stretch after them, and the roles in it; None without both."""
    cue = phrase_pattern(language.own_company.guest_cues)
    match = cue.search(lowered, 0, language.own_company.within) if cue is not None else None
    role = phrase_pattern([word for words in language.roles.values() for word in words])
    if match is None or role is None:
        return None
    window = (match.end(), match.end() + GUEST_WINDOW)
    roles = [found.span() for found in role.finditer(lowered, *window)]
    return (window, roles) if roles else None


def _guest(mentions: list[Mention], introduction: Introduction) -> Entity | None:
    """An interview's only guest: the one person named right after the words that introduce a
    guest, a role following ("here with Lip-Bu Tan, the legendary investor from Walden");
    none where the introduction names two ("with Jack Dorsey, CEO of Square, and also Elizabeth
    Stark, CEO of Lightning Labs")."""
    (start, end), roles = introduction
    people = {m.entity for m in mentions if m.entity.type == "Person" and start <= m.start < end}
    first = next((m for m in mentions if m.entity.type == "Person" and start <= m.start), None)
    if len(people) != 1 or first is None or first.start - start > GUEST_NAME_WITHIN:
        return None
    return first.entity if any(first.end <= role_start for role_start, _ in roles) else None


def guest_pronouns(lowered: str, guest: Entity | None, config: OwnCompany) -> list[Mention]:
    """Where an interview's only guest may say "I": mentions of the guest (method "pronoun")."""
    pattern = phrase_pattern(config.guest_pronouns)
    if guest is None or pattern is None:
        return []
    return [Mention(m.start(), m.end(), m.group(0), guest, "pronoun") for m in pattern.finditer(lowered)]


def own_pronouns(lowered: str, company: Entity | None, config: OwnCompany) -> list[Mention]:
    """Where the call's people say "we", "our" or "us": mentions of their company (method "pronoun")."""
    pattern = phrase_pattern(config.pronouns)
    if company is None or pattern is None:
        return []
    return [Mention(m.start(), m.end(), m.group(0), company, "pronoun") for m in pattern.finditer(lowered)]

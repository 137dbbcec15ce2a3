"""How near a cue its names must stand for the cue to speak of them (language.yaml's cue_reach):
the subject right before the cue, with no other subject, verb or noun's clause between; the
object right after it."""

from __future__ import annotations

import re

from ...model import Mention
from ...schema import Language
from ..text import phrase_pattern
from .reading import LanguageReading, found

WORD = re.compile(r"[\w'’%.-]+")
ARTICLES = frozenset(("the", "a", "an"))


class CueReach:
    def __init__(self, language: Language, reading: LanguageReading):
        self.reading = reading
        reach = language.cue_reach
        self.reach_words = reach.max_words
        self.other_subjects = frozenset(reach.other_subjects)
        # "Sam Altman said he invested", "I'm Nate Jones and I came up through Amazon": a pronoun
        # of the name's own kind between it and the cue is the same one acting
        self.same_subject = {kind: frozenset(words) for kind, words in language.pronouns.items()}
        if "Person" in self.same_subject:
            self.same_subject["Person"] |= frozenset(language.speaker_subjects)
        self.not_counted = frozenset(language.fillers)
        self.object_markers = frozenset(language.object_markers) | frozenset(reach.object_verbs)
        self.relatives, self.saying = frozenset(reach.relatives), frozenset(reach.saying)
        self.role_link = phrase_pattern(language.role_links)
        joined = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in reach.joined_verb)
        self.joined_verb = re.compile(rf"\W*\w.*?\b(?:{joined})\W*$", re.S) if joined else None
        self.joined_after = re.compile(rf"\W*(?:{joined})\b") if joined else None
        self.object_stop = phrase_pattern(reach.object_stops)

    def someone_acts(self, lowered: str, start: int, end: int) -> bool:
        """Whether the speaker or a pronoun ("we", "they") stands between `start` and `end` as the
        one acting: "So we work with companies like Ultrix and Databricks"."""
        return self.reading.speaker_acts(lowered, start, end) or any(
            word in self.other_subjects for word in WORD.findall(lowered, start, end)
        )

    def subject_reaches(self, lowered: str, name: Mention, cue_start: int, pronouns_for_it: bool = True) -> bool:
        """Whether `name` can be the one acting in a cue at `cue_start`: near it, no other subject
        between, not the object of the word before it, and the cue not the second verb of an
        earlier subject ("uses Cursor and then uses Replit")."""
        if self.joined_verb is not None and self.joined_verb.match(lowered, name.end, cue_start):
            return False
        same = self.same_subject.get(name.entity.type, frozenset()) if pronouns_for_it else frozenset()
        return (
            self._near(lowered, name.end, cue_start, same)
            and not self._governed(lowered, name, cue_start)
            and not self._someone_elses_role(lowered, name, cue_start)
            and not self._another_nouns_clause(lowered, name, cue_start)
        )

    def _another_nouns_clause(self, lowered: str, name: Mention, cue_start: int) -> bool:
        """ "they build them for the runs that make these chips for Nvidia": the cue stands in the
        clause of a noun after a preposition ("for the runs that ..."); "Microsoft, which invested in"
        is the name's, and "Meta shipped a model that puts pressure on Google" its model's."""
        words = [w for w in WORD.findall(lowered, name.end, cue_start) if w not in self.not_counted]
        return any(
            word in self.relatives
            and 0 < i
            and words[i - 1] not in self.saying
            and not self.object_markers.isdisjoint(words[max(0, i - 4) : i - 1])
            for i, word in enumerate(words)
        )

    def _someone_elses_role(self, lowered: str, name: Mention, cue_start: int) -> bool:
        """ "Zuck got the head of AI at Apple": a role after an article names someone else, unless
        set off by a comma or joined by a link ("Dan is the general manager of data science")."""
        words = WORD.findall(lowered, name.end, cue_start)
        if name.entity.type != "Person" or not words or words[-1] not in ARTICLES:
            return False
        gap = lowered[name.end : cue_start]
        return not gap.lstrip().startswith(",") and not found(self.role_link, gap, 0, len(gap))

    def _governed(self, lowered: str, name: Mention, cue_start: int) -> bool:
        """ "collaborated with Google DeepMind to release", "he told Lex that joining OpenAI": the
        object of "with" or "told" acts in nothing after; but "with Jack Dorsey, CEO of Square" (set
        off by a comma) and "with their partnership" do."""
        if name.method == "pronoun" or lowered[name.end : cue_start].lstrip().startswith(","):
            return False
        before = WORD.findall(lowered, max(0, name.start - 20), name.start)
        return bool(before) and before[-1] in self.object_markers

    def object_reaches(self, lowered: str, cue_end: int, name_start: int, subject: Mention | None = None) -> bool:
        """Whether the name at `name_start` is near enough the cue ending at `cue_end` to be what it
        is about, and not the object of a verb joined after it ("for deploys and switches to Gemini");
        a pronoun for the subject may stand between ("the margin leverage they have at AWS")."""
        if self.joined_after is not None and self.joined_after.match(lowered, cue_end, name_start):
            return False
        if found(self.object_stop, lowered, cue_end, name_start):
            return False  # "I invest in Inphi and then Marvell bought it"
        same = self.same_subject.get(subject.entity.type, frozenset()) if subject is not None else frozenset()
        return self._near(lowered, cue_end, name_start, same)

    def _near(self, lowered: str, start: int, end: int, same: frozenset[str] = frozenset()) -> bool:
        words = [w for w in WORD.findall(lowered, start, end) if w not in self.not_counted]
        return len(words) <= self.reach_words and not any(w in self.other_subjects - same for w in words)

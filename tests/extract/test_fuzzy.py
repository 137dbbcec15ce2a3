"""Fuzzy name repair: the length band it compares within finds what comparing with all would."""

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from graph.extract.fuzzy import PAIR_MIN_SIMILARITY, SPELLING_MIN_SIMILARITY

LETTER = st.sampled_from("abcdefghijklmnopqrstuvwxyz")


@st.composite
def misspelled(draw, keys: list[str]) -> str:
    """A gazetteer key with one or two letters replaced, added or dropped, as captions do."""
    key = draw(st.sampled_from(keys))
    for _ in range(draw(st.integers(1, 2))):
        at = draw(st.integers(1, len(key) - 1))  # the first letter stays: keys are grouped by it
        edit = draw(st.sampled_from(["replace", "insert", "drop"]))
        if edit == "replace":
            key = key[:at] + draw(LETTER) + key[at + 1 :]
        elif edit == "insert":
            key = key[:at] + draw(LETTER) + key[at:]
        elif len(key) > 2:
            key = key[:at] + key[at + 1 :]
    return key


@settings(max_examples=300, deadline=None)
@given(data=st.data(), cutoff=st.sampled_from([SPELLING_MIN_SIMILARITY, PAIR_MIN_SIMILARITY]))
def test_the_band_finds_the_best_match_of_all_keys(extractor, data, cutoff):
    fuzzy = extractor.mention_stage.fuzzy
    letter = data.draw(st.sampled_from(sorted(fuzzy.keys_by_letter)))
    keys = fuzzy.keys_by_letter[letter]
    key = data.draw(misspelled([k for k in keys if len(k) > 2] or keys))
    everything = process.extractOne(key, keys, scorer=fuzz.ratio, score_cutoff=cutoff)
    band = process.extractOne(
        key, fuzzy._within_reach(letter, len(key), cutoff), scorer=fuzz.ratio, score_cutoff=cutoff
    )
    assert (band and band[:2]) == (everything and everything[:2])  # the name and its score, not its index


def test_a_misspelled_name_is_still_within_reach(extractor):
    key = "palanteer"
    assert "palantir" in extractor.mention_stage.fuzzy._within_reach("p", len(key), SPELLING_MIN_SIMILARITY)


def test_no_misspelling_is_repaired_into_a_name_of_the_industries_list(mentions):
    assert [m for m in mentions("a new modern ai lab and the moderna vaccine") if m[3] == "fuzzy"] == []

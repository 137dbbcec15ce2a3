"""graph/extract/variants.py: when two names are spellings of one, and the guards that keep
different people and things apart."""

from __future__ import annotations

import pytest

from graph.extract.variants import ListedNames, canonical_spellings, same_name


@pytest.mark.parametrize(
    ("first", "second"),
    [  # spellings of one name in real captions
        ("Ralph Wiggum", "Ralph Wigum"),
        ("Ralph Wiggum", "Ralph Waggum"),
        ("Kira Nightly", "Kiara Nightly"),
        ("Susie Derkens", "Suzie Derkens"),
        ("Melvin Vivas", "Melvin Vivos"),
        ("Tobi Lütke", "Tobi Lutke's"),
        ("Anysphere", "Anysfere"),
    ],
)
def test_caption_spellings_are_one_name(first, second):
    assert same_name(first, second) and same_name(second, first)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Sam Altman", "Sam Harris"),  # the same given name, another surname
        ("Dario Amodei", "Daniela Amodei"),  # the same surname, another given name
        ("Mark Chen", "Mark Chan"),  # short words are not spelled two ways
        ("Jon Smith", "John Smith"),
        ("Clo", "Cloy"),  # nor short names
        ("Ralph Wiggum", "Ralph Wiggumlike"),  # another sound
        ("Kira Nightly", "Kira Knly"),
        ("Suzie Derkins", "Susie Derkens"),  # no word the same
        ("GPT-5.1", "GPT-5.2"),  # versions
        ("Claude Opus 4.5", "Claude Opus 4.6"),
        ("Ralph Wiggum", "Ralph"),
    ],
)
def test_different_names_stay_apart(first, second):
    assert not same_name(first, second) and not same_name(second, first)


def test_the_spelling_said_most_often_names_them_all():
    chosen = canonical_spellings(
        {"Ralph Wigum": 1, "Ralph Wiggum": 4, "Ralph Waggum": 1, "Mark Chen": 2, "Mark Chan": 1, "Kira Nightly": 1}
    )
    assert chosen == {
        "Ralph Wiggum": "Ralph Wiggum",
        "Ralph Wigum": "Ralph Wiggum",
        "Ralph Waggum": "Ralph Wiggum",
        "Mark Chen": "Mark Chen",
        "Mark Chan": "Mark Chan",
        "Kira Nightly": "Kira Nightly",
    }
    assert canonical_spellings({"Kira Nightly": 1, "Kiara Nightly": 1}) == dict.fromkeys(
        ("Kira Nightly", "Kiara Nightly"), "Kiara Nightly"
    )  # equally often: the first in alphabetical order, whatever the order given


def test_the_name_lists_spellings_win(schema):
    listed = ListedNames(schema.entries)
    assert listed.entity("Sam Elman", "Person").name == "Sam Altman"  # a listed alias (one that needs context)
    assert listed.entity("Sam Elmen", "Person").name == "Sam Altman"  # a spelling of one
    assert listed.entity("Satya Nadela", "Person").name == "Satya Nadella"
    assert listed.entity("Sam Elman", "Company") is None  # another type
    assert listed.entity("Sam Harris", "Person") is None
    assert listed.entity("Sam", "Person") is None  # an ambiguous alias of one word is a word
    assert listed.entity("GPT-5.1", "AIModel") is None  # a version is a model of its own

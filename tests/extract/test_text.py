import re

from hypothesis import given, settings
from hypothesis import strategies as st

from graph.extract.text import clauses, count_said, is_punctuated, normalise, phrase_pattern


@given(st.text(max_size=200))
@settings(max_examples=200)
def test_normalise_keeps_every_offset(text):
    assert len(normalise(text)) == len(text)


def test_normalise_lowercases_and_spaces_hyphens():
    assert normalise("GPT-4 İs") == "gpt 4 İs".lower()[:0] + "gpt 4 " + normalise("İs")[0] + "s"


def test_a_phrase_is_counted_where_it_stands_as_words():
    assert count_said("square", "square, squares and a square_root; Square. square") == 2
    assert count_said("aa", "aaa aa aa-aa") == 3  # hits do not overlap: "aa aa" is two


@given(st.text("ab _-é1", min_size=1, max_size=4), st.text("ab _-é1.", max_size=60))
@settings(max_examples=300)
def test_counting_a_phrase_said_is_what_a_regex_of_it_counts(phrase, text):
    assert count_said(phrase, text) == len(re.findall(rf"(?<!\w){re.escape(phrase)}(?!\w)", text))


def test_phrase_pattern_matches_whole_words_longest_first():
    pattern = phrase_pattern(["work with", "work"])
    assert [m.group(0) for m in pattern.finditer("we work with them; homework")] == ["work with"]


def test_punctuated_text_splits_into_sentences(schema):
    text = "Amazon is working with Anthropic. Microsoft has OpenAI in the fold. Google is worried."
    spans = [text[c.start : c.end].strip() for c in clauses(text, schema.language)]
    assert spans == ["Amazon is working with Anthropic.", "Microsoft has OpenAI in the fold.", "Google is worried."]


def test_captions_split_at_discourse_markers(schema):
    text = (
        "first deep seek has done this before they are in the habit of copying releases "
        "so at the end of the day their strategy is to gain market share but I think that is fine"
    )
    assert not is_punctuated(text, schema.language)
    spans = [text[c.start : c.end] for c in clauses(text, schema.language)]
    assert len(spans) >= 3
    assert spans[1].startswith("so at the end of the day")


def test_long_captions_are_cut_at_the_maximum_length(schema):
    text = " ".join(["word"] * (schema.language.clause_max_words * 3))
    spans = clauses(text, schema.language)
    assert len(spans) == 3
    assert all(len(text[c.start : c.end].split()) <= schema.language.clause_max_words for c in spans)

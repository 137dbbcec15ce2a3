from graph.extract.phrases import PhraseMatcher, squeeze


def hits(phrases, text):
    return [(text[start:end], key) for start, end, key, _ in PhraseMatcher((p, p) for p in phrases).find(squeeze(text))]


def test_phrases_match_whole_words_only():
    assert hits(["ceo"], "the ceo spoke to the ceos") == [("ceo", "ceo")]
    assert hits(["open ai"], "reopen aid; open  ai") == [("open  ai", "open ai")]


def test_a_phrase_starting_with_punctuation_may_follow_a_word():
    assert hits(["'s ceo"], "openai's ceo and openai's ceos") == [("'s ceo", "'s ceo")]

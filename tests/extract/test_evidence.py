"""The quote and second an extractor records for a fact."""

from __future__ import annotations

from graph.extract.evidence import NAME_LEAD, QUOTE_LIMIT, led_by_name, quoted, quoted_within
from graph.model import Document


def _document(text: str) -> Document:
    return Document(id="t", source="t.txt", text=text)


def test_a_span_is_quoted_with_its_spaces_folded():
    document = _document("Amazon  is working\nwith Anthropic.")
    evidence = quoted(document, 0, 33)
    assert evidence.quote == "Amazon is working with Anthropic"
    assert (evidence.document_id, evidence.start, evidence.end) == ("t", 0, 33)


def test_a_short_stretch_is_quoted_whole():
    document = _document("Before. Nvidia and Intel inked a deal. After.")
    assert quoted_within(document, 8, 38, 8, 24).quote == "Nvidia and Intel inked a deal."


def test_a_long_stretch_is_quoted_around_a_short_fact():
    text = "word " * 100 + "Nvidia and Intel inked a deal " + "word " * 100
    fact = text.index("Nvidia")
    evidence = quoted_within(_document(text), 0, len(text), fact, fact + 30)
    assert "Nvidia and Intel inked a deal" in evidence.quote
    assert evidence.end - evidence.start <= QUOTE_LIMIT


def test_a_long_fact_is_quoted_as_its_two_ends():
    text = "Nvidia said " + "word " * 100 + "with Intel."
    evidence = quoted_within(_document(text), 0, len(text), 0, len(text))
    assert evidence.quote.startswith("Nvidia said") and evidence.quote.endswith("with Intel.")
    assert " … " in evidence.quote


def test_a_quote_cut_from_a_long_stretch_is_whole_words_from_a_sentence_start():
    text = "Onelongword " * 30 + "The end of that. Nvidia and Intel inked a deal " + "anotherword " * 60
    fact = text.index("Nvidia")
    evidence = quoted_within(_document(text), 0, len(text), fact, fact + 30)
    assert evidence.quote.startswith("Nvidia and Intel inked a deal")
    assert evidence.quote.split()[-1] == "anotherword"
    assert len(evidence.quote) <= QUOTE_LIMIT


def test_the_two_ends_of_a_long_fact_are_whole_words():
    text = "Nvidia said that " + "somewhat " * 100 + "it works with Intel."
    evidence = quoted_within(_document(text), 0, len(text), 0, len(text))
    head, tail = evidence.quote.split(" … ")
    assert all(word in ("Nvidia", "said", "that", "somewhat") for word in head.split())
    assert all(word in ("somewhat", "it", "works", "with", "Intel.") for word in tail.split())


def test_a_claim_read_from_a_pronoun_quotes_the_name_it_stands_for(extract):
    facts = extract("OpenAI grew fast. Then they partnered with Microsoft on cloud.")
    assert facts[("OpenAI", "partnerOf", "Microsoft")].evidence.quote.startswith("OpenAI grew fast.")


def test_a_quote_led_by_a_name_said_before_it():
    text = "OpenAI has been clear on agents. " + "More talk. " * 30 + "They added their o3 model."
    document = _document(text)
    fact = quoted(document, text.index("They"), len(text))
    led = led_by_name(document, fact, 0, len("OpenAI"))
    head, tail = led.quote.split(" … ")
    assert head.startswith("OpenAI has been clear on agents. More") and len(head) <= len("OpenAI") + NAME_LEAD
    assert tail == "They added their o3 model."
    assert (led.start, led.end, led.second) == (fact.start, fact.end, fact.second)

"""A version said with a model family's name makes its own model, of the same maker."""


def models(mentions, text):
    return [(found, name) for found, name, etype, _ in mentions(text) if etype == "AIModel"]


def test_version_inside_or_after_the_family_name(mentions):
    assert models(mentions, "Claude 3.5 Sonnet beat GPT-4 and then Sonnet 4.5 beat everything") == [
        ("Claude 3.5 Sonnet", "Claude 3.5 Sonnet"),
        ("GPT-4", "GPT-4"),
        ("Sonnet 4.5", "Claude Sonnet 4.5"),
    ]


def test_tier_after_the_version_is_part_of_the_name(mentions):
    assert models(mentions, "google shipped gemini 2.5 pro and gemini 2.0 flash") == [
        ("gemini 2.5 pro", "Gemini 2.5 Pro"),
        ("gemini 2.0 flash", "Gemini 2.0 Flash"),
    ]


def test_unlisted_version_extends_the_mention(mentions):
    assert models(mentions, "then Gemini 7.5 came out") == [("Gemini 7.5", "Gemini 7.5")]


def test_no_version_keeps_the_family(mentions):
    assert models(mentions, "Gemini is Google's model; llama 31 is not a version; llama 405b either") == [
        ("Gemini", "Gemini"),
        ("llama 31", "Llama"),
        ("llama", "Llama"),
    ]


def test_versioned_model_keeps_its_makers_facts(extract, background):
    assert ("Anthropic", "develops", "Claude 3.7 Sonnet") in extract("Anthropic's Claude 3.7 Sonnet is strong at code.")
    known = background("Anthropic is shipping fast. We tried it. Claude 3.7 Sonnet is strong at code.")
    assert ("Anthropic", "develops", "Claude 3.7 Sonnet") in known


def test_family_spoken_version_is_the_family(mentions):
    assert models(mentions, "gpt 5 and gpt 5.1 thinking") == [
        ("gpt 5", "GPT-5"),
        ("gpt 5.1 thinking", "GPT-5.1 Thinking"),
    ]


def test_a_listed_alias_beats_a_family_read_on_into_a_version(mentions):
    # "claude 3.5" is an alias of Claude Sonnet; the family Claude read on to "3.5" spans the same words
    assert models(mentions, "the release of Claude 3.5 last year") == [("Claude 3.5", "Claude 3.5 Sonnet")]


def test_a_tier_said_before_the_version_is_the_tier(mentions):
    assert [(said, name) for said, name, _, _ in mentions("We added Gemini Flash 2.5 today.")] == [
        ("Gemini Flash 2.5", "Gemini 2.5 Flash")
    ]

"""graph/corrections.py and its application to the schema: the file checked entry by entry in
one line each, and merges, aliases and retypes made in the name list the extractors read."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.corrections import FILE_NAME, CorrectionsError, Drop, name_key
from graph.model import Assertion, Entity, Evidence
from graph.schema import load_schema

REPO = Path(__file__).resolve().parent.parent


def corrections_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / FILE_NAME
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path: Path, text: str) -> str:
    with pytest.raises(CorrectionsError) as caught:
        load_schema(corrections=corrections_file(tmp_path, text))
    return str(caught.value)


@pytest.mark.parametrize(
    "text, message",
    [
        ("merge: Sam Elman\n", "expected a list of corrections such as '- {merge: NAME, into: NAME}'"),
        (
            "- [Sam Elman]\n",
            "entry 1: give one of drop, merge, alias, retype (e.g. merge: Sam Elman, into: Sam Altman)",
        ),
        ("- {merge: A, retype: B}\n", "entry 1 (merge 'A'): give one of drop, merge, alias, retype"),
        (
            "- {merge: Sam Elman, inot: Sam Altman}\n",
            "entry 1 (merge 'Sam Elman'): unknown key 'inot'; a merge takes merge, into, type",
        ),
        ("- {alias: open eye}\n", "entry 1 (alias 'open eye'): missing 'of'; a alias takes alias, of, type"),
        ("- {retype: Grok, as: }\n", "entry 1 (retype 'Grok'): as must be a name, not None"),
        (
            "- {retype: Kira Nightly, as: Human}\n",
            "entry 1 (retype 'Kira Nightly'): 'Human' is not an entity type; use one of Company, Person",
        ),
        (
            "- {drop: competes, subject: Nvidia, object: AMD}\n",
            "entry 1 (drop 'competes'): no relation 'competes'; did you mean competesWith?",
        ),
        (
            "- {merge: Sam Altman, into: sam altman}\n",
            "entry 1 (merge 'Sam Altman'): 'Sam Altman' and 'sam altman' are one name already",
        ),
        (
            "- {merge: Peter Dantis, into: Peter DeSantis}\n",
            "entry 1 (merge 'Peter Dantis'): 'Peter DeSantis' is not in entities.yaml; fix the name, or add type:",
        ),
        (
            "- {alias: Anthropic, of: OpenAI}\n",
            "entry 1 (alias 'Anthropic'): 'Anthropic' is an entity of entities.yaml; merge it instead",
        ),
        ("- {alias: chad gpt, of: ChatGPT}\n", "entry 1 (alias 'chad gpt'): 'chad gpt' is a name of 'ChatGPT' already"),
        (
            "- {retype: OpenAI, as: Company}\n",
            "entry 1 (retype 'OpenAI'): it is a Company in entities.yaml already; remove the entry",
        ),
        (
            "- {retype: Codestral, as: Company}\n",
            "entry 1 (retype 'Codestral'): entities.yaml gives it developer, which a Company cannot have",
        ),
        ("- {merge: [x\n", "not valid YAML"),
    ],
)
def test_a_wrong_entry_is_one_line_naming_it(tmp_path, text, message):
    found = problems(tmp_path, text)
    assert "\n" not in found
    assert found.startswith(str(tmp_path / FILE_NAME) + ":")
    assert message in found


def test_several_wrong_entries_are_numbered(tmp_path):
    found = problems(
        tmp_path, "- {merge: A}\n- {merge: Sam Elman, into: Sam Altman}\n- {drop: x, subject: a, object: b}\n"
    )
    lines = found.splitlines()
    assert lines[0] == f"{tmp_path / FILE_NAME} has 2 problems:"
    assert lines[1].startswith("  1. ") and "entry 1 (merge 'A'): missing 'into'" in lines[1]
    assert lines[2].startswith("  2. ") and "entry 3 (drop 'x')" in lines[2]


def test_a_retype_that_leaves_a_reference_wrong_is_named(tmp_path):
    found = problems(tmp_path, "- {retype: Mistral AI, as: Product}\n")
    assert "after its corrections, entities.yaml: entity 'Codestral'.developer: 'Mistral AI' is not a Company" in found


def test_a_missing_file_given_is_named(tmp_path):
    with pytest.raises(CorrectionsError, match=f"^{tmp_path / 'none.yaml'}: no such corrections file$"):
        load_schema(corrections=tmp_path / "none.yaml")


# --- the name list ---------------------------------------------------------------------------------
def test_a_merged_misspelling_is_a_plain_name_of_the_entity(tmp_path):
    plain = load_schema()
    assert "sam elman" in plain.entry("Sam Altman").ambiguous_aliases  # it needed a context word
    schema = load_schema(corrections=corrections_file(tmp_path, "- {merge: Sam Elman, into: Sam Altman}\n"))
    altman = schema.entry("Sam Altman")
    assert "sam elman" in altman.entity.aliases and "sam elman" not in altman.ambiguous_aliases
    assert altman.leads == "OpenAI" and len(schema.entries) == len(plain.entries)


def test_a_merged_entity_leaves_the_list_with_its_names(tmp_path):
    schema = load_schema(corrections=corrections_file(tmp_path, "- {merge: Claude Sonnet, into: Claude}\n"))
    assert schema.entry("Claude Sonnet") is None
    claude = schema.entry("Claude").entity
    assert {"claude sonnet", "claude sonic", "sonnet"} <= set(claude.aliases)
    (merge,) = schema.corrections.entries
    assert merge.names[:2] == ("Claude Sonnet", "onet 4.5")


def test_a_merged_company_is_the_maker_its_products_name(tmp_path):
    schema = load_schema(corrections=corrections_file(tmp_path, "- {merge: Mistral AI, into: Microsoft}\n"))
    assert schema.entry("Codestral").developer == "Microsoft" and schema.entry("Arthur Mensch").leads == "Microsoft"


def test_a_name_no_list_has_is_added_with_its_type(tmp_path):
    text = "- {merge: Peter Dantis, into: Peter DeSantis, type: Person}\n- {retype: Wi-Fi, as: Product}\n"
    schema = load_schema(corrections=corrections_file(tmp_path, text))
    assert schema.entry("Peter DeSantis").entity == Entity("Peter DeSantis", "Person", ("peter dantis",))
    assert schema.entry("Wi-Fi").entity == Entity("Wi-Fi", "Product")


def test_an_alias_is_taken_from_the_other_entries(tmp_path):
    plain = load_schema()
    sharing = [e.entity.name for e in plain.entries if "grock" in (*e.entity.aliases, *e.ambiguous_aliases)]
    assert sorted(sharing) == ["Grok", "Groq"]
    schema = load_schema(corrections=corrections_file(tmp_path, "- {alias: grock, of: Groq}\n"))
    assert "grock" in schema.entry("Groq").entity.aliases
    grok = schema.entry("Grok")
    assert "grock" not in (*grok.entity.aliases, *grok.ambiguous_aliases)


def test_a_retype_keeps_the_names(tmp_path):
    schema = load_schema(corrections=corrections_file(tmp_path, "- {retype: ChatGPT, as: AIModel}\n"))
    chatgpt = schema.entry("ChatGPT").entity
    assert (chatgpt.type, chatgpt.also) == ("AIModel", ())
    assert chatgpt.aliases == load_schema().entry("ChatGPT").entity.aliases


def test_the_schema_folders_file_is_read_and_changes_the_fingerprint(tmp_path):
    folder = tmp_path / "schema"
    shutil.copytree(REPO / "schema", folder)
    plain = load_schema(folder)
    (folder / FILE_NAME).write_text("- {alias: open eye, of: OpenAI}\n", encoding="utf-8")
    corrected = load_schema(folder)
    assert "open eye" in corrected.entry("OpenAI").entity.aliases
    assert corrected.fingerprint != plain.fingerprint
    assert load_schema(folder, corrections=False).fingerprint == plain.fingerprint  # the file counts where used
    (folder / FILE_NAME).write_text("- {alias: open eyes, of: OpenAI}\n", encoding="utf-8")
    assert load_schema(folder).fingerprint not in (plain.fingerprint, corrected.fingerprint)
    (folder / FILE_NAME).write_text("# nothing yet\n", encoding="utf-8")
    assert not load_schema(folder).corrections


# --- which correction touches an assertion -------------------------------------------------------
def assertion(subject: str, predicate: str, obj: str, document: str = "doc") -> Assertion:
    return Assertion(
        Entity(subject, "Company"), predicate, Entity(obj, "Company"), 0.7, Evidence(document, 0, 1, "q"), "rules"
    )


def test_a_drop_takes_its_claims_either_way_round_when_the_relation_is_symmetric(tmp_path):
    text = (
        "- {drop: competesWith, subject: nvidia, object: AMD}\n"
        "- {drop: investsIn, subject: AMD, object: Nvidia, document: Doc-2}\n"
    )
    corrections = load_schema(corrections=corrections_file(tmp_path, text)).corrections
    said = [
        assertion("Nvidia", "competesWith", "AMD"),
        assertion("AMD", "competesWith", "Nvidia"),
        assertion("Nvidia", "investsIn", "AMD"),
        assertion("AMD", "investsIn", "Nvidia"),
        assertion("Nvidia", "partnerOf", "AMD"),
    ]
    kept, used = corrections.kept(said, "doc-1")
    assert kept == said[2:]
    assert used == {corrections.entries[0]}
    kept, used = corrections.kept(said, "doc2")  # a document is named as its id, in any case
    assert kept == [said[2], said[4]] and len(used) == 2
    assert isinstance(corrections.entries[1], Drop) and corrections.entries[1].label == (
        'drop "AMD investsIn Nvidia" in document Doc-2 (corrections.yaml, entry 2)'
    )


def test_names_are_compared_without_case_spaces_or_possessive():
    assert name_key("Sam Altman's") == name_key("sam altman") == name_key("SAM-ALTMAN") == "samaltman"

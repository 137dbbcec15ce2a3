"""Markdown with YAML front matter."""

from __future__ import annotations

import pytest

from graph.errors import SourceError
from graph.sources import read
from graph.sources.markdown import read as read_markdown


def test_metadata_fields(write_transcript):
    path = write_transcript(
        "# Big heading\n\nAmazon is working with Anthropic.\n\n## Smaller heading\nThe end.",
        entities={
            "companies": ["Amazon", " Anthropic "],
            "people": ["Andy Jassy"],
            "products": ["AWS"],
            "models": ["Claude"],
            "concepts": ["ignored"],
        },
        description="What was said.",
    )
    document = read_markdown(path)
    assert document.id == "abcDEF12345"
    assert document.video_id == "abcDEF12345"
    assert document.title == "A test transcript"
    assert document.url == "https://www.youtube.com/watch?v=abcDEF12345"
    assert document.published == "2025-02-01"
    assert document.duration_seconds == 120.0
    assert document.author == "Test Channel"
    assert document.description == "What was said."
    assert document.source == str(path)
    assert document.hints == (
        ("Amazon", "Company"),
        ("Anthropic", "Company"),
        ("Andy Jassy", "Person"),
        ("AWS", "Product"),
        ("Claude", "AIModel"),
    )


def test_the_speakers_of_the_front_matter_are_people_to_look_for(write_transcript):
    path = write_transcript("Chris Church spoke.", speakers=["Chris Church", " Sandra Ro ", 7], entities=None)
    assert read_markdown(path).hints == (("Chris Church", "Person"), ("Sandra Ro", "Person"))


def test_heading_lines_are_removed_from_text(write_transcript):
    path = write_transcript("# Big heading\n\nFirst line.\n## Second heading\nSecond line.\n#hashtag stays")
    document = read_markdown(path)
    assert "heading" not in document.text
    assert "First line." in document.text and "Second line." in document.text
    assert "#hashtag stays" in document.text
    assert document.text.startswith("First line.")


def test_title_falls_back_to_first_heading_then_file_name(write_transcript):
    assert read_markdown(write_transcript("# The Heading\n\nText.", title=None)).title == "The Heading"
    assert read_markdown(write_transcript("Just text.", name="my-talk.md", title=None)).title == "my-talk"


def test_unquoted_yaml_date_and_bad_values(tmp_path):
    path = tmp_path / "talk.md"
    path.write_text(
        "---\ntitle: T\npublish_date: 2024-11-25\nduration_seconds: true\nvideo_id: x\n---\nHello.\n", encoding="utf-8"
    )
    document = read_markdown(path)
    assert document.published == "2024-11-25"
    assert document.duration_seconds is None
    assert document.id == "talk"  # a video id too short to be real is not used as the id
    assert document.text == "Hello."


def test_no_front_matter(tmp_path):
    path = tmp_path / "plain.md"
    path.write_text("Amazon is working with Anthropic.\n", encoding="utf-8")
    document = read_markdown(path)
    assert document.id == "plain"
    assert document.video_id is None and document.url is None
    assert document.text == "Amazon is working with Anthropic."


def test_unclosed_front_matter_names_the_file(tmp_path):
    path = tmp_path / "broken.md"
    path.write_text("---\ntitle: Never closed\nvideo_id: abcDEF12345\n\nSome text.\n", encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        read(path)
    assert str(path) in str(caught.value)
    assert "never closed" in str(caught.value)


def test_front_matter_that_is_a_list(tmp_path):
    path = tmp_path / "list.md"
    path.write_text("---\n- one\n- two\n---\nText.\n", encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        read(path)
    assert str(path) in str(caught.value)
    assert "mapping" in str(caught.value) and "list" in str(caught.value)


def test_invalid_yaml_front_matter(tmp_path):
    path = tmp_path / "bad.md"
    path.write_text("---\ntitle: [unclosed\n---\nText.\n", encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        read(path)
    assert str(path) in str(caught.value)
    assert "not valid YAML" in str(caught.value)


def test_python_object_payload_is_refused_and_runs_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "evil.md"
    path.write_text('---\ntitle: !!python/object/apply:os.system ["touch PWNED"]\n---\nText.\n', encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        read(path)
    assert str(path) in str(caught.value)
    assert not (tmp_path / "PWNED").exists()


def test_cp1252_bytes_are_decoded(tmp_path):
    path = tmp_path / "windows.md"
    path.write_bytes(b"---\ntitle: Caf\xe9\n---\nShe said \x93hello\x94 at the caf\xe9 \x96 twice.\n")
    document = read(path)
    assert document.title == "Café"
    assert document.text == "She said \u201chello\u201d at the café \u2013 twice."
    assert document.notices == (f"{path}: not UTF-8; read as Windows-1252 (cp1252)",)


def test_a_utf8_file_with_a_broken_byte_stays_utf8(tmp_path):
    """One bad byte used to turn the whole file to cp1252: "Jeff BÃ©zos"."""
    path = tmp_path / "mostly.md"
    path.write_bytes("---\ntitle: Bézos\n---\nJeff Bézos met Amazon's board. ".encode() + b"\xff Then he left.\n")
    document = read(path)
    assert document.title == "Bézos"
    assert document.text == "Jeff Bézos met Amazon's board. \ufffd Then he left."
    assert document.notices == (
        f"{path}: 1 byte sequence(s) that are not UTF-8 were replaced with U+FFFD; save the file as UTF-8 to keep them",
    )


@pytest.mark.parametrize("date", ["2025-02-30", "2025-13-01", "'2025-02-30'"])
def test_an_impossible_date_is_a_notice_and_left_out(tmp_path, date):
    path = tmp_path / "talk.md"
    path.write_text(f"---\ntitle: T\npublish_date: {date}\n---\nAmazon works with Anthropic.\n", encoding="utf-8")
    document = read(path)
    assert document.published is None and document.text == "Amazon works with Anthropic."
    assert document.notices == (
        f"{path}: publish date {date.strip(chr(39))!r} is not a date (YYYY-MM-DD); the transcript is built without it",
    )


def test_a_real_date_has_no_notice(tmp_path):
    path = tmp_path / "talk.md"
    path.write_text("---\ntitle: T\npublish_date: 2024-02-29\n---\nText.\n", encoding="utf-8")
    assert (read(path).published, read(path).notices) == ("2024-02-29", ())


def test_utf8_bom_is_dropped(tmp_path):
    path = tmp_path / "bom.md"
    path.write_bytes("\ufeff---\ntitle: Ünïcode\n---\nText.\n".encode("utf-8"))
    # the BOM is stripped, so the front matter is recognised
    document = read(path)
    assert document.title == "Ünïcode"
    assert document.text == "Text."


def test_nul_bytes_are_refused(tmp_path):
    path = tmp_path / "binary.md"
    path.write_bytes(b"---\ntitle: x\n---\nText\x00more\n")
    with pytest.raises(SourceError) as caught:
        read(path)
    assert str(path) in str(caught.value)
    assert "NUL" in str(caught.value)


def test_metadata_spilled_past_the_closing_line_is_not_transcript(tmp_path):
    # an unindented line inside a block value ends the front matter early; the rest of the
    # metadata follows the first '---', up to a second one
    path = tmp_path / "spilled.md"
    path.write_text(
        "---\ntitle: T\nvideo_id: abcDEF12345\ndescription: |\n  Takeaways\n---\n\n"
        "  1. **Anthropic's strategy**\n# AI-enriched metadata\nentities:\n  companies:\n"
        '    - "Anthropic"\nkeywords:\n  - "claude"\n---\n\n# T\n\nthe launch of Claude is here\n',
        encoding="utf-8",
    )
    document = read_markdown(path)
    assert document.text == "the launch of Claude is here"
    assert document.title == "T"


def test_a_rule_in_the_transcript_is_kept(tmp_path):
    path = tmp_path / "rule.md"
    path.write_text("---\ntitle: T\n---\n\nFirst part.\n\n---\n\nSecond part.\n", encoding="utf-8")
    assert read_markdown(path).text == "First part.\n\n---\n\nSecond part."

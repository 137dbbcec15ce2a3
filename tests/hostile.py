"""A folder of broken and hostile transcripts, written at test time (the 20 MB line and the
100,000-deep JSON are never committed), with the reason each bad file must be refused for."""

from __future__ import annotations

from pathlib import Path

GOOD_MD = """---
title: Good
video_id: good0000001
youtube_url: https://www.youtube.com/watch?v=good0000001
---
Amazon is working with Anthropic. Microsoft competes with Google.
"""
GOOD_VTT = """WEBVTT

00:00:01.000 --> 00:00:04.000
Nvidia supplies chips to Microsoft.
"""


def _alias_bomb() -> str:
    """The "billion laughs" in YAML: nine levels of nine aliases each (387 million strings expanded)."""
    lines = ["---", "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    previous = "a"
    for name in "bcdefghi":
        lines.append(f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]")
        previous = name
    lines += [
        "title: *i",
        "author: *i",
        "entities: {companies: *i, people: *i}",
        "---",
        "Amazon is working with Anthropic.",
    ]
    return "\n".join(lines) + "\n"


def bad_files(folder: Path) -> dict[str, tuple[bytes, str]]:
    """name → (content, words the one-line reason must contain)."""
    pwned = folder / "PWNED"
    return {
        "malformed.md": (b"---\ntitle: [unclosed\nfoo: : bar\n---\nAmazon.\n", "not valid YAML"),
        "python.md": (
            f"---\ntitle: !!python/object/apply:os.system ['touch {pwned}']\n---\nAmazon.\n".encode(),
            "tag !!python/object/apply:os.system is refused",
        ),
        "front-list.md": (b"---\n- a\n- b\n---\nAmazon and Anthropic.\n", "must be a mapping"),
        "never-closed.md": (b"---\ntitle: x\nAmazon is working with Anthropic.\n", "never closed"),
        "deep-yaml.md": (b"---\ntitle: " + b"[" * 100_000 + b"]" * 100_000 + b"\n---\nAmazon.\n", "not valid YAML"),
        "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 64, "binary file"),
        "binary.md": (bytes(range(256)) * 16, "binary file"),
        "nul.txt": (b"Amazon is working\x00 with Anthropic.", "contains NUL bytes"),
        "empty.md": (b"", "empty file"),
        "empty.txt": (b"  \n\n", "empty file"),
        "empty.json": (b"", "empty file"),
        "empty.vtt": (b"", "empty file"),
        "empty.srt": (b"", "empty file"),
        "front-matter-only.md": (b"---\ntitle: nothing said\n---\n\n", "no transcript text"),
        "huge-line.txt": (b"Amazon is working with Anthropic and " * 560_000, "more than a transcript holds"),
        "broken-time.vtt": (b"WEBVTT\n\n00:00:xx.000 --> 00:00:02.000\nAmazon.\n", "line 3: cue time"),
        "reversed-time.vtt": (
            b"WEBVTT\n\n00:00:05.000 --> 00:00:02.000\nAmazon.\n",
            "line 3: cue ends (00:00:02.000) before it starts (00:00:05.000)",
        ),
        "broken-time.srt": (b"1\n00:00:01,000 --> garbage\nAmazon.\n", "line 2: cue time"),
        "reversed-time.srt": (b"1\n00:00:09,000 --> 00:00:02,000\nAmazon.\n", "line 2: cue ends"),
        "truncated.json": (b'[{"text": "Amazon", "start": 1', "not valid JSON (Expecting"),
        "nan.json": (b'[{"text": "Amazon", "start": NaN, "duration": 2}]', "NaN is not a number JSON allows"),
        "infinite.json": (b'[{"text": "Amazon", "start": 1e999, "duration": 2}]', "not inf"),
        "digits.json": (b'[{"text": "Amazon", "start": ' + b"9" * 5000 + b"}]", "a number has thousands of digits"),
        "deep.json": (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        "evil\nname\x1b[31m.md": (b"---\ntitle: [\n---\nAmazon.\n", "not valid YAML"),
    }


def good_files() -> dict[str, bytes]:
    """Files that must build, hostile as they look."""
    return {
        "good.md": GOOD_MD.encode(),
        "good.vtt": GOOD_VTT.encode(),
        "alias-bomb.md": _alias_bomb().encode(),
        "cp1252.txt": "Amazon\u2019s deal with Anthropic \u2013 caf\u00e9.".encode("cp1252"),
        "surrogates.json": b'[{"text": "Amazon \\ud800 is working with \\udfff Anthropic", "start": 1, "duration": 2}]',
    }


def make_hostile_folder(folder: Path) -> tuple[dict[str, str], list[str]]:
    """Write every file; return the bad files' reasons by path and the good files' paths."""
    folder.mkdir(parents=True, exist_ok=True)
    reasons = {}
    for name, (content, reason) in bad_files(folder).items():
        (folder / name).write_bytes(content)
        reasons[str(folder / name)] = reason
    for name, content in good_files().items():
        (folder / name).write_bytes(content)
    return reasons, [str(folder / name) for name in good_files()]

"""Write a Markdown transcript in every format talkgraph reads, with the words spread evenly
over its duration_seconds and a yt-dlp NAME.info.json sidecar, to check that each reader
gives the graph the Markdown gives.

    python scripts/make_format_variants.py examples/2025-01-20-deepseek-releases-r1.md -o variants/
    talkgraph build variants/NAME.en.vtt -o vtt.ttl

Writes NAME.info.json and NAME.en.vtt (YouTube auto-captions as yt-dlp writes them: rolling
cues, word timings), NAME.srt, NAME.json (youtube-transcript-api), NAME.whisper.json,
NAME.md (front matter and [hh:mm:ss] lines), NAME.stamped.txt ((mm:ss) lines) and NAME.txt
(plain text, no timings).
"""

from __future__ import annotations

import argparse
import html
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from graph.model import Document
from graph.sources.markdown import FRONT_MATTER
from graph.sources.markdown import read as read_markdown
from graph.sources.timed import format_clock

CAPTION_LINE_WORDS = 8
SRT_CUE_WORDS = 12
API_ENTRY_WORDS = 8
WHISPER_SEGMENT_WORDS = 20
STAMPED_LINE_WORDS = 25
PLAIN_LINE_WORDS = 15
CAPTION_GAP = 0.01  # YouTube's short cue that holds the finished line before the next rolls in


@dataclass(frozen=True)
class Timed:
    """The transcript's words, word i said at second i × duration / number of words."""

    document: Document
    words: tuple[str, ...]

    @property
    def duration(self) -> float:
        return self.document.duration_seconds

    def second(self, index: int) -> float:
        return round(index * self.duration / len(self.words), 3)

    def chunks(self, size: int) -> list[tuple[int, tuple[str, ...]]]:
        """(index of the first word, words) for consecutive runs of `size` words."""
        return [(i, self.words[i : i + size]) for i in range(0, len(self.words), size)]


def timed(markdown: Path) -> Timed:
    document = read_markdown(markdown)
    if not document.duration_seconds:
        raise SystemExit(f"{markdown}: needs duration_seconds in its front matter to spread the words over")
    return Timed(document, tuple(document.text.split()))


def said_at(transcript: Timed, phrase: str) -> float:
    """The second the variants say `phrase` (its first word), by the even spread."""
    wanted = phrase.lower().split()
    lowered = [w.lower() for w in transcript.words]
    for index in range(len(lowered) - len(wanted) + 1):
        if lowered[index : index + len(wanted)] == wanted:
            return transcript.second(index)
    raise ValueError(f"{phrase!r} is not in the transcript")


# --- the formats ---------------------------------------------------------------------------
def info_json(t: Timed, markdown: Path) -> str:
    d = t.document
    info = {
        "id": d.video_id,
        "title": d.title,
        "upload_date": (d.published or "").replace("-", ""),
        "channel": d.author,
        "uploader": d.author,
        "duration": int(t.duration),
        "webpage_url": d.url,
        "description": d.description or "",
        "ext": "webm",
        "_type": "video",
    }
    return json.dumps(info, ensure_ascii=False, indent=2) + "\n"


def youtube_vtt(t: Timed, markdown: Path) -> str:
    """Auto-captions as yt-dlp writes them: each line rolls in word by word under the one before,
    then the finished line is held alone for 10 ms."""
    blocks = ["WEBVTT\nKind: captions\nLanguage: en\n"]
    lines = t.chunks(CAPTION_LINE_WORDS)
    previous = " "
    for number, (first, words) in enumerate(lines):
        start = t.second(first)
        end = t.second(first + len(words)) if number + 1 < len(lines) else t.duration
        timed_words = "".join(
            f"<{format_clock(t.second(first + i))}><c> {html.escape(w, quote=False)}</c>"
            for i, w in enumerate(words[1:], 1)
        )
        blocks.append(
            f"{_vtt_time(start, end - CAPTION_GAP)}\n{previous}\n{html.escape(words[0], quote=False)}{timed_words}\n"
        )
        previous = html.escape(" ".join(words), quote=False)
        blocks.append(f"{_vtt_time(end - CAPTION_GAP, end)}\n{previous}\n \n")
    return "\n".join(blocks)


def _vtt_time(start: float, end: float) -> str:
    return f"{format_clock(start)} --> {format_clock(end)} align:start position:0%"


def srt(t: Timed, markdown: Path) -> str:
    cues = []
    for number, (first, words) in enumerate(t.chunks(SRT_CUE_WORDS), 1):
        start, end = t.second(first), t.second(first + len(words))
        half = (len(words) + 1) // 2
        times = f"{format_clock(start).replace('.', ',')} --> {format_clock(end).replace('.', ',')}"
        cues.append(f"{number}\n{times}\n{' '.join(words[:half])}\n{' '.join(words[half:])}\n")
    return "\n".join(cues)


def transcript_api_json(t: Timed, markdown: Path) -> str:
    entries = [
        {
            "text": " ".join(words),
            "start": t.second(first),
            "duration": round(t.second(first + len(words)) - t.second(first), 3),
        }
        for first, words in t.chunks(API_ENTRY_WORDS)
    ]
    return json.dumps(entries, ensure_ascii=False, indent=1) + "\n"


def whisper_json(t: Timed, markdown: Path) -> str:
    segments = [
        {
            "id": number,
            "seek": 0,
            "start": t.second(first),
            "end": t.second(first + len(words)),
            "text": " " + " ".join(words),
        }
        for number, (first, words) in enumerate(t.chunks(WHISPER_SEGMENT_WORDS))
    ]
    return (
        json.dumps({"text": " ".join(t.words), "segments": segments, "language": "en"}, ensure_ascii=False, indent=1)
        + "\n"
    )


def stamped_markdown(t: Timed, markdown: Path) -> str:
    front = FRONT_MATTER.match(markdown.read_text(encoding="utf-8"))
    lines = [
        f"[{format_clock(t.second(first))[:8]}] {' '.join(words)}" for first, words in t.chunks(STAMPED_LINE_WORDS)
    ]
    return (front.group(0) if front else "") + f"\n# {t.document.title}\n\n" + "\n".join(lines) + "\n"


def stamped_text(t: Timed, markdown: Path) -> str:
    lines = []
    for first, words in t.chunks(STAMPED_LINE_WORDS):
        minutes, seconds = divmod(int(t.second(first)), 60)
        lines.append(f"({minutes:02d}:{seconds:02d}) {' '.join(words)}")
    return "\n".join(lines) + "\n"


def plain_text(t: Timed, markdown: Path) -> str:
    return "\n".join(" ".join(words) for _, words in t.chunks(PLAIN_LINE_WORDS)) + "\n"


VARIANTS: dict[str, Callable[[Timed, Path], str]] = {
    ".info.json": info_json,
    ".en.vtt": youtube_vtt,
    ".srt": srt,
    ".json": transcript_api_json,
    ".whisper.json": whisper_json,
    ".md": stamped_markdown,
    ".stamped.txt": stamped_text,
    ".txt": plain_text,
}


def write_variants(markdown: Path, folder: Path) -> dict[str, Path]:
    """Write every variant of `markdown` into `folder`; {suffix: path written}."""
    transcript = timed(markdown)
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for suffix, render in VARIANTS.items():
        path = folder / f"{markdown.stem}{suffix}"
        path.write_text(render(transcript, markdown), encoding="utf-8")
        written[suffix] = path
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("markdown", type=Path, help="a Markdown transcript with duration_seconds")
    parser.add_argument(
        "-o", "--output", type=Path, default=Path("variants"), help="folder to write (default: variants/)"
    )
    args = parser.parse_args()
    for path in write_variants(args.markdown, args.output).values():
        print(f"wrote {path}")


if __name__ == "__main__":
    main()

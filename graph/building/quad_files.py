"""Extraction as a pure per-document function writing N-Quads, so any engine can fan it out.

`extract_file(path, out_dir)` reads one transcript, extracts it and writes the document's
named graph to ``OUT_DIR/{document}.nq`` (atomically, so a task run twice or cut short never
leaves half a file); it does nothing when the file there already holds the same build key.
`extract_files` maps it over transcripts with an engine from ``graph.engines`` (local
processes or Dask), names two transcripts of one video apart as `build` does, and as `build`
skips a transcript that repeats an earlier one word for word: its file is a placeholder that
holds its build key and no quads.
`talkgraph load` (``graph.building.load``) then puts the files into a store.
"""

from __future__ import annotations

import functools
import itertools
import json
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..engines import ENGINES
from ..errors import SourceError
from ..export.files import write_atomic
from ..extract import Extractor, make_extractor
from ..oxi import named, term
from ..rdf import TG, document_triples, graph_iri, slug
from ..schema import Schema, load_schema
from ..sources import Failure, read
from .corpus import Identities, discover, extractor_identity, later_ids, read_keyed, second_id, transcript_hash
from .report import BuildReport

STORED_KEY = re.compile(rf'<{re.escape(str(TG.contentHash))}> "([0-9a-f]+)"')


@dataclass(frozen=True)
class Extracted:
    """What one task did, small enough to send back from any worker."""

    source: str
    document_id: str | None = None
    read_id: str | None = None
    """The id the transcript gives itself (its video's); document_id is the one it was written under."""
    output: str | None = None
    assertions: int = 0
    words: int = 0
    unchanged: bool = False
    failure: str | None = None
    transcript_hash: str | None = None
    """corpus.transcript_hash: a later file with the same is a duplicate."""
    build_key: str | None = None
    placeholder: bool = False
    """The file written is a duplicate's placeholder: its build key and no quads."""
    duplicate_of: str | None = None
    notices: tuple[str, ...] = ()


def extract_file(
    path: str | Path,
    out_dir: str | Path,
    *,
    schema_dir: str | Path | None = None,
    corrections: str | Path | None = None,
    extractor: str = "rules",
    extractor_options: Mapping[str, Any] | None = None,
    document_id: str | None = None,
) -> Extracted:
    """Extract one transcript into ``out_dir/{document}.nq``; `document_id` overrides the id read.
    `corrections` is a corrections file (default: the schema folder's corrections.yaml, if any)."""
    schema, chosen, identity = _tools(
        _text(schema_dir), _text(corrections), extractor, json.dumps(dict(extractor_options or {}), sort_keys=True)
    )
    try:
        data, key = read_keyed(Path(path), schema, identity)
        document = read(Path(path), data)
    except SourceError as error:
        return Extracted(str(path), failure=str(error))
    words = len(document.text.split())
    extracted = functools.partial(
        Extracted,
        str(path),
        read_id=document.id,
        words=words,
        transcript_hash=transcript_hash(document),
        build_key=key,
        notices=document.notices,
    )
    # a transcript that shared its video's id with another last time was written under the id build() gives it
    candidates = [document_id] if document_id else [document.id, *_later_ids(document.id, path, out_dir)]
    for candidate in candidates:
        target = Path(out_dir) / f"{slug(candidate)}.nq"
        stored, placeholder = _stored(target)
        if stored == key:
            return extracted(document_id=candidate, output=str(target), unchanged=True, placeholder=placeholder)
    named_document, target = replace(document, id=candidates[0]), Path(out_dir) / f"{slug(candidates[0])}.nq"
    extraction = chosen.extract(named_document)
    graph = named(str(graph_iri(named_document.id)))
    triples = dict.fromkeys(document_triples(extraction, schema, key))  # each once, in order
    quads = [ox.Quad(term(s), term(p), term(o), graph) for s, p, o in triples]
    write_atomic(target, lambda stream: ox.serialize(quads, stream, format=ox.RdfFormat.N_QUADS))
    return extracted(document_id=named_document.id, output=str(target), assertions=len(extraction.assertions))


@functools.lru_cache(maxsize=4)
def _tools(
    schema_dir: str | None, corrections: str | None, extractor: str, options: str
) -> tuple[Schema, Extractor, str]:
    """The schema and extractor, made once per worker process."""
    schema = load_schema(schema_dir, corrections)
    chosen = make_extractor(extractor, schema, **json.loads(options))
    return schema, chosen, extractor_identity(chosen)


PLACEHOLDER = "# the same transcript as another file: nothing to load\n"


def is_placeholder(path: Path) -> bool:
    return _stored(path)[1]


def _write_placeholder(target: Path, key: str) -> None:
    """A duplicate's file: no quads, only its build key, so that the next run need not extract it."""
    write_atomic(target, f'{PLACEHOLDER}# <{TG.contentHash}> "{key}"\n')


def stored_key(path: Path) -> str | None:
    """The build key (tg:contentHash) of an N-Quads file written by extract_file, if there is one."""
    return _stored(path)[0]


def _stored(path: Path) -> tuple[str | None, bool]:
    """What a file written by extract_file holds: its build key, and whether it is a placeholder."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None, False
    match = STORED_KEY.search(text)
    return (match.group(1) if match else None), text.startswith(PLACEHOLDER)


def extract_files(
    sources: Iterable[str | Path],
    out_dir: str | Path,
    *,
    engine: str = "processes",
    jobs: int = 1,
    address: str | None = None,
    schema_dir: str | Path | None = None,
    corrections: str | Path | None = None,
    extractor: str = "rules",
    extractor_options: Mapping[str, Any] | None = None,
    prune: bool = False,
    follow_symlinks: bool = False,
) -> BuildReport:
    """Extract every transcript in `sources` to ``out_dir`` with `engine` ("processes" or "dask");
    `prune` deletes the files in ``out_dir`` that no transcript among the sources wrote (none
    when a transcript failed: its file is not gone).

    >>> extract_files(["transcripts/"], "quads/", engine="dask", jobs=2)  # doctest: +SKIP
    """
    started = time.perf_counter()
    run = ENGINES.get(engine)
    passed_over: list[str] = []
    paths = [str(path) for path in discover(sources, follow_symlinks=follow_symlinks, notices=passed_over)]
    options = dict(extractor_options or {})
    schema_text, corrections_text = _text(schema_dir), _text(corrections)
    _tools(schema_text, corrections_text, extractor, json.dumps(options, sort_keys=True))  # a bad schema fails here
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    work = functools.partial(
        extract_file,
        out_dir=str(out_dir),
        schema_dir=schema_text,
        corrections=corrections_text,
        extractor=extractor,
        extractor_options=options,
    )
    results = _separate_duplicates(list(run(work, paths, jobs=jobs, address=address)), work)
    report = _report(results)
    report.notices[:0] = passed_over
    if prune and not report.failures:
        report.removed = _prune(Path(out_dir), results)
    report.seconds = time.perf_counter() - started
    return report


def _later_ids(document_id: str, path: str | Path, out_dir: str | Path) -> list[str]:
    """The ids a later transcript of the video may have been written under: `second_id`, then
    the numbered ones after it (see corpus.later_ids), as long as their files are there."""
    ids = later_ids(document_id, path)
    return [next(ids), *itertools.takewhile(lambda i: (Path(out_dir) / f"{slug(i)}.nq").is_file(), ids)]


def _separate_duplicates(results: list[Extracted], work: Callable[..., Extracted]) -> list[Extracted]:
    """Give each transcript the document id build() gives it (the first of a video keeps the
    video's id, the others ``{id}-{file name}``, numbered if that is taken: see unique_id):
    transcripts that wrote one file between them, or took another id, are extracted again under
    it. A transcript that repeats an earlier one word for word is a duplicate, as build() skips
    it: its file becomes a placeholder."""
    identities = Identities()
    expected: list[str | None] = []
    for position, result in enumerate(results):
        if result.read_id is None:
            expected.append(None)
            continue
        first = identities.repeated(result.transcript_hash, result.source)
        if first is not None:
            results[position] = replace(result, duplicate_of=str(first))
            expected.append(None)
            continue
        expected.append(identities.take(result.read_id, result.source))
    # a duplicate that found its bytes already written (an identical copy) wrote nothing; two ids
    # that differ only in case (two videos) name one file
    writers: Counter[str | None] = Counter(
        result.output for result in results if result.output and not (result.duplicate_of and result.unchanged)
    )
    for position, (result, unique) in enumerate(zip(results, expected)):
        if unique is not None and (writers[result.output] > 1 or result.document_id != unique or result.placeholder):
            if result.placeholder:  # a duplicate no more: its placeholder must not pass for its graph
                assert result.output is not None  # a placeholder is a file written
                Path(result.output).unlink(missing_ok=True)
            results[position] = work(result.source, document_id=unique)
    kept = {result.output for result in results if result.duplicate_of is None}
    for result in results:
        if result.duplicate_of is not None:
            _leave_a_placeholder(result, kept)
    return results


def _placeholder_path(duplicate: Extracted) -> Path:
    assert duplicate.output is not None and duplicate.read_id is not None  # a duplicate was read and written
    return Path(duplicate.output).parent / f"{slug(second_id(duplicate.read_id, duplicate.source))}.nq"


def _leave_a_placeholder(duplicate: Extracted, kept: set[str | None]) -> None:
    """Where the duplicate would have its graph, its placeholder; never over a kept document's file."""
    target = _placeholder_path(duplicate)
    assert duplicate.output is not None and duplicate.build_key is not None  # as _placeholder_path
    if duplicate.output not in kept and Path(duplicate.output) != target:
        Path(duplicate.output).unlink(missing_ok=True)
    if str(target) not in kept and _stored(target) != (duplicate.build_key, True):
        _write_placeholder(target, duplicate.build_key)


def _prune(out_dir: Path, results: list[Extracted]) -> int:
    """Delete the N-Quads files of out_dir that none of `results` wrote or left as a placeholder."""
    wanted = {Path(r.output) for r in results if r.output and r.duplicate_of is None}
    wanted |= {_placeholder_path(r) for r in results if r.duplicate_of is not None}
    stale = [path for path in out_dir.glob("*.nq") if path not in wanted]
    for path in stale:
        path.unlink(missing_ok=True)
    return len(stale)


def _report(results: list[Extracted]) -> BuildReport:
    report = BuildReport()
    for result in results:
        if result.failure:
            report.failures.append(Failure(Path(result.source), result.failure))
            continue
        if result.duplicate_of is not None:
            report.duplicates.append((result.source, result.duplicate_of))
            continue
        report.documents += 1
        report.notices.extend(result.notices)
        report.words += result.words
        report.unchanged += result.unchanged
        report.extracted += not result.unchanged
        report.assertions += result.assertions
    return report


def _text(path: str | Path | None) -> str | None:
    return None if path is None else str(path)

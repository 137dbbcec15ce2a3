"""The talkgraph command line: thin commands over the library API."""

from __future__ import annotations

import os
import re
import signal
import sys
import traceback
from pathlib import Path

import click

from . import api, formats, parameters
from .arguments import parse_pairs
from .building import build, default_jobs, extract_files, load_files
from .building.record import record_build
from .cli_audit import audit_command
from .cli_correct import correct
from .cli_llm import llm_options
from .cli_report import report_options, report_target
from .engines import ENGINES, processes
from .errors import SchemaError, TalkgraphError
from .evaluate import evaluate, load_gold
from .export import EXPORTERS, export
from .progress import progress_reporter
from .query import FORMATS, Limits, format_result
from .schema import load_schema
from .stats import graph_stats
from .stores import open_store
from .validate import check_shapes, validate

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
DEFAULT_GRAPH = Path("output/graph.ttl")
MAX_VIOLATIONS_SHOWN = 20
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
schema_option = click.option(
    "--schema",
    "schema_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Schema folder to use instead of the default schema/.",
)
UPDATE_ENDPOINT_HELP = (
    "With --store sparql:QUERY_URL: the SPARQL update endpoint. Default: QUERY_URL with its "
    "trailing /query or /sparql made /update. Basic auth: $TALKGRAPH_SPARQL_USER and "
    "$TALKGRAPH_SPARQL_PASSWORD."
)


class TalkgraphGroup(click.Group):
    """Prints a TalkgraphError as one line (the traceback only with --debug) and exits 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except TalkgraphError as error:
            if ctx.obj and ctx.obj.get("debug"):
                traceback.print_exc()
            # a schema's numbered problems keep their lines; any other message is one line
            message = str(error) if isinstance(error, SchemaError) else _one_line(error)
            click.echo(f"talkgraph: error: {message}", err=True)
            sys.exit(1)


timeout_option = click.option(
    "--timeout",
    type=click.FloatRange(0, min_open=True),
    default=Limits.timeout,
    show_default=True,
    help="Stop a query after this many seconds (serve: 503).",
)
memory_option = click.option(
    "--max-memory",
    "memory_mb",
    type=click.IntRange(16),
    default=Limits.memory_mb,
    show_default=True,
    help="Stop a query past this many MB of memory (serve: 503).",
)
corrections_option = click.option(
    "--corrections",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A corrections file (merge, alias, retype, drop). Default: corrections.yaml in the schema folder, if any.",
)
follow_symlinks_option = click.option(
    "--follow-symlinks",
    is_flag=True,
    help="Read files through links that lead out of the folders named (they are passed over with a notice).",
)


class FormatChoice(click.Choice):
    """One of the format names, or another spelling a user may type for one ("json-ld")."""

    def convert(self, value, param, ctx):
        return super().convert(formats.canonical(value), param, ctx)


def _graph_formats() -> list[formats.Format]:
    """The RDF formats a built graph can be written in."""
    return [fmt for fmt in formats.RDF_FORMATS if fmt.name in EXPORTERS.names()]


def _graph_suffixes() -> list[str]:
    return [fmt.suffix for fmt in _graph_formats()]


def _graph_format(output: Path) -> formats.Format:
    """The format `build -o OUTPUT` writes, from OUTPUT's suffix."""
    fmt = formats.for_output(output)
    if fmt not in _graph_formats():
        *others, last = _graph_suffixes()
        raise TalkgraphError(f"{output}: write the graph as {', '.join(others)} or {last}")
    return fmt


@click.group(cls=TalkgraphGroup, context_settings=CONTEXT)
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.version_option(package_name="talkgraph")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Turn transcripts into a knowledge graph: who partners with, competes with, builds and
    makes money from what, with the words and the second where it was said.

    \b
    Quick start:
      talkgraph build examples/ -o output/graph.ttl
      talkgraph query output/graph.ttl partners
      talkgraph viz output/graph.ttl -o output/network.html
    """
    ctx.obj = {"debug": debug}
    # `kill`, a service manager's stop: unwind like Ctrl-C, so temporary files go and stores close
    previous = signal.signal(signal.SIGTERM, _exit_on_sigterm)
    ctx.call_on_close(lambda: signal.signal(signal.SIGTERM, previous))


main.add_command(audit_command)


def _exit_on_sigterm(number, frame) -> None:
    raise SystemExit(128 + number)


def run() -> None:
    """The command line's entry point: `main`, then an exit that does not free what the command
    built one object at a time (a corpus's graph took 0.2 s). By then files are written, stores
    closed and worker processes joined; only the interpreter's own tear-down is skipped."""
    code: int | str | None = 0
    try:
        main()
    except SystemExit as stop:
        code = stop.code
    if code is None:
        code = 0
    elif not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except OSError:  # a reader that went away (`| head`) has all it wanted
            pass
    os._exit(code)


@main.command("build")
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help=f"Graph file to write; the format follows the extension ({' '.join(_graph_suffixes())}). "
    f"Default: {DEFAULT_GRAPH}, or none when --store is given.",
)
@click.option(
    "--store",
    "store_spec",
    metavar="SPEC",
    help="Keep the graph in a store (oxigraph:DIR or sparql:QUERY_URL): unchanged documents are skipped next time.",
)
@click.option("--update-endpoint", metavar="URL", help=UPDATE_ENDPOINT_HELP)
@click.option("--prune", is_flag=True, help="With --store: drop documents whose files are gone.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1),
    default=default_jobs(),
    show_default=True,
    help="Worker processes for extraction and validation.",
)
@schema_option
@corrections_option
@click.option(
    "--extractor",
    default="rules",
    show_default=True,
    help="Extractor: rules (offline), llm, or rules+llm (an OpenAI-compatible endpoint: "
    "$OPENAI_BASE_URL, key $OPENAI_API_KEY).",
)
@llm_options
@click.option(
    "--min-confidence",
    type=click.FloatRange(0, 1),
    default=0.0,
    show_default=True,
    help="Keep only facts at least this confident (schema/language.yaml's min_confidence "
    "applies to the rules in any case).",
)
@click.option("--strict", is_flag=True, help="Stop at the first file that cannot be read; write nothing.")
@follow_symlinks_option
@click.option(
    "--no-validate",
    "skip_validation",
    is_flag=True,
    help="Do not check the documents built against the schema's SHACL shapes (schema/shapes.ttl).",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress output.")
def build_command(
    sources,
    output,
    store_spec,
    update_endpoint,
    prune,
    jobs,
    schema_dir,
    corrections,
    extractor,
    min_confidence,
    strict,
    follow_symlinks,
    skip_validation,
    quiet,
    **llm,
):
    """Read transcripts (files or folders) and write their knowledge graph.

    Formats: .vtt, .srt, .json (youtube-transcript-api, Whisper), .txt (plain or with
    [hh:mm:ss] stamps), .md with front matter; a yt-dlp NAME.info.json beside a
    transcript supplies the video's metadata.

    \b
    Example:
      talkgraph build examples/ -o output/graph.ttl
      talkgraph build transcripts/ --store oxigraph:graph.db --prune -o graph.trig
      talkgraph build transcripts/ --store sparql:http://localhost:7878/query
      talkgraph build U6bZI-0oAjc.en.vtt -o graph.ttl
      OPENAI_BASE_URL=http://localhost:11434/v1 talkgraph build examples/ --extractor rules+llm --llm-model qwen2.5:7b
    """
    if output is None and not store_spec:
        output = DEFAULT_GRAPH
    fmt = _graph_format(output) if output else None
    if prune and not store_spec:
        raise TalkgraphError("--prune needs --store: it drops documents from a store")
    if update_endpoint and not store_spec:
        raise TalkgraphError("--update-endpoint needs --store sparql:QUERY_URL")
    extractor_options = _extractor_options(extractor, llm)
    schema = load_schema(schema_dir, corrections)
    if not skip_validation:
        check_shapes(schema)
    store = open_store(store_spec, update_endpoint=update_endpoint) if store_spec else None
    try:
        with progress_reporter(enabled=not quiet) as progress:
            dataset, report = build(
                sources,
                schema=schema,
                extractor=extractor,
                extractor_options=extractor_options,
                store=store,
                prune=prune,
                jobs=jobs,
                progress=progress,
                strict=strict,
                min_confidence=min_confidence,
                follow_symlinks=follow_symlinks,
                named_graphs=store is not None or (fmt is not None and fmt.keeps_graphs),
            )
        _report_failures(report.failures)
        if report.documents == 0 and not report.failures:
            raise TalkgraphError("no transcripts found (supported: .md .markdown .txt); check the paths")
        stopped = bool(report.failures) and (strict or report.documents == 0)
        if not stopped:
            record_build(report, schema, dataset=dataset, store=store)
        # an unchanged store built nothing new, so there is nothing to check
        validating = not skip_validation and report.extracted > 0
        writing_apart = output and not stopped and validating and store is None
        if output and not stopped and not writing_apart:  # a build that read nothing keeps the previous output
            export(store or dataset, fmt.name, output)
    finally:
        if store:
            store.close()
    if stopped:
        reason = "--strict stops at the first failure" if strict else "no file could be read"
        click.echo(f"talkgraph: {reason}; nothing was written", err=True)
        sys.exit(2)
    if writing_apart:  # the file is written in a forked process while this one validates
        with processes.Background(export, dataset, fmt.name, output):
            conforms = _check(dataset, schema, jobs)
    else:
        conforms = not validating or _check(dataset, schema, jobs)
    if not quiet:
        _report_passed_over(report)
        click.echo(_summary(report, output or store_spec), err=True)
    _exit_if_failed(report, prune, "built")
    if not conforms:
        sys.exit(3)


def _check(dataset, schema, jobs: int) -> bool:
    """Validate what this build made against the schema's shapes; print any violations."""
    validation = validate(dataset, schema, jobs=jobs)
    if not validation.conforms:
        for line in validation.report(limit=MAX_VIOLATIONS_SHOWN).splitlines():
            click.echo(f"talkgraph: invalid: {_one_line(line)}", err=True)
    return validation.conforms


def _report_passed_over(report) -> None:
    """A line for each file passed over or repaired while reading, and each duplicate skipped."""
    for notice in report.notices:
        click.echo(f"talkgraph: notice: {_one_line(notice)}", err=True)
    for duplicate, original in report.duplicates:
        click.echo(f"talkgraph: skipped {_one_line(duplicate)}: the same transcript as {_one_line(original)}", err=True)


def _exit_if_failed(report, prune: bool, done: str) -> None:
    """Exit with 2 after saying how many files failed, when some did; the others were `done`."""
    if report.failures:
        if prune:
            click.echo("talkgraph: nothing was pruned because some files failed", err=True)
        click.echo(f"talkgraph: {len(report.failures)} file(s) failed; the others were {done}", err=True)
        sys.exit(2)


def _report_failures(failures) -> None:
    """One line per file that failed; with --debug, first the traceback of an unexpected error."""
    debug = (click.get_current_context().find_root().obj or {}).get("debug")
    for failure in failures:
        if debug and failure.error is not None and not isinstance(failure.error, TalkgraphError):
            click.echo("".join(traceback.format_exception(failure.error)).rstrip(), err=True)
        click.echo(f"talkgraph: failed: {_one_line(failure.reason)}", err=True)


def _one_line(text: object) -> str:
    """`text` with line breaks and other control characters (from file names, transcripts) escaped."""
    return CONTROL.sub(lambda match: repr(match.group(0))[1:-1], str(text))


def _summary(report, target) -> str:
    parts = [f"{report.documents} documents", f"{report.words:,} words", f"{report.assertions} facts"]
    if report.unchanged or report.removed:
        parts += [f"{report.extracted} extracted", f"{report.unchanged} unchanged", f"{report.removed} removed"]
    if report.duplicates:
        parts.append(f"{len(report.duplicates)} duplicates skipped")
    if report.merged:
        parts.append(f"{len(report.merged)} entities merged across documents")
    if report.usage or report.dropped:
        parts.append(_llm_summary(report))
    return f"{', '.join(parts)} in {report.seconds:.1f} s → {target}"


def _llm_summary(report) -> str:
    usage = report.usage
    text = (
        f"LLM: {usage.get('llm requests', 0)} requests, {usage.get('llm cached', 0)} answers from the cache, "
        f"{usage.get('llm tokens', 0):,} tokens"
    )
    if report.dropped:
        reasons = ", ".join(f"{n} {reason}" for reason, n in sorted(report.dropped.items(), key=lambda i: -i[1]))
        text += f"; {sum(report.dropped.values())} dropped ({reasons})"
    return text


def _extractor_options(extractor: str, llm: dict) -> dict:
    """The --llm-* options given, as the LLM extractor's keyword arguments."""
    options = {name.removeprefix("llm_"): value for name, value in llm.items() if value is not None}
    if options and "llm" not in extractor.split("+"):
        given = ", ".join("--llm-" + name.replace("_", "-") for name in options)
        raise TalkgraphError(f"{given} need --extractor llm or rules+llm")
    return options


@main.command("query")
@click.argument("graph", required=False)
@click.argument("query", required=False)
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="A value for a parameter the query declares (an entity by name or alias, a relation, a date); repeatable.",
)
@click.option("--list", "list_saved", is_flag=True, help="List the saved queries with their parameters.")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the results to a file.")
@timeout_option
@memory_option
@click.option(
    "--schema",
    "schema_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Schema folder whose saved queries QUERY may name.",
)
def query_command(graph, query, params, list_saved, fmt, output, timeout, memory_mb, schema_dir):
    """Run a read-only SPARQL query over GRAPH (an RDF file, oxigraph:DIR or sparql:QUERY_URL).

    QUERY is a saved query's name (--list shows them and their parameters), a .rq file or
    SPARQL text, which may use the prefixes tg, tgid, rdf, rdfs, skos, prov, schema, xsd and
    owl without declaring them. Updates, SERVICE and FROM are refused.

    \b
    Example:
      talkgraph query --list
      talkgraph query output/graph.ttl partners --format csv
      talkgraph query output/graph.ttl evidence -p subject=Nvidia -p relation=competesWith -p object=AMD
      talkgraph query output/graph.ttl timeline -p entity=Microsoft -p other=OpenAI --format json
      talkgraph query output/graph.ttl 'SELECT ?c WHERE { ?c a tg:Company }'
    """
    schema = load_schema(schema_dir)
    if list_saved:
        click.echo(parameters.listing(schema.queries), nl=False)
        return
    if graph is None or query is None:
        raise click.UsageError("give GRAPH and QUERY, or --list to see the saved queries")
    given = parse_pairs(params)
    result = api.query(graph, query, params=given, timeout=timeout, memory_mb=memory_mb, schema=schema)
    text = format_result(result, fmt)
    if output:
        from .export.files import write_atomic

        write_atomic(output, text)
    else:
        click.echo(text, nl=False)


@main.command("viz")
@click.argument("graph")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=Path("output/network.html"),
    show_default=True,
    help="HTML page to write.",
)
@click.option("--focus", metavar="NAME", help="Show only the neighbourhood of this entity.")
@click.option("--depth", type=click.IntRange(1, 5), default=1, show_default=True, help="Hops around --focus.")
@click.option("--relations", metavar="LIST", help="Comma-separated relations to show, e.g. partnerOf,competesWith.")
@click.option("--types", metavar="LIST", help="Comma-separated entity types to show, e.g. Company,Person.")
@click.option("--max-nodes", type=click.IntRange(1), help="Keep only the most connected entities.")
@click.option(
    "--min-confidence",
    type=click.FloatRange(0, 1),
    default=0.0,
    show_default=True,
    help="Drop relations whose strongest claim is less sure than this.",
)
@click.option(
    "--min-support",
    type=click.IntRange(0),
    default=0,
    show_default=True,
    help="Drop relations said in fewer videos than this.",
)
@schema_option
def viz_command(graph, output, focus, depth, relations, types, max_nodes, min_confidence, min_support, schema_dir):
    """Write an interactive network page (self-contained HTML, works offline).

    \b
    Example:
      talkgraph viz output/graph.ttl -o output/network.html
      talkgraph viz output/graph.ttl --focus Amazon --depth 2 --relations partnerOf,competesWith
    """
    from .export.network import write_network

    write_network(
        api.load(graph),
        output,
        focus=focus,
        depth=depth,
        relations=_split(relations),
        types=_split(types),
        max_nodes=max_nodes,
        min_confidence=min_confidence,
        min_support=min_support,
        schema=load_schema(schema_dir),
    )
    click.echo(f"wrote {output}", err=True)


@main.command("report")
@click.argument("graph")
@report_options
@schema_option
def report_command(graph, output, fmt, pairs, top, schema_dir):
    """Write a static report: claims per month per relation, the most-cited entities and pairs, and
    how chosen pairs' relations changed over time (charts drawn offline; the page needs no script).

    \b
    Example:
      talkgraph report output/graph.ttl -o output/report.html --pair Microsoft OpenAI
      talkgraph report output/graph.ttl -o output/charts --format svg
    """
    from .export.report_files import write_report

    target = report_target(output, fmt)
    written = write_report(api.load(graph), target, fmt=fmt, pairs=pairs, top=top, schema=load_schema(schema_dir))
    for path in written:
        click.echo(f"wrote {path}", err=True)


@main.command("export")
@click.argument("graph")
@click.option("-f", "--format", "fmt", type=FormatChoice(EXPORTERS.names()), required=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File to write (default: beside GRAPH).")
def export_command(graph, fmt, output):
    """Convert GRAPH to another format: RDF (turtle, nt, trig, nquads, jsonld) or the entity
    network (graphml, gexf, csv, neo4j: a folder of CSV files and a Cypher script, or html: the
    page `talkgraph viz` writes).

    \b
    Example:
      talkgraph export output/graph.ttl --format graphml -o output/graph.graphml
      talkgraph export output/graph.ttl --format neo4j -o output/neo4j
      talkgraph export output/graph.ttl --format html -o network.html
      talkgraph export oxigraph:graph.db --format trig -o graph.trig
    """
    suffix = formats.named(fmt).suffix
    if output is None and str(graph).startswith("sparql:"):
        raise TalkgraphError("a SPARQL endpoint has no folder to write beside: give the file with -o")
    target = output or Path(str(graph).rsplit(":", 1)[-1]).with_suffix(suffix)
    store = open_store(graph, create=False)
    try:
        export(store, fmt, target)
    finally:
        store.close()
    click.echo(f"wrote {target}", err=True)


@main.command("stats")
@click.argument("graph")
@click.option("--top", type=click.IntRange(1), default=10, show_default=True, help="How many most connected entities.")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@schema_option
def stats_command(graph, top, fmt, schema_dir):
    """Count documents, entities by type and relations, and list the most connected entities.

    \b
    Example:
      talkgraph stats output/graph.ttl
      talkgraph stats oxigraph:channel.db --format json --top 20
    """
    stats = graph_stats(api.load(graph), load_schema(schema_dir))
    click.echo(stats.as_json(top) if fmt == "json" else stats.report(top))


@main.command("validate")
@click.argument("graph")
@click.option(
    "--schema",
    "schema_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Schema folder whose shapes.ttl to check against.",
)
@click.option(
    "--max", "limit", type=click.IntRange(1), default=50, show_default=True, help="Show at most this many violations."
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1),
    default=default_jobs(),
    show_default=True,
    help="Processes to check the shapes in.",
)
def validate_command(graph, schema_dir, limit, jobs):
    """Check GRAPH against the SHACL shapes of schema/shapes.ttl: each relation's subject and
    object types, every entity typed and labelled, every relation backed by a claim with its
    document, extractor and quote. Exits 3 when the graph does not conform.

    \b
    Example:
      talkgraph validate output/graph.ttl
      talkgraph validate oxigraph:channel.db --max 10
    """
    result = validate(api.load(graph), load_schema(schema_dir), jobs=jobs)
    click.echo(_one_line_each(result.report(limit)))
    if not result.conforms:
        sys.exit(3)


def _one_line_each(text: str) -> str:
    return "\n".join(_one_line(line) for line in text.splitlines())


@main.command("eval")
@click.argument("graph")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@schema_option
def eval_command(graph, gold, as_json, schema_dir):
    """Score GRAPH against a gold file: precision, recall and F1 of triples and typed entities.

    \b
    Example:
      talkgraph eval output/graph.ttl tests/data/gold/2025-01-20-deepseek-releases-r1.yaml
    """
    result = evaluate(api.load(graph), load_gold(gold, load_schema(schema_dir)))
    if as_json:
        import json

        click.echo(json.dumps(result.as_dict(), indent=2))
    else:
        click.echo(result.report())


@main.command("extract")
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out-dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the N-Quads files, one per document (DOCUMENT.nq).",
)
@click.option(
    "--engine",
    type=click.Choice(ENGINES.names()),
    default="processes",
    show_default=True,
    help="processes: worker processes on this machine; dask: a Dask cluster (local, or --scheduler).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1),
    default=default_jobs(),
    show_default=True,
    help="Worker processes (with --engine dask and no --scheduler: local Dask workers).",
)
@click.option("--scheduler", metavar="ADDRESS", help="With --engine dask: a running cluster, e.g. tcp://10.0.0.5:8786.")
@schema_option
@corrections_option
@click.option("--extractor", default="rules", show_default=True, help="Extractor: rules, llm or rules+llm.")
@click.option(
    "--prune",
    is_flag=True,
    help="Delete the files of documents no longer among the sources (not when a transcript failed).",
)
@follow_symlinks_option
@llm_options
@click.option("-q", "--quiet", is_flag=True, help="No summary.")
def extract_command(
    sources, out_dir, engine, jobs, scheduler, schema_dir, corrections, extractor, prune, follow_symlinks, quiet, **llm
):
    """Extract transcripts in parallel into one N-Quads file per document; a file that
    already holds the same content, schema and extractor is kept. Load them with `talkgraph load`.

    \b
    Example:
      talkgraph extract transcripts/ --out-dir quads/ -j 8
      talkgraph extract transcripts/ --out-dir quads/ --prune     # and delete the files of removed transcripts
      talkgraph extract /mnt/team/transcripts --out-dir /mnt/team/quads --engine dask --scheduler tcp://10.0.0.5:8786
      talkgraph load quads/ --store sparql:http://localhost:7878/query
    """
    if scheduler and engine != "dask":
        raise TalkgraphError("--scheduler needs --engine dask")
    report = extract_files(
        sources,
        out_dir,
        engine=engine,
        jobs=jobs,
        address=scheduler,
        schema_dir=schema_dir,
        corrections=corrections,
        extractor=extractor,
        extractor_options=_extractor_options(extractor, llm),
        prune=prune,
        follow_symlinks=follow_symlinks,
    )
    _report_failures(report.failures)
    if report.documents == 0 and not report.failures:
        raise TalkgraphError("no transcripts found; check the paths")
    if not quiet:
        _report_passed_over(report)
        removed = f", {report.removed} removed" if prune else ""
        click.echo(
            f"{report.documents} documents ({report.extracted} extracted, "
            f"{report.unchanged} unchanged{removed}), "
            f"{report.assertions} facts in {report.seconds:.1f} s, {report.documents_per_second:.1f} "
            f"documents/s → {out_dir}",
            err=True,
        )
    _exit_if_failed(report, prune, "extracted")


@main.command("load")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--store", "store_spec", metavar="SPEC", required=True, help="Store to load into: sparql:QUERY_URL or oxigraph:DIR."
)
@click.option("--update-endpoint", metavar="URL", help=UPDATE_ENDPOINT_HELP)
@click.option("--prune", is_flag=True, help="Drop the store's documents that no file in FOLDER holds.")
@schema_option
@click.option("-q", "--quiet", is_flag=True, help="No summary.")
def load_command(folder, store_spec, update_endpoint, prune, schema_dir, quiet):
    """Load the N-Quads files of `talkgraph extract` (every *.nq under FOLDER) into a store:
    each document's graph replaces the one of the same name; unchanged ones are not sent.

    \b
    Example:
      talkgraph load quads/ --store sparql:http://localhost:7878/query --prune
      talkgraph load quads/ --store oxigraph:graph.db
    """
    store = open_store(store_spec, update_endpoint=update_endpoint)
    try:
        report = load_files(folder, store, prune=prune, schema=load_schema(schema_dir))
    finally:
        store.close()
    _report_failures(report.failures)
    if not quiet:
        click.echo(
            f"{report.files} files: {report.loaded} documents loaded ({report.quads:,} quads), "
            f"{report.unchanged} unchanged, {report.removed} removed, {len(report.merged)} merged across documents "
            f"in {report.seconds:.1f} s → {store_spec}",
            err=True,
        )
    _exit_if_failed(report, prune, "loaded")


@main.command("serve")
@click.argument("graph")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; 0.0.0.0 opens the endpoint to the network.",
)
@click.option(
    "-p",
    "--port",
    type=click.IntRange(0, 65535),
    default=7879,
    show_default=True,
    help="Port to listen on (0: any free one).",
)
@timeout_option
@memory_option
@click.option(
    "--max-answer",
    "answer_mb",
    type=click.FloatRange(0, min_open=True),
    default=Limits.answer_mb,
    show_default=True,
    help="Refuse an answer over this many MB (400).",
)
@click.option(
    "--max-queries",
    "queries",
    type=click.IntRange(1),
    default=Limits.queries,
    show_default=True,
    help="Queries that may run at once; one more waits for a place.",
)
@click.option(
    "--queue-wait",
    type=click.FloatRange(0),
    default=Limits.queue_wait,
    show_default=True,
    help="Seconds a query waits for a place before 503 with Retry-After.",
)
@click.option(
    "--client-timeout",
    type=click.FloatRange(0, min_open=True),
    default=Limits.client_timeout,
    show_default=True,
    help="Close a connection whose client takes longer to send a request, or stays idle.",
)
@click.option("--cors", metavar="ORIGIN", help="Let pages from ORIGIN (or '*') query the endpoint from a browser.")
def serve_command(graph, host, port, **limits):
    """Serve GRAPH (an RDF file, oxigraph:DIR or sparql:QUERY_URL) as a read-only SPARQL 1.1
    endpoint at /query: GET or POST, answers as JSON, CSV, TSV or XML by the Accept header.
    Updates, SERVICE and FROM are refused, as in `talkgraph query`; a query whose client
    hangs up is stopped.

    \b
    Example:
      talkgraph serve output/graph.ttl --port 7879
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 5' http://127.0.0.1:7879/query
    """
    from .endpoint import make_server

    store = open_store(graph, create=False).for_serving()
    try:
        server = make_server(store, host, port, limits=Limits(**limits))
        click.echo(
            f"talkgraph: serving {graph} read-only at http://{host}:{server.server_port}/query (Ctrl-C stops)", err=True
        )
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
    finally:
        store.close()


main.add_command(correct)


def _split(value: str | None) -> list[str] | None:
    return [v.strip() for v in value.split(",") if v.strip()] if value else None

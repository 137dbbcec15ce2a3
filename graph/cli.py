"""The talkgraph command line: thin commands over the library API."""
from __future__ import annotations

import sys
import traceback
from pathlib import Path

import click

from . import api
from .errors import TalkgraphError
from .evaluate import evaluate, load_gold
from .export import EXPORTERS, export, format_for
from .pipeline import build
from .progress import progress_reporter
from .query import FORMATS, format_result
from .schema import load_schema
from .stats import graph_stats
from .stores import open_store

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
DEFAULT_GRAPH = Path("output/graph.ttl")


class TalkgraphGroup(click.Group):
    """Prints a TalkgraphError as one line (the traceback only with --debug) and exits 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except TalkgraphError as error:
            if ctx.obj and ctx.obj.get("debug"):
                traceback.print_exc()
            click.echo(f"talkgraph: error: {error}", err=True)
            sys.exit(1)


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


@main.command("build")
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), default=DEFAULT_GRAPH, show_default=True,
              help="Graph file to write; the format follows the extension (.ttl .nt .trig .nq .jsonld).")
@click.option("--store", "store_spec", metavar="SPEC", help="Also keep the graph in a store: oxigraph:DIR.")
@click.option("--schema", "schema_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Schema folder to use instead of the default schema/.")
@click.option("--extractor", default="rules", show_default=True, help="Extractor: rules.")
@click.option("--strict", is_flag=True, help="Stop at the first file that cannot be read.")
@click.option("-q", "--quiet", is_flag=True, help="No progress output.")
def build_command(sources, output, store_spec, schema_dir, extractor, strict, quiet):
    """Read transcripts (files or folders) and write their knowledge graph.

    \b
    Example:
      talkgraph build examples/ -o output/graph.ttl
      talkgraph build transcripts/ -o graph.trig --store oxigraph:graph.db
    """
    fmt = format_for(output)
    if fmt not in ("turtle", "nt", "trig", "nquads", "jsonld"):
        raise TalkgraphError(f"{output}: write the graph as .ttl, .nt, .trig, .nq or .jsonld")
    schema = load_schema(schema_dir)
    with progress_reporter(enabled=not quiet) as progress:
        dataset, report = build(sources, schema=schema, extractor=extractor, progress=progress, strict=strict)
    for failure in report.failures:
        click.echo(f"talkgraph: failed: {failure.reason}", err=True)
    if report.documents == 0 and not report.failures:
        raise TalkgraphError("no transcripts found (supported: .md .markdown .txt); check the paths")
    export(dataset, fmt, output)
    if store_spec:
        store = open_store(store_spec)
        try:
            store.replace_graphs(dataset)
        finally:
            store.close()
    if not quiet:
        click.echo(f"{report.documents} documents, {report.words:,} words, {report.assertions} facts "
                   f"in {report.seconds:.1f} s → {output}", err=True)
    if report.failures:
        click.echo(f"talkgraph: {len(report.failures)} file(s) failed; the others were built", err=True)
        sys.exit(2)


@main.command("query")
@click.argument("graph")
@click.argument("query")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the results to a file.")
@click.option("--timeout", type=float, default=api.DEFAULT_TIMEOUT, show_default=True,
              help="Stop the query after this many seconds.")
@click.option("--schema", "schema_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Schema folder whose saved queries QUERY may name.")
def query_command(graph, query, fmt, output, timeout, schema_dir):
    """Run a read-only SPARQL query over GRAPH (an RDF file or oxigraph:DIR).

    QUERY is a saved query's name (partners, competitors, monetization, develops,
    entity_profile, top_claims), a .rq file or SPARQL text. Updates, SERVICE and FROM are refused.

    \b
    Example:
      talkgraph query output/graph.ttl partners --format csv
      talkgraph query output/graph.ttl 'SELECT ?s WHERE { ?s a <https://talkgraph.dev/ontology#Company> }'
    """
    result = api.query(graph, query, timeout=timeout, schema=load_schema(schema_dir))
    text = format_result(result, fmt)
    if output:
        from .export.files import write_atomic
        write_atomic(output, text)
    else:
        click.echo(text, nl=False)


@main.command("viz")
@click.argument("graph")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("output/network.html"),
              show_default=True, help="HTML page to write.")
@click.option("--focus", metavar="NAME", help="Show only the neighbourhood of this entity.")
@click.option("--depth", type=click.IntRange(1, 5), default=1, show_default=True, help="Hops around --focus.")
@click.option("--relations", metavar="LIST", help="Comma-separated relations to show, e.g. partnerOf,competesWith.")
@click.option("--types", metavar="LIST", help="Comma-separated entity types to show, e.g. Company,Person.")
@click.option("--max-nodes", type=click.IntRange(1), help="Keep only the most connected entities.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True)
def viz_command(graph, output, focus, depth, relations, types, max_nodes, min_confidence):
    """Write an interactive network page (self-contained HTML, works offline).

    \b
    Example:
      talkgraph viz output/graph.ttl -o output/network.html
      talkgraph viz output/graph.ttl --focus Amazon --depth 2 --relations partnerOf,competesWith
    """
    from .export.network import write_network

    write_network(api.load(graph), output, focus=focus, depth=depth, relations=_split(relations),
                  types=_split(types), max_nodes=max_nodes, min_confidence=min_confidence)
    click.echo(f"wrote {output}", err=True)


@main.command("export")
@click.argument("graph")
@click.option("-f", "--format", "fmt", type=click.Choice(EXPORTERS.names()), required=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File to write (default: beside GRAPH).")
def export_command(graph, fmt, output):
    """Convert GRAPH to another format: RDF (turtle, nt, trig, nquads, jsonld) or the entity
    network (graphml, gexf, csv).

    \b
    Example:
      talkgraph export output/graph.ttl --format graphml -o output/graph.graphml
      talkgraph export oxigraph:graph.db --format trig -o graph.trig
    """
    suffix = {v: k for k, v in __import__("graph.export", fromlist=["SUFFIXES"]).SUFFIXES.items()}[fmt]
    target = output or Path(str(graph).rsplit(":", 1)[-1]).with_suffix(suffix)
    export(api.load(graph), fmt, target)
    click.echo(f"wrote {target}", err=True)


@main.command("stats")
@click.argument("graph")
@click.option("--top", type=click.IntRange(1), default=10, show_default=True, help="How many most connected entities.")
def stats_command(graph, top):
    """Count documents, entities by type and relations, and list the most connected entities.

    \b
    Example:
      talkgraph stats output/graph.ttl
    """
    click.echo(graph_stats(api.load(graph)).report(top))


@main.command("eval")
@click.argument("graph")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_command(graph, gold, as_json):
    """Score GRAPH against a gold file: precision, recall and F1 of triples and typed entities.

    \b
    Example:
      talkgraph eval output/graph.ttl tests/data/gold/2025-01-20-deepseek-releases-r1.yaml
    """
    result = evaluate(api.load(graph), load_gold(gold))
    if as_json:
        import json
        click.echo(json.dumps(result.as_dict(), indent=2))
    else:
        click.echo(result.report())


def _split(value: str | None) -> list[str] | None:
    return [v.strip() for v in value.split(",") if v.strip()] if value else None

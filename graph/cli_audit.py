"""`talkgraph audit`: draw a sample of claims for a person to grade, or score a graded one."""

from __future__ import annotations

from pathlib import Path

import click

from . import audit
from .errors import TalkgraphError
from .schema import load_schema


@click.command("audit")
@click.argument("graph", required=False)
@click.option("--per-relation", type=click.IntRange(0), default=8, show_default=True, help="Claims drawn per relation.")
@click.option(
    "--uniform", type=click.IntRange(0), default=30, show_default=True, help="Claims drawn at random from all claims."
)
@click.option("--seed", type=int, default=0, show_default=True, help="The same seed draws the same sample.")
@click.option(
    "--transcripts",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    metavar="DIR",
    help="Where the graph's transcripts are (files or folders, as given to build): the text around each quote.",
)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="CSV file to write (default: standard output).")
@click.option(
    "--score",
    "graded",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Score a graded sample instead: precision per relation and in all, with 95% Wilson intervals.",
)
@click.option(
    "--schema",
    "schema_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Schema folder the graph was built with (transcripts are read as it reads them).",
)
def audit_command(graph, per_relation, uniform, seed, transcripts, output, graded, schema_dir):
    """Draw a sample of GRAPH's claims for a person to grade (CSV, empty `correct` and
    `quote_supports` columns to fill with y or n), or --score a graded sample.

    \b
    Example:
      talkgraph audit output/graph.ttl --per-relation 8 --uniform 30 --seed 1 --transcripts examples/ -o sample.csv
      talkgraph audit --score sample.csv
    """
    if graded is not None:
        if graph:
            raise TalkgraphError("give GRAPH to draw a sample or --score FILE to score one, not both")
        click.echo(audit.score(audit.read_graded(graded)).report())
        return
    if not graph:
        raise TalkgraphError("give the GRAPH to draw a sample from, or --score FILE to score a graded sample")
    sample = audit.draw_sample(graph, per_relation=per_relation, uniform=uniform, seed=seed)
    if transcripts:
        sample = audit.with_context(sample, transcripts, load_schema(schema_dir))
        notice = audit.missing_context(sample)
    else:
        notice = "no --transcripts DIR: the context column is empty; name the folders the graph was built from"
    if notice:
        click.echo(f"talkgraph: notice: {notice}", err=True)
    text = audit.sample_csv(sample)
    if output:
        from .export.files import write_atomic

        write_atomic(output, text)
    else:
        click.echo(text, nl=False)
    stratified = sum(claim.sample == audit.STRATIFIED for claim in sample)
    relations = len({claim.relation for claim in sample if claim.sample == audit.STRATIFIED})
    click.echo(
        f"{len(sample)} claims: {stratified} stratified over {relations} relations, "
        f"{len(sample) - stratified} uniform (seed {seed}) → {output or 'standard output'}",
        err=True,
    )

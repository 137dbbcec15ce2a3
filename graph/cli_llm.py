"""The build command's --llm-* options, for the llm and rules+llm extractors.

Each defaults to None, so the command passes on only what was given and the extractor
(graph.extract.llm.extractor) keeps the defaults and reads the environment.
"""

from __future__ import annotations

from pathlib import Path

import click

from .extract.llm import defaults

OPTIONS = (
    click.option(
        "--llm-model", metavar="NAME", help="Model the endpoint knows, e.g. qwen2.5:7b. Default: $TALKGRAPH_LLM_MODEL."
    ),
    click.option(
        "--llm-chunk-size",
        type=click.IntRange(200),
        metavar="CHARS",
        help=f"Characters of transcript per request. Default: {defaults.DEFAULT_CHUNK_SIZE}.",
    ),
    click.option(
        "--llm-chunk-overlap",
        type=click.IntRange(0),
        metavar="CHARS",
        help=f"Characters each chunk repeats of the one before. Default: {defaults.DEFAULT_CHUNK_OVERLAP}.",
    ),
    click.option(
        "--llm-max-tokens",
        type=click.IntRange(1),
        metavar="N",
        help=f"Most tokens in one answer. Default: {defaults.DEFAULT_MAX_TOKENS}.",
    ),
    click.option(
        "--llm-max-requests",
        type=click.IntRange(1),
        metavar="N",
        help=f"Most requests one build may send. Default: {defaults.DEFAULT_MAX_REQUESTS}.",
    ),
    click.option(
        "--llm-token-budget",
        type=click.IntRange(1),
        metavar="N",
        help=f"Most tokens one build may spend. Default: {defaults.DEFAULT_TOKEN_BUDGET:,}.",
    ),
    click.option(
        "--llm-timeout",
        type=click.FloatRange(1),
        metavar="SECONDS",
        help=f"Wait this long for an answer. Default: {defaults.DEFAULT_TIMEOUT:g}.",
    ),
    click.option(
        "--llm-cache-dir",
        type=click.Path(file_okay=False, path_type=Path),
        metavar="DIR",
        help="Where answers are cached; a rebuild sends no request. Default: ~/.cache/talkgraph/llm.",
    ),
)


def llm_options(command):
    for option in reversed(OPTIONS):
        command = option(command)
    return command

"""The report command's options: where and in what format to write it, the pairs it follows and
how many entities and pairs it ranks."""

from __future__ import annotations

from pathlib import Path

import click

from .export.report import DEFAULT_TOP, FORMATS

DEFAULT_PAGE, DEFAULT_FOLDER = Path("output/report.html"), Path("output/report")

OPTIONS = (
    click.option(
        "-o",
        "--output",
        type=click.Path(path_type=Path),
        help=f"The page to write (default {DEFAULT_PAGE}); with --format png or svg, the folder for the charts "
        f"(default {DEFAULT_FOLDER}/).",
    ),
    click.option(
        "-f",
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default="html",
        show_default=True,
        help="html: one page, charts embedded; png, svg: a file per chart.",
    ),
    click.option(
        "--pair",
        "pairs",
        nargs=2,
        multiple=True,
        metavar="NAME NAME",
        help="Two entities (label or alias) whose relations over time to follow; repeat for more. "
        "Default: the most cited pair.",
    ),
    click.option(
        "--top",
        type=click.IntRange(1),
        default=DEFAULT_TOP,
        show_default=True,
        help="How many of the most-cited entities and pairs to rank.",
    ),
)


def report_options(command):
    for option in reversed(OPTIONS):
        command = option(command)
    return command


def report_target(output: Path | None, fmt: str) -> Path:
    return output or (DEFAULT_PAGE if fmt == "html" else DEFAULT_FOLDER)

"""`talkgraph correct`: add an entry to the corrections file, checked before it is written.

The file stays the source of truth: each command only appends one line to it (the YAML a
user would write), which can be edited or removed by hand; the next build applies it.
"""

from __future__ import annotations

from pathlib import Path

import click
import yaml

from .corrections import FILE_NAME
from .errors import TalkgraphError
from .export.files import write_atomic
from .schema import corrected, load_schema


def _where(command):
    command = click.option(
        "--file",
        "path",
        type=click.Path(dir_okay=False, path_type=Path),
        help=f"The corrections file to add to. Default: {FILE_NAME} in the schema folder.",
    )(command)
    return click.option(
        "--schema",
        "schema_dir",
        type=click.Path(file_okay=False, path_type=Path),
        help="Schema folder to check the entry against (and whose corrections file to add to).",
    )(command)


@click.group("correct")
def correct() -> None:
    """Add a correction that every build applies: merge, alias, retype or drop.

    \b
    Example:
      talkgraph correct merge "Sam Elman" "Sam Altman"
      talkgraph correct alias "open eye" OpenAI
      talkgraph correct retype "Kira Nightly" Person
      talkgraph correct drop Nvidia competesWith Microsoft --document lLBSgTKOoqY
    """


@correct.command("merge")
@click.argument("name")
@click.argument("into")
@click.option("--type", "entity_type", help="INTO's type, when entities.yaml does not list it.")
@_where
def merge(name, into, entity_type, path, schema_dir):
    """NAME (a caption misspelling, or an entity of its own) is the entity INTO from now on."""
    _add({"merge": name, "into": into, "type": entity_type}, path, schema_dir)


@correct.command("alias")
@click.argument("name")
@click.argument("entity")
@click.option("--type", "entity_type", help="ENTITY's type, when entities.yaml does not list it.")
@_where
def alias(name, entity, entity_type, path, schema_dir):
    """NAME is another name of ENTITY."""
    _add({"alias": name, "of": entity, "type": entity_type}, path, schema_dir)


@correct.command("retype")
@click.argument("name")
@click.argument("entity_type", metavar="TYPE")
@_where
def retype(name, entity_type, path, schema_dir):
    """The entity NAME is a TYPE (Company, Person, Product, AIModel, RevenueStream, Place)."""
    _add({"retype": name, "as": entity_type}, path, schema_dir)


@correct.command("drop")
@click.argument("subject")
@click.argument("relation")
@click.argument("object_")
@click.option("--document", metavar="ID", help="Only in this document (its video id).")
@_where
def drop(subject, relation, object_, document, path, schema_dir):
    """Leave out the claims SUBJECT RELATION OBJECT (either way round for a symmetric relation)."""
    _add({"drop": relation, "subject": subject, "object": object_, "document": document}, path, schema_dir)


def _add(entry: dict[str, str | None], path: Path | None, schema_dir: Path | None) -> None:
    """Append `entry` (its keys given a value) to the corrections file, once the file with it is known to load."""
    schema = load_schema(schema_dir, corrections=False)
    target = path or schema.directory / FILE_NAME
    try:
        before = target.read_bytes() if target.is_file() else b""
    except OSError as error:
        raise TalkgraphError(f"cannot read {target}: {error.strerror}") from error
    given = {name: value for name, value in entry.items() if value}
    line = yaml.safe_dump(given, default_flow_style=True, sort_keys=False, allow_unicode=True, width=1_000_000)
    after = before + (b"\n" if before and not before.endswith(b"\n") else b"") + f"- {line.strip()}\n".encode()
    added = corrected(schema, target, after).corrections.entries[-1]
    write_atomic(target, after)
    click.echo(f"{target}: added {added.label}; the next build applies it", err=True)

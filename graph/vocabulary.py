"""Write the vocabulary's parts of ontology.ttl and shapes.ttl, and the JSON-LD context.jsonld, from
relations.yaml, so that a relation or an entity type is declared once (after LinkML: one YAML model,
its RDF artefacts generated).

Each generated part of the Turtle files lies between ``# >>> NAME`` and ``# <<< NAME`` lines; the rest
(provenance, claims, documents and the notes on why the shapes look as they do) is written by hand.
context.jsonld is generated whole. ``python -m graph.vocabulary [SCHEMA_DIR]`` (``make vocabulary``)
rewrites them in place.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from rdflib import Literal

from .errors import SchemaError
from .rdf import KINDS, VOCABULARIES, entity_kind, kind_prefixes
from .schema import Schema, load_schema

SECTION = re.compile(r"^# >>> (?P<name>[\w ]+?)(?P<note> \([^\n]*)?\n(?P<body>.*?)^# <<< (?P=name)\n", re.S | re.M)
GENERATED_FILES = ("ontology.ttl", "shapes.ttl")
CONTEXT_FILE = "context.jsonld"
PER_LINE = 6  # members of a long list on one line


def regenerate(schema: Schema) -> dict[str, str]:
    """The text of each of GENERATED_FILES with its generated sections written from `schema`, and of
    the CONTEXT_FILE."""
    texts = {name: _rewrite(schema.directory / name, schema) for name in GENERATED_FILES}
    return {**texts, CONTEXT_FILE: json.dumps({"@context": context(schema)}, indent=2) + "\n"}


def write(schema: Schema) -> list[Path]:
    """Rewrite the generated sections of the schema folder's files; return the files that changed."""
    changed = []
    for name, text in regenerate(schema).items():
        path = schema.directory / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


def _rewrite(path: Path, schema: Schema) -> str:
    text = path.read_text(encoding="utf-8")

    def body(match: re.Match) -> str:
        name = match["name"]
        if name not in WRITERS:
            raise SchemaError(
                f"{path.name}: no generator writes the section '# >>> {name}'; use one of: {', '.join(WRITERS)}"
            )
        return f"# >>> {name}{match['note'] or ''}\n{WRITERS[name](schema)}# <<< {name}\n"

    return SECTION.sub(body, text)


# --- ontology.ttl -----------------------------------------------------------------------------
def entity_classes(schema: Schema) -> str:
    return "".join(
        f"tg:{t.name} a owl:Class ; rdfs:subClassOf tg:Entity ; rdfs:label {_text(t.label)} ;\n"
        f"    rdfs:comment {_text(t.comment)} .\n"
        for t in schema.entity_types.values()
    )


def relation_properties(schema: Schema) -> str:
    lines = []
    for r in schema.relations.values():
        kinds = "owl:ObjectProperty, owl:SymmetricProperty" if r.symmetric else "owl:ObjectProperty"
        lines.append(
            f"tg:{r.name} a {kinds} ; rdfs:label {_text(r.label)} ;\n"
            f"    rdfs:comment {_text(r.comment)} ;\n"
            f"    rdfs:domain {_class(r.subject_types)} ; rdfs:range {_class(r.object_types)} .\n"
        )
    return "".join(lines)


def _class(types: tuple[str, ...]) -> str:
    """One type is its class; several, their common superclass."""
    return f"tg:{types[0]}" if len(types) == 1 else "tg:Entity"


# --- context.jsonld ---------------------------------------------------------------------------
# Short names for the properties every graph uses; a value of a term with a @type is written as a
# plain string. Relations and the kinds of minted IRIs come from relations.yaml.
LINKS = {"mentions": "tg:mentions", "deepLink": "tg:deepLink", "url": "schema:url"}
LINKS |= {"subject": "rdf:subject", "predicate": "rdf:predicate", "object": "rdf:object"}
LINKS |= {"wasDerivedFrom": "prov:wasDerivedFrom", "wasAttributedTo": "prov:wasAttributedTo"}
TEXTS = {"label": "rdfs:label", "altLabel": "skos:altLabel", "quote": "tg:quote", "modality": "tg:modality"}
TEXTS |= {"name": "schema:name", "author": "schema:author", "identifier": "schema:identifier"}
TEXTS |= {"contentHash": "tg:contentHash", "charStart": "tg:charStart", "charEnd": "tg:charEnd"}
TEXTS |= {"secondEstimated": "tg:secondEstimated", "basis": "tg:basis"}
TYPED = {
    "confidence": ("tg:confidence", "xsd:decimal"),
    "startSecond": ("tg:startSecond", "xsd:decimal"),
    "datePublished": ("schema:datePublished", "xsd:date"),
    "duration": ("schema:duration", "xsd:duration"),
}


def context(schema: Schema) -> dict:
    """The JSON-LD @context of talkgraph's graphs: the prefixes Turtle files bind and short terms."""
    kinds = [*map(entity_kind, schema.entity_types), *KINDS]
    terms: dict = {name: str(namespace) for name, namespace in VOCABULARIES.items()}
    terms |= kind_prefixes(kinds)
    terms |= TEXTS
    terms |= {name: {"@id": iri, "@type": "@id"} for name, iri in LINKS.items()}
    terms |= {name: {"@id": iri, "@type": datatype} for name, (iri, datatype) in TYPED.items()}
    terms |= {name: {"@id": f"tg:{name}", "@type": "@id"} for name in schema.relations if name not in terms}
    return terms


# --- shapes.ttl -------------------------------------------------------------------------------
def entity_shapes(schema: Schema) -> str:
    names = tuple(schema.entity_types)
    return (
        f"tgsh:Entity a sh:NodeShape ;\n"
        f"    sh:targetObjectsOf tg:mentions ;\n"
        f'    sh:message "an entity must be {_one_of(names)}" ;\n'
        f"    sh:node tgsh:AnEntity .\n\n"
        f"tgsh:Labelled a sh:NodeShape ;\n"
        f"    sh:targetClass {', '.join(f'tg:{name}' for name in names)} ;\n"
        f"    sh:nodeKind sh:IRI ;\n"
        f"    sh:property [ sh:path rdfs:label ; sh:minCount 1 ; sh:maxCount 1 ; sh:datatype xsd:string ;\n"
        f'                  sh:message "an entity has exactly one rdfs:label, a string" ] ;\n'
        f"    sh:property [ sh:path skos:altLabel ; sh:datatype xsd:string ] .\n"
    )


def relation_shapes(schema: Schema) -> str:
    shapes = []
    for r in schema.relations.values():
        shapes.append(
            f"tgsh:{r.name} a sh:NodeShape ;\n"
            f"    sh:targetSubjectsOf tg:{r.name} ;\n"
            f"    {_allowed(r.subject_types)} ;\n"
            f'    sh:message "the subject of {r.name} must be {_one_of(r.subject_types)}" ;\n'
            f"    sh:property [ sh:path tg:{r.name} ; {_allowed(r.object_types)} ;\n"
            f'                  sh:message "the object of {r.name} must be {_one_of(r.object_types)}" ] .\n'
        )
    return "\n".join(shapes)


def supported_shape(schema: Schema) -> str:
    return (
        "tgsh:Supported a sh:NodeShape ;\n"
        "    sh:targetNode tgsh:graph ;\n"
        "    sh:sparql [\n"
        '        sh:message "the relation to {?o} has no tg:Claim: no words support it" ;\n'
        "        sh:prefixes tgsh: ;\n"
        f'        sh:select """{supported_query(schema)}""" ] .\n'
    )


def supported_query(schema: Schema) -> str:
    """The query of tgsh:Supported: each relation triple with no claim that says it."""
    patterns = [f"{{ ?s tg:{name} ?o BIND (tg:{name} AS ?p) }}" for name in schema.relations]
    union = "\n                UNION ".join(patterns)
    return (
        "\n            SELECT $this ?s ?p ?o (?s AS ?value) (?p AS ?path) WHERE {\n"
        f"                {{ {union} }}\n"
        "                FILTER NOT EXISTS { ?claim rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }\n"
        "            }"
    )


def claim_predicate_shape(schema: Schema) -> str:
    return (
        "tgsh:ClaimPredicate a sh:PropertyShape ; sh:targetClass tg:Claim ;\n"
        "    sh:path rdf:predicate ; sh:minCount 1 ; sh:maxCount 1 ;\n"
        f"    sh:in ( {_wrapped(f'tg:{name}' for name in schema.relations)} ) ;\n"
        '    sh:message "a claim names exactly one predicate, a relation of relations.yaml" .\n'
    )


def one_of_shapes(schema: Schema) -> str:
    """tgsh:AnEntity, and a shape for each list of several types a relation allows."""
    shapes = [_one_of_shape("AnEntity", tuple(schema.entity_types))]
    for types in dict.fromkeys(t for r in schema.relations.values() for t in (r.subject_types, r.object_types)):
        if len(types) > 1:
            shapes.append(_one_of_shape(_shape_name(types), types))
    return "\n".join(shapes)


def _one_of_shape(name: str, types: tuple[str, ...]) -> str:
    return (
        f"tgsh:{name} a sh:NodeShape ;\n"
        f"    sh:property [ sh:path rdf:type ; sh:qualifiedMinCount 1 ;\n"
        f"                  sh:qualifiedValueShape [ sh:in ( {' '.join(f'tg:{t}' for t in types)} ) ] ] .\n"
    )


def _allowed(types: tuple[str, ...]) -> str:
    """One class is a plain sh:class; several, a node shape (see the note in shapes.ttl on sh:or)."""
    return f"sh:class tg:{types[0]}" if len(types) == 1 else f"sh:node tgsh:{_shape_name(types)}"


def _shape_name(types: tuple[str, ...]) -> str:
    return "Or".join(types)


def _one_of(types: tuple[str, ...]) -> str:
    """'a Company', 'a Company or Person', 'an AIModel, Product or Company'."""
    article = "an" if types[0][:1] in "AEIOU" else "a"
    listed = types[0] if len(types) == 1 else f"{', '.join(types[:-1])} or {types[-1]}"
    return f"{article} {listed}"


def _wrapped(items: Iterable[str]) -> str:
    items = list(items)
    lines = [" ".join(items[i : i + PER_LINE]) for i in range(0, len(items), PER_LINE)]
    return "\n            ".join(lines)


def _text(value: str) -> str:
    return Literal(value).n3()


WRITERS: dict[str, Callable[[Schema], str]] = {
    "entity classes": entity_classes,
    "relations": relation_properties,
    "entity shapes": entity_shapes,
    "relation shapes": relation_shapes,
    "supported": supported_shape,
    "claim predicate": claim_predicate_shape,
    "one of several": one_of_shapes,
}


def main(argv: list[str]) -> int:
    schema = load_schema(argv[0] if argv else None)
    for path in write(schema):
        print(f"rewrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

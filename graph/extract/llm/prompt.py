"""The chat-completions request for one chunk.

The system message is schema/llm_prompt.txt with the relation definitions of
schema/relations.yaml filled in; the user message is a JSON object holding the passage and
the names around it, so nothing in a transcript can pass for an instruction; and the
answer is held to a strict JSON schema whose enums are the schema's predicates and types.
"""

from __future__ import annotations

import json
from pathlib import Path

from ...errors import SchemaError
from ...model import Document, Mention
from ...schema import Schema, default_schema_dir

PROMPT_FILE = "llm_prompt.txt"
TRIPLE_FIELDS = ("subject", "subject_type", "predicate", "object", "object_type", "quote")


class PromptBuilder:
    def __init__(self, schema: Schema, model: str, max_tokens: int):
        self.model = model
        self.max_tokens = max_tokens
        self.system = system_prompt(schema)
        self.response_format = response_format(schema)

    def payload(self, document: Document, passage: str, mentions: list[Mention]) -> dict:
        return {
            "model": self.model,
            "messages": [
                {"role": "system", "content": self.system},
                {"role": "user", "content": user_message(document, passage, mentions)},
            ],
            "response_format": self.response_format,
            "temperature": 0,
            "max_tokens": self.max_tokens,
        }


def entity_types(schema: Schema) -> list[str]:
    used = {t for r in schema.relations.values() for t in r.subject_types + r.object_types}
    return [t for t in schema.entity_types if t in used]


def relation_lines(schema: Schema) -> str:
    lines = []
    for relation in schema.relations.values():
        line = (
            f"- {relation.name} ({relation.label}): {relation.comment} "
            f"Subject: {' or '.join(relation.subject_types)}; object: {' or '.join(relation.object_types)}."
        )
        lines.append(line + (" Symmetric." if relation.symmetric else ""))
    return "\n".join(lines)


def system_prompt(schema: Schema) -> str:
    template = _template(schema.directory)
    return (
        template.replace("{types}", ", ".join(entity_types(schema)))
        .replace("{relations}", relation_lines(schema))
        .strip()
    )


def _template(directory: Path) -> str:
    """The schema folder's prompt, else the default schema's (a copied schema may predate it)."""
    for folder in (directory, default_schema_dir()):
        path = folder / PROMPT_FILE
        if path.is_file():
            return path.read_text(encoding="utf-8")
    raise SchemaError(f"no {PROMPT_FILE} in {directory} or the default schema; copy it from the default schema/ folder")


def response_format(schema: Schema) -> dict:
    types = {"type": "string", "enum": entity_types(schema)}
    triple = {
        "type": "object",
        "properties": {
            "subject": {"type": "string"},
            "subject_type": types,
            "predicate": {"type": "string", "enum": list(schema.relations)},
            "object": {"type": "string"},
            "object_type": types,
            "quote": {"type": "string"},
        },
        "required": list(TRIPLE_FIELDS),
        "additionalProperties": False,
    }
    answer = {
        "type": "object",
        "properties": {"triples": {"type": "array", "items": triple}},
        "required": ["triples"],
        "additionalProperties": False,
    }
    return {"type": "json_schema", "json_schema": {"name": "triples", "strict": True, "schema": answer}}


def user_message(document: Document, passage: str, mentions: list[Mention]) -> str:
    names = sorted({(m.entity.name, m.entity.type) for m in mentions})
    data = {
        "video_title": document.title,
        "names_in_metadata": [{"name": n, "type": t} for n, t in document.hints],
        "names_in_passage": [{"name": n, "type": t} for n, t in names],
        "transcript": passage,
    }
    return json.dumps(data, ensure_ascii=False)


def is_answer(content: object) -> bool:
    """The answer's outer shape: {"triples": [...]}; each triple is checked on its own."""
    return isinstance(content, dict) and isinstance(content.get("triples"), list)

"""The LLM extractor: any OpenAI-compatible chat-completions endpoint (Ollama, llama.cpp's
server, vLLM, OpenAI), held to the schema and grounded in the text.

Per document: the listed names it says (the shared mention stage) → chunks of the text →
one request per chunk, or its answer from the cache → every triple checked
(:mod:`graph.extract.llm.checks`) → the best reading of each triple. The endpoint comes
from OPENAI_BASE_URL, the key from OPENAI_API_KEY and the model from TALKGRAPH_LLM_MODEL
unless given.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from ...errors import LLMError
from ...model import Assertion, Document
from ...schema import Schema
from ..base import Extraction
from ..combined import CombinedExtractor
from ..mention_stage import MentionStage
from ..rules import RulesExtractor
from ..scoring import best_per_triple
from .cache import AnswerCache, request_key
from .checks import Dropped, NewNames, Passage, TripleChecker
from .chunks import check_chunking, chunk_spans
from .client import Budget, ChatClient, ClientSettings, UnreadableAnswer
from .defaults import (
    DEFAULT_CHUNK_OVERLAP,
    DEFAULT_CHUNK_SIZE,
    DEFAULT_MAX_REQUESTS,
    DEFAULT_MAX_TOKENS,
    DEFAULT_RETRIES,
    DEFAULT_TIMEOUT,
    DEFAULT_TOKEN_BUDGET,
)
from .prompt import PromptBuilder, is_answer

NAME = "llm"
UNREADABLE = "unreadable answer"


class LLMExtractor:
    """Options left out come from the environment (model, base_url, api_key) or the defaults above."""

    name = NAME

    def __init__(
        self,
        schema: Schema,
        *,
        model: str | None = None,
        base_url: str | None = None,
        api_key: str | None = None,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        chunk_overlap: int = DEFAULT_CHUNK_OVERLAP,
        max_tokens: int = DEFAULT_MAX_TOKENS,
        max_requests: int = DEFAULT_MAX_REQUESTS,
        token_budget: int = DEFAULT_TOKEN_BUDGET,
        timeout: float = DEFAULT_TIMEOUT,
        retries: int = DEFAULT_RETRIES,
        cache_dir: str | Path | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ):
        model = model or os.environ.get("TALKGRAPH_LLM_MODEL")
        base_url = base_url or os.environ.get("OPENAI_BASE_URL")
        api_key = api_key if api_key is not None else os.environ.get("OPENAI_API_KEY")
        if not model:
            raise LLMError("name the model: --llm-model NAME or TALKGRAPH_LLM_MODEL (the name your server knows it by)")
        if not base_url:
            raise LLMError(
                "set OPENAI_BASE_URL to an OpenAI-compatible endpoint, e.g. http://localhost:11434/v1 "
                "(Ollama), http://localhost:8080/v1 (llama.cpp) or https://api.openai.com/v1"
            )
        check_chunking(chunk_size, chunk_overlap)
        self.schema = schema
        self.model = model
        self.chunk_size, self.chunk_overlap = chunk_size, chunk_overlap
        self.identity = f"{NAME}:{model}:{chunk_size}/{chunk_overlap}"
        """What a document's build key records: another model or chunking extracts it again."""
        self.mention_stage = MentionStage(schema, unknown_names=False)  # the LLM finds unknown names itself
        self.checker = TripleChecker(schema, self.mention_stage, f"{NAME}:{model}")
        self.prompt = PromptBuilder(schema, model, max_tokens)
        self.cache = AnswerCache(cache_dir)
        self.budget = Budget(max_requests, token_budget)
        self.client = ChatClient(ClientSettings(base_url, api_key or None, timeout, retries), self.budget, sleep)

    def prepare(self) -> None:
        self.mention_stage.prepare()

    def extract(self, document: Document) -> Extraction:
        named = self.mention_stage.find(document).mentions
        names = NewNames()
        dropped: Counter[str] = Counter()
        usage: Counter[str] = Counter()
        found: list[Assertion] = []
        for start, end in chunk_spans(document.text, self.chunk_size, self.chunk_overlap):
            passage = Passage(document, start, end, tuple(m for m in named if start <= m.start and m.end <= end))
            content = self._answer(passage, usage)
            if content is None:
                dropped[UNREADABLE] += 1
                continue
            for triple in content["triples"]:
                try:
                    found.append(self.checker.check(triple, passage, names))
                except Dropped as drop:
                    dropped[drop.reason] += 1
        mentions = sorted(named + names.mentions, key=lambda m: (m.start, m.end))
        return Extraction(
            document,
            tuple(mentions),
            tuple(best_per_triple(found, self.schema.relations, reinforce=False)),
            dict(dropped),
            dict(usage),
        )

    def _answer(self, passage: Passage, usage: Counter[str]) -> dict | None:
        """The answer for a passage from the cache, else from the endpoint (then cached);
        None when the endpoint answered twice with unreadable JSON."""
        payload = self.prompt.payload(passage.document, passage.text, list(passage.mentions))
        key = request_key(payload)
        cached = self.cache.get(key)
        if is_answer(cached):
            usage["llm cached"] += 1
            return cached
        try:
            answer = self.client.chat_json(payload, is_answer)
        except UnreadableAnswer as error:
            usage["llm requests"] += 2
            usage["llm tokens"] += error.tokens
            return None
        usage["llm requests"] += answer.requests
        usage["llm tokens"] += answer.tokens
        self.cache.put(key, answer.content, self.model)
        return answer.content


def rules_and_llm(schema: Schema, **options) -> CombinedExtractor:
    """The rules and the LLM over each document; every claim names the one that found it."""
    return CombinedExtractor((RulesExtractor(schema), LLMExtractor(schema, **options)))

"""The LLM extractor's defaults, apart from it so that the command line's help can show them
without loading an HTTP client."""

from __future__ import annotations

DEFAULT_CHUNK_SIZE = 4000
DEFAULT_CHUNK_OVERLAP = 400
DEFAULT_MAX_TOKENS = 2048
DEFAULT_MAX_REQUESTS = 200
DEFAULT_TOKEN_BUDGET = 2_000_000
DEFAULT_TIMEOUT = 120.0
DEFAULT_RETRIES = 4

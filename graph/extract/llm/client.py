"""A small client for OpenAI-compatible chat completions: ``POST {base}/chat/completions``.

It is built on the standard library (urllib): one JSON POST per chunk needs no more, the
retry policy below (429 and 5xx with backoff honouring Retry-After, one more try for a
broken body, caps on requests and tokens per build) would have to wrap any client library
anyway, and talkgraph's default install stays free of an HTTP stack it does not use offline.
"""

from __future__ import annotations

import email.utils
import ipaddress
import json
import multiprocessing
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from ...errors import LLMError

USER_AGENT = "talkgraph"
CHARS_PER_TOKEN = 4  # a rough estimate, used only where the server reports no usage
ERROR_SNIPPET = 200


class Refused(LLMError):
    """The endpoint refused the request (a 4xx, or a 5xx that names the request as the problem)."""

    def __init__(self, message: str, status: int = 0, detail: str = ""):
        super().__init__(message)
        self.status = status
        self.detail = detail


class UnreadableAnswer(LLMError):
    """The endpoint answered twice with a body that is not the JSON asked for."""

    tokens = 0
    """What the two requests cost."""


@dataclass(frozen=True)
class ClientSettings:
    base_url: str
    api_key: str | None = None
    timeout: float = 120.0
    retries: int = 4
    backoff: float = 1.0
    max_wait: float = 60.0
    """The longest wait before a retry; a server asking for longer ends the build with an error."""


class Budget:
    """The requests and tokens one build may spend, shared with forked worker processes."""

    def __init__(self, max_requests: int, max_tokens: int):
        self.max_requests = max_requests
        self.max_tokens = max_tokens
        self._requests = multiprocessing.Value("q", 0)
        self._tokens = multiprocessing.Value("q", 0)

    @property
    def requests(self) -> int:
        return self._requests.value

    @property
    def tokens(self) -> int:
        return self._tokens.value

    def take_request(self, estimated_tokens: int) -> None:
        """Count one request, or raise if it would pass a cap."""
        with self._requests.get_lock():
            if self._requests.value >= self.max_requests:
                raise LLMError(
                    f"this build reached its cap of {self.max_requests} LLM requests; raise --llm-max-requests "
                    "(answers so far are cached, so a rerun sends only the rest)"
                )
            if self._tokens.value + estimated_tokens > self.max_tokens:
                raise LLMError(
                    f"the next LLM request would pass this build's cap of {self.max_tokens:,} tokens "
                    f"({self._tokens.value:,} spent); raise --llm-token-budget "
                    "(answers so far are cached, so a rerun sends only the rest)"
                )
            self._requests.value += 1

    def spend(self, tokens: int) -> None:
        with self._tokens.get_lock():
            self._tokens.value += tokens


@dataclass(frozen=True)
class Answer:
    content: Any
    """The message content, parsed from JSON."""
    tokens: int
    requests: int


class ChatClient:
    def __init__(self, settings: ClientSettings, budget: Budget, sleep: Callable[[float], None] = time.sleep):
        self.settings = settings
        self.budget = budget
        self.sleep = sleep
        self.url = settings.base_url.rstrip("/") + "/chat/completions"
        # a local model server is never behind a proxy
        proxies: dict[str, str] | None = {} if _is_loopback(self.url) else None
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler(proxies))
        self._json_object_only = False

    def chat_json(self, payload: dict, is_valid: Callable[[Any], bool] = lambda content: True) -> Answer:
        """The answer's message content as JSON; one more try when the body is not that JSON."""
        problem = ""
        spent = 0
        for tries in (1, 2):
            body = self._send(payload)
            tokens = _tokens(body, payload)
            self.budget.spend(tokens)
            spent += tokens
            try:
                content = _content(body)
            except ValueError as error:
                problem = str(error)
                continue
            if is_valid(content):
                return Answer(content, spent, tries)
            problem = "the JSON does not have the requested shape"
        unreadable = UnreadableAnswer(f"{self.url} answered twice with unreadable JSON ({problem})")
        unreadable.tokens = spent
        raise unreadable

    def _send(self, payload: dict) -> bytes:
        """POST the payload. A server that refuses response_format json_schema (llama-cpp-python's
        accepts only json_object) gets the same schema as {"type": "json_object", "schema": …},
        from then on."""
        if self._json_object_only:
            return self._post(_as_json_object(payload))
        try:
            return self._post(payload)
        except Refused as refusal:
            if "response_format" not in refusal.detail or _as_json_object(payload) is payload:
                raise
        self._json_object_only = True
        return self._post(_as_json_object(payload))

    def _post(self, payload: dict) -> bytes:
        data = json.dumps(payload).encode("utf-8")
        self.budget.take_request(len(data) // CHARS_PER_TOKEN + int(payload.get("max_tokens") or 0))
        for attempt in range(self.settings.retries + 1):
            last = attempt == self.settings.retries
            try:
                with self._opener.open(self._request(data), timeout=self.settings.timeout) as response:
                    return response.read()
            except urllib.error.HTTPError as error:
                detail = _error_detail(error)
                if not _retryable(error.code) or "response_format" in detail or last:
                    raise Refused(
                        f"{self.url} answered {error.code}{detail}; {_hint(error.code, detail)}", error.code, detail
                    ) from None
                self.sleep(self._wait(attempt, error.headers.get("Retry-After")))
            except urllib.error.URLError as error:
                if _unreachable(error.reason) or last:
                    raise LLMError(
                        f"cannot reach the LLM endpoint {self.url} ({_reason(error.reason)}); "
                        "start the model server or set OPENAI_BASE_URL to it"
                    ) from None
                self.sleep(self._wait(attempt, None))
            except (TimeoutError, ConnectionError) as error:
                if last:
                    raise LLMError(
                        f"no answer from {self.url} ({_reason(error)}) after "
                        f"{attempt + 1} tries of {self.settings.timeout:g} s; raise --llm-timeout "
                        "or use smaller --llm-chunk-size"
                    ) from None
                self.sleep(self._wait(attempt, None))
        raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises

    def _request(self, data: bytes) -> urllib.request.Request:
        headers = {"Content-Type": "application/json", "Accept": "application/json", "User-Agent": USER_AGENT}
        if self.settings.api_key:
            headers["Authorization"] = f"Bearer {self.settings.api_key}"
        return urllib.request.Request(self.url, data=data, headers=headers, method="POST")

    def _wait(self, attempt: int, retry_after: str | None) -> float:
        asked = _retry_after_seconds(retry_after)
        if asked is not None and asked > self.settings.max_wait:
            raise LLMError(
                f"{self.url} asks to wait {asked:.0f} s before the next request (rate limit); "
                "try again later or raise your plan's limits"
            )
        return asked if asked is not None else min(self.settings.backoff * 2**attempt, self.settings.max_wait)


def _as_json_object(payload: dict) -> dict:
    """The payload with its json_schema response format in the json_object dialect (the payload
    itself when it has none)."""
    response_format = payload.get("response_format") or {}
    if response_format.get("type") != "json_schema":
        return payload
    schema = response_format["json_schema"]["schema"]
    return {**payload, "response_format": {"type": "json_object", "schema": schema}}


def _hint(status: int, detail: str) -> str:
    if "response_format" in detail:
        return "the server does not take this response_format; use a server that supports json_schema"
    if status in (401, 403):
        return "check OPENAI_API_KEY and that it may use this model"
    if status == 404:
        return "check OPENAI_BASE_URL (it usually ends in /v1) and --llm-model"
    if status in (400, 422):
        return "check --llm-model and that the server supports response_format json_schema"
    return "the server kept failing; try again later"


def _content(body: bytes) -> Any:
    """The message content, parsed (ValueError when unreadable)."""
    try:
        answer = json.loads(body)
        message = answer["choices"][0]["message"]
        text = message["content"]
    except (json.JSONDecodeError, UnicodeDecodeError, KeyError, IndexError, TypeError):
        raise ValueError("the body is not a chat completion") from None
    if not isinstance(text, str):
        raise ValueError("the message has no text content")
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise ValueError("the message content is not JSON") from None


def _tokens(body: bytes, payload: dict) -> int:
    """The tokens a request cost: the server's usage, else an estimate from the characters."""
    try:
        answer = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError):
        answer = None
    usage = answer.get("usage") if isinstance(answer, dict) else None
    total = usage.get("total_tokens") if isinstance(usage, dict) else None
    if isinstance(total, int) and total >= 0:
        return total
    return (len(json.dumps(payload)) + len(body)) // CHARS_PER_TOKEN


def _retryable(status: int) -> bool:
    return status == 429 or status >= 500


def _unreachable(reason: object) -> bool:
    """Nothing listens there, or the host name does not resolve: retrying will not help."""
    return isinstance(reason, (ConnectionRefusedError, socket.gaierror))


def _reason(reason: object) -> str:
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason) or type(reason).__name__


def _retry_after_seconds(value: str | None) -> float | None:
    """Retry-After as seconds: a number, or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(when.timestamp() - time.time(), 0.0)


def _error_detail(error: urllib.error.HTTPError) -> str:
    try:
        body = error.read().decode("utf-8", "replace")
    except OSError:
        return ""
    try:
        message = json.loads(body)["error"]
        message = message.get("message", message) if isinstance(message, dict) else message
    except (json.JSONDecodeError, KeyError, TypeError):
        message = body
    text = " ".join(str(message).split())[:ERROR_SNIPPET]
    return f" ({text})" if text else ""


def _is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False

"""A chat-completions endpoint on 127.0.0.1 for the tests: it records every request and
replays the answers queued for it (recorded bodies, rate limits, broken bodies)."""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

RECORDED = Path(__file__).resolve().parents[2] / "data" / "llm"


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


def completion(content, usage: int | None = 100) -> Reply:
    """A 200 chat completion whose message content is `content` (JSON-encoded unless a str)."""
    text = content if isinstance(content, str) else json.dumps(content)
    body = {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 0,
        "model": "test-model",
        "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": text}}],
    }
    if usage is not None:
        body["usage"] = {"prompt_tokens": usage // 2, "completion_tokens": usage - usage // 2, "total_tokens": usage}
    return Reply(body=json.dumps(body).encode())


def triples(*items: dict) -> Reply:
    return completion({"triples": list(items)})


def triple(subject, predicate, obj, quote, subject_type="Company", object_type="Company") -> dict:
    return {
        "subject": subject,
        "subject_type": subject_type,
        "predicate": predicate,
        "object": obj,
        "object_type": object_type,
        "quote": quote,
    }


def recorded(name: str) -> Reply:
    """A reply saved in tests/data/llm/NAME.json: {"status", "headers", "body"} (body: JSON or text)."""
    saved = json.loads((RECORDED / f"{name}.json").read_text(encoding="utf-8"))
    body = saved["body"]
    raw = body if isinstance(body, str) else json.dumps(body)
    return Reply(saved.get("status", 200), raw.encode(), saved.get("headers", {}))


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    body: dict

    @property
    def transcript(self) -> str:
        return json.loads(self.body["messages"][1]["content"])["transcript"]


class ChatServer:
    """Use as a context manager; `base_url` is what OPENAI_BASE_URL would be."""

    def __init__(self):
        self.replies: deque[Reply] = deque()
        self.requests: list[Request] = []
        self.fallback: Reply | None = None
        """Sent when no reply is queued; without it the server answers 500."""
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def queue(self, *replies: Reply) -> None:
        self.replies.extend(replies)

    def __enter__(self) -> ChatServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def _next(self) -> Reply:
        if self.replies:
            return self.replies.popleft()
        return self.fallback or Reply(500, b'{"error": {"message": "no reply queued"}}')

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                raw = self.rfile.read(length)
                if self.path != "/v1/chat/completions":
                    self._send(Reply(404, b'{"error": {"message": "not found"}}'))
                    return
                server.requests.append(Request(self.path, dict(self.headers), json.loads(raw)))
                self._send(server._next())

            def _send(self, reply: Reply):
                if reply.delay:
                    time.sleep(reply.delay)
                self.send_response(reply.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(reply.body)))
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                try:
                    self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (the timeout tests)

            def log_message(self, *args):
                pass

        return Handler

"""A small HTTP client for SPARQL endpoints: form POSTs over kept-alive connections, basic auth.

The standard library's http.client keeps one connection per server open across requests
(a build sends one request per few documents); a connection is opened again after a fork,
so a query run in a child process never shares its parent's socket.
"""

from __future__ import annotations

import base64
import http.client
import os
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from ..errors import StoreError

RETRYABLE = (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError, http.client.CannotSendRequest)


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str
    body: bytes

    def message(self) -> str:
        """The server's explanation, first line only."""
        text = self.body.decode("utf-8", errors="replace").strip()
        return (text.splitlines() or [""])[0][:300]


class HttpClient:
    def __init__(self, *, timeout: float, user: str | None = None, password: str | None = None):
        self.timeout = timeout
        self.authorization = _basic(user, password) if user is not None else None
        self._connections: dict[tuple[str, str], http.client.HTTPConnection] = {}
        self._pid = os.getpid()

    def post_form(self, url: str, fields: dict[str, str], accept: str = "*/*") -> Response:
        """POST `fields` as application/x-www-form-urlencoded to `url` (its own ?parameters kept)."""
        body = urlencode(fields).encode("utf-8")
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept}
        return self.request("POST", url, body, headers)

    def request(self, method: str, url: str, body: bytes | None, headers: dict[str, str]) -> Response:
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        headers = {**headers, **({"Authorization": self.authorization} if self.authorization else {})}
        for attempt in (1, 2):  # a kept-alive connection the server has closed is opened again once
            connection = self._connection(parts.scheme, parts.netloc)
            try:
                connection.request(method, target, body=body, headers=headers)
                reply = connection.getresponse()
                return Response(reply.status, reply.getheader("Content-Type", ""), reply.read())
            except RETRYABLE as error:
                self._drop(parts.scheme, parts.netloc)
                if attempt == 2:
                    raise StoreError(f"{url}: the server closed the connection ({error}); try again") from error
            except TimeoutError as error:
                self._drop(parts.scheme, parts.netloc)
                raise StoreError(f"{url}: no answer within {self.timeout:g} s; is the server overloaded?") from error
            except OSError as error:
                self._drop(parts.scheme, parts.netloc)
                raise StoreError(
                    f"{url}: cannot connect ({error.strerror or error}); is the SPARQL server "
                    "running and the URL right?"
                ) from error
            except http.client.HTTPException as error:
                self._drop(parts.scheme, parts.netloc)
                raise StoreError(f"{url}: not an HTTP answer ({type(error).__name__}); is the URL right?") from error
        raise AssertionError("unreachable")

    def _connection(self, scheme: str, netloc: str) -> http.client.HTTPConnection:
        if os.getpid() != self._pid:  # forked: the parent's sockets are not ours
            self._connections, self._pid = {}, os.getpid()
        key = (scheme, netloc)
        if key not in self._connections:
            kind = http.client.HTTPSConnection if scheme == "https" else http.client.HTTPConnection
            self._connections[key] = kind(netloc, timeout=self.timeout)
        return self._connections[key]

    def _drop(self, scheme: str, netloc: str) -> None:
        connection = self._connections.pop((scheme, netloc), None)
        if connection is not None:
            connection.close()

    def close(self) -> None:
        if os.getpid() == self._pid:
            for connection in self._connections.values():
                connection.close()
        self._connections = {}


def _basic(user: str, password: str | None) -> str:
    token = base64.b64encode(f"{user}:{password or ''}".encode()).decode("ascii")
    return f"Basic {token}"

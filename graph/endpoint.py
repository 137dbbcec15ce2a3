"""`talkgraph serve`: a read-only SPARQL 1.1 Protocol endpoint over a graph file or a store.

GET ?query=… or POST (a form with query=…, or the query itself as application/sparql-query)
at /query or /sparql. Answers in JSON, CSV, TSV or XML (CONSTRUCT: Turtle, N-Triples or
RDF/XML, JSON-LD) as the Accept header asks. The same safety as `talkgraph query`: updates,
SERVICE, FROM and the protocol's default-graph-uri / named-graph-uri are refused, and each
query runs in a child without network sockets, forked by a process of one thread that holds the
store (see graph/queryhost.py). Every cost is bounded (see Limits): a
query's time and memory, an answer's size, the queries running at once (503 past that), and
the time a client may take; a query whose client hangs up is stopped.
"""

from __future__ import annotations

import select
import socket
import threading
from collections.abc import Callable
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from .errors import QueryError, TalkgraphError
from .protocol import NotAcceptable, negotiate
from .query import Limits, check_query
from .queryhost import QueryHost
from .stores import GraphStore

PATHS = ("/query", "/sparql")
MAX_QUERY_BYTES = 1_000_000
MAX_DISCARDED_BYTES = 16_000_000
FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"
DATASET_PARAMETERS = ("default-graph-uri", "named-graph-uri")
ALLOWED_METHODS = "GET, HEAD, POST, OPTIONS"
RETRY_AFTER_SECONDS = "1"
DEFAULT_LIMITS = Limits()


class Refused(Exception):
    """A request answered with an HTTP error status and a one-line reason."""

    def __init__(self, status: int, reason: str):
        super().__init__(reason)
        self.status = status


def make_server(
    store: GraphStore, host: str = "127.0.0.1", port: int = 7879, *, limits: Limits = DEFAULT_LIMITS
) -> ThreadingHTTPServer:
    """A server (not yet serving) answering read-only queries over `store` on host:port (0: any free port)."""
    queries = QueryHost(store.opener(), offline=not store.remote, memory_mb=limits.memory_mb)

    def refresh() -> None:
        if store.refresh():  # a store a build has changed is read anew
            queries.reopen(store.opener())

    class Handler(_Handler):
        pass

    Handler.run = staticmethod(_answerer(queries, limits))
    Handler.refresh = staticmethod(refresh)
    Handler.limits = limits
    Handler.timeout = limits.client_timeout
    Handler.slots = threading.BoundedSemaphore(limits.queries)
    try:
        return _Server((host, port), Handler, queries)
    except OSError as error:  # the query process is closed with the server
        reason = error.strerror or error
        raise TalkgraphError(f"cannot listen on {host}:{port} ({reason}); choose another --port") from error


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], handler: type[_Handler], queries: QueryHost):
        self.queries = queries
        super().__init__(address, handler)

    def server_close(self) -> None:
        super().server_close()
        self.queries.close()


Answerer = Callable[[str, "str | None", Callable[[], bool]], tuple[str, bytes]]


def _answerer(queries: QueryHost, limits: Limits) -> Answerer:
    def run(sparql: str, accept: str | None, abandoned: Callable[[], bool]) -> tuple[str, bytes]:
        checked = check_query(sparql)
        negotiate(accept)  # a 406 before any work
        work = partial(_answer_within_bounds, sparql=checked, accept=accept, answer_mb=limits.answer_mb)
        return queries.run(work, limits.timeout, abandoned)

    return run


def _answer_within_bounds(store: GraphStore, sparql: str, accept: str | None, answer_mb: float) -> tuple[str, bytes]:
    """In the query's child: the answer as (media type, body), refused past `answer_mb`."""
    media_type, body = store.serialized(sparql, accept)
    if len(body) > answer_mb * 2**20:
        raise QueryError(f"the answer is over {answer_mb:g} MB; narrow the query or add LIMIT")
    return media_type, body


class _Handler(BaseHTTPRequestHandler):
    server_version = "talkgraph"
    sys_version = ""  # no Python version in the Server header
    protocol_version = "HTTP/1.1"
    run: Answerer
    refresh: Callable[[], None]
    limits: Limits
    slots: threading.BoundedSemaphore

    def do_GET(self) -> None:
        self._respond(lambda: parse_qs(self._url().query, keep_blank_values=True))

    do_HEAD = do_GET

    def do_POST(self) -> None:
        self._respond(self._post_parameters)

    def do_OPTIONS(self) -> None:
        """What the endpoint allows; a browser's CORS preflight gets its answer here."""
        try:
            self._url()
        except Refused as refused:
            self._send_error(refused.status, str(refused))
            return
        self.send_response(204)
        self.send_header("Allow", ALLOWED_METHODS)
        if self.limits.cors:
            self.send_header("Access-Control-Allow-Methods", ALLOWED_METHODS)
            self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
            self.send_header("Access-Control-Max-Age", "600")
        self._common_headers()
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _url(self):
        url = urlsplit(self.path)
        if url.path.rstrip("/") not in PATHS:
            raise Refused(404, f"no endpoint at {url.path}; send queries to /query")
        return url

    def _post_parameters(self) -> dict[str, list[str]]:
        parameters = parse_qs(self._url().query, keep_blank_values=True)
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        body = self._body()
        if kind == FORM:
            for name, values in parse_qs(body, keep_blank_values=True).items():
                parameters.setdefault(name, []).extend(values)
        elif kind == SPARQL_QUERY:
            parameters.setdefault("query", []).append(body)
        elif kind == SPARQL_UPDATE:
            raise Refused(403, "this endpoint is read-only: updates are refused")
        else:
            raise Refused(415, f"send the query as {FORM} (query=...) or {SPARQL_QUERY}, not {kind or 'no type'}")
        return parameters

    def _body(self) -> str:
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            raise Refused(411, "a POST needs a Content-Length")
        if int(length) > MAX_QUERY_BYTES:
            self._discard(int(length))
            raise Refused(413, f"the query is over {MAX_QUERY_BYTES:,} bytes")
        return self.rfile.read(int(length)).decode("utf-8", errors="replace")

    def _discard(self, length: int) -> None:
        """Read a refused body (up to a bound) so the client, still sending, gets the answer, not a reset."""
        left = min(length, MAX_DISCARDED_BYTES)
        while left > 0:
            chunk = self.rfile.read(min(left, 65536))
            if not chunk:
                break
            left -= len(chunk)

    def _respond(self, parameters: Callable[[], dict[str, list[str]]]) -> None:
        try:
            sparql = _one_query(parameters())
            self.refresh()
            if not self.slots.acquire(timeout=self.limits.queue_wait):
                raise Refused(503, f"{self.limits.queries} queries are running; try again in a moment")
            try:
                media_type, body = self.run(sparql, self.headers.get("Accept"), self._client_gone)
            finally:
                self.slots.release()
            self._send(200, media_type, body)
        except Refused as refused:
            self._send_error(refused.status, str(refused))
        except NotAcceptable as error:
            self._send_error(406, str(error))
        except QueryError as error:
            self._send_error(error.status, str(error))
        except TalkgraphError as error:  # the store's own error while running the query
            self._send_error(500, str(error))
        except Exception as error:  # a fault of the server's: an answer, not a dropped connection
            self._send_error(500, f"internal error: {type(error).__name__}: {error}")

    def _client_gone(self) -> bool:
        """Whether the client has closed its connection (then its query is stopped)."""
        try:
            readable, _, _ = select.select([self.connection], [], [], 0)
            return bool(readable) and self.connection.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
        except BlockingIOError:
            return False
        except OSError:
            return True

    def _send_error(self, status: int, reason: str) -> None:
        self.close_connection = True  # a refused request's body may be unread
        self._send(status, "text/plain; charset=utf-8", (reason + "\n").encode("utf-8"))

    def _send(self, status: int, media_type: str, body: bytes) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", media_type)
            self.send_header("Content-Length", str(len(body)))
            if status == 503:
                self.send_header("Retry-After", RETRY_AFTER_SECONDS)
            self._common_headers()
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client has gone: nobody to tell
            self.close_connection = True

    def _common_headers(self) -> None:
        self.send_header("X-Content-Type-Options", "nosniff")
        if self.limits.cors:
            self.send_header("Access-Control-Allow-Origin", self.limits.cors)
            self.send_header("Vary", "Origin")

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the base class's name)
        pass  # one line per request would drown the CLI's output


def _one_query(parameters: dict[str, list[str]]) -> str:
    if "update" in parameters:
        raise Refused(403, "this endpoint is read-only: updates are refused")
    given = [name for name in DATASET_PARAMETERS if name in parameters]
    if given:
        raise Refused(400, f"{', '.join(given)} refused: queries run on the graph being served")
    queries = parameters.get("query", [])
    if len(queries) != 1 or not queries[0].strip():
        raise Refused(400, "give exactly one query parameter, e.g. /query?query=ASK%20%7B%7D")
    return queries[0]

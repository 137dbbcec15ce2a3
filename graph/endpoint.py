"""`talkgraph serve`: a read-only SPARQL 1.1 Protocol endpoint over a graph file or a store.

GET ?query=… or POST (a form with query=…, or the query itself as application/sparql-query)
at /query or /sparql. Answers in JSON, CSV, TSV or XML (CONSTRUCT: Turtle, N-Triples or
RDF/XML) as the Accept header asks. The same safety as `talkgraph query`: updates, SERVICE,
FROM and the protocol's default-graph-uri / named-graph-uri are refused, and each query runs
in a forked child stopped after the time limit.
"""
from __future__ import annotations

from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from .errors import TalkgraphError
from .protocol import NotAcceptable, negotiate
from .query import check_query, run_with_timeout
from .stores import GraphStore

PATHS = ("/query", "/sparql")
MAX_QUERY_BYTES = 1_000_000
MAX_DISCARDED_BYTES = 16_000_000
FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"
DATASET_PARAMETERS = ("default-graph-uri", "named-graph-uri")


class Refused(Exception):
    """A request answered with an HTTP error status and a one-line reason."""

    def __init__(self, status: int, reason: str):
        super().__init__(reason)
        self.status = status


def make_server(store: GraphStore, host: str = "127.0.0.1", port: int = 7879, *,
                timeout: float = 30.0) -> ThreadingHTTPServer:
    """A server (not yet serving) answering read-only queries over `store` on host:port (0: any free port)."""
    store.serialized("ASK {}", None)  # loads a file's graph once, before the first request; fails early if unreadable
    store.settle()  # each request's query runs in a child forked from this process
    answer = _answerer(store, timeout)

    class Handler(_Handler):
        run = staticmethod(answer)

    try:
        server = ThreadingHTTPServer((host, port), Handler)
    except OSError as error:
        reason = error.strerror or error
        raise TalkgraphError(f"cannot listen on {host}:{port} ({reason}); choose another --port") from error
    server.daemon_threads = True
    return server


def _answerer(store: GraphStore, timeout: float) -> Callable[[str, str | None], tuple[str, bytes]]:
    def run(sparql: str, accept: str | None) -> tuple[str, bytes]:
        checked = check_query(sparql)
        negotiate(accept)  # a 406 before any work
        return run_with_timeout(lambda: store.serialized(checked, accept), timeout, offline=not store.remote)
    return run


class _Handler(BaseHTTPRequestHandler):
    server_version = "talkgraph"
    sys_version = ""  # no Python version in the Server header
    protocol_version = "HTTP/1.1"
    run: Callable[[str, str | None], tuple[str, bytes]]

    def do_GET(self) -> None:
        self._respond(lambda: parse_qs(self._url().query, keep_blank_values=True))

    def do_POST(self) -> None:
        self._respond(self._post_parameters)

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
            media_type, body = self.run(_one_query(parameters()), self.headers.get("Accept"))
            self._send(200, media_type, body)
        except Refused as refused:
            self._send_error(refused.status, str(refused))
        except NotAcceptable as error:
            self._send_error(406, str(error))
        except TalkgraphError as error:  # a QueryError, or the store's own error while running it
            self._send_error(_status(error), str(error))

    def _send_error(self, status: int, reason: str) -> None:
        self.close_connection = True  # a refused request's body may be unread
        self._send(status, "text/plain; charset=utf-8", (reason + "\n").encode("utf-8"))

    def _send(self, status: int, media_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

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


def _status(error: TalkgraphError) -> int:
    """Refused or malformed queries are the client's fault (400); a time-out (run_with_timeout's
    "stopped after") or a failure while running ("query failed") is the server's."""
    text = str(error)
    if "stopped after" in text:
        return 503
    if text.startswith("query failed"):
        return 500
    return 400

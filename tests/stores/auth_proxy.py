"""A loopback reverse proxy that asks for HTTP basic auth before passing requests on to a
SPARQL server, as a Fuseki or GraphDB behind a password would."""

from __future__ import annotations

import base64
import http.client
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


class AuthProxy:
    def __init__(self, upstream: str, user: str, password: str):
        self.upstream = urlsplit(upstream).netloc
        self.expected = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
        self.seen: list[str | None] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    def _handler(self):
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                body = self.rfile.read(length)
                proxy.seen.append(self.headers.get("Authorization"))
                if self.headers.get("Authorization") != proxy.expected:
                    return self._reply(401, "text/plain", b"who are you?")
                upstream = http.client.HTTPConnection(proxy.upstream, timeout=30)
                headers = {k: v for k, v in self.headers.items() if k.lower() in ("content-type", "accept")}
                upstream.request("POST", self.path, body=body, headers=headers)
                reply = upstream.getresponse()
                self._reply(reply.status, reply.getheader("Content-Type", ""), reply.read())
                upstream.close()

            def _reply(self, status, content_type, body):
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        return Handler

    def __enter__(self) -> AuthProxy:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

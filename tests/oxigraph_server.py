"""A real Oxigraph SPARQL server (the `oxigraph` package's CLI) on a free loopback port, for tests.

with OxigraphServer(tmp_path / "db") as server:
    store = open_store(f"sparql:{server.query_url}")
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

STARTUP_SECONDS = 30.0


def oxigraph_binary() -> str:
    """The server CLI installed beside this Python (the test extra), else on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        raise RuntimeError("the oxigraph server CLI is missing: `make install` installs it (pip install '.[test]')")
    return found


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class OxigraphServer:
    def __init__(self, location: Path, *, union_default_graph: bool = False):
        self.location = Path(location)
        self.union_default_graph = union_default_graph
        self.port = 0
        self.process: subprocess.Popen | None = None
        self.log = self.location.parent / f"{self.location.name}.log"

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def query_url(self) -> str:
        return f"{self.base_url}/query"

    @property
    def update_url(self) -> str:
        return f"{self.base_url}/update"

    def start(self) -> OxigraphServer:
        for _ in range(3):  # another process may take the free port before the server binds it
            self.port = free_port()
            command = [oxigraph_binary(), "serve", "--location", str(self.location), "--bind", f"127.0.0.1:{self.port}"]
            if self.union_default_graph:
                command.append("--union-default-graph")
            self.location.parent.mkdir(parents=True, exist_ok=True)
            with self.log.open("ab") as log:
                self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log)
            if self._wait_until_ready():
                return self
        error = self.log.read_text(errors="replace") if self.log.exists() else ""
        raise RuntimeError(f"the oxigraph server did not start: {error[-500:]}")

    def _wait_until_ready(self) -> bool:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                with urllib.request.urlopen(f"{self.query_url}?query=ASK%7B%7D", timeout=2) as reply:
                    return reply.status == 200
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.05)
        self.stop()
        return False

    def update(self, sparql: str) -> None:
        data = urllib.parse.urlencode({"update": sparql}).encode()
        with urllib.request.urlopen(urllib.request.Request(self.update_url, data=data), timeout=30) as reply:
            assert reply.status in (200, 204), reply.status

    def clear(self) -> None:
        self.update("DROP SILENT ALL")

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None

    def __enter__(self) -> OxigraphServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

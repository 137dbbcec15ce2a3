"""Where `talkgraph serve` runs its queries: a process of one thread that holds the store and
forks each query's child from it.

A child forked from a process with other threads inherits every lock one of them held at that
moment, held for good, and hangs as soon as it needs one: the server answers each request in a
thread, and Oxigraph and RocksDB keep locks of their own (a query forked while another thread
wrote its store hung until its time-out). The host is started afresh (spawn, not fork), opens
the store itself and never starts a thread, so it forks with no lock taken. Each query asks it
over a Unix socket of its own; the child answers on that socket, and the host adds how the child
ended once it has gone.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import shutil
import signal
import socket
import tempfile
from collections.abc import Callable
from functools import partial
from multiprocessing.connection import Connection, wait
from typing import Any, TypeVar

from .errors import QueryFailed, TalkgraphError
from .lifetime import die_with_parent
from .query import ended_without_answer, run_in_child, wait_for_answer

T = TypeVar("T")
REAP_SECONDS = 0.1  # how often the host looks for ended children when no query arrives
ENDED = "ended"


class QueryHost:
    """A process holding what `opener()` opens (a GraphStore), forking a child per query."""

    def __init__(self, opener: Callable[[], Any], *, offline: bool, memory_mb: int | None):
        self.offline = offline
        self.memory_mb = memory_mb
        self._folder = tempfile.mkdtemp(prefix="talkgraph-queries-")  # private (0700): only we connect
        self.address = os.path.join(self._folder, "host")
        context = multiprocessing.get_context("spawn")
        receiver, sender = context.Pipe(duplex=False)
        self.process = context.Process(
            target=_host, args=(opener, self.address, sender, os.getpid()), name="talkgraph-queries", daemon=True
        )
        self.process.start()
        sender.close()
        try:
            failure = receiver.recv()
        except EOFError as error:
            self.close()
            raise QueryFailed(
                f"the query process ended while opening the store (exit code {self.process.exitcode})"
            ) from error
        if failure is not None:
            self.close()
            raise failure

    def reopen(self, opener: Callable[[], Any]) -> None:
        """Queries asked from now on read what `opener()` opens; those running keep what they read."""
        with self._connection() as connection:
            connection.send(("reopen", opener))
            failure = connection.recv()
        if failure is not None:
            raise failure

    def run(self, work: Callable[[Any], T], timeout: float, abandoned: Callable[[], bool] | None = None) -> T:
        """`work(store)` in a child of the host, bounded as run_with_timeout bounds its `run`;
        `work` is pickled, so a function of the module and its arguments (functools.partial)."""
        with self._connection() as connection:
            connection.send(("query", work, self.offline, self.memory_mb))
            child = None
            try:
                wait_for_answer(connection, timeout, abandoned)
                child = connection.recv()
                if isinstance(child, tuple):  # the host could not fork
                    raise ended_without_answer(child[1], self.memory_mb)
                wait_for_answer(connection, timeout, abandoned)
                answer = connection.recv()
            except EOFError as error:
                raise QueryFailed("the query process has ended; restart talkgraph serve") from error
            finally:
                if isinstance(child, int) and not connection.poll():
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(child, signal.SIGKILL)
        if answer[0] == ENDED:
            raise ended_without_answer(answer[1], self.memory_mb)
        ok, payload = answer
        if not ok:
            raise payload
        return payload

    def _connection(self) -> Connection:
        client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            client.connect(self.address)
        except OSError as error:
            client.close()
            raise QueryFailed(f"the query process does not answer ({error}); restart talkgraph serve") from error
        return Connection(client.detach())

    def close(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        shutil.rmtree(self._folder, ignore_errors=True)


def _host(opener: Callable[[], Any], address: str, ready: Connection, parent: int) -> None:
    die_with_parent(parent)
    try:
        store = opener()
        store.serialized("ASK {}", None)  # a file's graph is loaded here, once, not in every child
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(address)
        listener.listen(64)
    except TalkgraphError as error:
        ready.send(error)
        return
    ready.send(None)
    ready.close()
    waiting: dict[int, Connection] = {}  # each running child's connection, for how it ended
    while True:
        _report_ended(waiting)
        if not wait([listener], REAP_SECONDS):
            continue
        connection = Connection(listener.accept()[0].detach())
        try:
            request = connection.recv()
        except EOFError:
            connection.close()
            continue
        if request[0] == "reopen":
            store = _reopened(store, request[1], connection)
            continue
        _, work, offline, memory_mb = request
        host = os.getpid()
        try:
            child = os.fork()
        except OSError:  # out of processes or memory: this query fails, the host goes on
            connection.send((ENDED, None))
            connection.close()
            continue
        if child == 0:
            listener.close()
            for other in waiting.values():
                other.close()
            connection.send(os.getpid())
            run_in_child(partial(work, store), connection, offline, memory_mb, host)
            os._exit(0)
        waiting[child] = connection


def _reopened(store: Any, opener: Callable[[], Any], connection: Connection) -> Any:
    """What `opener()` opens, or `store` still if it fails (the error goes back to the asker)."""
    try:
        store = opener()
        connection.send(None)
    except TalkgraphError as error:
        connection.send(error)
    connection.close()
    return store


def _report_ended(waiting: dict[int, Connection]) -> None:
    """Tell each query whose child has ended how it ended (its answer, if any, was sent before)."""
    while waiting:
        child, status = os.waitpid(-1, os.WNOHANG)
        if child == 0:
            return
        connection = waiting.pop(child, None)
        if connection is not None:
            with contextlib.suppress(OSError):
                connection.send((ENDED, os.waitstatus_to_exitcode(status)))
            connection.close()

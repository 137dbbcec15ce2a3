"""The library API the CLI is a thin layer over.

>>> from graph import build, query, export
>>> dataset, report = build(["examples/"])                       # doctest: +SKIP
>>> export(dataset, "turtle", "output/graph.ttl")                # doctest: +SKIP
>>> query(dataset, "partners").rows                              # doctest: +SKIP
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from functools import partial
from pathlib import Path

from rdflib import Dataset

from . import parameters
from .arguments import Arguments, arguments
from .errors import QueryError
from .query import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT, QueryResult, check_query, query_text, run_with_timeout
from .queryhost import QueryHost
from .rdf import QUERY_PREFIXES
from .schema import Schema, load_schema
from .stores import GraphStore, is_remote, open_store
from .stores.memory import MemoryStore

SAVED_QUERY_NAME = re.compile(r"[\w-]+")


def load(graph: str | Path | Dataset) -> Dataset:
    """An rdflib Dataset from a Dataset, an RDF file or a store spec (``oxigraph:DIR``)."""
    if isinstance(graph, Dataset):
        return graph
    store = open_store(graph, create=False)
    try:
        return store.dataset()
    finally:
        store.close()


def resolve_query(query: str, schema: Schema | None = None) -> str:
    """QUERY as a saved query's name (schema/queries/NAME.rq), a .rq file or SPARQL text."""
    saved = (schema or load_schema()).queries
    if query in saved:
        return saved[query]
    text = query_text(query)
    if SAVED_QUERY_NAME.fullmatch(text.strip()):  # one bare word is a name, never a query
        guess = difflib.get_close_matches(text.strip(), saved, n=1)
        hint = f"did you mean {guess[0]}?" if guess else f"the saved queries are {', '.join(sorted(saved))}"
        raise QueryError(f"no saved query {text.strip()!r}; {hint}")
    return text


def query(
    graph: str | Path | Dataset | GraphStore,
    sparql: str,
    *,
    params: Mapping[str, str] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    memory_mb: int = DEFAULT_MEMORY_MB,
    schema: Schema | None = None,
) -> QueryResult:
    """Run a read-only SPARQL query (text, .rq path or saved query name) over the union of all
    graphs, stopped after `timeout` seconds or past `memory_mb` megabytes. `params` are the
    values of the parameters the query declares (``{"entity": "Nvidia"}``), bound as typed
    terms; talkgraph's prefixes (tg, tgid, rdf, rdfs, …) need no declaring."""
    schema = schema or load_schema()
    text = resolve_query(sparql, schema)
    given = arguments(parameters.declared(text), params or {}, schema)
    text = check_query(text, QUERY_PREFIXES)
    if timeout <= 0:
        raise QueryError("--timeout must be a positive number of seconds")
    if isinstance(graph, (str, Path)):
        # opened in the child that runs the query: a child must not use an Oxigraph (RocksDB)
        # handle opened before the fork, whose background threads may have held a lock then
        return run_with_timeout(
            lambda: _select_in(graph, given, text), timeout, offline=not is_remote(graph), memory_mb=memory_mb
        )
    if isinstance(graph, Dataset):
        # its Oxigraph copy is made in the child: the child needs nothing of this process's engine
        store = MemoryStore(graph)
        return run_with_timeout(lambda: given.select(store, text), timeout, offline=True, memory_mb=memory_mb)
    # a store open in this process: a child forked from it could inherit a lock the store's threads
    # (or this process's) held at the fork, so the query runs in a fresh process that opens it
    host = QueryHost(graph.opener(), offline=not graph.remote, memory_mb=memory_mb)
    try:
        return host.run(partial(_select_with, given, text), timeout)
    finally:
        host.close()


def _select_with(given: Arguments, sparql: str, store: GraphStore) -> QueryResult:
    return given.select(store, sparql)


def _select_in(spec: str | Path, given: Arguments, sparql: str) -> QueryResult:
    store = open_store(spec, create=False)
    try:
        return given.select(store, sparql)
    finally:
        store.close()

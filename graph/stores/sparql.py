"""Any SPARQL 1.1 server as the store (``sparql:QUERY_URL``): Oxigraph server, Apache Jena
Fuseki, GraphDB, Virtuoso, Amazon Neptune.

Reads go to the query endpoint; writes to the update endpoint, given or derived from
QUERY_URL by replacing a trailing /query or /sparql with /update. Each document is a named
graph replaced in one update request (DROP SILENT GRAPH, then INSERT DATA), so a rebuild
never duplicates; small documents share a request, and a document bigger than a request is
split with its tg:contentHash sent last, so one cut short is extracted again next time.

Queries read the default graph, which must be the set union of the documents' graphs, as in
talkgraph's own stores: where the server's default graph is a graph of its own (Oxigraph
server, Fuseki), the same update requests keep the union there; where the server already
answers the default graph as the set union of all graphs, it is left to the server. A
server whose union repeats a triple once per graph holding it (Oxigraph's
--union-default-graph) is refused: joins over entity labels would grow with the square of
the documents. Basic auth comes from $TALKGRAPH_SPARQL_USER and $TALKGRAPH_SPARQL_PASSWORD.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Mapping
from functools import partial
from urllib.parse import urlsplit, urlunsplit

import pyoxigraph as ox
from rdflib import Dataset, Graph

from .. import oxi
from ..errors import QueryError, StoreError
from ..oxi import triples
from ..protocol import GRAPH_FORMATS, RESULT_FORMATS
from ..query import QueryResult, prefix_lines
from ..rdf import TG
from .http import HttpClient, Response
from .oxigraph import dataset_from_quads, query_result

USER_VARIABLE = "TALKGRAPH_SPARQL_USER"
PASSWORD_VARIABLE = "TALKGRAPH_SPARQL_PASSWORD"
BATCH_BYTES = 2_000_000
DROPS_PER_REQUEST = 200
GRAPHS_PER_READ = 50
TIMEOUT = 120.0
RESULTS = "application/sparql-results+json"
ANY_ANSWER = "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"
QUERY_SUFFIX = re.compile(r"/(query|sparql)/?$")
GRAPH_NAMES = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
SAMPLE = "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1"
PROBE = "<urn:x-talkgraph:union-probe>"
PROBE_GRAPHS = ("<urn:x-talkgraph:union-probe/1>", "<urn:x-talkgraph:union-probe/2>")


class SparqlStore:
    remote = True

    def __init__(
        self,
        query_url: str,
        update_endpoint: str | None = None,
        *,
        timeout: float = TIMEOUT,
        batch_bytes: int = BATCH_BYTES,
    ):
        self.query_url = checked_url(query_url, "sparql:QUERY_URL")
        self.update_url = (
            checked_url(update_endpoint, "--update-endpoint") if update_endpoint else derive_update_url(self.query_url)
        )
        user, password = credentials()
        self.client = HttpClient(timeout=timeout, user=user, password=password)
        self.batch_bytes = batch_bytes
        self._union_checked = False
        self._keep_union: bool | None = None

    # --- writing ------------------------------------------------------------------------
    def replace_graphs(self, dataset: Dataset) -> None:
        graphs = [graph for graph in dataset.graphs() if len(graph)]
        if not graphs:
            return
        for request in update_requests(graphs, self.batch_bytes, keep_union=self.keeps_union()):
            self._update(request)

    def remove_graphs(self, identifiers: Iterable[str]) -> None:
        identifiers = list(identifiers)
        if not identifiers:
            return
        keep_union = self.keeps_union()
        removals = [" ;\n".join(_removal(_iri(identifier), keep_union)) for identifier in identifiers]
        for start in range(0, len(removals), DROPS_PER_REQUEST):
            self._update(" ;\n".join(removals[start : start + DROPS_PER_REQUEST]))

    def keeps_union(self) -> bool:
        """Whether talkgraph keeps the union in the default graph (True) or the server does (False).
        Asked once, with one triple in two probe graphs: how often does the default graph hold it?"""
        if self._keep_union is None:
            probe = f"{PROBE} {PROBE} {PROBE}"
            self._update("INSERT DATA { " + " ".join(f"GRAPH {g} {{ {probe} }}" for g in PROBE_GRAPHS) + " }")
            try:
                count = query_result(self._query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {probe} }}")).rows[0][0]
                copies = int(count or 0)
            finally:
                self._update(" ;\n".join(f"DROP SILENT GRAPH {g}" for g in PROBE_GRAPHS))
            if copies > 1:
                raise StoreError(
                    f"{self.query_url} repeats a triple once per graph that holds it "
                    "in its default graph, "
                    "which makes talkgraph's queries take minutes: give talkgraph a dataset whose default "
                    "graph is its own (start Oxigraph without --union-default-graph)"
                )
            self._keep_union = copies == 0
        return self._keep_union

    def _update(self, text: str) -> None:
        if not self.update_url:
            raise StoreError(f"cannot tell the update endpoint of {self.query_url}: give it with --update-endpoint URL")
        response = self.client.post_form(self.update_url, {"update": text})
        if response.status in (401, 403):
            raise StoreError(
                f"{self.update_url} refused the update (HTTP {response.status}): set {USER_VARIABLE} "
                f"and {PASSWORD_VARIABLE} to an account that may write"
            )
        if response.status in (404, 405):
            raise StoreError(
                f"{self.update_url} is not a SPARQL update endpoint (HTTP {response.status}); "
                "give the right one with --update-endpoint URL"
            )
        if response.status >= 300:
            raise StoreError(f"{self.update_url} refused the update (HTTP {response.status}: {response.message()})")

    # --- reading ------------------------------------------------------------------------
    def dataset(self) -> Dataset:
        names = [row[0] for row in query_result(self._query(GRAPH_NAMES)).rows if row[0] is not None]
        quads: list[ox.Quad] = []
        for start in range(0, len(names), GRAPHS_PER_READ):
            values = " ".join(_iri(name) for name in names[start : start + GRAPHS_PER_READ])
            solutions = self._query(f"SELECT ?g ?s ?p ?o WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}")
            quads.extend(ox.Quad(row["s"], row["p"], row["o"], row["g"]) for row in solutions)
        return dataset_from_quads(quads)

    def named_quads(self) -> Iterator[ox.Quad]:
        return oxi.quads(self.dataset())

    def union_triples(self) -> Iterator[ox.Triple]:
        return oxi.union_triples(self.dataset())

    def select(self, sparql: str, prefixes: Mapping[str, str] | None = None) -> QueryResult:
        self._check_union()
        return query_result(self._query(prefix_lines(sparql, prefixes) + sparql, ANY_ANSWER))

    def serialized(self, sparql: str, accept: str | None) -> tuple[str, bytes]:
        """The server's own answer, passed through (for talkgraph serve)."""
        self._check_union()
        response = self._post_query(sparql, accept or ANY_ANSWER)
        if response.status == 406:
            raise QueryError(f"{self.query_url} cannot answer in {accept}")
        return response.content_type, response.body

    def _query(self, sparql: str, accept: str = RESULTS):
        """The answer parsed: solutions, a boolean, or a list of triples."""
        response = self._post_query(sparql, accept)
        media_type = response.content_type.split(";")[0].strip().lower()
        try:
            if media_type in RESULT_FORMATS:
                return ox.parse_query_results(response.body, format=RESULT_FORMATS[media_type])
            if media_type in GRAPH_FORMATS:
                return list(ox.parse(response.body, format=GRAPH_FORMATS[media_type]))
        except (SyntaxError, ValueError) as error:
            raise StoreError(f"{self.query_url} sent unreadable {media_type}: {error}") from error
        raise StoreError(
            f"{self.query_url} answered {media_type or 'without a content type'}, not SPARQL "
            "results; is it a SPARQL query endpoint?"
        )

    def _post_query(self, sparql: str, accept: str) -> Response:
        response = self.client.post_form(self.query_url, {"query": sparql}, accept=accept)
        if response.status in (401, 403):
            raise StoreError(
                f"{self.query_url} refused the query (HTTP {response.status}): set "
                f"{USER_VARIABLE} and {PASSWORD_VARIABLE}"
            )
        if response.status == 400:
            raise StoreError(f"query failed: {response.message()}")
        if response.status >= 300 and response.status != 406:
            raise StoreError(f"{self.query_url} answered HTTP {response.status}: {response.message()}")
        return response

    def _check_union(self) -> None:
        """Queries read the default graph; it must hold the documents' named graphs."""
        if self._union_checked:
            return
        sample = [(row["s"], row["p"], row["o"]) for row in self._query(SAMPLE)]
        if not sample:
            return  # nothing stored yet: ask again next time
        s, p, o = sample[0]
        if not bool(self._query(f"ASK {{ {s} {p} {o} }}")):
            raise StoreError(
                f"the default graph of {self.query_url} does not hold its named graphs: write them with "
                "'talkgraph build --store' or 'talkgraph load', which keep their union there"
            )
        self._union_checked = True

    def opener(self):
        return partial(SparqlStore, self.query_url, self.update_url, timeout=self.client.timeout)

    def for_serving(self):
        return self

    def refresh(self) -> bool:
        return False  # the server's answers are current

    def close(self) -> None:
        self.client.close()


def update_requests(graphs: Iterable[Graph], limit: int, *, keep_union: bool = True) -> Iterator[str]:
    """SPARQL updates replacing each non-empty graph (and, with `keep_union`, its share of the
    default graph): whole documents packed up to `limit` characters a request; a bigger
    document split over several, its removal first."""
    pending: list[str] = []
    size = 0
    for graph in graphs:
        if not len(graph):
            continue
        name = _iri(str(graph.identifier))
        removal = _removal(name, keep_union)
        inserts = [_insertion(name, chunk, keep_union) for chunk in _chunks(_ntriples(graph), limit)]
        if len(inserts) > 1:
            yield from ([" ;\n".join(pending)] if pending else [])
            pending, size = [], 0
            yield " ;\n".join([*removal, inserts[0]])
            yield from inserts[1:]
            continue
        text = " ;\n".join([*removal, *inserts])
        if pending and size + len(text) > limit:
            yield " ;\n".join(pending)
            pending, size = [], 0
        pending.append(text)
        size += len(text)
    if pending:
        yield " ;\n".join(pending)


def _removal(name: str, keep_union: bool) -> list[str]:
    """Drop a document's graph; with `keep_union` first take from the default graph the triples no other graph holds."""
    forget = (
        f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {name} {{ ?s ?p ?o }} "
        f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != {name}) }} }}"
    )
    return [forget, f"DROP SILENT GRAPH {name}"] if keep_union else [f"DROP SILENT GRAPH {name}"]


def _insertion(name: str, chunk: str, keep_union: bool) -> str:
    insert = f"INSERT DATA {{ GRAPH {name} {{\n{chunk}}} }}"
    return f"{insert} ;\nINSERT {{ ?s ?p ?o }} WHERE {{ GRAPH {name} {{ ?s ?p ?o }} }}" if keep_union else insert


def _ntriples(graph: Graph) -> list[str]:
    ordered = sorted(graph, key=lambda triple: triple[1] == TG.contentHash)  # the hash last (see the module doc)
    data = ox.serialize(triples(ordered), format=ox.RdfFormat.N_TRIPLES) or b""
    return data.decode("utf-8").splitlines(keepends=True)


def _chunks(lines: list[str], limit: int) -> Iterator[str]:
    chunk: list[str] = []
    size = 0
    for line in lines:
        if chunk and size + len(line) > limit:
            yield "".join(chunk)
            chunk, size = [], 0
        chunk.append(line)
        size += len(line)
    if chunk:
        yield "".join(chunk)


def _iri(identifier: str) -> str:
    try:
        return str(ox.NamedNode(str(identifier)))
    except ValueError as error:
        raise StoreError(f"{identifier!r} is not an IRI a graph can be named by") from error


def checked_url(url: str, what: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise StoreError(f"{what}: {url!r} is not an http(s) URL; write e.g. sparql:http://localhost:7878/query")
    return url


def derive_update_url(query_url: str) -> str | None:
    """QUERY_URL with a trailing /query or /sparql made /update (its ?parameters dropped), else None."""
    parts = urlsplit(query_url)
    if not QUERY_SUFFIX.search(parts.path):
        return None
    return urlunsplit((parts.scheme, parts.netloc, QUERY_SUFFIX.sub("/update", parts.path), "", ""))


def credentials() -> tuple[str | None, str | None]:
    user = os.environ.get(USER_VARIABLE) or None
    password = os.environ.get(PASSWORD_VARIABLE) or None
    if password and not user:
        raise StoreError(f"{PASSWORD_VARIABLE} is set but {USER_VARIABLE} is not; set both for basic auth")
    return user, password

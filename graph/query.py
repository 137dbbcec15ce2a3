"""Run SPARQL safely: read-only forms only, no SERVICE or FROM, a time limit, tabular results."""

from __future__ import annotations

import csv
import faulthandler
import io
import json
import math
import multiprocessing
import os
import re
import resource
import signal
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple, TypeVar

from .errors import QueryError, QueryFailed, QueryOverloaded, TalkgraphError
from .lifetime import die_with_parent
from .sandbox import deny_network

UPDATE_WORDS = re.compile(
    r"^\s*(?:PREFIX\s+\S*\s*<[^>]*>\s*|BASE\s*<[^>]*>\s*)*"
    r"(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
    re.IGNORECASE,
)
DECLARED_PREFIX = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?\s*:", re.IGNORECASE)
FORMATS = ("table", "csv", "tsv", "json", "sparql-json", "md")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# pyparsing's parse actions adapt themselves on first use and are not safe to run from two threads
# at once: `serve` answers each request in a thread, so its parses take turns
PARSER_LOCK = threading.Lock()
DEFAULT_TIMEOUT = 30.0
DEFAULT_MEMORY_MB = 2048
ABANDON_CHECK_SECONDS = 0.25
T = TypeVar("T")


class Kind(NamedTuple):
    """What a result cell holds, as the SPARQL JSON results format says it: a "uri", a "bnode" or a
    "literal", with the literal's datatype IRI or its language."""

    type: str
    datatype: str = ""
    language: str = ""


XSD = "http://www.w3.org/2001/XMLSchema#"
INTEGERS = {
    XSD + name
    for name in "integer int long short byte nonNegativeInteger positiveInteger nonPositiveInteger "
    "negativeInteger unsignedLong unsignedInt unsignedShort unsignedByte".split()
}
REALS = {XSD + "decimal", XSD + "double", XSD + "float"}
BOOLEAN = XSD + "boolean"
BOOLEANS = {"true": True, "false": False, "1": True, "0": False}


@dataclass(frozen=True)
class QueryResult:
    columns: tuple[str, ...]
    rows: tuple[tuple[str | None, ...], ...]
    kinds: tuple[tuple[Kind | None, ...], ...] = field(default=(), compare=False)
    """What each cell of `rows` is (None where it is unbound); empty when not known: every cell is then text."""


@dataclass(frozen=True)
class Limits:
    """What one query and one client may cost `talkgraph serve`; each is an option of it (timeout
    and memory_mb of `talkgraph query` too)."""

    timeout: float = DEFAULT_TIMEOUT  # seconds a query may run (--timeout)
    memory_mb: int = DEFAULT_MEMORY_MB  # memory a query's process may add (--max-memory)
    answer_mb: float = 64.0  # the size of one answer (--max-answer)
    queries: int = 8  # queries running at once (--max-queries); one more waits for a place...
    queue_wait: float = 5.0  # ...this many seconds at most, then gets 503 (--queue-wait)
    client_timeout: float = 20.0  # seconds a client may take to send a request, or stay idle (--client-timeout)
    cors: str | None = None  # the origin allowed to call from a browser page (--cors)


def query_text(query: str) -> str:
    """QUERY is a path to a .rq file or SPARQL text."""
    path = Path(query)
    if query.endswith((".rq", ".sparql")) or (len(query) < 4096 and "\n" not in query and _is_file(path)):
        if not _is_file(path):
            raise QueryError(f"query file {query} not found")
        return path.read_text(encoding="utf-8")
    return query


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # a one-line query longer than a file name may be ("File name too long")
        return False


def check_query(text: str, predeclared: Iterable[str] = ()) -> str:
    """The query as it will run, once it is known to only read: updates, SERVICE (remote calls)
    and FROM / FROM NAMED (loading other graphs) are refused, as is a prefix that is neither
    declared nor among `predeclared` (the engine is given those). A query that does not parse
    is refused in one line with the line, column and the text there.

    SPARQL reads \\u and \\U escapes before the grammar, anywhere in the text; rdflib does
    so, Oxigraph only inside strings and IRIs. An escape can thus hide a SERVICE from one and
    not the other, so they are expanded here, once, and the engine is given the text that was
    checked. An escape that expands to another escape is refused: it would be read twice."""
    # imported here: rdflib's SPARQL grammar takes a tenth of a second to load, and a build needs none
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import expandUnicodeEscapes, expandUnicodeEscapes_re, parseQuery
    from rdflib.plugins.sparql.parserutils import CompValue

    try:
        text = expandUnicodeEscapes(text)
    except ValueError as error:
        raise QueryError(f"not valid SPARQL: {error}") from error
    if expandUnicodeEscapes_re.search(text):
        raise QueryError("an escape that spells another escape (\\u005Cu...) is refused: write the character")
    if UPDATE_WORDS.match(_strip_comments(text)):
        raise QueryError("updates (INSERT, DELETE, LOAD, CLEAR, DROP ...) are refused: talkgraph query only reads")
    try:
        with PARSER_LOCK:
            parsed = parseQuery(text)
    except ParseException as error:
        raise syntax_error(text, error.lineno, error.col) from error
    except RecursionError as error:
        raise QueryError("query nested too deeply to read; simplify it") from error
    declared = set(predeclared)
    for node in _walk(parsed):
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                raise QueryError("SERVICE is refused: queries never call other endpoints")
            if node.name == "DatasetClause":
                raise QueryError("FROM and FROM NAMED are refused: the query runs on the graph you name")
            prefix = node["prefix"] if "prefix" in node else ""  # CompValue.get takes no default
            if node.name == "PrefixDecl":
                declared.add(prefix)
            elif node.name == "pname" and prefix not in declared:
                raise _undeclared(prefix, predeclared)
    return text


def syntax_error(text: str, line: int, column: int, reason: str = "") -> QueryError:
    """A one-line QueryError naming the line and column (both from 1) of `text`, the words there
    and, where the parser gave one in words, the `reason`."""
    lines = text.splitlines() or [""]
    written = lines[min(max(line, 1), len(lines)) - 1]
    at = min(max(column, 1), len(written) + 1) - 1
    before = " ".join(written[:at].split()[-4:])
    after = " ".join(written[at:].split()[:3])
    where = f'near "{after}"' if after else "at the end of the line"
    if before:
        where += f' (after "{before}")'
    return QueryError(f"not valid SPARQL at line {line}, column {column}, {where}{': ' + reason if reason else ''}")


def _undeclared(prefix: str, predeclared: Iterable[str]) -> QueryError:
    known = f" (declared for you: {', '.join(p + ':' for p in predeclared)})" if predeclared else ""
    return QueryError(f"prefix '{prefix}:' is not declared; add PREFIX {prefix}: <IRI> to the query{known}")


def prefix_lines(text: str, prefixes: Mapping[str, str] | None) -> str:
    """PREFIX declarations of `prefixes` that `text` does not declare itself, one a line."""
    declared = set(DECLARED_PREFIX.findall(_strip_comments(text)))
    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in (prefixes or {}).items() if name not in declared)


def _strip_comments(text: str) -> str:
    # an IRI such as <https://talkgraph.dev/ontology#> keeps its '#': only comments go
    return re.sub(r"(<[^<>\"{}|^`\\\s]*>)|#[^\n]*", lambda match: match.group(1) or "", text)


def _walk(node):
    from pyparsing import ParseResults

    yield node
    if isinstance(node, dict):
        children = node.values()
    elif isinstance(node, (list, tuple, ParseResults)):
        children = node
    else:
        return
    for child in children:
        yield from _walk(child)


def run_with_timeout(
    run: Callable[[], T],
    timeout: float,
    *,
    offline: bool = True,
    memory_mb: int | None = DEFAULT_MEMORY_MB,
    abandoned: Callable[[], bool] | None = None,
) -> T:
    """Run `run` in a forked child so a runaway query can be stopped: after `timeout` seconds,
    past `memory_mb` megabytes more than the child started with, or as soon as `abandoned()`
    says nobody waits for the answer any more. An `offline` child cannot open a network socket
    (a query over a local graph needs none)."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=run_in_child, args=(run, sender, offline, memory_mb, os.getpid()), daemon=True)
    child.start()
    sender.close()
    try:
        wait_for_answer(receiver, timeout, abandoned)
        ok, payload = receiver.recv()
    except EOFError as error:
        child.join()
        raise ended_without_answer(child.exitcode, memory_mb) from error
    finally:
        if child.is_alive():
            child.kill()
        child.join()
    if not ok:
        raise payload
    return payload


def wait_for_answer(receiver, timeout: float, abandoned: Callable[[], bool] | None) -> None:
    """Return once `receiver` has something to read; raise past `timeout` or once `abandoned()`."""
    deadline = time.monotonic() + timeout
    while not receiver.poll(min(ABANDON_CHECK_SECONDS, max(0.0, deadline - time.monotonic()))):
        if time.monotonic() >= deadline:
            raise QueryOverloaded(f"query stopped after {timeout:g} s; narrow it or raise --timeout")
        if abandoned is not None and abandoned():
            raise QueryFailed("query stopped: nobody waits for its answer any more")


def ended_without_answer(exit_code: int | None, memory_mb: int | None) -> QueryFailed:
    if memory_mb is not None and exit_code in (-signal.SIGABRT, -signal.SIGKILL, -signal.SIGSEGV):
        return _over_memory(memory_mb)
    return QueryFailed(f"query process ended without an answer (exit code {exit_code})")


def _over_memory(memory_mb: int) -> QueryOverloaded:
    return QueryOverloaded(f"query needed more than {memory_mb:,} MB; narrow it or raise --max-memory")


def run_in_child(run: Callable[[], T], sender, offline: bool, memory_mb: int | None, parent: int) -> None:
    """In a child of `parent`: set its bounds, run `run` and send (True, answer) or (False, error)."""
    die_with_parent(parent)
    try:
        if memory_mb is not None:
            faulthandler.disable()  # past its bound the engine aborts, as expected: no crash report
            _limit_memory(memory_mb)
        if offline:
            deny_network()
        sender.send((True, run()))
    except MemoryError:
        failure = QueryFailed("query failed: out of memory") if memory_mb is None else _over_memory(memory_mb)
        sender.send((False, failure))
    except TalkgraphError as error:  # raised again in the parent, as if it had run there
        sender.send((False, error))
    except Exception as error:  # reported to the parent as one line
        sender.send((False, QueryFailed(f"query failed: {error}")))
    finally:
        sender.close()


def _limit_memory(memory_mb: int) -> None:
    """Let this process's address space grow by `memory_mb` at most: a forked child starts
    with all of its parent's (the loaded graph included), so the bound is on what it adds."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        pages = int(statm.read().split()[0])
    limit = pages * resource.getpagesize() + memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


# --- formatting --------------------------------------------------------------------------
def format_result(result: QueryResult, fmt: str) -> str:
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    writers = {"table": _table, "csv": _csv, "tsv": _tsv, "json": _json, "sparql-json": _sparql_json, "md": _markdown}
    return writers[fmt](result)


def safe_cell(value: str | None) -> str:
    """A CSV cell a spreadsheet will not run as a formula."""
    if value is None:
        return ""
    return "'" + value if value.startswith(FORMULA_START) else value


def _csv(result: QueryResult) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(result.columns)
    writer.writerows([safe_cell(v) for v in row] for row in result.rows)
    return out.getvalue()


def _tsv(result: QueryResult) -> str:
    def cell(value: str | None) -> str:
        return re.sub(r"[\t\r\n]+", " ", safe_cell(value))

    return "\n".join("\t".join(cell(v) for v in row) for row in [result.columns, *result.rows]) + "\n"


def _json(result: QueryResult) -> str:
    """Rows as objects, each value a JSON number, boolean or string as its datatype says (dates stay ISO strings)."""
    rows = [
        {column: _typed(value, kind) for column, value, kind in zip(result.columns, row, kinds) if value is not None}
        for row, kinds in _with_kinds(result)
    ]
    return json.dumps({"columns": list(result.columns), "rows": rows}, ensure_ascii=False, indent=2) + "\n"


def _sparql_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON: every value a string, its type and datatype (or language) beside it."""
    if result.columns == ("ask",) and len(result.rows) == 1 and result.kinds == ((Kind("literal", BOOLEAN),),):
        document: dict = {"head": {}, "boolean": result.rows[0][0] == "true"}
    else:
        bindings = [
            {
                column: _binding(value, kind)
                for column, value, kind in zip(result.columns, row, kinds)
                if value is not None
            }
            for row, kinds in _with_kinds(result)
        ]
        document = {"head": {"vars": list(result.columns)}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _with_kinds(result: QueryResult):
    """Each row with its cells' kinds (a plain literal each where they are not known)."""
    unknown = (Kind("literal"),) * len(result.columns)
    return zip(result.rows, result.kinds or [unknown] * len(result.rows))


def _typed(value: str, kind: Kind | None) -> str | int | float | bool:
    datatype = kind.datatype if kind else ""
    if datatype == BOOLEAN and value in BOOLEANS:
        return BOOLEANS[value]
    try:
        if datatype in INTEGERS:
            return int(value)
        if datatype in REALS and math.isfinite(float(value)):  # NaN and INF have no JSON number
            return float(value)
    except ValueError:  # a literal not in its datatype's form stays text
        pass
    return value


def _binding(value: str, kind: Kind | None) -> dict[str, str]:
    kind = kind or Kind("literal")
    binding = {"type": kind.type, "value": value.removeprefix("_:") if kind.type == "bnode" else value}
    if kind.language:
        binding["xml:lang"] = kind.language
    elif kind.datatype and kind.datatype != XSD + "string":
        binding["datatype"] = kind.datatype
    return binding


def _markdown(result: QueryResult) -> str:
    def cell(value: str | None) -> str:
        return (value or "").replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(result.columns) + " |", "|" + "---|" * len(result.columns)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in result.rows]
    return "\n".join(lines) + "\n"


def _table(result: QueryResult) -> str:
    def cell(value: str | None) -> str:
        text = " ".join((value or "").split())
        return text if len(text) <= 80 else text[:77] + "..."

    rows = [list(result.columns)] + [[cell(v) for v in row] for row in result.rows]
    widths = [max(len(r[i]) for r in rows) for i in range(len(result.columns))]
    lines = ["  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})")
    return "\n".join(lines) + "\n"

"""Load figures for `talkgraph serve`: CLIENTS threads send REQUESTS queries each (the saved
queries, and malformed ones that must get 400) to a fresh server on loopback, then the status
counts, connection errors, throughput and latency percentiles are printed.

    python scripts/serve_load.py GRAPH [--clients 8] [--requests 1000]
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter

from graph.schema import load_schema

MALFORMED = ("SELECT * WHERE { ?s ?p }", "SELECT ?c WHERE { ?c a tg:Company }")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=1000)
    args = parser.parse_args()
    work = [(text, 200) for text in load_schema().queries.values()] + [(text, 400) for text in MALFORMED]
    server = subprocess.Popen(
        [sys.executable, "-m", "graph", "serve", args.graph, "--port", "0"], stderr=subprocess.PIPE, text=True
    )
    try:
        url = re.search(r"http://\S+/query", server.stderr.readline()).group(0)
        statuses: Counter = Counter()
        unexpected: Counter = Counter()
        errors: list[str] = []
        latencies: list[float] = []

        def client(start: int) -> None:
            for step in range(args.requests):
                text, expected = work[(start + step) % len(work)]
                began = time.perf_counter()
                try:
                    with urllib.request.urlopen(
                        f"{url}?{urllib.parse.urlencode({'query': text})}", timeout=60
                    ) as reply:
                        reply.read()
                        status = reply.status
                except urllib.error.HTTPError as error:
                    status = error.code
                except OSError as error:
                    errors.append(repr(error))
                    continue
                latencies.append(time.perf_counter() - began)
                statuses[status] += 1
                if status != expected:
                    unexpected[(status, expected)] += 1

        started = time.perf_counter()
        threads = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        seconds = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(10)
    cuts = statistics.quantiles(latencies, n=100)
    print(
        f"{args.clients} clients × {args.requests} requests in {seconds:.1f} s "
        f"({len(latencies) / seconds:.0f} requests/s)"
    )
    print(f"statuses {dict(sorted(statuses.items()))}, unexpected {dict(unexpected)}, connection errors {len(errors)}")
    print(
        f"latency ms: p50 {cuts[49] * 1000:.0f}, p95 {cuts[94] * 1000:.0f}, p99 {cuts[98] * 1000:.0f}, "
        f"max {max(latencies) * 1000:.0f}"
    )


if __name__ == "__main__":
    main()

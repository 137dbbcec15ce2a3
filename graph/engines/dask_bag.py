"""Dask: a dask.bag of items mapped on a distributed cluster.

Without an address a LocalCluster of `jobs` single-threaded worker processes is started
(and stopped) here; with one (``tcp://scheduler:8786``) the same bag runs on that cluster,
whose workers must see the same files (a shared folder) and have talkgraph installed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from ..errors import TalkgraphError

PARTITIONS_PER_WORKER = 16  # small partitions even out documents of very different lengths
CONNECT_SECONDS = 30


def run(
    function: Callable[[Any], Any], items: Sequence[Any], *, jobs: int, address: str | None = None
) -> Iterator[Any]:
    if not items:
        return iter(())
    from dask import bag

    with _client(address, jobs) as client:
        workers = sum(client.nthreads().values()) or jobs
        partitions = max(1, min(len(items), workers * PARTITIONS_PER_WORKER))
        results = bag.from_sequence(list(items), npartitions=partitions).map(function).compute(scheduler=client)
    return iter(results)


@contextmanager
def _client(address: str | None, jobs: int):
    try:
        from distributed import Client, LocalCluster
    except ImportError as error:
        raise TalkgraphError("the dask engine needs dask and distributed: pip install 'talkgraph[dask]'") from error
    if address:
        try:
            client = Client(address, timeout=CONNECT_SECONDS)
        except (OSError, TimeoutError) as error:
            raise TalkgraphError(f"cannot reach the Dask scheduler at {address} ({error}); is it running?") from error
        with client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=jobs,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client

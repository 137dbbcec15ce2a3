"""The engines extraction fans out on: local processes and Dask (a real LocalCluster)."""

from __future__ import annotations

import gc
import logging
import os
import signal
import time

import pytest
from oxigraph_server import free_port

from graph.building import extract_files
from graph.engines import ENGINES, dask_bag, processes
from graph.errors import TalkgraphError

ITEMS = list(range(23))


def pid(_) -> int:
    return os.getpid()


def test_the_registry_names_both():
    assert ENGINES.names() == ["dask", "processes"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_processes_keep_the_order(jobs):
    assert list(ENGINES.get("processes")(abs, [-n for n in ITEMS], jobs=jobs, address=None)) == ITEMS


def test_processes_run_in_other_processes():
    pids = set(ENGINES.get("processes")(pid, ITEMS, jobs=2, address=None))
    assert os.getpid() not in pids and len(pids) >= 1


def test_processes_refuse_a_scheduler():
    with pytest.raises(TalkgraphError, match="--scheduler is for --engine dask"):
        list(ENGINES.get("processes")(abs, ITEMS, jobs=2, address="tcp://127.0.0.1:8786"))


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",
        silence_logs=logging.ERROR,
    ) as running:
        yield running


@pytest.mark.dask
def test_dask_on_a_running_cluster_keeps_the_order(cluster):
    assert list(ENGINES.get("dask")(abs, [-n for n in ITEMS], jobs=1, address=cluster.scheduler_address)) == ITEMS


@pytest.mark.dask
def test_dask_spreads_over_the_clusters_workers(cluster):
    # a lambda, which Dask sends by value: the workers cannot import this test module
    pids = set(ENGINES.get("dask")(lambda _: os.getpid(), ITEMS, jobs=1, address=cluster.scheduler_address))
    assert os.getpid() not in pids and len(pids) == 2


@pytest.mark.dask
def test_extraction_on_a_local_dask_cluster_matches_processes(tmp_path, write_transcript):
    for name, text in {
        "one": "Amazon is working with Anthropic.",
        "two": "Nvidia and Intel inked a new deal.",
        "three": "Apple is working with Google.",
    }.items():
        write_transcript(text, name=f"talks/{name}.md", video_id=f"video{name}00")
    on_dask = extract_files([tmp_path / "talks"], tmp_path / "dask", engine="dask", jobs=2)
    here = extract_files([tmp_path / "talks"], tmp_path / "here", engine="processes", jobs=1)
    assert (on_dask.documents, on_dask.extracted, on_dask.assertions) == (3, 3, here.assertions)
    files = sorted(path.name for path in (tmp_path / "dask").iterdir())
    assert files == sorted(path.name for path in (tmp_path / "here").iterdir()) and len(files) == 3
    for name in files:
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "here" / name).read_bytes()


@pytest.mark.dask
def test_an_unreachable_scheduler(monkeypatch):
    monkeypatch.setattr(dask_bag, "CONNECT_SECONDS", 1)
    with pytest.raises(TalkgraphError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:.*is it running"):
        list(ENGINES.get("dask")(abs, ITEMS, jobs=1, address=f"tcp://127.0.0.1:{free_port()}"))


def _sigterm_action(_) -> object:
    return signal.getsignal(signal.SIGTERM)


def test_forked_workers_end_on_sigterm_whatever_handler_the_parent_has():
    """Leaving the pool terminates the workers with SIGTERM; one that inherited the command
    line's handler (raise SystemExit) could stop inside the pool's lock and hang the build."""
    previous = signal.signal(signal.SIGTERM, lambda number, frame: None)
    try:
        actions = list(processes.run(_sigterm_action, [1, 2, 3], jobs=2))
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert actions == [signal.SIG_DFL] * 3


def _collecting(_) -> bool:
    return gc.isenabled()


def test_forked_workers_collect_garbage_though_the_parent_paused_its_collector():
    gc.disable()
    try:
        collecting = list(processes.run(_collecting, [1, 2, 3], jobs=2))
    finally:
        gc.enable()
    assert collecting == [True] * 3


def test_processes_take_a_generator_in_order_as_it_comes():
    produced = []

    def items():
        for number in ITEMS:
            produced.append(number)
            yield -number

    assert list(processes.run(abs, items(), jobs=2)) == ITEMS
    assert produced == ITEMS
    assert list(processes.run(abs, iter(()), jobs=2)) == []


def write_then_fail(path, message):
    path.write_text("written in the background")
    if message:
        raise TalkgraphError(message)


def test_background_work_is_done_by_the_end_of_the_block(tmp_path):
    target = tmp_path / "out.txt"
    with processes.Background(write_then_fail, target, None):
        parent = os.getpid()
    assert target.read_text() == "written in the background" and parent == os.getpid()


def test_background_failure_is_raised_in_this_process(tmp_path):
    with pytest.raises(TalkgraphError, match="cannot write out.txt"):
        with processes.Background(write_then_fail, tmp_path / "out.txt", "cannot write out.txt"):
            pass


def test_a_failing_block_stops_the_background_work(tmp_path):
    def slow(path):
        time.sleep(30)
        path.write_text("too late")

    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        with processes.Background(slow, tmp_path / "late.txt"):
            raise KeyboardInterrupt
    assert not (tmp_path / "late.txt").exists()
    assert time.monotonic() - started < 25  # stopped, not waited for

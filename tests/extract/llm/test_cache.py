"""The answer cache: content-addressed, written whole, damaged files read as misses."""

from __future__ import annotations

import pytest

from graph.errors import LLMError
from graph.extract.llm.cache import AnswerCache, default_cache_dir, request_key

PAYLOAD = {"model": "m", "messages": [{"role": "user", "content": "Amazon works with Anthropic"}]}


def test_the_key_is_the_request_content():
    same = {"messages": [{"content": "Amazon works with Anthropic", "role": "user"}], "model": "m"}
    assert request_key(PAYLOAD) == request_key(same)
    assert request_key(PAYLOAD) != request_key({**PAYLOAD, "model": "n"})
    assert len(request_key(PAYLOAD)) == 64


def test_put_then_get(tmp_path):
    cache = AnswerCache(tmp_path)
    key = request_key(PAYLOAD)
    assert cache.get(key) is None
    cache.put(key, {"triples": [{"subject": "Amazon"}]}, "m")
    assert cache.get(key) == {"triples": [{"subject": "Amazon"}]}
    assert cache.path(key) == tmp_path / key[:2] / f"{key}.json"
    assert [p.name for p in cache.path(key).parent.iterdir()] == [f"{key}.json"]  # no temporary file left


def test_a_damaged_file_is_a_miss(tmp_path):
    cache = AnswerCache(tmp_path)
    key = request_key(PAYLOAD)
    cache.put(key, {"triples": []}, "m")
    cache.path(key).write_text('{"content": ', encoding="utf-8")
    assert cache.get(key) is None


def test_a_file_in_the_way_says_what_to_do(tmp_path):
    (tmp_path / "cache").write_text("not a folder", encoding="utf-8")
    with pytest.raises(LLMError, match="cannot write the LLM cache"):
        AnswerCache(tmp_path / "cache").put("ab" * 32, {}, "m")


def test_the_default_folder_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_cache_dir() == tmp_path / "talkgraph" / "llm"

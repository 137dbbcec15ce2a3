"""The chat-completions client against a local server: retries, Retry-After, broken bodies, caps."""

from __future__ import annotations

import socket
import time

import pytest
from chat_server import ChatServer, Reply, completion, recorded

from graph.errors import LLMError, TalkgraphError
from graph.extract.llm.client import Budget, ChatClient, ClientSettings, UnreadableAnswer, _retry_after_seconds

PAYLOAD = {"model": "test-model", "messages": [{"role": "user", "content": "hi"}], "max_tokens": 10}


@pytest.fixture
def server():
    with ChatServer() as running:
        yield running


def client_for(server, *, api_key=None, retries=3, timeout=5.0, max_requests=100, max_tokens=100_000, max_wait=60.0):
    sleeps: list[float] = []
    settings = ClientSettings(server.base_url, api_key, timeout=timeout, retries=retries, max_wait=max_wait)
    client = ChatClient(settings, Budget(max_requests, max_tokens), sleep=sleeps.append)
    return client, sleeps


def test_an_answer_is_the_parsed_message_content(server):
    server.queue(completion({"triples": []}, usage=123))
    client, sleeps = client_for(server)
    answer = client.chat_json(PAYLOAD)
    assert (answer.content, answer.tokens, answer.requests) == ({"triples": []}, 123, 1)
    assert sleeps == []
    assert server.requests[0].path == "/v1/chat/completions"
    assert server.requests[0].body == PAYLOAD


def test_a_rate_limit_waits_as_long_as_retry_after_says(server):
    server.queue(recorded("rate-limit"), completion({"triples": []}))
    client, sleeps = client_for(server)
    assert client.chat_json(PAYLOAD).content == {"triples": []}
    assert sleeps == [2.0]
    assert len(server.requests) == 2
    assert client.budget.requests == 1  # a refused request costs nothing


def test_server_errors_back_off_exponentially(server):
    server.queue(Reply(503), Reply(502), completion({"ok": 1}))
    client, sleeps = client_for(server)
    assert client.chat_json(PAYLOAD).content == {"ok": 1}
    assert sleeps == [1.0, 2.0]


def test_retries_end_with_an_error_naming_the_status(server):
    server.fallback = Reply(500, b'{"error": {"message": "model crashed"}}')
    client, sleeps = client_for(server, retries=2)
    with pytest.raises(LLMError, match=r"answered 500 \(model crashed\)"):
        client.chat_json(PAYLOAD)
    assert len(server.requests) == 3 and sleeps == [1.0, 2.0]


def test_a_retry_after_past_the_longest_wait_is_an_error(server):
    server.queue(Reply(429, b"{}", {"Retry-After": "3600"}))
    client, sleeps = client_for(server, max_wait=60)
    with pytest.raises(LLMError, match="asks to wait 3600 s"):
        client.chat_json(PAYLOAD)
    assert sleeps == [] and len(server.requests) == 1


@pytest.mark.parametrize(
    "status, hint", [(401, "OPENAI_API_KEY"), (404, "OPENAI_BASE_URL"), (400, "response_format json_schema")]
)
def test_client_errors_are_not_retried_and_say_what_to_check(server, status, hint):
    server.queue(Reply(status, b'{"error": {"message": "nope"}}'))
    client, sleeps = client_for(server)
    with pytest.raises(LLMError) as error:
        client.chat_json(PAYLOAD)
    assert hint in str(error.value) and f"answered {status} (nope)" in str(error.value)
    assert len(server.requests) == 1 and sleeps == []


def test_a_broken_body_gets_one_more_try(server):
    server.queue(recorded("broken-body"), completion({"triples": [1]}, usage=50))
    client, _ = client_for(server)
    answer = client.chat_json(PAYLOAD)
    assert (answer.content, answer.requests) == ({"triples": [1]}, 2)
    assert answer.tokens > 50  # the broken body's estimated cost is counted too


def test_two_broken_bodies_are_an_unreadable_answer(server):
    server.queue(recorded("broken-body"), recorded("prose-answer"), completion({"triples": []}))
    client, _ = client_for(server)
    with pytest.raises(UnreadableAnswer, match="twice with unreadable JSON"):
        client.chat_json(PAYLOAD)
    assert len(server.requests) == 2


def test_content_of_the_wrong_shape_gets_one_more_try(server):
    server.queue(completion(["not", "an", "object"]), completion({"triples": []}))
    client, _ = client_for(server)
    assert client.chat_json(PAYLOAD, lambda c: isinstance(c, dict)).content == {"triples": []}
    assert len(server.requests) == 2


def test_the_key_is_sent_as_a_bearer_token(server):
    server.queue(completion({}), completion({}))
    client_for(server, api_key="sk-test-123")[0].chat_json(PAYLOAD)
    client_for(server, api_key=None)[0].chat_json(PAYLOAD)
    assert server.requests[0].headers["Authorization"] == "Bearer sk-test-123"
    assert "Authorization" not in server.requests[1].headers
    assert server.requests[0].headers["Content-Type"] == "application/json"


def test_the_request_cap(server):
    server.fallback = completion({})
    client, _ = client_for(server, max_requests=2)
    client.chat_json(PAYLOAD)
    client.chat_json(PAYLOAD)
    with pytest.raises(LLMError, match="cap of 2 LLM requests; raise --llm-max-requests"):
        client.chat_json(PAYLOAD)
    assert len(server.requests) == 2


def test_the_token_cap_stops_before_a_request_would_pass_it(server):
    server.fallback = completion({}, usage=400)
    client, _ = client_for(server, max_tokens=420)  # the next request: ~30 tokens asked, 10 answered
    client.chat_json(PAYLOAD)
    assert client.budget.tokens == 400
    with pytest.raises(LLMError, match="cap of 420 tokens"):
        client.chat_json(PAYLOAD)
    assert len(server.requests) == 1


def test_an_endpoint_nobody_listens_on_is_a_clear_error_at_once():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sleeps: list[float] = []
    client = ChatClient(ClientSettings(f"http://127.0.0.1:{port}/v1"), Budget(10, 10_000), sleep=sleeps.append)
    started = time.perf_counter()
    with pytest.raises(
        TalkgraphError, match=rf"cannot reach the LLM endpoint http://127.0.0.1:{port}/v1/chat/completions"
    ):
        client.chat_json(PAYLOAD)
    assert sleeps == [] and time.perf_counter() - started < 5


def test_a_slow_answer_times_out_and_is_retried(server):
    server.queue(Reply(200, b"{}", delay=1.0), completion({"late": False}))
    client, sleeps = client_for(server, timeout=0.3)
    assert client.chat_json(PAYLOAD).content == {"late": False}
    assert sleeps == [1.0]


def test_retry_after_is_seconds_or_an_http_date():
    assert _retry_after_seconds("7") == 7.0
    assert _retry_after_seconds("0.5") == 0.5
    assert _retry_after_seconds(None) is None and _retry_after_seconds("soon") is None
    future = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(time.time() + 30))
    assert 25 <= _retry_after_seconds(future) <= 31
    assert _retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0


def test_a_server_that_refuses_json_schema_gets_the_schema_as_json_object(server):
    # llama-cpp-python's server takes only {"type": "json_object", "schema": ...}, and says so with a 500
    server.queue(recorded("json-schema-refused"), completion({"triples": []}), completion({"triples": []}))
    schema = {"type": "object", "properties": {"triples": {"type": "array"}}}
    payload = {
        **PAYLOAD,
        "response_format": {"type": "json_schema", "json_schema": {"name": "t", "strict": True, "schema": schema}},
    }
    client, sleeps = client_for(server)
    assert client.chat_json(payload).content == {"triples": []}
    assert client.chat_json(payload).content == {"triples": []}
    formats = [request.body["response_format"] for request in server.requests]
    assert formats == [
        payload["response_format"],
        {"type": "json_object", "schema": schema},
        {"type": "json_object", "schema": schema},
    ]
    assert sleeps == []  # a refusal that names the request is not retried


def test_a_refused_response_format_that_is_not_json_schema_is_an_error(server):
    server.queue(recorded("json-schema-refused"))
    client, _ = client_for(server)
    with pytest.raises(LLMError, match="does not take this response_format"):
        client.chat_json({**PAYLOAD, "response_format": {"type": "json_object"}})
    assert len(server.requests) == 1

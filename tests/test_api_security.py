"""The API against hostile requests, over real HTTP on loopback (uvicorn in a thread), on SQLite
and on PostgreSQL (a private server from tests/postgres.py; skipped where none can start).

SQL injection strings, wildcards, backslashes, NUL bytes, long strings and unicode in every query
parameter of every GET route, in the event id of the path and in every field of POST /articles:
each answer is 2xx with exactly the results the filter means (a string matches itself, never
everything), or 4xx in the one JSON error shape; never a 500, and the tables are intact afterwards.
Stored markup comes back escaped inside JSON; bodies over the limit get 413, while being read;
a wrong or missing token gets 401/403; CORS stays closed unless origins are listed.
"""

from __future__ import annotations

import json
import re
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest

pytest.importorskip("fastapi", reason="the API extra is not installed (pip install 'eventdesk[api]')")

from eventdesk.api import ApiConfig
from eventdesk.pipeline import Pipeline
from eventdesk.runners import ingest
from eventdesk.store import open_store
from tests.postgres import fresh_database, postgres_server
from tests.test_api import TOKEN, assert_error_shape, serve
from tests.test_store import ITEMS
from tests.test_store_mentions import LATER, REPORTS

__all__ = ["postgres_server"]  # the fixture used here

MAX_BODY = 200_000
AUTH = {"Authorization": f"Bearer {TOKEN}"}
HOSTILE = (
    "' OR 1=1 --", '"; DROP TABLE events; --', "' UNION SELECT id, text FROM articles --", "1; SELECT pg_sleep(3)",
    "%", "_", "%%", "a%b_c", "\\", "\\'", "\\%", "\x00", "a\x00b", "*", '"', "NEAR(a b)", "x" * 3000,
    "Ω≈ç√ 漢字 🙂 \u202e", "-1", "<script>alert(1)</script>",
)
EVENT_FILTERS = ("actor", "country", "category", "cameo", "since", "until", "bbox", "q")
ROUTES = {  # route: its query parameters
    "/events": (*EVENT_FILTERS, "limit", "cursor", "sort"),
    "/stats": EVENT_FILTERS,
    "/articles": ("q", "limit", "cursor"),
    "/actors": ("name", "limit"),
}
NAMES = ("actor", "country", "category", "name")  # a hostile string matches no stored value
ARTICLE = "Police arrested dozens of protesters in Cairo on Monday, witnesses said."


@dataclass(frozen=True)
class Server:
    base: str
    store: str
    counts: tuple[int, int]


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.from_settings()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
           pipeline: Pipeline) -> Iterator[Server]:
    if request.param == "sqlite":
        location = str(tmp_path_factory.mktemp("api-security") / "events.sqlite")
    else:
        location = fresh_database(request.getfixturevalue("postgres_server"))
    store = open_store(location)
    ingest(pipeline, [*ITEMS, *REPORTS, LATER], store, dedup=False)  # "a" repeats "raid"
    counts = store.count()
    store.close()
    for base in serve(ApiConfig(store=location, token=TOKEN, max_body_bytes=MAX_BODY)):
        yield Server(base=base, store=location, counts=counts)


def items(body: Any) -> list[Any]:
    """What a 2xx answer found, comparable across calls."""
    if isinstance(body, list):
        return body
    if "items" in body:
        return [item["id"] for item in body["items"]]
    return [body["events"], body["by_category"]]  # /stats


def expected(client: httpx.Client, route: str, name: str, value: str) -> list[Any] | None:
    """What a 2xx answer must hold, or None where only a 4xx is right."""
    if name in NAMES:
        return [0, []] if route == "/stats" else []
    if name == "q":  # words, whatever the punctuation around them; none: nothing matches
        words = " ".join(re.findall(r"\w+", value))
        if not words:
            return [0, []] if route == "/stats" else []
        answer = client.get(route, params={"q": words})
        return items(answer.json()) if answer.status_code == 200 else None
    return None


@pytest.mark.parametrize("route", list(ROUTES))
def test_hostile_query_parameters(server: Server, route: str) -> None:
    problems = []
    with httpx.Client(base_url=server.base, timeout=60) as client:
        everything = items(client.get(route, params={"limit": 500} if route != "/stats" else {}).json())
        for name in ROUTES[route]:
            for value in HOSTILE:
                answer = client.get(route, params={name: value})
                if answer.status_code >= 500:
                    problems.append(f"{name}={value[:30]!r}: {answer.status_code} {answer.text[:200]}")
                elif answer.status_code >= 400:
                    assert_error_shape(answer, answer.status_code)
                elif name == "cursor":  # a cursor that happens to decode: a later page, nothing new
                    found = items(answer.json())
                    if not set(found) <= set(everything):
                        problems.append(f"cursor={value[:30]!r}: {found}")
                elif items(answer.json()) != expected(client, route, name, value):
                    problems.append(f"{name}={value[:30]!r}: {answer.status_code} {items(answer.json())}")
    assert not problems, "\n".join(problems)
    assert_intact(server)


def test_hostile_event_ids_in_the_path(server: Server) -> None:
    with httpx.Client(base_url=server.base, timeout=60) as client:
        for value in HOSTILE:
            answer = client.get("/events/" + quote(value, safe=""))
            assert answer.status_code in (400, 404), f"{value[:30]!r}: {answer.status_code} {answer.text[:200]}"
            assert_error_shape(answer, answer.status_code)
            assert b"<" not in answer.content
    assert_intact(server)


def test_hostile_fields_of_a_posted_article(server: Server) -> None:
    stored = []
    with httpx.Client(base_url=server.base, timeout=120, headers=AUTH) as client:
        for field in ("id", "text", "html", "url", "title", "published"):
            for n, value in enumerate((*HOSTILE, "\ud800", "a\udfffb")):  # lone surrogates: in JSON only
                body: dict[str, Any] = {"id": f"hostile-{field}-{n}", "text": ARTICLE}
                if field == "html":
                    del body["text"]
                body[field] = value
                answer = client.post("/articles", content=json.dumps(body).encode(),  # \ud800 escaped
                                     headers={"Content-Type": "application/json"})
                assert answer.status_code < 500, f"{field}={value[:30]!r}: {answer.status_code} {answer.text[:200]}"
                if answer.status_code >= 400:
                    assert_error_shape(answer, answer.status_code)
                    continue
                assert answer.json()["id"] == body["id"]
                stored.append(body["id"])
        listed = [a["id"] for a in client.get("/articles", params={"limit": 500}).json()["items"]]
    assert sorted(set(listed) - {"a", "b", "c", "d", "raid", "sport", "talks"}) == sorted(stored)
    assert "' OR 1=1 --" in stored and "\\'" in stored  # hostile ids are stored as given
    assert_intact(server, articles=server.counts[0] + len(stored))


def test_stored_markup_comes_back_escaped_in_json(server: Server) -> None:
    title = "<script>alert('t')</script>Police <b>raid</b>"
    text = "Police arrested <img src=x onerror=alert(1)> protesters in Giza on Tuesday, witnesses said."
    posted = httpx.post(server.base + "/articles", json={"id": "xss<svg onload=alert(1)>", "title": title,
                                                         "text": text}, headers=AUTH, timeout=120)
    assert posted.status_code == 200, posted.text
    with httpx.Client(base_url=server.base, timeout=60) as client:
        answers = [posted, client.get("/articles", params={"q": "Giza"}), client.get("/events", params={"q": "Giza"}),
                   client.get("/events/<script>alert(1)</script>")]
        answers += [client.get(f"/events/{event_id}") for event_id in posted.json()["events"]]
    for answer in answers:
        assert answer.headers["content-type"].startswith("application/json")
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert "default-src 'none'" in answer.headers["content-security-policy"]
        assert b"<" not in answer.content and b">" not in answer.content, answer.content[:300]
    (article,) = answers[1].json()["items"]
    assert article["id"] == "xss<svg onload=alert(1)>"  # the markup is kept as text, escaped in transit
    assert "script" not in (article["title"] or "")  # titles are cleaned to one line of plain text


def assert_intact(server: Server, *, articles: int | None = None) -> None:
    store = open_store(server.store)
    try:
        assert store.count()[0] == (server.counts[0] if articles is None else articles)
        if articles is None:
            assert store.count() == server.counts
    finally:
        store.close()


# ---------------------------------------------------------------------- one backend is enough below


@pytest.fixture(scope="module")
def sqlite_base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = tmp_path_factory.mktemp("api-limits") / "events.sqlite"
    open_store(path).close()
    yield from serve(ApiConfig(store=str(path), token=TOKEN, public_reads=False, max_body_bytes=MAX_BODY))


def chunks(size: int) -> Iterator[bytes]:
    """About ``size`` bytes of JSON, streamed; an article the route refuses before coding it."""
    yield b'{"id": "big", "text": "'
    for _ in range(size // 10_000):
        yield b"word " * 2000
    yield b'", "html": "<p>and html</p>"}'


def test_oversized_bodies_get_413_while_being_read(sqlite_base: str) -> None:
    big = {"id": "big", "text": "word " * (MAX_BODY // 5)}
    declared = httpx.post(sqlite_base + "/articles", json=big, headers=AUTH, timeout=60)
    assert_error_shape(declared, 413)
    streamed = httpx.post(sqlite_base + "/articles", content=chunks(MAX_BODY + 20_000),
                          headers={**AUTH, "Content-Type": "application/json"}, timeout=60)
    assert "content-length" not in streamed.request.headers  # sent chunked
    assert_error_shape(streamed, 413)
    host, port = sqlite_base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=60) as raw:  # a header promising too much
        raw.sendall(f"POST /articles HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
                    f"Content-Length: {MAX_BODY + 1}\r\n\r\n{{}}".encode())
        answer = ""
        while not answer.endswith("}}") and (chunk := raw.recv(65536)):
            answer += chunk.decode()
    assert answer.startswith("HTTP/1.1 413 ") and '"status":413' in answer  # refused before reading on
    small = httpx.post(sqlite_base + "/articles", content=chunks(MAX_BODY - 20_000),
                       headers={**AUTH, "Content-Type": "application/json"}, timeout=120)
    assert_error_shape(small, 422)  # read whole, then refused for giving both text and html


@pytest.mark.parametrize(("headers", "status"), [
    ({}, 401), ({"Authorization": "Bearer"}, 401), ({"Authorization": f"Basic {TOKEN}"}, 401),
    ({"Authorization": "Bearer wrong"}, 403), ({"Authorization": f"Bearer {TOKEN}x"}, 403),
    ({"Authorization": f"Bearer {TOKEN[:-1]}"}, 403), ({"Authorization": "Bearer ' OR 1=1 --"}, 403),
    ({"Authorization": "Bearer \u00e9t\u00e9"}, 403),
])
def test_a_wrong_or_missing_token_is_refused_in_one_shape(sqlite_base: str, headers: dict[str, str],
                                                          status: int) -> None:
    encoded = {k: v.encode("utf-8") for k, v in headers.items()}
    for method, path, body in (("GET", "/events", None), ("GET", "/stats", None),
                               ("POST", "/articles", {"id": "x", "text": ARTICLE})):
        answer = httpx.request(method, sqlite_base + path, headers=encoded, json=body, timeout=60)
        assert_error_shape(answer, status)
    assert httpx.get(sqlite_base + "/events", headers=AUTH, timeout=60).status_code == 200


def test_cors_is_closed_unless_origins_are_listed(sqlite_base: str, tmp_path: Path) -> None:
    preflight = {"Origin": "https://evil.example", "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "authorization"}
    closed = httpx.options(sqlite_base + "/articles", headers=preflight, timeout=60)
    assert closed.status_code >= 400 and "access-control-allow-origin" not in closed.headers
    read = httpx.get(sqlite_base + "/events", headers={**AUTH, "Origin": "https://evil.example"}, timeout=60)
    assert read.status_code == 200 and "access-control-allow-origin" not in read.headers
    path = tmp_path / "cors.sqlite"
    open_store(path).close()
    for base in serve(ApiConfig(store=str(path), cors_origins=("https://desk.example",))):
        foreign = httpx.options(base + "/events", headers=preflight, timeout=60)
        assert "access-control-allow-origin" not in foreign.headers
        listed = httpx.options(base + "/events", headers={**preflight, "Origin": "https://desk.example"}, timeout=60)
        assert listed.status_code == 200 and listed.headers["access-control-allow-origin"] == "https://desk.example"
        got = httpx.get(base + "/events", headers={"Origin": "https://desk.example"}, timeout=60)
        assert got.headers["access-control-allow-origin"] == "https://desk.example"


def test_security_headers_and_the_docs_policy(sqlite_base: str) -> None:
    docs = httpx.get(sqlite_base + "/docs", timeout=60)
    assert docs.status_code == 200 and docs.headers["content-type"].startswith("text/html")
    policy = docs.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
    for path in ("/docs", "/docs/init.js", "/openapi.json", "/no/such/route"):
        assert httpx.get(sqlite_base + path, timeout=60).headers["x-content-type-options"] == "nosniff", path

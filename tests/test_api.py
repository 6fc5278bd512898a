"""The HTTP API over real HTTP on loopback (uvicorn in a thread), on a real SQLite store."""

from __future__ import annotations

import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

pytest.importorskip("fastapi", reason="the API extra is not installed (pip install 'eventdesk[api]')")
import uvicorn

from eventdesk.api import ApiConfig, create_app
from eventdesk.pipeline import Pipeline
from eventdesk.runners import ingest
from eventdesk.store import open_store
from tests.test_store import ITEMS
from tests.test_store_mentions import LATER, REPORTS

TOKEN = "s3cret-token"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve(config: ApiConfig) -> Iterator[str]:
    """Run the app on loopback in a thread; yields its base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(config), host="127.0.0.1", port=port, log_level="critical"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the API server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("api") / "events.sqlite"
    store = open_store(path)
    ingest(Pipeline.from_settings(), [*ITEMS, *REPORTS, LATER], store, dedup=False)  # "a" repeats "raid"
    store.close()
    return path


@pytest.fixture(scope="module")
def base(db: Path) -> Iterator[str]:
    yield from serve(ApiConfig(store=str(db), token=TOKEN))


def get(base: str, path: str, **params: Any) -> Any:
    response = httpx.get(base + path, params=params, timeout=30)
    assert response.status_code == 200, response.text
    return response.json()


def test_events_page_by_cursor_and_filter(base: str) -> None:
    everything = get(base, "/events", limit=500)["items"]
    assert everything and all(e["num_mentions"] >= 1 for e in everything)
    pages, cursor = [], None
    while True:
        page = get(base, "/events", limit=2, **({"cursor": cursor} if cursor else {}))
        pages.extend(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert [e["id"] for e in pages] == [e["id"] for e in everything]
    newest = get(base, "/events", sort="-date")["items"]
    assert [e["id"] for e in newest] == [e["id"] for e in reversed(everything)]
    raids = get(base, "/events", category="COERCE", country="ISR", q="Jenin", since="2024-05-06",
                until="2024-05-06", bbox="35,32,36,33", cameo="17")["items"]
    assert [(e["article_id"], e["num_mentions"], e["num_sources"], e["num_articles"]) for e in raids] == [
        ("raid", 4, 3, 4)]  # the raid item of test_store tells it too
    assert not get(base, "/events", actor="nobody-at-all")["items"]


def test_one_event_with_every_mention(base: str) -> None:
    (raid,) = get(base, "/events", category="COERCE", since="2024-05-06", until="2024-05-06")["items"]
    detail = get(base, f"/events/{raid['id']}")
    assert detail["record"]["text_info"]["trigger"]["text"] == "raided"
    assert [(m["article_id"], m["source"], m["trigger"]) for m in detail["mentions"]] == [
        ("raid", "<raid>", "raided"), ("a", "reuters.com", "raided"), ("b", "apnews.com", "raided"),
        ("c", "reuters.com", "raided")]
    assert get(base, f"/events/{detail['mentions'][2]['id']}")["id"] == raid["id"]


def test_articles_actors_and_stats(base: str) -> None:
    first = get(base, "/articles", limit=3)
    rest = get(base, "/articles", limit=100, cursor=first["next_cursor"])
    assert [a["id"] for a in first["items"] + rest["items"]] == ["a", "b", "c", "d", "raid", "sport", "talks"]
    assert [a["id"] for a in get(base, "/articles", q="medics")["items"]] == ["b"]
    actors = get(base, "/actors")
    assert actors[0]["name"] == "Israel" and actors[0]["num_events"] >= 2  # the two Jenin raids
    stats = get(base, "/stats")
    assert stats["articles"] == 7 and stats["events"] == len(get(base, "/events", limit=500)["items"])
    for grouping in ("by_day", "by_category", "by_country", "by_quad_class"):
        assert sum(c["count"] for c in stats[grouping]) == stats["events"]
    coerce = get(base, "/events", category="COERCE", limit=500)["items"]
    assert get(base, "/stats", category="COERCE")["by_category"] == [{"key": "COERCE", "count": len(coerce)}]


def test_post_an_article_with_the_token(base: str) -> None:
    article = {"id": "api-1", "text": "Rebels attacked an army base in Goma on Monday.", "published": "2024-06-25",
               "url": "https://example.org/goma"}
    headers = {"Authorization": f"Bearer {TOKEN}"}
    first = httpx.post(base + "/articles", json=article, headers=headers, timeout=120)
    assert first.status_code == 200, first.text
    assert first.json()["stored"] is True and first.json()["events"]
    again = httpx.post(base + "/articles", json=article, headers=headers, timeout=120).json()
    assert again == {**first.json(), "stored": False}
    found = get(base, "/events", q="Goma")["items"]
    assert {e["id"] for e in found} == set(first.json()["events"])


def test_openapi_and_docs_come_from_local_files(base: str) -> None:
    spec = get(base, "/openapi.json")
    assert {"/events", "/events/{event_id}", "/articles", "/actors", "/stats"} <= set(spec["paths"])
    page = httpx.get(base + "/docs", timeout=30)
    assert page.status_code == 200 and "https://" not in page.text and "http://" not in page.text
    for asset in ("/docs/assets/swagger-ui-bundle.js", "/docs/assets/swagger-ui.css", "/docs/init.js"):
        assert httpx.get(base + asset, timeout=30).status_code == 200, asset


ERRORS = [  # (method, path, headers, body, status)
    ("GET", "/no/such/route", {}, None, 404),
    ("GET", "/events/no-such-event", {}, None, 404),
    ("GET", "/events?limit=0", {}, None, 422),
    ("GET", "/events?since=yesterday", {}, None, 422),
    ("GET", "/events?sort=sideways", {}, None, 422),
    ("GET", "/events?cameo=1%25", {}, None, 422),
    ("GET", "/events?cursor=%25%25%25", {}, None, 400),
    ("GET", "/events?bbox=1,2,3", {}, None, 400),
    ("GET", "/events?bbox=10,0,5,1", {}, None, 400),
    ("GET", "/articles?cursor=%25", {}, None, 400),
    ("DELETE", "/events", {}, None, 405),
    ("POST", "/articles", {}, {"id": "x", "text": "Hello."}, 401),
    ("POST", "/articles", {"Authorization": "Bearer wrong"}, {"id": "x", "text": "Hello."}, 403),
    ("POST", "/articles", {"Authorization": f"Bearer {TOKEN}"}, {"text": "no id"}, 422),
    ("POST", "/articles", {"Authorization": f"Bearer {TOKEN}"}, {"id": "x", "text": "a", "html": "<p>b</p>"}, 422),
    ("POST", "/articles", {"Authorization": f"Bearer {TOKEN}"}, {"id": "x", "text": "   "}, 422),
]


def assert_error_shape(response: httpx.Response, status: int) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"status", "title", "detail"}
    assert body["error"]["status"] == status and body["error"]["detail"] and "\n" not in body["error"]["detail"]


@pytest.mark.parametrize(("method", "path", "headers", "body", "status"), ERRORS)
def test_every_error_has_one_shape(base: str, method: str, path: str, headers: dict[str, str],
                                   body: dict[str, str] | None, status: int) -> None:
    assert_error_shape(httpx.request(method, base + path, headers=headers, json=body, timeout=120), status)


def test_errors_of_configuration_and_of_the_server(db: Path, tmp_path: Path) -> None:
    for server in serve(ApiConfig(store=str(db), token=None)):  # no token: writes disabled
        assert_error_shape(httpx.post(server + "/articles", json={"id": "x", "text": "Hi."}, timeout=30), 403)
    for server in serve(ApiConfig(store=str(db), token=TOKEN, public_reads=False)):
        assert_error_shape(httpx.get(server + "/events", timeout=30), 401)
        ok = httpx.get(server + "/events", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=30)
        assert ok.status_code == 200
    broken = tmp_path / "broken.sqlite"
    open_store(broken).close()
    for server in serve(ApiConfig(store=str(broken))):
        with sqlite3.connect(broken) as connection:
            connection.execute("DROP TABLE event_actors")
        assert_error_shape(httpx.get(server + "/actors", timeout=30), 500)


def test_the_token_comes_from_the_environment_first() -> None:
    from eventdesk.settings import ApiSettings, Settings

    settings = Settings(api=ApiSettings(token="from-file"))
    assert ApiConfig.from_settings(settings, environ={"EVENTDESK_API_TOKEN": "from-env"}).token == "from-env"
    assert ApiConfig.from_settings(settings, environ={}).token == "from-file"
    assert ApiConfig.from_settings(Settings(), environ={}).token is None

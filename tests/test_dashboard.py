"""The dashboard in a real browser: Debian's chromium driven by Playwright, against a real
``eventdesk serve`` on loopback over databases built by ``eventdesk run`` (the example article, a
title with a script tag, and ~20 articles of ../shared/corpus). Screenshots go to
``$EVENTDESK_TEST_ARTIFACTS/dashboard`` (default: the system temp dir's ``eventdesk-test-artifacts``).
"""

from __future__ import annotations

import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from eventdesk.cli import cli
from eventdesk.extract import read_items
from eventdesk.pipeline import Pipeline
from eventdesk.runners import ingest
from eventdesk.store import ActorLink, DayCount, EventFilter, open_store
from tests.conftest import EXAMPLE_ARTICLE, shared_path
from tests.postgres import postgres_server, store_location

__all__ = ["postgres_server", "store_location"]  # fixtures used here

pytest.importorskip("fastapi", reason="the API extra is not installed (pip install 'eventdesk[api]')")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-default-apps"]
ARTIFACTS = Path(os.environ.get("EVENTDESK_TEST_ARTIFACTS")
                 or Path(tempfile.gettempdir()) / "eventdesk-test-artifacts") / "dashboard"
SCRIPT_TITLE = "<script>window.__x=1</script>"
HOSTILE = {"id": "script-title", "title": SCRIPT_TITLE, "url": "https://example.org/news/jenin-raid",
           "published": "2024-05-07",
           "text": "Israeli troops raided the city of Jenin on Monday, the army said. "
                   "Palestinian officials condemned the raid in a statement headed <img src=x onerror=window.__y=1>."}
CORPUS_ARTICLES = 20
# text nodes of the view that are a JavaScript value printed by mistake
LEAKED_VALUES = """() => {
    const walk = document.createTreeWalker(document.getElementById('view'), NodeFilter.SHOW_TEXT);
    const bad = [];
    while (walk.nextNode()) {
        const text = walk.currentNode.data.trim();
        if (["null", "undefined", "NaN", "[object Object]"].includes(text)) bad.push(text);
    }
    return bad;
}"""


# ---------------------------------------------------------------- databases and servers


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def eventdesk_run(db: Path, *inputs: Path, progress: bool) -> str:
    """``eventdesk run`` in process; returns what it wrote on stderr."""
    flag = "--progress" if progress else "--no-progress"
    result = CliRunner().invoke(cli, ["run", flag, "--db", str(db), *map(str, inputs)])
    assert result.exit_code == 0, result.output + result.stderr
    return result.stderr


def serve(db: Path) -> Iterator[str]:
    """``eventdesk serve`` as its own process on a free loopback port; yields the base URL."""
    port = free_port()
    command = [sys.executable, "-c", "from eventdesk.cli import main; main()", "serve", "--db", str(db),
               "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            problem = server.stderr.read().decode() if server.poll() is not None and server.stderr else ""
            assert server.poll() is None, f"eventdesk serve exited: {problem}"
            assert time.monotonic() < deadline, "eventdesk serve did not start in 60 s"
            try:
                if httpx.get(base + "/stats", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def example_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The example article and an article titled with a script tag, stored by ``eventdesk run --progress``."""
    folder = tmp_path_factory.mktemp("dashboard-example")
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    db = folder / "events.sqlite"
    stderr = eventdesk_run(db, EXAMPLE_ARTICLE, hostile, progress=True)
    # The pipeline strips tags from titles (extract.text.clean_title); a store written by another
    # tool or an older version can still hold one, so the title goes into the store directly.
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE articles SET title = ? WHERE id = ?", (SCRIPT_TITLE, HOSTILE["id"]))
    return db, stderr


@pytest.fixture(scope="module")
def example(example_run: tuple[Path, str]) -> Iterator[str]:
    yield from serve(example_run[0])


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.from_settings()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Iterator[str]:
    """The first articles of ../shared/corpus, coded, stored and served."""
    source = shared_path("corpus", "wikinews_politics", "articles.jsonl")
    folder = tmp_path_factory.mktemp("dashboard-corpus")
    subset = folder / "articles.jsonl"
    with source.open(encoding="utf-8") as lines:
        subset.write_text("".join(next(lines) for _ in range(CORPUS_ARTICLES)), encoding="utf-8")
    db = folder / "events.sqlite"
    store = open_store(db)
    try:
        report = ingest(pipeline, read_items([str(subset)]), store)
    finally:
        store.close()
    assert report.stored == CORPUS_ARTICLES, report.errors
    yield from serve(db)


def api(base: str, path: str, **params: Any) -> Any:
    response = httpx.get(base + path, params=params, timeout=30)
    assert response.status_code == 200, response.text
    return response.json()


# ---------------------------------------------------------------- the browser


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent (apt-get install chromium; .ci/run does)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (the dev extra)")
    profile = tmp_path_factory.mktemp("chromium-profile")  # a fresh --user-data-dir
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS,
            viewport={"width": 1280, "height": 900})
        try:
            yield context
        finally:
            context.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    yield page
    page.close()
    assert not errors, f"the page reported errors: {errors}"


def wait_ready(page: Any, view: str) -> None:
    """Wait until the view has rendered what the address now says."""
    page.wait_for_function("v => { const m = document.getElementById('view'); "
                           "return m.dataset.ready === v && m.dataset.hash === location.hash; }", arg=view,
                           timeout=30_000)
    leaked = page.evaluate(LEAKED_VALUES)
    assert not leaked, f"the {view} view shows JavaScript values as text: {leaked}"


def open_view(page: Any, base: str, route: str, view: str) -> None:
    page.goto(f"{base}/#/{route}")
    wait_ready(page, view)


def screenshot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def texts(page: Any, selector: str) -> list[str]:
    return [t.strip() for t in page.locator(selector).all_text_contents()]


def names(participants: Any) -> str:
    found = participants if isinstance(participants, list) else [participants] if participants else []
    return "; ".join(p["name"] for p in found) or "–"


# ---------------------------------------------------------------- the store behind the new routes


def test_the_store_reads_articles_timeline_and_links(pipeline: Pipeline, store_location: str) -> None:
    store = open_store(store_location)
    try:
        ingest(pipeline, read_items([str(EXAMPLE_ARTICLE)]), store)
        article = store.article("hamas-islamic-jihad-coordination")
        assert article is not None and store.article("no-such-article") is None
        assert article.title == "Hamas and Islamic Jihad agree on coordination of anti-colonial struggle"
        events = article.record["events"]
        assert len(events) == 9
        for event in events:  # every offset points into the stored text
            trigger = event["text_info"]["trigger"]
            assert article.text[trigger["start"]:trigger["end"]] == trigger["text"]
        timeline = store.timeline(EventFilter())
        assert sum(day.num_events for day in timeline) == store.count()[1]
        assert timeline[-1].day is None and [d.day for d in timeline[:-1]] == sorted(d.day for d in timeline[:-1])
        assert DayCount(day="2022-08-05", quad_class=4, num_events=1) in timeline
        assert store.timeline(EventFilter(event="SUPPORT")) == [DayCount(day="2022-08-23", quad_class=2, num_events=1)]
        assert ActorLink(actor="Israel", actor_code="ISR", recipient="Palestinian Islamic Jihad",
                         recipient_code="PSEREB", quad_class=2, num_events=1) in store.links(EventFilter())
        support = store.links(EventFilter(event="SUPPORT"))
        assert {(link.actor, link.recipient) for link in support} == {
            (actor, recipient) for actor in ("Hamas", "Palestinian Islamic Jihad") for recipient in ("Arab", "Muslim")}
        assert len(store.links(EventFilter(), limit=2)) == 2
    finally:
        store.close()


# ---------------------------------------------------------------- the example article


def test_run_shows_progress_with_the_flag(example_run: tuple[Path, str]) -> None:
    _, stderr = example_run
    assert re.search(r"2 articles +\d+ events +[\d.]+ articles/s", stderr), stderr


def test_events_table_filters_and_sorts(page: Any, example: str) -> None:
    expected = api(example, "/events", limit=500)["items"]
    open_view(page, example, "events", "events")
    assert page.locator("tr.event-row").count() == len(expected)
    assert texts(page, "tr.event-row td.actor") == [names(e["record"]["actor"]) for e in expected]
    assert "Hamas; Palestinian Islamic Jihad" in texts(page, "tr.event-row td.actor")
    screenshot(page, "example-events")

    page.fill("#filters input[name=actor]", "Israel")
    page.click("#filters button[type=submit]")
    wait_ready(page, "events")
    assert "actor=Israel" in page.url
    israel = [e["id"] for e in api(example, "/events", actor="Israel")["items"]]
    shown = page.locator("tr.event-row").evaluate_all("rows => rows.map(r => r.dataset.eventId)")
    assert shown == israel and len(israel) >= 2

    page.click("#sort-date")
    wait_ready(page, "events")
    newest_first = [e["id"] for e in api(example, "/events", actor="Israel", sort="-date")["items"]]
    assert page.locator("tr.event-row").evaluate_all("rows => rows.map(r => r.dataset.eventId)") == newest_first

    page.click("#clear-filters")
    wait_ready(page, "events")
    assert page.locator("tr.event-row").count() == len(expected)
    for field, value in (("q", "ceasefire"), ("cameo", "19"), ("category", "SUPPORT"), ("country", "ISR")):
        page.fill(f"#filters input[name={field}]", value)
        page.click("#filters button[type=submit]")
        wait_ready(page, "events")
        wanted = [e["id"] for e in api(example, "/events", **{field: value})["items"]]
        assert page.locator("tr.event-row").evaluate_all("rows => rows.map(r => r.dataset.eventId)") == wanted
        assert wanted, field
        page.fill(f"#filters input[name={field}]", "")


def test_event_detail_marks_the_evidence_and_lists_every_report(page: Any, example: str) -> None:
    events = api(example, "/events", limit=500)["items"]
    assault = next(e for e in events if e["record"]["event"] == "ASSAULT" and e["record"]["date"] == "2022-08-05")
    open_view(page, example, "events", "events")
    page.click(f"tr.event-row[data-event-id='{assault['id']}']")
    wait_ready(page, "event")
    record = assault["record"]
    info = record["text_info"]
    quote = page.locator("blockquote.evidence-sentence")
    assert quote.text_content() == info["sentence"]

    def span(start: int, end: int) -> str:
        return str(info["sentence"][start - info["start"]:end - info["start"]])

    assert texts(page, "blockquote.evidence-sentence mark.role-trigger") == ["attacks launched"]
    assert texts(page, "blockquote.evidence-sentence mark.role-actor") == ["Israel"]
    assert texts(page, "blockquote.evidence-sentence mark.role-place") == ["Gaza Strip"]
    assert span(info["trigger"]["start"], info["trigger"]["end"]) == "attacks launched"
    reports = page.locator("li.report")
    assert reports.count() == assault["num_mentions"]
    assert reports.first.locator("a.article-link").text_content() == assault["article_title"]
    screenshot(page, "example-event")

    retreat = next(e for e in events if e["record"]["event"] == "RETREAT")
    open_view(page, example, f"event/{retreat['id']}", "event")
    assert texts(page, "blockquote.evidence-sentence mark.role-recipient") == ["Israel and the Islamic Jihad Movement"]
    assert texts(page, "blockquote.evidence-sentence mark.role-place") == ["Tehran"]

    page.click("li.report a.article-link")
    wait_ready(page, "article")
    assert page.locator("h2.article-heading").text_content() == assault["article_title"]


def test_article_view_shows_clean_text_with_its_events_marked(page: Any, example: str) -> None:
    article = api(example, "/articles/hamas-islamic-jihad-coordination")
    open_view(page, example, "article/hamas-islamic-jihad-coordination", "article")
    assert page.locator("article.article-text").text_content() == article["text"]
    triggers = texts(page, "article.article-text mark.role-trigger")
    assert {"agreed", "discussed", "thanked", "attacks launched", "ceasefire"} <= set(triggers)
    assert page.locator("aside li.article-event").count() == len(article["events"])
    screenshot(page, "example-article")
    page.locator("article.article-text mark.role-trigger", has_text="thanked").click()
    wait_ready(page, "event")
    assert page.locator("h2.event-title").text_content().startswith("SUPPORT:")


def test_timeline_bars_and_brushing_filters_the_other_views(page: Any, example: str) -> None:
    counts = [c for c in api(example, "/timeline") if c["day"]]
    open_view(page, example, "timeline", "timeline")
    bars = page.locator("svg.timeline rect.bar")
    assert bars.count() == len(counts)
    shown = bars.evaluate_all("bs => bs.map(b => [b.dataset.day, +b.dataset.quad, +b.dataset.count])")
    assert sorted(map(tuple, shown)) == sorted((c["day"], c["quad_class"], c["count"]) for c in counts)
    screenshot(page, "example-timeline")

    first = page.locator("rect.bar[data-day='2022-08-05']").bounding_box()
    second = page.locator("rect.bar[data-day='2022-08-07']").bounding_box()
    page.mouse.move(first["x"] + first["width"] / 2, first["y"] + first["height"] / 2)
    page.mouse.down()
    page.mouse.move(second["x"] + second["width"] / 2, second["y"] + 5, steps=5)
    page.mouse.up()
    wait_ready(page, "timeline")
    assert "since=2022-08-05" in page.url and "until=2022-08-07" in page.url
    assert "2022-08-05 to 2022-08-07" in page.locator("#range").text_content()
    screenshot(page, "example-timeline-brushed")

    page.click("a.goto-events")
    wait_ready(page, "events")
    assert texts(page, "tr.event-row td.date") == ["2022-08-05", "2022-08-07"]
    page.click("#nav a[data-view=network]")
    wait_ready(page, "network")
    edges = page.locator("line.edge").evaluate_all("es => es.map(e => [e.dataset.actor, e.dataset.recipient])")
    assert edges == [["Israel", "Palestinian Islamic Jihad"]]


def test_map_shows_clustered_markers_coloured_by_quad_class(page: Any, example: str) -> None:
    located = [e for e in api(example, "/events", limit=500)["items"]
               if e["record"]["event_loc"] and e["record"]["event_loc"]["lat"] is not None]
    open_view(page, example, "map", "map")
    assert page.locator("svg.map path.country").count() > 150  # Natural Earth's countries
    markers = page.locator("g.marker")
    counts = markers.evaluate_all("ms => ms.map(m => +m.dataset.count)")
    assert sum(counts) == len(located) and len(counts) < len(located)
    # nearby places (the Gaza Strip, Al-Aqsa Mosque, Jenin, Jerusalem) are one cluster at zoom-out, coloured
    # by its commonest QuadClass
    assert page.locator("g.marker:not([data-count='1'])").count() >= 1
    quads = markers.evaluate_all("ms => ms.map(m => [...m.classList].find(c => /^q[1-4]$/.test(c)) || '')")
    assert quads and all(quads)
    screenshot(page, "example-map")
    for _ in range(4):
        cluster = page.locator("g.marker:not([data-count='1'])")
        if cluster.count() == 0:
            break
        cluster.first.click()
    # zoomed in, clusters split (events at one point, or a street apart, stay together) and none is lost
    after = markers.evaluate_all("ms => ms.map(m => +m.dataset.count)")
    assert len(after) > len(counts) and sum(after) == len(located)
    assert page.locator("aside.map-side a.map-event").count() >= 1
    zoomed = page.locator("svg.map").get_attribute("viewBox")
    box = page.locator("svg.map").bounding_box()
    page.mouse.move(box["x"] + 40, box["y"] + 40)
    page.mouse.down()
    page.mouse.move(box["x"] + 160, box["y"] + 100, steps=4)
    page.mouse.up()
    assert page.locator("svg.map").get_attribute("viewBox") != zoomed  # dragged: panned
    while page.locator("svg.map").get_attribute("data-zoom") != "1":
        page.click("#zoom-out")
    assert markers.evaluate_all("ms => ms.map(m => +m.dataset.count)") == counts


def test_network_edges_weighted_and_coloured(page: Any, example: str) -> None:
    network = api(example, "/network")
    open_view(page, example, "network", "network")
    edges = page.locator("line.edge")
    assert edges.count() == len(network["edges"])
    coop = page.locator("line.edge.coop[data-actor='Israel'][data-recipient='Palestinian Islamic Jihad']")
    assert coop.count() == 1  # a ceasefire: material cooperation
    assert page.locator("line.edge.conflict").count() == sum(
        e["conflictual"] > e["cooperative"] for e in network["edges"])
    assert set(texts(page, "g.node text")) == {n["name"] for n in network["nodes"]}
    screenshot(page, "example-network")
    page.locator("g.node[data-name='Hamas'] circle").click()
    wait_ready(page, "events")
    assert "actor=Hamas" in page.url
    assert page.locator("tr.event-row").count() == len(api(example, "/events", actor="Hamas")["items"])


def test_a_title_with_a_script_tag_stays_text(page: Any, example: str) -> None:
    response = httpx.get(example + "/", timeout=10)
    assert response.headers["content-security-policy"].startswith("default-src 'self'")
    open_view(page, example, "articles", "articles")
    assert SCRIPT_TITLE in texts(page, "tr.article-row a.article-link")
    page.locator("tr.article-row a.article-link", has_text="window.__x").click()
    wait_ready(page, "article")
    assert page.locator("h2.article-heading").text_content() == SCRIPT_TITLE
    assert "<img src=x onerror=window.__y=1>" in page.locator("article.article-text").text_content()
    assert page.locator("a.source-url").get_attribute("href") == HOSTILE["url"]
    open_view(page, example, "events", "events")
    assert SCRIPT_TITLE in texts(page, "tr.event-row .article-title")
    screenshot(page, "example-script-title")
    assert page.evaluate("() => [window.__x, window.__y]") == [None, None]
    assert page.locator("#view img").count() == 0
    assert page.evaluate("() => [...document.scripts].some(s => s.textContent.includes('__x'))") is False


def test_the_dashboard_routes_answer_in_the_one_error_shape(example: str) -> None:
    for path, status in (("/articles/no-such-article", 404), ("/events/no-such-event/reports", 404),
                         ("/network?limit=0", 422), ("/timeline?since=yesterday", 422)):
        response = httpx.get(example + path, timeout=10)
        assert response.status_code == status, path
        assert set(response.json()["error"]) == {"status", "title", "detail"}
    article = api(example, "/articles/script-title")
    assert article["title"] == SCRIPT_TITLE and article["text"].startswith("Israeli troops raided")
    stored = {e["id"] for e in api(example, "/events", limit=500)["items"]}
    assert article["events"] and all(e["event_id"] in stored for e in article["events"])
    script = httpx.get(example + "/dashboard/js/main.js", timeout=10)
    assert script.headers["content-type"].startswith("text/javascript") and "default-src" in script.headers[
        "content-security-policy"]


# ---------------------------------------------------------------- the corpus


def test_every_view_on_the_corpus(page: Any, corpus: str) -> None:
    stats = api(corpus, "/stats")
    assert stats["articles"] == CORPUS_ARTICLES and stats["events"] > 0
    open_view(page, corpus, "events", "events")
    first_page = page.locator("tr.event-row").evaluate_all("rows => rows.map(r => r.dataset.eventId)")
    assert len(first_page) == min(50, stats["events"])
    screenshot(page, "corpus-events")
    if stats["events"] > 50:
        page.click("#next-page")
        wait_ready(page, "events")
        second = page.locator("tr.event-row").evaluate_all("rows => rows.map(r => r.dataset.eventId)")
        assert second and not set(second) & set(first_page)
    page.locator("tr.event-row").first.click()
    wait_ready(page, "event")
    assert page.locator("blockquote.evidence-sentence mark.role-trigger").count() >= 1
    assert page.locator("li.report").count() >= 1
    assert page.locator("li.report a.source-url").first.get_attribute("href").startswith("https://en.wikinews.org/")
    screenshot(page, "corpus-event")

    open_view(page, corpus, "timeline", "timeline")
    assert page.locator("rect.bar").count() >= 1
    screenshot(page, "corpus-timeline")
    open_view(page, corpus, "map", "map")
    located = sum(1 for e in api(corpus, "/events", limit=500)["items"]
                  if e["record"]["event_loc"] and e["record"]["event_loc"]["lat"] is not None)
    assert sum(page.locator("g.marker").evaluate_all("ms => ms.map(m => +m.dataset.count)")) == located > 0
    screenshot(page, "corpus-map")
    open_view(page, corpus, "network", "network")
    assert page.locator("line.edge").count() == len(api(corpus, "/network")["edges"]) > 0
    screenshot(page, "corpus-network")
    open_view(page, corpus, "articles", "articles")
    assert page.locator("tr.article-row").count() == CORPUS_ARTICLES
    page.locator("tr.article-row a.article-link").first.click()
    wait_ready(page, "article")
    assert len(page.locator("article.article-text").text_content()) > 200
    screenshot(page, "corpus-article")


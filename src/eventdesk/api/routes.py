"""The routes: ``/events``, ``/events/{id}``, ``/articles`` (GET and POST), ``/actors``, ``/stats``."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from dataclasses import replace
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from eventdesk.api.app import Service
from eventdesk.api.errors import ERROR_RESPONSES
from eventdesk.api.models import (
    ActorOut,
    ArticleIn,
    ArticleOut,
    ArticlePage,
    EventDetailOut,
    EventOut,
    EventPage,
    IngestOut,
    MentionOut,
    StatsOut,
)
from eventdesk.records import RawItem
from eventdesk.runners import ingest
from eventdesk.store import EventFilter

router = APIRouter(responses=ERROR_RESPONSES)
Limit = Annotated[int, Query(ge=1, le=500, description="page size")]


def reader(request: Request) -> Service:
    service: Service = request.app.state.service
    service.check_token(request, for_write=False)
    return service


def writer(request: Request) -> Service:
    service: Service = request.app.state.service
    service.check_token(request, for_write=True)
    return service


def encode_cursor(key: str) -> str:
    return base64.urlsafe_b64encode(key.encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> str | None:
    if cursor is None:
        return None
    try:
        return base64.b64decode(cursor + "=" * (-len(cursor) % 4), altchars=b"-_", validate=True).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise HTTPException(400, f"cursor {cursor[:40]!r}: not a cursor this API gave") from None


def parse_bbox(bbox: str | None) -> tuple[float, float, float, float] | None:
    if bbox is None:
        return None
    try:
        min_lon, min_lat, max_lon, max_lat = (float(part) for part in bbox.split(","))
    except ValueError:
        raise HTTPException(400, f"bbox {bbox[:60]!r}: expected min_lon,min_lat,max_lon,max_lat") from None
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise HTTPException(400, f"bbox {bbox[:60]!r}: not a box on the globe (min <= max, lon ±180, lat ±90)")
    return min_lon, min_lat, max_lon, max_lat


def event_filter(
    actor: Annotated[str | None, Query(max_length=200, description="actor or recipient name, text or code")] = None,
    country: Annotated[str | None, Query(max_length=3, description="ISO alpha-3 of an actor or recipient")] = None,
    category: Annotated[str | None, Query(max_length=40, description="PLOVER category, e.g. ASSAULT")] = None,
    cameo: Annotated[str | None, Query(max_length=4, pattern=r"^\d+$", description="CAMEO code or prefix")] = None,
    since: Annotated[dt.date | None, Query(description="on or after (YYYY-MM-DD)")] = None,
    until: Annotated[dt.date | None, Query(description="on or before (YYYY-MM-DD)")] = None,
    bbox: Annotated[str | None, Query(description="min_lon,min_lat,max_lon,max_lat")] = None,
    q: Annotated[str | None, Query(max_length=500, description="words all in a reporting article")] = None,
) -> EventFilter:
    return EventFilter(actor=actor, country=country, event=category, cameo=cameo, since=since, until=until,
                       bbox=parse_bbox(bbox), text=q)


@router.get("/events", response_model=EventPage, summary="Events, filtered, a page at a time")
def list_events(service: Annotated[Service, Depends(reader)], query: Annotated[EventFilter, Depends(event_filter)],
                limit: Limit = 100, cursor: str | None = None,
                sort: Literal["date", "-date"] = "date") -> EventPage:
    page = replace(query, after=decode_cursor(cursor), descending=sort == "-date", limit=limit + 1)
    found = service.read(lambda store: list(store.events(page)))
    more = len(found) > limit
    found = found[:limit]
    return EventPage(items=[EventOut.of(e) for e in found],
                     next_cursor=encode_cursor(found[-1].sort_key) if more else None)


@router.get("/events/{event_id}", response_model=EventDetailOut, summary="One event with every mention")
def get_event(service: Annotated[Service, Depends(reader)], event_id: str) -> EventDetailOut:
    event = service.read(lambda store: store.event(event_id))
    if event is None:
        raise HTTPException(404, f"event {event_id[:80]!r}: no such event")
    return EventDetailOut(**EventOut.of(event).model_dump(), mentions=[MentionOut.of(m) for m in event.mentions])


@router.get("/articles", response_model=ArticlePage, summary="Stored articles by id")
def list_articles(service: Annotated[Service, Depends(reader)], limit: Limit = 100, cursor: str | None = None,
                  q: Annotated[str | None, Query(max_length=500)] = None) -> ArticlePage:
    after = decode_cursor(cursor)
    found = service.read(lambda store: store.articles(text=q, after=after, limit=limit + 1))
    more = len(found) > limit
    found = found[:limit]
    return ArticlePage(items=[ArticleOut.of(a) for a in found],
                       next_cursor=encode_cursor(found[-1].id) if more else None)


@router.post("/articles", response_model=IngestOut, status_code=200, summary="Code and store an article")
def post_article(service: Annotated[Service, Depends(writer)], article: ArticleIn) -> IngestOut:
    if (article.text is None) == (article.html is None):
        raise HTTPException(422, f"article {article.id[:80]!r}: give exactly one of text and html")
    item = RawItem(id=article.id, source=article.url or f"<api:{article.id}>", text=article.text,
                   html=article.html, url=article.url, title=article.title, published=article.published)
    # each posted id is coded and stored (its answer says so): copies are recognised by `run`, not here
    report = service.write(lambda pipeline, store: ingest(pipeline, [item], store, dedup=False))
    if report.errors:
        raise HTTPException(422, report.errors[0])
    events = service.read(lambda store: [e.event_id for e in store.events(EventFilter(article_id=article.id))])
    return IngestOut(id=article.id, stored=report.stored == 1, events=events)


@router.get("/actors", response_model=list[ActorOut], summary="Actors by number of events")
def list_actors(service: Annotated[Service, Depends(reader)], limit: Limit = 100,
                name: Annotated[str | None, Query(max_length=200)] = None) -> list[ActorOut]:
    return [ActorOut.of(a) for a in service.read(lambda store: store.actors(name=name, limit=limit))]


@router.get("/stats", response_model=StatsOut, summary="Counts by day, category, country and QuadClass")
def get_stats(service: Annotated[Service, Depends(reader)],
              query: Annotated[EventFilter, Depends(event_filter)]) -> StatsOut:
    return StatsOut.of(service.read(lambda store: store.stats(query)))

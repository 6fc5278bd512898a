"""The routes the dashboard reads besides the core ones: an article with its text, an event with
every report's record, events per day by QuadClass, and the actor network."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query

from eventdesk.api.app import Service
from eventdesk.api.errors import ERROR_RESPONSES
from eventdesk.api.models import (
    ArticleDetailOut,
    ArticleEventOut,
    DayCountOut,
    EdgeOut,
    EventOut,
    EventReportsOut,
    MentionOut,
    NetworkOut,
    NodeOut,
    ReportOut,
)
from eventdesk.api.routes import event_filter, reader
from eventdesk.store import ActorLink, EventFilter, Store, StoredArticle

router = APIRouter(responses=ERROR_RESPONSES)


@router.get("/articles/{article_id:path}", response_model=ArticleDetailOut,
            summary="One article: its clean text and the events coded in it")
def get_article(service: Annotated[Service, Depends(reader)], article_id: str) -> ArticleDetailOut:
    def read(store: Store) -> ArticleDetailOut | None:
        article = store.article(article_id)
        if article is None:
            return None
        events = []
        for record in article.record.get("events") or []:
            stored = store.event(str(record.get("id", "")))
            events.append(ArticleEventOut(event_id=stored.event_id if stored else None, record=record))
        return ArticleDetailOut(id=article.id, source=article.source, url=article.url, title=article.title,
                                published=article.published, language=article.language, coded_at=article.coded_at,
                                text=article.text, events=events)

    found = service.read(read)
    if found is None:
        raise HTTPException(404, f"article {article_id[:80]!r}: no such article")
    return found


@router.get("/events/{event_id}/reports", response_model=EventReportsOut,
            summary="One event with every report: its article's title and URL and its own record")
def get_event_reports(service: Annotated[Service, Depends(reader)], event_id: str) -> EventReportsOut:
    def read(store: Store) -> EventReportsOut | None:
        event = store.event(event_id)
        if event is None:
            return None
        articles: dict[str, StoredArticle | None] = {}
        reports = []
        for mention in event.mentions:
            if mention.article_id not in articles:
                articles[mention.article_id] = store.article(mention.article_id)
            article = articles[mention.article_id]
            own = [r for r in (article.record.get("events") or []) if r.get("id") == mention.id] if article else []
            reports.append(ReportOut(**MentionOut.of(mention).model_dump(), url=article.url if article else None,
                                     article_title=article.title if article else None,
                                     record=own[0] if own else None))
        return EventReportsOut(**EventOut.of(event).model_dump(), mentions=reports)

    found = service.read(read)
    if found is None:
        raise HTTPException(404, f"event {event_id[:80]!r}: no such event")
    return found


@router.get("/timeline", response_model=list[DayCountOut], summary="Events per day and QuadClass")
def get_timeline(service: Annotated[Service, Depends(reader)],
                 query: Annotated[EventFilter, Depends(event_filter)]) -> list[DayCountOut]:
    counts = service.read(lambda store: store.timeline(query))
    return [DayCountOut(day=c.day, quad_class=c.quad_class, count=c.num_events) for c in counts]


@router.get("/network", response_model=NetworkOut,
            summary="Who did what to whom: actor → recipient edges weighted by number of events")
def get_network(service: Annotated[Service, Depends(reader)], query: Annotated[EventFilter, Depends(event_filter)],
                limit: Annotated[int, Query(ge=1, le=2000, description="most edges")] = 300) -> NetworkOut:
    return network_of(service.read(lambda store: store.links(query, limit=limit * 4)), limit=limit)


def network_of(links: list[ActorLink], *, limit: int) -> NetworkOut:
    """Merge the per-QuadClass links into one edge per pair; nodes count the events of their edges."""
    edges: dict[tuple[str, str], EdgeOut] = {}
    codes: dict[str, str | None] = {}
    for link in links:
        codes.setdefault(link.actor, link.actor_code)
        codes.setdefault(link.recipient, link.recipient_code)
        edge = edges.setdefault((link.actor, link.recipient), EdgeOut(actor=link.actor, recipient=link.recipient,
                                                                      num_events=0, cooperative=0, conflictual=0))
        edge.num_events += link.num_events
        if link.quad_class <= 2:
            edge.cooperative += link.num_events
        else:
            edge.conflictual += link.num_events
    kept = sorted(edges.values(), key=lambda e: (-e.num_events, e.actor, e.recipient))[:limit]
    weights: dict[str, int] = {}
    for edge in kept:
        for name in (edge.actor, edge.recipient):
            weights[name] = weights.get(name, 0) + edge.num_events
    nodes = [NodeOut(name=name, code=codes.get(name), num_events=n) for name, n in
             sorted(weights.items(), key=lambda item: (-item[1], item[0]))]
    return NetworkOut(nodes=nodes, edges=kept)

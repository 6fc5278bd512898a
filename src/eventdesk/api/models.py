"""What the API returns and accepts (the OpenAPI schemas)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field, field_validator

from eventdesk.store import ActorCount, ArticleSummary, EventStats, Mention, StoredEvent


class EventOut(BaseModel):
    id: str = Field(description="the stored event's id (its first mention's event id)")
    article_id: str = Field(description="the article of the first mention")
    article_title: str | None
    num_mentions: int
    num_sources: int
    num_articles: int
    source_urls: list[str] = Field(default_factory=list,
                                   description="every URL it was reported at, copies of its articles included")
    record: dict[str, Any] = Field(description="the PLOVER record of the first mention (docs/output-format.md)")

    @classmethod
    def of(cls, event: StoredEvent) -> EventOut:
        return cls(id=event.event_id, article_id=event.article_id, article_title=event.article_title,
                   num_mentions=event.num_mentions, num_sources=event.num_sources, num_articles=event.num_articles,
                   source_urls=list(event.source_urls), record=event.record)


class MentionOut(BaseModel):
    id: str
    article_id: str
    source: str
    date: dt.date | None
    sentence_start: int
    sentence_end: int
    trigger: str
    trigger_start: int
    trigger_end: int
    confidence: float

    @classmethod
    def of(cls, mention: Mention) -> MentionOut:
        return cls(id=mention.id, article_id=mention.article_id, source=mention.source, date=mention.date,
                   sentence_start=mention.sentence_start, sentence_end=mention.sentence_end, trigger=mention.trigger,
                   trigger_start=mention.trigger_start, trigger_end=mention.trigger_end,
                   confidence=mention.confidence)


class EventDetailOut(EventOut):
    mentions: list[MentionOut]


class EventPage(BaseModel):
    items: list[EventOut]
    next_cursor: str | None = Field(description="pass as `cursor` for the next page; null on the last")


class ArticleOut(BaseModel):
    id: str
    source: str
    url: str | None
    title: str | None
    published: str | None
    coded_at: str
    num_mentions: int

    @classmethod
    def of(cls, article: ArticleSummary) -> ArticleOut:
        return cls(id=article.id, source=article.source, url=article.url, title=article.title,
                   published=article.published, coded_at=article.coded_at, num_mentions=article.num_mentions)


class ArticlePage(BaseModel):
    items: list[ArticleOut]
    next_cursor: str | None


class ActorOut(BaseModel):
    name: str
    code: str | None
    country: str | None
    num_events: int

    @classmethod
    def of(cls, actor: ActorCount) -> ActorOut:
        return cls(name=actor.name, code=actor.code, country=actor.country, num_events=actor.num_events)


class CountOut(BaseModel):
    key: str
    count: int


class StatsOut(BaseModel):
    articles: int
    events: int
    by_day: list[CountOut]
    by_category: list[CountOut]
    by_country: list[CountOut]
    by_quad_class: list[CountOut]

    @classmethod
    def of(cls, stats: EventStats) -> StatsOut:
        def counts(pairs: tuple[tuple[Any, int], ...]) -> list[CountOut]:
            return [CountOut(key=str(key), count=n) for key, n in pairs]

        return cls(articles=stats.articles, events=stats.events, by_day=counts(stats.by_day),
                   by_category=counts(stats.by_category), by_country=counts(stats.by_country),
                   by_quad_class=counts(stats.by_quad_class))


class ArticleIn(BaseModel):
    """An article to code and store: ``text`` or ``html``."""

    id: str = Field(min_length=1, max_length=500)
    text: str | None = Field(default=None, max_length=5_000_000)
    html: str | None = Field(default=None, max_length=20_000_000)
    url: str | None = Field(default=None, max_length=2000)
    title: str | None = Field(default=None, max_length=2000)
    published: dt.date | None = None

    @field_validator("id", "text", "html", "url", "title")
    @classmethod
    def storable(cls, value: str | None) -> str | None:
        """No NUL character (PostgreSQL cannot store one) and no lone surrogate (not UTF-8)."""
        if value is None:
            return None
        if "\x00" in value:
            raise ValueError("a NUL character cannot be stored")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError("not valid unicode (a lone surrogate)") from None
        return value


class IngestOut(BaseModel):
    id: str
    stored: bool = Field(description="false when this exact input was already stored")
    events: list[str] = Field(description="ids of the stored events this article reports")


# ---------------------------------------------------------------- what the dashboard reads (docs/dashboard.md)


class ReportOut(MentionOut):
    """A mention with its article's title and URL and its own PLOVER record (offsets into that article)."""

    article_title: str | None = None
    url: str | None = None
    record: dict[str, Any] | None = Field(default=None, description="this report's PLOVER record")


class EventReportsOut(EventOut):
    mentions: list[ReportOut]


class ArticleEventOut(BaseModel):
    event_id: str | None = Field(description="the stored event this report belongs to")
    record: dict[str, Any] = Field(description="the PLOVER record as coded in this article (offsets into `text`)")


class ArticleDetailOut(BaseModel):
    id: str
    source: str
    url: str | None
    title: str | None
    published: str | None
    language: str | None
    coded_at: str
    text: str = Field(description="the clean article text every offset points into")
    events: list[ArticleEventOut]


class DayCountOut(BaseModel):
    day: str | None = Field(description="YYYY-MM-DD; null for undated events")
    quad_class: int
    count: int


class NodeOut(BaseModel):
    name: str
    code: str | None
    num_events: int


class EdgeOut(BaseModel):
    actor: str
    recipient: str
    num_events: int
    cooperative: int = Field(description="events of QuadClass 1 or 2 (verbal or material cooperation)")
    conflictual: int = Field(description="events of QuadClass 3 or 4 (verbal or material conflict)")


class NetworkOut(BaseModel):
    nodes: list[NodeOut]
    edges: list[EdgeOut]

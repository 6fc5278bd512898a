"""The ``eventdesk code`` output: one JSON object per input article, in input order."""

from __future__ import annotations

import json
from typing import Any

from eventdesk.export.plover import JsonDict, event_to_plover
from eventdesk.records import Article, CodedArticle, DateMention, PlaceMention, Quote


def coded_article_to_dict(coded: CodedArticle) -> JsonDict:
    """The documented output record (docs/output-format.md); every offset points into ``text``."""
    article = coded.article
    return {
        "id": coded.id,
        "source": coded.source,
        "url": article.url if article else None,
        "title": article.title if article else None,
        "published": article.published.isoformat() if article and article.published else None,
        "language": article.language if article else None,
        "text": article.text if article else None,
        "sections": _sections(article),
        "credits": list(article.credits) if article else [],
        "dateline": article.dateline if article else None,
        "entities": [{"text": e.text, "start": e.start, "end": e.end, "label": e.label} for e in coded.entities],
        "places": [_place(p) for p in coded.places],
        "dates": [_date(d) for d in coded.dates],
        "quotes": [_quote(q) for q in coded.quotes],
        "events": [event_to_plover(e) for e in coded.events],
        "error": coded.error,
    }


def dumps_line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def _sections(article: Article | None) -> list[JsonDict]:
    if article is None:
        return []
    return [{"kind": s.kind, "start": s.start, "end": s.end} for s in article.sections]


def _place(mention: PlaceMention) -> JsonDict:
    place = mention.place
    return {
        "text": mention.text,
        "start": mention.start,
        "end": mention.end,
        "name": place.name if place else None,
        "geonameid": place.geonameid if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "country_code": place.country_code if place else None,
        "admin1": place.admin1 if place else None,
        "confidence": round(mention.confidence, 4),
    }


def _date(mention: DateMention) -> JsonDict:
    return {
        "text": mention.text,
        "start": mention.start,
        "end": mention.end,
        "value": mention.value.isoformat() if mention.value else None,
        "precision": mention.precision,
        "end_value": mention.end_value.isoformat() if mention.end_value else None,
    }


def _quote(quote: Quote) -> JsonDict:
    speaker = quote.speaker
    return {
        "text": quote.text,
        "start": quote.start,
        "end": quote.end,
        "speaker": None if speaker is None else {"text": speaker.text, "start": speaker.start, "end": speaker.end},
        "speaker_actors": [a.name for a in quote.speaker_actors],
    }

"""Events as PLOVER JSON records (field names from the PLOVER manual) plus eventdesk's
extensions (``cameo``, ``quad_code``, ``goldstein``, ``acled``, modality flags,
``confidence``). The JSON Schema is ``eventdesk/schema/coded-article.schema.json``."""

from __future__ import annotations

from typing import Any

from eventdesk.records import AcledType, Event, EventLocation, Participant

JsonDict = dict[str, Any]


def event_to_plover(event: Event) -> JsonDict:
    """One event as a PLOVER record."""
    kind = event.type
    return {
        "id": event.id,
        "date": event.date.isoformat() if event.date else None,
        "date_precision": event.date_precision,
        "event": kind.event,
        "mode": kind.mode,
        "context": list(kind.context),
        "actor": participants_to_json(event.actor),
        "recipient": participants_to_json(event.recipient),
        "event_loc": location_to_json(event.event_loc),
        "text_info": {
            "sentence": event.sentence.text,
            "start": event.sentence.start,
            "end": event.sentence.end,
            "trigger": {"text": event.trigger.text, "start": event.trigger.start, "end": event.trigger.end},
        },
        "cameo": kind.cameo,
        "quad_code": kind.quad_code,
        "goldstein": kind.goldstein,
        "acled": _acled(kind.acled),
        "negated": event.negated,
        "hypothetical": event.hypothetical,
        "future": event.future,
        "historical": event.historical,
        "confidence": round(event.confidence, 4),
        "source": _span(event.source),
        "date_text": _span(event.date_text),
    }


def participants_to_json(participants: tuple[Participant, ...]) -> JsonDict | list[JsonDict] | None:
    """PLOVER's entity object; a compound actor stays one record, as a list of objects."""
    objects = [participant_to_json(p) for p in participants]
    if not objects:
        return None
    return objects[0] if len(objects) == 1 else objects


def participant_to_json(participant: Participant) -> JsonDict:
    actor = participant.actor
    return {
        "entity_text": participant.entity_text,
        "name": actor.name,
        "code": actor.code,
        "country": actor.country,
        "sector": actor.sector,
        "identifier_id": actor.identifier_id,
        "start": participant.start,
        "end": participant.end,
    }


def location_to_json(location: EventLocation | None) -> JsonDict | None:
    if location is None:
        return None
    return {
        "extracted_place": location.extracted_place,
        "resolved_place": location.resolved_place,
        "geonameid": location.geonameid,
        "lat": location.lat,
        "lon": location.lon,
        "country_code": location.country_code,
        "precision": location.precision,
        "fallback": location.fallback,
        "start": location.start,
        "end": location.end,
    }


def _acled(acled: AcledType | None) -> JsonDict | None:
    return None if acled is None else {"event_type": acled.event_type, "sub_event_type": acled.sub_event_type}


def _span(span: Any) -> JsonDict | None:
    return None if span is None else {"text": span.text, "start": span.start, "end": span.end}

"""Every record that crosses a stage boundary, in one place.

Records are frozen, slotted, keyword-only dataclasses. Sequences are tuples, dates are
``datetime.date``, every piece of evidence is a pair of character offsets (``start``, ``end``)
into ``Article.text`` (the clean article text), and confidences are floats in [0, 1].

The flow, one article at a time::

    RawItem --extract--> Article --nlp--> ParsedArticle
    ParsedArticle --dates--> DateMention*      --places--> PlaceMention*
    ParsedArticle --actors--> ActorMention*    --quotes--> Quote*
    all of the above --events--> Event*  --dedup--> Event*  ==> CodedArticle

No record holds a spaCy object: the ``nlp`` stage turns a ``Doc`` into ``Token`` and
``Sentence`` records, so later stages work from plain offsets and dependency indices.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

SectionKind = Literal["body", "caption"]
DatePrecision = Literal["day", "week", "month", "year"]


# --------------------------------------------------------------------------- input


@dataclass(frozen=True, slots=True, kw_only=True)
class RawItem:
    """One article as it arrived, before extraction.

    Exactly one of ``text`` (already-extracted or scraped text) and ``html`` is set.
    ``source`` names where it came from (a path, ``path:line`` or URL) for error messages.
    """

    id: str
    source: str
    text: str | None = None
    html: str | None = None
    url: str | None = None
    title: str | None = None
    published: dt.date | None = None
    fetched: dt.date | None = None  # when it was crawled (WARC-Date): the date of last resort


# --------------------------------------------------------------------------- extract


@dataclass(frozen=True, slots=True, kw_only=True)
class Section:
    """A stretch of ``Article.text``: body text, or a photo caption kept apart."""

    kind: SectionKind
    start: int
    end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """The clean article: body paragraphs, then captions as paragraphs of their own.

    ``removed`` lists the lines the cleaner dropped (taglines, "READ:" inserts, share
    lines), kept so a user can see what was not treated as article text.
    """

    id: str
    source: str
    text: str
    sections: tuple[Section, ...]
    url: str | None = None
    title: str | None = None
    published: dt.date | None = None
    language: str | None = None
    dateline: str | None = None
    credits: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


# --------------------------------------------------------------------------- nlp


@dataclass(frozen=True, slots=True, kw_only=True)
class Token:
    """One token of the parse. ``i`` is its index in the article, ``head`` its head's index
    (a root points to itself). ``morph`` is spaCy's morphology string, e.g.
    ``"Tense=Past|VerbForm=Fin"``. ``ent_iob``/``ent_type`` give the NER tag."""

    i: int
    start: int
    end: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    morph: str = ""
    ent_iob: str = "O"
    ent_type: str = ""
    sentence: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class Sentence:
    """A sentence: character span and the half-open range of its token indices."""

    index: int
    start: int
    end: int
    token_start: int
    token_end: int
    section: SectionKind = "body"


@dataclass(frozen=True, slots=True, kw_only=True)
class Entity:
    """A named-entity span found by the NER model."""

    text: str
    start: int
    end: int
    label: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ParsedArticle:
    """The article with its parse, free of spaCy objects."""

    article: Article
    tokens: tuple[Token, ...]
    sentences: tuple[Sentence, ...]
    entities: tuple[Entity, ...]
    noun_chunks: tuple[tuple[int, int], ...] = ()  # half-open token ranges


# --------------------------------------------------------------------------- dates


@dataclass(frozen=True, slots=True, kw_only=True)
class DateMention:
    """A time expression and the calendar date it resolves to (``value`` is None when
    it cannot be resolved to a day, week, month or year)."""

    text: str
    start: int
    end: int
    value: dt.date | None
    precision: DatePrecision = "day"
    end_value: dt.date | None = None  # last day of a range, when the text gives one


# --------------------------------------------------------------------------- places


@dataclass(frozen=True, slots=True, kw_only=True)
class Place:
    """A gazetteer entry."""

    name: str
    geonameid: int | None
    lat: float
    lon: float
    country_code: str | None  # ISO 3166 alpha-2
    admin1: str | None = None
    feature_class: str = "P"  # GeoNames class: A country/division, P populated place, L region
    population: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaceMention:
    """A toponym in the text and the place it was resolved to; ``place`` is None for a name the gazetteer lacks
    in an article that names no known place to put it in (its extracted text, no point)."""

    text: str
    start: int
    end: int
    place: Place | None
    confidence: float = 1.0
    demonym: bool = False  # resolved as a nationality word ("Syrian" for Syria), not as the place's name


# --------------------------------------------------------------------------- actors


@dataclass(frozen=True, slots=True, kw_only=True)
class Actor:
    """A canonical actor: ``code`` is the CAMEO-style composite (country + sector, e.g.
    ``ISRMIL``), ``country`` ISO alpha-3, ``sector`` a PLOVER/CAMEO sector code."""

    name: str
    code: str | None = None
    country: str | None = None
    sector: str | None = None
    identifier_id: str | None = None  # Wikidata id, when known
    kind: str = "group"  # country, igo, party, armed_group, sector, person, group, demonstrators, mob


@dataclass(frozen=True, slots=True, kw_only=True)
class ActorMention:
    """An actor named (or referred to) in the text.

    ``actors`` holds one actor, or several for compound mentions ("Hamas and Islamic
    Jihad", or "both movements" resolved by coreference). ``head`` is the token index of the
    mention's syntactic head, so event coding can match it to a verb's argument.
    ``antecedent`` is set when the mention was resolved by coreference.
    """

    text: str
    start: int
    end: int
    head: int
    actors: tuple[Actor, ...]
    antecedent: tuple[int, int] | None = None
    confidence: float = 1.0


# --------------------------------------------------------------------------- quotes


@dataclass(frozen=True, slots=True, kw_only=True)
class Span:
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Quote:
    """A direct quotation (``start``/``end`` cover the quoted words without the marks)
    and who said it, when the text says."""

    text: str
    start: int
    end: int
    speaker: Span | None = None
    speaker_actors: tuple[Actor, ...] = ()


# --------------------------------------------------------------------------- events


@dataclass(frozen=True, slots=True, kw_only=True)
class Participant:
    """An actor as it takes part in one event: the canonical actor plus its evidence span."""

    actor: Actor
    entity_text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class EventLocation:
    extracted_place: str
    resolved_place: str | None
    geonameid: int | None
    lat: float | None
    lon: float | None
    country_code: str | None
    start: int
    end: int
    precision: int = 1  # ACLED-style: 1 town, 2 district, 3 province, 4 country
    fallback: bool = False  # the article's main place, taken because the event's sentence placed it nowhere


@dataclass(frozen=True, slots=True, kw_only=True)
class AcledType:
    event_type: str
    sub_event_type: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class EventType:
    """One cell of the code tables: a CAMEO code and what it means in every ontology."""

    cameo: str
    event: str  # PLOVER category
    mode: str | None
    context: tuple[str, ...]
    quad_code: int
    goldstein: float
    acled: AcledType | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """One coded event, in PLOVER's record shape plus eventdesk's extensions."""

    id: str
    date: dt.date | None
    date_precision: DatePrecision | None
    type: EventType
    actor: tuple[Participant, ...]
    recipient: tuple[Participant, ...]
    event_loc: EventLocation | None
    sentence: Span
    trigger: Span
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    historical: bool = False
    confidence: float = 0.5
    source: Span | None = None  # the speaker, when the event is reported speech
    date_text: Span | None = None


# --------------------------------------------------------------------------- output


@dataclass(frozen=True, slots=True, kw_only=True)
class CodedArticle:
    """What the pipeline returns for one input item: the article and everything coded in
    it, or the one-line reason it was skipped (``error``)."""

    id: str
    source: str
    article: Article | None
    entities: tuple[Entity, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    dates: tuple[DateMention, ...] = ()
    actors: tuple[ActorMention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    error: str | None = None
    warnings: tuple[str, ...] = field(default=())

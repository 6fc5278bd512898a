"""THE entry point: ``Pipeline.from_settings(settings).process(item)`` or ``.run(items)``.

The CLI, the Python API, the tests and the Spark runner all call this module; the stages are
called explicitly, in order, in ``code_parsed`` below.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice

from eventdesk.actors import ActorResolver
from eventdesk.dates import DateResolver
from eventdesk.dedup import merge_events
from eventdesk.errors import InputError
from eventdesk.events import EventCoder
from eventdesk.events.attach import with_dateline_fallback
from eventdesk.extract import Extractor
from eventdesk.extract.datelines import dateline_place_name
from eventdesk.nlp import Parser
from eventdesk.places import Geocoder
from eventdesk.quotes import QuoteFinder
from eventdesk.records import Article, CodedArticle, ParsedArticle, RawItem
from eventdesk.settings import Settings


@dataclass(frozen=True, slots=True, kw_only=True)
class Pipeline:
    """Every stage, built once with its resources; call ``process`` or ``run`` per item."""

    settings: Settings
    extractor: Extractor
    parser: Parser
    dates: DateResolver
    places: Geocoder
    actors: ActorResolver
    quotes: QuoteFinder
    events: EventCoder

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> Pipeline:
        """Load every resource (spaCy model, dictionaries, gazetteer, code tables) once."""
        settings = settings or Settings.load()
        return cls(
            settings=settings,
            extractor=Extractor.from_settings(settings.extract),
            parser=Parser.from_settings(settings.nlp),
            dates=DateResolver.from_settings(settings.dates),
            places=Geocoder.from_settings(settings.places),
            actors=ActorResolver.from_settings(settings.actors),
            quotes=QuoteFinder.from_settings(settings.quotes),
            events=EventCoder.from_settings(settings.events),
        )

    def process(self, item: RawItem) -> CodedArticle:
        """Code one item. Raises ``InputError`` when the item cannot be coded."""
        article = self.extractor.extract(item)
        return self.code_parsed(self.parser.parse(article))

    def process_text(
        self,
        text: str,
        *,
        id: str = "text",
        published: dt.date | str | None = None,
        title: str | None = None,
        url: str | None = None,
    ) -> CodedArticle:
        """Code a piece of text, e.g. ``process_text(body, published="2022-08-23")``."""
        if isinstance(published, str):
            published = dt.date.fromisoformat(published)
        item = RawItem(id=id, source=f"<{id}>", text=text, published=published, title=title, url=url)
        return self.process(item)

    def run(self, items: Iterable[RawItem | InputError]) -> Iterator[CodedArticle]:
        """Code a stream in input order. A bad item becomes a ``CodedArticle`` whose
        ``error`` is the one-line reason, and the run goes on with the next item."""
        stream = iter(items)
        while chunk := list(islice(stream, self.settings.nlp.batch_size)):
            yield from self._run_chunk(chunk)

    def _run_chunk(self, chunk: Sequence[RawItem | InputError]) -> Iterator[CodedArticle]:
        extracted = [self._extract_or_error(item) for item in chunk]
        articles = [a for a in extracted if isinstance(a, Article)]
        parsed = iter(self.parser.parse_many(articles))
        for outcome in extracted:
            if isinstance(outcome, Article):
                yield self.code_parsed(next(parsed))
            else:
                yield skipped(outcome)

    def _extract_or_error(self, item: RawItem | InputError) -> Article | InputError:
        if isinstance(item, InputError):
            return item
        try:
            return self.extractor.extract(item)
        except InputError as err:
            err.item_id = err.item_id or item.id
            return err

    def code_parsed(self, parsed: ParsedArticle) -> CodedArticle:
        """The stages after parsing, in order, on one screen."""
        dates = self.dates.resolve(parsed)
        places = self.places.geocode(parsed)
        actors = self.actors.resolve(parsed)
        quotes = self.quotes.find(parsed, actors=actors)
        events = self.events.code(parsed, actors=actors, places=places, dates=dates, quotes=quotes)
        dateline = self.places.locate_name(parsed, dateline_place_name(parsed.article.dateline), places)
        events = with_dateline_fallback(events, dateline)  # before the article's main place
        events = merge_events(events)
        floor = self.settings.events.min_confidence
        article = parsed.article
        return CodedArticle(
            id=article.id,
            source=article.source,
            article=article,
            entities=parsed.entities,
            places=places,
            dates=dates,
            actors=actors,
            quotes=quotes,
            events=tuple(e for e in events if e.confidence >= floor),
        )


def skipped(error: InputError) -> CodedArticle:
    """The record of an item that could not be coded; its id is the item's when known,
    else the input's name (``path:line``), so every output line can be matched to its input."""
    return CodedArticle(id=error.item_id or error.source, source=error.source, article=None, error=str(error))

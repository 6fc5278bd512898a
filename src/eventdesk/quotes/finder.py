"""The quotes stage: direct quotations and who said them.

For each stretch between quotation marks (``marks``): a quoted term of one to three words is a
scare quote, not a quotation, unless a speech verb introduces it as the whole of what it says
("“No,” he said"; not "agreed to “continue to coordinate”"). The speaker is the noun phrase of
the subject of the attributing verb (``attribution``, ``speakers``). A quotation that no verb
attributes *continues* the quotation before it (news convention) when it stands alone in its
sentences in the same or the next paragraph ("“…,” said X. “The Joint Operations Room is …”"),
or hangs from a subjectless "…, adding “…”" in the same paragraph.

``Quote.text`` is exactly ``article.text[start:end]``: the words inside the marks, without the
comma that ends a quotation before its attribution; a quotation continued across paragraphs
keeps the paragraph break and the mark that reopens it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from eventdesk.quotes.attribution import Attribution, attribute
from eventdesk.quotes.marks import QuoteRegion, count_words, find_quote_regions
from eventdesk.quotes.speakers import speaker_extent, speaker_head
from eventdesk.quotes.verbs import SpeechVerbs, load_speech_verbs
from eventdesk.quotes.view import ParseView
from eventdesk.records import Actor, ActorMention, ParsedArticle, Quote, Span
from eventdesk.settings import QuoteSettings

MAX_TERM_WORDS = 3  # a quoted term this short is a scare quote unless a speech verb introduces it
SUBJECTLESS = frozenset({"conj", "advcl", "xcomp", "pcomp"})  # "…, adding “…”", "… and added “…”"


class QuoteFinder:
    """Finds the direct quotations of an article and attributes them. Build once, call per article."""

    def __init__(self, verbs: SpeechVerbs) -> None:
        self._verbs = verbs

    @classmethod
    def from_settings(cls, settings: QuoteSettings) -> QuoteFinder:
        """Load data/quotes/speech_verbs.tsv, then the user's lists (later rows override)."""
        return cls(load_speech_verbs(settings.speech_verbs))

    @property
    def speech_verbs(self) -> SpeechVerbs:
        return self._verbs

    def find(self, parsed: ParsedArticle, *, actors: Sequence[ActorMention] = ()) -> tuple[Quote, ...]:
        """Every quotation of the article, in text order. ``actors`` (the actors stage's
        mentions) give the speaker's canonical actors where a mention overlaps the speaker."""
        regions = find_quote_regions(parsed.article.text)
        view = ParseView(parsed, regions)
        quotes: list[Quote] = []
        previous: tuple[QuoteRegion, Quote] | None = None
        for region in regions:
            text = view.text[region.start : region.end]
            attribution = attribute(view, region, self._verbs)
            if count_words(text) <= MAX_TERM_WORDS and (attribution is None or not attribution.direct):
                continue  # a scare quote: agreed to “continue to coordinate”
            quote = Quote(text=text, start=region.start, end=region.end)
            head = speaker_head(view, attribution) if attribution is not None else None
            if attribution is not None and head is not None:
                start, end = speaker_extent(view, head, attribution.verb)
                quote = replace(quote, speaker=Span(text=view.text[start:end], start=start, end=end),
                                speaker_actors=actors_over(actors, start, end))
            elif previous is not None and previous[1].speaker is not None \
                    and _continues(view, previous[0], region, attribution):
                quote = replace(quote, speaker=previous[1].speaker, speaker_actors=previous[1].speaker_actors)
            quotes.append(quote)
            previous = (region, quote)
        return tuple(quotes)


def _continues(view: ParseView, previous: QuoteRegion, region: QuoteRegion, attribution: Attribution | None) -> bool:
    """Whether an unattributed quotation goes on with the previous quotation's speaker (see
    the module docstring)."""
    if region.first_paragraph - previous.last_paragraph > 1:
        return False
    if attribution is not None:  # "…,” he said, adding “…”": the subject sits in the quotation before
        return region.first_paragraph == previous.last_paragraph and view.tokens[attribution.verb].dep in SUBJECTLESS
    inside = view.token_range(region.start, region.end)
    return all(t.i in inside or t.pos in ("PUNCT", "SPACE") for t in view.sentence_tokens(region.start, region.end))


def actors_over(mentions: Sequence[ActorMention], start: int, end: int) -> tuple[Actor, ...]:
    """The actors of the mentions overlapping [start, end); a mention nested in another one
    that also overlaps is left out ("both movements" inside "the leaders of both movements")."""
    overlapping = [m for m in mentions if m.start < end and m.end > start]
    outer = [m for m in overlapping
             if not any(o is not m and o.start <= m.start and m.end <= o.end and (o.start, o.end) != (m.start, m.end)
                        for o in overlapping)]
    found: list[Actor] = []
    for mention in sorted(outer, key=lambda m: m.start):
        found.extend(a for a in mention.actors if a not in found)
    return tuple(found)

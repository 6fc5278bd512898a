"""The actors stage entry point: ``ActorResolver.from_settings(settings).resolve(parsed)``."""

from __future__ import annotations

from collections.abc import Sequence

from eventdesk.actors.coreference import resolve_pronouns, resolve_reference_nouns
from eventdesk.actors.dictionary import ActorDictionary
from eventdesk.actors.mentions import (
    adopt_appositive_roles,
    build_sector_phrases,
    build_titled_persons,
    is_actor_use,
    merge_links,
)
from eventdesk.actors.names import Candidate, CandidateSource, find_named
from eventdesk.actors.syntax import ParseView
from eventdesk.records import ActorMention, ParsedArticle, Sentence
from eventdesk.settings import ActorSettings

# How sure each way of finding a mention is; dictionary names are the surest.
CONFIDENCE: dict[CandidateSource, float] = {
    "name": 0.95, "demonym": 0.85, "metonym": 0.8, "sector": 0.8, "person": 0.8, "ner": 0.6, "coref": 0.6,
}


class ActorResolver:
    """Finds, codes and links the actors of one article at a time. Build once, call per article."""

    def __init__(self, dictionary: ActorDictionary) -> None:
        self._dictionary = dictionary

    @classmethod
    def from_settings(cls, settings: ActorSettings) -> ActorResolver:
        """Loads data/actors/* and then the user's ``settings.dictionaries`` (later entries win)."""
        return cls(ActorDictionary.load(settings.dictionaries))

    @property
    def dictionary(self) -> ActorDictionary:
        return self._dictionary

    def resolve(self, parsed: ParsedArticle) -> tuple[ActorMention, ...]:
        """Every actor mention of the article, sorted by start offset."""
        view = ParseView.of(parsed)
        named = find_named(view, self._dictionary)
        mentions: list[Candidate] = []
        for sentence in parsed.sentences:
            in_sentence = [c for c in named if sentence.token_start <= c.start < sentence.token_end]
            mentions.extend(self._resolve_sentence(view, sentence, in_sentence, mentions))
        return tuple(_to_mention(view, c) for c in sorted(mentions, key=lambda c: (c.start, c.end)))

    def _resolve_sentence(self, view: ParseView, sentence: Sentence, named: list[Candidate],
                          history: Sequence[Candidate]) -> list[Candidate]:
        candidates = build_titled_persons(view, self._dictionary, named)
        candidates += resolve_reference_nouns(view, self._dictionary, sentence, candidates, history)
        candidates = merge_links(view, sorted(candidates, key=lambda c: c.start))
        candidates = build_sector_phrases(view, self._dictionary, sentence, candidates)
        candidates = adopt_appositive_roles(view, merge_links(view, candidates))
        candidates = [c for c in candidates if is_actor_use(view, c)]
        candidates += resolve_pronouns(view, sentence, candidates, history)
        return sorted(candidates, key=lambda c: c.start)


def _to_mention(view: ParseView, candidate: Candidate) -> ActorMention:
    start, end = view.token(candidate.start).start, view.token(candidate.end - 1).end
    return ActorMention(
        text=view.parsed.article.text[start:end],
        start=start,
        end=end,
        head=candidate.head,
        actors=candidate.actors,
        antecedent=candidate.antecedent,
        confidence=CONFIDENCE[candidate.source],
    )

"""Coreference within one article: "both movements", "the group", "they", "it", "he".

Conservative by design: a reference that finds no compatible antecedent yields no mention.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from eventdesk.actors.dictionary import ANY_KIND, ActorDictionary
from eventdesk.actors.names import Candidate
from eventdesk.actors.syntax import SUBJECT_DEPS, ParseView, is_plural
from eventdesk.records import Actor, Sentence, Token

PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
ORGANISATION_PRONOUNS = frozenset({"it", "its", "itself"})
PERSON_PRONOUNS = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
COLLECTIVE_DETERMINERS = frozenset({"both", "two"})
DEFINITE_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})
GROUP_KINDS = frozenset({"armed_group", "party", "group", "igo"})
PRONOUN_LOOKBACK = 2  # sentences
SINGULAR_LOOKBACK = 4
COLLECTIVE_LOOKBACK = 8


@dataclass(frozen=True, slots=True)
class Antecedents:
    """The mentions a reference may point back to, most recent last."""

    mentions: Sequence[Candidate]
    view: ParseView

    def before(self, token: int, *, sentences: int) -> list[Candidate]:
        """Mentions that end before ``token``, within the last ``sentences`` sentences."""
        here = self.view.token(token).sentence
        return [
            m for m in self.mentions
            if m.end <= token and here - self.view.token(m.head).sentence <= sentences
        ]


def resolve_reference_nouns(
    view: ParseView, dictionary: ActorDictionary, sentence: Sentence, taken: Sequence[Candidate],
    history: Sequence[Candidate],
) -> list[Candidate]:
    """"both movements" -> the last two distinct group actors; "the group" -> the last one."""
    covered = {i for c in taken for i in range(c.start, c.end)}
    found: list[Candidate] = []
    for i in view.sentence_tokens(sentence):
        token = view.token(i)
        if token.pos != "NOUN":  # tested first: it spares most tokens the lemma's lookup
            continue
        kinds = dictionary.coreference_nouns.get(view.fold(token.lemma))
        if kinds is None or i in covered or _has_actor_modifier(view, i, covered):
            continue
        determiners = {kid.text.lower() for kid in view.kids(i, "det", "nummod", "predet")}
        antecedents = Antecedents([m for m in (*history, *taken, *found) if _names_actors(view, m)], view)
        if determiners & COLLECTIVE_DETERMINERS and is_plural(token):
            resolved = _recent_distinct(antecedents.before(i, sentences=COLLECTIVE_LOOKBACK), kinds, count=2)
        elif determiners & DEFINITE_DETERMINERS and len(determiners) == 1:
            resolved = _recent_distinct(antecedents.before(i, sentences=SINGULAR_LOOKBACK), kinds, count=1)
        else:
            continue
        if resolved is not None:
            actors, source = resolved
            start = view.left_edge(i)
            found.append(Candidate(start=start, end=i + 1, head=i, actors=actors, source="coref",
                                   antecedent=_char_span(view, source)))
    return found


def resolve_pronouns(
    view: ParseView, sentence: Sentence, taken: Sequence[Candidate], history: Sequence[Candidate]
) -> list[Candidate]:
    """They/them/their, it/its, he/she/his/her -> the most recent compatible mention."""
    covered = {i for c in taken for i in range(c.start, c.end)}
    found: list[Candidate] = []
    for i in view.sentence_tokens(sentence):
        token = view.token(i)
        if token.pos != "PRON" or i in covered:
            continue
        earlier = Antecedents([*history, *taken, *found], view).before(i, sentences=PRONOUN_LOOKBACK)
        antecedent = _pronoun_antecedent(view, token, earlier)
        if antecedent is not None:
            found.append(Candidate(start=i, end=i + 1, head=i, actors=antecedent.actors, source="coref",
                                   antecedent=_char_span(view, antecedent)))
    return found


def _pronoun_antecedent(view: ParseView, token: Token, earlier: list[Candidate]) -> Candidate | None:
    word = token.text.lower()
    if word in PERSON_PRONOUNS:
        return _last(m for m in reversed(earlier) if m.kinds == {"person"} and len(m.actors) == 1)
    if word in PLURAL_PRONOUNS:
        compatible = [m for m in earlier if _plural_or_group(view, m)]
    elif word in ORGANISATION_PRONOUNS:
        compatible = [m for m in earlier if len(m.actors) == 1 and "person" not in m.kinds
                      and not is_plural(view.token(m.head))]
    else:
        return None
    # "Hamas said its fighters...", "the Room is ... as it includes": an earlier subject of the
    # pronoun's own sentence comes first, then the subjects of the sentences before
    same_sentence = [m for m in compatible if view.token(m.head).sentence == token.sentence]
    subject = _last(m for m in reversed(same_sentence) if view.anchor(m.head).dep in SUBJECT_DEPS)
    if subject is not None:
        return subject
    subjects = [m for m in compatible
                if view.token(m.head).sentence < token.sentence and view.anchor(m.head).dep in SUBJECT_DEPS]
    if not subjects:
        return None
    # within the latest sentence that has one, the main clause's subject is the topic
    latest = [m for m in subjects if view.token(m.head).sentence == view.token(subjects[-1].head).sentence]
    return next((m for m in latest if _is_main_subject(view, m)), latest[-1])


def _is_main_subject(view: ParseView, mention: Candidate) -> bool:
    verb = view.token(view.anchor(mention.head).head)
    return verb.dep == "ROOT"


def _names_actors(view: ParseView, mention: Candidate) -> bool:
    """Nouns refer back only to coded actors named by a noun phrase, not to pronouns or to
    unknown NER spans (an ORG-tagged mosque is no "movement")."""
    return view.token(mention.head).pos != "PRON" and all(a.code is not None for a in mention.actors)


def _plural_or_group(view: ParseView, mention: Candidate) -> bool:
    if "person" in mention.kinds and len(mention.actors) == 1:
        return False
    return len(mention.actors) > 1 or is_plural(view.token(mention.head)) or bool(mention.kinds & GROUP_KINDS)


def _recent_distinct(
    mentions: Sequence[Candidate], kinds: frozenset[str], *, count: int
) -> tuple[tuple[Actor, ...], Candidate] | None:
    """The last ``count`` distinct actors of ``kinds``, most recent mention's order kept."""
    chosen: list[Actor] = []
    source: Candidate | None = None
    for mention in reversed(mentions):
        seen = {_identity(a) for a in chosen}
        fitting = [a for a in mention.actors if _kind_fits(a, kinds) and _identity(a) not in seen]
        if not fitting:
            continue
        source = source or mention
        chosen[:0] = fitting[-(count - len(chosen)):]
        if len(chosen) >= count:
            break
    if len(chosen) < count or source is None:
        return None
    return tuple(chosen), source


def _kind_fits(actor: Actor, kinds: frozenset[str]) -> bool:
    if actor.kind == "person":
        return False
    return ANY_KIND in kinds or actor.kind in kinds


def _identity(actor: Actor) -> tuple[str, str | None]:
    return actor.name, actor.code


def _has_actor_modifier(view: ParseView, i: int, covered: set[int]) -> bool:
    return any(kid.i in covered for kid in view.kids(i, "amod", "compound", "poss", "nmod"))


def _char_span(view: ParseView, mention: Candidate) -> tuple[int, int]:
    return view.token(mention.start).start, view.token(mention.end - 1).end


def _last(mentions: Iterable[Candidate]) -> Candidate | None:
    return next(iter(mentions), None)

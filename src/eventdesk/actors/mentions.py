"""Mentions built around heads: sector noun phrases ("the Iraqi army", "leaders of both
movements"), titled persons ("Russian Foreign Minister Sergei Lavrov"), coordinated and
appositive names merged into one mention, and place-only uses dropped ("in Tehran")."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from eventdesk.actors.dictionary import ActorDictionary, SectorWord
from eventdesk.actors.names import Candidate
from eventdesk.actors.syntax import ParseView
from eventdesk.records import Actor, Sentence

MODIFIER_DEPS = ("amod", "compound", "poss", "nmod", "npadvmod")
TITLE_DEPS = frozenset({"compound", "amod", "nmod", "poss", "punct", "det"})
ROLE_PREPOSITIONS = frozenset({"of", "from"})
TARGET_PREPOSITIONS = frozenset({"at"})  # a country named after it is aimed at, not a place
MAX_PHRASE_WORDS = 4
COUNTRY_ROLE_SECTOR = "GOV"  # a role word on a country ("Iranian leaders") speaks for its government


def build_titled_persons(
    view: ParseView, dictionary: ActorDictionary, candidates: Sequence[Candidate]
) -> list[Candidate]:
    """Extend each person over its title: sector from the title, country from an adjective."""
    extended: dict[int, Candidate] = {}
    absorbed: set[int] = set()
    for person in candidates:
        if person.kinds != {"person"} or len(person.actors) != 1:
            continue
        start = _title_start(view, person)
        if start == person.start:
            continue
        inside = [c for c in candidates if c is not person and start <= c.start and c.end <= person.start]
        sector = _sector_in(view, dictionary, start, person.start)
        actor = _compose(person.actors[0], [a for c in inside for a in c.actors], sector)
        extended[person.head] = replace(person, start=start, actors=(actor,))
        absorbed.update(c.head for c in inside)
    return [extended.get(c.head, c) for c in candidates if c.head not in absorbed]


def build_sector_phrases(view: ParseView, dictionary: ActorDictionary, sentence: Sentence,
                         candidates: Sequence[Candidate]) -> list[Candidate]:
    """A sector noun becomes a mention; the actors that modify it give it its identity."""
    result = list(candidates)
    covered = {t for c in result for t in range(c.start, c.end)}  # rebuilt only when result changes
    nouns = [i for i in view.sentence_tokens(sentence) if view.token(i).pos in ("NOUN", "PROPN")]
    for i in sorted(nouns, key=lambda i: (not _role_object(view, i), i)):
        if i in covered:
            continue
        found = _sector_phrase(view, dictionary, i, covered)
        if found is None:
            continue
        phrase_start, word = found
        owners = _phrase_owners(view, phrase_start, i, result)
        if not owners and word.sector is None:
            continue
        actors = _sector_actors(view, dictionary, phrase_start, i, word, owners)
        start = min([view.left_edge(i), phrase_start, *(o.start for o in owners)])
        start = max([start, *(c.end for c in result if c not in owners and c.start < i and c.end > start)])
        end = max([i + 1, *(o.end for o in owners)])
        antecedent = next((o.antecedent for o in owners if o.antecedent is not None), None)
        result = [c for c in result if not start <= c.start < end]
        result.append(Candidate(start=start, end=end, head=i, actors=actors, source="sector", antecedent=antecedent))
        covered = {t for c in result for t in range(c.start, c.end)}
    return sorted(result, key=lambda c: c.start)


def adopt_appositive_roles(view: ParseView, candidates: Sequence[Candidate]) -> list[Candidate]:
    """"Ziyad an-Nehhale, Secretary General of the Islamic Jihad Movement": the person takes
    the code, country and sector of the role it is in apposition with."""
    by_head = {c.head: c for c in candidates}
    result = []
    for candidate in candidates:
        role = _appositive_role(view, candidate, by_head)
        if role is not None:
            person = candidate.actors[0]
            source = role.actors[0]
            candidate = replace(candidate, actors=(replace(person, code=source.code, country=source.country,
                                                           sector=source.sector),))
        result.append(candidate)
    return result


def merge_links(view: ParseView, candidates: Sequence[Candidate]) -> list[Candidate]:
    """Conjoined mentions become one compound mention; an appositive naming the same actor
    merges ("The Palestinian Islamic Resistance Movement, Hamas, ..." is Hamas once)."""
    by_head = {c.head: c for c in candidates}
    merged_into: dict[int, int] = {}
    for candidate in candidates:
        if candidate.head in merged_into:  # its links were followed from its root
            continue
        for linked in _linked(view, candidate, by_head):
            merged_into.setdefault(linked.head, merged_into.get(candidate.head, candidate.head))
    groups: dict[int, list[Candidate]] = {}
    for candidate in candidates:
        groups.setdefault(merged_into.get(candidate.head, candidate.head), []).append(candidate)
    result = [_merge(by_head[root], members) for root, members in groups.items()]
    return sorted(result, key=lambda c: c.start)


def is_actor_use(view: ParseView, candidate: Candidate) -> bool:
    """Place-only uses are no actors: "in Tehran", "in Iran"; a capital is an actor only as a
    verb's subject or object ("Moscow rejected the plan"); a country after "at" is a target."""
    if candidate.source == "metonym":
        return view.is_argument(candidate.head) and not view.is_locative(candidate.head)
    if candidate.source == "name" and candidate.kinds == {"country"}:  # "fired at Russia": a target, not a place
        return not view.is_locative(candidate.head) or view.preposition_of(candidate.head) in TARGET_PREPOSITIONS
    return True


def _linked(view: ParseView, candidate: Candidate, by_head: dict[int, Candidate]) -> Iterable[Candidate]:
    """The mentions linked to ``candidate``, transitively; a loop, not recursion, so a list of
    10,000 conjoined names (a chain in the parse) is no deeper than one."""
    stack = [candidate]
    seen = {candidate.head}
    while stack:
        current = stack.pop()
        for kid in view.kids(current.head, "conj", "appos"):
            other = by_head.get(kid.i)
            if other is None or other.head in seen:
                continue
            listed = kid.dep == "appos" and bool(view.kids(kid.i, "conj"))  # "The US, Russia, and Switzerland"
            if kid.dep == "conj" or listed or _same_identity(current, other):
                seen.add(other.head)
                yield other
                stack.append(other)


def _merge(root: Candidate, members: Sequence[Candidate]) -> Candidate:
    if len(members) == 1:
        return root
    actors: list[Actor] = []
    for member in sorted(members, key=lambda c: c.start):
        actors.extend(a for a in member.actors if (a.name, a.code) not in {(b.name, b.code) for b in actors})
    antecedent = next((m.antecedent for m in members if m.antecedent is not None), None)
    return replace(root, start=min(m.start for m in members), end=max(m.end for m in members),
                   actors=tuple(actors), antecedent=antecedent)


def _same_identity(first: Candidate, second: Candidate) -> bool:
    return bool({(a.name, a.code) for a in first.actors} & {(a.name, a.code) for a in second.actors})


def _appositive_role(view: ParseView, candidate: Candidate, by_head: dict[int, Candidate]) -> Candidate | None:
    if candidate.kinds != {"person"} or candidate.actors[0].code is not None:
        return None
    for kid in view.kids(candidate.head, "appos"):
        role = by_head.get(kid.i)
        if role is not None and role.source == "sector" and role.actors[0].code is not None:
            return role
    return None


def _title_start(view: ParseView, person: Candidate) -> int:
    """Walk left over tokens that attach into the name or into title words already taken."""
    start = person.start
    while start > 0:
        token = view.token(start - 1)
        if token.sentence != view.token(person.start).sentence:
            break
        if token.dep == "case" and start > 1 and start <= view.token(start - 2).head < person.end:
            start -= 2  # "Lebanon's President Michel Suleiman": the owner's possessive
            continue
        if token.dep not in TITLE_DEPS or not start <= token.head < person.end:
            break
        start -= 1
    while start < person.start and view.token(start).dep in ("det", "punct"):
        start += 1
    return start


def _sector_in(view: ParseView, dictionary: ActorDictionary, start: int, end: int) -> SectorWord | None:
    for last in range(end - 1, start - 1, -1):
        found = _sector_phrase(view, dictionary, last, set(), earliest=start)
        if found is not None:
            return found[1]
    return None


def _sector_phrase(view: ParseView, dictionary: ActorDictionary, i: int, covered: set[int], *,
                   earliest: int = 0) -> tuple[int, SectorWord] | None:
    """The longest sector phrase ending at token ``i`` ("foreign minister" before "minister")."""
    token = view.token(i)
    sentence = token.sentence
    # A tuple, not a set: where two forms both end a phrase, the lemma wins in every process
    # (a set's order follows the per-process hash seed, and --workers N must match one worker).
    forms = [view.fold(token.lemma), view.fold(token.text)]
    if token.text.lower().endswith("s"):
        forms.append(view.fold(token.text[:-1]))
    last_forms = tuple(dict.fromkeys(forms))
    if all(_last_word(view, form) not in dictionary.sector_last_words for form in last_forms):
        return None  # every phrase tried would end in a word that ends no sector phrase
    for first in range(max(earliest, i - MAX_PHRASE_WORDS + 1), i + 1):
        if any(j in covered or view.token(j).sentence != sentence for j in range(first, i)):
            continue
        prefix = " ".join(view.fold(view.token(j).text) for j in range(first, i))
        for form in last_forms:
            word = dictionary.sector_word(f"{prefix} {form}".strip())
            if word is not None:
                return first, word
    return None


def _last_word(view: ParseView, form: str) -> str:
    """The last word of the key of any phrase ending in ``form`` (its folded form's last word:
    folding works word by word); "" when that is not known, which rules nothing out."""
    words = view.fold(form).split()
    return words[-1] if words else ""


def _role_object(view: ParseView, i: int) -> bool:
    """The object of an of/from phrase, built before the word it belongs to ("opponents of the Senate")."""
    token = view.token(i)
    return token.dep == "pobj" and view.token(token.head).text.lower() in ROLE_PREPOSITIONS


def _phrase_owners(view: ParseView, first: int, last: int, candidates: Sequence[Candidate]) -> list[Candidate]:
    """The owners of any word of a sector phrase: "the US Secretary of State" is the US's."""
    owners: list[Candidate] = []
    for j in range(first, last + 1):
        owners.extend(o for o in _owners(view, j, candidates) if o not in owners)
    return owners


def _owners(view: ParseView, i: int, candidates: Sequence[Candidate]) -> list[Candidate]:
    """Mentions that say whose the sector noun is: modifiers ("Israeli police", "Hamas
    leaders") or an of/from phrase ("leaders of both movements")."""
    by_head = {c.head: c for c in candidates}
    owners = [by_head[kid.i] for kid in view.kids(i, *MODIFIER_DEPS) if kid.i in by_head]
    for preposition in view.kids(i, "prep"):
        if preposition.text.lower() in ROLE_PREPOSITIONS:
            owners.extend(by_head[obj.i] for obj in view.kids(preposition.i, "pobj") if obj.i in by_head)
    return owners


def _sector_actors(view: ParseView, dictionary: ActorDictionary, phrase_start: int, i: int,
                   word: SectorWord, owners: Sequence[Candidate]) -> tuple[Actor, ...]:
    if not owners:
        assert word.sector is not None  # callers skip role words without owners
        name = view.text(phrase_start, i + 1)
        return (Actor(name=name, code=word.sector, sector=word.sector, kind=word.crowd or "sector"),)
    actors: list[Actor] = []
    for actor in (a for owner in owners for a in owner.actors):
        composed = _compose(actor, [], word)
        if all((composed.name, composed.code) != (b.name, b.code) for b in actors):
            actors.append(composed)
    return tuple(actors)


def _compose(actor: Actor, modifiers: Sequence[Actor], word: SectorWord | None) -> Actor:
    """Country + sector makes the code ("ISR" + "COP"); a group keeps its own identity."""
    owner = next((m for m in modifiers if m.kind == "country"), modifiers[0] if modifiers else None)
    if actor.kind == "person":
        sector = word.sector if word is not None and word.sector else (COUNTRY_ROLE_SECTOR if word else None)
        if owner is None:
            return replace(actor, code=sector, sector=sector)
        if owner.kind != "country":
            return replace(actor, code=owner.code, country=owner.country, sector=owner.sector)
        sector = sector or owner.sector
        return replace(actor, code=f"{owner.country}{sector or ''}", country=owner.country, sector=sector)
    if actor.kind != "country" or actor.country is None:
        return actor
    sector = word.sector if word is not None and word.sector else COUNTRY_ROLE_SECTOR
    kind = word.crowd if word is not None and word.crowd else actor.kind  # "Kenyan protesters": a crowd
    return replace(actor, code=f"{actor.country}{sector}", sector=sector, kind=kind)

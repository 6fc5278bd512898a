"""Argument roles over the dependency parse: who acted (actor) and on whom (recipient).

Everything here works from ``Token`` records (head indices and dependency labels), never from
spaCy. :class:`Tree` is the parse of one article with children lists; :class:`ActorIndex` maps an
argument token to the actor mentions the actors stage found ("the mention whose head is the token,
else the mention whose span holds it"), following ``conj`` to collect compound participants.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from eventdesk.records import ActorMention, ParsedArticle, Participant, Token

__all__ = [
    "ActorIndex",
    "Tree",
    "actor_tokens",
    "clause_subjects",
    "noun_actor_tokens",
    "recipient_tokens",
    "wish_on",
]

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
# Verbs whose object is the understood subject of their infinitive: "urged Israel to halt".
OBJECT_CONTROL = frozenset({
    "urge", "ask", "order", "force", "persuade", "allow", "invite", "pressure", "pressurize", "encourage", "tell",
    "compel", "permit", "help", "instruct", "authorize", "authorise", "enable", "press", "push", "oblige",
})
# "X wants Y to attack Z": X's wish on Y is an appeal (CAMEO 02), not Y's attack.
WISH_VERBS = frozenset({"want", "wish", "expect", "need", "like", "prefer"})
# "killed in Israeli tank shelling": the means names the actor of a passive without an agent.
MEANS_NOUNS = frozenset({
    "shelling", "tank", "strike", "airstrike", "attack", "raid", "bombing", "bombardment", "fire", "gunfire",
    "ambush", "offensive", "operation", "assault", "crossfire", "drone", "missile", "rocket", "artillery",
})
MODIFIER_DEPS = ("poss", "amod", "compound", "nmod", "npadvmod")
# Prepositions naming a target, also when the parser hangs them on the verb's object.
TARGET_PREPOSITIONS = frozenset({"at", "on", "against", "into", "towards", "toward"})


class Tree(tuple[Token, ...]):
    """The parse of one article: tokens plus children lists. ``tree[i]`` is token ``i``: the tree is
    the tuple of its tokens, so that indexing (thousands of times an article) costs no Python call."""

    tokens: tuple[Token, ...]
    _children: list[list[int]]

    def __new__(cls, parsed: ParsedArticle) -> Tree:
        tree = super().__new__(cls, parsed.tokens)
        tree.tokens = parsed.tokens
        tree._children = [[] for _ in parsed.tokens]
        for token in parsed.tokens:
            if token.head != token.i:
                tree._children[token.head].append(token.i)
        return tree

    def head(self, index: int) -> int | None:
        token = self.tokens[index]
        return None if token.head == index else token.head

    def kids(self, index: int, *deps: str) -> list[Token]:
        return [self.tokens[i] for i in self._children[index] if not deps or self.tokens[i].dep in deps]

    def kid(self, index: int, *deps: str) -> Token | None:
        found = self.kids(index, *deps)
        return found[0] if found else None

    def subtree(self, index: int) -> list[int]:
        out, stack = [], [index]
        while stack:
            current = stack.pop()
            out.append(current)
            stack.extend(self._children[current])
        return sorted(out)

    def ancestors(self, index: int) -> Iterator[tuple[int, int]]:
        """(ancestor, child on the path) pairs, nearest first."""
        current = index
        for _ in range(64):  # parses are trees; the bound only guards against a malformed input
            parent = self.head(current)
            if parent is None:
                return
            yield parent, current
            current = parent

    def preps(self, index: int, word: str) -> list[int]:
        """The objects of the prepositions ``word`` under ``index``: "on Gaza" -> Gaza."""
        out: list[int] = []
        for prep in self.kids(index, "prep", "agent", "dative", "prt", "advmod"):
            if prep.text.lower() == word:
                out.extend(k.i for k in self.kids(prep.i, "pobj", "pcomp"))
            elif not self.kids(prep.i, "pobj"):  # two-word prepositions: "out of Syria"
                for inner in self.kids(prep.i, "prep"):
                    if inner.text.lower() == word:
                        out.extend(k.i for k in self.kids(inner.i, "pobj", "pcomp"))
        return out

    def is_passive(self, index: int) -> bool:
        token = self.tokens[index]
        if any(k.dep in ("nsubjpass", "auxpass") for k in self.kids(index)):
            return True
        return token.tag == "VBN" and token.dep in ("acl", "amod") and not self.kids(index, "nsubj")

    def phrase(self, index: int) -> tuple[int, int]:
        """Character span of the token's subtree (a noun phrase), without edge punctuation."""
        indices = self.subtree(index)
        while len(indices) > 1 and self.tokens[indices[-1]].pos == "PUNCT":
            indices.pop()
        while len(indices) > 1 and self.tokens[indices[0]].pos == "PUNCT":
            indices.pop(0)
        return self.tokens[indices[0]].start, self.tokens[indices[-1]].end


def _passive_conjunct(tree: Tree, verb: int) -> bool:
    """A participle coordinated with a passive verb is passive too ("was beaten and killed by X")."""
    head = tree.head(verb)
    return tree[verb].dep == "conj" and tree[verb].tag == "VBN" and head is not None and tree.is_passive(head)


def _conjunct_agent(tree: Tree, verb: int) -> list[int]:
    """The agent a passive verb shares with its participle conjunct: "was beaten up and injured by
    residents" (the parser hangs "by residents" on the last one)."""
    for conjunct in tree.kids(verb, "conj"):
        if conjunct.tag == "VBN" and (agent := tree.preps(conjunct.i, "by")):
            return agent
    return []


def actor_tokens(tree: Tree, verb: int, *, depth: int = 0) -> list[int]:
    """Who does what the verb says: its subject, the agent of a passive, or the subject it
    shares with the verb it depends on (control, coordination, participles)."""
    if depth > 6:
        return []
    token = tree[verb]
    if tree.is_passive(verb) or _passive_conjunct(tree, verb):
        return tree.preps(verb, "by") or _conjunct_agent(tree, verb) or _means(tree, verb)
    subject = tree.kid(verb, "nsubj", "csubj")
    if subject is not None:
        if subject.text.lower() in RELATIVE_PRONOUNS and token.dep == "relcl":
            return [token.head]
        return [subject.i]
    head = tree.head(verb)
    if head is None:
        return []
    if token.dep == "xcomp":
        if tree[head].lemma.lower() in OBJECT_CONTROL:
            controllers = [k.i for k in tree.kids(head, "dobj")] or tree.preps(head, "on")
            if controllers:
                return controllers[:1]
        return actor_tokens(tree, head, depth=depth + 1)
    if token.dep in ("conj", "advcl", "pcomp", "ccomp") and tree[head].pos in ("VERB", "AUX"):
        if token.dep == "ccomp":
            return []
        if token.dep == "conj" and tree.is_passive(head) != tree.is_passive(verb):
            return []
        return actor_tokens(tree, head, depth=depth + 1)
    if token.dep == "pcomp":  # "agreed on enhancing": prep -> verb
        grand = tree.head(head)
        return actor_tokens(tree, grand, depth=depth + 1) if grand is not None else []
    if token.dep == "acl" and token.tag == "VBG":  # "protesters demanding reforms"
        return [head]
    return []


def _means(tree: Tree, verb: int) -> list[int]:
    """"killed in Israeli tank shelling": the means and its modifiers, where the agent would be."""
    out: list[int] = []
    for i in tree.preps(verb, "in"):
        if {tree[i].lemma.lower(), tree[i].text.lower()} & MEANS_NOUNS:
            out += [i, *(k.i for k in tree.kids(i, "compound", "amod", "poss"))]
    return out


def clause_subjects(tree: Tree, verb: int) -> list[int]:
    """The subjects of the verb's complement clauses: "alleged that [Pakistan] had trained them"."""
    return [s.i for k in tree.kids(verb, "ccomp") for s in tree.kids(k.i, "nsubj", "nsubjpass")]


def wish_on(tree: Tree, verb: int) -> tuple[list[int], list[int]] | None:
    """"Obama wants Putin to attack Switzerland": (the wisher's tokens, the addressee's), else None."""
    head = tree.head(verb)
    if head is None or tree[verb].dep not in ("ccomp", "xcomp") or tree[head].lemma.lower() not in WISH_VERBS:
        return None
    addressee = [k.i for k in tree.kids(verb, "nsubj")] if tree[verb].dep == "ccomp" else []
    addressee = addressee or [k.i for k in tree.kids(head, "dobj")]
    wisher = [k.i for k in tree.kids(head, "nsubj")]
    return (wisher, addressee) if wisher and addressee else None


def recipient_tokens(tree: Tree, verb: int, roles: Sequence[str]) -> list[int]:
    """Candidate recipients of a verb, in the lexicon row's order of roles."""
    out: list[int] = []
    passive = tree.is_passive(verb)
    token = tree[verb]
    for role in roles:
        if role == "dobj":
            if passive:
                found = [k.i for k in tree.kids(verb, "nsubjpass")]
                if not found and token.dep in ("acl", "amod"):
                    found = [token.head]
                out.extend(found)
            else:
                out.extend(k.i for k in tree.kids(verb, "dobj"))
        elif role == "dative":
            for dative in tree.kids(verb, "dative"):
                out.extend([dative.i] if dative.pos != "ADP" else [k.i for k in tree.kids(dative.i, "pobj")])
        elif role.startswith("pobj:"):
            found = tree.preps(verb, role[5:])
            if not found and role[5:] in TARGET_PREPOSITIONS:  # "fired missiles at Russia": the at-phrase
                found = [i for k in tree.kids(verb, "dobj") for i in tree.preps(k.i, role[5:])]  # on the object
            out.extend(found)
    return out


def noun_actor_tokens(tree: Tree, noun: int, *, of_is_recipient: bool) -> list[int]:
    """Who does what an event noun names: "X's attack", "attacks by X", "Israeli airstrikes",
    "the attacks launched by X" (a participle's agent), "the withdrawal of US troops"."""
    out = [k.i for k in tree.kids(noun, "poss")]
    out += tree.preps(noun, "by")
    for participle in tree.kids(noun, "acl"):
        if tree.is_passive(participle.i):
            out += tree.preps(participle.i, "by")
    out += [k.i for k in tree.kids(noun, "amod", "compound", "nmod")]
    if not of_is_recipient:
        out += tree.preps(noun, "of")
    return out


class ActorIndex:
    """Maps argument tokens to the actors stage's mentions."""

    def __init__(self, tree: Tree, mentions: Sequence[ActorMention]) -> None:
        self._tree = tree
        self._by_head: dict[int, ActorMention] = {}
        for mention in mentions:
            self._by_head.setdefault(mention.head, mention)
        self._mentions = sorted(mentions, key=lambda m: m.end - m.start)  # smallest span first
        self.mentions: tuple[ActorMention, ...] = tuple(mentions)

    def mention_at(self, index: int) -> ActorMention | None:
        if index in self._by_head:
            return self._by_head[index]
        token = self._tree[index]
        return next((m for m in self._mentions if m.start <= token.start and token.end <= m.end), None)

    def participants(self, index: int, *, follow_conj: bool = True, modifiers: bool = True) -> tuple[Participant, ...]:
        """The participants a token names, with its conjuncts ("Hamas and Islamic Jihad");
        for an unresolved noun, the actors in its modifiers ("Israeli tanks", "leaders of Hamas")."""
        found: list[Participant] = []
        for token in self._with_conjuncts(index) if follow_conj else [index]:
            mention = self.mention_at(token)
            if mention is None and modifiers:
                mention = self._via_modifiers(token)
            if mention is not None:
                found.extend(Participant(actor=a, entity_text=mention.text, start=mention.start, end=mention.end)
                             for a in mention.actors)
        return unique(found)

    def _with_conjuncts(self, index: int) -> list[int]:
        out, stack = [], [index]
        while stack:
            current = stack.pop(0)
            out.append(current)
            stack.extend(k.i for k in self._tree.kids(current, "conj"))
        return out

    def _via_modifiers(self, index: int) -> ActorMention | None:
        token = self._tree[index]
        if token.pos not in ("NOUN", "PROPN"):
            return None
        for kid in self._tree.kids(index, *MODIFIER_DEPS):
            mention = self.mention_at(kid.i)
            if mention is not None:
                return mention
        for word in ("of", "from"):
            for obj in self._tree.preps(index, word):
                mention = self.mention_at(obj) or self._owner_of(obj)
                if mention is not None:
                    return mention
        return None

    def _owner_of(self, index: int) -> ActorMention | None:
        """One level further: "part of Syria's second city" -> Syria."""
        for kid in self._tree.kids(index, "poss", "amod", "compound"):
            mention = self.mention_at(kid.i)
            if mention is not None:
                return mention
        return None


def unique(participants: Sequence[Participant]) -> tuple[Participant, ...]:
    """One participant per actor (name, code), first mention kept."""
    seen: set[tuple[str, str | None]] = set()
    out = []
    for participant in participants:
        key = (participant.actor.name, participant.actor.code)
        if key not in seen:
            seen.add(key)
            out.append(participant)
    return tuple(out)

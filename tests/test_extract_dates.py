"""The publication day: which source wins, and the day in the page's own offset."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest
from trafilatura.utils import load_html

from eventdesk.extract.pubdate import find_published, header_day, stamp_day, url_day
from eventdesk.extract.writtendates import written_days

TODAY = dt.date(2024, 6, 1)


def page(head: str = "", body: str = "<p>Police arrested 40 protesters in the capital on Monday.</p>") -> str:
    return f"<html><head><title>News</title>{head}</head><body><article>{body}</article></body></html>"


def published(html: str, url: str | None = None) -> dt.date | None:
    tree = load_html(html)
    assert tree is not None
    return find_published(tree, url=url, today=TODAY)


@pytest.mark.parametrize(
    ("value", "offset", "day"),
    [
        ("2023-11-08", None, dt.date(2023, 11, 8)),
        ("2023-11-08T21:11:03-05:00", None, dt.date(2023, 11, 8)),  # as written, not moved to UTC
        ("2023-11-09T02:11:03+00:00", -300, dt.date(2023, 11, 8)),  # UTC read in the page's offset
        ("2023-11-09T02:11:03Z", -300, dt.date(2023, 11, 8)),
        ("2020-12-05T23:15:00Z", 60, dt.date(2020, 12, 6)),
        ("2020-06-29T00:16:15+03:00", -300, dt.date(2020, 6, 29)),  # a local offset is kept
        ("2022-1-26T14:32:06+02:00", None, dt.date(2022, 1, 26)),
        ("Tue, Sep 15 2020 10:01:41 EDT", None, dt.date(2020, 9, 15)),
        ("Mon Jan 20 23:49:32 IST 2020", None, dt.date(2020, 1, 20)),
        ("2023-02-30", None, None),
        ("last week", None, None),
        ("12", None, None),
        (None, None, None),
    ],
)
def test_stamp_day(value: str | None, offset: int | None, day: dt.date | None) -> None:
    assert stamp_day(value, local_offset=offset) == day


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://www.example.com/world/2023/11/08/police-raid/", dt.date(2023, 11, 8)),
        ("https://aoc.media/opinion/2019-12-09-pour-le-neoliberalisme", dt.date(2019, 12, 9)),
        ("https://example.com/2023/11/police-raid", None),
        ("https://example.com/2023/13/45/x", None),
        (None, None),
    ],
)
def test_url_day(url: str | None, day: dt.date | None) -> None:
    assert url_day(url) == day


META = '<meta property="article:published_time" content="2024-05-06T09:00:00+02:00">'
JSON_LD = ('<script type="application/ld+json">'
           '{"@type": "NewsArticle", "datePublished": "2024-05-04T10:00:00Z"}</script>')
TIME = '<time datetime="2024-05-02T10:00:00+02:00">2 May</time>'


def test_the_url_date_comes_first_then_the_meta_tag_then_json_ld_then_time() -> None:
    everything = page(META + JSON_LD, TIME + "<p>Police arrested 40 protesters.</p>")
    assert published(everything, "https://news.example/2024/05/05/arrests") == dt.date(2024, 5, 5)
    assert published(everything, "https://news.example/arrests") == dt.date(2024, 5, 6)
    assert published(page(JSON_LD, TIME), "https://news.example/arrests") == dt.date(2024, 5, 4)
    itemprop = '<span itemprop="datePublished" content="2024-05-03">3 May</span>'
    assert published(page("", itemprop + TIME), None) == dt.date(2024, 5, 3)


def test_a_utc_timestamp_is_read_in_the_offset_the_page_writes_elsewhere() -> None:
    head = ('<meta property="article:published_time" content="2023-11-09T02:11:03+00:00">'
            '<meta property="article:modified_time" content="2023-11-08T23:10:51-05:00">')
    assert published(page(head)) == dt.date(2023, 11, 8)
    alone = '<meta property="article:published_time" content="2023-11-09T02:11:03+00:00">'
    assert published(page(alone)) == dt.date(2023, 11, 9)


def test_placeholders_and_future_days_are_not_dates() -> None:
    head = ('<meta name="date" content="1970-01-01">'
            '<meta property="article:published_time" content="2031-01-01T00:00:00Z">'
            '<meta property="og:article:published_time" content="2024-04-30">')
    assert published(page(head)) == dt.date(2024, 4, 30)


def test_htmldate_finds_a_date_written_in_the_text_when_nothing_is_declared() -> None:
    html = page("", "<p class='date'>Published: 14 March 2024</p><p>Police arrested 40 protesters.</p>")
    assert published(html) == dt.date(2024, 3, 14)
    assert published(page()) is None


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("Published 8 November 2023", [dt.date(2023, 11, 8)]),
        ("Updated: November 8th, 2023, 10:04", [dt.date(2023, 11, 8)]),
        ("Sep 3, 2020 and 4 Sept. 2020", [dt.date(2020, 9, 3), dt.date(2020, 9, 4)]),
        ("Veröffentlicht am 3. März 2021", [dt.date(2021, 3, 3)]),
        ("17 de marzo de 2020", [dt.date(2020, 3, 17)]),
        ("le 9 décembre 2019", [dt.date(2019, 12, 9)]),
        ("15 серпня 2016", [dt.date(2016, 8, 15)]),
        ("31 June 2020", []),  # no such day
        ("Mai 2020", []),  # no day
        ("in 12 May 20", []),  # no four-digit year
        ("Ticket 118 May 2020", []),  # a day of three digits is none
        ("26 | 01 | 2022", [dt.date(2022, 1, 26)]),  # figures with spaced separators: day first
        ("04 / 02 / 2022", [dt.date(2022, 2, 4)]),
        ("01 / 26 / 2022", [dt.date(2022, 1, 26)]),  # unless only month first is a date
        ("12 / 2022", []),
        ("5 | 10 / 2020", []),  # two different separators
    ],
)
def test_written_days(text: str, days: list[dt.date]) -> None:
    assert written_days(text) == days


@pytest.mark.parametrize(
    ("body", "day"),
    [
        ('<div class="meta">17 de marzo de 2020</div>', dt.date(2020, 3, 17)),
        ("<p>Veröffentlicht am 3. März 2021 um 10 Uhr</p>", dt.date(2021, 3, 3)),
        ("<div><b>Posted</b> 15 серпня 2016</div>", dt.date(2016, 8, 15)),
    ],
)
def test_a_date_written_out_in_the_text_is_found_without_dateparser(body: str, day: dt.date) -> None:
    html = page("", "<p>Police arrested 40 protesters in the capital on Monday.</p>" + body)
    assert published(html) == day


def test_the_date_finder_never_loads_dateparser() -> None:
    """dateparser (htmldate's last resort) compiles regexes for ~200 locales on first use:
    seconds of CPU a process. A page that needs the extensive search must not reach it."""
    script = (
        "import sys\n"
        "from trafilatura.utils import load_html\n"
        "from eventdesk.extract.pubdate import find_published\n"
        "html = '<html><body><article><p>Police arrested 40 protesters.</p>"
        "<p>Publicado el 17 de marzo de 2020</p><p>Hace 3 días, el lunes pasado</p></article></body></html>'\n"
        "print(find_published(load_html(html), url=None), 'dateparser' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert done.stdout.split() == ["2020-03-17", "False"]


def byline_page(head: str, byline: str, body: str = "<p>Police arrested 40 protesters on Monday.</p>") -> str:
    return (f"<html><head><title>News</title>{head}</head><body><header><a href='/'>Home</a></header>"
            f"<article><h1>Police arrest 40 protesters</h1>{byline}{body}</article></body></html>")


UPDATED_META = '<meta property="article:published_time" content="2024-03-02T08:00:00+01:00">'


def test_a_byline_day_that_the_text_search_confirms_outweighs_the_declared_day() -> None:
    """The page declares 2 March (an old first version's date, say) but shows 14 March under
    its title, and htmldate's text search (here the element classed as a date) reads 14 March
    too: two readings of what the reader sees beat the metadata."""
    html = byline_page(UPDATED_META, "<p class='date'>Published 14 March 2024</p>")
    assert published(html) == dt.date(2024, 3, 14)


def test_a_byline_day_alone_does_not_outweigh_the_declared_day() -> None:
    """The header day differs from the declared one, but the text search reads another day
    (an earlier date in a date-classed element elsewhere): no agreement, the declared day
    stands."""
    html = byline_page(UPDATED_META, "<p>Police said on 14 March 2024 that 40 were held.</p>",
                       "<p>Text.</p><div class='date'>9 March 2024</div>")
    assert published(html) == dt.date(2024, 3, 2)


def test_the_url_day_is_not_outweighed_by_the_byline() -> None:
    html = byline_page(UPDATED_META, "<p class='date'>Published 14 March 2024</p>")
    assert published(html, "https://news.example/2024/03/01/arrests") == dt.date(2024, 3, 1)


def test_only_the_text_after_the_title_is_the_header() -> None:
    """A date before the <h1> (a sidebar, the site's header) or far below it is no byline."""
    before = ("<html><head>" + UPDATED_META + "</head><body><div class='date'>14 March 2024</div>"
              "<article><h1>Police arrest 40 protesters</h1><p>Police arrested 40.</p></article></body></html>")
    assert published(before) == dt.date(2024, 3, 2)
    far = byline_page(UPDATED_META, "<p>" + "Police arrested 40 protesters. " * 40 + "</p>",
                      "<p class='date'>14 March 2024</p>")
    assert published(far) == dt.date(2024, 3, 2)


@pytest.mark.parametrize(
    ("html", "day"),
    [
        (byline_page("", "<div class='byline'>By A. Writer <span>| 8 Nov. 2023, 10:04</span></div>"),
         dt.date(2023, 11, 8)),
        (byline_page("", "<script>var d = '1 January 2020';</script><p>Updated 9 November 2023</p>"),
         dt.date(2023, 11, 9)),  # script text is not shown
        (byline_page("", "<p>No date here.</p>"), None),
        ("<html><body><p>8 November 2023</p></body></html>", None),  # no <h1>
    ],
)
def test_header_day(html: str, day: dt.date | None) -> None:
    tree = load_html(html)
    assert tree is not None
    assert header_day(tree, latest=TODAY) == day


def test_dates_far_apart_and_close_together_are_all_read() -> None:
    """written_days searches only just before each year: the same dates as a scan of the
    whole text, however the text runs between them."""
    text = ("Updated 9 November 2023. " + "Police arrested 40 protesters. " * 10
            + "8 Nov 2023 9 Nov 2023, November 10, 2023" + " " * 30 + "11     November 2023 1999 2020")
    assert written_days(text) == [dt.date(2023, 11, d) for d in (9, 8, 9, 10, 11)]

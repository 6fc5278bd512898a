"""The dates stage: real sentences, parsed by the real spaCy pipeline, with a publication date."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from eventdesk.dates import DateResolver, resolve_expression
from eventdesk.dates.lexicon import DATA_DIR, load_lexicon
from eventdesk.errors import DataFileError
from eventdesk.records import Article, DateMention, Section
from eventdesk.settings import DateSettings

D = dt.date.fromisoformat


@pytest.fixture(scope="module")
def resolver() -> DateResolver:
    return DateResolver.from_settings(DateSettings())


def found(mentions: tuple[DateMention, ...]) -> list[tuple[str, dt.date | None, str]]:
    return [(m.text, m.value, m.precision) for m in mentions]


# published, sentence, expected (text, value, precision) in text order
SENTENCES = [
    # "yesterday" across a month end, a leap day and a year end
    ("2023-03-01", "The governor announced the new curfew yesterday.", [("yesterday", "2023-02-28", "day")]),
    (
        "2024-03-01",
        "Police said two protesters were detained yesterday in the capital.",
        [("yesterday", "2024-02-29", "day")],
    ),
    ("2023-01-01", "Fireworks were banned across the city yesterday.", [("yesterday", "2022-12-31", "day")]),
    # bare weekdays: past tense looks back, future tense ahead (2022-08-23 is a Tuesday)
    ("2022-08-23", "Israeli forces raided the Jenin refugee camp on Tuesday.", [("Tuesday", "2022-08-16", "day")]),
    ("2022-08-23", "The two leaders met on Friday to discuss the ceasefire.", [("Friday", "2022-08-19", "day")]),
    ("2022-08-23", "The foreign ministers will meet on Tuesday in Cairo.", [("Tuesday", "2022-08-30", "day")]),
    ("2022-08-23", "The election will take place on Sunday.", [("Sunday", "2022-08-28", "day")]),
    ("2022-08-23", "Talks are scheduled to resume on Thursday.", [("Thursday", "2022-08-25", "day")]),
    ("2022-08-23", "Protesters gathered in Tunis last Tuesday.", [("last Tuesday", "2022-08-16", "day")]),
    (
        "2015-05-18",
        "On Friday, fishermen rescued over 700 asylum seekers whose boat sank.",
        [("Friday", "2015-05-15", "day")],
    ),
    # dates without a year: the latest one for the past tense, the next one for the future
    ("2023-05-10", "The court convicted him on Oct. 23 of inciting violence.", [("Oct. 23", "2022-10-23", "day")]),
    ("2023-05-10", "The trial will resume on Oct. 23, his lawyer said.", [("Oct. 23", "2023-10-23", "day")]),
    ("2022-08-23", "Israel launched airstrikes on the Gaza Strip on August 5.", [("August 5", "2022-08-05", "day")]),
    ("2022-08-23", "Talks are scheduled to begin on September 5 in Doha.", [("September 5", "2022-09-05", "day")]),
    ("2022-08-23", "The rebels captured the town on 5 August.", [("5 August", "2022-08-05", "day")]),
    ("2022-08-23", "The agreement was signed on August 08, 2022 in Cairo.", [("August 08, 2022", "2022-08-08", "day")]),
    ("2022-08-23", "The ministry published the figures on 2022-08-05.", [("2022-08-05", "2022-08-05", "day")]),
    ("2022-08-23", "The incident occurred on 8/5/2022 near the border.", [("8/5/2022", "2022-08-05", "day")]),
    # weeks, months, years
    (
        "2022-08-23",
        "Parliament voted last week to extend the state of emergency.",
        [("last week", "2022-08-15", "week")],
    ),
    ("2022-08-23", "The delegation will travel to Moscow next week.", [("next week", "2022-08-29", "week")]),
    ("2022-08-23", "Clashes erupted earlier this month in the north.", [("earlier this month", "2022-08-01", "month")]),
    ("2022-08-23", "Sales fell sharply last month.", [("last month", "2022-07-01", "month")]),
    ("2022-08-23", "The rebels retreated last year after heavy losses.", [("last year", "2021-01-01", "year")]),
    ("2022-08-23", "The army withdrew from the border region in March.", [("March", "2022-03-01", "month")]),
    ("2022-08-23", "The agreement was signed in March 2021 in Geneva.", [("March 2021", "2021-03-01", "month")]),
    ("2022-08-23", "The group was founded in 2019 by former officers.", [("2019", "2019-01-01", "year")]),
    ("2022-08-23", "Elections are expected in mid-June.", [("mid-June", "2023-06-11", "week")]),
    # parts of a year or a month
    (
        "2022-08-23",
        "The ministry wants the backlog cleared by the end of the year.",
        [("the end of the year", "2022-12-01", "month")],
    ),
    ("2022-08-23", "The plant is to reopen by year end.", [("year end", "2022-12-01", "month")]),
    ("2022-08-23", "Fighting resumed late last year.", [("late last year", "2021-09-01", "month")]),
    ("2022-08-23", "The militia was formed in early 2019.", [("early 2019", "2019-01-01", "month")]),
    ("2022-08-23", "The talks will resume at the beginning of next month.",
     [("the beginning of next month", "2022-09-01", "week")]),
    ("2011-03-08", '"[Ten] years ago, a browser was born," he said.', [("Ten] years ago", "2001-01-01", "year")]),
    ("2022-08-23", "Rebels seized the town two days ago, residents said.", [("two days ago", "2022-08-21", "day")]),
    ("2011-03-08", "IE6 shipped with Windows XP, nearly a decade ago.", [("a decade ago", "2001-01-01", "year")]),
    # the speech time itself
    ("2022-08-23", "The talks ended today without an agreement.", [("today", "2022-08-23", "day")]),
    ("2022-08-23", "Protesters rallied outside parliament tonight.", [("tonight", "2022-08-23", "day")]),
    ("2022-08-23", "The minister resigned this morning.", [("this morning", "2022-08-23", "day")]),
    # ranges (value = first day; end_value checked below)
    ("2022-08-23", "Thousands marched through the capital over the weekend.", [("the weekend", "2022-08-20", "day")]),
    ("2022-08-23", "The summit will be held August 25-27 in Jeddah.", [("August 25-27", "2022-08-25", "day")]),
    ("2022-08-23", "Delegates met from 5 to 7 August in Amman.", [("5 to 7 August", "2022-08-05", "day")]),
    (
        "2022-08-23",
        "Strikes were reported between Monday and Wednesday.",
        [("Monday and Wednesday", "2022-08-15", "day")],
    ),
    (
        "2023-02-23",
        "Applications were accepted between July 2003 and December 2004.",
        [("July 2003 and December 2004", "2003-07-01", "month")],
    ),
    # story time: counted from the last date mentioned before
    (
        "2022-08-23",
        "Militants attacked a checkpoint on August 5. Later that day, the army imposed a curfew.",
        [("August 5", "2022-08-05", "day"), ("Later that day", "2022-08-05", "day")],
    ),
    (
        "2022-08-23",
        "Militants attacked a checkpoint on August 5. The next day, the army imposed a curfew.",
        [("August 5", "2022-08-05", "day"), ("The next day", "2022-08-06", "day")],
    ),
    (
        "2022-08-23",
        "The government raised fuel prices on March 3, 2021. A year earlier, it had cut subsidies.",
        [("March 3, 2021", "2021-03-03", "day"), ("A year earlier", "2020-01-01", "year")],
    ),
    (
        "2022-08-23",
        "Troops entered the city on July 4. The following week, the rebels withdrew.",
        [("July 4", "2022-07-04", "day"), ("The following week", "2022-07-11", "week")],
    ),
    (
        "2007-03-05",
        "I visited the festival on Saturday night and went back the next Tuesday night.",
        [("Saturday night", "2007-03-03", "day"), ("the next Tuesday night", "2007-03-06", "day")],
    ),
    # a stated weekday picks the year; a clock time is no year; a possessive date takes no tense
    (
        "2020-04-08",
        "The lockdown was planned to end on Saturday, April 4.",
        [("Saturday, April 4", "2020-04-04", "day")],
    ),
    ("2019-08-04", "He was sworn in at 5 p.m. local time (2100 UTC) on Friday.", [("Friday", "2019-08-02", "day")]),
    ("2019-02-01", "She said Tuesday's pleas might provide some relief.", [("Tuesday", "2019-01-29", "day")]),
    ("2007-03-05", "The festival runs through March 11.", [("March 11", "2007-03-11", "day")]),
    ("2020-03-20", "Cummings died in October at the age of 68.", [("October", "2019-10-01", "month")]),
    (
        "2020-12-14",
        "The end of life was moved from May 2029 to December 31, 2021.",
        [("May 2029", "2029-05-01", "month"), ("December 31, 2021", "2021-12-31", "day")],
    ),
    # not dates: durations, anniversaries, ages, counts
    ("2022-08-23", "On the 53rd anniversary of the arson attack, both movements issued a statement.", []),
    ("2022-08-23", "The ceasefire held for three days before fighting resumed.", []),
    ("2022-08-23", "He was given a 10-year sentence for espionage.", []),
    ("2022-08-23", "The president is serving a two-year term.", []),
    ("2022-08-23", "The conflict has cost 53 years of development.", []),
    ("2022-08-23", "The army said it had killed 2000 fighters.", []),
    ("2022-08-23", "May the negotiations succeed, the envoy said.", []),
    ("2022-08-23", "Shoppers crowded the stores on Black Friday.", []),
    ("2022-08-23", "Both movements thanked the Arab and Muslim nations.", []),
]


@pytest.mark.parametrize(("published", "sentence", "expected"), SENTENCES, ids=[s[:48] for _, s, _ in SENTENCES])
def test_sentences(parse_text, resolver, published, sentence, expected):
    mentions = resolver.resolve(parse_text(sentence, published=published))
    assert found(mentions) == [(text, D(value), precision) for text, value, precision in expected]


@pytest.mark.parametrize(
    ("sentence", "end_value"),
    [
        ("Thousands marched through the capital over the weekend.", "2022-08-21"),
        ("The summit will be held August 25-27 in Jeddah.", "2022-08-27"),
        ("Delegates met from 5 to 7 August in Amman.", "2022-08-07"),
        ("Strikes were reported between Monday and Wednesday.", "2022-08-17"),
        ("The exhibition runs from January 23 through March 9, 2023.", "2023-03-09"),
        ("Crop yields were modelled over 2000 - 2050.", "2050-12-31"),
        ("Historians date the carvings to the 1800s.", "1899-12-31"),
        ("Rainfall peaked last summer.", "2021-08-31"),
        ("The backlog is to be cleared by the end of the year.", "2022-12-31"),
        ("Fighting resumed late last year.", "2021-12-31"),
        ("Elections are expected in mid-June.", "2023-06-20"),
        ("The talks will resume at the end of next month.", "2022-09-30"),
    ],
)
def test_ranges_give_their_last_day(parse_text, resolver, sentence, end_value):
    (mention,) = resolver.resolve(parse_text(sentence, published="2022-08-23"))
    assert mention.end_value == D(end_value)


def example_article(*, caption: bool, published: str | None = "2022-08-23") -> Article:
    text = (
        Path(__file__)
        .parents[1]
        .joinpath("examples", "hamas-islamic-jihad-coordination.txt")
        .read_text(encoding="utf-8")
    )
    start = text.index("Ziyad an-Nehhale")
    end = text.index("\n", start)
    sections = (
        (
            Section(kind="body", start=0, end=start),
            Section(kind="caption", start=start, end=end),
            Section(kind="body", start=end, end=len(text)),
        )
        if caption
        else (Section(kind="body", start=0, end=len(text)),)
    )
    return Article(
        id="example",
        source="example",
        text=text,
        sections=sections,
        published=published and D(published),
        language="en",
    )


@pytest.mark.parametrize("caption", [True, False], ids=["marked-caption", "plain-body"])
def test_example_caption_resolves_against_its_own_date(parser, resolver, caption):
    """The caption's "yesterday" is the day before the caption's own "August 08, 2022", not
    the day before the article's publication."""
    parsed = parser.parse(example_article(caption=caption))
    mentions = {m.text: m for m in resolver.resolve(parsed)}
    assert mentions["August 5"].value == D("2022-08-05")
    assert mentions["yesterday"].value == D("2022-08-07")
    assert mentions["August 08, 2022"].value == D("2022-08-08")
    assert "53rd" not in " ".join(mentions)


def test_offsets_point_into_the_article_text_and_mentions_are_sorted(parser, resolver):
    parsed = parser.parse(example_article(caption=False))
    mentions = resolver.resolve(parsed)
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    for mention in mentions:
        assert parsed.article.text[mention.start : mention.end] == mention.text


def test_without_a_publication_date_only_absolute_dates_resolve(parse_text, resolver):
    mentions = resolver.resolve(
        parse_text(
            "Police arrested ten people yesterday. The agreement was signed on August 08, 2022. "
            "The next day, talks resumed. Troops left on Tuesday."
        )
    )
    assert found(mentions) == [
        ("yesterday", None, "day"),
        ("August 08, 2022", D("2022-08-08"), "day"),
        ("The next day", D("2022-08-09"), "day"),
        ("Tuesday", None, "day"),
    ]


def test_a_date_stated_elsewhere_in_a_sentence_is_not_the_reference_of_another_clause(parse_text, resolver):
    """Only a date of the same clause (or a caption) sets the time of "yesterday"."""
    parsed = parse_text(
        "Police said yesterday that the suspect, arrested on August 1, 2019, had escaped.", published="2022-08-23"
    )
    mentions = {m.text: m.value for m in resolver.resolve(parsed)}
    assert mentions == {"yesterday": D("2022-08-22"), "August 1, 2019": D("2019-08-01")}


@pytest.mark.parametrize(
    ("text", "anchor", "tense", "expected"),
    [
        ("yesterday", "2023-03-01", "past", ("yesterday", "2023-02-28", "day")),
        ("yesterday", "2024-03-01", "past", ("yesterday", "2024-02-29", "day")),
        ("yesterday", "2023-01-01", "past", ("yesterday", "2022-12-31", "day")),
        ("on August 5", "2022-08-23", "past", ("August 5", "2022-08-05", "day")),
        ("on August 5", "2022-08-23", "future", ("August 5", "2023-08-05", "day")),
        ("Aug. 5", "2022-08-23", "past", ("Aug. 5", "2022-08-05", "day")),
        ("Oct. 23", "2023-05-10", "past", ("Oct. 23", "2022-10-23", "day")),
        ("August 08, 2022", None, "past", ("August 08, 2022", "2022-08-08", "day")),
        ("on Tuesday", "2022-08-23", "past", ("Tuesday", "2022-08-16", "day")),
        ("on Tuesday", "2022-08-23", "future", ("Tuesday", "2022-08-30", "day")),
        ("on Monday", "2022-08-23", "past", ("Monday", "2022-08-22", "day")),
        ("next Tuesday", "2022-08-23", "past", ("next Tuesday", "2022-08-30", "day")),
        ("today", "2022-08-23", "past", ("today", "2022-08-23", "day")),
        ("last week", "2022-08-23", "past", ("last week", "2022-08-15", "week")),
        ("next week", "2022-08-23", "past", ("next week", "2022-08-29", "week")),
        ("last month", "2023-01-15", "past", ("last month", "2022-12-01", "month")),
        ("last year", "2023-01-15", "past", ("last year", "2022-01-01", "year")),
        ("in March", "2022-08-23", "past", ("March", "2022-03-01", "month")),
        ("in March", "2022-08-23", "future", ("March", "2023-03-01", "month")),
        ("in the summer of 2019", "2022-08-23", "past", ("the summer of 2019", "2019-06-01", "month")),
        ("last summer", "2023-02-23", "past", ("last summer", "2022-06-01", "month")),
        ("the 1960s", "2022-08-23", "past", ("the 1960s", "1960-01-01", "year")),
        ("in the 1800s", "2022-08-23", "past", ("the 1800s", "1800-01-01", "year")),
        ("the late nineteenth century", "2022-08-23", "past", ("the late nineteenth century", "1800-01-01", "year")),
        ("two weeks ago", "2022-08-23", "past", ("two weeks ago", "2022-08-08", "week")),
        ("Christmas Day", "2022-08-23", "past", ("Christmas Day", "2021-12-25", "day")),
        ("the fifth of August", "2022-08-23", "past", ("the fifth of August", "2022-08-05", "day")),
        ("for three days", "2022-08-23", "past", None),
        ("53 years", "2022-08-23", "past", None),
        ("a two-year term", "2022-08-23", "past", None),
        ("the day before the vote", "2022-08-23", "past", None),
    ],
)
def test_resolve_expression(text, anchor, tense, expected):
    mention = resolve_expression(text, anchor=anchor and D(anchor), tense=tense)
    if expected is None:
        assert mention is None
    else:
        assert (mention.text, mention.value, mention.precision) == (expected[0], D(expected[1]), expected[2])
        assert text[mention.start : mention.end] == mention.text


def test_relative_expressions_without_an_anchor_have_no_value():
    assert resolve_expression("two days ago", anchor=None).value is None
    assert resolve_expression("on Tuesday", anchor=None).value is None
    assert resolve_expression("Sept. 11, 2001", anchor=None).value == D("2001-09-11")


def test_the_word_lists_load():
    lexicon = load_lexicon()
    assert lexicon.months["sept"] == (9, False)
    assert lexicon.weekdays["friday"] == (4, True)
    assert lexicon.relative["yesterday"].shift == -1


@pytest.mark.parametrize(
    ("file", "line", "problem"),
    [
        ("months.tsv", "august\t13\tfull", "between 1 and 12"),
        ("relative.tsv", "yesterday\tspeech\t-1\tfortnight\tno", "unit must be one of"),
        ("weekdays.tsv", "friday\t4", "expected 3 tab-separated columns"),
    ],
)
def test_a_bad_word_list_line_names_its_file_and_line(tmp_path, file, line, problem):
    data = tmp_path / "dates"
    shutil.copytree(DATA_DIR, data)
    path = data / file
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, line]) + "\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=rf"{file}:{len(lines) + 1}: .*{problem}"):
        load_lexicon(data)

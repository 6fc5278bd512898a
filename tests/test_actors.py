"""The actors stage on real sentences through the real spaCy pipeline."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from eventdesk.actors import ActorResolver
from eventdesk.records import ActorMention, ParsedArticle
from eventdesk.settings import ActorSettings

ParseText = Callable[..., ParsedArticle]
EXAMPLE_ARTICLE = Path(__file__).resolve().parents[1] / "examples" / "hamas-islamic-jihad-coordination.txt"
Coded = tuple[str, str | None, str | None, str | None]  # (mention text, code, country, sector)


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver.from_settings(ActorSettings())


def coded(mention: ActorMention) -> list[Coded]:
    return [(mention.text, a.code, a.country, a.sector) for a in mention.actors]


def all_coded(mentions: tuple[ActorMention, ...]) -> list[Coded]:
    return [row for mention in mentions for row in coded(mention)]


def find(mentions: tuple[ActorMention, ...], text: str) -> ActorMention:
    matching = [m for m in mentions if m.text == text]
    assert matching, f"no mention {text!r} in {[m.text for m in mentions]}"
    return matching[0]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # composite codes: a country adjective or name + a sector word
        ("Israeli police arrested three protesters.", ("Israeli police", "ISRCOP", "ISR", "COP")),
        ("The Iraqi army launched an offensive.", ("The Iraqi army", "IRQMIL", "IRQ", "MIL")),
        ("Egyptian officials met the delegation.", ("Egyptian officials", "EGYGOV", "EGY", "GOV")),
        ("US troops left the base.", ("US troops", "USAMIL", "USA", "MIL")),
        # a title makes the sector, an adjective the country
        ("Russian Foreign Minister Sergei Lavrov met reporters.",
         ("Russian Foreign Minister Sergei Lavrov", "RUSGOV", "RUS", "GOV")),
        ("President Joe Biden signed the bill.", ("President Joe Biden", "GOV", None, "GOV")),
        # a group's role words keep the group's own code
        ("Hamas leaders met in Doha.", ("Hamas leaders", "PSEREB", "PSE", "REB")),
        ("The leaders of Hezbollah rejected the plan.", ("The leaders of Hezbollah", "LBNREB", "LBN", "REB")),
        ("Islamic State fighters attacked the village.", ("Islamic State fighters", "REB", None, "REB")),
        # organisations, acronyms (case-sensitive), demonyms, capitals as subjects
        ("The UN Security Council condemned the attack.", ("UN Security Council", "IGOUNOSEC", None, "IGO")),
        ("The WHO warned of a new outbreak.", ("WHO", "IGOWHO", None, "IGO")),
        ("NATO allies agreed to send more tanks.", ("NATO", "IGONATO", None, "IGO")),
        ("Amnesty International documented the abuses.", ("Amnesty International", "NGOAMN", None, "NGO")),
        ("The Houthis fired a missile at a ship.", ("Houthis", "YEMREB", "YEM", "REB")),
        ("Moscow rejected the proposal.", ("Moscow", "RUSGOV", "RUS", "GOV")),
        ("The Kremlin denied the report.", ("The Kremlin", "RUSGOV", "RUS", "GOV")),
        ("Israel launched air strikes overnight.", ("Israel", "ISR", "ISR", None)),
        ("Thousands of Israelis marched on Saturday.", ("Israelis", "ISR", "ISR", None)),
        ("The Labour Party won the vote.", ("Labour Party", "GBRPTY", "GBR", "PTY")),
        ("Protesters in Sudan blocked the road.", ("Protesters", "OPP", None, "OPP")),
        # an office holder's state from a possessive ("Lebanon's President ...")
        ("Lebanon's President Michel Suleiman condemned the attack.",
         ("Lebanon's President Michel Suleiman", "LBNGOV", "LBN", "GOV")),
        # unknown people by their head noun; a country after "at" is a target, not a place
        ("Unidentified gunmen killed two farmers.", ("Unidentified gunmen", "UAF", None, "UAF")),
        ("Unidentified gunmen killed two farmers.", ("two farmers", "AGR", None, "AGR")),
        ("The United States fired anti-aircraft batteries at Russia.", ("Russia", "RUS", "RUS", None)),
        # a list parsed as an apposition is one compound mention
        ("The US, Russia, and Switzerland met yesterday.", ("US, Russia, and Switzerland", "CHE", "CHE", None)),
    ],
)
def test_codes_actor_mentions(parse_text: ParseText, resolver: ActorResolver, sentence: str, expected: Coded) -> None:
    assert expected in all_coded(resolver.resolve(parse_text(sentence)))


@pytest.mark.parametrize(
    ("sentence", "not_actor"),
    [
        ("The delegation arrived in Tehran on Monday.", "Tehran"),  # a capital in a locative phrase
        ("The minister spoke in Moscow.", "Moscow"),
        ("Fighting continued in Iran and Iraq.", "Iran"),
        ("He flew from Washington overnight.", "Washington"),
        ("The Israeli army shelled the Gaza Strip.", "Gaza Strip"),  # a place, never an actor
        ("We spoke with them about us.", "us"),  # "us" is no United States: acronyms are case-sensitive
        ("Who will pay for it?", "Who"),
    ],
)
def test_leaves_places_and_common_words_uncoded(
    parse_text: ParseText, resolver: ActorResolver, sentence: str, not_actor: str
) -> None:
    texts = [m.text for m in resolver.resolve(parse_text(sentence))]
    assert not any(not_actor in text for text in texts)


def test_keeps_unknown_organisation_and_person_with_their_text(parse_text: ParseText, resolver: ActorResolver) -> None:
    mentions = resolver.resolve(parse_text("Acme Widgets Corporation said John Smith would resign."))
    organisation = find(mentions, "Acme Widgets Corporation").actors[0]
    person = find(mentions, "John Smith").actors[0]
    assert (organisation.name, organisation.code, organisation.kind) == ("Acme Widgets Corporation", None, "group")
    assert (person.name, person.code, person.kind) == ("John Smith", None, "person")


def test_head_is_the_syntactic_head(parse_text: ParseText, resolver: ActorResolver) -> None:
    parsed = parse_text("The leaders of both movements met. Political leaders of Hamas and Islamic Jihad spoke.")
    mention = find(resolver.resolve(parsed), "Political leaders of Hamas and Islamic Jihad")
    assert parsed.tokens[mention.head].text == "leaders"
    assert [a.name for a in mention.actors] == ["Hamas", "Palestinian Islamic Jihad"]


@pytest.mark.parametrize(
    ("text", "reference", "expected_names", "antecedent"),
    [
        ("Hezbollah said it fired rockets. The group later denied the claim.",
         "The group", ["Hezbollah"], "Hezbollah"),
        ("Hamas and Fatah met in Cairo. Both movements agreed to talk again.",
         "Both movements", ["Hamas", "Fatah"], "Hamas and Fatah"),
        ("Israel and Hamas agreed a truce. Both sides said they would respect it.",
         "Both sides", ["Israel", "Hamas"], "Israel and Hamas"),
        ("The Taliban seized the town. They later freed the prisoners.", "They", ["Taliban"], "The Taliban"),
        ("John Smith arrived on Tuesday. He said the talks failed.", "He", ["John Smith"], "John Smith"),
        ("The White House said the US would send aid. It also warned Iran.",
         "It", ["United States"], "The White House"),
    ],
)
def test_resolves_references_within_the_article(
    parse_text: ParseText, resolver: ActorResolver, text: str, reference: str, expected_names: list[str],
    antecedent: str,
) -> None:
    mention = find(resolver.resolve(parse_text(text)), reference)
    assert [a.name for a in mention.actors] == expected_names
    assert mention.antecedent is not None
    assert text[mention.antecedent[0] : mention.antecedent[1]] == antecedent


def test_unresolvable_pronoun_yields_no_mention(parse_text: ParseText, resolver: ActorResolver) -> None:
    mentions = resolver.resolve(parse_text("They said it was raining. She left early."))
    assert mentions == ()


# --------------------------------------------------------------------------- the example article


def clean_example() -> str:
    """The example as the extract stage hands it on: without tagline, dateline and READ inserts."""
    paragraphs = EXAMPLE_ARTICLE.read_text(encoding="utf-8").split("\n\n")
    dropped = ("Creating new", "August 23", "READ:")
    return "\n\n".join(p for p in paragraphs if not p.strip().startswith(dropped))


@pytest.fixture(scope="module")
def example(parse_text: ParseText) -> tuple[str, ParsedArticle]:
    text = clean_example()
    return text, parse_text(text, published="2022-08-23")


HAMAS_PIJ = ["Hamas", "Palestinian Islamic Jihad"]


@pytest.mark.parametrize(
    ("text", "names", "code"),
    [
        ("Hamas and Islamic Jihad", HAMAS_PIJ, "PSEREB"),
        ("Palestinian Islamic Resistance Movement, Hamas, and Islamic Jihad in Palestine", HAMAS_PIJ, "PSEREB"),
        ("Israel and the Islamic Jihad Movement", ["Israel", "Palestinian Islamic Jihad"], "ISR"),
        ("Egyptian", ["Egypt"], "EGY"),
        ("Political, security and military leaders from both movements", HAMAS_PIJ, "PSEREB"),
        ("the leaders of both movements", HAMAS_PIJ, "PSEREB"),
        ("both movements", HAMAS_PIJ, "PSEREB"),
        ("Both movements", HAMAS_PIJ, "PSEREB"),
    ],
)
def test_example_article_mentions(example: tuple[str, ParsedArticle], resolver: ActorResolver, text: str,
                                  names: list[str], code: str) -> None:
    mention = find(resolver.resolve(example[1]), text)
    assert [a.name for a in mention.actors] == names
    assert mention.actors[0].code == code


def test_example_article_they_refers_to_both_movements(
    example: tuple[str, ParsedArticle], resolver: ActorResolver
) -> None:
    text, parsed = example
    mentions = resolver.resolve(parsed)
    they = [m for m in mentions if m.text == "They"]
    assert len(they) == 2
    for mention in they:
        assert [a.name for a in mention.actors] == HAMAS_PIJ
        assert mention.antecedent is not None
    assert text[they[0].antecedent[0] : they[0].antecedent[1]] == (  # type: ignore[index]
        "Political, security and military leaders from both movements"
    )


def test_example_article_place_uses_are_not_actors(example: tuple[str, ParsedArticle], resolver: ActorResolver) -> None:
    texts = {m.text for m in resolver.resolve(example[1])}
    assert not {"Tehran", "Iran", "Gaza Strip", "Palestine", "Jerusalem"} & texts


def test_mentions_are_sorted_and_offsets_match_text(
    example: tuple[str, ParsedArticle], resolver: ActorResolver
) -> None:
    text, parsed = example
    mentions = resolver.resolve(parsed)
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
        assert mention.start <= parsed.tokens[mention.head].start < mention.end


def test_user_dictionary_adds_an_actor(tmp_path: Path, parse_text: ParseText) -> None:
    extra = tmp_path / "local_groups.tsv"
    extra.write_text(
        "name\tcode\tcountry\tsector\tkind\twikidata\taliases\n"
        "Northern Valley Brigade\tMLIREB\tMLI\tREB\tarmed_group\t\tNVB|Valley Brigade\n",
        encoding="utf-8",
    )
    resolver = ActorResolver.from_settings(ActorSettings(dictionaries=(extra,)))
    mentions = resolver.resolve(parse_text("The Valley Brigade attacked an army post near Gao."))
    assert ("Valley Brigade", "MLIREB", "MLI", "REB") in all_coded(mentions)

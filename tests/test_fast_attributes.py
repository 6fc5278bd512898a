"""``FastAttributeRuler`` writes exactly what spaCy's ``AttributeRuler`` writes: the shipped model
against the same model with its ruler swapped, on real texts, token for token; and the two rulers
side by side on rules that take the other paths (a ``Matcher`` for what is not compiled, spaCy's
own code where a rule writes something else)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import pytest

from eventdesk.nlp import FastAttributeRuler, load_pipeline, speed_up_attribute_rulers
from eventdesk.nlp.attribute_ruler import FACTORY
from eventdesk.nlp.parser import PARAGRAPH_COMPONENT
from eventdesk.settings import NlpSettings
from tests.conftest import EXAMPLE_ARTICLE, shared_path

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL = NlpSettings().model
COMPARED = ["TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE", "NORM"]
ODD_TEXTS = (
    "I ain't gonna do it, y'all. Let's go! We gotta c'mon, ain't we? Nothin' doin', ol' 'em, we'll 'nuff said.",
    "AIN'T NOBODY GONNA STOP US, Y'ALL! LET'S MARCH ON THE CAPITOL TONIGHT.",
    "1. Bread\n2. Milk\n  - eggs\n\n\n* butter;   cheese\t\ttea\n\n",
    "Hello    world \n\n\n  again\u00a0\u00a0and\tagain.   ",
    "There is a man who's got 'em, and there are those that'd done it: it is him, not I.",
    "     ",
    "",
    "!!!",
)
# Rules beside the shipped ones, for the paths the shipped ones do not take: an OP and a length
# comparison (left to a Matcher), a run with a negative index and one that starts with any token,
# a flag, TEXT and a lower-case key; each later than (so overriding) the shipped rules.
EXTRA_RULES: list[dict[str, Any]] = [
    {"patterns": [[{"LOWER": "the"}, {"TAG": "JJ", "OP": "*"}, {"TAG": "NN"}]], "attrs": {"LEMMA": "the-noun"},
     "index": -1},
    {"patterns": [[{"LENGTH": {">=": 11}}]], "attrs": {"TAG": "LONG", "POS": "X"}},
    {"patterns": [[{"TAG": "DT"}, {"TAG": {"IN": ["NN", "NNS"]}, "DEP": {"NOT_IN": ["nsubj"]}}]],
     "attrs": {"MORPH": "Definite=Def|Number=Sing"}, "index": -1},
    {"patterns": [[{}, {"LOWER": {"REGEX": "^(strip|bank)$"}}]], "attrs": {"LEMMA": "before"}, "index": 0},
    {"patterns": [[{"IS_TITLE": True, "TAG": "NNP"}], [{"TEXT": "Israel"}]], "attrs": {"POS": "X"}},
    {"patterns": [[{"lower": "gaza"}]], "attrs": {"LEMMA": "GAZA", "MORPH": "_"}},
]


@pytest.fixture(scope="module")
def shipped() -> Language:
    return load_pipeline(MODEL, as_shipped=True)


@pytest.fixture(scope="module")
def swapped() -> Language:
    nlp = load_pipeline(MODEL, as_shipped=True)
    speed_up_attribute_rulers(nlp)
    return nlp


def annotations(doc: Doc) -> tuple[list[list[int]], list[str]]:
    return doc.to_array(COMPARED).tolist(), [str(token.morph) for token in doc]


def assert_same(first: Iterable[Doc], second: Iterable[Doc]) -> int:
    """Every doc's annotations alike; returns how many tokens were compared."""
    tokens = 0
    for one, other in zip(first, second, strict=True):
        assert annotations(one) == annotations(other), one.text[:80]
        tokens += len(one)
    return tokens


def before_the_ruler(nlp: Language, texts: Sequence[str]) -> list[Doc]:
    """The docs as the ruler gets them: tagged and parsed, nothing after."""
    after = nlp.pipe_names[nlp.pipe_names.index("attribute_ruler"):]
    with nlp.select_pipes(disable=after):
        return list(nlp.pipe(texts))


def ruled(ruler: Any, docs: Iterable[Doc]) -> Iterator[Doc]:
    return (ruler(doc.copy()) for doc in docs)


def corpus_texts() -> list[str]:
    lines = shared_path("corpus", "wikinews_politics", "articles.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines]


def test_load_pipeline_swaps_the_ruler_in_place_with_the_same_rules(shipped: Language) -> None:
    ours = load_pipeline(MODEL)
    expected = list(shipped.pipe_names)
    expected.insert(expected.index("parser"), PARAGRAPH_COMPONENT)
    assert ours.pipe_names == expected
    ruler = ours.get_pipe("attribute_ruler")
    assert isinstance(ruler, FastAttributeRuler)
    assert ruler.patterns == shipped.get_pipe("attribute_ruler").patterns
    plan = ruler.plan
    assert plan is not None and not plan.leftovers  # every shipped rule is compiled: no Matcher at all


def test_the_whole_pipeline_gives_the_same_annotations_on_the_example_and_odd_texts(
        shipped: Language, swapped: Language) -> None:
    example = EXAMPLE_ARTICLE.read_text(encoding="utf-8")
    texts = [example, example.upper(), example.lower(), *ODD_TEXTS]
    assert assert_same(shipped.pipe(texts), swapped.pipe(texts, batch_size=3)) > 3 * len(example.split())


def test_the_ruler_gives_the_same_annotations_on_every_corpus_article(shipped: Language) -> None:
    docs = before_the_ruler(shipped, corpus_texts())
    plain, fast = shipped.get_pipe("attribute_ruler"), shipped.create_pipe(FACTORY)
    fast.add_patterns(plain.patterns)
    assert assert_same(ruled(plain, docs), ruled(fast, docs)) > 80_000  # 144 articles, 90,766 tokens


def test_rules_off_the_fast_path_give_the_same_annotations(shipped: Language) -> None:
    plain, fast = shipped.create_pipe("attribute_ruler"), shipped.create_pipe(FACTORY)
    for ruler in (plain, fast):
        ruler.add_patterns([*shipped.get_pipe("attribute_ruler").patterns, *EXTRA_RULES])
    assert isinstance(fast, FastAttributeRuler) and fast.plan is not None
    assert len(fast.plan.leftovers) == 2 and len(fast.plan.runs) == 2 + 8
    example = EXAMPLE_ARTICLE.read_text(encoding="utf-8")
    docs = before_the_ruler(shipped, [example, *ODD_TEXTS, "The new bank by the West Bank strip."])
    assert assert_same(ruled(plain, docs), ruled(fast, docs)) > len(example.split())
    before = annotations(docs[0])
    assert annotations(fast(docs[0].copy())) != before  # the rules do write something


def test_a_rule_writing_another_attribute_leaves_the_work_to_spacy(shipped: Language) -> None:
    plain, fast = shipped.create_pipe("attribute_ruler"), shipped.create_pipe(FACTORY)
    for ruler in (plain, fast):
        ruler.add_patterns([*shipped.get_pipe("attribute_ruler").patterns,
                            {"patterns": [[{"LOWER": "said"}]], "attrs": {"NORM": "say"}}])
    assert isinstance(fast, FastAttributeRuler) and fast.plan is None
    docs = before_the_ruler(shipped, [EXAMPLE_ARTICLE.read_text(encoding="utf-8")])
    assert assert_same(ruled(plain, docs), ruled(fast, docs)) > 0
    assert "say" in [token.norm_ for token in fast(docs[0].copy())]


@pytest.mark.parametrize("pattern", [[{"LOWER": "the"}], [{"LOWER": "the"}, {"TAG": "JJ", "OP": "*"}]])
def test_an_index_outside_the_match_fails_as_in_spacy(shipped: Language, pattern: list[dict[str, Any]]) -> None:
    docs = before_the_ruler(shipped, ["The talks failed."])
    for factory in ("attribute_ruler", FACTORY):
        ruler = shipped.create_pipe(factory)
        ruler.add_patterns([{"patterns": [pattern], "attrs": {"LEMMA": "x"}, "index": 1}])
        with pytest.raises(ValueError, match="E1001"):
            ruler(docs[0].copy())


def test_new_rules_take_effect_after_the_first_doc(shipped: Language) -> None:
    fast = shipped.create_pipe(FACTORY)
    fast.add_patterns(shipped.get_pipe("attribute_ruler").patterns)
    docs = before_the_ruler(shipped, ["The talks failed."])
    assert fast(docs[0].copy())[0].lemma_ == ""  # the lemmatizer, after the ruler, sets it
    fast.add_patterns([{"patterns": [[{"LOWER": "the"}]], "attrs": {"LEMMA": "x"}}])
    assert fast(docs[0].copy())[0].lemma_ == "x"

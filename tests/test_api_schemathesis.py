"""schemathesis over the API's own OpenAPI spec, against the live server on loopback: every
operation in the spec (new ones included) gets generated requests, valid and invalid ones, and
no answer may be a server error (``not_a_server_error``). Bounded: ``EXAMPLES`` cases per
operation and generation mode, seeded, on a small store of real coded articles; writes carry
the token so POST /articles is exercised past its guard.

A longer run by hand (the schemathesis CLI against ``eventdesk serve``) is in docs/robustness.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

pytest.importorskip("fastapi", reason="the API extra is not installed (pip install 'eventdesk[api]')")
pytest.importorskip("schemathesis", reason="schemathesis is not installed (the dev extra)")
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from eventdesk.api import ApiConfig
from eventdesk.store import open_store
from tests.test_api import TOKEN, serve
from tests.test_store import ITEMS

EXAMPLES = 15
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path: Path = tmp_path_factory.mktemp("schemathesis") / "events.sqlite"
    open_store(path).close()
    for url in serve(ApiConfig(store=str(path), token=TOKEN)):
        for item in ITEMS:  # stored through the API itself: a few articles with events
            body = {"id": item.id, "text": item.text, "published": str(item.published)}
            assert httpx.post(url + "/articles", json=body, headers=AUTH, timeout=120).status_code == 200
        yield url


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_operation_answers_with_a_server_error(base: str, mode: GenerationMode) -> None:
    schema = schemathesis.openapi.from_url(base + "/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.label for op in operations} >= {"GET /events", "GET /events/{event_id}", "GET /articles",
                                               "POST /articles", "GET /actors", "GET /stats"}
    unsatisfiable: list[str] = []
    statuses: set[tuple[str, int]] = set()
    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                  phases=[Phase.explicit, Phase.generate, Phase.shrink], suppress_health_check=list(HealthCheck))
        def no_server_error(case: schemathesis.Case) -> None:
            response = case.call_and_validate(base_url=base, headers=AUTH, checks=[not_a_server_error], timeout=60)
            statuses.add((case.operation.label, response.status_code))

        try:
            no_server_error()
        except Unsatisfiable:  # nothing in this operation can be made invalid (a bare path string)
            assert mode is GenerationMode.NEGATIVE, operation.label
            unsatisfiable.append(operation.label)
    assert all("{" in label for label in unsatisfiable), unsatisfiable  # only bare path strings
    past_the_token = {label for label, status in statuses if status not in (401, 403)}
    assert past_the_token == {op.label for op in operations} - set(unsatisfiable), statuses
    if mode is GenerationMode.POSITIVE:  # valid requests got answers (a random text is rarely an article)
        answered = {label for label, status in statuses if status < 300}
        assert answered >= {"GET /events", "GET /articles", "GET /actors", "GET /stats"}, statuses
    else:
        assert {status for _, status in statuses} & {400, 422}, statuses

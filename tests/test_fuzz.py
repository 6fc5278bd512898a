"""A short coverage-guided fuzz run (atheris, i.e. libFuzzer) of the text cleaner and the date
parser, each target in its own subprocess for ``FUZZ_SECONDS``. A crash (any exception but an
``InputError``, or a broken invariant) fails the test and names the input libFuzzer saved.

Run one target longer by hand:  python tests/test_fuzz.py dates -max_total_time=600
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FUZZ_SECONDS = 10  # per target; both targets, start-up included, stay near 30 s
SEEDS = (
    "GAZA CITY (Reuters) — Israeli troops raided Jenin on Monday, the ministry said.\n\nREAD: Other news",
    "Photo: Protesters in Tunis, August 8, 2022 (Haydar Şahin – Anadolu Agency)\nPolice arrested 40 people.",
    "They met yesterday, a year earlier than the talks on Oct. 23 and from May 3 to May 9, 2021.",
    "Share this article\nSubscribe\n\nTehran, 12 February 2020 — Talks resume next week.",
)


@pytest.mark.fuzz
@pytest.mark.parametrize("target", ["cleaner", "dates"])
def test_fuzz_target_finds_no_crash(target: str, tmp_path: Path) -> None:
    pytest.importorskip("atheris", reason="atheris is not installed (pip install -e '.[dev]')")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for index, seed in enumerate(SEEDS):
        (corpus / f"seed-{index}").write_bytes(seed.encode())
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))}
    # libFuzzer checks the process's peak RSS (getrusage), which on Linux starts at this process's own peak: the
    # child is spawned from it and exec records the parent's high-water mark (a test worker that held several
    # pipelines made a 2 GB limit fail before the first input). The limit is 2 GB above that.
    inherited_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    command = [sys.executable, __file__, target, str(corpus), f"-max_total_time={FUZZ_SECONDS}", "-seed=20261125",
               f"-rss_limit_mb={2048 + inherited_mb}", "-timeout=10", f"-artifact_prefix={tmp_path}/"]
    done = subprocess.run(command, env=env, capture_output=True, timeout=FUZZ_SECONDS + 120, check=False)
    log = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 0, log[-3000:]
    assert "Done" in log and " runs in " in log, log[-3000:]


# ------------------------------------------------------------- the targets (run in the subprocess)


def cleaner_target() -> Callable[[bytes], None]:
    import atheris

    with atheris.instrument_imports(include=["eventdesk"]):
        from eventdesk.errors import InputError
        from eventdesk.extract import Extractor
        from eventdesk.extract.extractor import PARAGRAPH_BREAK
        from eventdesk.records import RawItem
    extractor = Extractor.from_settings()

    def run(data: bytes) -> None:
        text = data.decode("utf-8", "replace")
        try:
            article = extractor.extract(RawItem(id="f", source="<f>", text=text))
        except InputError as err:
            assert "\n" not in str(err)
            return
        assert PARAGRAPH_BREAK.join(article.text[s.start:s.end] for s in article.sections) == article.text
        assert all(0 <= s.start <= s.end <= len(article.text) for s in article.sections)

    return run


def dates_target() -> Callable[[bytes], None]:
    import datetime as dt

    import atheris

    with atheris.instrument_imports(include=["eventdesk"]):
        from eventdesk.dates import resolve_expression
        from eventdesk.extract.datelines import parse_date_line, split_dateline
        from eventdesk.extract.sources import parse_published

    def run(data: bytes) -> None:
        provider = atheris.FuzzedDataProvider(data)
        anchor = dt.date.fromordinal(provider.ConsumeIntInRange(1, dt.date.max.toordinal()))
        tense = provider.PickValueInList(["past", "present", "future"])
        text = provider.ConsumeUnicodeNoSurrogates(provider.remaining_bytes())
        mention = resolve_expression(text, anchor=anchor, tense=tense)
        if mention is not None:
            assert text[mention.start:mention.end] == mention.text
            assert mention.value is None or mention.end_value is None or mention.end_value >= mention.value
        parse_published(text)
        parse_date_line(text)
        split_dateline(text)

    return run


def main() -> None:
    import atheris

    target = {"cleaner": cleaner_target, "dates": dates_target}[sys.argv.pop(1)]()
    atheris.Setup(sys.argv, target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()

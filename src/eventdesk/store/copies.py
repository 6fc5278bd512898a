"""Duplicates stored once: a copy of a stored article (the same text, or nearly — a wire story
reprinted by another outlet, in this run or an earlier one) adds its source to the original
instead of being coded again.

``articles.fingerprint`` finds exact copies; ``articles.minhash`` (the MinHash signature) and
``article_bands`` (one key per LSH band → article) find near ones, with the same rules as
``eventdesk.dedup.near.NearDuplicateIndex``. ``article_sources`` keeps every source of an
article (its own first), and an event's ``num_sources`` counts the sites of them all.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from eventdesk.dedup import fingerprint_text
from eventdesk.dedup.near import THRESHOLD, band_keys, best_match, minhash, signature_from_bytes
from eventdesk.store.base import ArticleSource
from eventdesk.store.browse import BrowsingStore


class CopiesStore(BrowsingStore):
    """``BrowsingStore`` that recognises copies of stored articles and keeps their sources."""

    def find_copy(self, text: str) -> str | None:
        exact = self._run("SELECT id FROM articles WHERE fingerprint = ? ORDER BY id LIMIT 1",
                          (fingerprint_text(text),)).fetchone()
        if exact is not None:
            return str(exact[0])
        signature = minhash(text)
        keys = band_keys(signature)
        rows = self._run("SELECT DISTINCT a.id, a.minhash FROM article_bands b JOIN articles a ON a.id = b.article_id "
                         f"WHERE b.hash IN ({', '.join('?' * len(keys))}) AND a.minhash IS NOT NULL ORDER BY a.id",
                         keys).fetchall()
        return best_match(signature, ((str(r[0]), signature_from_bytes(bytes(r[1]))) for r in rows), THRESHOLD)

    def add_copy(self, copy: ArticleSource, *, input_hash: str) -> bool:
        with self._transaction():
            if self._run("SELECT 1 FROM articles WHERE id = ?", (copy.article_id,)).fetchone() is None:
                return False
            self.keep_source(copy, input_hash=input_hash)
            events = self._run("SELECT DISTINCT event_id FROM mentions WHERE article_id = ? ORDER BY event_id",
                               (copy.article_id,)).fetchall()
            for (event_id,) in events:
                self.refresh_event(event_id)
        return True

    def sources(self, article_id: str) -> list[ArticleSource]:
        rows = self._run("SELECT item_id, article_id, source, url, site, title, published, fetched "
                         "FROM article_sources WHERE article_id = ? ORDER BY item_id <> article_id, added_at, item_id",
                         (article_id,)).fetchall()
        return [_source(row) for row in rows]


def _source(row: Any) -> ArticleSource:
    item_id, article_id, source, url, site, title, published, fetched = row
    return ArticleSource(item_id=item_id, article_id=article_id, source=source, url=url, site=site, title=title,
                         published=dt.date.fromisoformat(published) if published else None,
                         fetched=dt.date.fromisoformat(fetched) if fetched else None)

"""The extract stage: inputs — files, folders, stdin, URLs, RSS/Atom feeds, WARC files — to
``RawItem`` records (``read_items``), and each item — scraped text or an HTML page — to a
clean ``Article`` (``Extractor``). docs/ingest.md lists every input.

    >>> extractor = Extractor.from_settings(ExtractSettings())
    >>> for item in read_items(["articles.jsonl"]):
    ...     article = extractor.extract(item)  # raises InputError subclasses

The cleaning rules (boilerplate lines, credit names) are data: ``eventdesk/data/extract``.
"""

from eventdesk.extract.extractor import Extractor
from eventdesk.extract.sources import read_items

__all__ = ["Extractor", "read_items"]

"""Turning coded records into the formats people read: PLOVER JSON records, the ``code``
output line, CSV rows and readable tables."""

from eventdesk.export.jsonl import coded_article_to_dict, dumps_line
from eventdesk.export.plover import event_to_plover

__all__ = ["coded_article_to_dict", "dumps_line", "event_to_plover"]

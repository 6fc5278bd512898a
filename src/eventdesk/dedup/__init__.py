"""The dedup stage: one event coded twice in an article becomes one, and a content
fingerprint recognises the same article arriving again from another source.

    >>> events = merge_events(events)
    >>> fingerprint_text(article.text)
    'e3b0c4…'
"""

from eventdesk.dedup.events import SYMMETRIC_CATEGORIES, merge_events, same_event
from eventdesk.dedup.fingerprint import fingerprint_text, normalise_text

__all__ = ["SYMMETRIC_CATEGORIES", "fingerprint_text", "merge_events", "normalise_text", "same_event"]

"""The quotes stage: direct quotations in an article and who said them.

    >>> finder = QuoteFinder.from_settings(QuoteSettings())
    >>> quotes = finder.find(parsed, actors=actor_mentions)

Quotation marks are paired from the text alone (``marks``); speakers come from the dependency
parse (``speakers``); the speech verbs are data (``data/quotes/speech_verbs.tsv``).
"""

from eventdesk.quotes.finder import QuoteFinder
from eventdesk.quotes.verbs import SpeechVerbs, load_speech_verbs

__all__ = ["QuoteFinder", "SpeechVerbs", "load_speech_verbs"]

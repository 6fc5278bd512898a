"""The actors stage: who is named or referred to in an article, coded CAMEO-style.

``ActorResolver.from_settings(settings.actors).resolve(parsed)`` returns the article's
``ActorMention`` records, sorted by start offset.
"""

from eventdesk.actors.dictionary import ActorDictionary
from eventdesk.actors.resolver import ActorResolver

__all__ = ["ActorDictionary", "ActorResolver"]

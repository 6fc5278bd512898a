"""The events stage: a trigger lexicon over the dependency parse codes PLOVER/CAMEO events.

``EventCoder.from_settings(settings.events).code(parsed, actors=..., places=..., dates=...,
quotes=...)`` returns ``Event`` records; the code tables live in :mod:`eventdesk.events.ontology`
and the auxiliary modes (negated, hypothetical, future, historical) in
:mod:`eventdesk.events.modality`; :func:`eventdesk.events.dyads.cameo_dyads` reads an event as
PETRARCH-style (source country, target country, CAMEO root) triples.
"""

from eventdesk.events.coder import EventCoder
from eventdesk.events.lexicon import Lexicon, TriggerEntry

__all__ = ["EventCoder", "Lexicon", "TriggerEntry"]

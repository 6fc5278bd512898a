"""The nlp stage: the only module that imports spaCy.

It turns an ``Article`` into a spaCy-free ``ParsedArticle`` (tokens with dependency heads,
sentences, entities, noun chunks) so that every later stage works from character offsets.
"""

from eventdesk.nlp.attribute_ruler import FastAttributeRuler, speed_up_attribute_rulers
from eventdesk.nlp.parser import Parser, load_pipeline

__all__ = ["FastAttributeRuler", "Parser", "load_pipeline", "speed_up_attribute_rulers"]

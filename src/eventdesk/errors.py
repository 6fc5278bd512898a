"""The exception hierarchy. ``str(err)`` is always one line naming the input and the problem.

::

    EventdeskError
    ├── InputError            a bad article: the run records it, skips it, goes on
    │   ├── EmptyInputError       nothing to code (empty file, blank text)
    │   ├── DecodeError           not text (binary, undecodable bytes)
    │   └── FormatError           malformed input (a bad JSONL line, a missing field)
    ├── DataFileError         a knowledge file is wrong: ``path:line: problem``
    ├── SettingsError         a settings file or value is wrong
    ├── ModelError            a spaCy model is not installed or cannot be loaded
    └── StoreError            the database cannot be opened or written

``Pipeline.run()`` catches only ``InputError``; everything else propagates.
"""

from __future__ import annotations


class EventdeskError(Exception):
    """Base of every error eventdesk raises on purpose."""


class InputError(EventdeskError):
    """One input item cannot be coded. ``source`` names it (path, path:line, URL)."""

    def __init__(self, source: str, problem: str, *, item_id: str | None = None) -> None:
        self.source = source
        self.problem = " ".join(problem.split())  # one line, always
        self.item_id = item_id  # the article's id, when it is known
        super().__init__(f"{source}: {self.problem}")


class EmptyInputError(InputError):
    """The item holds no text to code."""


class DecodeError(InputError):
    """The item is not decodable text."""


class FormatError(InputError):
    """The item is malformed (bad JSON, missing field, wrong type)."""


class DataFileError(EventdeskError):
    """A knowledge file (dictionary, lexicon, code table) is malformed."""

    def __init__(self, path: str, line: int | None, problem: str) -> None:
        self.path = path
        self.line = line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {' '.join(problem.split())}")


class SettingsError(EventdeskError):
    """A setting is missing, unknown or of the wrong type."""


class ModelError(EventdeskError):
    """A spaCy pipeline is missing or unusable."""


class StoreError(EventdeskError):
    """The store cannot be opened, migrated or written."""

"""The dates stage: time expressions resolved against the publication date.

    >>> import datetime
    >>> resolve_expression("The talks ended yesterday.", anchor=datetime.date(2023, 3, 1)).value
    datetime.date(2023, 2, 28)

``DateResolver.from_settings(settings.dates).resolve(parsed)`` finds every time expression of
a parsed article and gives each a ``DateMention``: the day, week (its Monday), month (its first
day) or year (January 1) it names, and the last day of a range. The word lists are data, in
``data/dates/`` (see its README).
"""

from eventdesk.dates.resolver import DateResolver, resolve_expression

__all__ = ["DateResolver", "resolve_expression"]

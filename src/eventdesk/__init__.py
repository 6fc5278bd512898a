"""eventdesk: news in, checkable political event data out.

    >>> from eventdesk import Pipeline, Settings
    >>> pipeline = Pipeline.from_settings(Settings.load())
    >>> coded = pipeline.process_text("Israeli forces raided Jenin on Monday.", published="2024-05-06")
"""

__version__ = "0.1.0"

"""The ``eventdesk`` command. Exit codes: 0 all processed, 1 some inputs skipped, 2 usage or
setup error (bad flag, missing model, unreadable settings or database).

The group lives here; each module of this package adds its commands to it.
"""

from __future__ import annotations

import click

from eventdesk import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="eventdesk")
def cli() -> None:
    """eventdesk: news in, coded political events out (who did what to whom, when and where).

    \b
    Quick tour:
      eventdesk code article.txt                 # one JSON record per article on stdout
      cat articles.jsonl | eventdesk code -      # a Unix filter over JSONL
      eventdesk run news/ --db events.sqlite     # code and store (re-runs skip what is stored)
      eventdesk events --db events.sqlite --event ASSAULT --format csv
    """



def main() -> None:
    """Console entry point."""
    cli.main(prog_name="eventdesk")


# Importing the command modules registers their commands on ``cli``.
from eventdesk.cli import coding, data, evaluation, exporting, reading, serve, spark, watch  # noqa: E402

__all__ = ["cli", "coding", "data", "evaluation", "exporting", "main", "reading", "serve", "spark", "watch"]

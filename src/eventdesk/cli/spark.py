"""``eventdesk spark``: code a corpus on Apache Spark into Parquet datasets."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import click

from eventdesk.cli import cli
from eventdesk.cli.common import SetupError, load_settings, model_option, settings_option
from eventdesk.errors import EventdeskError


@cli.command()
@click.argument("input_path", metavar="INPUT")
@click.argument("output", type=click.Path(file_okay=False, path_type=Path))
@click.option("--master", help="Spark master URL, e.g. local[4], spark://host:7077, yarn (default: Spark's own).")
@click.option("--partitions", type=click.IntRange(min=1), metavar="N",
              help="Code in N partitions (default: as Spark reads the input); each loads the pipeline once.")
@click.option("--overwrite", is_flag=True, help="Replace OUTPUT when it exists.")
@model_option
@settings_option
def spark(input_path: str, output: Path, master: str | None, partitions: int | None, overwrite: bool,
          model: str | None, settings_path: Path | None) -> None:
    """Code INPUT on Apache Spark and write Parquet datasets OUTPUT/articles/ and OUTPUT/events/.

    INPUT is a JSONL file or folder (one article a line, as for `eventdesk code`), a Parquet
    dataset with the columns id, text or html, and optionally url, title, published, or a
    WARC/WARC.gz file or folder of them (each file a partition, read by the workers). Each
    partition builds the pipeline once and codes its articles with the same entry point as
    `eventdesk code`. Needs the `spark` extra (pyspark) and Java 17.

    \b
    Examples:
      eventdesk spark news.jsonl coded/ --master 'local[2]'
      eventdesk spark s3a://bucket/news.parquet s3a://bucket/coded/ --master yarn --partitions 400
      eventdesk spark /mnt/crawl/CC-MAIN-2026-47/ coded/ --master 'local[8]'
      spark-submit --master 'local[*]' $(which eventdesk) spark news.jsonl coded/
    """
    try:
        from eventdesk.runners.spark import code_on_spark, spark_session
    except ImportError as err:
        raise SetupError(f"pyspark is not installed ({err}); install eventdesk[spark]") from None
    settings = load_settings(settings_path, model=model)
    if output.exists():
        if not overwrite:
            raise click.UsageError(f"{output}: already exists (use --overwrite to replace it)")
        shutil.rmtree(output)
    try:
        with spark_session(master=master) as session:
            report = code_on_spark(session, input_path, str(output), settings=settings, partitions=partitions)
    except EventdeskError as err:
        raise SetupError(str(err)) from None
    for error in report.errors:
        click.echo(error, err=True)
    click.echo(f"{output}: coded {report.articles - report.skipped} articles with {report.events} events; "
               f"{report.skipped} skipped", err=True)
    sys.exit(1 if report.skipped else 0)

"""Ways of running the pipeline over many items: store ingest, local processes
(``ProcessCoder``) and Apache Spark (``eventdesk.runners.spark``, imported on demand since it
needs the ``spark`` extra)."""

from eventdesk.runners.ingest import IngestReport, ingest, input_hash
from eventdesk.runners.pool import Coder, ProcessCoder

__all__ = ["Coder", "IngestReport", "ProcessCoder", "ingest", "input_hash"]

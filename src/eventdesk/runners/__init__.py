"""Ways of running the pipeline over many items: store ingest now; processes and Spark later."""

from eventdesk.runners.ingest import IngestReport, ingest, input_hash

__all__ = ["IngestReport", "ingest", "input_hash"]

"""The project's Celery app with faults injected into extraction, for fault tests only.

An article whose text holds `[[slow]]` takes FAULT_SLOW_SECONDS to extract (time to kill
its worker); one holding `[[poison]]` makes the extractor raise.
"""

import os
import time

from celery.signals import worker_process_init

from factcheck.celery import app


@worker_process_init.connect
def _inject_faults(**kwargs):
    from claims.ingest import extract as extraction

    real_extract = extraction.extract

    def faulty_extract(text, **options):
        if "[[poison]]" in text:
            raise RuntimeError("poisoned article")
        if "[[slow]]" in text:
            time.sleep(float(os.environ.get("FAULT_SLOW_SECONDS", "3")))
        return real_extract(text, **options)

    extraction.extract = faulty_extract


__all__ = ["app"]

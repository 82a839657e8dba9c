"""The Celery application, configured from Django settings (CELERY_* names).

Tasks take IDs of rows written in the same transaction, so callers enqueue
with `delay_on_commit` (DjangoTask): sending before the commit would let a
worker look for a row that does not exist yet, or never will."""

import gc
import os

from celery import Celery
from celery.contrib.django.task import DjangoTask
from celery.signals import worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("tracker", task_cls=DjangoTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
# Tasks live beside the stage they serve, not in one tasks.py per app.
app.autodiscover_tasks(
    [
        "commitments",
        "tracker.ingest",
        "tracker.extraction_runs",
        "tracker.webhooks",
    ]
)


@app.task(name="config.ping")
def ping(value: int) -> int:
    """A trivial task for health checks and the broker round-trip test."""
    return value + 1


def _prefork(worker: object) -> bool:
    pool = getattr(worker, "pool_cls", "prefork")
    name = pool if isinstance(pool, str) else getattr(pool, "__module__", "")
    return "prefork" in name


@worker_init.connect
def preload_extraction_model(sender: object = None, **_: object) -> None:
    """Load the Kiwi model in the prefork parent, before the pool forks: the
    children then share its ~500 MB copy-on-write instead of each loading its
    own. A solo or thread pool is one process and loads it on first use."""
    from django.conf import settings

    if not settings.EXTRACTION_PRELOAD_MODEL or not _prefork(sender):
        return
    from tracker.extraction.sentences import get_kiwi

    # One analysis here: Kiwi builds its analyser (~230 MB more) on first
    # use, and built in the parent it is shared too. Safe before a fork
    # because get_kiwi() asks for no thread pool: a pool thread would not
    # survive the fork and a child would wait on it forever.
    get_kiwi().split_into_sents(
        "서울시는 2030년까지 주택을 공급한다.", return_tokens=True
    )
    # Objects made so far are never collected: the collector would otherwise
    # write to their headers in every child and unshare the pages they sit in.
    gc.freeze()

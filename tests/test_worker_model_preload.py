"""Extraction workers share one Kiwi model: the prefork parent loads it before
the pool forks (config/celery.py), and the children can use it."""

import subprocess
import sys
import textwrap

from config.celery import _prefork, preload_extraction_model
from tests.services import ROOT, worker_env

# What Celery does: `worker_init` in the parent, then fork the pool. Each
# child then extracts an article, as a task would; a child stuck on a thread
# that did not survive the fork is killed by the alarm and fails the test.
FORK_SCRIPT = textwrap.dedent(
    """
    import os, signal, sys
    import django
    django.setup()
    from config.celery import preload_extraction_model
    from tracker.extraction import extract
    from tracker.extraction.sentences import get_kiwi

    class Worker:
        pool_cls = "prefork"

    preload_extraction_model(sender=Worker())
    assert get_kiwi.cache_info().currsize == 1, "the parent has the model"
    assert len(os.listdir("/proc/self/task")) == 1, "no thread to lose in a fork"
    text = "서울시는 2030년까지 공공주택 8만 호를 공급하겠다고 밝혔다. 두 번째 문장이다."
    children = []
    for _ in range(2):
        pid = os.fork()
        if pid == 0:
            signal.alarm(60)
            loaded = get_kiwi.cache_info().currsize
            found = extract(text)
            os._exit(0 if loaded == 1 and found else 3)
        children.append(pid)
    codes = [os.waitstatus_to_exitcode(os.waitpid(p, 0)[1]) for p in children]
    print("children", codes)
    sys.exit(max(abs(c) for c in codes))
    """
)


def test_forked_children_extract_with_the_model_the_parent_loaded():
    result = subprocess.run(
        [sys.executable, "-c", FORK_SCRIPT],
        cwd=ROOT,
        env=worker_env(DJANGO_SETTINGS_MODULE="config.settings"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert "children [0, 0]" in result.stdout


def test_only_a_prefork_pool_preloads(settings):
    class Solo:
        pool_cls = "solo"

    class Prefork:
        pool_cls = "prefork"

    assert _prefork(Prefork()) and not _prefork(Solo())
    settings.EXTRACTION_PRELOAD_MODEL = False
    # Off: nothing is loaded, whatever the pool.
    from tracker.extraction.sentences import get_kiwi

    before = get_kiwi.cache_info().currsize
    preload_extraction_model(sender=Prefork())
    assert get_kiwi.cache_info().currsize == before

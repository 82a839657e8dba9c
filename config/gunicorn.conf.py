"""gunicorn settings for the web process (`gunicorn -c config/gunicorn.conf.py
config.wsgi`); each can be changed from the environment.

Threaded workers (`gthread`): a long download (the exports of a large record
stream for a minute or more) holds one thread, not a whole worker, so other
requests keep being served; and the worker's heartbeat runs in its main
thread, so `timeout` no longer cuts a download off part-way (with the sync
worker it killed the worker after 30 s and the reader got a truncated file).
`timeout` still restarts a worker whose main loop hangs.

`preload_app`: the application is imported and warmed up once in the master
(`config/warmup.py`), and the workers fork with it in shared memory, so the
first request after a worker starts costs about what any other does; each
worker then warms itself before it serves (`post_worker_init` below).
"""

import os
from typing import Any

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = 5
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") not in ("0", "false", "")
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None
# The heartbeat file on tmpfs: a container's overlay disk can stall it.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None


def post_worker_init(worker: Any) -> None:
    """Each worker warms itself up before serving (`config.warmup.warm_worker`):
    its own database connection and prepared statements, and what the fork
    left to touch."""
    if os.environ.get("WEB_WARMUP", "1") not in ("0", "false", ""):
        from config.warmup import warm_worker

        # gthread workers serve from a thread pool: each thread is warmed.
        warm_worker(worker.wsgi, getattr(worker, "tpool", None), worker.cfg.threads)

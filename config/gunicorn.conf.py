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
first request after a worker starts costs about what any other does.
"""

import os

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

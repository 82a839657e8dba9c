"""Tasks the benchmarks load into a worker with `celery worker -I`; never part
of the project's own task list."""

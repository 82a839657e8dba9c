"""Every task is a plain DjangoTask with Celery's own `delay`, `apply_async`
and `delay_on_commit`: whether a task is sent now or after the transaction
commits must be visible at the call site, not hidden in a redefined `delay`."""

from celery.app.task import Task
from celery.contrib.django.task import DjangoTask

from config.celery import app


def test_no_task_redefines_celerys_sending_methods():
    app.loader.import_default_modules()
    ours = {
        name: task for name, task in app.tasks.items() if not name.startswith("celery.")
    }
    assert "tracker.webhooks.tasks.webhook_deliver_task" in ours
    assert "tracker.extraction_runs.extract_source" in ours
    for name, task in ours.items():
        cls = type(task)
        assert isinstance(task, DjangoTask), name
        assert cls.delay is Task.delay, name
        assert cls.apply_async is Task.apply_async, name
        assert cls.delay_on_commit is DjangoTask.delay_on_commit, name

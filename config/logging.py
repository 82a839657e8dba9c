"""Logging helpers wired into settings.LOGGING.

Django's `django.request` logger attaches the exception (and so a full
traceback) to every 403 raised as PermissionDenied, and to 400s from
BadRequest. A refused request is routine: it should be one line, so that the
tracebacks that remain in the log are the real errors (5xx).
"""

import logging


class ClientErrorsOnOneLine(logging.Filter):
    """Drop the traceback from records about 4xx responses; keep the record.

    Records from `django.request` carry the response's `status_code` in
    `extra`. Anything below 500 is a client's mistake or a refusal, not a
    failure of ours, so it is logged as its one-line message. 5xx records (and
    records without a status code) pass through untouched.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and status < 500 and record.exc_info:
            record.exc_info = None
            record.exc_text = None
            record.stack_info = None
        return True

"""Domain errors: what services raise when input breaks a rule.

Views and API endpoints turn them into a form error or a JSON body with the
stable `code`, and a 4xx status, never a 500.
"""


class DomainError(Exception):
    """A rule of the record was broken. `code` is stable for API clients."""

    code = "invalid"
    http_status = 400

    def __init__(
        self, message: str, *, code: str | None = None, field: str = ""
    ) -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.field = field


class ValidationFailed(DomainError):
    code = "validation_failed"
    http_status = 422


class PermissionDenied(DomainError):
    code = "forbidden"
    http_status = 403


class NotFound(DomainError):
    code = "not_found"
    http_status = 404


class Conflict(DomainError):
    """The record changed since the caller last saw it (stale form, double accept)."""

    code = "conflict"
    http_status = 409

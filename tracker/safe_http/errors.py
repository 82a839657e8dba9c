"""Why a fetch failed, with a stable code for forms and API clients."""

from commitments.errors import ValidationFailed


class FetchError(ValidationFailed):
    """The address could not be fetched, or was refused. A 422 for callers."""

    code = "fetch_failed"

    def __init__(self, message: str, *, code: str = "fetch_failed") -> None:
        super().__init__(message, code=code, field="url")

"""The error statuses of newsroom operations, for their `response=`
declarations: every one is an `ErrorOut` body (config/api.py)."""

from commitments.api.schemas import error_responses

# A write: a body that is not a JSON object (400), no or a bad credential
# (401), a role or CSRF refusal (403), an unknown candidate, pledge or source
# (404), a stale `version` or a decision already taken (409), a body over the
# upload limit (413), invalid fields (422), the rate limit (429).
NEWSROOM_WRITE_ERRORS = error_responses(400, 401, 403, 404, 409, 413, 422, 429, 500)

# A read: as a write, less what only a body or a change can cause.
NEWSROOM_READ_ERRORS = error_responses(400, 401, 403, 404, 429, 500)

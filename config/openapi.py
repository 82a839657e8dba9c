"""What the OpenAPI document says beyond the routers' declarations.

The routers declare which statuses each operation answers (`response=`, every
error an `ErrorOut`); ninja names them only by their HTTP phrase. Here each
error status gets the codes it carries, as config/api.py and config/errors.py
make them, and a 429 its `Retry-After` header, so a client generated from the
document knows what to expect.
"""

from typing import Any

ERROR_DESCRIPTIONS = {
    "304": (
        "Not modified: the copy named by `If-None-Match` or `If-Modified-Since` "
        "is current. No body."
    ),
    "400": (
        "`bad_request`: the body is not a JSON object in UTF-8, or the request "
        "could not be understood. `invalid_cursor`: a cursor this server did "
        "not give (start again without one)."
    ),
    "401": (
        "`unauthorized`: no signed-in session and no valid API key "
        "(`Authorization: Bearer <key>`)."
    ),
    "403": (
        "`forbidden`: your role may not do this, or a signed-in browser sent "
        "no CSRF token."
    ),
    "404": (
        "`not_found`, or a more specific code (`source_not_found`, "
        "`pledge_not_found`, `unknown_target`, …): no such resource."
    ),
    "409": (
        "`conflict`, or a more specific code: the pledge changed since the "
        "`version` you sent, or the candidate was already decided. Read it "
        "again and retry."
    ),
    "413": "`too_large`: the body is over the upload limit (`details.limit_bytes`).",
    "422": (
        "`invalid_input`: a parameter or field is missing, of the wrong type, "
        "out of range or repeated (`details.errors`). `validation_failed`, or a "
        "more specific code (`empty_text`, `fetch_failed`, …): the values break "
        "a rule of the record (`details.field`)."
    ),
    "429": (
        "`rate_limited`: too many requests; wait `Retry-After` seconds "
        "(also `details.retry_after`)."
    ),
    "500": "`server_error`: something went wrong on our side; it has been logged.",
}

RETRY_AFTER = {
    "description": "Seconds to wait before the next request.",
    "schema": {"type": "integer", "minimum": 1},
}


def describe_errors(schema: dict[str, Any]) -> dict[str, Any]:
    """Fill in the error statuses' descriptions (and headers) in `schema`."""
    for methods in schema.get("paths", {}).values():
        for operation in methods.values():
            for status, response in operation.get("responses", {}).items():
                key = str(status)
                if key in ERROR_DESCRIPTIONS:
                    response["description"] = ERROR_DESCRIPTIONS[key]
                if key == "429":
                    response.setdefault("headers", {})["Retry-After"] = RETRY_AFTER
    return schema

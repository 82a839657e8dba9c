"""Schemathesis hooks: values the API's schema describes that a generator
cannot invent. Loaded by `.ci/api-contract` (SCHEMATHESIS_HOOKS) and by the
pytest schemathesis tests.

A cursor (`format: cursor`) is minted by the server and signed with its
SECRET_KEY; a client only ever sends one it was given. The positive cases
sign arbitrary positions with the same key, as the server would, so they test
every position a real cursor can hold; the negative cases still send made-up
ones, which must be a 400.
"""

import os
from datetime import UTC

import django
import schemathesis
from django.apps import apps
from hypothesis import strategies as st

# Under schemathesis' CLI nothing has set Django up; under pytest it is, and a
# second setup would configure logging again mid-session.
if not apps.ready:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()

from commitments.api.pagination import encode_cursor

CURSORS = st.builds(
    encode_cursor,
    st.datetimes(timezones=st.just(UTC)),
    st.integers(min_value=0, max_value=2**63 - 1),
)

schemathesis.openapi.format("cursor", CURSORS)

"""Schemathesis against the running app's OpenAPI schema: every public GET
operation, at least 100 generated examples each (and as many invalid ones),
on PostgreSQL. Zero failures: no 500, every status code, content type and
body as documented.

Operations are listed from the API at collection time and each is driven with
its schemathesis Hypothesis strategy (schemathesis' own pytest loader does not
support this pytest version)."""

import pytest
import schemathesis
from django.contrib.auth.models import Group
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis.errors import Unsatisfiable
from schemathesis.generation import GenerationMode

import tests.schemathesis_hooks  # noqa: F401  (registers the cursor format)
from commitments.roles import JOURNALISTS
from config.api import api
from tests.commitments.api_support import full_pledge, skip_without_postgres
from tests.factories import JournalistFactory, OwnerFactory, PledgeFactory
from tests.services import require_postgres

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True),
]
skip_without_postgres()

# The session's live server may have started before the tests switched the
# HTTPS redirect off; say the request came through a TLS proxy instead
# (SECURE_PROXY_SSL_HEADER), as in production.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}

PUBLIC_GETS = sorted(
    path
    for path, methods in api.get_openapi_schema()["paths"].items()
    if "get" in methods and "/newsroom/" not in path
)
EXAMPLES = 100


@pytest.fixture
def api_schema(live_server, settings):
    require_postgres()
    # Thousands of requests from one address: lift the limit for this run.
    settings.API_RATE_LIMIT_ANON = "1000000/min"
    settings.API_SYNC_SETTLE_SECONDS = 0
    # A transactional test's flush also empties the groups the migrations made.
    Group.objects.get_or_create(name=JOURNALISTS)
    journalist = JournalistFactory(username="schema-journalist")
    parent = OwnerFactory(slug="서울시", name="서울특별시")
    full_pledge(journalist, owner=OwnerFactory(slug="seoul-mayor", parent=parent))
    full_pledge(journalist)
    PledgeFactory.create_batch(3, status="kept", is_overdue=True)
    return schemathesis.openapi.from_url(
        f"{live_server.url}/api/v1/openapi.json", headers=PROXY_HEADERS
    )


def test_every_public_get_operation_is_covered():
    assert len(PUBLIC_GETS) >= 12
    assert "/api/v1/pledges" in PUBLIC_GETS


@pytest.mark.parametrize("path", PUBLIC_GETS)
@pytest.mark.parametrize(
    "mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=str
)
def test_public_get_operation_conforms_to_the_schema(api_schema, path, mode):
    operation = api_schema[path]["GET"]
    names = {p.name for p in operation.query}
    calls = []

    # Cursors (`format: cursor`) come from tests.schemathesis_hooks: signed
    # like the server's in positive cases, made up (a 400) in negative ones.
    @given(case=operation.as_strategy(generation_mode=mode))
    @hypothesis_settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    def check(case) -> None:
        calls.append(1)
        case.call_and_validate(headers=PROXY_HEADERS)

    try:
        check()
    except Unsatisfiable:
        # No parameter can be given an invalid value (none, or free text).
        assert mode == GenerationMode.NEGATIVE
    else:
        # An operation without parameters has exactly one possible request
        # (Hypothesis stops once it has tried it); every other gets >= 100.
        has_parameters = bool(names) or bool(list(operation.path_parameters))
        assert len(calls) >= (EXAMPLES if has_parameters else 1)

"""The public API's owner detail follows a merged owner's redirect, as the
owner's HTML page does: 301 to the survivor's API address."""

import pytest

from commitments import services
from tests.factories import OwnerFactory, PledgeFactory

pytestmark = pytest.mark.django_db


def test_a_merged_owners_old_slug_is_a_301_to_the_survivor(client, editor):
    survivor = OwnerFactory(slug="government", name="대한민국 정부")
    duplicate = OwnerFactory(slug="jeongbu", name="정부")
    PledgeFactory(owner=duplicate)
    services.owner_merge(actor=editor, duplicate=duplicate, survivor=survivor)
    response = client.get("/api/v1/owners/jeongbu?x=1")
    assert response.status_code == 301
    assert response["Location"] == "http://testserver/api/v1/owners/government?x=1"
    followed = client.get(response["Location"])
    assert followed.status_code == 200
    body = followed.json()
    assert (body["slug"], body["pledge_count"]) == ("government", 1)


def test_a_merged_korean_slug_redirects_to_an_encoded_address(client, editor):
    survivor = OwnerFactory(slug="서울시", name="서울특별시")
    duplicate = OwnerFactory(slug="서울", name="서울")
    services.owner_merge(actor=editor, duplicate=duplicate, survivor=survivor)
    response = client.get("/api/v1/owners/서울")
    assert response.status_code == 301
    assert response["Location"].endswith("/api/v1/owners/%EC%84%9C%EC%9A%B8%EC%8B%9C")
    assert client.get(response["Location"]).json()["slug"] == "서울시"


def test_an_unknown_slug_is_still_a_404(client):
    response = client.get("/api/v1/owners/nobody")
    assert response.status_code == 404

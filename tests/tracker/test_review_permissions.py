"""Anonymous, reader, journalist and editor against every review action, in
HTML and in the API. Nothing a refused user sends changes a candidate."""

import json

import pytest
from django.urls import reverse

from commitments.models import Pledge
from tests.factories import OwnerFactory, PledgeFactory, UserFactory
from tracker.extraction_runs import runner
from tracker.ingest.services import source_ingest_text
from tracker.models import Candidate
from tracker.review.services import candidate_reject

pytestmark = pytest.mark.django_db

ARTICLE = (
    "서울시는 5일 청년 주거 대책을 발표했다.\n"
    "오세훈 서울시장은 2030년까지 청년 주택 5만호를 공급하겠다고 밝혔다.\n"
    "또 2028년까지 공공 보육시설 300곳을 새로 짓겠다고 약속했다.\n"
)
ROLES = ["anonymous", "reader", "journalist", "editor"]


@pytest.fixture
def world(editor):
    owner = OwnerFactory(slug="seoul", name="서울시", aliases=["서울시", "오세훈"])
    source, _ = source_ingest_text(actor=editor, body=ARTICLE, language="ko")
    runner.job_run(source_id=source.pk)
    pending, rejected = Candidate.objects.filter(source=source).order_by("quote_start")
    candidate_reject(actor=editor, candidate=rejected, reason="opinion")
    return {
        "source": source,
        "pending": pending,
        "rejected": rejected,
        "pledge": PledgeFactory(owner=owner),
    }


@pytest.fixture
def as_role(client, editor, journalist):  # type: ignore[no-untyped-def]
    def login(role: str):  # type: ignore[no-untyped-def]
        users = {
            "reader": UserFactory(username="ray-reader"),
            "journalist": journalist,
            "editor": editor,
        }
        if role != "anonymous":
            client.force_login(users[role])
        return client

    return login


def snapshot() -> list[tuple]:
    return sorted(
        Candidate.objects.values_list("public_id", "state", "reject_reason", "pledge")
    )


# (method, url name, args builder, POST data builder, who may)
HTML_ACTIONS = [
    ("get", "review-queue", lambda w: [], None, "editor"),
    ("get", "review-source", lambda w: [w["source"].public_id], None, "editor"),
    ("get", "review-source-status", lambda w: [w["source"].public_id], None, "editor"),
    ("get", "candidate-accept", lambda w: [w["pending"].public_id], None, "editor"),
    (
        "post",
        "candidate-accept",
        lambda w: [w["pending"].public_id],
        lambda w: {
            "title": "청년 주택",
            "owner": w["pledge"].owner.pk,
            "targets-TOTAL_FORMS": "0",
            "targets-INITIAL_FORMS": "0",
        },
        "editor",
    ),
    (
        "post",
        "candidate-merge",
        lambda w: [w["pending"].public_id],
        lambda w: {"pledge": w["pledge"].slug},
        "editor",
    ),
    (
        "post",
        "candidate-reject",
        lambda w: [w["pending"].public_id],
        lambda w: {"reason": "too_vague"},
        "editor",
    ),
    (
        "post",
        "candidate-reopen",
        lambda w: [w["rejected"].public_id],
        lambda w: {},
        "editor",
    ),
    (
        "post",
        "review-bulk-reject",
        lambda w: [w["source"].public_id],
        lambda w: {"reason": "opinion", "candidates": [w["pending"].public_id]},
        "editor",
    ),
    (
        "post",
        "review-reextract",
        lambda w: [w["source"].public_id],
        lambda w: {},
        "editor",
    ),
    ("get", "submit-article", lambda w: [], None, "journalist"),
    (
        "post",
        "submit-article",
        lambda w: [],
        lambda w: {"text": "부산시는 2030년까지 나무 100만 그루를 심겠다고 밝혔다."},
        "journalist",
    ),
    ("get", "api-keys", lambda w: [], None, "journalist"),
    ("post", "api-keys", lambda w: [], lambda w: {"name": "laptop"}, "journalist"),
]


def allowed(role: str, who: str) -> bool:
    return role == "editor" or (who == "journalist" and role == "journalist")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "method,name,args,data,who",
    HTML_ACTIONS,
    ids=[f"{a[0]}-{a[1]}" for a in HTML_ACTIONS],
)
def test_html_review_actions_by_role(
    world, as_role, role, method, name, args, data, who
):
    client = as_role(role)
    before = snapshot()
    url = reverse(name, args=args(world))
    response = client.get(url) if method == "get" else client.post(url, data(world))
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    elif not allowed(role, who):
        assert response.status_code == 403
    else:
        assert response.status_code in (200, 302), response.content[:500]
        if response.status_code == 302:
            assert not response["Location"].startswith(reverse("login"))
    if not allowed(role, who) and who == "editor":
        assert snapshot() == before


API = "/api/v1/newsroom"
API_ACTIONS = [
    (
        "post",
        lambda w: f"{API}/sources",
        {"text": "대구시는 2027년까지 공원 10곳을 만들겠다고 밝혔다."},
        "journalist",
    ),
    ("get", lambda w: f"{API}/sources/{w['source'].public_id}", None, "journalist"),
    (
        "post",
        lambda w: f"{API}/candidates/{w['pending'].public_id}/accept",
        {},
        "editor",
    ),
    (
        "post",
        lambda w: f"{API}/candidates/{w['pending'].public_id}/merge",
        "pledge",
        "editor",
    ),
    (
        "post",
        lambda w: f"{API}/candidates/{w['pending'].public_id}/reject",
        {"reason": "opinion"},
        "editor",
    ),
    (
        "post",
        lambda w: f"{API}/candidates/{w['rejected'].public_id}/reopen",
        {},
        "editor",
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "method,url,data,who",
    API_ACTIONS,
    ids=["create-source", "source-status", "accept", "merge", "reject", "reopen"],
)
def test_api_review_actions_by_role(world, as_role, role, method, url, data, who):
    client = as_role(role)
    before = snapshot()
    if data == "pledge":
        data = {"pledge": world["pledge"].slug}
    if method == "get":
        response = client.get(url(world))
    else:
        response = client.post(
            url(world), json.dumps(data), content_type="application/json"
        )
    body = response.json()
    if role == "anonymous":
        assert (response.status_code, body["code"]) == (401, "unauthorized")
    elif not allowed(role, who):
        assert (response.status_code, body["code"]) == (403, "forbidden")
    else:
        assert response.status_code in (200, 201, 202), body
    if not allowed(role, who) and who == "editor":
        assert snapshot() == before


def test_a_journalist_with_an_api_key_cannot_accept(client, world, journalist):
    from tracker.apikeys.services import api_key_create

    _key, raw = api_key_create(user=journalist, name="cli")
    response = client.post(
        f"{API}/candidates/{world['pending'].public_id}/accept",
        "{}",
        content_type="application/json",
        headers={"Authorization": f"Bearer {raw}"},
    )
    assert (response.status_code, response.json()["code"]) == (403, "forbidden")
    assert Pledge.objects.count() == 1  # only the fixture's pledge


def test_a_wrong_api_key_is_a_401(client, world):
    response = client.get(
        f"{API}/sources/{world['source'].public_id}",
        headers={"Authorization": "Bearer pt_not-a-real-key"},
    )
    assert response.status_code == 401

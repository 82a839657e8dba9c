import pytest
from django.core.management import call_command

from tests.factories import PledgeFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _korean(client):
    """These pages are checked in Korean, the site's default language."""
    client.cookies["django_language"] = "ko"


def test_the_list_shows_the_demo_pledges_with_owner_and_the_page_their_targets(
    client,
):
    call_command("load_demo")
    html = client.get("/pledges/").content.decode()
    assert "AI 인재 연 1만명 배출" in html
    assert "AI 테크시티 조성" in html
    assert "서울" in html
    from commitments.models import Pledge

    pages = "".join(
        client.get(f"/pledges/{p.slug}/").content.decode() for p in Pledge.objects.all()
    )
    assert "10,000" in pages and "4,000" in pages


def test_pledge_page_shows_the_quote_and_its_source(client):
    call_command("load_demo")
    response = client.get("/pledges/ai-tech-city/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "더 큰 규모의 AI 테크시티를" in html
    assert "CNB News" in html


def test_unknown_pledge_is_a_friendly_404(client):
    response = client.get("/pledges/no-such-pledge/")
    assert response.status_code == 404
    assert (
        "find that page" in response.content.decode()
        or "찾을 수 없" in response.content.decode()
    )


def test_article_text_and_titles_are_escaped(client):
    from commitments.models import Citation

    pledge = PledgeFactory(
        title="<script>alert(1)</script>",
        original_wording="<img src=x onerror=alert(1)>",
    )
    source = SourceFactory(body="<script>steal()</script>", title="<b>bold</b>")
    Citation.objects.create(
        pledge=pledge,
        source=source,
        quote="<script>steal()</script>",
        quote_start=0,
        quote_end=24,
    )
    for url in ("/pledges/", f"/pledges/{pledge.slug}/"):
        html = client.get(url).content.decode()
        assert "<script>alert(1)" not in html
        assert "<script>steal()" not in html
        assert "&lt;script&gt;" in html


def test_pages_send_a_strict_content_security_policy(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "'unsafe-inline'" not in csp
    assert "frame-ancestors 'none'" in csp


def test_login_and_logout_pages_work(client, journalist):
    assert client.get("/accounts/login/").status_code == 200
    response = client.post(
        "/accounts/login/",
        {"username": "jo-journalist", "password": "correct horse battery"},
    )
    assert response.status_code == 302
    assert client.get("/").wsgi_request.user.is_authenticated
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert not client.get("/").wsgi_request.user.is_authenticated

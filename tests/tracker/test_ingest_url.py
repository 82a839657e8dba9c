"""URL ingestion against a local fixture server (allowlisted for the test)."""

import socket

import pytest

from commitments.errors import ValidationFailed
from commitments.models import Source
from tests.tracker.fixtures.server import fixture_server
from tracker.ingest.services import source_ingest_url
from tracker.ingest.text import response_text
from tracker.models import ExtractionJob
from tracker.safe_http.client import fetch
from tracker.safe_http.errors import FetchError

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(settings):
    settings.INGEST_ALLOWED_HOSTS = ["127.0.0.1"]
    with fixture_server() as server:
        yield server


def test_an_article_page_is_fetched_and_its_main_text_kept(site, journalist):
    source, created = source_ingest_url(
        actor=journalist, url=f"{site.base}/article.html"
    )
    assert created
    assert "공공주택 8만호를 공급하겠다고 밝혔다" in source.body
    # Navigation and footer boilerplate are dropped.
    assert "무단 전재" not in source.body
    assert source.title == "서울시, 2030년까지 공공주택 8만호 공급"
    assert source.url == f"{site.base}/article.html"
    assert source.fetched_at is not None
    assert ExtractionJob.objects.filter(source=source).exists()


def test_the_same_url_twice_is_one_source(site, journalist):
    first, _ = source_ingest_url(actor=journalist, url=f"{site.base}/article.html")
    again, created = source_ingest_url(
        actor=journalist, url=f"{site.base}/article.html"
    )
    assert (again, created) == (first, False)
    assert Source.objects.count() == 1


def test_an_euc_kr_page_is_decoded(site, journalist):
    source, _ = source_ingest_url(actor=journalist, url=f"{site.base}/euckr.html")
    assert "임대주택 6만호를 공급하겠다고 밝혔다" in source.body


def test_an_euc_kr_page_declared_only_in_a_meta_tag_is_decoded(site):
    result = fetch(f"{site.base}/euckr-meta.html")
    assert "임대주택 6만호" in response_text(result)


def test_a_plain_text_url_is_ingested_as_is(site, journalist):
    source, _ = source_ingest_url(actor=journalist, url=f"{site.base}/plain.txt")
    assert source.body.startswith("서울시는 2030년까지")


def test_a_404_is_refused_and_nothing_is_stored(site, journalist):
    with pytest.raises(FetchError) as caught:
        source_ingest_url(actor=journalist, url=f"{site.base}/missing")
    assert caught.value.code == "http_error"
    assert Source.objects.count() == 0


def test_a_slow_site_times_out(site, settings, journalist):
    settings.INGEST_READ_TIMEOUT = 0.5
    with pytest.raises(FetchError) as caught:
        source_ingest_url(actor=journalist, url=f"{site.base}/slow")
    assert caught.value.code == "timeout"
    assert Source.objects.count() == 0


def test_a_non_html_body_is_refused(site, journalist):
    with pytest.raises(FetchError) as caught:
        source_ingest_url(actor=journalist, url=f"{site.base}/image.png")
    assert caught.value.code == "unsupported_content_type"


@pytest.mark.parametrize("path", ["/big.html", "/big-chunked.html"])
def test_an_oversized_body_is_refused(site, settings, journalist, path):
    settings.INGEST_MAX_BYTES = 100_000
    with pytest.raises(FetchError) as caught:
        source_ingest_url(actor=journalist, url=f"{site.base}{path}")
    assert caught.value.code == "too_large"
    assert Source.objects.count() == 0


def test_a_relative_redirect_is_followed(site, journalist):
    source, _ = source_ingest_url(actor=journalist, url=f"{site.base}/redirect-ok")
    assert "공공주택 8만호" in source.body


def test_an_unreachable_url_is_a_clear_error(settings, journalist):
    settings.INGEST_ALLOWED_HOSTS = ["127.0.0.1"]
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # Nothing listens on that port any more.
    with pytest.raises(FetchError) as caught:
        source_ingest_url(actor=journalist, url=f"http://127.0.0.1:{port}/")
    assert caught.value.code == "unreachable"


def test_a_name_that_does_not_resolve_is_unreachable(journalist):
    with pytest.raises(FetchError) as caught:
        source_ingest_url(actor=journalist, url="http://no-such-host.invalid/")
    assert caught.value.code == "unreachable"


def test_a_malformed_url_is_refused(journalist):
    with pytest.raises(ValidationFailed) as caught:
        source_ingest_url(actor=journalist, url="javascript:alert(1)")
    assert caught.value.code == "invalid_url"

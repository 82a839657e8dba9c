"""'Download the data' on the list and methodology pages: every export's
address and the licence the exports state."""

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page", ["pledge-list", "methodology"])
@pytest.mark.parametrize(
    ("lang", "heading"), [("en", "Download the data"), ("ko", "데이터 내려받기")]
)
def test_the_page_links_every_export_and_states_the_licence(
    client, page: str, lang: str, heading: str
) -> None:
    client.cookies["django_language"] = lang
    html = client.get(reverse(page)).content.decode()
    assert heading in html
    for path in (
        "/api/v1/export/pledges.csv",
        "/api/v1/export/pledges.json",
        "/api/v1/export/measurements.csv",
        "/api/v1/export/measurements.json",
    ):
        assert f'href="{path}"' in html
        assert client.get(path).status_code == 200
    assert f'href="{settings.DATA_LICENCE_URL}" rel="license"' in html

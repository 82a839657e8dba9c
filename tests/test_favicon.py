"""/favicon.ico is a real icon, served from the site's root by whitenoise."""

import io

import pytest
from PIL import Image


@pytest.mark.django_db
def test_favicon_ico_is_an_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] in ("image/x-icon", "image/vnd.microsoft.icon")
    body = b"".join(response.streaming_content)
    icon = Image.open(io.BytesIO(body))
    assert icon.format == "ICO"
    assert (32, 32) in icon.info["sizes"]
    head = client.head("/favicon.ico")
    assert head.status_code == 200
    assert b"".join(head.streaming_content) == b""


@pytest.mark.django_db
def test_pages_name_both_icons(client):
    html = client.get("/").content.decode()
    assert '<link rel="icon" href="/favicon.ico" sizes="32x32">' in html
    assert 'type="image/svg+xml"' in html

"""Link previews: a meta description, Open Graph and Twitter tags on every
public page; pledge pages state title, status and owner, with a drawn card."""

import html as htmlmod
import io
import re

import pytest
from django.core.cache import cache
from PIL import Image

from commitments.pages import card
from tests.commitments.api_support import full_pledge
from tests.factories import OwnerFactory, PledgeFactory

pytestmark = pytest.mark.django_db

META = re.compile(r'<meta (?:name|property)="([^"]+)" content="([^"]*)">')


def meta(client, url: str, **headers) -> dict[str, str]:
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    found: dict[str, str] = {}
    for key, value in META.findall(response.content.decode()):
        found.setdefault(key, htmlmod.unescape(value))
    return found


def test_every_public_page_has_a_description_and_share_tags(client, journalist):
    pledge = full_pledge(journalist)
    urls = [
        "/",
        "/pledges/",
        f"/pledges/{pledge.slug}/",
        f"/owners/{pledge.owner.slug}/",
        f"/categories/{pledge.categories.get().slug}/",
        "/methodology/",
        "/corrections/",
        "/feeds/",
    ]
    for url in urls:
        tags = meta(client, url)
        for key in (
            "description",
            "og:title",
            "og:description",
            "og:site_name",
            "twitter:card",
            "twitter:title",
        ):
            assert tags.get(key), (url, key)
        assert tags["og:url"] == f"http://testserver{url}", url
        assert tags["og:locale"] == "en_US" and tags["og:locale:alternate"] == "ko_KR"
        assert tags["description"] == tags["og:description"], url
    korean = meta(client, "/", HTTP_ACCEPT_LANGUAGE="ko")
    assert korean["og:locale"] == "ko_KR"


def test_a_pledge_page_states_title_status_and_owner_with_an_image(client, journalist):
    owner = OwnerFactory(name="서울특별시", name_en="Seoul")
    pledge = full_pledge(journalist, owner=owner, title_en="Build homes")
    tags = meta(client, f"/pledges/{pledge.slug}/")
    assert tags["og:title"] == "Build homes"
    assert tags["og:type"] == "article"
    assert tags["description"].startswith(
        "Our verdict: In progress. A pledge by Seoul."
    )
    assert tags["og:image"] == (
        f"http://testserver/pledges/{pledge.slug}/card.png?lang=en"
    )
    assert tags["twitter:card"] == "summary_large_image"
    assert tags["og:image:alt"] == "Build homes: In progress (a pledge by Seoul)"
    ko = meta(client, f"/pledges/{pledge.slug}/", HTTP_ACCEPT_LANGUAGE="ko")
    assert ko["og:title"] == pledge.title
    assert "추진 중" in ko["description"] and "서울특별시" in ko["description"]
    assert ko["og:image"].endswith("card.png?lang=ko")


def test_untrusted_titles_cannot_break_out_of_the_tags(client):
    pledge = PledgeFactory(title_en='"><script>alert(1)</script>', summary="<b>x</b>")
    html = client.get(f"/pledges/{pledge.slug}/").content.decode()
    assert "<script>alert" not in html
    assert 'content="&quot;&gt;&lt;script&gt;' in html


def png(response) -> Image.Image:
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    assert image.format == "PNG"
    return image


def ink(image: Image.Image, box: tuple[int, int, int, int]) -> int:
    """Dark pixels in a box: text drawn there."""
    gray = image.convert("L").crop(box)
    return sum(gray.histogram()[:128])


def test_the_card_is_a_png_with_korean_text_drawn(client, settings):
    cache.clear()
    pledge = PledgeFactory(title="서울시 주택 공급", title_en="")
    image = png(client.get(f"/pledges/{pledge.slug}/card.png?lang=ko"))
    assert image.size == (1200, 630)
    # The shipped font draws Hangul (not blanks): the title's band has ink.
    assert ink(image, (72, 130, 1128, 210)) > 500
    font = card.font_for("서울시 주택 공급", 62)
    assert font is not None and font.path.endswith("NanumSquareB.ttf")
    assert all(font.getmask(c).getbbox() for c in "서울시주택공급")
    response = client.get(f"/pledges/{pledge.slug}/card.png?lang=ko")
    assert "public" in response["Cache-Control"]
    assert "max-age=3600" in response["Cache-Control"]


def test_the_card_is_cached_by_what_it_shows(client, monkeypatch):
    cache.clear()
    pledge = PledgeFactory(title_en="Homes")
    first = client.get(f"/pledges/{pledge.slug}/card.png?lang=en")
    etag = first["ETag"]
    drawn = []
    monkeypatch.setattr(
        card, "draw_card", lambda text: drawn.append(text) or b"never used"
    )
    again = client.get(f"/pledges/{pledge.slug}/card.png?lang=en")
    assert again.content == first.content and drawn == []  # from the cache
    not_modified = client.get(
        f"/pledges/{pledge.slug}/card.png?lang=en", HTTP_IF_NONE_MATCH=etag
    )
    assert not_modified.status_code == 304
    pledge.title_en = "Homes, renamed"
    pledge.save()
    renamed = client.get(f"/pledges/{pledge.slug}/card.png?lang=en")
    assert renamed["ETag"] != etag and len(drawn) == 1
    assert drawn[0].title == "Homes, renamed"


def test_without_a_cjk_font_the_card_falls_back_to_latin(client, settings):
    cache.clear()
    settings.SHARE_CARD_FONTS = ["/nonexistent/font.ttf"]
    pledge = PledgeFactory(title="서울시 주택 공급", title_en="Seoul homes")
    image = png(client.get(f"/pledges/{pledge.slug}/card.png?lang=ko"))
    assert image.size == (1200, 630)
    assert ink(image, (72, 130, 1128, 210)) > 500  # the English title
    assert card.font_for("서울", 62) is None


def test_unknown_cards_are_404(client, db):
    assert client.get("/pledges/nope/card.png").status_code == 404
    assert client.get("/pledges/a%00b/card.png").status_code == 404

"""Browser checks for phones and the self-sizing embed (Chromium at
/usr/bin/chromium, the shared fixtures): every public page at 390 px has no
horizontal overflow and chart text of at least 11 px on screen, the owner
table shows a scroll cue, the list's filters fold away on phones, and an
embed made from the pledge page's own code sizes its frame to the card."""

import threading
from http.server import ThreadingHTTPServer

import pytest

from tests.e2e.test_public_pages import (  # noqa: F401 (site is a fixture)
    _HostPage,
    new_page,
    sample_urls,
    screenshot,
    site,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# This helper's port range for the host page (another origin).
HOST_PORTS = range(18850, 18870)

CHART_TEXT_SIZES = """() => Array.from(document.querySelectorAll('svg.chart text'))
  .filter(t => t.getBoundingClientRect().width > 0)
  .map(t => ({
    text: t.textContent,
    px: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a,
  }))"""


def public_urls() -> dict[str, str]:
    return {**sample_urls(), "corrections": "/corrections/"}


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_public_page_fits_a_phone(browser, site, lang):  # noqa: F811
    page, errors = new_page(browser, lang, site)
    page.set_viewport_size({"width": 390, "height": 844})
    measured = 0
    for name, path in public_urls().items():
        page.goto(site + path)
        page.wait_for_load_state("load")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} is {width}px wide"
        sizes = page.evaluate(CHART_TEXT_SIZES)
        small = [s for s in sizes if s["px"] < 11 - 0.01]
        assert small == [], (path, small[:5])
        measured += len(sizes)
        screenshot(page, f"phone-{name}-{lang}")
    # The status charts were on screen and measured.
    assert measured > 0

    page.goto(site + "/")
    assert page.locator(".scroll-hint").first.is_visible()
    region = page.locator(".table-scroll").first
    assert region.evaluate("e => e.scrollWidth > e.clientWidth")
    assert "gradient" in region.evaluate("e => getComputedStyle(e).backgroundImage")

    page.goto(site + "/pledges/")
    panel = page.locator("details.filters-panel")
    assert panel.evaluate("d => d.open") is False
    assert not page.locator("#f-q").is_visible()
    page.click("details.filters-panel > summary")
    assert page.locator("#f-q").is_visible()
    assert errors == []
    page.context.close()


def test_on_a_wide_screen_filters_are_open_and_no_hint_shows(browser, site):  # noqa: F811
    page, errors = new_page(browser, "en", site)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site + "/pledges/")
    assert page.locator("#f-q").is_visible()
    page.goto(site + "/")
    assert not page.locator(".scroll-hint").first.is_visible()
    assert page.locator("svg.status-chart-wide").is_visible()
    assert not page.locator("svg.status-chart-narrow").is_visible()
    screenshot(page, "home-1280-en")
    assert errors == []
    page.context.close()


def serve(html: str) -> tuple[ThreadingHTTPServer, str]:
    handler = type("Host", (_HostPage,), {"body": html.encode()})
    for port in HOST_PORTS:
        try:
            server = ThreadingHTTPServer(("127.0.0.1", port), handler)
        except OSError:
            continue
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return server, f"http://127.0.0.1:{port}/"
    pytest.fail(f"no free port in {HOST_PORTS}")


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_embed_code_sizes_the_card_to_its_content(browser, site, lang):  # noqa: F811
    from commitments.models import Pledge

    path = sample_urls()["pledge"]
    slug = path.strip("/").split("/")[-1]
    long_title = "아주 긴 공약 제목 " * 12
    Pledge.objects.filter(slug=slug).update(
        title=long_title, title_en="A very long pledge title " * 10
    )
    page, errors = new_page(browser, lang, site)
    page.goto(site + path)
    code = page.locator("#embed-code").input_value()
    assert f"?lang={lang}" in code and f'lang="{lang}"' in code
    assert f"?lang={lang}" in page.locator("#badge-code").input_value()
    default = int(code.split('height="')[1].split('"')[0])

    server, host_url = serve(
        "<!doctype html><html lang='en'><head><title>Host</title></head><body>"
        f"<p>Host page</p>{code}</body></html>"
    )
    try:
        host, host_errors = new_page(browser, "ko", site)
        host.goto(host_url)
        frame = host.frame_locator("iframe[data-pledge-embed]")
        frame.locator("h1").wait_for(timeout=10_000)
        assert frame.locator("html").get_attribute("lang") == lang
        iframe = host.locator("iframe[data-pledge-embed]")
        content = frame.locator("html").evaluate(
            "e => Math.ceil(e.getBoundingClientRect().height)"
        )
        # The frame's inner height (its border aside) becomes the card's.
        host.wait_for_function(
            "h => document.querySelector('iframe[data-pledge-embed]')"
            ".clientHeight === h",
            arg=content,
            timeout=10_000,
        )
        height = iframe.evaluate("e => e.clientHeight")
        assert height == content
        # Nothing scrolls inside the frame: the card fits.
        overflow = frame.locator("html").evaluate(
            "e => e.scrollHeight - window.innerHeight"
        )
        assert overflow <= 0
        # The default height in the code is close to the card's real height.
        assert abs(default - content) <= 80, (default, content)
        screenshot(host, f"embed-sized-{lang}")
        assert host_errors == []
        host.context.close()
    finally:
        server.shutdown()
        server.server_close()
    assert errors == []
    page.context.close()


def test_the_host_script_ignores_messages_from_other_origins(browser, site):  # noqa: F811
    path = sample_urls()["pledge"]
    page, _errors = new_page(browser, "en", site)
    page.goto(site + path)
    code = page.locator("#embed-code").input_value()
    server, host_url = serve(
        "<!doctype html><html lang='en'><head><title>Host</title></head><body>"
        f"{code}</body></html>"
    )
    try:
        host, _ = new_page(browser, "en", site)
        host.goto(host_url)
        host.frame_locator("iframe[data-pledge-embed]").locator("h1").wait_for()
        host.wait_for_timeout(300)
        before = host.locator("iframe[data-pledge-embed]").evaluate(
            "e => e.getBoundingClientRect().height"
        )
        # The host page itself (another origin) posts a fake height.
        host.evaluate(
            "() => window.postMessage({type: 'pledge-tracker:height', height: 900}, '*')"
        )
        host.wait_for_timeout(300)
        after = host.locator("iframe[data-pledge-embed]").evaluate(
            "e => e.getBoundingClientRect().height"
        )
        assert after == before
        host.context.close()
    finally:
        server.shutdown()
        server.server_close()
    page.context.close()

"""Browser tests: Playwright driving Debian's Chromium (/usr/bin/chromium,
never a downloaded browser) against pytest-django's live server.

Every public page in both languages loads with no console error (a CSP
violation is one), filters and search narrow the list, the language switcher
works, the embed card renders in an iframe on another origin while other pages
refuse to be framed, and axe-core finds no serious or critical violation.
Screenshots go to test-artifacts/e2e/ (gitignored; CI keeps them).
"""

import io
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from commitments.roles import EDITORS, JOURNALISTS

# The live server needs committed rows, hence transactional tests.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "e2e"
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
# The second origin for the embed test: a port in this project's test range.
HOST_PORTS = range(int(os.environ.get("E2E_HOST_PORT", "18690")), 18700)


@pytest.fixture
def site(live_server, settings):
    """A small but full record behind the live server."""
    # Plain http on localhost: cookies must not demand https.
    settings.CSRF_COOKIE_SECURE = False
    settings.SESSION_COOKIE_SECURE = False
    for name in (EDITORS, JOURNALISTS):
        Group.objects.get_or_create(name=name)
    call_command("load_demo", stdout=io.StringIO())
    call_command(
        "generate_synthetic",
        pledges=60,
        updates=300,
        measurements=200,
        seed=11,
        stdout=io.StringIO(),
    )
    return live_server.url


def sample_urls() -> dict[str, str]:
    from commitments.models import Owner, Pledge

    pledge = (
        Pledge.objects.filter(targets__measurements__isnull=False, title_en__gt="")
        .order_by("id")
        .first()
    )
    owner = Owner.objects.filter(children__isnull=False).order_by("id").first()
    category = pledge.categories.first()
    return {
        "home": "/",
        "list": "/pledges/",
        "pledge": f"/pledges/{pledge.slug}/",
        "owner": f"/owners/{owner.slug}/",
        "category": f"/categories/{category.slug}/",
        "methodology": "/methodology/",
        "embed": f"/embed/pledges/{pledge.slug}/",
    }


def new_page(browser, lang: str, base: str, **context_options):
    context = browser.new_context(
        viewport={"width": 1200, "height": 900}, **context_options
    )
    host = base.split("://", 1)[1].split(":")[0]
    context.add_cookies(
        [{"name": "django_language", "value": lang, "domain": host, "path": "/"}]
    )
    page = context.new_page()
    errors: list[str] = []
    page.on(
        "console",
        lambda msg: (
            errors.append(f"console: {msg.text}") if msg.type == "error" else None
        ),
    )
    page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
    return page, errors


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_page_loads_with_no_console_errors(browser, site, lang):
    page, errors = new_page(browser, lang, site)
    for name, path in sample_urls().items():
        response = page.goto(site + path)
        assert response is not None and response.status == 200, path
        page.wait_for_load_state("load")
        assert page.locator("html").get_attribute("lang") == lang, path
        assert page.locator("h1").first.is_visible(), path
        screenshot(page, f"{name}-{lang}")
    # A phone-sized screen too.
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(site + "/")
    screenshot(page, f"home-phone-{lang}")
    assert errors == []
    page.context.close()


def test_filters_and_search_narrow_the_list(browser, site):
    page, errors = new_page(browser, "ko", site)
    page.goto(site + "/pledges/")
    count_text = page.locator(".result-count").inner_text()
    total = int("".join(ch for ch in count_text.split("·")[0] if ch.isdigit()))
    page.select_option("#f-status", "kept")
    page.click(".filters button[type=submit]")
    page.wait_for_url("**/pledges/?*status=kept*")
    statuses = page.locator("#pledge-results .status").all_inner_texts()
    assert statuses and all("이행 완료" in s for s in statuses)
    kept_text = page.locator(".result-count").inner_text()
    kept = int("".join(ch for ch in kept_text.split("·")[0] if ch.isdigit()))
    assert 0 < kept < total
    # The URL holds the filters: reloading it gives the same list.
    page.reload()
    assert page.locator("#f-status").input_value() == "kept"

    page.goto(site + "/pledges/")
    page.fill("#f-q", "테크시티")
    page.press("#f-q", "Enter")
    page.wait_for_url("**q=*")
    titles = page.locator("#pledge-results h3").all_inner_texts()
    assert titles == ["AI 테크시티 조성"]
    screenshot(page, "list-search")
    assert errors == []
    page.context.close()


def test_language_switcher_changes_the_interface(browser, site):
    page, errors = new_page(browser, "ko", site)
    page.goto(site + "/methodology/")
    assert page.locator("html").get_attribute("lang") == "ko"
    page.click(".language-switcher button[value=en]")
    page.wait_for_load_state("load")
    assert page.url.endswith("/methodology/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "How we track pledges"
    page.click(".language-switcher button[value=ko]")
    page.wait_for_load_state("load")
    assert page.locator("html").get_attribute("lang") == "ko"
    assert errors == []
    page.context.close()


class _HostPage(BaseHTTPRequestHandler):
    body = b""

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args: object) -> None:
        pass


def serve_host_page(html: str) -> tuple[ThreadingHTTPServer, str]:
    handler = type("Host", (_HostPage,), {"body": html.encode()})
    for port in HOST_PORTS:
        try:
            server = ThreadingHTTPServer(("127.0.0.1", port), handler)
        except OSError:
            continue
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return server, f"http://127.0.0.1:{port}/"
    pytest.fail(f"no free port in {HOST_PORTS}")


def test_embed_card_renders_in_an_iframe_on_another_origin(browser, site):
    urls = sample_urls()
    # live_server answers on localhost; the host page is on 127.0.0.1 and
    # another port: a different origin.
    html = (
        "<!doctype html><html lang='en'><head><title>Host</title></head><body>"
        f"<iframe id='card' src='{site}{urls['embed']}' width='420' height='260'"
        " title='card'></iframe>"
        f"<iframe id='page' src='{site}{urls['pledge']}' width='420' height='260'"
        " title='page'></iframe></body></html>"
    )
    server, host_url = serve_host_page(html)
    try:
        page, _errors = new_page(browser, "ko", site)
        page.goto(host_url)
        card = page.frame_locator("#card")
        card.locator("h1").wait_for(timeout=10_000)
        assert card.locator(".status").count() == 1
        screenshot(page, "embed-in-iframe")
        # The full pledge page refuses to be framed: its frame never gets it.
        page.wait_for_timeout(500)
        assert page.frame_locator("#page").locator("#pledge-title").count() == 0
        page.context.close()
    finally:
        server.shutdown()
        server.server_close()


AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')),
  }));
}"""


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_axe_finds_no_serious_or_critical_violations(browser, site, lang):
    # axe is injected as a script, which the site's CSP rightly forbids:
    # bypass the CSP for this context only.
    page, errors = new_page(browser, lang, site, bypass_csp=True)
    found = {}
    for name in ("home", "list", "pledge", "owner", "methodology"):
        page.goto(site + sample_urls()[name])
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(AXE_RUN)
        bad = [v for v in violations if v["impact"] in ("serious", "critical")]
        if bad:
            found[name] = bad
    assert found == {}
    page.context.close()


def test_pages_work_with_javascript_off(browser, site):
    page, errors = new_page(browser, "en", site, java_script_enabled=False)
    page.goto(site + "/pledges/")
    page.select_option("#f-status", "kept")
    page.click(".filters button[type=submit]")
    page.wait_for_url("**status=kept*")
    statuses = page.locator("#pledge-results .status").all_inner_texts()
    assert statuses and all("Kept" in s for s in statuses)
    page.goto(site + sample_urls()["pledge"])
    assert page.locator("svg.measurement-chart").count() >= 1
    assert errors == []
    page.context.close()

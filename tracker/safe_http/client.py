"""Guarded outbound HTTP: GET for article pages and feeds (ingestion), POST
for webhook deliveries. The one place the tracker talks to other servers.

Each hop (the first request and every redirect) resolves the host, refuses
internal addresses (guard.py) and connects to the checked IP itself, sending
the original Host header and, for HTTPS, the original name for SNI and
certificate checks. Timeouts, a size cap, a redirect limit and a content-type
check bound what a hostile or broken site can make us do.
"""

import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import certifi
import urllib3
from django.conf import settings
from django.utils.translation import gettext as _

from tracker.safe_http.errors import FetchError
from tracker.safe_http.guard import resolve_checked

HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
    "application/rdf+xml",
    "application/feed+json",
    # Many feeds are served as text/html or text/plain by misconfigured servers.
    "text/html",
    "text/plain",
)
REDIRECT_CODES = (301, 302, 303, 307, 308)


@dataclass
class FetchResult:
    url: str
    status: int
    content_type: str = ""
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(frozen=True)
class _Hop:
    """One checked request target: where to connect and what to send."""

    scheme: str
    host: str
    ip: str
    port: int
    path: str
    host_header: str


def _checked_hop(url: str) -> _Hop:
    """Parse and check `url`; resolve its host through the guard."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(
            _("Give a web address starting with http:// or https://."),
            code="invalid_url",
        )
    if parts.username or parts.password:
        raise FetchError(
            _("Addresses with credentials are refused."), code="invalid_url"
        )
    host = parts.hostname
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise FetchError(
            _("The address has an invalid port."), code="invalid_url"
        ) from exc
    ip = resolve_checked(host, port)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    host_header = host if ":" not in host else f"[{host}]"
    if parts.port:
        host_header += f":{parts.port}"
    return _Hop(parts.scheme, host, ip, port, path, host_header)


def _pool(hop: _Hop, timeout: urllib3.Timeout) -> urllib3.HTTPConnectionPool:
    scheme, host, ip, port = hop.scheme, hop.host, hop.ip, hop.port
    if scheme == "https":
        return urllib3.HTTPSConnectionPool(
            ip,
            port,
            timeout=timeout,
            retries=False,
            cert_reqs="CERT_REQUIRED",
            ca_certs=certifi.where(),
            assert_hostname=host,
            server_hostname=host,
        )
    return urllib3.HTTPConnectionPool(ip, port, timeout=timeout, retries=False)


def _read_capped(response: urllib3.BaseHTTPResponse, deadline: float) -> bytes:
    limit = settings.INGEST_MAX_BYTES
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise FetchError(_("The page is too large to ingest."), code="too_large")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.stream(64 * 1024):
        size += len(chunk)
        if size > limit:
            raise FetchError(_("The page is too large to ingest."), code="too_large")
        if time.monotonic() > deadline:
            raise FetchError(_("The site took too long to answer."), code="timeout")
        chunks.append(chunk)
    return b"".join(chunks)


def fetch(
    url: str,
    *,
    accept: tuple[str, ...] = HTML_TYPES,
    headers: dict[str, str] | None = None,
) -> FetchResult:
    """GET `url` through the SSRF guard. Raises FetchError with a stable code:
    invalid_url, unreachable, blocked_address, timeout, too_many_redirects,
    http_error, unsupported_content_type, too_large."""
    deadline = time.monotonic() + settings.INGEST_TOTAL_TIMEOUT
    timeout = urllib3.Timeout(
        connect=settings.INGEST_CONNECT_TIMEOUT, read=settings.INGEST_READ_TIMEOUT
    )
    current = url
    for _hop in range(settings.INGEST_MAX_REDIRECTS + 1):
        hop = _checked_hop(current)
        request_headers = {
            "Host": hop.host_header,
            "User-Agent": settings.INGEST_USER_AGENT,
            "Accept": ", ".join(accept) + ", */*;q=0.1",
            "Accept-Encoding": "gzip, deflate",
            **(headers or {}),
        }
        pool = _pool(hop, timeout)
        try:
            response = pool.urlopen(
                "GET",
                hop.path,
                headers=request_headers,
                redirect=False,
                preload_content=False,
                assert_same_host=False,
            )
        except urllib3.exceptions.NewConnectionError as exc:
            # First: urllib3 makes it a subclass of ConnectTimeoutError.
            raise FetchError(
                _("The site could not be reached."), code="unreachable"
            ) from exc
        except (urllib3.exceptions.TimeoutError, TimeoutError) as exc:
            raise FetchError(
                _("The site took too long to answer."), code="timeout"
            ) from exc
        except urllib3.exceptions.HTTPError as exc:
            raise FetchError(
                _("The site could not be reached."), code="unreachable"
            ) from exc
        try:
            if response.status in REDIRECT_CODES:
                location = response.headers.get("Location")
                if not location:
                    raise FetchError(
                        _("A redirect without a target."), code="http_error"
                    )
                current = urljoin(current, location)
                continue
            result = FetchResult(
                url=current,
                status=response.status,
                content_type=response.headers.get("Content-Type", ""),
                headers={k.lower(): v for k, v in response.headers.items()},
            )
            if response.status == 304:
                return result
            if response.status >= 400:
                raise FetchError(
                    _("The site answered with HTTP %(status)d.")
                    % {"status": response.status},
                    code="http_error",
                )
            mime = result.content_type.split(";", 1)[0].strip().lower()
            if mime and mime not in accept:
                raise FetchError(
                    _("Expected a web page, got %(type)r.") % {"type": mime},
                    code="unsupported_content_type",
                )
            try:
                result.body = _read_capped(response, deadline)
            except (urllib3.exceptions.TimeoutError, TimeoutError) as exc:
                raise FetchError(
                    _("The site took too long to answer."), code="timeout"
                ) from exc
            except urllib3.exceptions.HTTPError as exc:
                raise FetchError(_("The download failed."), code="unreachable") from exc
            return result
        finally:
            response.release_conn()
            pool.close()
    raise FetchError(_("Too many redirects."), code="too_many_redirects")


def post(url: str, *, body: bytes, headers: dict[str, str], timeout: float) -> int:
    """POST `body` through the guard to the checked address; returns the HTTP
    status. Redirects are not followed (a redirect could lead anywhere) and at
    most 64 kB of the answer is read: its body does not matter to us.
    Connection problems raise urllib3/OS errors for the caller to log."""
    hop = _checked_hop(url)
    pool = _pool(hop, urllib3.Timeout(connect=min(5.0, timeout), read=timeout))
    try:
        response = pool.urlopen(
            "POST",
            hop.path,
            body=body,
            headers={"Host": hop.host_header, **headers},
            redirect=False,
            assert_same_host=False,
            preload_content=False,
        )
        try:
            response.read(64 * 1024)
        finally:
            response.release_conn()
        return response.status
    finally:
        pool.close()

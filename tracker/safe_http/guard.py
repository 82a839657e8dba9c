"""The SSRF guard: which addresses the fetcher may connect to.

A name is resolved once, every address it resolves to is checked, and the
connection is then made to the checked address itself (see fetch.py), so a
DNS answer that changes between the check and the connect (rebinding) cannot
reach an internal address.
"""

import ipaddress
import socket

from django.conf import settings
from django.utils.translation import gettext as _

from tracker.safe_http.errors import FetchError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def address_refused(ip: IPAddress) -> bool:
    """True for anything that is not a plain public unicast address."""
    if isinstance(ip, ipaddress.IPv6Address):
        # ::ffff:10.0.0.1 and 6to4 2002:0a00:0001:: carry an IPv4 address.
        inner = ip.ipv4_mapped or ip.sixtofour
        if inner is not None:
            return address_refused(inner)
        if ip.is_site_local:
            return True
    return (
        ip.is_loopback
        or ip.is_private
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def host_allowlisted(host: str) -> bool:
    allowed = {h.lower().strip("[]") for h in settings.INGEST_ALLOWED_HOSTS}
    return host.lower().strip("[]") in allowed


def resolve_checked(host: str, port: int) -> str:
    """One address for `host` that the fetcher may connect to, or FetchError.

    Every address the name resolves to must pass: a name with one public and
    one private answer is refused rather than raced.
    """
    host = host.strip("[]")
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(
            _("The host %(host)r could not be resolved.") % {"host": host},
            code="unreachable",
        ) from exc
    addresses: list[str] = []
    for info in infos:
        text = str(info[4][0]).split("%", 1)[0]
        if text not in addresses:
            addresses.append(text)
    if not addresses:
        raise FetchError(
            _("The host %(host)r has no address.") % {"host": host}, code="unreachable"
        )
    if not host_allowlisted(host):
        for text in addresses:
            if address_refused(ipaddress.ip_address(text)):
                raise FetchError(
                    _(
                        "That address points at a private or reserved network "
                        "and cannot be fetched."
                    ),
                    code="blocked_address",
                )
    return addresses[0]

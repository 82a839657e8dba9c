"""The readers' error report form on the pledge page, and how often one
address may send it. No login: a honeypot field catches the simplest bots,
and a per-address count in the cache (shared by every worker when the cache
is Redis) holds back floods."""

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from commitments.models import ReaderReport

# Per address, per window: enough for a reader with several findings.
REPORTS_PER_WINDOW = 5
WINDOW_SECONDS = 3600


class ReaderReportForm(forms.Form):
    message = forms.CharField(
        label=_("What is wrong on this page?"),
        max_length=ReaderReport._meta.get_field("message").max_length,
        min_length=10,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Say what is wrong and, if you can, where the right figure is."),
    )
    contact = forms.CharField(
        label=_("Email or name, if you want an answer (optional, never published)"),
        max_length=ReaderReport._meta.get_field("contact").max_length,
        required=False,
    )
    # The honeypot: hidden by the stylesheet and from assistive technology;
    # people leave it empty, form-filling bots do not.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))


def client_address(request: HttpRequest) -> str:
    """The sender's address, behind as many proxies as the API trusts."""
    proxies = getattr(settings, "API_NUM_PROXIES", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [h.strip() for h in forwarded.split(",") if h.strip()]
        if hops:
            return hops[-min(proxies, len(hops))]
    return str(request.META.get("REMOTE_ADDR", ""))


def report_allowed(request: HttpRequest) -> bool:
    """Count this send; False once the address has used up its window."""
    key = f"reader-report:{client_address(request)}"
    limit = getattr(settings, "READER_REPORTS_PER_HOUR", REPORTS_PER_WINDOW)
    if cache.add(key, 1, WINDOW_SECONDS):
        return limit >= 1
    try:
        return cache.incr(key) <= limit
    except ValueError:  # expired between add and incr
        cache.add(key, 1, WINDOW_SECONDS)
        return True

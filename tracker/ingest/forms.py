"""The article submission form."""

import re
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from tracker.extraction.cli import split_header

# 2025-03-05, 2025.3.5, 2025/03/05, 2025년 3월 5일 (a time after it is ignored).
_HEADER_DATE = re.compile(
    r"^\s*(\d{4})\s*(?:[-./]|년)\s*(\d{1,2})\s*(?:[-./]|월)\s*(\d{1,2})"
)


def header_date(text: str) -> date | None:
    match = _HEADER_DATE.match(text)
    if not match:
        return None
    try:
        return date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


class SubmitArticleForm(forms.Form):
    """Text, a .txt/.html file or a URL: exactly one way in."""

    text = forms.CharField(
        label=_("Article text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    file = forms.FileField(
        label=_("Or upload a .txt or .html file"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.html,.htm"}),
    )
    url = forms.URLField(
        label=_("URL"),
        required=False,
        max_length=2000,
        assume_scheme="https",
        help_text=_(
            "With no text or file, the page at this address is fetched. With text,"
            " it is recorded as where the article was published."
        ),
    )
    title = forms.CharField(label=_("Title"), required=False, max_length=500)
    publisher = forms.CharField(label=_("Publisher"), required=False, max_length=200)
    published_on = forms.DateField(
        label=_("Published on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("Detect")), ("ko", _("Korean")), ("en", _("English"))],
    )

    def clean(self) -> dict:
        super().clean()
        # What Form.clean returns, typed as a dict (its stub allows None).
        data = self.cleaned_data
        self._read_header_lines(data)
        if (
            not (data.get("text") or "").strip()
            and not data.get("file")
            and not data.get("url")
        ):
            raise forms.ValidationError(
                _("Paste the article text, upload a file, or give its URL."),
                code="empty_text",
            )
        return data

    def _read_header_lines(self, data: dict) -> None:
        """`URL:`, `DATE:` and `TITLE:` lines (or 주소/날짜/제목) at the top of
        pasted text describe the article: they fill the fields left blank and
        are cut from the text, so the engine reads (and the review page
        highlights) the article alone."""
        text = data.get("text") or ""
        headers, offset = split_header(text)
        if not headers:
            return
        data["text"] = text[offset:].lstrip("\r\n")
        url = headers.get("URL", "")
        if url and not data.get("url"):
            try:
                URLValidator(schemes=["http", "https"])(url)
            except ValidationError:
                self.add_error(
                    "text",
                    _("The URL: line is not a web address (http:// or https://)."),
                )
            else:
                data["url"] = url
        if headers.get("TITLE") and not data.get("title"):
            data["title"] = headers["TITLE"][:500]
        when = headers.get("DATE", "")
        if when and not data.get("published_on"):
            published = header_date(when)
            if published is None:
                self.add_error(
                    "text", _("The DATE: line is not a date; write it as 2025-03-05.")
                )
            else:
                data["published_on"] = published

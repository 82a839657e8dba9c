"""The article submission form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tracker.ingest.header_lines import header_lines_read


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
        """Header lines fill the fields left blank (what was typed in a field
        wins) and are cut from the text."""
        found = header_lines_read(data.get("text") or "")
        data["text"] = found.text
        for error in found.errors:
            self.add_error("text", error)
        if found.url and not data.get("url"):
            data["url"] = found.url
        if found.title and not data.get("title"):
            data["title"] = found.title
        if found.published_on and not data.get("published_on"):
            data["published_on"] = found.published_on

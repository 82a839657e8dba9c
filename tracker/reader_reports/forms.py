"""The editor's form to close a reader's report."""

from django import forms
from django.utils.translation import gettext_lazy as _

from commitments.models import ReaderReport


class CloseReportForm(forms.Form):
    state = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (ReaderReport.State.RESOLVED, _("Resolved")),
            (ReaderReport.State.DISMISSED, _("Dismissed")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=ReaderReport._meta.get_field("resolution_note").max_length,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Published in the corrections log when the record was changed."),
    )
    changed_record = forms.BooleanField(
        label=_("The record was changed because of this report"), required=False
    )

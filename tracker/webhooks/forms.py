"""The webhook subscription form."""

from django import forms
from django.utils.translation import gettext_lazy

from commitments.events import EVENT_TYPES

EVENT_LABELS = {
    "pledge.published": gettext_lazy("Pledge published"),
    "status.changed": gettext_lazy("Status changed"),
    "measurement.recorded": gettext_lazy("Measurement recorded"),
    "correction.published": gettext_lazy("Correction published"),
}


class SubscriptionForm(forms.Form):
    url = forms.URLField(
        label=gettext_lazy("Subscriber URL"), max_length=2000, assume_scheme="https"
    )
    events = forms.MultipleChoiceField(
        label=gettext_lazy("Events"),
        choices=[(e, EVENT_LABELS.get(e, e)) for e in EVENT_TYPES],
        widget=forms.CheckboxSelectMultiple,
    )

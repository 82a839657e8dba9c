"""Forms for editing a published pledge and its targets. Every form carries
the reason (kept with the edit) and the pledge's version (stale forms)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from commitments.models import Category, DeadlinePrecision, Owner, Target


class ReasonFields(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the edit"),
        max_length=2000,
        help_text=_(
            "Kept with the edit; shown in the public corrections log when "
            "readers see the change."
        ),
    )
    version = forms.CharField(widget=forms.HiddenInput, required=False)


class PledgeEditForm(ReasonFields):
    title = forms.CharField(label=_("Title"), max_length=300)
    title_en = forms.CharField(label=_("English title"), max_length=300, required=False)
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=Owner.objects.all())
    categories = forms.ModelMultipleChoiceField(
        label=_("Categories"),
        queryset=Category.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    deadline = forms.DateField(
        label=_("Deadline"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    deadline_precision = forms.ChoiceField(
        label=_("Deadline precision"),
        required=False,
        choices=[("", "—"), *DeadlinePrecision.choices],
    )
    field_order = [
        "title",
        "title_en",
        "summary",
        "owner",
        "categories",
        "deadline",
        "deadline_precision",
        "reason",
    ]


class TargetEditForm(ReasonFields):
    metric = forms.CharField(label=_("Metric"), max_length=300)
    value = forms.DecimalField(
        label=_("Value"), min_value=0, max_digits=24, decimal_places=4
    )
    unit = forms.CharField(label=_("Unit"), max_length=40, required=False)
    period = forms.ChoiceField(label=_("Period"), choices=Target.Period.choices)
    deadline = forms.DateField(
        label=_("Deadline"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    field_order = ["metric", "value", "unit", "period", "deadline", "reason"]


class TargetRemoveForm(ReasonFields):
    pass

"""Forms for candidate decisions: accept (with target rows), merge, reject."""

from typing import Any

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from commitments.models import Category, DeadlinePrecision, Owner, Target
from tracker.models import Candidate


class AcceptForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    title_en = forms.CharField(label=_("English title"), max_length=300, required=False)
    owner = forms.ModelChoiceField(
        label=_("Owner"), queryset=Owner.objects.all(), required=False
    )
    new_owner_name = forms.CharField(
        label=_("…or a new owner (name)"), max_length=200, required=False
    )
    new_owner_name_en = forms.CharField(
        label=_("New owner's English name"), max_length=200, required=False
    )
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
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # On a fresh tracker the list is empty and the field looks broken:
        # say so, and send the editor (only editors accept) to create some.
        if not Category.objects.exists():
            self.fields["categories"].help_text = format_html(
                gettext(
                    'No categories yet. <a href="{}">Create categories</a>, then'
                    " reload this page to file the pledge under them."
                ),
                reverse("directory-categories"),
            )

    def clean(self) -> dict:
        super().clean()
        # What Form.clean returns, typed as a dict (its stub allows None).
        data = self.cleaned_data
        if not data.get("owner") and not (data.get("new_owner_name") or "").strip():
            self.add_error("owner", _("Pick an owner or name a new one."))
        return data


class TargetRowForm(forms.Form):
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
    deadline_precision = forms.ChoiceField(
        label=_("Precision"),
        required=False,
        choices=[("", "—"), *DeadlinePrecision.choices],
    )
    component_of = forms.IntegerField(
        label=_("Part of row"),
        required=False,
        min_value=1,
        help_text=_("Row number of the total this is part of."),
    )
    text = forms.CharField(label=_("As written"), max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The row's controls sit under a table header, which labels nothing
        # for a screen reader (and is hidden on phones): each names itself.
        for field in self.fields.values():
            field.widget.attrs.setdefault("aria-label", str(field.label))

    # What an editor types into a row. The selects (period, precision) always
    # submit a value, so they alone never make a blank row a row to validate.
    TYPED = ("metric", "value", "unit", "deadline", "component_of", "text")

    def has_changed(self) -> bool:
        return any(
            str(self.data.get(self.add_prefix(name), "")).strip() for name in self.TYPED
        )


class BaseTargetFormSet(forms.BaseFormSet):
    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].widget.attrs["aria-label"] = str(_("Remove"))


TargetFormSet = forms.formset_factory(
    TargetRowForm,
    formset=BaseTargetFormSet,
    extra=1,
    can_delete=True,
    max_num=30,
)


def target_rows(formset: forms.BaseFormSet) -> list[dict]:
    """Cleaned, non-deleted, non-empty rows; `component_of` turned from the
    1-based row shown to the editor into an index among the kept rows."""
    kept: list[tuple[int, dict]] = []
    for number, form in enumerate(formset.forms, start=1):
        data = getattr(form, "cleaned_data", None) or {}
        if not data or data.get("DELETE") or not data.get("metric"):
            continue
        kept.append((number, data))
    index = {number: i for i, (number, _data) in enumerate(kept)}
    rows = []
    for _number, data in kept:
        component = data.get("component_of")
        rows.append(
            {
                "metric": data["metric"],
                "value": str(data["value"]),
                "unit": data.get("unit") or "",
                "period": data["period"],
                "deadline": data["deadline"].isoformat()
                if data.get("deadline")
                else "",
                "deadline_precision": data.get("deadline_precision") or "",
                "component_of": index.get(component) if component else None,
                "text": data.get("text") or "",
            }
        )
    return rows


def initial_target_rows(candidate: Candidate) -> list[dict]:
    rows = []
    for row in candidate.targets:
        component = row.get("component_of")
        rows.append(
            {
                "metric": row.get("metric", ""),
                "value": row.get("value", ""),
                "unit": row.get("unit", ""),
                "period": row.get("period", Target.Period.NONE),
                "deadline": row.get("deadline") or None,
                "deadline_precision": row.get("deadline_precision", ""),
                "component_of": component + 1 if component is not None else None,
                "text": row.get("text", ""),
            }
        )
    return rows


class MergeForm(forms.Form):
    pledge = forms.CharField(
        label=_("Pledge (slug or id)"),
        max_length=200,
        help_text=_("The suggested match is filled in when there is one."),
    )
    add_targets = forms.BooleanField(
        label=_("Also add the candidate's targets the pledge lacks"), required=False
    )


class RejectForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason"), choices=Candidate.RejectReason.choices
    )


class BulkRejectForm(RejectForm):
    candidates = forms.ModelMultipleChoiceField(
        queryset=Candidate.objects.filter(state=Candidate.State.PENDING),
        to_field_name="public_id",
        widget=forms.CheckboxSelectMultiple,
    )

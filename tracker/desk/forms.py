"""Forms on the journalists' desk. They only shape input; the services in
`commitments.services` check the rules (and raise DomainError, which the views
turn into form errors)."""

from typing import Any, cast

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from commitments.models import Measurement, Pledge, Source, StatusUpdate, Target
from commitments.statuses import Status, status_definition, status_label


def status_choices() -> list[tuple[str, str]]:
    """Each status with its definition, so the journalist picks by meaning;
    both in the page's language (evaluated when the form is drawn)."""
    language = get_language() or "ko"
    return [
        (
            code,
            f"{status_label(code, language)} — {status_definition(code, language)}",
        )
        for code in Status.values
    ]


class SourceChoiceField(forms.ModelChoiceField):
    """Sources by what a journalist recognises: title, outlet, date (the
    public id stays the submitted value)."""

    def label_from_instance(self, obj: Source) -> str:
        name = obj.title or obj.url or _("(untitled article)")
        details = [
            str(part)
            for part in (
                obj.publisher,
                obj.published_on.isoformat() if obj.published_on else "",
            )
            if part
        ]
        if not obj.title and not obj.url:
            details.append(f"“{obj.body[:40].strip()}…”")
        return f"{str(name)[:90]} — {', '.join(details)}" if details else str(name)


class EvidenceFields(forms.Form):
    """Evidence: a URL, an existing Source, or a new article pasted here."""

    evidence_url = forms.CharField(
        label=_("Evidence link"),
        required=False,
        max_length=2000,
        help_text=_("An http(s) address of the document that shows it."),
    )
    evidence_source = SourceChoiceField(
        label=_("…or a source already on file"),
        queryset=Source.objects.none(),
        to_field_name="public_id",
        required=False,
    )
    article_text = forms.CharField(
        label=_("…or paste a new article"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("It is stored as a source and cited as the evidence."),
    )
    article_url = forms.CharField(
        label=_("Article address"), required=False, max_length=2000
    )
    article_title = forms.CharField(
        label=_("Article title"), required=False, max_length=500
    )
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, pledge: Pledge, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pledge = pledge
        # The pledge's own sources first; those are what evidence usually is.
        cast(forms.ModelChoiceField, self.fields["evidence_source"]).queryset = (
            Source.objects.filter(citations__pledge=pledge).distinct().order_by("-id")
        )

    def has_evidence(self) -> bool:
        data = self.cleaned_data
        return bool(
            data.get("evidence_url")
            or data.get("evidence_source")
            or (data.get("article_text") or "").strip()
        )


class StatusUpdateForm(EvidenceFields):
    kind = forms.ChoiceField(
        label=_("What is this?"),
        choices=[
            (StatusUpdate.Kind.NEWSROOM, _("Our verdict (sets the pledge's status)")),
            (
                StatusUpdate.Kind.OFFICIAL,
                _("The owner's official self-report (shown beside our verdict)"),
            ),
        ],
        initial=StatusUpdate.Kind.NEWSROOM,
        widget=forms.RadioSelect,
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=status_choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Why this status. For “can't be rated”, the reason it can't be rated."
        ),
    )

    field_order = [
        "kind",
        "status",
        "note",
        "evidence_url",
        "evidence_source",
        "article_text",
        "article_url",
        "article_title",
        "version",
    ]

    def clean(self) -> dict[str, Any]:
        super().clean()
        # What Form.clean returns, typed as a dict (its stub allows None).
        data = self.cleaned_data
        status = data.get("status")
        if status and status != Status.NOT_RATED and not self.has_evidence():
            self.add_error(
                "evidence_url",
                _("Evidence is required for every status but “not yet rated”."),
            )
        return data


class MeasurementForm(EvidenceFields):
    target = forms.ModelChoiceField(
        label=_("Target"), queryset=Target.objects.none(), widget=forms.HiddenInput
    )
    value = forms.DecimalField(label=_("Value"), max_digits=24, decimal_places=4)
    unit = forms.CharField(
        label=_("Unit"),
        required=False,
        max_length=40,
        help_text=_("Must be the target's unit."),
    )
    as_of = forms.DateField(
        label=_("As of"), widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    field_order = [
        "target",
        "value",
        "unit",
        "as_of",
        "note",
        "evidence_url",
        "evidence_source",
        "article_text",
        "article_url",
        "article_title",
        "version",
    ]

    def __init__(self, *args: Any, pledge: Pledge, **kwargs: Any) -> None:
        super().__init__(*args, pledge=pledge, **kwargs)
        cast(
            forms.ModelChoiceField, self.fields["target"]
        ).queryset = Target.objects.filter(pledge=pledge)

    def clean(self) -> dict[str, Any]:
        super().clean()
        # What Form.clean returns, typed as a dict (its stub allows None).
        data = self.cleaned_data
        if not self.has_evidence():
            self.add_error("evidence_url", _("Evidence is required."))
        return data


class StatusCorrectionForm(forms.Form):
    update = forms.ModelChoiceField(
        queryset=StatusUpdate.objects.none(),
        to_field_name="public_id",
        widget=forms.HiddenInput,
    )
    status = forms.ChoiceField(label=_("Corrected status"), choices=status_choices)
    reason = forms.CharField(
        label=_("Reason for the correction (published)"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    evidence_url = forms.CharField(
        label=_("New evidence link (optional)"), required=False, max_length=2000
    )
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, pledge: Pledge, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(
            forms.ModelChoiceField, self.fields["update"]
        ).queryset = StatusUpdate.objects.filter(pledge=pledge)


class MeasurementCorrectionForm(forms.Form):
    measurement = forms.ModelChoiceField(
        queryset=Measurement.objects.none(),
        to_field_name="public_id",
        widget=forms.HiddenInput,
    )
    value = forms.DecimalField(
        label=_("Corrected value"), max_digits=24, decimal_places=4
    )
    as_of = forms.DateField(
        label=_("As of"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    reason = forms.CharField(
        label=_("Reason for the correction (published)"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    evidence_url = forms.CharField(
        label=_("New evidence link (optional)"), required=False, max_length=2000
    )
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, pledge: Pledge, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(
            forms.ModelChoiceField, self.fields["measurement"]
        ).queryset = Measurement.objects.filter(target__pledge=pledge)


class AmendmentForm(forms.Form):
    changed_on = forms.DateField(
        label=_("Date of the official change"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    reason = forms.CharField(
        label=_("Official reason (사유)"), widget=forms.Textarea(attrs={"rows": 2})
    )
    wording_after = forms.CharField(
        label=_("New wording (변경 후)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Leave empty if the wording did not change."),
    )
    deadline_after = forms.DateField(
        label=_("New deadline"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    evidence_url = forms.CharField(
        label=_("Link to the change table"), required=False, max_length=2000
    )
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, pledge: Pledge, **kwargs: Any) -> None:
        # Shares the page with the status form: keep element ids unique.
        kwargs.setdefault("auto_id", "amend-%s")
        super().__init__(*args, **kwargs)
        self.pledge = pledge
        self.targets = list(Target.objects.filter(pledge=pledge))
        # One optional "new value" per target: 변경 후 for each number.
        for target in self.targets:
            self.fields[f"target_{target.pk}_value"] = forms.DecimalField(
                label=_("New value for “%(metric)s” (now %(value)s %(unit)s)")
                % {
                    "metric": target.metric,
                    "value": f"{target.value.normalize():f}",
                    "unit": target.unit,
                },
                required=False,
                max_digits=24,
                decimal_places=4,
            )

    def target_values(self) -> list[tuple[Target, Any]]:
        return [
            (t, self.cleaned_data[f"target_{t.pk}_value"])
            for t in self.targets
            if self.cleaned_data.get(f"target_{t.pk}_value") is not None
        ]

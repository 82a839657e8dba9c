"""Forms for owners and categories (editors)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from commitments.models import Owner


class OwnerForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    name_en = forms.CharField(label=_("English name"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=Owner.Kind.choices)
    parent = forms.ModelChoiceField(
        label=_("Belongs to"),
        queryset=Owner.objects.all(),
        required=False,
        help_text=_("The body this owner is part of (mayor → city → department)."),
    )
    aliases = forms.CharField(
        label=_("Other spellings (one a line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("How articles name this owner; extraction matches them."),
    )
    slug = forms.CharField(
        label=_("Address (slug)"),
        max_length=120,
        required=False,
        help_text=_("Made from the name when left empty. Old addresses redirect."),
    )

    def alias_list(self) -> list[str]:
        return [
            line.strip()
            for line in (self.cleaned_data.get("aliases") or "").splitlines()
            if line.strip()
        ]


class OwnerMergeForm(forms.Form):
    survivor = forms.ModelChoiceField(
        label=_("Merge into"),
        queryset=Owner.objects.all(),
        help_text=_(
            "This owner's pledges, co-owner links, names and history move to the "
            "owner you pick; this owner's page redirects there."
        ),
    )


class CategoryForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    name_en = forms.CharField(label=_("English name"), max_length=120, required=False)
    slug = forms.CharField(
        label=_("Address (slug)"),
        max_length=120,
        required=False,
        help_text=_("Made from the name when left empty."),
    )

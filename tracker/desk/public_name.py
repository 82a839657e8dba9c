"""A journalist's public name (/newsroom/name/): what their verdicts are
signed with on public pages. It is the account's first and last name (the
same fields /admin edits), set here by the journalist themself, so a byline
never has to fall back to the login name."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied as Forbidden
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from commitments.bylines import public_name
from commitments.errors import PermissionDenied
from commitments.roles import User, is_journalist
from commitments.services import audit_record
from tracker.permissions import journalist_required


class PublicNameForm(forms.Form):
    last_name = forms.CharField(
        label=gettext_lazy("Family name"), max_length=150, required=False
    )
    first_name = forms.CharField(
        label=gettext_lazy("Given name"), max_length=150, required=False
    )


@transaction.atomic
def public_name_set(*, actor: User, first_name: str, last_name: str) -> str:
    """Set the actor's own public name; returns the byline it makes."""
    if not is_journalist(actor):
        raise PermissionDenied(_("Only journalists and editors can do this."))
    before = public_name(actor)
    actor.first_name, actor.last_name = first_name.strip(), last_name.strip()
    actor.save(update_fields=["first_name", "last_name"])
    after = public_name(actor)
    audit_record(
        actor=actor,
        action="user.public_name",
        obj=actor,
        data={"before": before, "after": after},
    )
    return after


@require_http_methods(["GET", "POST"])
@journalist_required
def public_name_edit(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not is_journalist(user):  # let in by journalist_required; narrows the type
        raise Forbidden
    status = 200
    if request.method == "POST":
        form = PublicNameForm(request.POST)
        if form.is_valid():
            public_name_set(actor=user, **form.cleaned_data)
            messages.success(request, _("Your public name is saved."))
            return redirect("newsroom-public-name")
        status = 422
    else:
        form = PublicNameForm(
            initial={"first_name": user.first_name, "last_name": user.last_name}
        )
    return render(
        request,
        "tracker/desk/public_name.html",
        {"form": form, "byline": public_name(user)},
        status=status,
    )

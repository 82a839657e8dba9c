"""Per-user API keys: create (the key is shown once), list, revoke."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from commitments.errors import DomainError
from tracker.apikeys.forms import ApiKeyForm
from tracker.apikeys.services import api_key_create, api_key_revoke
from tracker.models import ApiKey
from tracker.permissions import SignedInRequest, journalist_required


# The raw key is in this page only once: no browser or proxy may keep it.
@never_cache
@journalist_required
def api_keys(request: SignedInRequest) -> HttpResponse:
    raw_key = ""
    status = 200
    if request.method == "POST":
        form = ApiKeyForm(request.POST)
        if form.is_valid():
            try:
                _key, raw_key = api_key_create(
                    user=request.user, name=form.cleaned_data["name"]
                )
            except DomainError as exc:
                form.add_error("name", exc.message)
                status = exc.http_status
            else:
                form = ApiKeyForm()
        else:
            status = 422
    else:
        form = ApiKeyForm()
    return render(
        request,
        "tracker/apikeys/list.html",
        {
            "form": form,
            "raw_key": raw_key,
            "keys": ApiKey.objects.filter(user=request.user),
        },
        status=status,
    )


@require_POST
@journalist_required
def api_key_revoke_view(request: SignedInRequest, key_id: int) -> HttpResponse:
    try:
        api_key_revoke(user=request.user, key_id=key_id)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("api-keys")
    messages.success(request, _("Key revoked."))
    return redirect("api-keys")

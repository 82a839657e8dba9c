"""Editors register webhook subscribers (the secret is shown once), see every
delivery attempt, and are told here when a subscriber was disabled."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from commitments.errors import DomainError
from tracker.models import WebhookAttempt, WebhookSubscription
from tracker.permissions import editor_required
from tracker.webhooks import services
from tracker.webhooks.forms import SubscriptionForm


# The secret is in this page only once: no browser or proxy may keep it.
@never_cache
@editor_required
def webhooks(request: HttpRequest) -> HttpResponse:
    secret = ""
    status = 200
    if request.method == "POST":
        form = SubscriptionForm(request.POST)
        if form.is_valid():
            try:
                _sub, secret = services.webhook_subscribe(
                    actor=request.user,
                    url=form.cleaned_data["url"],
                    events=form.cleaned_data["events"],
                )
            except DomainError as exc:
                form.add_error(
                    exc.field if exc.field in form.fields else None, exc.message
                )
                status = exc.http_status
            else:
                form = SubscriptionForm()
        else:
            status = 422
    else:
        form = SubscriptionForm()
    subscriptions = list(WebhookSubscription.objects.all())
    recent = WebhookAttempt.objects.select_related(
        "delivery", "delivery__subscription"
    ).order_by("-at", "-id")[:50]
    return render(
        request,
        "tracker/webhooks/list.html",
        {
            "form": form,
            "secret": secret,
            "subscriptions": subscriptions,
            "disabled": [s for s in subscriptions if not s.active],
            "attempts": recent,
        },
        status=status,
    )


@require_POST
@editor_required
def webhook_delete(request: HttpRequest, public_id: str) -> HttpResponse:
    try:
        services.webhook_unsubscribe(actor=request.user, public_id=public_id)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Subscriber removed."))
    return redirect("webhooks")


@require_POST
@editor_required
def webhook_enable(request: HttpRequest, public_id: str) -> HttpResponse:
    try:
        services.webhook_enable(actor=request.user, public_id=public_id)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Subscriber enabled again."))
    return redirect("webhooks")

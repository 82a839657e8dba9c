"""The newsroom home (/newsroom/): where journalists and editors land after
logging in. What waits for them, and their own latest submissions."""

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from commitments.bylines import public_name
from commitments.roles import is_editor
from tracker.desk.selectors import attention_count
from tracker.permissions import SignedInRequest, journalist_required
from tracker.review.selectors import pending_candidate_count, recent_submissions


@require_GET
@journalist_required
def newsroom_home(request: SignedInRequest) -> HttpResponse:
    editor = is_editor(request.user)
    return render(
        request,
        "tracker/home.html",
        {
            "is_editor": editor,
            "pending": pending_candidate_count() if editor else None,
            "attention": attention_count(),
            "recent": recent_submissions(user=request.user),
            "byline": public_name(request.user),
        },
    )

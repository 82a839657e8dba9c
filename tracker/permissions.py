"""Role checks for newsroom pages: anonymous users go to the login page,
signed-in users without the role get a 403."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from commitments.roles import SignedInUser, is_editor, is_journalist


class SignedInRequest(HttpRequest):
    """The request type of a view behind a role decorator: it only runs for a
    signed-in user (annotation only; the decorators make it true)."""

    user: SignedInUser


def _role_required(check: Callable[[Any], bool]) -> Callable:
    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


editor_required = _role_required(is_editor)
journalist_required = _role_required(is_journalist)

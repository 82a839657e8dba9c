"""Log-in: newsroom users land on the newsroom home, readers on the public
home (an explicit ?next= still wins)."""

from django.contrib.auth.views import LoginView
from django.urls import reverse

from commitments.roles import is_journalist


class LoginLandingView(LoginView):
    def get_default_redirect_url(self) -> str:
        if is_journalist(self.request.user):
            return reverse("newsroom-home")
        return super().get_default_redirect_url()

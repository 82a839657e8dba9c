"""Repeated failed log-ins lock the account (django-axes) and the lockout page
is a clear 4xx, even when the right password finally arrives."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"  # tests/factories.py


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    settings.AXES_FAILURE_LIMIT = 3


def attempt(client, username, password):
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR="203.0.113.7",
    )


def test_a_correct_password_logs_in(client, journalist):
    response = attempt(client, journalist.username, PASSWORD)
    assert response.status_code == 302


def test_a_wrong_password_is_a_form_error_below_the_limit(client, journalist):
    response = attempt(client, journalist.username, "wrong")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_repeated_failures_lock_out_with_a_clear_page(client, journalist, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, journalist.username, "wrong").status_code == 200
    locked = attempt(client, journalist.username, "wrong")
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "Too many failed log-ins" in html
    assert "locked" in html
    # The right password does not get through while locked out.
    again = attempt(client, journalist.username, PASSWORD)
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("desk")).status_code == 302  # still anonymous


def test_the_lockout_page_has_no_inline_script(client, journalist, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = attempt(client, journalist.username, "wrong")
    assert response.status_code == 429
    assert "<script>" not in response.content.decode()

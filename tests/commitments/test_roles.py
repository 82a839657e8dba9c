"""Role checks: require_editor / require_journalist refuse, or hand back the
same user (typed as signed in, for services that store it as an author)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from commitments.errors import PermissionDenied
from commitments.roles import is_editor, require_editor, require_journalist


def test_require_editor_returns_the_editor_it_was_given(editor) -> None:
    assert require_editor(editor) is editor


def test_require_journalist_returns_journalists_and_editors(journalist, editor) -> None:
    assert require_journalist(journalist) is journalist
    assert require_journalist(editor) is editor


def test_require_editor_refuses_journalists_readers_and_visitors(
    journalist, reader
) -> None:
    for user in (journalist, reader, AnonymousUser()):
        with pytest.raises(PermissionDenied):
            require_editor(user)
    with pytest.raises(PermissionDenied):
        require_journalist(reader)
    assert not is_editor(AnonymousUser())

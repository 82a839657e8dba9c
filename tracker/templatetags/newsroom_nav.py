"""The newsroom navigation's counts: `{% newsroom_counts user as counts %}`.
Two COUNT queries, run only where the bar is drawn (newsroom users)."""

from typing import Any

from django import template

from commitments import roles
from tracker.desk.selectors import attention_count
from tracker.review.selectors import pending_candidate_count

register = template.Library()


@register.simple_tag
def newsroom_counts(user: Any) -> dict[str, int | None]:
    if not roles.is_journalist(user):
        return {"pending": None, "attention": None}
    return {
        # Only editors decide candidates; a journalist isn't shown the queue.
        "pending": pending_candidate_count() if roles.is_editor(user) else None,
        "attention": attention_count(),
    }

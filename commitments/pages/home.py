"""The home page's first screen: the pledges we track, most recently
published or updated first (a pledge with no verdict yet counts from its
publication), each with its status and progress."""

from django.db.models import DateTimeField
from django.db.models.functions import Coalesce

from commitments.models import Pledge
from commitments.pages.row_progress import with_progress

TRACKED_ON_HOME = 6


def tracked_pledges(*, limit: int = TRACKED_ON_HOME) -> list[Pledge]:
    """Three queries: the pledges with their owners, their targets, and the
    targets' measurements."""
    pledges: list[Pledge] = list(
        Pledge.objects.select_related("owner")
        .annotate(
            touched_at=Coalesce(
                "last_update_at", "created_at", output_field=DateTimeField()
            )
        )
        .order_by("-touched_at", "-id")[:limit]
    )
    with_progress(pledges)
    return pledges

"""The home page's first screen: the pledges we track, most recently
published or updated first (a pledge with no verdict yet counts from its
publication), each with its status and progress."""

from commitments.indexes import recently_touched
from commitments.models import Pledge
from commitments.pages.row_progress import with_progress

TRACKED_ON_HOME = 6


def tracked_pledges(*, limit: int = TRACKED_ON_HOME) -> list[Pledge]:
    """Three queries: the pledges with their owners, their targets, and the
    targets' measurements."""
    pledges: list[Pledge] = list(
        # In the order the `pledge_touched_idx` index holds.
        Pledge.objects.select_related("owner").order_by(*recently_touched())[:limit]
    )
    with_progress(pledges)
    return pledges

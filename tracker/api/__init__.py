"""The newsroom API (authenticated writes), mounted at /api/v1/newsroom/."""

from ninja import Router

from tracker.api import desk, review

router = Router(tags=["newsroom"])
router.add_router("", review.router)
router.add_router("", desk.router)

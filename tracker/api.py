"""The newsroom API (authenticated writes), mounted at /api/v1/newsroom/.
Each stage keeps its own router."""

from ninja import Router

from tracker.desk.api import router as desk_router
from tracker.ingest.api import router as ingest_router
from tracker.review.api import router as review_router

router = Router(tags=["newsroom"])
router.add_router("", ingest_router)
router.add_router("", review_router)
router.add_router("", desk_router)

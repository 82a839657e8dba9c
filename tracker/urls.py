"""Newsroom pages, mounted at /newsroom/. Each area keeps its own URL list."""

from tracker import desk_urls, review_urls, webhook_urls

urlpatterns = [
    *review_urls.urlpatterns,
    *desk_urls.urlpatterns,
    *webhook_urls.urlpatterns,
]

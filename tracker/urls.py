"""Newsroom pages, mounted at /newsroom/. Each stage keeps its own URL list."""

from tracker.apikeys import urls as apikeys_urls
from tracker.desk import urls as desk_urls
from tracker.directory import urls as directory_urls
from tracker.editing import urls as editing_urls
from tracker.ingest import urls as ingest_urls
from tracker.reader_reports import urls as reader_reports_urls
from tracker.review import urls as review_urls
from tracker.spreadsheet_import import urls as spreadsheet_import_urls
from tracker.webhooks import urls as webhooks_urls

urlpatterns = [
    *ingest_urls.urlpatterns,
    *review_urls.urlpatterns,
    *desk_urls.urlpatterns,
    *editing_urls.urlpatterns,
    *directory_urls.urlpatterns,
    *spreadsheet_import_urls.urlpatterns,
    *webhooks_urls.urlpatterns,
    *apikeys_urls.urlpatterns,
    *reader_reports_urls.urlpatterns,
]

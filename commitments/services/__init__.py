"""Every write to the record. Keyword-only, typed, atomic, permission-checked,
and each leaves an AuditEvent (who, when, what).

Callers import from here: `from commitments import services`.
"""

from commitments.services.common import audit_record, check_http_url, today_local
from commitments.services.flags import (
    pledge_flags_compute,
    pledge_flags_recompute_all,
    pledge_flags_refresh,
)
from commitments.services.pledges import (
    CitationInput,
    TargetInput,
    citation_add,
    pledge_create,
)
from commitments.services.sources import content_hash_of, source_store
from commitments.services.updates import measurement_record, status_update_post

__all__ = [
    "CitationInput",
    "TargetInput",
    "audit_record",
    "check_http_url",
    "citation_add",
    "content_hash_of",
    "measurement_record",
    "pledge_create",
    "pledge_flags_compute",
    "pledge_flags_recompute_all",
    "pledge_flags_refresh",
    "source_store",
    "status_update_post",
    "today_local",
]

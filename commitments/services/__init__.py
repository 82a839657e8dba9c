"""Every write to the record. Keyword-only, typed, atomic, permission-checked,
and each leaves an AuditEvent (who, when, what).

Callers import from here: `from commitments import services`.
"""

from commitments.services.amendments import (
    TargetChange,
    amendment_record,
    pledge_current_wording,
)
from commitments.services.common import (
    audit_record,
    check_http_url,
    check_max_length,
    today_local,
)
from commitments.services.corrections import (
    measurement_correct,
    pledge_status_recompute,
    status_update_correct,
)
from commitments.services.flags import (
    pledge_flags_compute,
    pledge_flags_recompute_all,
    pledge_flags_refresh,
)
from commitments.services.owners import category_save, owner_merge, owner_save
from commitments.services.pledge_edits import pledge_edit
from commitments.services.pledges import (
    CitationInput,
    TargetInput,
    citation_add,
    pledge_create,
)
from commitments.services.reader_reports import (
    reader_report_close,
    reader_report_submit,
)
from commitments.services.sources import content_hash_of, source_store
from commitments.services.target_edits import (
    pledge_target_add,
    pledge_target_change,
    pledge_target_remove,
)
from commitments.services.targets import pledge_targets_add
from commitments.services.updates import measurement_record, status_update_post
from commitments.services.versions import pledge_version, pledge_version_check

__all__ = [
    "CitationInput",
    "TargetChange",
    "TargetInput",
    "amendment_record",
    "audit_record",
    "category_save",
    "check_http_url",
    "check_max_length",
    "citation_add",
    "content_hash_of",
    "measurement_correct",
    "measurement_record",
    "owner_merge",
    "owner_save",
    "reader_report_close",
    "reader_report_submit",
    "pledge_create",
    "pledge_current_wording",
    "pledge_edit",
    "pledge_flags_compute",
    "pledge_flags_recompute_all",
    "pledge_flags_refresh",
    "pledge_target_add",
    "pledge_target_change",
    "pledge_target_remove",
    "pledge_targets_add",
    "pledge_status_recompute",
    "pledge_version",
    "pledge_version_check",
    "source_store",
    "status_update_correct",
    "status_update_post",
    "today_local",
]

"""The pledge record: who promised what, by when, and how it is going.

Writes go through `commitments.services`; reads through each surface's
selectors (`commitments.pages.selectors`, `commitments.api.selectors`, ...).
`record.py` holds the pledges and what they are made of, `changes.py` what
is kept about changes to them, `reader_reports.py` readers' error reports,
`api_documents.py` the read API's stored pledge bodies;
`commitments.record_generation` the number every write moves on.
"""

from commitments.models.api_documents import PledgeDocument
from commitments.models.changes import (
    Amendment,
    AuditEvent,
    OwnerRedirect,
    PledgeEdit,
)
from commitments.models.reader_reports import ReaderReport
from commitments.models.record import (
    Category,
    Citation,
    DeadlinePrecision,
    Measurement,
    Owner,
    Pledge,
    PledgeQuerySet,
    Source,
    StatusUpdate,
    Target,
    overdue_condition,
)

# Declared beside its bump and read; imported here so Django finds the model.
from commitments.record_generation import RecordGeneration

__all__ = [
    "Amendment",
    "AuditEvent",
    "Category",
    "Citation",
    "DeadlinePrecision",
    "Measurement",
    "overdue_condition",
    "Owner",
    "OwnerRedirect",
    "Pledge",
    "PledgeDocument",
    "PledgeEdit",
    "PledgeQuerySet",
    "ReaderReport",
    "RecordGeneration",
    "Source",
    "StatusUpdate",
    "Target",
]

"""Readers' error reports: anyone may send one from a pledge page; editors
resolve or dismiss each with a note. A report resolved with a change to the
record is published in the corrections log with that note, so the change a
reader asked for is visible (the change itself is made through the usual
correction and edit services, which keep their own reasons)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commitments.errors import Conflict, ValidationFailed
from commitments.models import Pledge, ReaderReport
from commitments.roles import User, require_editor
from commitments.services.common import audit_record, check_max_length

# Shorter than this says nothing an editor could check.
MIN_MESSAGE_CHARS = 10


def reader_report_submit(
    *, pledge: Pledge, message: str, contact: str = "", language: str = ""
) -> ReaderReport:
    """A reader's report. No actor: the form needs no login (the view limits
    how often one address may send)."""
    message = message.strip()
    contact = contact.strip()
    check_max_length(message, model=ReaderReport, name="message")
    check_max_length(contact, model=ReaderReport, name="contact")
    if len(message) < MIN_MESSAGE_CHARS:
        raise ValidationFailed(
            _("Tell us what is wrong in at least %(n)d characters.")
            % {"n": MIN_MESSAGE_CHARS},
            code="too_short",
            field="message",
        )
    report = ReaderReport.objects.create(
        pledge=pledge, message=message, contact=contact, language=language[:8]
    )
    audit_record(actor=None, action="reader_report.submit", obj=report)
    return report


@transaction.atomic
def reader_report_close(
    *,
    actor: User,
    report: ReaderReport,
    state: str,
    note: str,
    changed_record: bool = False,
) -> ReaderReport:
    """Resolve or dismiss an open report, with a note (published when the
    report changed the record)."""
    actor = require_editor(actor)
    if state not in (ReaderReport.State.RESOLVED, ReaderReport.State.DISMISSED):
        raise ValidationFailed(_("Resolve or dismiss the report."), field="state")
    note = note.strip()
    check_max_length(note, model=ReaderReport, name="resolution_note", field="note")
    if not note:
        raise ValidationFailed(
            _("Write a note: what was checked, and what was done."),
            code="note_required",
            field="note",
        )
    if changed_record and state != ReaderReport.State.RESOLVED:
        raise ValidationFailed(
            _("Only a resolved report can have changed the record."),
            field="changed_record",
        )
    # Two editors on the same report: the second one is told, not overwritten.
    locked = ReaderReport.objects.select_for_update().get(pk=report.pk)
    if locked.state != ReaderReport.State.OPEN:
        raise Conflict(_("This report was already closed by another editor."))
    locked.state = state
    locked.resolution_note = note
    locked.changed_record = changed_record
    locked.resolved_by = actor
    locked.resolved_at = timezone.now()
    locked.save()
    audit_record(
        actor=actor,
        action=f"reader_report.{state}",
        obj=locked,
        data={"changed_record": changed_record},
    )
    return locked

"""Readers' error reports: a note from anyone reading a pledge page ("this
figure is wrong"), kept until an editor resolves or dismisses it."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReaderReport(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("Open")
        RESOLVED = "resolved", _("Resolved")
        DISMISSED = "dismissed", _("Dismissed")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    pledge = models.ForeignKey(
        "commitments.Pledge", on_delete=models.CASCADE, related_name="reader_reports"
    )
    message = models.TextField(_("what is wrong"), max_length=2000)
    # Optional, so the newsroom can answer; never shown publicly.
    contact = models.CharField(_("contact (optional)"), max_length=200, blank=True)
    language = models.CharField(max_length=8, blank=True)
    state = models.CharField(max_length=12, choices=State.choices, default=State.OPEN)
    # Resolved *and* the record was changed because of it: the report is
    # then listed in the public corrections log with the editor's note.
    changed_record = models.BooleanField(default=False)
    resolution_note = models.TextField(max_length=2000, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        app_label = "commitments"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "created_at"])]

    def __str__(self) -> str:
        return f"{self.pledge_id}: {self.message[:40]}"

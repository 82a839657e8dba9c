"""Changes to the record kept beside it: official amendments, the newsroom's
own edits, merged owners' old addresses, and the audit trail."""

from django.conf import settings
from django.db import models

from commitments.models.record import Owner, Pledge, Source


class Amendment(models.Model):
    """An official change to a pledge (변경 전/후, 사유): the original stays visible."""

    pledge = models.ForeignKey(
        Pledge, on_delete=models.PROTECT, related_name="amendments"
    )
    changed_on = models.DateField()
    reason = models.TextField()
    wording_before = models.TextField(blank=True)
    wording_after = models.TextField(blank=True)
    # Target changes as {"target": id, "field": ..., "before": ..., "after": ...}.
    target_changes = models.JSONField(default=list, blank=True)
    evidence_url = models.URLField(max_length=2000, blank=True)
    evidence_source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.pledge_id} amended {self.changed_on}"


class PledgeEdit(models.Model):
    """A newsroom edit to a published pledge, with who, when and why.

    Edits fix our own record (a mistyped title, the wrong owner); official
    changes by the owner are Amendments. `is_public` edits changed what readers
    read and are listed in the corrections log with their reason.
    """

    pledge = models.ForeignKey(Pledge, on_delete=models.PROTECT, related_name="edits")
    reason = models.TextField()
    # [{"field": "title", "target": id|None, "before": "...", "after": "..."}]
    changes = models.JSONField(default=list)
    is_public = models.BooleanField(default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.pledge_id} edited {self.created_at:%Y-%m-%d}"


class OwnerRedirect(models.Model):
    """The address of an owner merged into another: old links answer 301."""

    old_slug = models.SlugField(max_length=120, unique=True, allow_unicode=True)
    old_name = models.CharField(max_length=200, blank=True)
    owner = models.ForeignKey(Owner, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.old_slug} → {self.owner_id}"


class AuditEvent(models.Model):
    """Who did what, when: one row per write made through a service."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(max_length=60)
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=64)
    data = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}:{self.object_id}"

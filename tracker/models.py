"""The newsroom workflow: feeds, extraction jobs, candidates, keys and webhooks."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from commitments.models import Owner, Pledge, Source


class Feed(models.Model):
    """An RSS/Atom feed polled on a schedule with conditional GET."""

    url = models.URLField(max_length=2000, unique=True)
    name = models.CharField(max_length=200)
    active = models.BooleanField(default=True)
    poll_interval_minutes = models.PositiveIntegerField(default=60)
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_result = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class FeedItem(models.Model):
    """One feed entry, remembered so that it is ingested once."""

    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="items")
    guid = models.CharField(max_length=1000)
    link = models.URLField(max_length=2000, blank=True)
    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    error = models.CharField(max_length=500, blank=True)
    seen_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["feed", "guid"], name="feeditem_unique_guid"
            )
        ]

    def __str__(self) -> str:
        return self.guid


class ExtractionJob(models.Model):
    """The extraction of one Source. The row's state is the truth for workers."""

    class State(models.TextChoices):
        # Queued means waiting for a worker: sent to the broker, or (sent_at
        # empty) to be sent by the sweeper once the broker answers again.
        QUEUED = "queued", _("Waiting for a worker")
        EXTRACTING = "extracting", _("Extracting")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    source = models.OneToOneField(
        Source, on_delete=models.CASCADE, related_name="extraction_job"
    )
    state = models.CharField(max_length=12, choices=State.choices, default=State.QUEUED)
    pipeline_version = models.CharField(max_length=40, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    timings = models.JSONField(default=dict, blank=True)
    queued_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # When the job's message last reached the broker; empty while it could
    # not be sent (broker down): the sweeper sends it when the broker is back.
    sent_at = models.DateTimeField(null=True, blank=True)
    # The claim of the worker running the job ("host/pid/nonce") and how long
    # it holds: renewed by a heartbeat while the worker lives, so a message
    # for a job whose claimant died may take it over once the lease lapses.
    claimed_by = models.CharField(max_length=200, blank=True)
    lease_expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-queued_at"]
        indexes = [models.Index(fields=["state", "started_at"])]

    def __str__(self) -> str:
        return f"job {self.pk} ({self.state})"


class Candidate(models.Model):
    """A pledge proposed by the extractor, waiting for an editor's decision."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        MERGED = "merged", _("Merged")
        REJECTED = "rejected", _("Rejected")

    class RejectReason(models.TextChoices):
        NOT_A_PLEDGE = "not_a_pledge", _("Not a pledge")
        DUPLICATE = "duplicate", _("Duplicate")
        TOO_VAGUE = "too_vague", _("Too vague")
        PAST_ACTION = "past_action", _("Past action")
        OPINION = "opinion", _("Opinion, not a commitment")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    source = models.ForeignKey(
        Source, on_delete=models.CASCADE, related_name="candidates"
    )
    # Hash of the normalised quote: re-extraction finds the same candidate again,
    # so decisions already made survive a newer pipeline version.
    fingerprint = models.CharField(max_length=64)
    pipeline_version = models.CharField(max_length=40)
    quote = models.TextField()
    quote_start = models.PositiveIntegerField()
    quote_end = models.PositiveIntegerField()
    extra_quotes = models.JSONField(default=list, blank=True)
    title = models.CharField(max_length=300)
    language = models.CharField(max_length=8, blank=True)
    owner_name = models.CharField(max_length=200, blank=True)
    owner = models.ForeignKey(
        Owner, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    targets = models.JSONField(default=list, blank=True)
    score = models.FloatField(default=0)
    cues = models.JSONField(default=list, blank=True)
    suggested_pledge = models.ForeignKey(
        Pledge, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    suggestion_score = models.FloatField(null=True, blank=True)
    state = models.CharField(
        max_length=10, choices=State.choices, default=State.PENDING
    )
    reject_reason = models.CharField(
        max_length=20, choices=RejectReason.choices, blank=True
    )
    pledge = models.ForeignKey(
        Pledge,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="candidates",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-score", "quote_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "fingerprint"], name="candidate_unique_per_source"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=1), name="candidate_score_0_1"
            ),
        ]
        indexes = [models.Index(fields=["state", "source"])]

    def __str__(self) -> str:
        return self.title


class ApiKey(models.Model):
    """A per-user key for the newsroom API. Only its hash is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_keys"
    )
    name = models.CharField(max_length=100)
    # The first characters of the key, shown in lists so users can tell keys apart.
    prefix = models.CharField(max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class Follow(models.Model):
    """A signed-in user follows a pledge; followed pledges come first on the desk."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    pledge = models.ForeignKey(
        Pledge, on_delete=models.CASCADE, related_name="followers"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "pledge"], name="follow_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.pledge_id}"


class WebhookSubscription(models.Model):
    """A civic app's URL that receives signed JSON events."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    url = models.URLField(max_length=2000)
    # Event types, e.g. ["pledge.published", "status.changed"].
    events = models.JSONField(default=list)
    # Kept in clear: the server needs it to sign each delivery (HMAC-SHA256).
    secret = models.CharField(max_length=100)
    active = models.BooleanField(default=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    disabled_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.url


class WebhookDelivery(models.Model):
    """One event for one subscriber; every attempt is logged."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")

    subscription = models.ForeignKey(
        WebhookSubscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    event_id = models.UUIDField(default=uuid.uuid4, editable=False)
    event_type = models.CharField(max_length=40)
    payload = models.JSONField()
    state = models.CharField(
        max_length=10, choices=State.choices, default=State.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.event_type} → {self.subscription_id} ({self.state})"


class WebhookAttempt(models.Model):
    delivery = models.ForeignKey(
        WebhookDelivery, on_delete=models.CASCADE, related_name="attempt_log"
    )
    at = models.DateTimeField(auto_now_add=True)
    status_code = models.PositiveIntegerField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)
    duration_ms = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"attempt {self.pk}: {self.status_code or self.error}"

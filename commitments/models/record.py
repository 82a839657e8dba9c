"""The record's core: owners, categories, sources, pledges, targets, verdicts,
measurements and citations."""

import uuid
from datetime import date
from typing import Any, Self

from django.conf import settings
from django.db import models
from django.db.models import F, Func, Q
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from commitments.indexes import open_condition, pledge_sort_indexes
from commitments.search_index import (
    PostgresOnlyGinIndex,
    search_document,
    search_text_bigrams,
    search_text_trigrams,
)
from commitments.statuses import FINAL_STATUSES, Status


class DeadlinePrecision(models.TextChoices):
    YEAR = "year", _("Year")
    HALF = "half", _("Half year")
    QUARTER = "quarter", _("Quarter")
    MONTH = "month", _("Month")
    DAY = "day", _("Day")


class Owner(models.Model):
    """A person, organisation or department that makes pledges."""

    class Kind(models.TextChoices):
        PERSON = "person", _("Person")
        ORGANISATION = "organisation", _("Organisation")
        DEPARTMENT = "department", _("Department")

    slug = models.SlugField(max_length=120, unique=True, allow_unicode=True)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    kind = models.CharField(
        max_length=20, choices=Kind.choices, default=Kind.ORGANISATION
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("The body this owner belongs to (mayor → city → department)."),
    )
    # Other spellings used in articles; the extraction gazetteer reads them.
    aliases = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("owner")

    def __str__(self) -> str:
        return self.name_en and f"{self.name} ({self.name_en})" or self.name


class Category(models.Model):
    slug = models.SlugField(max_length=120, unique=True, allow_unicode=True)
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("English name"), max_length=120, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name


class Source(models.Model):
    """A cited document: an article's text, where and when it was published.

    Sources are evidence, so they are never deleted while cited (PROTECT).
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    url = models.URLField(max_length=2000, blank=True)
    publisher = models.CharField(max_length=200, blank=True)
    published_on = models.DateField(null=True, blank=True)
    language = models.CharField(max_length=8, blank=True)
    title = models.CharField(max_length=500, blank=True)
    body = models.TextField()
    # sha256 of the normalised body: the same article is stored once.
    content_hash = models.CharField(max_length=64, unique=True)
    fetched_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["url"])]

    def __str__(self) -> str:
        return self.title or self.url or f"Source {self.public_id}"


def overdue_condition(on: date) -> Q:
    """What "overdue" means everywhere (pages, API, stats, desk): the deadline
    is before `on` and the status is not final. Computed from the row, so it is
    right on the day a deadline passes, before the daily job refreshes the
    stored `Pledge.is_overdue` flag."""
    return Q(deadline__lt=on) & open_condition()


def owner_subtree_sql(root: "Owner | str") -> RawSQL:
    """The ids of the owner (an Owner, or its slug) and of every owner below
    it, as a recursive subquery. UNION, not UNION ALL: a bad parent loop
    ends instead of hanging the query."""
    table = Owner._meta.db_table
    start, params = (
        ("id = %s", [root.pk]) if isinstance(root, Owner) else ("slug = %s", [root])
    )
    return RawSQL(
        f"WITH RECURSIVE subtree(id) AS (SELECT id FROM {table} WHERE {start}"
        f" UNION SELECT o.id FROM {table} o JOIN subtree s ON o.parent_id = s.id)"
        " SELECT id FROM subtree",
        params,
    )


class OwnerIn(Func):
    """`owner IN (subtree)` as a condition. On PostgreSQL it is written
    `owner = ANY(ARRAY(subtree))`: the subtree becomes one array computed
    before the scan, tested on each row as the scan reads it. As `IN` the
    planner joined the subtree to the pledges, and a join loses the sync
    order: it read and sorted every pledge of the subtree for each page (591
    at 10k, ten times that at 100k), where a scan in order stops at the page's
    end."""

    output_field = models.BooleanField()
    # Elsewhere: `owner IN (subtree)` (RawSQL compiles to its text in
    # parentheses).
    template = "%(expressions)s"
    arg_joiner = " IN "

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        # `owner = ANY(ARRAY(subtree))`
        return self.as_sql(
            compiler,
            connection,
            template="%(expressions)s)",
            arg_joiner=" = ANY(ARRAY",
            **extra,
        )


class PledgeQuerySet(models.QuerySet["Pledge"]):
    def open(self) -> Self:
        return self.exclude(status__in=FINAL_STATUSES)

    def overdue(self, on: date) -> Self:
        """Pledges overdue on `on` (see `overdue_condition`)."""
        return self.filter(overdue_condition(on))

    def owned_by(self, owner: "Owner | str") -> Self:
        """Pledges of the owner (an Owner, or its slug) or of any owner below
        it: what the owner filter means on the pages, the desk, the API and
        the feeds. The tree is walked by the database inside the query
        (`owner_subtree_sql`), so the filter costs no query of its own."""
        return self.filter(OwnerIn(F("owner_id"), owner_subtree_sql(owner)))


class Pledge(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(max_length=200, unique=True, allow_unicode=True)
    title = models.CharField(_("title"), max_length=300)
    title_en = models.CharField(_("English title"), max_length=300, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    # Verbatim, kept forever; official changes are Amendments, never edits.
    original_wording = models.TextField(_("original wording"))
    owner = models.ForeignKey(Owner, on_delete=models.PROTECT, related_name="pledges")
    co_owners = models.ManyToManyField(
        Owner, blank=True, related_name="co_owned_pledges"
    )
    categories = models.ManyToManyField(Category, blank=True, related_name="pledges")
    made_on = models.DateField(_("made on"), null=True, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    deadline_precision = models.CharField(
        max_length=10, choices=DeadlinePrecision, blank=True
    )
    # Denormalised from the latest newsroom verdict, for fast filters.
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.NOT_RATED
    )
    # The latest official self-report (the owner's own claim), beside our verdict.
    official_status = models.CharField(
        max_length=20, choices=Status.choices, blank=True
    )
    # Computed flags, stored for filtering; recomputed by services and a daily
    # task, never typed by hand. Reads of "overdue" use `PledgeQuerySet.overdue`
    # and `Pledge.is_overdue_on` instead of the stored flag, which can be a day
    # behind.
    is_overdue = models.BooleanField(default=False)
    is_stale = models.BooleanField(default=False)
    has_disagreement = models.BooleanField(default=False)
    last_update_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = PledgeQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="pledge_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(official_status="") | Q(official_status__in=Status.values),
                name="pledge_official_status_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["status"]),
            models.Index(fields=["is_overdue", "status"]),
            models.Index(fields=["has_disagreement"]),
            # The API's sync order, with the columns the list's filters test
            # (owner, status, deadline; overdue is status and deadline), so a
            # filtered page checks each pledge it passes in the index (an
            # index-only scan) instead of reading the pledge's row.
            models.Index(
                fields=["updated_at", "id"],
                include=["owner", "status", "deadline"],
                name="pledge_sync_covering_idx",
            ),
            models.Index(fields=["owner", "status"]),
            # Search (PostgreSQL only): the full-text document and the
            # trigrams of the text, from the expressions `commitments.search`
            # queries with.
            PostgresOnlyGinIndex(search_document(), name="pledge_search_document_gin"),
            PostgresOnlyGinIndex(
                search_text_trigrams(), name="pledge_search_text_trgm"
            ),
            PostgresOnlyGinIndex(
                search_text_bigrams(), name="pledge_search_text_bigram"
            ),
            *pledge_sort_indexes(),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_final(self) -> bool:
        return self.status in FINAL_STATUSES

    def is_overdue_on(self, on: date) -> bool:
        """`overdue_condition` for a loaded pledge (no query)."""
        return bool(self.deadline and self.deadline < on and not self.is_final)


class Target(models.Model):
    """A measurable part of a pledge: 10,000 people a year, 800,000 homes by 2030."""

    class Period(models.TextChoices):
        NONE = "none", _("Once")
        PER_YEAR = "per_year", _("Per year")
        PER_MONTH = "per_month", _("Per month")
        CUMULATIVE = "cumulative", _("Cumulative")

    class Direction(models.TextChoices):
        INCREASE = "increase", _("Increase")
        DECREASE = "decrease", _("Decrease")

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="targets")
    metric = models.CharField(_("metric"), max_length=300)
    value = models.DecimalField(max_digits=24, decimal_places=4)
    unit = models.CharField(max_length=40, blank=True)
    period = models.CharField(
        max_length=12, choices=Period.choices, default=Period.NONE
    )
    baseline_value = models.DecimalField(
        max_digits=24, decimal_places=4, null=True, blank=True
    )
    baseline_date = models.DateField(null=True, blank=True)
    deadline = models.DateField(null=True, blank=True)
    deadline_precision = models.CharField(
        max_length=10, choices=DeadlinePrecision, blank=True
    )
    direction = models.CharField(
        max_length=10, choices=Direction.choices, default=Direction.INCREASE
    )
    # 4,000 + 6,000 are components of the 10,000 total.
    component_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="components",
    )
    text = models.CharField(_("as written"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["pledge_id", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(value__gte=0), name="target_value_gte_0"
            ),
            models.CheckConstraint(
                condition=Q(baseline_value__isnull=True) | Q(baseline_value__gte=0),
                name="target_baseline_gte_0",
            ),
            models.CheckConstraint(
                condition=Q(period__in=["none", "per_year", "per_month", "cumulative"]),
                name="target_period_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.metric}: {self.value.normalize():f} {self.unit}".strip()


class StatusUpdate(models.Model):
    """An append-only verdict or report on a pledge's status."""

    class Kind(models.TextChoices):
        NEWSROOM = "newsroom", _("Newsroom verdict")
        OFFICIAL = "official", _("Official self-report")
        CORRECTION = "correction", _("Correction")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    pledge = models.ForeignKey(
        Pledge, on_delete=models.PROTECT, related_name="status_updates"
    )
    status = models.CharField(max_length=20, choices=Status.choices)
    previous_status = models.CharField(max_length=20, choices=Status.choices)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.NEWSROOM)
    note = models.TextField()
    evidence_url = models.URLField(max_length=2000, blank=True)
    evidence_source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # A correction points at the update it corrects; the original stays.
    corrects = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
    )
    correction_reason = models.TextField(blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="update_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(previous_status__in=Status.values),
                name="update_previous_status_valid",
            ),
            # Evidence is required for every verdict except "not yet rated".
            models.CheckConstraint(
                condition=Q(status=Status.NOT_RATED)
                | ~Q(evidence_url="")
                | Q(evidence_source__isnull=False),
                name="update_evidence_required",
            ),
        ]
        indexes = [models.Index(fields=["pledge", "kind", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.pledge_id}: {self.previous_status} → {self.status}"


class Measurement(models.Model):
    """A value for a target as of a date, with evidence."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    target = models.ForeignKey(
        Target, on_delete=models.PROTECT, related_name="measurements"
    )
    value = models.DecimalField(max_digits=24, decimal_places=4)
    as_of = models.DateField()
    note = models.TextField(blank=True)
    evidence_url = models.URLField(max_length=2000, blank=True)
    evidence_source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    corrects = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
    )
    correction_reason = models.TextField(blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-as_of", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(value__gte=0), name="measurement_value_gte_0"
            ),
            models.CheckConstraint(
                condition=~Q(evidence_url="") | Q(evidence_source__isnull=False),
                name="measurement_evidence_required",
            ),
        ]
        indexes = [models.Index(fields=["target", "as_of"])]

    def __str__(self) -> str:
        return f"{self.target_id}: {self.value} on {self.as_of}"


class Citation(models.Model):
    """A pledge's quote in a source (the same pledge, reported by three outlets)."""

    pledge = models.ForeignKey(
        Pledge, on_delete=models.CASCADE, related_name="citations"
    )
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="citations"
    )
    quote = models.TextField()
    quote_start = models.PositiveIntegerField(null=True, blank=True)
    quote_end = models.PositiveIntegerField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["pledge", "source", "quote_start"],
                name="citation_unique_quote_per_source",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pledge_id} ← {self.source_id}"

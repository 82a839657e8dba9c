from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from commitments.models import (
    Amendment,
    AuditEvent,
    Category,
    Citation,
    Measurement,
    Owner,
    Pledge,
    Source,
    StatusUpdate,
    Target,
)


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0
    fk_name = "pledge"
    fields = [
        "metric",
        "value",
        "unit",
        "period",
        "deadline",
        "direction",
        "component_of",
    ]


class CitationInline(admin.TabularInline):
    model = Citation
    extra = 0
    raw_id_fields = ["source"]
    fields = ["source", "quote", "quote_start", "quote_end"]


@admin.register(Pledge)
class PledgeAdmin(SimpleHistoryAdmin):
    list_display = [
        "title",
        "owner",
        "status",
        "deadline",
        "is_overdue",
        "has_disagreement",
        "updated_at",
    ]
    list_filter = [
        "status",
        "is_overdue",
        "is_stale",
        "has_disagreement",
        "categories",
        "owner",
    ]
    list_select_related = ["owner"]
    search_fields = ["title", "title_en", "summary", "original_wording", "slug"]
    readonly_fields = [
        "public_id",
        "status",
        "official_status",
        "is_overdue",
        "is_stale",
        "has_disagreement",
        "last_update_at",
        "created_at",
        "updated_at",
    ]
    raw_id_fields = ["owner"]
    filter_horizontal = ["categories", "co_owners"]
    inlines = [TargetInline, CitationInline]
    date_hierarchy = "created_at"


@admin.register(Owner)
class OwnerAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "kind", "parent"]
    list_filter = ["kind"]
    list_select_related = ["parent"]
    search_fields = ["name", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "slug"]
    search_fields = ["name", "name_en"]


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = ["metric", "pledge", "value", "unit", "period", "deadline"]
    list_filter = ["period", "direction"]
    list_select_related = ["pledge"]
    search_fields = ["metric", "pledge__title"]
    raw_id_fields = ["pledge", "component_of"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["__str__", "publisher", "published_on", "language", "created_at"]
    list_filter = ["language", "publisher"]
    search_fields = ["title", "url", "publisher"]
    readonly_fields = ["public_id", "content_hash", "created_at"]


@admin.register(StatusUpdate)
class StatusUpdateAdmin(admin.ModelAdmin):
    list_display = [
        "pledge",
        "previous_status",
        "status",
        "kind",
        "author",
        "created_at",
    ]
    list_filter = ["kind", "status"]
    list_select_related = ["pledge", "author"]
    search_fields = ["pledge__title", "note"]
    raw_id_fields = ["pledge", "evidence_source", "corrects"]


@admin.register(Measurement)
class MeasurementAdmin(admin.ModelAdmin):
    list_display = ["target", "value", "as_of", "author", "created_at"]
    list_select_related = ["target", "author"]
    search_fields = ["target__metric", "target__pledge__title"]
    raw_id_fields = ["target", "evidence_source", "corrects"]


@admin.register(Amendment)
class AmendmentAdmin(admin.ModelAdmin):
    list_display = ["pledge", "changed_on", "author"]
    list_select_related = ["pledge", "author"]
    raw_id_fields = ["pledge", "evidence_source"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "action", "object_type", "object_id"]
    list_filter = ["action", "object_type"]
    list_select_related = ["actor"]
    search_fields = ["object_id", "action"]

    def has_change_permission(
        self, request: HttpRequest, obj: AuditEvent | None = None
    ) -> bool:
        return False  # the audit trail is append-only

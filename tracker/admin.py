from django.contrib import admin

from tracker.models import ApiKey, Candidate, ExtractionJob, Feed, WebhookSubscription


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "url",
        "active",
        "poll_interval_minutes",
        "last_polled_at",
        "last_result",
    ]
    list_filter = ["active"]
    search_fields = ["name", "url"]


@admin.register(ExtractionJob)
class ExtractionJobAdmin(admin.ModelAdmin):
    list_display = [
        "source",
        "state",
        "pipeline_version",
        "attempts",
        "queued_at",
        "finished_at",
    ]
    list_filter = ["state"]
    list_select_related = ["source"]


@admin.register(Candidate)
class CandidateAdmin(admin.ModelAdmin):
    list_display = ["title", "source", "state", "score", "decided_by", "decided_at"]
    list_filter = ["state", "language"]
    list_select_related = ["source", "decided_by"]
    search_fields = ["title", "quote"]
    raw_id_fields = ["source", "owner", "suggested_pledge", "pledge"]


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "user",
        "prefix",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]
    list_select_related = ["user"]
    readonly_fields = ["prefix", "key_hash"]


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(admin.ModelAdmin):
    list_display = ["url", "active", "consecutive_failures", "disabled_at"]
    list_filter = ["active"]
    exclude = ["secret"]

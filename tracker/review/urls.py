"""The review queue and candidate decisions, under /newsroom/."""

from django.urls import path

from tracker.review import views as review

urlpatterns = [
    path("review/", review.queue, name="review-queue"),
    path("review/<uuid:source_id>/", review.source_detail, name="review-source"),
    path(
        "review/<uuid:source_id>/status/",
        review.source_status,
        name="review-source-status",
    ),
    path(
        "review/<uuid:source_id>/bulk-reject/",
        review.bulk_reject,
        name="review-bulk-reject",
    ),
    path(
        "review/<uuid:source_id>/reextract/",
        review.source_reextract,
        name="review-reextract",
    ),
    path(
        "candidates/<uuid:candidate_id>/accept/",
        review.candidate_accept,
        name="candidate-accept",
    ),
    path(
        "candidates/<uuid:candidate_id>/merge/",
        review.candidate_merge,
        name="candidate-merge",
    ),
    path(
        "candidates/<uuid:candidate_id>/reject/",
        review.candidate_reject,
        name="candidate-reject",
    ),
    path(
        "candidates/<uuid:candidate_id>/reopen/",
        review.candidate_reopen,
        name="candidate-reopen",
    ),
]

"""The read API's JSON body of each pledge, as last built.

A body is made of the pledge and everything hanging off it (owner, categories,
targets with their measurements' progress, citations, the latest update):
building one costs five queries and the progress arithmetic. Kept here, a
pledge read by the API is one row. A document is only ever served while what
it was built from (the `pledge_*` columns and `overdue`) matches the pledge
row (see `commitments.api.pledge_documents`), and writes to what a body
shows but the pledge row doesn't (an owner renamed, a source retitled) move
the pledge's version or delete the documents they touch, so a stored body is
never served stale. It is derived data:
dropping every row costs speed, never correctness.
"""

from django.db import models


class PledgeDocument(models.Model):
    pledge = models.OneToOneField(
        "commitments.Pledge",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="api_document",
    )
    # What the body was built from: the pledge row's version, the columns a
    # bulk write may change without moving it, and whether the pledge was
    # overdue on the day (the one part of a body computed against today). A
    # body is served only while each equals what the pledge row gives now
    # (`commitments.api.document_reads` has the database compare them); a
    # null never equals.
    pledge_updated_at = models.DateTimeField(null=True)
    pledge_owner_id = models.BigIntegerField(null=True)
    pledge_status = models.CharField(max_length=20, default="")
    pledge_official_status = models.CharField(max_length=20, default="")
    pledge_is_stale = models.BooleanField(null=True)
    pledge_has_disagreement = models.BooleanField(null=True)
    overdue = models.BooleanField(null=True)
    # The representation without its two absolute links (those depend on the
    # host a request came to): UTF-8 JSON text of one object.
    body = models.TextField()

    def __str__(self) -> str:
        return f"document of {self.pledge_id}"

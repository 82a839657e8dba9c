"""Reads for old owner addresses (merged or renamed owners answer 301)."""

from commitments.models import OwnerRedirect


def owner_redirect(*, slug: str) -> str | None:
    """The survivor's slug for an old owner address, or None."""
    if "\x00" in slug or len(slug) > 200:
        return None
    row = OwnerRedirect.objects.filter(old_slug=slug).select_related("owner").first()
    return row.owner.slug if row else None

"""The workflow's side of merging owners: review candidates that named the
duplicate move to the survivor before the record folds the duplicate in."""

from django.db import transaction

from commitments import services
from commitments.models import Owner
from commitments.roles import User, require_editor
from tracker.models import Candidate


@transaction.atomic
def owner_merge(*, actor: User, duplicate: Owner, survivor: Owner) -> Owner:
    require_editor(actor)
    if duplicate.pk != survivor.pk:
        Candidate.objects.filter(owner=duplicate).update(owner=survivor)
    return services.owner_merge(actor=actor, duplicate=duplicate, survivor=survivor)

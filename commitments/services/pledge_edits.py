"""Newsroom edits to a published pledge: our own record fixed, with who, when
and why (a PledgeEdit, an AuditEvent and the django-simple-history version).

Edits are not amendments: an amendment records an official change by the
owner (변경 전/후, 사유) and keeps both versions public; an edit corrects what
the newsroom itself published. Edits that change what readers read are
listed in the public corrections log with their reason.
"""

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from commitments.errors import ValidationFailed
from commitments.models import Category, DeadlinePrecision, Owner, Pledge, PledgeEdit
from commitments.roles import SignedInUser, User, require_editor
from commitments.services.common import audit_record
from commitments.services.flags import pledge_flags_refresh
from commitments.services.versions import pledge_version_check

# Fields readers see on the public pages: changing one is a public correction.
PUBLIC_FIELDS = frozenset(
    {"title", "title_en", "summary", "owner", "deadline", "deadline_precision"}
)
# django-simple-history keeps the reason in a 100-character column.
HISTORY_REASON_LENGTH = 100


def edit_reason_check(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(
            _("Say why you are making this edit: the reason is kept with it."),
            code="reason_required",
            field="reason",
        )
    return reason[:2000]


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Owner):
        return str(value)
    return str(value)


def pledge_edit_record(
    *,
    actor: SignedInUser,
    pledge: Pledge,
    reason: str,
    changes: list[dict[str, Any]],
    public: bool,
) -> PledgeEdit:
    """Keep one edit: the PledgeEdit row, the audit event, and the history
    reason on the pledge's newest historical version."""
    edit = PledgeEdit.objects.create(
        pledge=pledge,
        reason=reason,
        changes=changes,
        is_public=public,
        author=actor,
    )
    audit_record(
        actor=actor,
        action="pledge.edit",
        obj=pledge,
        data={"edit": edit.pk, "reason": reason, "changes": changes},
    )
    return edit


def pledge_save_with_reason(*, actor: User, pledge: Pledge, reason: str) -> None:
    """Save (flags recomputed, version bumped) so the historical row carries
    who edited and why."""
    # Passing attributes simple_history reads when it writes the historical row.
    pledge._history_user = actor  # type: ignore[attr-defined]
    pledge._change_reason = reason[:HISTORY_REASON_LENGTH]  # type: ignore[attr-defined]
    pledge_flags_refresh(pledge=pledge)


@transaction.atomic
def pledge_edit(
    *,
    actor: User,
    pledge: Pledge,
    reason: str,
    title: str,
    title_en: str = "",
    summary: str = "",
    owner: Owner,
    categories: Sequence[Category] = (),
    deadline: date | None = None,
    deadline_precision: str = "",
    expected_version: str | None = None,
) -> PledgeEdit:
    """Change a published pledge's descriptive fields (editors only).

    The original wording is never edited (amendments carry official changes).
    Refuses when nothing changed, so every kept edit says something.
    """
    actor = require_editor(actor)
    reason = edit_reason_check(reason)
    title = (title or "").strip()[:300]
    if not title:
        raise ValidationFailed(_("A pledge needs a title."), field="title")
    if deadline_precision and deadline_precision not in DeadlinePrecision.values:
        raise ValidationFailed(
            _("Unknown deadline precision."), field="deadline_precision"
        )
    if deadline and not deadline_precision:
        deadline_precision = DeadlinePrecision.DAY
    if deadline is None:
        deadline_precision = ""
    locked = (
        Pledge.objects.select_for_update().select_related("owner").get(pk=pledge.pk)
    )
    pledge_version_check(pledge=locked, expected_version=expected_version)
    wanted: dict[str, Any] = {
        "title": title,
        "title_en": (title_en or "").strip()[:300],
        "summary": (summary or "").strip(),
        "owner": owner,
        "deadline": deadline,
        "deadline_precision": deadline_precision,
    }
    changes: list[dict[str, Any]] = []
    for field, after in wanted.items():
        before = getattr(locked, field)
        if before != after:
            changes.append(
                {"field": field, "before": _shown(before), "after": _shown(after)}
            )
            setattr(locked, field, after)
    old_categories = sorted(locked.categories.all(), key=lambda c: c.pk)
    new_categories = sorted(set(categories), key=lambda c: c.pk)
    if [c.pk for c in old_categories] != [c.pk for c in new_categories]:
        changes.append(
            {
                "field": "categories",
                "before": ", ".join(c.name for c in old_categories),
                "after": ", ".join(c.name for c in new_categories),
            }
        )
        locked.categories.set(new_categories)
    if not changes:
        raise ValidationFailed(
            _("Nothing changed: edit a field before saving."),
            code="nothing_changed",
        )
    # The owner is never also a co-owner of the same pledge.
    locked.co_owners.remove(owner)
    pledge_save_with_reason(actor=actor, pledge=locked, reason=reason)
    public = any(c["field"] in PUBLIC_FIELDS for c in changes)
    return pledge_edit_record(
        actor=actor, pledge=locked, reason=reason, changes=changes, public=public
    )

"""Helpers shared by the services: the audit trail, dates, value checks."""

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, cast
from urllib.parse import urlsplit

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from commitments.errors import ValidationFailed
from commitments.models import (
    AuditEvent,
)
from commitments.roles import User


def audit_record(
    *, actor: User | None, action: str, obj: Any, data: dict | None = None
) -> None:
    AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=type(obj).__name__.lower(),
        object_id=str(getattr(obj, "public_id", None) or obj.pk),
        data=data or {},
    )


def check_not_future(day: date, *, message: str, field: str) -> None:
    """Things already happened by the time they are recorded: no future dates."""
    if day > today_local():
        raise ValidationFailed(message, code="future_date", field=field)


def today_local() -> date:
    """Today in the display time zone: deadlines are local dates."""
    return timezone.localdate()


def decimal_value(value: Any, *, field: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationFailed(
            _("%(value)r is not a number.") % {"value": value}, field=field
        ) from exc
    if not number.is_finite():
        raise ValidationFailed(
            _("%(value)r is not a finite number.") % {"value": value}, field=field
        )
    if number < 0:
        raise ValidationFailed(_("Values cannot be negative."), field=field)
    if abs(number) >= Decimal(10) ** 20:
        raise ValidationFailed(_("That number is too large."), field=field)
    return number


# Every URL field of the record has this max_length.
URL_MAX_LENGTH = 2000


def check_http_url(url: str, *, field: str) -> None:
    if len(url) > URL_MAX_LENGTH:
        raise ValidationFailed(
            _("A web address has at most %(limit)d characters.")
            % {"limit": URL_MAX_LENGTH},
            code="too_long",
            field=field,
        )
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValidationFailed(
            _("Give a web address starting with http:// or https://."),
            code="invalid_url",
            field=field,
        )


def check_max_length(
    value: str, *, model: type[models.Model], name: str, field: str = ""
) -> str:
    """Refuse text longer than the model field `name` holds; never cut it.

    The limit is the field's own max_length, so forms, the API and the
    services agree on it. Returns `value` for use in an expression."""
    # `name` is a text field, never a relation (which has no max_length).
    limit = cast(models.Field, model._meta.get_field(name)).max_length
    if limit is not None and len(value) > limit:
        raise ValidationFailed(
            _("Too long: at most %(limit)d characters, this has %(length)d.")
            % {"limit": limit, "length": len(value)},
            code="too_long",
            field=field or name,
        )
    return value

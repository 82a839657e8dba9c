"""Helpers shared by the services: the audit trail, dates, value checks."""

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlsplit

from django.utils import timezone

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
        raise ValidationFailed(f"{value!r} is not a number.", field=field) from exc
    if not number.is_finite():
        raise ValidationFailed(f"{value!r} is not a finite number.", field=field)
    if number < 0:
        raise ValidationFailed("Values cannot be negative.", field=field)
    if abs(number) >= Decimal(10) ** 20:
        raise ValidationFailed("That number is too large.", field=field)
    return number


def check_http_url(url: str, *, field: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValidationFailed(
            "Give a web address starting with http:// or https://.",
            code="invalid_url",
            field=field,
        )

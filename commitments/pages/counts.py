"""Status counts for a set of pledges, and the rates derived from them, each
aggregated in SQL in one query whatever the record's size.

Definitions used on every page (the methodology page states them):
- overdue: the deadline has passed and the status is not final;
- kept rate: kept pledges as a share of all pledges tracked (partially kept
  is shown on its own, never counted as kept); broken and in-progress shares
  likewise.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from commitments.models import Pledge, overdue_condition
from commitments.statuses import STATUS_INFO, Status


def today() -> date:
    return timezone.localdate()


# --- Status counts --------------------------------------------------------------


@dataclass(frozen=True)
class StatusCounts:
    """Counts per status for a set of pledges, and the rates derived from them."""

    total: int
    by_status: dict[str, int]
    overdue: int = 0
    disagreements: int = 0

    def rate(self, status: str) -> float | None:
        """Share of all pledges with this status (None when there are none)."""
        if not self.total:
            return None
        return self.by_status.get(status, 0) / self.total

    @property
    def kept_rate(self) -> float | None:
        return self.rate(Status.KEPT)

    @property
    def broken_rate(self) -> float | None:
        return self.rate(Status.BROKEN)

    @property
    def in_progress_rate(self) -> float | None:
        return self.rate(Status.IN_PROGRESS)

    @property
    def rows(self) -> list[dict[str, Any]]:
        """One row per status in taxonomy order, for tables and charts."""
        return [
            {
                "code": code,
                "count": self.by_status.get(code, 0),
                "rate": self.rate(code),
            }
            for code in STATUS_INFO
        ]


def status_aggregates(on: date) -> dict[str, Any]:
    """Aggregate expressions giving a count per status, overdue and disagreement
    counts in a single query."""
    aggregates: dict[str, Any] = {
        f"n_{code}": Count("id", filter=Q(status=code)) for code in STATUS_INFO
    }
    aggregates["n_total"] = Count("id")
    aggregates["n_overdue"] = Count("id", filter=overdue_condition(on))
    aggregates["n_disagreements"] = Count("id", filter=Q(has_disagreement=True))
    return aggregates


def counts_from_row(row: Mapping[str, Any], prefix: str = "n_") -> StatusCounts:
    return StatusCounts(
        total=row[f"{prefix}total"] or 0,
        by_status={code: row[f"{prefix}{code}"] or 0 for code in STATUS_INFO},
        overdue=row.get(f"{prefix}overdue") or 0,
        disagreements=row.get(f"{prefix}disagreements") or 0,
    )


def status_counts(
    queryset: QuerySet[Pledge], *, on: date | None = None
) -> StatusCounts:
    row = queryset.order_by().aggregate(**status_aggregates(on or today()))
    return counts_from_row(row)


@dataclass
class Breakdown:
    """A category's or owner's counts, for the breakdown bars."""

    obj: Any
    counts: StatusCounts


def grouped_counts(
    queryset: QuerySet[Pledge], key: str | None, on: date
) -> dict[Any, StatusCounts]:
    """Status counts per value of `key` (e.g. "owner_id", "categories"), from
    one GROUP BY key, status query: a few hundred rows, whatever the record's
    size. With key None, a single entry under None."""
    fields = [key, "status"] if key else ["status"]
    rows = (
        queryset.order_by()
        .values(*fields)
        .annotate(
            n=Count("id"),
            n_overdue=Count("id", filter=overdue_condition(on)),
            n_disagreements=Count("id", filter=Q(has_disagreement=True)),
        )
    )
    found: dict[Any, dict[str, Any]] = {}
    for row in rows:
        group = row[key] if key else None
        acc = found.setdefault(
            group,
            {"by_status": dict.fromkeys(STATUS_INFO, 0), "overdue": 0, "dis": 0},
        )
        if row["status"] in acc["by_status"]:
            acc["by_status"][row["status"]] += row["n"]
        acc["overdue"] += row["n_overdue"]
        acc["dis"] += row["n_disagreements"]
    return {
        group: StatusCounts(
            total=sum(acc["by_status"].values()),
            by_status=acc["by_status"],
            overdue=acc["overdue"],
            disagreements=acc["dis"],
        )
        for group, acc in found.items()
    }

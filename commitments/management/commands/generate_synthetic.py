"""Build a large, realistic synthetic record for benchmarks and load tests.

    manage.py generate_synthetic --pledges 10000 --updates 50000 --measurements 20000

Many owners in parent chains (head → government → department), categories,
Korean and English titles, every status, past and future deadlines, official
self-reports that sometimes disagree with the newsroom's verdict, targets with
measurements over time. Rows go in with bulk_create, so 10,000 pledges take
seconds, not minutes. Each run adds a new batch (its slugs carry a run token),
so it never collides with the demo or an earlier run.
"""

import hashlib
import random
import secrets
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import timezone

from commitments import record_generation
from commitments.management.synthetic import (
    CATEGORIES,
    DEPARTMENTS,
    NUMBERS,
    OUTLETS,
    PLEDGE_SHAPES,
    REGIONS,
    STATUS_WEIGHTS,
    settable_timestamps,
)
from commitments.models import (
    Category,
    Citation,
    DeadlinePrecision,
    Measurement,
    Owner,
    Pledge,
    Source,
    StatusUpdate,
    Target,
)
from commitments.statuses import FINAL_STATUSES, Status


class Command(BaseCommand):
    help = "Generate a large synthetic pledge record (adds a new batch each run)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--pledges", type=int, default=1000)
        parser.add_argument("--updates", type=int, default=5000)
        parser.add_argument("--measurements", type=int, default=2000)
        parser.add_argument("--seed", type=int, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        rng = random.Random(options["seed"])
        token = (
            f"{rng.getrandbits(24):06x}"
            if options["seed"] is not None
            else secrets.token_hex(3)
        )
        # The same seed run twice on one database still gets fresh slugs.
        while Owner.objects.filter(slug__startswith=f"syn-{token}-").exists():
            token = f"{rng.getrandbits(24):06x}"
        counts = self.generate(
            rng,
            token=token,
            pledges=max(options["pledges"], 0),
            updates=max(options["updates"], 0),
            measurements=max(options["measurements"], 0),
        )
        self.stdout.write(
            "Synthetic batch {token}: {owners} owners, {categories} categories, "
            "{pledges} pledges, {updates} status updates, {targets} targets, "
            "{measurements} measurements, {citations} citations.".format(
                token=token, **counts
            )
        )

    @transaction.atomic
    def generate(
        self,
        rng: random.Random,
        *,
        token: str,
        pledges: int,
        updates: int,
        measurements: int,
    ) -> dict[str, int]:
        author, _ = get_user_model().objects.get_or_create(
            username="synthetic-desk", defaults={"is_active": False}
        )
        today = timezone.localdate()
        now = timezone.now()
        owners = self._owners(rng, token, pledges)
        categories = self._categories(token)
        # Pledges belong mostly to departments and heads, like real pledge books.
        pledge_rows = self._pledges(rng, token, pledges, owners, today, now)
        self._link_categories(rng, pledge_rows, categories)
        sources = self._sources(rng, token, pledge_rows, author, today)
        citations = self._citations(rng, pledge_rows, sources, author)
        update_count = self._updates(rng, pledge_rows, updates, author, sources, now)
        targets = self._targets(rng, pledge_rows, today)
        measurement_count = self._measurements(
            rng, targets, measurements, author, sources, today, now
        )
        # bulk_create sends no signals: cached summaries must see the batch.
        record_generation.bump()
        return {
            "owners": len(owners),
            "categories": len(categories),
            "pledges": len(pledge_rows),
            "updates": update_count,
            "targets": len(targets),
            "measurements": measurement_count,
            "citations": citations,
        }

    def _owners(self, rng: random.Random, token: str, pledges: int) -> list[Owner]:
        regions = REGIONS[: max(2, min(len(REGIONS), pledges // 300 + 2))]
        governments = Owner.objects.bulk_create(
            Owner(
                slug=f"syn-{token}-gov-{i}",
                name=name,
                name_en=f"{name_en} government",
                kind=Owner.Kind.ORGANISATION,
                aliases=[name],
            )
            for i, (name, name_en, _) in enumerate(regions)
        )
        heads: list[Owner] = []
        departments: list[Owner] = []
        for i, (gov, (name, name_en, head)) in enumerate(
            zip(governments, regions, strict=True)
        ):
            heads.append(
                Owner(
                    slug=f"syn-{token}-head-{i}",
                    name=head,
                    name_en=f"Head of {name_en}",
                    kind=Owner.Kind.PERSON,
                    parent=gov,
                )
            )
            for j, (dept, dept_en) in enumerate(DEPARTMENTS):
                departments.append(
                    Owner(
                        slug=f"syn-{token}-dept-{i}-{j}",
                        name=f"{name} {dept}",
                        name_en=f"{name_en} {dept_en}",
                        kind=Owner.Kind.DEPARTMENT,
                        parent=gov,
                    )
                )
        Owner.objects.bulk_create(heads + departments)
        return [*governments, *heads, *departments]

    def _categories(self, token: str) -> list[Category]:
        return Category.objects.bulk_create(
            Category(slug=f"syn-{token}-{slug}", name=name, name_en=name_en)
            for slug, name, name_en in CATEGORIES
        )

    def _pledges(
        self,
        rng: random.Random,
        token: str,
        count: int,
        owners: list[Owner],
        today: date,
        now: datetime,
    ) -> list[Pledge]:
        statuses = list(STATUS_WEIGHTS)
        weights = list(STATUS_WEIGHTS.values())
        rows: list[Pledge] = []
        shapes: list[tuple[int, int]] = []
        for n in range(count):
            shape = rng.randrange(len(PLEDGE_SHAPES))
            ko, en, _unit, _metric = PLEDGE_SHAPES[shape]
            number = rng.choice(NUMBERS)
            shapes.append((shape, number))
            owner = rng.choice(owners)
            made_on = today - timedelta(days=rng.randint(60, 1800))
            # Past and future deadlines: about 40% have passed.
            deadline = made_on + timedelta(days=rng.randint(180, 2400))
            status = rng.choices(statuses, weights)[0]
            final = status in FINAL_STATUSES
            title = f"{owner.name.split()[0]} " + ko.format(n=f"{number:,}")
            created = timezone.make_aware(datetime.combine(made_on, time(9)))
            rows.append(
                Pledge(
                    slug=f"syn-{token}-{n}",
                    title=title,
                    # English titles where they exist: most, not all.
                    title_en=en.format(n=f"{number:,}") if rng.random() < 0.8 else "",
                    summary=f"{title}. {made_on.year}년 발표, "
                    f"{deadline.year}년까지 이행 목표.",
                    original_wording=f"{deadline.year}년까지 {ko.format(n=f'{number:,}')}"
                    "하겠습니다.",
                    owner=owner,
                    made_on=made_on,
                    deadline=deadline,
                    deadline_precision=rng.choice(
                        [DeadlinePrecision.YEAR, DeadlinePrecision.DAY]
                    ),
                    status=status,
                    is_overdue=bool(deadline < today and not final),
                    created_at=created,
                    updated_at=created,
                )
            )
        created_field = Pledge._meta.get_field("created_at")
        updated_field = Pledge._meta.get_field("updated_at")
        with settable_timestamps(created_field, updated_field):
            saved = Pledge.objects.bulk_create(rows, batch_size=2000)
        # The target of each pledge counts what its title promises (a passing
        # attribute for _targets, not a model field).
        for pledge, shape_number in zip(saved, shapes, strict=True):
            pledge._synthetic_shape = shape_number  # type: ignore[attr-defined]
        return saved

    def _link_categories(
        self, rng: random.Random, pledges: list[Pledge], categories: list[Category]
    ) -> None:
        through = Pledge.categories.through
        links = []
        for pledge in pledges:
            for category in rng.sample(categories, rng.choice([1, 1, 2])):
                links.append(through(pledge_id=pledge.pk, category_id=category.pk))
        through.objects.bulk_create(links, batch_size=5000)

    def _sources(
        self,
        rng: random.Random,
        token: str,
        pledges: list[Pledge],
        author: Any,
        today: date,
    ) -> list[Source]:
        count = max(1, len(pledges) // 4)
        rows = []
        for n in range(count):
            body = f"[synthetic {token} {n}] " + " ".join(
                p.original_wording for p in rng.sample(pledges, min(3, len(pledges)))
            )
            rows.append(
                Source(
                    url=f"https://news.example.org/synthetic/{token}/{n}",
                    publisher=rng.choice(OUTLETS),
                    published_on=today - timedelta(days=rng.randint(1, 1800)),
                    language="ko",
                    title=f"공약 점검 기사 {n}",
                    body=body,
                    content_hash=hashlib.sha256(body.encode()).hexdigest(),
                    created_by=author,
                )
            )
        return Source.objects.bulk_create(rows, batch_size=2000)

    def _citations(
        self,
        rng: random.Random,
        pledges: list[Pledge],
        sources: list[Source],
        author: Any,
    ) -> int:
        rows = []
        for pledge in pledges:
            for position, source in enumerate(
                rng.sample(sources, min(len(sources), rng.choice([1, 1, 2, 3])))
            ):
                rows.append(
                    Citation(
                        pledge=pledge,
                        source=source,
                        quote=pledge.original_wording,
                        quote_start=position,
                        created_by=author,
                    )
                )
        Citation.objects.bulk_create(rows, batch_size=5000)
        return len(rows)

    def _updates(
        self,
        rng: random.Random,
        pledges: list[Pledge],
        count: int,
        author: Any,
        sources: list[Source],
        now: datetime,
    ) -> int:
        """Spread `count` updates over the pledges; the last newsroom verdict on
        each is its current status, and official self-reports sometimes differ."""
        if not pledges or not count:
            return 0
        per_pledge = [0] * len(pledges)
        for _ in range(count):
            per_pledge[rng.randrange(len(pledges))] += 1
        path_statuses = [Status.NOT_STARTED, Status.IN_PROGRESS, Status.STALLED]
        rows: list[StatusUpdate] = []
        changed: list[Pledge] = []
        for pledge, n in zip(pledges, per_pledge, strict=True):
            if not n:
                continue
            start = pledge.created_at
            span = max((now - start).total_seconds(), 3600)
            moments = sorted(
                start + timedelta(seconds=rng.uniform(0, span)) for _ in range(n)
            )
            previous: str = Status.NOT_RATED
            official = ""
            for i, moment in enumerate(moments):
                last = i == n - 1
                # About a quarter are official self-reports; the last one is
                # always ours, so it sets the pledge's status.
                is_official = not last and rng.random() < 0.25
                if is_official:
                    # The owner's own claim: often ours, otherwise rosier.
                    status = rng.choice(
                        [pledge.status, pledge.status, Status.IN_PROGRESS, Status.KEPT]
                    )
                    official = status
                else:
                    status = pledge.status if last else rng.choice(path_statuses)
                rows.append(
                    StatusUpdate(
                        pledge_id=pledge.pk,
                        status=status,
                        previous_status=previous,
                        kind=(
                            StatusUpdate.Kind.OFFICIAL
                            if is_official
                            else StatusUpdate.Kind.NEWSROOM
                        ),
                        note=f"{pledge.title}: {'시 발표' if is_official else '취재 결과'}",
                        evidence_url=f"https://news.example.org/evidence/{pledge.pk}/{i}",
                        evidence_source=rng.choice(sources)
                        if rng.random() < 0.3
                        else None,
                        author=author,
                        created_at=moment,
                    )
                )
                if not is_official:
                    previous = status
            pledge.official_status = official
            pledge.has_disagreement = bool(
                official
                and pledge.status != Status.NOT_RATED
                and official != pledge.status
            )
            pledge.last_update_at = moments[-1]
            pledge.updated_at = moments[-1]
            changed.append(pledge)
        with settable_timestamps(StatusUpdate._meta.get_field("created_at")):
            StatusUpdate.objects.bulk_create(rows, batch_size=5000)
        Pledge.objects.bulk_update(
            changed,
            ["official_status", "has_disagreement", "last_update_at", "updated_at"],
            batch_size=2000,
        )
        return len(rows)

    def _targets(
        self, rng: random.Random, pledges: list[Pledge], today: date
    ) -> list[Target]:
        rows = []
        for pledge in pledges:
            if rng.random() < 0.3:
                continue  # not every pledge is measurable
            # Set by _pledges above (a passing attribute, not a model field).
            shape, number = pledge._synthetic_shape  # type: ignore[attr-defined]
            _ko, _en, unit, metric = PLEDGE_SHAPES[shape]
            rows.append(
                Target(
                    pledge=pledge,
                    metric=metric,
                    value=Decimal(number),
                    unit=unit,
                    period=Target.Period.CUMULATIVE,
                    baseline_value=Decimal(0),
                    baseline_date=pledge.made_on,
                    deadline=pledge.deadline,
                    deadline_precision=pledge.deadline_precision,
                    text=f"{number:,}{unit}",
                )
            )
        return Target.objects.bulk_create(rows, batch_size=5000)

    def _measurements(
        self,
        rng: random.Random,
        targets: list[Target],
        count: int,
        author: Any,
        sources: list[Source],
        today: date,
        now: datetime,
    ) -> int:
        if not targets or not count:
            return 0
        per_target = [0] * len(targets)
        for _ in range(count):
            per_target[rng.randrange(len(targets))] += 1
        rows = []
        for target, n in zip(targets, per_target, strict=True):
            if not n or target.baseline_date is None:
                continue
            # Measured up to today, never in the future.
            span = max((today - target.baseline_date).days, 1)
            days = sorted(rng.randint(1, span) for _ in range(n))
            pace = rng.uniform(0.2, 1.3)
            total_days = max(
                ((target.deadline or today) - target.baseline_date).days, 1
            )
            for i, day in enumerate(days):
                share = min(pace * day / total_days, 1.5)
                rows.append(
                    Measurement(
                        target=target,
                        value=(target.value * Decimal(str(round(share, 4)))).quantize(
                            Decimal(1)
                        ),
                        as_of=target.baseline_date + timedelta(days=day),
                        note="",
                        evidence_url=f"https://news.example.org/m/{target.pk}/{i}",
                        evidence_source=rng.choice(sources)
                        if rng.random() < 0.2
                        else None,
                        author=author,
                        created_at=timezone.make_aware(
                            datetime.combine(
                                min(target.baseline_date + timedelta(days=day), today),
                                time(12),
                            )
                        ),
                    )
                )
        with settable_timestamps(Measurement._meta.get_field("created_at")):
            Measurement.objects.bulk_create(rows, batch_size=5000)
        return len(rows)

"""A backup restores: a populated record dumped with pg_dump (custom format)
and restored with pg_restore into a fresh database is the same record, by
row counts and checksums of pledges, status updates, measurements, citations
(and the targets, sources, owners and audit rows they hang on)."""

import os
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from commitments import backup, services
from commitments.models import Citation, Measurement, Pledge, StatusUpdate
from commitments.services.common import today_local
from commitments.services.pledges import CitationInput, TargetInput
from commitments.statuses import Status
from tests.factories import EditorFactory, JournalistFactory, OwnerFactory
from tests.services import require_postgres

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

ARTICLES = [
    "서울시는 2030년까지 청년 주택 5만호를 공급하겠다고 밝혔다. "
    "또 2028년까지 공공 보육시설 300곳을 새로 짓겠다고 약속했다.",
    "Seoul will train 10,000 AI graduates a year by 2027, the mayor said.",
    "부산시는 2029년까지 수소버스 1천대를 도입하겠다고 발표했다.",
]


def populate() -> None:
    """A small record made the way the newsroom makes it: through services."""
    editor = EditorFactory(username="backup-editor")
    journalist = JournalistFactory(username="backup-journalist")
    seoul = OwnerFactory(slug="seoul", name="서울특별시", name_en="Seoul")
    sources = [
        services.source_store(
            actor=editor,
            body=body,
            url=f"https://news.example.org/backup/{i}",
            publisher="Example News",
            published_on=date(2025, 2, 6),
            language="en" if body.startswith("Seoul") else "ko",
        )[0]
        for i, body in enumerate(ARTICLES)
    ]
    today = today_local()
    for i, (source, quote) in enumerate(
        [
            (sources[0], "청년 주택 5만호를 공급하겠다"),
            (sources[1], "train 10,000 AI graduates a year"),
            (sources[2], "수소버스 1천대를 도입하겠다"),
        ]
    ):
        pledge = services.pledge_create(
            actor=editor,
            title=quote,
            title_en=f"Backup pledge {i}",
            owner=seoul,
            original_wording=quote,
            made_on=date(2025, 2, 6),
            deadline=date(2030, 12, 31),
            targets=[TargetInput(metric="Units", value=1000 * (i + 1), unit="개")],
            citation=CitationInput(source=source, quote=quote),
        )
        # A second outlet citing the same pledge.
        other = sources[(i + 1) % len(sources)]
        services.citation_add(
            actor=editor,
            pledge=pledge,
            citation=CitationInput(source=other, quote=other.body[:12]),
        )
        for status in (Status.NOT_STARTED, Status.IN_PROGRESS):
            services.status_update_post(
                actor=journalist,
                pledge=pledge,
                status=status,
                note=f"{status} 판단 근거 — verdict note",
                evidence_url="https://news.example.org/evidence",
            )
        target = pledge.targets.get()
        for days, value in ((60, 100), (30, 250)):
            services.measurement_record(
                actor=journalist,
                target=target,
                value=f"{value}.5",
                as_of=today - timedelta(days=days),
                evidence_source=source,
            )


def test_a_dumped_record_restores_into_a_fresh_database_unchanged(tmp_path: Path):
    require_postgres()
    populate()
    assert Pledge.objects.count() == 3
    assert StatusUpdate.objects.count() == 6
    assert Measurement.objects.count() == 6
    assert Citation.objects.count() == 6
    conf = connection.settings_dict
    with connection.cursor() as cursor:
        before = backup.record_checksums(cursor)
    by_table = {s.table: s for s in before}
    assert by_table[Pledge._meta.db_table].rows == 3
    assert all(s.md5 for s in before)

    dump = tmp_path / "record.dump"
    backup.pg_dump(conf, conf["NAME"], dump)
    assert dump.read_bytes()[:5] == b"PGDMP"  # the custom format
    restored = f"{conf['NAME']}_restored_{os.getpid()}"
    backup.drop_database(conf, restored)
    try:
        backup.pg_restore_fresh(conf, dump, restored)
        after = backup.checksums_of(conf, restored)
    finally:
        backup.drop_database(conf, restored)
    assert after == before


def test_the_checksum_sees_a_changed_row(tmp_path: Path):
    """The comparison is not vacuous: one edited note changes the checksum."""
    require_postgres()
    populate()
    with connection.cursor() as cursor:
        before = backup.record_checksums(cursor)
    StatusUpdate.objects.filter(pk=StatusUpdate.objects.order_by("pk")[0].pk).update(
        note="edited"
    )
    with connection.cursor() as cursor:
        after = backup.record_checksums(cursor)
    changed = [a.table for a, b in zip(after, before, strict=True) if a != b]
    assert changed == [StatusUpdate._meta.db_table]


def test_the_restore_drill_command_reports_the_same_record(tmp_path: Path, capsys):
    require_postgres()
    populate()
    dump = tmp_path / "drill.dump"
    call_command("restore_drill", "--dump", str(dump))
    out = capsys.readouterr().out
    assert "OK: the restored record is the same." in out
    assert dump.exists()
    line = next(x for x in out.splitlines() if x.startswith("commitments_pledge "))
    assert line.split()[1:3] == ["3", "3"]
    # The drill's copy is gone.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_database WHERE datname LIKE %s",
            [f"{connection.settings_dict['NAME']}_drill_%"],
        )
        assert cursor.fetchone()[0] == 0

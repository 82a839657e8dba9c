"""The journalists' desk: the attention list, the pledge page's forms (plain
POST and htmx), bad input answered with form errors, and the stored flags."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from commitments import services
from commitments.models import Amendment, Measurement, Pledge, Source, StatusUpdate
from commitments.statuses import Status
from commitments.tasks import pledge_flags_recompute_task
from tests.factories import PledgeFactory, SourceFactory, TargetFactory
from tracker.models import Follow

pytestmark = pytest.mark.django_db

URL = "https://news.example.org/report"


@pytest.fixture(autouse=True)
def _english(settings):
    """Messages are asserted in English, whatever the site's default language."""
    settings.LANGUAGE_CODE = "en"


def page_url(pledge: Pledge) -> str:
    return reverse("desk-pledge", args=[pledge.slug])


def update_data(pledge: Pledge, **extra: str) -> dict[str, str]:
    pledge.refresh_from_db()
    data = {
        "kind": "newsroom",
        "status": Status.IN_PROGRESS,
        "note": "The budget passed the council.",
        "evidence_url": URL,
        "version": services.pledge_version(pledge),
    }
    data.update(extra)
    return data


def measurement_data(target, **extra: str) -> dict[str, str]:
    target.pledge.refresh_from_db()
    prefix = f"m{target.pk}"
    data = {
        "target_prefix": prefix,
        f"{prefix}-target": str(target.pk),
        f"{prefix}-value": "1200",
        f"{prefix}-unit": target.unit,
        f"{prefix}-as_of": "2024-06-30",
        f"{prefix}-evidence_url": URL,
        f"{prefix}-version": services.pledge_version(target.pledge),
    }
    data.update({f"{prefix}-{k}": v for k, v in extra.items()})
    return data


# --- The desk list ----------------------------------------------------------------


def test_the_desk_needs_a_login(client):
    response = client.get(reverse("desk"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_followed_pledges_come_first_then_those_needing_attention(client, journalist):
    today = timezone.localdate()
    quiet = PledgeFactory(title="Quiet", deadline=today + timedelta(days=900))
    soon = PledgeFactory(title="Soon", deadline=today + timedelta(days=30))
    overdue = PledgeFactory(title="Overdue", deadline=today - timedelta(days=3))
    disagree = PledgeFactory(
        title="Disagree", status=Status.IN_PROGRESS, official_status=Status.KEPT
    )
    followed = PledgeFactory(title="Followed", deadline=today + timedelta(days=2000))
    Follow.objects.create(user=journalist, pledge=followed)
    pledge_flags_recompute_task()
    client.force_login(journalist)
    html = client.get(reverse("desk")).content.decode()
    order = [html.index(p.title) for p in (followed, overdue, soon, disagree, quiet)]
    assert order[0] < min(order[1:4])
    assert max(order[1:4]) < order[4]
    assert "flag-overdue" in html and "flag-disagreement" in html
    assert "flag-soon" in html and "flag-followed" in html


def test_desk_filters_by_flag_status_owner_and_text(client, journalist):
    overdue = PledgeFactory(
        title="Late bridge", deadline=timezone.localdate() - timedelta(days=1)
    )
    other = PledgeFactory(title="New park", status=Status.KEPT)
    pledge_flags_recompute_task()
    client.force_login(journalist)

    def titles(**params: str) -> str:
        return client.get(reverse("desk"), params).content.decode()

    page = titles(flag="overdue")
    assert "Late bridge" in page and "New park" not in page
    page = titles(status=Status.KEPT)
    assert "New park" in page and "Late bridge" not in page
    page = titles(owner=other.owner.slug)
    assert "New park" in page and "Late bridge" not in page
    page = titles(q="bridge")
    assert "Late bridge" in page and "New park" not in page
    assert overdue.title in titles(flag="nonsense", status="nonsense")


def test_the_daily_job_recomputes_overdue_and_stale_flags(settings):
    today = timezone.localdate()
    late = PledgeFactory(deadline=today - timedelta(days=1))
    old = PledgeFactory(deadline=today + timedelta(days=400))
    Pledge.objects.filter(pk=old.pk).update(
        last_update_at=timezone.now() - timedelta(days=settings.STALE_AFTER_DAYS + 2)
    )
    kept = PledgeFactory(deadline=today - timedelta(days=1), status=Status.KEPT)
    assert pledge_flags_recompute_task() == 2
    late.refresh_from_db(), old.refresh_from_db(), kept.refresh_from_db()
    assert late.is_overdue and not late.is_stale
    assert old.is_stale and not old.is_overdue
    assert not kept.is_overdue
    # Idempotent: a second run changes nothing.
    assert pledge_flags_recompute_task() == 0


# --- The pledge page ----------------------------------------------------------------


def test_journalists_see_the_status_form_with_definitions_and_the_principle(
    client, journalist
):
    pledge = PledgeFactory()
    TargetFactory(pledge=pledge, metric="Homes finished")
    client.force_login(journalist)
    response = client.get(page_url(pledge))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ratings judge outcomes, not intentions." in html
    assert "Concrete steps (budget, law, construction, hiring) are under way." in html
    assert reverse("desk-status-update", args=[pledge.slug]) in html
    assert "Record a measurement" in html and "Homes finished" in html
    assert "Record an official amendment" not in html  # editors only
    assert "Field-level edit history" not in html
    assert 'hx-post="' in html and "htmx" in html


def test_the_desk_page_has_no_inline_script_or_style(client, editor):
    pledge = PledgeFactory()
    TargetFactory(pledge=pledge)
    client.force_login(editor)
    html = client.get(page_url(pledge)).content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert " style=" not in html and "<style" not in html


def test_editors_also_see_corrections_amendments_and_field_history(
    client, journalist, editor
):
    pledge = PledgeFactory()
    services.status_update_post(
        actor=journalist, pledge=pledge, status=Status.KEPT, note="n", evidence_url=URL
    )
    client.force_login(editor)
    html = client.get(page_url(pledge)).content.decode()
    assert "Record an official amendment" in html
    assert reverse("desk-status-correction", args=[pledge.slug]) in html
    assert "Field-level edit history" in html
    assert "<code>status</code>" in html  # not_rated → kept, diffed


def test_readers_see_the_page_and_a_follow_button_but_no_forms(client, reader):
    pledge = PledgeFactory()
    client.force_login(reader)
    html = client.get(page_url(pledge)).content.decode()
    assert "Follow this pledge" in html
    assert "Post a status update" not in html


def test_an_unknown_pledge_is_a_404(client, journalist):
    client.force_login(journalist)
    assert client.get(reverse("desk-pledge", args=["no-such"])).status_code == 404
    response = client.post(
        reverse("desk-status-update", args=["no-such"]), {"status": "kept"}
    )
    assert response.status_code == 404


def test_posting_a_verdict_redirects_back_and_updates_the_pledge(client, journalist):
    pledge = PledgeFactory()
    client.force_login(journalist)
    response = client.post(
        reverse("desk-status-update", args=[pledge.slug]), update_data(pledge)
    )
    assert response.status_code == 302
    assert response["Location"] == page_url(pledge)
    pledge.refresh_from_db()
    assert pledge.status == Status.IN_PROGRESS
    html = client.get(page_url(pledge)).content.decode()
    assert "The budget passed the council." in html  # on the timeline


def test_an_htmx_post_answers_with_a_client_redirect(client, journalist):
    pledge = PledgeFactory()
    client.force_login(journalist)
    response = client.post(
        reverse("desk-status-update", args=[pledge.slug]),
        update_data(pledge),
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == page_url(pledge)


def test_an_official_self_report_is_flagged_when_it_disagrees(client, journalist):
    pledge = PledgeFactory()
    client.force_login(journalist)
    client.post(reverse("desk-status-update", args=[pledge.slug]), update_data(pledge))
    client.post(
        reverse("desk-status-update", args=[pledge.slug]),
        update_data(pledge, kind="official", status=Status.KEPT),
    )
    pledge.refresh_from_db()
    assert pledge.status == Status.IN_PROGRESS
    assert pledge.official_status == Status.KEPT
    assert pledge.has_disagreement
    html = client.get(page_url(pledge)).content.decode()
    assert "flag-disagreement" in html
    desk = client.get(reverse("desk"), {"flag": "disagreement"}).content.decode()
    assert pledge.title in desk


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"status": "mostly_kept"}, "Select a valid choice"),
        ({"evidence_url": "javascript:alert(1)"}, "http:// or https://"),
        ({"evidence_url": "ftp://example.org/x"}, "http:// or https://"),
        ({"evidence_url": ""}, "Evidence is required"),
        ({"status": Status.UNRATABLE, "note": ""}, "This field is required"),
    ],
)
def test_bad_status_input_is_a_form_error_and_nothing_is_written(
    client, journalist, extra, message
):
    pledge = PledgeFactory()
    client.force_login(journalist)
    response = client.post(
        reverse("desk-status-update", args=[pledge.slug]),
        update_data(pledge, note="Keep this note", **extra)
        if "note" not in extra
        else update_data(pledge, **extra),
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert message in html
    if "note" not in extra:
        assert "Keep this note" in html  # the input is kept
    assert not StatusUpdate.objects.exists()


def test_a_stale_form_is_refused_with_409_and_the_input_kept(client, journalist):
    pledge = PledgeFactory()
    client.force_login(journalist)
    opened = update_data(pledge, note="My careful analysis")
    services.status_update_post(
        actor=journalist,
        pledge=pledge,
        status=Status.STALLED,
        note="n",
        evidence_url=URL,
    )
    response = client.post(reverse("desk-status-update", args=[pledge.slug]), opened)
    assert response.status_code == 409
    html = response.content.decode()
    assert "changed since you opened the form" in html
    assert "My careful analysis" in html
    pledge.refresh_from_db()
    assert pledge.status == Status.STALLED
    assert StatusUpdate.objects.count() == 1


def test_a_stale_htmx_form_swaps_back_the_tools_with_the_error(client, journalist):
    pledge = PledgeFactory()
    client.force_login(journalist)
    opened = update_data(pledge)
    services.status_update_post(
        actor=journalist,
        pledge=pledge,
        status=Status.STALLED,
        note="n",
        evidence_url=URL,
    )
    response = client.post(
        reverse("desk-status-update", args=[pledge.slug]),
        opened,
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert html.lstrip().startswith("<section") or 'id="newsroom-tools"' in html
    assert "changed since you opened the form" in html
    assert "<html" not in html


def test_a_pasted_article_is_stored_as_a_source_and_cited_as_evidence(
    client, journalist
):
    pledge = PledgeFactory()
    client.force_login(journalist)
    response = client.post(
        reverse("desk-status-update", args=[pledge.slug]),
        update_data(
            pledge,
            evidence_url="",
            article_text="시는 올해 예산 300억원을 편성해 공사를 시작했다고 밝혔다.",
            article_title="착공 기사",
        ),
    )
    assert response.status_code == 302
    source = Source.objects.get(title="착공 기사")
    update = StatusUpdate.objects.get()
    assert update.evidence_source == source


def test_an_existing_source_can_be_the_evidence(client, journalist, editor):
    source = SourceFactory()
    pledge = PledgeFactory()
    from commitments.models import Citation

    Citation.objects.create(pledge=pledge, source=source, quote="q")
    client.force_login(journalist)
    response = client.post(
        reverse("desk-status-update", args=[pledge.slug]),
        update_data(pledge, evidence_url="", evidence_source=str(source.public_id)),
    )
    assert response.status_code == 302
    assert StatusUpdate.objects.get().evidence_source == source


def test_recording_a_measurement_from_the_form(client, journalist):
    target = TargetFactory(unit="호")
    client.force_login(journalist)
    response = client.post(
        reverse("desk-measurement", args=[target.pledge.slug]), measurement_data(target)
    )
    assert response.status_code == 302
    assert Measurement.objects.get().value == Decimal(1200)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"as_of": "2999-01-01"}, "cannot be dated in the future"),
        ({"unit": "억원"}, "This target is measured in"),
        ({"evidence_url": "file:///etc/passwd"}, "http:// or https://"),
        ({"value": "-5"}, "cannot be negative"),
        ({"value": "lots"}, "Enter a number"),
    ],
)
def test_bad_measurement_input_is_a_form_error_and_nothing_is_written(
    client, journalist, extra, message
):
    target = TargetFactory(unit="호")
    client.force_login(journalist)
    response = client.post(
        reverse("desk-measurement", args=[target.pledge.slug]),
        measurement_data(target, **extra),
    )
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Measurement.objects.exists()


def test_editors_correct_a_verdict_from_the_page(client, journalist, editor):
    pledge = PledgeFactory()
    update = services.status_update_post(
        actor=journalist, pledge=pledge, status=Status.KEPT, note="n", evidence_url=URL
    )
    pledge.refresh_from_db()
    client.force_login(editor)
    response = client.post(
        reverse("desk-status-correction", args=[pledge.slug]),
        {
            "update": str(update.public_id),
            "status": Status.BROKEN,
            "reason": "The homes were never built.",
            "version": services.pledge_version(pledge),
        },
    )
    assert response.status_code == 302
    pledge.refresh_from_db()
    assert pledge.status == Status.BROKEN
    html = client.get(reverse("pledge-detail", args=[pledge.slug])).content.decode()
    assert "The homes were never built." in html
    assert "is-corrected" in html


def test_editors_correct_a_measurement_from_the_page(client, journalist, editor):
    target = TargetFactory()
    m = services.measurement_record(
        actor=journalist,
        target=target,
        value=9,
        as_of=date(2024, 1, 1),
        evidence_url=URL,
    )
    client.force_login(editor)
    response = client.post(
        reverse("desk-measurement-correction", args=[target.pledge.slug]),
        {"measurement": str(m.public_id), "value": "7", "reason": "Typo."},
    )
    assert response.status_code == 302
    assert Measurement.objects.get(corrects=m).value == Decimal(7)


def test_editors_record_an_amendment_with_a_target_change(client, editor):
    target = TargetFactory(value=Decimal(100000))
    pledge = target.pledge
    client.force_login(editor)
    response = client.post(
        reverse("desk-amendment", args=[pledge.slug]),
        {
            "changed_on": "2024-03-01",
            "reason": "부지 부족",
            "wording_after": "주택 8만호",
            f"target_{target.pk}_value": "80000",
            "version": services.pledge_version(pledge),
        },
    )
    assert response.status_code == 302
    amendment = Amendment.objects.get()
    assert amendment.target_changes[0]["field"] == "value"
    html = client.get(reverse("pledge-detail", args=[pledge.slug])).content.decode()
    assert "주택 10만호를 공급하겠다." in html  # the original wording stays
    assert "주택 8만호" in html and "부지 부족" in html


def test_follow_and_unfollow(client, reader):
    pledge = PledgeFactory()
    client.force_login(reader)
    url = reverse("desk-follow", args=[pledge.slug])
    assert client.post(url, {"action": "follow"}).status_code == 302
    assert client.post(url, {"action": "follow"}).status_code == 302  # harmless
    assert Follow.objects.filter(user=reader, pledge=pledge).count() == 1
    response = client.post(url, {"action": "unfollow"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "Follow this pledge" in response.content.decode()
    assert not Follow.objects.exists()


# --- Query counts do not grow with the record -----------------------------------------


def count_queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_desk_list_query_count_does_not_grow_with_pledges(client, journalist):
    client.force_login(journalist)
    PledgeFactory.create_batch(3)
    few = count_queries(client, reverse("desk"))
    PledgeFactory.create_batch(30)
    assert count_queries(client, reverse("desk")) == few


def test_the_desk_pledge_page_query_count_does_not_grow_with_history(
    client, journalist, editor
):
    target = TargetFactory()
    pledge = target.pledge

    def add_history(n: int) -> None:
        for i in range(n):
            update = services.status_update_post(
                actor=journalist,
                pledge=pledge,
                status=Status.IN_PROGRESS,
                note=f"n{i}",
                evidence_url=URL,
            )
            m = services.measurement_record(
                actor=journalist,
                target=target,
                value=i,
                as_of=date(2024, 1, 1),
                evidence_url=URL,
            )
            services.status_update_correct(
                actor=editor, update=update, status=Status.STALLED, reason="r"
            )
            services.measurement_correct(
                actor=editor, measurement=m, value=i + 1, reason="r"
            )

    client.force_login(editor)
    add_history(2)
    few = count_queries(client, page_url(pledge))
    add_history(10)
    many = count_queries(client, page_url(pledge))
    assert many == few, (few, many)


# --- Nothing a form can send gives a 500 ------------------------------------------------

FORM_FIELDS = [
    "kind",
    "status",
    "note",
    "evidence_url",
    "evidence_source",
    "article_text",
    "article_url",
    "version",
    "update",
    "measurement",
    "value",
    "as_of",
    "reason",
    "changed_on",
    "wording_after",
    "deadline_after",
    "target_prefix",
    "action",
]
form_values = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        ["2024-01-01", "9999-12-31", "-1", "1e400", "NaN", "m1", "kept", "unratable"]
    ),
)


@hypothesis_settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.dictionaries(st.sampled_from(FORM_FIELDS), form_values, max_size=12))
def test_arbitrary_form_posts_never_give_a_500(client, editor, data):
    target = TargetFactory()
    pledge = target.pledge
    client.force_login(editor)
    for name in (
        "desk-status-update",
        "desk-measurement",
        "desk-status-correction",
        "desk-measurement-correction",
        "desk-amendment",
        "desk-follow",
    ):
        response = client.post(reverse(name, args=[pledge.slug]), data)
        assert response.status_code < 500, (name, data)

"""Property tests (hypothesis) for the status rules: evidence requirements,
which kinds set the pledge's status, the previous status always recorded, and
the disagreement flag — with corrections mixed in."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commitments import services
from commitments.errors import ValidationFailed
from commitments.models import StatusUpdate
from commitments.statuses import Status
from tests.factories import PledgeFactory, SourceFactory

pytestmark = pytest.mark.django_db

PROPERTY_SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

statuses = st.sampled_from(Status.values)
kinds = st.sampled_from([StatusUpdate.Kind.NEWSROOM, StatusUpdate.Kind.OFFICIAL])
evidence = st.sampled_from(["none", "url", "source", "both"])


@PROPERTY_SETTINGS
@given(status=statuses, kind=kinds, proof=evidence)
def test_evidence_is_required_for_every_status_but_not_rated(
    journalist, status, kind, proof
):
    pledge = PledgeFactory()
    extra = {}
    if proof in ("url", "both"):
        extra["evidence_url"] = "https://example.org/report"
    if proof in ("source", "both"):
        extra["evidence_source"] = SourceFactory()
    call = lambda: services.status_update_post(  # noqa: E731
        actor=journalist, pledge=pledge, status=status, note="why", kind=kind, **extra
    )
    if status == Status.NOT_RATED or proof != "none":
        update = call()
        assert update.pk is not None
    else:
        with pytest.raises(ValidationFailed) as excinfo:
            call()
        assert excinfo.value.code == "evidence_required"
        assert not StatusUpdate.objects.filter(pledge=pledge).exists()
        pledge.refresh_from_db()
        assert pledge.status == Status.NOT_RATED


@PROPERTY_SETTINGS
@given(status=st.text(min_size=1, max_size=20).filter(lambda s: s not in Status.values))
def test_a_status_outside_the_taxonomy_is_refused(journalist, status):
    pledge = PledgeFactory()
    with pytest.raises(ValidationFailed) as excinfo:
        services.status_update_post(
            actor=journalist,
            pledge=pledge,
            status=status,
            note="n",
            evidence_url="https://example.org/x",
        )
    assert excinfo.value.code == "unknown_status"
    assert not StatusUpdate.objects.filter(pledge=pledge).exists()


posts = st.tuples(st.just("post"), kinds, statuses)
corrections = st.tuples(st.just("correct"), st.integers(min_value=0), statuses)


@PROPERTY_SETTINGS
@given(ops=st.lists(st.one_of(posts, corrections), min_size=1, max_size=8))
def test_only_newsroom_verdicts_set_the_status_and_disagreement_follows(
    journalist, editor, ops
):
    pledge = PledgeFactory()
    # The model: each chain is [root kind, effective status, latest row].
    chains: list[list] = []
    for op in ops:
        pledge.refresh_from_db()
        before_status, before_official = pledge.status, pledge.official_status
        if op[0] == "post":
            _, kind, status = op
            row = services.status_update_post(
                actor=journalist,
                pledge=pledge,
                status=status,
                note="n",
                kind=kind,
                evidence_url="https://example.org/e",
            )
            # The previous status is always recorded: ours, or the owner's.
            expected_previous = (
                before_status
                if kind == StatusUpdate.Kind.NEWSROOM
                else (before_official or Status.NOT_RATED)
            )
            assert row.previous_status == expected_previous
            chains.append([kind, status, row])
        else:
            if not chains:
                continue
            _, index, status = op
            chain = chains[index % len(chains)]
            row = services.status_update_correct(
                actor=editor, update=chain[2], status=status, reason="fix"
            )
            assert row.previous_status == chain[2].status
            chain[1], chain[2] = status, row
        newsroom = [c[1] for c in chains if c[0] == StatusUpdate.Kind.NEWSROOM]
        official = [c[1] for c in chains if c[0] == StatusUpdate.Kind.OFFICIAL]
        pledge.refresh_from_db()
        assert pledge.status == (newsroom[-1] if newsroom else Status.NOT_RATED)
        assert pledge.official_status == (official[-1] if official else "")
        assert pledge.has_disagreement == bool(
            pledge.official_status
            and pledge.status != Status.NOT_RATED
            and pledge.official_status != pledge.status
        )
    # Nothing was ever deleted: one row per post and per correction.
    posted = sum(1 for op in ops if op[0] == "post")
    corrected = sum(
        1
        for i, op in enumerate(ops)
        if op[0] == "correct" and any(o[0] == "post" for o in ops[:i])
    )
    assert StatusUpdate.objects.filter(pledge=pledge).count() == posted + corrected


@PROPERTY_SETTINGS
@given(note=st.text(alphabet=" \t\n", max_size=5))
def test_unratable_requires_a_reason(journalist, note):
    pledge = PledgeFactory()
    with pytest.raises(ValidationFailed) as excinfo:
        services.status_update_post(
            actor=journalist,
            pledge=pledge,
            status=Status.UNRATABLE,
            note=note,
            evidence_url="https://example.org/e",
        )
    assert excinfo.value.code == "note_required"
    assert "can't be rated" in excinfo.value.message

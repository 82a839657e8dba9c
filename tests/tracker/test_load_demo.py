import pytest
from django.core.management import call_command

from commitments.models import Citation, Owner, Pledge, Source, Target

pytestmark = pytest.mark.django_db


def record_snapshot() -> dict:
    return {
        "sources": list(Source.objects.values_list("content_hash", flat=True)),
        "owners": sorted(Owner.objects.values_list("slug", flat=True)),
        "pledges": sorted(Pledge.objects.values_list("slug", "title_en", "updated_at")),
        "targets": sorted(
            Target.objects.values_list("pledge__slug", "value", "component_of__value")
        ),
        "citations": sorted(Citation.objects.values_list("pledge__slug", "quote")),
    }


def test_load_demo_builds_the_seed_pledges_and_is_idempotent():
    call_command("load_demo")
    first = record_snapshot()
    call_command("load_demo")
    assert record_snapshot() == first

    assert first["owners"] == ["mayor-oh-se-hoon", "seoul-metropolitan-government"]
    titles = {title for _, title, _ in first["pledges"]}
    assert {"10,000 AI talents a year", "AI Tech City"} <= titles
    talent = Pledge.objects.get(title_en="10,000 AI talents a year")
    values = sorted(
        (t.value, t.component_of.value if t.component_of else None)
        for t in talent.targets.all()
    )
    assert [(int(v), c and int(c)) for v, c in values] == [
        (4000, 10000),
        (6000, 10000),
        (10000, None),
    ]
    assert {t.period for t in talent.targets.all()} == {"per_year"}


def test_demo_citations_are_verbatim_quotes_of_the_seed_article():
    call_command("load_demo")
    citations = list(Citation.objects.select_related("source"))
    assert len(citations) >= 2
    for citation in citations:
        assert (
            citation.source.body[citation.quote_start : citation.quote_end]
            == citation.quote
        )
    # The published text has non-breaking spaces; compare with white space folded.
    quotes = [" ".join(c.quote.split()) for c in citations]
    assert any("1만명의 AI 인재를 배출" in q for q in quotes)
    assert any("AI 테크시티" in q for q in quotes)

"""Suggest an existing pledge for a candidate: same owner, shared numbers,
similar wording. The same pledge reported by three outlets becomes one pledge
with three citations instead of three pledges."""

import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal

from django.conf import settings

from commitments.models import Owner, Pledge

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def _normal(text: str) -> str:
    return _NON_WORD.sub(" ", unicodedata.normalize("NFKC", text).lower()).strip()


def ngrams(text: str, n: int = 2) -> set[str]:
    """Character n-grams per word: works for Korean (no stemming needed: 배출
    and 배출하고 share their bigrams) and English alike."""
    grams: set[str] = set()
    for word in _normal(text).split():
        if len(word) < n:
            grams.add(word)
        grams.update(word[i : i + n] for i in range(len(word) - n + 1))
    return grams


def similarity(a: str, b: str) -> float:
    """Dice coefficient of character bigrams, 0..1."""
    x, y = ngrams(a), ngrams(b)
    if not x or not y:
        return 0.0
    return 2 * len(x & y) / (len(x) + len(y))


def _values(values: Iterable[object]) -> set[Decimal]:
    out: set[Decimal] = set()
    for value in values:
        try:
            out.add(Decimal(str(value)).normalize())
        except ArithmeticError:
            continue
    return out


def pledge_match(
    *, owner: Owner | None, title: str, quote: str, target_values: Iterable[object]
) -> tuple[Pledge | None, float]:
    """The best existing pledge for a candidate, with its score, or (None, 0).

    Only pledges of the same owner (or its parent/children: the mayor's pledge
    is the city's) are considered; a score mixes wording similarity (titles in
    both languages and the original wording) and shared target numbers."""
    if owner is None:
        return None, 0.0
    owners = {owner.pk}
    if owner.parent_id:
        owners.add(owner.parent_id)
    owners.update(Owner.objects.filter(parent=owner).values_list("pk", flat=True))
    wanted = _values(target_values)
    best: tuple[Pledge | None, float] = (None, 0.0)
    pledges = Pledge.objects.filter(owner_id__in=owners).prefetch_related("targets")
    for pledge in pledges:
        wording = max(
            similarity(title, pledge.title),
            similarity(title, pledge.title_en) if pledge.title_en else 0.0,
            similarity(quote, pledge.original_wording) * 0.9,
        )
        have = _values(t.value for t in pledge.targets.all())
        numbers = len(wanted & have) / len(wanted | have) if wanted and have else 0.0
        score = 0.6 * wording + 0.4 * numbers if wanted else wording
        if pledge.owner_id == owner.pk:
            score = min(1.0, score + 0.05)
        if score > best[1]:
            best = (pledge, round(score, 3))
    if best[1] < settings.MATCH_MIN_SCORE:
        return None, 0.0
    return best

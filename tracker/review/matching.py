"""Suggest an existing pledge for a candidate: same owner, similar object
words, agreeing numbers and deadlines. The same pledge reported by three
outlets becomes one pledge with three citations instead of three pledges.

What is promised is named by words ("AI 인재", "offshore wind"); a number
alone says little: "150명" or "1만명" recur across unrelated pledges. So a
suggestion needs the object words to agree, and a shared number counts by
how specific it is (48조6888억원 says much, 1 or 150 little)."""

from __future__ import annotations

import datetime
import math
import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal

from django.conf import settings

from commitments.models import Owner, Pledge

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
_HAS_DIGIT = re.compile(r"\d")
# Function words and the vocabulary of promising itself: they appear in
# every pledge and tell none apart.
_STOP_EN = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "and",
        "or",
        "as",
        "is",
        "are",
        "be",
        "will",
        "would",
        "its",
        "their",
        "it",
        "this",
        "that",
        "which",
        "up",
        "over",
        "per",
        "year",
        "years",
        "new",
        "more",
        "than",
        "about",
        "around",
        "some",
        "all",
        "into",
        "via",
        "through",
        "under",
        "plan",
        "plans",
        "target",
        "targets",
        "pledge",
        "pledges",
        "aim",
        "aims",
        "set",
        "sets",
        "deliver",
        "build",
        "supply",
        "provide",
        "support",
        "invest",
        "create",
        "make",
        "next",
    ]
)
_STOP_KO = frozenset(
    [
        "및",
        "등",
        "총",
        "약",
        "연",
        "매년",
        "연간",
        "연평균",
        "올해",
        "내년",
        "까지",
        "위해",
        "통해",
        "계획",
        "목표",
        "방침",
        "추진",
        "이",
        "그",
        "또",
        "더",
        "현재",
        "최대",
        "이상",
        "규모",
    ]
)
# Particles and endings glued to Korean words: "인재를" is "인재".
_KO_TAIL = re.compile(
    r"(?:으로|에서|에게|까지|부터|이다|한다|하고|하는|했다|하겠다|을|를|이|가|은|는|"
    r"의|에|와|과|로|도|만)$"
)
# Below this wording agreement no pledge is suggested, whatever the numbers.
MIN_WORDING = 0.2


def _normal(text: str) -> str:
    return _NON_WORD.sub(" ", unicodedata.normalize("NFKC", text).lower()).strip()


def _content_words(text: str, exclude: frozenset[str] = frozenset()) -> list[str]:
    """Words that name things: no numbers, no function words, none of
    ``exclude`` (the owner's own name: every pledge of 서울시 says 서울)."""
    out: list[str] = []
    for word in _normal(text).split():
        if _HAS_DIGIT.search(word) or word in _STOP_EN:
            continue
        if re.search(r"[\uac00-\ud7a3]", word):
            stem = _KO_TAIL.sub("", word) if len(word) > 2 else word
            if stem in _STOP_KO or not stem or stem in exclude:
                continue
            out.append(stem)
        elif len(word) > 1:
            stem = word[:-1] if word.endswith("s") and len(word) > 3 else word
            if stem not in exclude:
                out.append(stem)
    return out


def ngrams(text: str, n: int = 2, exclude: frozenset[str] = frozenset()) -> set[str]:
    """Character n-grams per content word: works for Korean (no stemming
    needed: 배출 and 배출하고 share their bigrams) and English alike."""
    grams: set[str] = set()
    for word in _content_words(text, exclude):
        if not re.search(r"[\uac00-\ud7a3]", word):
            # spaced languages: one gram per word, its first letters as a
            # crude stem ("emission"/"emissions", "invest"/"investment")
            grams.add(word[:5])
            continue
        if len(word) < n:
            grams.add(word)
        grams.update(word[i : i + n] for i in range(len(word) - n + 1))
    return grams


def similarity(a: str, b: str, exclude: frozenset[str] = frozenset()) -> float:
    """Dice coefficient of content-word bigrams, 0..1."""
    x, y = ngrams(a, exclude=exclude), ngrams(b, exclude=exclude)
    if not x or not y:
        return 0.0
    return 2 * len(x & y) / (len(x) + len(y))


def coverage(short: str, long: str, exclude: frozenset[str] = frozenset()) -> float:
    """Share of the short text's content words found in the long text (a
    Korean word counts when a word of the long text starts with it, since
    particles are glued on): a title is covered by the wording stating it."""
    x = set(_content_words(short, exclude))
    y = set(_content_words(long, exclude))
    if not x or not y:
        return 0.0
    # longer words say more ("보육시설" over "공공"); one word alone is weak
    found = sum(len(w) for w in x if w in y or any(v.startswith(w) for v in y))
    return found / sum(len(w) for w in x) * min(1.0, len(x) / 2)


def owner_words(owners: Iterable[Owner]) -> frozenset[str]:
    """The words of the owners' names and aliases ("서울특별시" also as 서울)."""
    words: set[str] = set()
    for o in owners:
        for name in (o.name, o.name_en, *(o.aliases or [])):
            for w in _content_words(str(name)):
                words.add(w)
                base = re.sub(
                    r"(?:특별자치시|특별자치도|특별시|광역시|시|도|군|구)$", "", w
                )
                if len(base) >= 2:
                    words.add(base)
    return frozenset(words)


def _values(values: Iterable[object]) -> set[Decimal]:
    out: set[Decimal] = set()
    for value in values:
        try:
            out.add(Decimal(str(value)).normalize())
        except ArithmeticError:
            continue
    return out


def specificity(value: Decimal) -> float:
    """How much a shared value says, 0..1: magnitude plus significant digits.
    1, 2 or 40 say little; 800,000 more; 48,688,800,000,000 everything."""
    v = abs(value)
    if v == 0:
        return 0.2
    digits = len(str(v.normalize()).replace(".", "").strip("0")) or 1
    magnitude = max(0.0, math.log10(float(v)))
    return min(1.0, (magnitude + digits) / 9)


def _numbers(wanted: set[Decimal], have: set[Decimal]) -> float:
    """Agreement of the numbers, 0..1: the share of the smaller set found in
    the other (a pledge's components need not all be restated), times the
    specificity of the most telling shared value."""
    shared = wanted & have
    if not shared:
        return 0.0
    weight = sum(specificity(v) for v in shared)
    smaller = min(
        sum(specificity(v) for v in wanted), sum(specificity(v) for v in have)
    )
    return min(1.0, weight / smaller) * max(specificity(v) for v in shared)


def _years(dates: Iterable[object]) -> set[int]:
    out: set[int] = set()
    for d in dates:
        if isinstance(d, datetime.date):
            out.add(d.year)
        elif d:
            m = re.match(r"(\d{4})", str(d))
            if m:
                out.add(int(m.group(1)))
    return out


def pledge_score(
    pledge: Pledge,
    *,
    title: str,
    quote: str,
    wanted: set[Decimal],
    years: set[int],
    exclude: frozenset[str] = frozenset(),
) -> float:
    """Similarity of a candidate to one pledge, 0..1 (0 below MIN_WORDING)."""
    texts = [t for t in (pledge.title, pledge.title_en or "") if t]
    x = exclude
    wording = max(
        max((similarity(title, t, x) for t in texts), default=0.0),
        similarity(quote, pledge.original_wording, x) * 0.9,
        max((coverage(t, quote, x) * 0.7 for t in texts), default=0.0),
        coverage(title, pledge.original_wording, x) * 0.7,
        max((coverage(title, t, x) * 0.7 for t in texts), default=0.0),
    )
    have = _values(t.value for t in pledge.targets.all())
    shared = wanted & have
    # object words must agree; a very specific shared figure (800,000 homes,
    # 48.7 trillion won) lowers the bar, a small one (1, 150, 10,000) does not
    telling = any(specificity(v) >= 0.7 for v in shared)
    if wording < (MIN_WORDING / 2 if telling else MIN_WORDING):
        return 0.0
    numbers = _numbers(wanted, have)
    score = 0.65 * wording + 0.35 * numbers if wanted and have else wording
    if wanted and have and not shared:
        score -= 0.1  # both state figures and none agrees: another pledge
    pledge_years = _years(
        [pledge.deadline, *(t.deadline for t in pledge.targets.all())]
    )
    if years and pledge_years:
        # the same deadline supports the match; a different one argues against
        score += 0.08 if years & pledge_years else -0.12
    return max(0.0, min(1.0, score))


def pledge_match(
    *,
    owner: Owner | None,
    title: str,
    quote: str,
    target_values: Iterable[object],
    deadlines: Iterable[object] = (),
) -> tuple[Pledge | None, float]:
    """The best existing pledge for a candidate, with its score, or (None, 0).

    Only pledges of the same owner (or its parent/children: the mayor's pledge
    is the city's) are considered. ``deadlines`` are the candidate's target
    deadlines ("2030", dates): an agreeing deadline supports a match."""
    if owner is None:
        return None, 0.0
    owners = {owner.pk}
    if owner.parent_id:
        owners.add(owner.parent_id)
        owners.update(
            Owner.objects.filter(parent_id=owner.parent_id).values_list("pk", flat=True)
        )
    owners.update(Owner.objects.filter(parent=owner).values_list("pk", flat=True))
    wanted = _values(target_values)
    years = _years(deadlines)
    best: tuple[Pledge | None, float] = (None, 0.0)
    exclude = owner_words(Owner.objects.filter(pk__in=owners))
    pledges = Pledge.objects.filter(owner_id__in=owners).prefetch_related("targets")
    for pledge in pledges:
        score = pledge_score(
            pledge,
            title=title,
            quote=quote,
            wanted=wanted,
            years=years,
            exclude=exclude,
        )
        if score and pledge.owner_id == owner.pk:
            score = min(1.0, score + 0.03)
        if score > best[1]:
            best = (pledge, round(score, 3))
    if best[1] < settings.MATCH_MIN_SCORE:
        return None, 0.0
    return best

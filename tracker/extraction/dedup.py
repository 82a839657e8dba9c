"""Merge candidates that state the same pledge (headline + body, restatements)."""

from __future__ import annotations

from .records import ExtractedPledge, QuoteSpan, TargetSpec

# Units that count the same thing under different words.
_UNIT_ALIASES = {
    "호": "homes", "가구": "homes", "세대": "homes", "채": "homes", "homes": "homes",
    "new homes": "homes", "units": "homes", "houses": "homes", "housing units": "homes",
    "원": "KRW", "KRW": "KRW", "won": "KRW", "퍼센트": "%", "％": "%",
}  # fmt: skip


def unit_key(unit: str) -> str:
    if unit in _UNIT_ALIASES:
        return _UNIT_ALIASES[unit]
    low = unit.lower()
    if low.startswith("new "):
        low = low[4:]
    if low.endswith("s") and len(low) > 3 and not low.endswith("ss"):
        low = low[:-1]  # "homes" / "home": one thing counted
    return _UNIT_ALIASES.get(low, _UNIT_ALIASES.get(low + "s", low))


def _grams(text: str, n: int = 4) -> set[str]:
    s = "".join(text.split())
    return {s[i : i + n] for i in range(max(1, len(s) - n + 1))}


_GENERIC_UNITS = {"%", "개", "배", "x", "", "곳", "건", "명", "people"}


def _object_near(quote: str, text: str) -> set[str]:
    """Character bigrams of the words right before a target in its quote: the
    thing counted ("온실가스 40%" vs "재생에너지 비중 40%")."""
    pos = quote.find(text) if text else -1
    if pos < 0:
        return set()
    before = "".join(quote[max(0, pos - 12) : pos].split())[-6:]
    return {before[i : i + 2] for i in range(len(before) - 1)}


def _key(t: TargetSpec) -> tuple[float, str]:
    if t.value == 1 and len(t.text) >= 3 and not any(ch.isdigit() for ch in t.text):
        return (1.0, "name:" + "".join(t.text.split()))  # one named body
    return (round(t.value, 6), unit_key(t.unit))


def _keyed(c: ExtractedPledge) -> dict[tuple[float, str], TargetSpec]:
    return {
        _key(t): t
        for t in c.targets
        if t.value not in (0, 1) or _key(t)[1].startswith("name:")
    }


def _shared(a: ExtractedPledge, b: ExtractedPledge) -> tuple[set, set, set]:
    """(a's keys, b's keys, keys both state of the same object by a compatible
    deadline)."""
    ta, tb = _keyed(a), _keyed(b)
    both = set()
    for k in ta.keys() & tb.keys():
        x, y = ta[k], tb[k]
        if x.deadline and y.deadline and x.deadline[:4] != y.deadline[:4]:
            continue  # the same figure by another year: another pledge
        if k[1] in _GENERIC_UNITS:
            ox, oy = _object_near(a.quote, x.text), _object_near(b.quote, y.text)
            if ox and oy and not ox & oy:
                continue  # 50% of one thing is not 50% of another
        both.add(k)
    return set(ta), set(tb), both


def _same_pledge(a: ExtractedPledge, b: ExtractedPledge) -> bool:
    if a.start == b.start and a.part != b.part:
        return False  # coordinated clauses of one sentence: separate pledges
    ga, gb = _grams(a.quote), _grams(b.quote)
    if ga and gb and len(ga & gb) / min(len(ga), len(gb)) >= 0.6:
        return True
    ka, kb, both = _shared(a, b)
    if not both:
        return False
    if not (_is_sentence(a.quote) and _is_sentence(b.quote)) or (
        "headline" in a.cues or "headline" in b.cues
    ):
        return True  # a headline or fragment sums up the body's pledge
    # two full sentences: one restates the other only when they state the
    # same targets; a sentence adding its own figures is another pledge
    return ka == kb == both


def _is_sentence(quote: str) -> bool:
    return quote.rstrip().endswith((".", "!", "?", "”", '"', "’", "다"))


def dedup(candidates: list[ExtractedPledge]) -> list[ExtractedPledge]:
    """Keep the best-scored statement; fold others in as extra quotes.

    Not transitive on purpose: a headline naming two pledges folds into one
    of them and must not pull the two body pledges together.
    """
    kept: list[ExtractedPledge] = []
    # on a tie a full sentence beats a headline fragment
    order = sorted(
        candidates,
        key=lambda c: (
            -c.score,
            "headline" in c.cues or not _is_sentence(c.quote),
            c.start,
        ),
    )
    for cand in order:
        home = next((k for k in kept if _same_pledge(k, cand)), None)
        if home is None:
            kept.append(cand)
            continue
        home.extra_quotes.append(QuoteSpan(cand.quote, cand.start, cand.end))
        home.extra_quotes.extend(cand.extra_quotes)
        have = {_key(t) for t in home.targets}
        for t in cand.targets:
            key = _key(t)
            if key in have:
                mine = next(x for x in home.targets if _key(x) == key)
                if mine.deadline is None and t.deadline is not None:
                    mine.deadline, mine.deadline_precision = (
                        t.deadline,
                        t.deadline_precision,
                    )
                    mine.deadline_inferred = True
                if mine.period is None and t.period is not None:
                    mine.period = t.period
                continue
            if (
                t.value in (0, 1)
                and t.unit
                and any(x.value == t.value for x in home.targets)
            ):
                continue
            t.component_of = None
            home.targets.append(t)
            have.add(key)
        for cue in cand.cues:
            if cue not in home.cues:
                home.cues.append(cue)
    kept.sort(key=lambda c: c.start)
    return kept

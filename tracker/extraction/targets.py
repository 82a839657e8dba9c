"""Which deadline dates which quantity of a sentence, and which targets are
parts of another target's total."""

from __future__ import annotations

import re

from .deadlines import Deadline
from .lexicon import ACTION_NOUNS, POLICY_VERBS
from .numbers import Quantity
from .records import TargetSpec
from .sentences import Sentence


def _governs(s: Sentence, d: Deadline, q: Quantity) -> bool:
    """Korean: a time word inside a relative clause ('올해 설립되는 X') does not
    date the main predicate's targets."""
    if s.language != "ko" or d.end > q.start:
        return True
    between = [t for t in s.tokens if d.end <= t.start < q.start]
    for i, t in enumerate(between):
        if t.tag == "ETM" and t.form in ("ᆫ", "는", "은", "ᆯ", "을", "던"):
            prev = between[i - 1] if i else None
            if prev is not None and prev.form == "겠":
                return True
            # the time word dates the relative clause only when its predicate
            # is an action ('올해 설립되는 학교'); '2022년까지 AI에 특화된
            # 대학원 6곳을 신설한다' dates the main verb
            head = [x for x in between[:i] if x.tag in ("NNG", "XSN")]
            stem = "".join(x.form for x in head[-2:]) if head else ""
            verb = next(
                (x.form for x in reversed(between[:i]) if x.tag.startswith("VV")),
                "",
            )
            return not (
                (head and head[-1].form in ACTION_NOUNS)
                or stem in ACTION_NOUNS
                or verb in POLICY_VERBS
            )
        if t.tag in ("EC", "EF"):
            return True
    return True


def deadline_for(s: Sentence, ds: list[Deadline], q: Quantity) -> Deadline | None:
    ok = [d for d in ds if _governs(s, d, q)]
    if not ok:
        return None
    rank = {
        "explicit": 0,
        "horizon": 0,
        "range": 0,
        "term": 0,
        "same": 1,
        "relative": 1,
        "duration": 2,
    }
    before = [d for d in ok if d.end <= q.start]
    after = [d for d in ok if d.start >= q.end]
    if s.language == "ko":
        if before:
            best = min(rank[d.kind] for d in before)
            return [d for d in before if rank[d.kind] == best][-1]
        return after[0] if after else None
    if after:
        # the next deadline in the same clause (", and ..." starts another)
        d = after[0]
        if not re.search(r"[;]|,\s+and\b", s.text[q.end : d.start]):
            return d
    return before[-1] if before else (after[0] if after else None)


def mark_components(targets: list[TargetSpec]) -> None:
    """4,000 + 6,000 of 10,000: the parts point at the total."""
    for ti, total in enumerate(targets):
        parts = [
            i
            for i, t in enumerate(targets)
            if i != ti
            and t.unit == total.unit
            and t.value < total.value
            and t.component_of is None
        ]
        for x in range(len(parts)):
            for y in range(x + 1, len(parts)):
                a, b = targets[parts[x]], targets[parts[y]]
                if (
                    total.value
                    and abs(a.value + b.value - total.value) <= 0.01 * total.value
                ):
                    a.component_of = ti
                    b.component_of = ti
                    # parts counted per year add up to a yearly total
                    if total.period is None and a.period and a.period == b.period:
                        total.period = a.period

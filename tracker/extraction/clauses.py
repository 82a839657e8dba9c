"""One sentence, several pledges: coordinated clauses that each promise
their own targets ("공원 12곳을 만들고 버스 500대를 도입한다", "plant 2,000
trees and build 12 parks") become one candidate per clause, with the same
verbatim quote and a per-clause part number."""

from __future__ import annotations

import re
from dataclasses import replace

from .cues import ITEM_MARKERS, LIGHT_ACTIONS
from .lexicon import ACTION_NOUNS, EN_ACTION_VERBS
from .records import ExtractedPledge, TargetSpec
from .sentences import Sentence
from .titles import english_title, korean_title

# Connective endings that join two clauses, each with its own predicate:
# "공원 12곳을 만들고 버스 500대를 도입한다", "…를 확충하며 …를 늘린다".
_KO_COORDINATORS = {"고", "며", "으며"}
_KO_PREDICATE_TAGS = ("VV", "VX", "XSV")
_EN_COORDINATION = re.compile(
    r",?\s+and\s+(?:(?:will|would|to)\s+)?(?:also\s+)?(?P<verb>[a-z]+)\b"
)


def clause_cuts(s: Sentence, positions: list[int]) -> list[int]:
    """Where one coordinated clause of `s` ends and the next begins, counting
    only the joins that have a target on either side (offsets in s.text)."""
    first, last = min(positions), max(positions)
    cuts: list[int] = []
    if s.language == "ko":
        # each marked item of a listed plan ("▲A 확충 ▲B 신설") is its own pledge
        for pos, ch in enumerate(s.text):
            if ch in ITEM_MARKERS and first < pos:
                cuts.append(pos)
        for i, tok in enumerate(s.tokens):
            if (
                i
                and tok.tag == "EC"
                and tok.form in _KO_COORDINATORS
                and s.tokens[i - 1].tag.split("-")[0] in _KO_PREDICATE_TAGS
            ):
                cut = tok.end
                if first < cut < last:
                    cuts.append(cut)
        cuts.sort()
    else:
        for m in _EN_COORDINATION.finditer(s.text):
            verb = m.group("verb")
            stem = verb[:-1] if verb.endswith("s") else verb
            if (verb in EN_ACTION_VERBS or stem in EN_ACTION_VERBS) and (
                first < m.start() < last
            ):
                cuts.append(m.start())
    return cuts


def split_clauses(
    whole: ExtractedPledge, s: Sentence, action: str | None
) -> list[ExtractedPledge]:
    """`whole`, or one candidate per coordinated clause of `s` when each clause
    promises its own targets (split only when every part has one and no part
    is a component of another part's total). `action` is the sentence's
    predicate, used for the title of its last clause."""
    targets = whole.targets
    if len(targets) < 2 or any(t.component_of is not None for t in targets):
        return [whole]
    positions = [s.text.find(t.text) if t.text else -1 for t in targets]
    if min(positions) < 0:
        return [whole]
    cuts = clause_cuts(s, positions)
    if not cuts:
        return [whole]
    spans = _spans([0, *cuts, len(s.text)], targets, positions)
    if len(spans) < 2:
        return [whole]
    out: list[ExtractedPledge] = []
    for number, (lo, hi, own) in enumerate(spans, start=1):
        if s.language == "ko":
            tokens = [t for t in s.tokens if lo <= t.start < hi]
            # the clause's own action noun ("…1500대 조기 폐차"), else the
            # sentence's predicate for its last clause
            # (a listed item's support counts: "▲교통비 월 5만원 지원")
            acts = [
                t
                for t in tokens
                if t.tag == "NNG"
                and (t.form in ACTION_NOUNS or t.form in LIGHT_ACTIONS)
            ]
            at = s.text.find(own[0].text, lo) if own[0].text else lo
            after = [t for t in acts if t.start >= at]
            # the first action after the clause's figure is its own; what
            # follows it is the sentence's ("…5만원 지원 등을 추진할 방침")
            own_action = after[0].form if after else (acts[-1].form if acts else None)
            if after and s.text[lo : lo + 1] in ITEM_MARKERS:
                # a listed item ends at its action
                tokens = [t for t in tokens if t.start <= after[0].start]
            if own_action is None and hi == len(s.text):
                own_action = action
            title = korean_title(s.text, tokens, own_action, own)
        else:
            title = english_title(s.text[lo:hi], own, None)
        out.append(replace(whole, title=title, targets=own, part=number))
    return out


def _spans(
    bounds: list[int], targets: list[TargetSpec], positions: list[int]
) -> list[tuple[int, int, list[TargetSpec]]]:
    """(start, end, targets) of each clause that holds a target."""
    spans = []
    for lo, hi in zip(bounds, bounds[1:], strict=False):
        own = [t for t, pos in zip(targets, positions, strict=True) if lo <= pos < hi]
        if own:
            spans.append((lo, hi, own))
    return spans

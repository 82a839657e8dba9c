"""extract(): article text in, candidate pledges out."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from . import cues as cue_rules
from .clauses import split_clauses
from .cleaning import clean
from .deadlines import Deadline, deadlines
from .dedup import dedup
from .english_cues import anaphoric_restatement, english_cues
from .english_numbers import english_quantities
from .english_owners import english_subject
from .language import detect_language
from .lexicon import ACTION_NOUNS, EN_ACTION_VERBS, PLAN_DOCUMENTS
from .numbers import Quantity, korean_quantities
from .owners import (
    Actor,
    choose_owner,
    is_caption,
    korean_subject,
    main_actor,
)
from .records import ExtractedPledge, ExtractionInputError, TargetSpec
from .sentences import Sentence, segment
from .targets import deadline_for, mark_components
from .titles import english_title, korean_title

PIPELINE_VERSION = "2.0.0"
DEFAULT_MAX_CHARS = 2_000_000
THRESHOLD = 0.55

# Veto a sentence whatever its cue: these are never commitments.
_HARD_VETO = {"candidacy", "event", "interpretation", "past"}
# Veto unless a strong commitment cue sits in the same sentence.
_SOFT_VETO = {"forecast", "prediction", "recommendation", "hedge", "conditional"}
_ESTABLISH_KO = {"설립", "신설", "개설", "건립", "출범", "설치", "개원", "개소"}
_ESTABLISH_EN = re.compile(
    r"\b(?:set\s+up|establish|create|launch|open|found)\s+(?:an?|one)\s+"
    r"((?:[a-z-]+\s+){0,3}?(?:board|center|centre|agency|office|fund|authority|"
    r"institute|hub|company|corporation|commission|bank|school|university|zone|"
    r"unit|body|team|taskforce|panel|service|network|observatory|laboratory|lab))\b"
    r"|\b(?:An?|One)\s+((?:[a-z-]+\s+){0,3}?(?:board|center|centre|agency|office|fund|"
    r"authority|institute|hub|company|corporation|commission|bank|school|zone|"
    r"unit|body|team|taskforce|panel|service|network|observatory|laboratory|lab))\b"
    r"[^.]{0,60}?\bwill\s+(?:also\s+)?be\s+(?:also\s+)?(?:set\s+up|established|created|"
    r"launched|opened|founded)",
    re.I,
)
_KO_CONTINUATION = re.compile(
    r"^(?:세부적으로|구체적으로|각각|이\s?중|그\s?중|이\s?가운데|내역은)"
)
_EN_CONTINUATION = re.compile(
    r"\b(?:the|this|that)\s+(?:effort|project|plan|scheme|programme|program|initiative|"
    r"pledge|target|goal)\b",
    re.I,
)


@dataclass
class _Analysis:
    sentence: Sentence
    cue: cue_rules.CueResult
    quantities: list[Quantity]
    deadlines: list[Deadline]
    actor: Actor | None  # own subject/speaker
    speaker: Actor | None = None  # own or carried from earlier sentences
    horizon: Deadline | None = None  # the plan's end stated earlier, if any
    score: float = 0.0
    accepted: bool = False
    merged: list[_Analysis] = field(default_factory=list)
    restatements: list[_Analysis] = field(default_factory=list)


def _check_input(text: object, max_chars: int) -> str:
    if not isinstance(text, str):
        raise ExtractionInputError("extract() needs text (str); decode bytes first")
    if len(text) > max_chars:
        raise ExtractionInputError(
            f"text is {len(text):,} characters; the limit is {max_chars:,}"
        )
    sample = text[:100000]
    if "\x00" in sample:
        raise ExtractionInputError(
            "text contains NUL characters: binary data, not an article"
        )
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    if controls > max(8, len(sample) // 100):
        raise ExtractionInputError(
            "text is mostly control characters: binary data, not an article"
        )
    return text


def _analyse(s: Sentence, published_on: datetime.date | None) -> _Analysis:
    if s.language == "ko":
        cue = cue_rules.korean_cues(s.text, s.tokens, s.headline)
        actor = korean_subject(s.tokens, s.text)
    else:
        cue = english_cues(s.text, s.headline)
        actor = english_subject(s.text)
    if is_caption(s.text):
        actor = None  # a photo caption names no owner
    return _Analysis(
        sentence=s,
        cue=cue,
        quantities=(
            korean_quantities(s.text, s.tokens or None)
            if s.language == "ko"
            else english_quantities(s.text)
        ),
        deadlines=deadlines(s.text, s.language, published_on),
        actor=actor,
    )


def _carry_speakers(items: list[_Analysis]) -> None:
    """A sentence without its own subject speaks for the last named actor."""
    last: Actor | None = None
    for a in items:
        if a.actor is not None and a.actor.official is not None:
            last = a.actor
            a.speaker = a.actor
        elif (
            a.actor is not None
            and last is not None
            and a.actor.name.lower() in ("he", "she", "we", "i", "they")
        ):
            a.speaker = last
        else:
            # an unclassified subject (often of an embedded clause) does not
            # displace the speaker established earlier
            a.speaker = last if last is not None else a.actor


_WRITTEN = ("explicit", "horizon", "range", "term")
_HORIZON = ("horizon", "range", "term")


# "2030년까지의 녹색교통 계획", "서울비전 2030 전략", "a plan to 2030",
# "the 2030 strategy": the year names the horizon of a whole plan.
_KO_PLAN_AFTER = re.compile(
    r"^(?:의|년의|까지의)?\s*(?:[가-힣A-Za-z0-9·]+\s*){0,3}?(?:"
    + "|".join(sorted(PLAN_DOCUMENTS | {"비전", "계획"}, key=len, reverse=True))
    + r")(?:을|를|이|가|은|는|에|의|\s|$)"
)
_EN_PLAN_AROUND = re.compile(
    r"(?:plan|strategy|roadmap|vision|programme|program|blueprint)\s+"
    r"(?:to|through|until|for)\s*$",
    re.I,
)
_EN_PLAN_AFTER = re.compile(
    r"^\s+(?:[A-Za-z-]+\s+){0,2}?(?:plan|strategy|roadmap|vision|blueprint)\b",
    re.I,
)


def _dates_a_plan(text: str, d: Deadline) -> bool:
    """Whether the written year `d` dates a plan document rather than one
    target: it then stands for every part listed after it."""
    before, after = text[: d.start], text[d.end :]
    if re.search(r"[가-힣]", text):
        # a deadline that ends the clause ("…까지 공급한다") dates its target
        return bool(d.text.endswith(("까지", "년")) and _KO_PLAN_AFTER.match(after))
    return bool(_EN_PLAN_AROUND.search(before) or _EN_PLAN_AFTER.match(after))


def _carry_periods(items: list[_Analysis]) -> None:
    """'같은 기간' takes the period named last; a plan's horizon ('2031년까지
    10년간', '2025-2030', '민선 7기') dates the later sentences that state none."""
    last: Deadline | None = None
    horizon: Deadline | None = None
    for a in items:
        kept: list[Deadline] = []
        for d in a.deadlines:
            if d.kind == "same":
                if last is None:
                    continue
                d.value, d.precision = last.value, last.precision
            kept.append(d)
            if d.kind in _WRITTEN:
                last = d
        a.deadlines = kept
        a.horizon = horizon
        for d in kept:
            if d.kind == "explicit" and _dates_a_plan(a.sentence.text, d):
                d.kind = "horizon"
        own = [d for d in kept if d.kind in _HORIZON]
        if own:
            horizon = own[-1]


def _score(a: _Analysis) -> float:
    cue = a.cue
    if not cue.cues or cue.strength <= 0:
        return 0.0
    if set(cue.negatives) & _HARD_VETO:
        return 0.0
    if set(cue.negatives) & _SOFT_VETO and cue.strength < 0.5:
        return 0.0
    if a.speaker is not None and a.speaker.official is False:
        return 0.0  # experts, executives, professors: opinions, not pledges
    score = cue.strength
    if a.quantities or _establishes(a):
        score += 0.25
    if a.deadlines:
        score += 0.15
    if a.actor is not None and a.actor.official:
        score += 0.1
    elif a.speaker is not None and a.speaker.official:
        score += 0.05
    if len(cue.cues) > 1:
        score += 0.05
    if not a.quantities and not a.deadlines and cue.action in cue_rules.LIGHT_ACTIONS:
        score -= 0.1  # "지원할 계획": support in general, nothing to track
    if not a.quantities and not a.deadlines and _aspiration(a):
        score -= 0.15
    # rounded so that 0.4 + 0.15 reaches a 0.55 threshold despite binary floats
    return round(min(score, 1.0), 3)


_EN_NEGATED_WILL = re.compile(r"\b(?:will\s+not|won['’]t|shall\s+not)\s+([a-z]+)", re.I)


def _aspiration(a: _Analysis) -> bool:
    """A resolve with nothing to track: "청년이 떠나지 않는 도시를 만들겠다"
    (the object is a place or state described by a clause), "We will not
    stand by" (a negated verb that is not an action)."""
    s = a.sentence
    if s.language == "en":
        m = _EN_NEGATED_WILL.search(s.text)
        return m is not None and m.group(1).lower() not in EN_ACTION_VERBS
    toks = s.tokens
    for i, t in enumerate(toks):
        if t.form == a.cue.action and t.tag.startswith("VV") and i >= 3:
            obj, case, before = toks[i - 2], toks[i - 1], toks[i - 3]
            return (
                case.tag == "JKO"
                and obj.tag == "NNG"
                and obj.form not in ACTION_NOUNS
                and before.tag == "ETM"
            )
    return False


def _establishes(a: _Analysis) -> bool:
    """The sentence founds one thing (an agency, a centre): a count of one."""
    s = a.sentence
    if s.language == "ko":
        toks = s.tokens
        for i, t in enumerate(toks):
            if t.tag == "NNG" and t.form in _ESTABLISH_KO:
                nxt = toks[i + 1] if i + 1 < len(toks) else None
                if (
                    nxt is None
                    or nxt.tag in ("XSV", "SP", "SF", "SE")
                    or nxt.form == "되"
                ):
                    return True
        return False
    return bool(_ESTABLISH_EN.search(s.text))


def _targets(
    a: _Analysis, inherited: Deadline | None = None, units: set[str] | None = None
) -> list[TargetSpec]:
    s = a.sentence
    out: list[TargetSpec] = []
    for q in a.quantities:
        d = deadline_for(s, a.deadlines, q)
        inferred = False
        # a follow-up sentence's parts share the head's deadline; a cost or
        # other measure mentioned in passing does not
        same_kind = units is None or q.unit in units
        if d is None and inherited is not None and same_kind:
            d, inferred = inherited, True
        out.append(
            TargetSpec(
                value=q.value,
                unit=q.unit,
                period=q.period,
                deadline=d.value if d else None,
                deadline_precision=d.precision if d else None,
                deadline_inferred=inferred,
                text=q.text,
                baseline=q.baseline,
            )
        )
    if not out:
        thing = None
        if s.language == "ko" and _establishes(a):
            thing = "개"
        elif s.language == "en":
            m = _ESTABLISH_EN.search(s.text)
            if m:
                thing = (m.group(1) or m.group(2)).strip()
        if thing:
            d = a.deadlines[0] if a.deadlines else inherited
            out.append(
                TargetSpec(
                    value=1,
                    unit=thing,
                    deadline=d.value if d else None,
                    deadline_precision=d.precision if d else None,
                    deadline_inferred=d is not None and not a.deadlines,
                    text=thing if s.language == "en" else _established_name(s),
                )
            )
    return out


def _established_name(s: Sentence) -> str:
    m = re.search(r"[‘'“\"]([^’'”\"]{1,30})[’'”\"]", s.text)
    if m:
        return m.group(1)
    for t in s.tokens:
        if t.tag == "NNG" and t.form in _ESTABLISH_KO:
            return t.form
    return ""


def _main_actor(
    items: list[_Analysis], gazetteer: Mapping[str, str] | None, text: str
) -> str | None:
    return main_actor([a.actor for a in items], text, gazetteer)


def _owner(
    a: _Analysis, gazetteer: Mapping[str, str] | None, main: str | None
) -> str | None:
    return choose_owner(a.actor, a.speaker, a.sentence.text, gazetteer, main)


def extract(
    text: str,
    *,
    published_on: datetime.date | None = None,
    language: str | None = None,
    gazetteer: Mapping[str, str] | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> list[ExtractedPledge]:
    """Propose the pledges stated in an article.

    Quotes are verbatim slices of ``text`` (``text[c.start:c.end] == c.quote``).
    Raises ExtractionInputError for text over ``max_chars`` or binary data.
    """
    _check_input(text, max_chars)
    if language not in (None, "ko", "en"):
        raise ExtractionInputError(
            f"unsupported language {language!r}; use 'ko' or 'en'"
        )
    if not text.strip():
        return []
    work = clean(text)
    if not work.strip():
        return []
    doc_language = language or detect_language(work)
    items = [_analyse(s, published_on) for s in segment(work, language)]
    _carry_speakers(items)
    _carry_periods(items)

    heads: list[_Analysis] = []
    last: _Analysis | None = None
    for a in items:
        s = a.sentence
        cont = (
            last is not None
            and last.sentence.line == s.line
            and (
                (s.language == "ko" and _KO_CONTINUATION.match(s.text))
                or (
                    s.language == "en"
                    and a.quantities
                    and _EN_CONTINUATION.search(s.text)
                )
            )
        )
        if cont and last is not None:
            last.merged.append(a)
            continue
        a.score = _score(a)
        if a.score >= THRESHOLD:
            if (
                s.language == "en"
                and not a.quantities
                and anaphoric_restatement(s.text)
            ):
                if heads:
                    heads[-1].restatements.append(a)
                last = None
                continue
            a.accepted = True
            heads.append(a)
            last = a
        else:
            last = None

    main = _main_actor(items, gazetteer, text)
    candidates: list[ExtractedPledge] = []
    for a in heads:
        candidates.extend(_candidates(a, text, gazetteer, main, doc_language))
    return dedup(candidates)


def _candidates(
    a: _Analysis,
    text: str,
    gazetteer: Mapping[str, str] | None,
    main: str | None,
    doc_language: str,
) -> list[ExtractedPledge]:
    """The sentence's candidate, or one per coordinated clause (clauses.py);
    a sentence merged with its continuations stays one candidate."""
    whole = _candidate(a, text, gazetteer, main, doc_language)
    if a.merged:
        return [whole]
    return split_clauses(whole, a.sentence, a.cue.action)


def _candidate(
    a: _Analysis,
    text: str,
    gazetteer: Mapping[str, str] | None,
    main: str | None,
    doc_language: str,
) -> ExtractedPledge:
    s = a.sentence
    targets = _targets(a)
    head_deadline = next(
        (d for d in a.deadlines if d.kind in _WRITTEN),
        a.deadlines[0] if a.deadlines else None,
    )
    end = s.end
    units = {t.unit for t in targets}
    for m in a.merged:
        targets.extend(_targets(m, inherited=head_deadline, units=units))
        end = m.sentence.end
    if a.horizon is not None and not a.deadlines:
        for t in targets:
            if t.deadline is None:
                t.deadline = a.horizon.value
                t.deadline_precision = a.horizon.precision
                t.deadline_inferred = True
    mark_components(targets)
    if s.language == "ko":
        title = korean_title(s.text, s.tokens, a.cue.action, targets)
    else:
        title = english_title(
            s.text, targets, head_deadline.text if head_deadline else None
        )
    from .records import QuoteSpan

    cand = ExtractedPledge(
        quote=text[s.start : end],
        start=s.start,
        end=end,
        title=title,
        owner=_owner(a, gazetteer, main),
        targets=targets,
        score=round(a.score, 3),
        cues=list(a.cue.cues),
        language=s.language or doc_language,
        extra_quotes=[
            QuoteSpan(
                text[r.sentence.start : r.sentence.end],
                r.sentence.start,
                r.sentence.end,
            )
            for r in a.restatements
        ],
    )
    return cand

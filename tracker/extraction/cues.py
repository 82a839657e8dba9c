"""Commitment cues and the negatives that veto them.

Korean cues are read from Kiwi morphemes (pre-final ending 겠/EP, 기로 하다,
ㄹ 계획/예정, the non-past declarative on an action noun); English cues, from
modal and commitment verbs, are in english_cues.py. Each cue has a strength
in 0..1.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .lexicon import (
    ACTION_NOUNS,
    ADOPTION_PREDICATES,
    PLAN_DOCUMENTS,
    PLAN_NOUNS,
    POLICY_VERBS,
)

SLOGAN_NOUNS = frozenset(
    ["비전", "기치", "슬로건", "구호", "모토", "캐치프레이즈", "철학", "꿈"]
)
FORECAST_NOUNS = frozenset(
    [
        "기대",
        "전망",
        "예상",
        "예측",
        "관측",
        "추정",
        "우려",
        "분석",
        "평가",
        "풀이",
        "해석",
    ]
)
REPORTING = frozenset(["말하", "밝히", "강조하", "설명하", "전하", "덧붙이", "말", "강조", "설명", "언급", "발표", "소개", "답하", "주장", "당부", "약속", "공언", "천명"])  # fmt: skip
# Actions too general to track on their own (support, lead, strive).
LIGHT_ACTIONS = frozenset(
    [
        "지원",
        "견인",
        "뒷받침",
        "노력",
        "협력",
        "기여",
        "강화",
        "support",
        "work",
        "help",
    ]
)
EVENT_NOUNS = frozenset(
    ["개최", "참석", "방문", "참여", "열리", "간담회", "회의", "행사", "면담", "접견"]
)


@dataclass
class CueResult:
    cues: list[str] = field(default_factory=list)
    strength: float = 0.0
    negatives: list[str] = field(default_factory=list)
    action: str | None = None  # the action noun or verb the cue attaches to

    def add(self, name: str, strength: float) -> None:
        if name not in self.cues:
            self.cues.append(name)
        self.strength = max(self.strength, strength)


def _pred_before(tokens: list[Any], i: int) -> tuple[str | None, bool]:
    """The predicate stem right before position i: (stem, is_action)."""
    j = i - 1
    while (
        j >= 0
        and tokens[j].tag in ("EP", "XSV", "XSA", "VX", "EC")
        and not (tokens[j].tag == "EC" and tokens[j].form not in ("어", "아", "고"))
    ):
        if tokens[j].tag == "XSV" and j > 0 and tokens[j - 1].tag == "NNG":
            noun = tokens[j - 1].form
            return noun, noun in ACTION_NOUNS
        if (
            tokens[j].tag == "XSV"
            and j > 1
            and tokens[j - 1].tag == "XSN"
            and tokens[j - 1].form == "화"
        ):
            # 활성화하다, 의무화하다: "-ize" verbs are actions by construction
            return tokens[j - 2].form + "화", True
        j -= 1
    if j >= 0 and tokens[j].tag.startswith("VV"):
        stem = tokens[j].form
        return stem, stem in POLICY_VERBS
    if j >= 0 and tokens[j].tag == "NNG":
        return tokens[j].form, tokens[j].form in ACTION_NOUNS
    return None, False


def _in_single_quotes(text: str, pos: int) -> bool:
    before = text[:pos]
    if before.count("'") % 2:  # straight quotes: an odd count means "open"
        return True
    return before.count("‘") > before.count("’")


def korean_cues(text: str, tokens: list[Any], headline: bool) -> CueResult:
    r = CueResult()
    n = len(tokens)
    forms = [t.form for t in tokens]
    tags = [t.tag for t in tokens]
    # the tail of the sentence holds the main predicate (and the reported one)
    content = [i for i, t in enumerate(tags) if not t.startswith(("S", "J"))]
    tail = set(content[-10:])
    for i, t in enumerate(tokens):
        if t.tag == "EP" and t.form == "겠":
            stem, is_action = _pred_before(tokens, i)
            nxt = tokens[i + 1] if i + 1 < n else None
            head = tokens[i + 2].form if i + 2 < n else ""
            if nxt is not None and nxt.tag == "ETM" and head in SLOGAN_NOUNS:
                r.negatives.append("slogan")  # '…하겠다'는 비전: background
                continue
            if _in_single_quotes(text, t.start) and not (
                nxt is not None and nxt.tag == "ETM" and head in PLAN_NOUNS
            ):
                r.negatives.append("slogan")
                continue
            if nxt is not None and nxt.tag == "ETM" and head in PLAN_NOUNS:
                r.add(f"-겠다는 {head}", 0.55)
            else:
                r.add("-겠-", 0.5 if is_action else 0.3)
            if is_action and r.action is None:
                r.action = stem
        elif t.tag == "ETM" and t.form in ("ᆯ", "을", "를") and i + 1 < n:
            head = forms[i + 1]
            stem, is_action = _pred_before(tokens, i)
            if head in ("계획", "예정", "방침", "구상"):
                if stem in EVENT_NOUNS:
                    r.negatives.append("event")
                    continue
                r.add(f"-ㄹ {head}", 0.5)
                if r.action is None and stem:
                    r.action = stem
            elif head == "것" and i in tail:
                after = forms[i + 2 : i + 6]
                if any(f in FORECAST_NOUNS or f in ("보이", "예상되") for f in after):
                    r.negatives.append("forecast")
                elif is_action:
                    r.add("-ㄹ 것이다", 0.4)
                    r.action = r.action or stem
                else:
                    r.negatives.append("prediction")
            elif head in ("전망", "가능성", "수") and i in tail:
                r.negatives.append("forecast")
        elif t.form == "기" and t.tag == "ETN" and i + 2 < n:
            if forms[i + 1] in ("로",) and tokens[i + 2].tag.startswith(("VV", "XSV")):
                r.add("-기로 하다", 0.55)
                stem, _ = _pred_before(tokens, i)
                r.action = r.action or stem
        elif t.form == "목표" and i + 2 < n and forms[i + 1] == "로":
            if forms[i + 2] in ("하", "삼", "잡", "세우"):
                r.add("목표로 하다", 0.5)
        elif t.form in ("어야", "아야") and t.tag == "EC" and i in tail:
            r.negatives.append("recommendation")
        elif t.tag == "NNG" and t.form in FORECAST_NOUNS and i in tail:
            nxt = tokens[i + 1] if i + 1 < n else None
            if (
                nxt is not None
                and nxt.tag in ("XSV", "XSA", "VCP")
                or (nxt is not None and nxt.form in ("되",))
            ):
                r.negatives.append("forecast")
        elif t.tag.startswith("VV") and t.form in ("읽히", "보이") and i in tail:
            r.negatives.append("interpretation")
    _korean_progressive(tokens, r)
    _korean_declarative(tokens, r)
    _korean_noun_plan(tokens, r)
    _korean_reported(tokens, r)
    _korean_adoption(tokens, r)
    _korean_plan_items(text, tokens, r)
    # headlines end in a noun or a clipped verb ("공급 내걸어")
    if headline and not any(
        t.tag == "EF" and t.form not in ("어", "아") for t in tokens
    ):
        _korean_headline(tokens, r)
    return r


def _korean_progressive(tokens: list[Any], r: CueResult) -> None:
    """'X를 준비하고 있다': a plan being prepared."""
    for i in range(1, len(tokens) - 3):
        t = tokens[i]
        if (
            t.tag == "NNG"
            and t.form in ("준비", "추진", "검토", "계획", "논의", "마련", "협의")
            and tokens[i + 1].tag == "XSV"
            and tokens[i + 2].form == "고"
            and tokens[i + 3].form == "있"
        ):
            r.add(f"{t.form}하고 있다", 0.5)
            r.action = r.action or t.form


def _korean_declarative(tokens: list[Any], r: CueResult) -> None:
    """News announces plans in the plain non-past: '공급을 확대한다'."""
    efs = [i for i, t in enumerate(tokens) if t.tag == "EF" and t.sub == 0]
    if not efs:
        return
    i = efs[-1]
    if tokens[i].form not in ("ᆫ다", "는다", "ᆸ니다", "습니다", "다"):
        return
    j = i - 1
    if j >= 0 and tokens[j].tag == "EP":
        return  # 었/았/겠: past (겠 is handled on its own)
    if (
        j >= 0
        and tokens[j].tag in ("VCP", "VA", "VX")
        or tokens[i].form == "다"
        and (j >= 0 and tokens[j].tag != "XSV")
    ):
        return  # copula, adjective: a description
    passive = j >= 0 and tokens[j].form == "되"
    stem, is_action = _pred_before(tokens, i)
    if stem in EVENT_NOUNS:
        return
    if is_action:
        r.add("declarative", 0.35 if passive else 0.4)
        r.action = r.action or stem


_NONPAST_ADNOMINAL = ("ᆫ다는", "는다는", "다는", "는")
_REPORTED_EC = ("ᆫ다고", "는다고", "다고")
_REPORTING_STEMS = frozenset(
    ["말하", "밝히", "강조하", "설명하", "전하", "덧붙이", "말", "강조", "설명", "언급",
     "발표", "소개", "답하", "주장", "약속", "공언", "천명", "하", "보고", "예고"]
)  # fmt: skip


def _next_predicate(tokens: list[Any], i: int, span: int = 10) -> int | None:
    """Index of the first predicate stem after i (VV/VA, or NNG before XSV)."""
    n = len(tokens)
    for j in range(i + 1, min(n, i + 1 + span)):
        t = tokens[j]
        if t.tag.startswith(("VV", "VA", "VX")):
            return j
        if t.tag == "XSV" and tokens[j - 1].tag == "NNG":
            return j - 1
        if t.tag in ("EF", "EC", "ETM") or t.tag == "VCP":
            return None
    return None


def _stem(tokens: list[Any], j: int) -> str:
    t = tokens[j]
    if t.tag == "NNG" and j + 1 < len(tokens) and tokens[j + 1].form in ("하", "되"):
        return t.form
    return t.form


def _ends_sentence(tokens: list[Any], j: int) -> bool:
    """From predicate j: optional suffix/past, then a final ending or a report
    ("…했다고 밝혔다")."""
    n = len(tokens)
    k = j + 1
    while (
        k < n
        and tokens[k].tag in ("XSV", "EP", "VX")
        or (k < n and tokens[k].tag == "EC" and tokens[k].form in ("어", "아", "고"))
    ):
        k += 1
    if k >= n:
        return False
    t = tokens[k]
    if t.tag == "EF" and not (k + 1 < n and tokens[k + 1].tag == "JKQ"):
        return True
    if t.tag == "EF":
        k += 1  # 다/EF 고/JKQ: a report like 다고/EC
    elif t.tag != "EC" or t.form not in _REPORTED_EC:
        return False
    nxt = _next_predicate(tokens, k, span=4)
    return nxt is not None and _stem(tokens, nxt) in _REPORTING_STEMS


def _korean_noun_plan(tokens: list[Any], r: CueResult) -> None:
    """A plan stated as a noun over a non-past clause: '…공급한다는 계획이다',
    '…하는 게 목표다', '…늘린다는 포부를 밝혔다'."""
    n = len(tokens)
    for i, t in enumerate(tokens):
        if t.tag != "ETM" or t.form not in _NONPAST_ADNOMINAL or i == 0:
            continue
        if tokens[i - 1].tag == "EP":
            continue  # 었/겠 + 다는: past, or the 겠 rule's business
        stem, is_action = _pred_before(tokens, i)
        if not is_action:
            continue
        # the head noun, possibly after a modifier noun ("실행 계획") or 것이
        j = i + 1
        while j < n and tokens[j].tag == "NNG" and tokens[j].form not in PLAN_NOUNS:
            j += 1
            if j - i > 3:
                break
        if (
            j + 2 < n
            and tokens[j].form == "것"
            and tokens[j + 1].tag == "JKS"
            and tokens[j + 2].form == "목표"
        ):
            j += 2
        if j >= n or tokens[j].tag != "NNG" or tokens[j].form not in PLAN_NOUNS:
            continue
        head = tokens[j].form
        nxt = tokens[j + 1] if j + 1 < n else None
        if t.form == "는":
            # plain adnominal: the plan noun must be the predicate or the object
            # of a reporting / adopting verb
            if nxt is None:
                continue
            if nxt.tag == "VCP":
                pass
            elif nxt.tag == "JKO":
                p = _next_predicate(tokens, j + 1, span=4)
                if p is None or _stem(tokens, p) not in (
                    _REPORTING_STEMS | ADOPTION_PREDICATES | {"담", "갖"}
                ):
                    continue
            else:
                continue
        r.add(f"-ㄴ다는 {head}", 0.5)
        if r.action is None:
            r.action = stem


def _korean_reported(tokens: list[Any], r: CueResult) -> None:
    """Reported plan under a past matrix verb: '…공급한다고 밝혔다'."""
    for i, t in enumerate(tokens):
        if i == 0:
            continue
        # Kiwi reads "만든다고" as 다/EC or as 다/EF + 고/JKQ
        quoted = (
            t.tag == "EF"
            and t.form in ("ᆫ다", "는다", "다")
            and i + 1 < len(tokens)
            and tokens[i + 1].tag == "JKQ"
        )
        if not quoted and (t.tag != "EC" or t.form not in _REPORTED_EC):
            continue
        if tokens[i - 1].tag in ("EP", "VCP", "VA", "VX"):
            continue  # 했다고: past report; 이라고/크다고: description
        if tokens[i - 1].form == "되" and t.form == "다고":
            continue
        nxt = _next_predicate(tokens, i + 1 if quoted else i, span=4)
        if nxt is None or _stem(tokens, nxt) not in _REPORTING_STEMS:
            continue
        stem, is_action = _pred_before(tokens, i)
        if stem in EVENT_NOUNS or not is_action:
            continue
        r.add("-ㄴ다고 밝혔다", 0.45)
        r.action = r.action or stem


def _anaphoric(tokens: list[Any], i: int) -> bool:
    """The noun at i is determined by a demonstrative ('이 같은 내용의 계획',
    '이러한 전략', '이번 대책'): it refers back to a plan already reported."""
    for t in tokens[max(0, i - 6) : i]:
        if (t.tag == "MM" and t.form in ("이", "그", "이런", "그런", "이번")) or (
            t.tag in ("XR", "NP") and t.form in ("이러", "그러", "이")
        ):
            return True
        if t.form in ("이번", "해당") and t.tag == "NNG":
            return True
    return False


def _korean_adoption(tokens: list[Any], r: CueResult) -> None:
    """Adopting a plan document is the announcement ('…목표를 N로 설정했다',
    '…계획을 마련했다고 밝혔다', '…전략을 의결했다'); so is holding a goal
    ('목표를 갖고 있다')."""
    n = len(tokens)
    for i, t in enumerate(tokens[:-1]):
        if t.tag != "NNG" or t.form not in PLAN_DOCUMENTS:
            continue
        k = i + 1
        while k < n and tokens[k].tag in ("SSC", "SW"):
            k += 1
        if k >= n or tokens[k].tag != "JKO":
            continue
        p = _next_predicate(tokens, k, span=10)
        if p is None:
            continue
        stem = _stem(tokens, p)
        if stem == "갖" and p + 2 < n and tokens[p + 2].form == "있":
            r.add("목표를 갖고 있다", 0.45)
            continue
        # "심의·의결": the last of coordinated verbal nouns is the predicate
        q = p
        while q + 2 < n and tokens[q + 1].tag == "SP" and tokens[q + 2].tag == "NNG":
            q += 2
        stem = tokens[q].form
        if stem in ADOPTION_PREDICATES and _ends_sentence(tokens, q):
            if _anaphoric(tokens, i):
                continue  # "이 같은 내용의 계획을 발표했다": the event, not the plan
            r.add(f"{t.form} {stem}", 0.35)


# Inline list markers of Korean news copy: "주요 내용은 ▲A 확충 ▲B 신설 등이다".
ITEM_MARKERS = "▲△■□◆◇○●"


def _korean_plan_items(text: str, tokens: list[Any], r: CueResult) -> None:
    """A sentence listing a plan's items: two or more marked items that each
    end on an action noun ("…1500대 조기 폐차", "…2개 노선 신설")."""
    marks = [i for i, ch in enumerate(text) if ch in ITEM_MARKERS]
    if len(marks) < 2:
        return
    bounds = [*marks, len(text)]
    actions: list[str] = []
    for lo, hi in zip(bounds, bounds[1:], strict=False):
        words = [
            t
            for t in tokens
            if lo < t.start < hi and not t.tag.startswith(("S", "J", "E", "VCP"))
        ]
        # "…확충 등이다": the list closes with 등; the item ends before it
        while words and words[-1].form in ("등", "것"):
            words.pop()
        if words and words[-1].tag == "NNG" and words[-1].form in ACTION_NOUNS:
            actions.append(words[-1].form)
    if len(actions) >= 2:
        r.add("plan items", 0.55)
        r.action = r.action or actions[-1]


def _korean_headline(tokens: list[Any], r: CueResult) -> None:
    content = [t for t in tokens if not t.tag.startswith(("S", "J"))]
    if not content:
        return
    last = content[-1]
    if last.tag == "NNG" and last.form in ACTION_NOUNS:
        r.add("headline", 0.4)
        r.action = r.action or last.form
    elif last.tag in ("EC", "EF") and len(content) >= 2:
        stem = content[-2].form
        if stem in ("내걸", "추진", "발표", "밝히", "제시"):
            nouns = [
                t.form for t in content if t.tag == "NNG" and t.form in ACTION_NOUNS
            ]
            if nouns:
                r.add("headline", 0.35)
                r.action = r.action or nouns[-1]

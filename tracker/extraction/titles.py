"""Short editor-style titles: 'AI 인재 연 1만명 배출', '1.5 million new homes by 2029'."""

from __future__ import annotations

import re
from typing import Any

from .cues import ITEM_MARKERS
from .lexicon import ACTION_NOUNS, EN_ACTION_VERBS
from .records import TargetSpec

MAX_TITLE = 60


def _shorten(s: str, limit: int = MAX_TITLE) -> str:
    s = re.sub(r"\s+", " ", s).strip(" ,.·…\"'“”‘’")
    if len(s) <= limit:
        return s
    cut = s.rfind(" ", 0, limit)
    return s[: cut if cut > 10 else limit].rstrip(" ,") + "…"


# Where a title word may start: after whitespace or punctuation, as an editor
# (and the title lint) reads a word of the quote.
# list markers (▲ item) open a word too
_WORD_BREAK = set(" \t\n\u00a0…'‘’“”\"()[]{},.·:;!?«»<>「」『』-–—/") | set(
    ITEM_MARKERS
)
_NP_TAGS = ("NNG", "NNP", "SL", "SH", "XSN", "XPN", "NNB", "SN", "NR")
_NP_JOINERS = {"·", "~", "-", "&", "+"}
# Support nouns of light-verb phrases: "보급에 속도를 내다" is about 보급.
_MONEY_UNITS = {"원", "KRW", "달러", "USD", "유로", "EUR", "엔"}
_SUPPORT_NOUNS = {
    "속도", "박차", "힘", "총력", "고삐", "드라이브", "노력", "역량", "주력", "만전", "전력",
    "초점", "기반", "발판", "토대", "길", "문",
}  # fmt: skip
# Words that open a phrase but name nothing: degree, time, sequence.
_LEADING_FILLERS = {
    "총", "약", "최대", "최소", "연간", "연평균", "매년", "각각", "올해", "내년", "현재",
    "이날", "향후", "우선", "또", "또한", "먼저", "특히", "이를", "이",
}  # fmt: skip


def _at_word_start(text: str, pos: int) -> bool:
    return pos == 0 or text[pos - 1] in _WORD_BREAK or text[pos - 1].isspace()


def _np_ending_at(tokens: list[Any], text: str, j: int, max_words: int = 4) -> str:
    """The noun phrase of whole words ending with token j ('' if none).

    Joined by ·, ~ and brackets as written ("서울~세종 고속도로",
    "AI 연구·개발(R&D)"); leading fillers (총, 약, 올해) dropped."""
    if j < 0 or j >= len(tokens):
        return ""
    end_tok = j
    if tokens[j].tag == "SSC" and tokens[j].form == ")":
        k = j - 1
        while k > 0 and tokens[k].tag != "SSO" and j - k < 8:
            k -= 1
        if tokens[k].form != "(" or k == 0:
            return ""
        j = k - 1
    if tokens[j].tag not in ("NNG", "NNP", "SL", "SH", "XSN", "NNB"):
        return ""
    first = j
    words = 1
    while first > 0:
        prev = tokens[first - 1]
        gap = text[prev.end : tokens[first].start]
        joined = prev.tag in _NP_TAGS or (prev.form in _NP_JOINERS and not gap)
        if not joined or (gap and not gap.isspace()):
            break
        if gap:
            words += 1
            if words > max_words:
                break
        first -= 1
    # start on a word boundary, never inside a word
    while first <= j and not _at_word_start(text, tokens[first].start):
        first += 1
    if first > j:
        return ""
    phrase = text[tokens[first].start : tokens[end_tok].end]
    ws = phrase.split()
    while ws and (ws[0] in _LEADING_FILLERS or re.fullmatch(r"[\d.,]+\S*", ws[0])):
        ws.pop(0)
    for n in range(len(ws) - 1, 0, -1):
        if ws[n - 1] in ACTION_NOUNS:
            ws = ws[n:]  # "2.2조 투입 융복합 산업인력": a new phrase begins
            break
    return " ".join(ws).strip(" ·~-")


def _is_predicate(tokens: list[Any], i: int) -> bool:
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    return nxt is None or nxt.tag in ("XSV", "SP", "SF", "SE") or nxt.form == "되"


def _object_of(tokens: list[Any], text: str, act: int) -> tuple[str, int]:
    """The 을/를 object nearest before the predicate at index act."""
    for i in range(min(act, len(tokens)) - 1, 0, -1):
        t = tokens[i]
        if t.tag in ("EF",) or (t.tag == "EC" and i < act - 3 and t.form != "고"):
            break
        if t.tag == "JKO":
            j = i - 1
            if tokens[j].tag == "SSC" and tokens[j].form != ")":
                k = j - 1
                while k > 0 and tokens[k].tag != "SSO" and j - k < 10:
                    k -= 1
                if tokens[k].tag == "SSO" and k + 1 <= j - 1:
                    return text[tokens[k + 1].start : tokens[j - 1].end], k
            return _np_ending_at(tokens, text, j), j
    return "", -1


def _np_before(tokens: list[Any], text: str, pos: int) -> str:
    """The noun phrase naming what a quantity at offset pos counts:
    "AI인력 1000명", "주택 80만호", "AI 투자가 (2027년까지 총) 65조원",
    "AI 연구·개발(R&D)에 5년간 총 2조원"."""
    idx = next((i for i, t in enumerate(tokens) if t.start >= pos), len(tokens))
    i = idx - 1
    # skip a deadline or duration and degree words between phrase and number
    while i >= 0:
        t = tokens[i]
        if t.form in _LEADING_FILLERS or t.tag in ("SN", "NNB", "NR", "MAG", "MM"):
            i -= 1
            continue
        if t.tag in ("JX", "JKB") and t.form in (
            "까지",
            "부터",
            "간",
            "동안",
            "에",
            "에서",
        ):
            prev = tokens[i - 1] if i else None
            if prev is not None and (
                prev.tag in ("SN", "NNB", "NR") or prev.form in _LEADING_FILLERS
            ):
                i -= 1
                continue
        if t.form in ("간", "동안", "년간", "기간", "첫해", "해", "다음"):
            i -= 1
            continue
        break
    if i < 0:
        return ""
    t = tokens[i]
    from .owners import classify_ko

    if t.tag in ("JKS", "JX", "JKB", "JKG") and t.form in (
        "이", "가", "은", "는", "에", "의", "도",
    ):  # fmt: skip
        i -= 1
    np = _np_ending_at(tokens, text, i)
    if not np or classify_ko(np) is not None:
        return ""  # an actor ("서울시는 1650억원을") is not what is counted
    # "AI 도입률은 산업 70%": the topic right before names the measure
    start = text.rfind(np, 0, tokens[i].end)
    k = max((n for n, x in enumerate(tokens) if x.end <= start), default=-1)
    if (
        k > 0
        and tokens[k].tag in ("JX", "JKS")
        and tokens[k].form in ("은", "는", "이", "가")
        and len(np.split()) == 1
    ):
        topic = _np_ending_at(tokens, text, k - 1)
        if topic and classify_ko(topic) is None:
            return f"{topic} {np}"
    return np


def _np_after_quantity(tokens: list[Any], text: str, pos: int) -> str:
    """ "3000억원 규모의 AI 전용펀드를": the thing the quantity measures."""
    idx = next((i for i, t in enumerate(tokens) if t.start >= pos), len(tokens))
    k = idx
    if k < len(tokens) and tokens[k].form in ("규모", "상당", "수준"):
        k += 1
    if k < len(tokens) and tokens[k].tag == "JKG":
        k += 1
        e = k
        while e + 1 < len(tokens) and tokens[e + 1].tag in _NP_TAGS:
            e += 1
        if e < len(tokens) and tokens[e].tag in ("NNG", "NNP", "SL"):
            return _np_ending_at(tokens, text, e)
    return ""


def _named_thing(text: str) -> str:
    """A name in quotation marks: ‘서울비전2030’, '모빌리티 허브'."""
    m = re.search(r"[‘'“\"]([^’'”\"]{2,30})[’'”\"]", text)
    return m.group(1).strip() if m else ""


def _topic_thing(tokens: list[Any], text: str, before: int) -> str:
    """A topic that is a thing, not an actor: "대구권 광역철도는 … 완공한다"."""
    from .owners import classify_ko

    for i, t in enumerate(tokens[:before]):
        if t.tag in ("JX",) and t.form in ("은", "는", "도") and i:
            np = _np_ending_at(tokens, text, i - 1)
            if np and classify_ko(np) is None:
                return np
    return ""


def _has_content(phrase: str, unit: str | None) -> bool:
    words = [w for w in re.split(r"[\s·~]+", phrase) if w]
    return any(not re.match(r"[\d.,]", w) and w != unit for w in words)


def korean_title(
    text: str, tokens: list[Any], action: str | None, targets: list[TargetSpec]
) -> str:
    """Object, quantity and action, every word as written in the quote:
    "AI 인재 연 1만명 배출", "국가 AI컴퓨팅 센터 최대 2조원 구축"."""
    free = [t for t in targets if t.component_of is None]
    # a total reads better than its yearly average ("80만 가구" over "연 8만")
    main = next((t for t in free if t.period is None), free[0] if free else None)
    qpos = -1
    if main is not None and main.text and main.text in text:
        qpos = text.index(main.text)
    # the predicate: an action noun used as a verb ("공급한다", "신설, ...")
    act = -1
    # qpos >= 0 only when main was found; saying so lets the type checker see it.
    if main is not None and qpos >= 0:
        for i, t in enumerate(tokens):
            if (
                t.start >= qpos + len(main.text or "")
                and t.tag == "NNG"
                and t.form in ACTION_NOUNS
                and _is_predicate(tokens, i)
            ):
                act = i
                break
    if act < 0 and action:
        act = next(
            (
                i
                for i, t in enumerate(tokens)
                if t.form == action and t.tag == "NNG" and t.start > qpos
            ),
            -1,
        )
    if act < 0:
        act = next(
            (
                i
                for i, t in enumerate(tokens)
                if t.tag == "NNG"
                and t.form in ACTION_NOUNS
                and _is_predicate(tokens, i)
                and t.start > qpos
            ),
            -1,
        )
    verb_at = -1
    if act < 0 and action:
        verb_at = next((i for i, t in enumerate(tokens) if t.form == action), -1)
    pred = tokens[act].form if act >= 0 else None
    if pred is not None and not _at_word_start(text, tokens[act].start):
        # "세종~청주 고속도로를 건설" keeps 건설; "재정지원" never yields "지원"
        pred = None

    unit = main.unit if main is not None else None
    anchor = act if act >= 0 else (verb_at if verb_at >= 0 else len(tokens))
    obj, obj_at = _object_of(tokens, text, anchor)
    if (
        qpos >= 0
        and obj_at >= 0
        and any(t.tag == "EC" for t in tokens[obj_at:] if t.end <= qpos)
    ):
        obj, obj_at = "", -1  # an object of an earlier clause
    if obj in _SUPPORT_NOUNS and obj_at > 0:
        # "재생에너지 보급에 속도를 낸다": the phrase before 에/의 is the subject
        k = obj_at - 1
        while k > 0 and tokens[k].tag in ("SN", "NNB"):
            k -= 1
        obj = ""
        if tokens[k].tag in ("JKB", "JKG") and tokens[k].form in ("에", "의"):
            obj = _np_ending_at(tokens, text, k - 1)
    if obj and main is not None and main.text and main.text in obj:
        obj = obj.replace(main.text, "").strip()
    if obj and not _has_content(obj, unit):
        obj = ""
    if not obj and main is not None and qpos >= 0:
        obj = (
            _np_before(tokens, text, qpos)
            or _np_after_quantity(tokens, text, qpos + len(main.text))
            or ""
        )
        if obj and not _has_content(obj, unit):
            obj = ""
        if not obj and unit in _MONEY_UNITS:
            # "N원을 투입해 X를 …": the money goes to X
            later = [i for i, t in enumerate(tokens) if t.start > qpos]
            for i in later:
                if tokens[i].tag == "JKO" and i > later[0] + 2:
                    cand = _np_ending_at(tokens, text, i - 1)
                    if cand and _has_content(cand, unit):
                        obj = cand
                        break
    if not obj and act >= 0:
        # a headline's bare noun phrase before its deadline and action:
        # "서울~세종 고속도로 2024년까지 건설"
        obj = _np_before(tokens, text, tokens[act].start)
        if obj and not _has_content(obj, unit):
            obj = ""
    if not obj:
        # a predicate with no object of its own: "X도 구성해 운영", "X는 완공"
        obj = _topic_thing(tokens, text, anchor)
    if not obj:
        obj = _named_thing(text)
    if obj:
        obj = re.sub(r"[\s·~]+$", "", obj)

    parts: list[str] = []
    if obj:
        parts.append(obj)
    if main is not None and main.text:
        qty = main.text
        if (
            main.period == "per year"
            and not qty.startswith(("연", "매년"))
            and re.search(r"(?:^|\s)연", text)
        ):
            qty = "연 " + re.sub(r"^총\s*", "", qty)
        if obj and main.text in obj:
            qty = ""
        elif obj and obj in qty:
            parts.remove(obj)  # the quantity's text already names its object
        qty = re.sub(r"^(연\s*)?총\s*", r"\1", qty)
        parts.append(qty)
    if pred and pred not in " ".join(parts):
        parts.append(pred)
    title = " ".join(p for p in parts if p)
    if not title:
        title = _np_before(tokens, text, len(text)) or text
    return _shorten(title)


_EN_TITLE_STOP = (
    r"(?:a|an|the|by|in|to|for|and|or|per|each|every|over|from|at|on|with|"
    r"within|across|this|that|which|who|will|would|is|are|was|were|year|years)"
)
_EN_OF_OBJECT = re.compile(
    rf"\s+of\s+((?:(?!{_EN_TITLE_STOP}\b)[A-Za-z][\w-]*\s+){{0,3}}"
    rf"(?!{_EN_TITLE_STOP}\b)[A-Za-z][\w-]*)"
)


def _base_verb(word: str) -> str | None:
    """'building' -> 'build', 'creates' -> 'create', 'planning' -> 'plan':
    the lexicon verb a word is a form of, if any."""
    w = word.lower()
    forms = [w]
    if w.endswith("ing"):
        stem = w[:-3]
        forms += [stem, stem + "e"]
        if len(stem) > 2 and stem[-1] == stem[-2]:
            forms.append(stem[:-1])  # planning, cutting
    elif w.endswith("s"):
        forms.append(w[:-1])
    return next((f for f in forms if f in EN_ACTION_VERBS), None)


def _verb_before(text: str, at: int) -> str | None:
    """The action verb just before a figure ("to building 20,000 homes",
    "will plant 56 million trees"), allowing a quantifier between."""
    words = re.findall(r"[A-Za-z]+", text[max(0, at - 40) : at])
    for back, word in enumerate(reversed(words[-4:])):
        verb = _base_verb(word)
        if verb is not None:
            return verb
        if back >= 1 and word.lower() not in ("least", "up", "to", "another", "a", "further", "an", "extra", "more", "at", "than"):  # fmt: skip
            return None
    return None


_EN_SETUP_BASE = {
    "set up": "Set up", "established": "Establish", "created": "Create",
    "launched": "Launch", "opened": "Open", "built": "Build", "founded": "Found",
}  # fmt: skip
_EN_PASSIVE_SETUP = re.compile(
    r"\b(?P<thing>(?:an?|one|the)\s+(?:[\w-]+\s+){0,4}?[\w-]+)\s+will\s+(?:also\s+)?be\s+"
    r"(?:also\s+)?(?P<verb>set\s+up|established|created|launched|opened|built|founded)\b",
    re.I,
)


def english_title(
    text: str, targets: list[TargetSpec], deadline_text: str | None
) -> str:
    # "A new housing delivery unit will be set up …": what is set up, named
    passive = _EN_PASSIVE_SETUP.search(text)
    if passive:
        verb = _EN_SETUP_BASE[re.sub(r"\s+", " ", passive.group("verb").lower())]
        thing = passive.group("thing")
        thing = re.sub(r"^(An?|One|The)\b", lambda a: a.group(1).lower(), thing)
        return _shorten(f"{verb} {thing}", 60)
    main = next((t for t in targets if t.component_of is None and t.text), None)
    if main is not None and main.unit and not main.unit.isupper() and main.unit != "%":
        title = main.text
        # what is counted, when the unit is followed by it: "18,000 hectares
        # of new woodland", "£2bn of investment"
        at = text.find(main.text)
        of = _EN_OF_OBJECT.match(text[at + len(main.text) :]) if at >= 0 else None
        if of:
            title += f" of {of.group(1)}"
        if main.period:
            title += f" {main.period}"
        if deadline_text:
            title += f" {deadline_text}"
        lead = _verb_before(text, at) if at >= 0 else None
        if lead is not None:
            title = f"{lead} {title}"
        return _shorten(title[0].upper() + title[1:])
    m = re.search(
        r"\b(?:will(?:\s+also)?(?:\s+continue\s+to)?|plans?\s+to|aims?\s+(?:to|at)|"
        r"pledged?\s+to|vowed\s+to|promised\s+to|committed\s+to|going\s+to|to)\s+"
        r"((?:be\s+)?[a-z](?:[^,.;:]|[.,](?=\d)){3,80})",
        text,
    )
    phrase = m.group(1) if m else text
    phrase = re.sub(r"^be\s+", "", phrase)
    return _shorten(phrase[0].upper() + phrase[1:], 50)

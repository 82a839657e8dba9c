"""Quantities in sentences: the shared record and the Korean reader
(English figures are read by english_numbers.py).

Only digit sequences and a closed list of number words are read: a number is
never taken out of an ordinary word (가구 is not 9, 공급 is not 0). Dates,
ordinals, floors, ages and plan labels (2030년, 민선 8기, 제1차, 16대 전략) are
not quantities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .lexicon import ACTION_NOUNS

PER_YEAR = "per year"
PER_MONTH = "per month"


@dataclass
class Quantity:
    value: float
    unit: str
    start: int  # offsets inside the sentence; start..end covers number + unit
    end: int
    text: str
    period: str | None = None
    baseline: float | None = None
    qualifier: str | None = None  # 총 / 최대 / 약 / 이상 / up to ...


def clean_value(v: float) -> float:
    return float(round(v)) if abs(v - round(v)) < 1e-9 else v


# --- Korean -----------------------------------------------------------------

NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_KO_MAG = "조억만천백십"
# "2천억", "3백만": a small magnitude may precede a big one
_KO_EXPR = re.compile(
    rf"(?<![\w.,])(?:{NUM}(?:[십백천]?[만억조](?: (?=\d))?|[십백천])?)+(?![\d])"
)
_KO_PART = re.compile(rf"({NUM})([십백천]?)([만억조]?)")
_SMALL = {"천": 1e3, "백": 1e2, "십": 1e1}
_BIG = {"만": 1e4, "억": 1e8, "조": 1e12}

# Counters after which the number is a date, an ordinal, an age, a floor or a
# duration: never a target.
_KO_NOT_TARGET = (
    "년", "월", "일", "시", "분", "초", "층", "세", "살", "차", "기", "번째", "호선",
    "주년", "주", "개월", "학년", "등", "회째", "박", "시간", "라운드", "번지", "대책",
)  # fmt: skip
_KO_COUNTERS = (
    "가구", "세대", "명", "호", "원", "달러", "유로", "엔", "위안", "파운드", "개소",
    "개사", "개국", "개교", "개", "곳", "대", "건", "배", "톤", "그루", "위", "채",
    "동", "척", "편", "종", "회", "점", "팀", "퍼센트", "%", "％", "만t", "t", "kW",
    "MW", "GW", "kWh", "MWh", "GWh", "km", "㎞", "m", "㎡", "㎢", "ha", "평", "석",
    "병상", "필지", "면", "기관", "단지", "쌍", "마리", "권", "학급", "노선", "km2",
    "%p", "%포인트", "포인트", "조원", "억원", "만원", "㎍/㎥", "㎍", "μg/㎥",
)  # fmt: skip
# Particles that may follow a counter noun ("3장을", "5곳에").
_JOSA = re.compile(
    r"(?:으로|에서|까지|부터|이상|이하|씩|을|를|이|가|은|는|의|에|로|와|과|도|만)$"
)
# N대 + these nouns is a plan label (16대 전략), not a count.
_LABEL_NOUNS = (
    "전략", "과제", "정책", "공약", "비전", "목표", "약속", "프로젝트", "사업",
    "원칙", "방향", "혁신", "핵심", "추진", "중점", "분야별", "강국", "국정",
)  # fmt: skip
# "연평균 설비용량 6GW": up to two bare nouns may stand between period and figure
_KO_PERIOD_BEFORE = re.compile(
    r"(?:^|[\s(\[,])(연(?=[\s\d])|연간|연평균|매년|해마다|한 해|1년에|매해|월(?=[\s\d])|"
    r"월간|월평균|매월|매달)"
    r"\s*(?:[가-힣]{1,5}(?<![을를이가은는의에로도와과])\s+){0,2}"
    r"(?:약|총|최대|평균|최소)?\s*$"
)
# N개 과제: the count of a plan's components, not a target
_KO_COMPONENTS_AFTER = re.compile(r"^(?:의)?\s*(?:[가-힣·]+\s){0,3}[가-힣·]*과제")
_KO_RATIO = re.compile(r"(?<![\d.])(\d{1,3})\s?대\s?(\d{1,3})(?![\d만억조천백])")
_KO_FRACTION = re.compile(r"(?<![\d.])(\d+)\s?분의\s?(\d+)(?![\d])")
_KO_ZERO = re.compile(
    r"(?<![가-힣A-Za-z])(?:([가-힣]+)\s)?제로(?=[를로가이화는도\s,.]|$)"
)
_KO_QUAL_BEFORE = re.compile(r"(총|최대|약|누적|최소|평균|연평균)\s*$")
_KO_QUAL_AFTER = re.compile(r"^\s*(이상|이하|여|가량|정도|안팎|미만|초과|내외)")
_KO_BASELINE_BETWEEN = re.compile(r"^\s*(?:에서|→|->|⇒|~에서|에서부터)\s*$")
_KO_YEAR_BASELINE = re.compile(r"(\d{4})년\s*(?:대비|比|보다)\s*$")


def parse_korean_number(expr: str) -> float:
    """'48조6888억' -> 48_688_800_000_000; '3천500만' -> 35_000_000."""
    total = 0.0
    section = 0.0
    for num, small, big in _KO_PART.findall(expr):
        section += float(num.replace(",", "")) * _SMALL.get(small, 1.0)
        if big:
            total += section * _BIG[big]
            section = 0.0
    return clean_value(total + section)


def _counts_units(word: str, tokens: list[Any] | None, offset: int | None) -> bool:
    """ "N기" counts machines or facilities ("충전기 5000기를", "원전 2기 건설")
    when a particle or a predicate follows; before a noun it is a term or a
    generation ("1기 신도시", "민선 8기 공약") and no target."""
    if not word.startswith("기") or tokens is None or offset is None:
        return False
    at = next((i for i, t in enumerate(tokens) if t.start == offset), None)
    if at is None or tokens[at].form != "기":
        return False
    if at + 1 >= len(tokens):
        return True  # the sentence ends on the count
    nxt = tokens[at + 1]
    return nxt.tag.startswith(("JK", "JX", "VV", "SF", "SP")) or (
        nxt.tag == "NNG" and nxt.form in ACTION_NOUNS
    )


def _ko_unit(
    after: str,
    expr: str,
    tokens: list[Any] | None = None,
    offset: int | None = None,
) -> tuple[str, int] | None:
    """Return (unit, length consumed) for the text right after the number."""
    m = re.match(r"\s?([가-힣A-Za-z%％㎞㎡㎢㎍㎥μ/]+)", after)
    if not m:
        return None
    word = m.group(1)
    gap = m.start(1)
    if gap == 0 and _counts_units(word, tokens, offset):
        return "기", 1
    for bad in _KO_NOT_TARGET:
        if word.startswith(bad):
            return None
    if word.startswith("대") and gap == 0:
        small = (
            not re.search(r"[만억조천]", expr)
            and float(re.sub(r"[^\d.]", "", expr) or 0) < 100
        )
        if small:
            if re.match(r"대(?:를|가|는|와|과|의|에|로|씩|도)(?![가-힣])", after[gap:]):
                return "대", gap + 1  # "12대를": vehicles, machines
            rest = re.match(r"대\s?([가-힣]+)", after[gap:])
            noun = rest.group(1) if rest else ""
            if not noun or noun.startswith(_LABEL_NOUNS):
                return None
            # "8대 산업": a counted set of domains, the noun is the unit
            noun = re.sub(r"(별|을|를|의|에|은|는|이|가)$", "", noun)
            return noun, gap + 1
    for unit in sorted(_KO_COUNTERS, key=len, reverse=True):
        if word.startswith(unit):
            return unit, gap + len(unit)
    if gap == 0 and tokens is not None and offset is not None:
        # any counter noun Kiwi reads right after the number ("3장", "12량")
        tok = next((t for t in tokens if t.start == offset), None)
        if (
            tok is not None
            and tok.tag in ("NNB", "NNG")
            and 1 <= len(tok.form) <= 3
            and re.fullmatch(r"[가-힣]+", tok.form)
            and not tok.form.startswith(_KO_NOT_TARGET)
        ):
            return tok.form, len(tok.form)
    if gap == 0 and tokens is None:
        core = _JOSA.sub("", word)
        if 1 <= len(core) <= 2 and re.fullmatch(r"[가-힣]+", core):
            return core, len(core)
    return None


def _ko_special(sentence: str) -> tuple[list[Quantity], list[tuple[int, int]]]:
    """Ratios ('6대 4' -> shares of 60% and 40%), fractions ('3분의 1' -> 33.3%)
    and the loanword zero ('순배출 제로' -> 0)."""
    out: list[Quantity] = []
    spans: list[tuple[int, int]] = []
    for m in _KO_RATIO.finditer(sentence):
        a, b = int(m.group(1)), int(m.group(2))
        if a + b not in (10, 100) or not a or not b:
            continue
        after = sentence[m.end() : m.end() + 1]
        if re.match(r"[가-힣]", after) and not re.match(r"[정수의로으]", after):
            continue  # "3대 2명": counts, not a ratio
        for share in (a, b):
            out.append(
                Quantity(
                    clean_value(100.0 * share / (a + b)),
                    "%",
                    m.start(),
                    m.end(),
                    sentence[m.start() : m.end()],
                )
            )
        spans.append((m.start(), m.end()))
    for m in _KO_FRACTION.finditer(sentence):
        den, num = int(m.group(1)), int(m.group(2))
        if not den or num > den:
            continue
        out.append(
            Quantity(
                clean_value(round(100.0 * num / den, 2)),
                "%",
                m.start(),
                m.end(),
                m.group(0),
            )
        )
        spans.append((m.start(), m.end()))
    for m in _KO_ZERO.finditer(sentence):
        out.append(Quantity(0.0, m.group(1) or "", m.start(), m.end(), m.group(0)))
    return out, spans


def korean_quantities(sentence: str, tokens: list[Any] | None = None) -> list[Quantity]:
    """Quantities in a Korean sentence; with Kiwi tokens (offsets local to the
    sentence), any counter noun right after a number is read as its unit."""
    special, taken = _ko_special(sentence)
    found: list[Quantity] = []
    for m in _KO_EXPR.finditer(sentence):
        if any(a <= m.start() < b for a, b in taken):
            continue
        expr = m.group(0)
        prev = sentence[max(0, m.start() - 1) : m.start()]
        if prev and re.match(r"[A-Za-z\-+/]", prev):
            continue  # part of a code or a name (COVID-19, GPT4, AI+X)
        if re.search(r"제\s?$", sentence[max(0, m.start() - 2) : m.start()]):
            continue  # 제1차: ordinal
        unit = _ko_unit(sentence[m.end() :], expr, tokens, m.end())
        if unit is None:
            continue
        name, used = unit
        if name == "개" and _KO_COMPONENTS_AFTER.match(sentence[m.end() + used :]):
            continue  # 67개의 중점 추진과제: how a plan is organised
        end = m.end() + used
        value = parse_korean_number(expr)
        if name in ("조원", "억원", "만원"):
            value = clean_value(value * _BIG[name[0]])
            name = "원"
        elif name == "만t":
            value = clean_value(value * 1e4)
            name = "t"
        before = sentence[max(0, m.start() - 24) : m.start()]
        period = None
        pm = _KO_PERIOD_BEFORE.search(before)
        if pm:
            period = (
                PER_MONTH
                if pm.group(1).startswith(("월", "매월", "매달"))
                else PER_YEAR
            )
        qual = None
        qm = _KO_QUAL_BEFORE.search(before)
        start = m.start()
        if qm:
            qual = qm.group(1)
            start = m.start() - (len(before) - qm.start(1))
        qa = _KO_QUAL_AFTER.match(sentence[end:])
        text_end = end
        if qa:
            qual = qa.group(1) if qual is None else f"{qual} {qa.group(1)}"
            text_end = end + qa.end()
        if period and pm is not None:
            start = min(start, m.start() - (len(before) - pm.start(1)))
        yb = _KO_YEAR_BASELINE.search(sentence[max(0, m.start() - 12) : m.start()])
        found.append(
            Quantity(
                value=value,
                unit=name,
                start=start,
                end=text_end,
                text=sentence[start:text_end],
                period=period,
                baseline=float(yb.group(1)) if yb else None,
                qualifier=qual,
            )
        )
    found = fold_baselines(found, sentence, _KO_BASELINE_BETWEEN)
    if special:
        found = sorted(found + special, key=lambda q: q.start)
    return found


def fold_baselines(
    found: list[Quantity], sentence: str, between: re.Pattern[str]
) -> list[Quantity]:
    """'17위에서 5위로', 'from 20,000 to 220,000': the first is a baseline."""
    out: list[Quantity] = []
    for q in found:
        if out:
            prev = out[-1]
            gap = sentence[prev.end : q.start]
            same = prev.unit == q.unit or not prev.unit
            if same and between.match(gap):
                out.pop()
                q.baseline = prev.value
                q.start = prev.start
                q.text = sentence[q.start : q.end]
        out.append(q)
    return out

"""Deadline expressions, resolved against the publication date.

A deadline is "YYYY" when only a year is known (never a day or month invented),
or a full date when the text names a half, quarter, month, day or year end.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from .english_numbers import WORD_NUMBERS


@dataclass
class Deadline:
    value: str
    precision: str  # year / half / quarter / month / day
    start: int
    end: int
    text: str
    kind: str  # "explicit" (a year is written), "relative", "duration"


def _month_end(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def _part(year: int, part: str | None) -> tuple[str, str]:
    """Deadline for a named part of a year ('상반기', 'second half', 'Q3')."""
    if not part:
        return f"{year:04d}", "year"
    p = part.lower().replace(" ", "")
    if p in ("상반기", "firsthalf", "1sthalf", "h1"):
        return f"{year:04d}-06-30", "half"
    if p in ("하반기", "secondhalf", "2ndhalf", "h2"):
        return f"{year:04d}-12-31", "half"
    q = re.match(
        r"(?:([1-4])분기|(first|second|third|fourth|1st|2nd|3rd|4th)quarter|q([1-4]))",
        p,
    )
    if q:
        word = q.group(2) or ""
        n = int(
            q.group(1)
            or q.group(3)
            or {"first": 1, "second": 2, "third": 3, "fourth": 4}.get(word, 0)
            or word[0]
        )
        return _month_end(year, n * 3), "quarter"
    if p in ("말", "연말", "theendof", "endof", "end"):
        return f"{year:04d}-12-31", "year"
    return f"{year:04d}", "year"


def _count(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    native = {"한": 1, "두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6, "일곱": 7,
              "여덟": 8, "아홉": 9, "열": 10}  # fmt: skip
    if word in native:
        return native[word]
    v = WORD_NUMBERS.get(word.lower())
    return int(v) if v is not None else None


_KO_EXPLICIT = re.compile(
    r"(?:오는\s*)?(?<!\d)(\d{4})년\s*"
    r"(?:(상반기|하반기|[1-4]분기|말|초|중|내|안)|(\d{1,2})월(?:\s*(\d{1,2})일)?)?"
    r"\s*(까지|안에|내에|이내|중|부터|이후|대비|보다)?"
)
_KO_RELATIVE = re.compile(
    r"(올해|금년|내년|내후년|이듬해|올)\s*(상반기|하반기|[1-4]분기|말|초|중|안|내)?"
    r"\s*(까지|안에|내에|중)?|(연내|연말까지|연말|년내)"
)
_KO_DURATION = re.compile(
    r"(?:(향후|앞으로|오는)\s*(\d+|한|두|세|네|다섯|여섯|일곱|여덟|아홉|열)\s*년"
    r"(?:간|동안|내|안에|이내)?|(\d+|한|두|세|네|다섯)\s*년\s*(?:내|안에|이내))"
)
# "5년간 2조원을 투입한다": a programme of N years counting the current one
_KO_SPAN = re.compile(r"(?<![\d년])(\d{1,2}|한|두|세|네|다섯|열)\s*년\s*(?:간|동안)")
# "2023년부터 2032까지", "2025~2030년": a range ends at its second year
_KO_RANGE = re.compile(
    r"(?<!\d)(?:(\d{4})\s*년?|올해|금년)\s*(?:부터|~|∼|-|–)\s*(\d{4})\s*년?\s*(까지)?"
)
# "내년부터 5년간", "2027년부터 3년 동안": N years counted from a start year
_KO_FROM_SPAN = re.compile(
    r"(?:(?<!\d)(\d{4})\s*년|(올해|금년|내년|내후년))\s*부터\s*"
    r"(\d{1,2}|한|두|세|네|다섯|여섯|일곱|여덟|아홉|열)\s*년\s*(?:간|동안)"
)
# 민선 N기: local government terms of four years, the 2nd ending 30 June 2002
_KO_TERM = re.compile(
    r"민선\s*(\d{1,2})\s*기\s*(?:임기\s*)?(?:내|안에|동안|중|까지)(?![가-힣])"
)
# "같은 기간": the period the article named last
_KO_SAME = re.compile(r"같은\s*기간|동\s*기간")

_EN_MONTH = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_EN_MONTH.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_EN_EXPLICIT = re.compile(
    r"\b(by|in|before|until|through|to|for|of)\s+(?:the\s+)?"
    r"(?:(end\s+of|first\s+half\s+of|second\s+half\s+of|"
    r"(?:first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\s+of)\s+"
    r"|(?:late|early|mid)[\s-])?"
    r"(?:([A-Z][a-z]+)\.?\s+(?:(\d{1,2}),?\s+)?)?(\d{4})\b",
)
_EN_RELATIVE = re.compile(
    r"\b(?:(by|in|before|until|within|during|later|for)\s+)?(?:the\s+)?"
    r"(end\s+of\s+|first\s+half\s+of\s+|second\s+half\s+of\s+)?"
    r"(this\s+year|next\s+year|the\s+year|the\s+current\s+year)\b",
    re.I,
)
_EN_DURATION = re.compile(
    r"\b(?:within|over|in|during)\s+(?:the\s+)?(?:next|coming)?\s*"
    r"(?:(\d+|[a-z]+)\s+years?|(a|one|the)\s+decade|(\d+|[a-z]+)\s+decades)\b",
    re.I,
)
_EN_RANGE = re.compile(r"(?<![\d-])(20\d\d)\s?(?:-|–|to)\s?(20\d\d)(?![\d-])")


def korean_deadlines(text: str, published_on: datetime.date | None) -> list[Deadline]:
    out: list[Deadline] = []
    this_year = published_on.year if published_on else None
    for m in _KO_EXPLICIT.finditer(text):
        year = int(m.group(1))
        tail = m.group(5)
        if tail in ("부터", "이후", "대비", "보다"):
            continue  # a start date or a baseline year, not a deadline
        if this_year is not None and year < this_year:
            continue  # the past: background, not a deadline
        if this_year is None and not 1990 <= year <= 2100:
            continue
        if m.group(3):
            month = int(m.group(3))
            if not 1 <= month <= 12:
                continue
            if (
                m.group(4)
                and 1 <= int(m.group(4)) <= calendar.monthrange(year, month)[1]
            ):
                value, prec = f"{year:04d}-{month:02d}-{int(m.group(4)):02d}", "day"
            else:
                value, prec = _month_end(year, month), "month"
        else:
            value, prec = _part(year, m.group(2))
        out.append(
            Deadline(value, prec, m.start(), m.end(), m.group(0).strip(), "explicit")
        )
    if this_year is not None:
        for m in _KO_RELATIVE.finditer(text):
            word = m.group(1) or m.group(4)
            if word == "올" and not m.group(2):
                continue
            if word in ("연내", "년내"):
                year, part = this_year, None
            elif word.startswith("연말"):
                year, part = this_year, "말"
            else:
                year = this_year + {"내년": 1, "이듬해": 1, "내후년": 2}.get(word, 0)
                part = (
                    m.group(2)
                    if m.group(2) in ("상반기", "하반기", "말")
                    or (m.group(2) and "분기" in m.group(2))
                    else None
                )
            value, prec = _part(year, part)
            out.append(
                Deadline(
                    value, prec, m.start(), m.end(), m.group(0).strip(), "relative"
                )
            )
        for m in _KO_DURATION.finditer(text):
            n = _count(m.group(2) or m.group(3))
            if n is None or n > 50:
                continue
            out.append(
                Deadline(
                    f"{this_year + n:04d}",
                    "year",
                    m.start(),
                    m.end(),
                    m.group(0).strip(),
                    "duration",
                )  # fmt: skip
            )
    for m in _KO_RANGE.finditer(text):
        year = int(m.group(2))
        if (this_year is not None and year < this_year) or not 1990 <= year <= 2100:
            continue
        out.append(
            Deadline(f"{year:04d}", "year", m.start(), m.end(), m.group(0), "explicit")
        )
    for m in _KO_FROM_SPAN.finditer(text):
        n = _count(m.group(3))
        if m.group(1):
            start = int(m.group(1))
        elif this_year is not None:
            start = this_year + {"내년": 1, "내후년": 2}.get(m.group(2), 0)
        else:
            continue
        if n is None or not 1 <= n <= 30:
            continue
        end = start + n - 1
        if this_year is not None and end < this_year:
            continue
        out.append(
            Deadline(f"{end:04d}", "year", m.start(), m.end(), m.group(0), "range")
        )
    for m in _KO_TERM.finditer(text):
        n = int(m.group(1))
        if n < 2:
            continue
        year = 2002 + 4 * (n - 2)
        if this_year is not None and year < this_year:
            continue  # a past term: background
        out.append(
            Deadline(f"{year}-06-30", "day", m.start(), m.end(), m.group(0), "term")
        )
    for m in _KO_SAME.finditer(text):
        out.append(Deadline("", "year", m.start(), m.end(), m.group(0), "same"))
    if this_year is not None:
        for m in _KO_SPAN.finditer(text):
            n = _count(m.group(1))
            if n is None or not 1 <= n <= 30:
                continue
            out.append(
                Deadline(
                    f"{this_year + n - 1:04d}",
                    "year",
                    m.start(),
                    m.end(),
                    m.group(0).strip(),
                    "duration",
                )  # fmt: skip
            )
    return _drop_overlaps(out)


def english_deadlines(text: str, published_on: datetime.date | None) -> list[Deadline]:
    out: list[Deadline] = []
    this_year = published_on.year if published_on else None
    for m in _EN_EXPLICIT.finditer(text):
        prep = m.group(1).lower()
        year = int(m.group(5))
        if this_year is not None and year < this_year:
            continue
        if not 1990 <= year <= 2100:
            continue
        month_name = (m.group(3) or "").lower()
        if prep in ("of", "for", "to") and not m.group(2):
            continue  # "Vision 2030", "the 2030 plan": a label
        if month_name and month_name in _EN_MONTH:
            month = _EN_MONTH[month_name]
            if m.group(4):
                day = int(m.group(4))
                value, prec = f"{year:04d}-{month:02d}-{day:02d}", "day"
            else:
                value, prec = _month_end(year, month), "month"
        elif month_name:
            continue
        else:
            part = (m.group(2) or "").replace(" ", "").replace("of", "") or None
            value, prec = _part(year, "theendof" if part == "end" else part)
        out.append(Deadline(value, prec, m.start(), m.end(), m.group(0), "explicit"))
    if this_year is not None:
        for m in _EN_RELATIVE.finditer(text):
            which = m.group(3).lower()
            year = this_year + (1 if which.startswith("next") else 0)
            part = (m.group(2) or "").replace(" ", "").replace("of", "") or None
            value, prec = _part(year, "theendof" if part == "end" else part)
            out.append(
                Deadline(value, prec, m.start(), m.end(), m.group(0), "relative")
            )
        for m in _EN_RANGE.finditer(text):
            year = int(m.group(2))
            if year < this_year or int(m.group(1)) >= year:
                continue
            out.append(
                Deadline(f"{year:04d}", "year", m.start(), m.end(), m.group(0), "range")
            )
        for m in _EN_DURATION.finditer(text):
            if m.group(2):
                if m.group(2).lower() == "the":
                    continue  # "within the decade": the calendar decade, vague
                n: int | None = 10
            elif m.group(3):
                d = _count(m.group(3))
                n = d * 10 if d is not None else None
            else:
                n = _count(m.group(1))
            if n is None or n > 50 or n == 0:
                continue
            out.append(
                Deadline(
                    f"{this_year + n:04d}",
                    "year",
                    m.start(),
                    m.end(),
                    m.group(0),
                    "duration",
                )  # fmt: skip
            )
    return _drop_overlaps(out)


def _drop_overlaps(found: list[Deadline]) -> list[Deadline]:
    found.sort(key=lambda d: (d.start, -(d.end - d.start)))
    out: list[Deadline] = []
    for d in found:
        if out and d.start < out[-1].end:
            continue
        # "2031년까지 10년간", "by 2030, over a decade": the span restates the
        # written year
        if (
            out
            and d.kind == "duration"
            and out[-1].kind in ("explicit", "range")
            and d.start - out[-1].end <= 3
        ):
            out[-1].kind = "horizon"
            continue
        out.append(d)
    return out


def deadlines(
    text: str, language: str, published_on: datetime.date | None
) -> list[Deadline]:
    if language == "ko":
        return korean_deadlines(text, published_on)
    return english_deadlines(text, published_on)

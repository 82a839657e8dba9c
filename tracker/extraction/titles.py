"""Short editor-style titles: 'AI 인재 연 1만명 배출', '1.5 million new homes by 2029'."""

from __future__ import annotations

import re
from typing import Any

from .cues import ACTION_NOUNS
from .records import TargetSpec

MAX_TITLE = 60


def _shorten(s: str, limit: int = MAX_TITLE) -> str:
    s = re.sub(r"\s+", " ", s).strip(" ,.·…\"'“”‘’")
    if len(s) <= limit:
        return s
    cut = s.rfind(" ", 0, limit)
    return s[: cut if cut > 10 else limit].rstrip(" ,") + "…"


def _korean_object(tokens: list[Any], text: str, action: str | None) -> str:
    """Nouns before the last 을/를 that precedes the action."""
    act = len(tokens)
    if action:
        for i, t in enumerate(tokens):
            if t.form == action:
                act = i
    for i in range(act - 1, 0, -1):
        t = tokens[i]
        if t.tag == "JKO":
            j = i - 1
            if j > 0 and tokens[j].tag == "SSC":
                # a quoted name: ‘국가 AI컴퓨팅 센터’를
                k = j - 1
                while k > 0 and tokens[k].tag != "SSO" and j - k < 8:
                    k -= 1
                if tokens[k].tag == "SSO":
                    return text[tokens[k + 1].start : tokens[j - 1].end]
            first = j
            while first > 0 and tokens[first - 1].tag in (
                "NNG",
                "NNP",
                "SL",
                "SN",
                "NR",
                "XSN",
                "XPN",
            ):
                first -= 1
                if j - first >= 4:
                    break
            if tokens[j].tag in ("NNG", "NNP", "SL", "NNB"):
                while first < j and tokens[first].tag in ("SN", "NR", "NNB"):
                    first += 1  # the quantity is added separately
                if tokens[j].tag in ("SN", "NR", "NNB") or tokens[first].tag == "SN":
                    return ""
                return text[tokens[first].start : tokens[j].end]
            return ""
    return ""


def _action_after(tokens: list[Any], pos: int) -> tuple[str | None, int]:
    """First action noun used as a predicate after offset pos: (noun, index)."""
    for i, t in enumerate(tokens):
        if t.start < pos or t.tag != "NNG" or t.form not in ACTION_NOUNS:
            continue
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if nxt is None or nxt.tag in ("XSV", "SP", "SF", "SE") or nxt.form == "되":
            return t.form, i
    return None, -1


def korean_title(
    text: str, tokens: list[Any], action: str | None, targets: list[TargetSpec]
) -> str:
    free = [t for t in targets if t.component_of is None]
    # a total reads better than its yearly average ("80만 가구" over "연 8만")
    main = next((t for t in free if t.period is None), free[0] if free else None)
    if main is not None and main.text and main.text in text:
        # the verb governing the main quantity names the pledge best
        found, idx = _action_after(tokens, text.index(main.text) + len(main.text))
        if found:
            action = found
    obj = _korean_object(tokens, text, action)
    if main is not None and obj in (main.unit, ""):
        obj = ""  # "가구" alone says nothing the quantity does not
    parts: list[str] = []
    if obj:
        parts.append(obj)
    if main is not None and main.text:
        qty = main.text
        if main.period == "per year" and not qty.startswith(("연", "매년")):
            qty = "연 " + re.sub(r"^총\s*", "", qty)
        if obj and main.text in obj:
            qty = ""
        qty = re.sub(r"^(연\s*)?총\s*", r"\1", qty)
        parts.append(qty)
    if action and action not in " ".join(parts):
        parts.append(action)
    title = " ".join(p for p in parts if p)
    return _shorten(title or text)


def english_title(
    text: str, targets: list[TargetSpec], deadline_text: str | None
) -> str:
    main = next((t for t in targets if t.component_of is None and t.text), None)
    if main is not None and main.unit and not main.unit.isupper() and main.unit != "%":
        title = main.text
        if main.period:
            title += f" {main.period}"
        if deadline_text:
            title += f" {deadline_text}"
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

"""Who commits: the sentence's subject or speaker, else the article's main
official actor. Experts, executives and professors are never pledge owners."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

OFFICIAL_KO = (
    "대통령", "총리", "장관", "차관", "시장", "도지사", "지사", "구청장", "군수", "청장",
    "위원장", "의장", "교육감", "정부", "당국", "위원회", "시의회", "도의회", "국회",
    "대변인", "실장", "국장", "본부장", "부시장", "부지사", "당선인", "후보", "당",
)  # fmt: skip
OFFICIAL_SUFFIX_KO = ("시", "도", "부", "처", "청", "군", "구", "원")
NON_OFFICIAL_KO = (
    "교수", "연구원", "센터장", "대표", "사장", "회장", "상무", "전무", "이사", "부사장",
    "CTO", "CEO", "소장", "박사", "전문가", "연구위원", "애널리스트", "참석자", "참석자들",
    "위원", "변호사", "기자", "학생", "시민", "주민", "관계자들", "업계", "부문장",
)  # fmt: skip
OFFICIAL_EN = re.compile(
    r"\b(mayor|governor|minister|secretary|president|premier|chancellor|government|"
    r"city|council|ministry|department|administration|officials?|spokes(?:man|woman|"
    r"person)|state|authority|agency|office|parliament|congress|senator|mp|labour|"
    r"party|cabinet)\b",
    re.I,
)
NON_OFFICIAL_EN = re.compile(
    r"\b(professor|expert|analyst|economist|ceo|executive|chairman|chairwoman|"
    r"researcher|scientist|founder|investor|consultant|coalition|companies|"
    r"businesspeople|residents?|critics?|campaigners?|developers?)\b",
    re.I,
)


@dataclass
class Actor:
    name: str
    official: bool | None  # None: unknown (pronoun, plain name)


def classify_ko(name: str) -> bool | None:
    core = name.strip()
    if core in ("시", "도", "군", "구", "정부", "당국", "부처"):
        return True  # "시는": news shorthand for the city government
    for w in NON_OFFICIAL_KO:
        if core.endswith(w):
            return False
    for w in OFFICIAL_KO:
        if core.endswith(w):
            return True
    if len(core) >= 3 and core.endswith(OFFICIAL_SUFFIX_KO):
        return True
    return None


def korean_subject(tokens: list[Any], text: str) -> Actor | None:
    """The topic/subject noun phrase of the main clause (은/는/이/가)."""
    for i, t in enumerate(tokens):
        if t.sub != 0:
            continue
        if t.tag in ("JX", "JKS") and t.form in ("은", "는", "이", "가") and i > 0:
            j = i - 1
            if tokens[j].tag not in ("NNG", "NNP", "NNB", "SL", "SH", "XSN"):
                continue
            first = j
            while (
                first > 0
                and tokens[first - 1].tag in ("NNG", "NNP", "SL", "XSN", "NNB")
                and i - first < 4
                and tokens[first - 1].sub == 0
            ):
                first -= 1
            while first < j and tokens[first].tag == "NNB":
                first += 1  # "14일 서울시는": the date is not part of the name
            name = text[tokens[first].start : tokens[j].end]
            if tokens[j].form in ("것", "등", "수", "때", "중", "점", "바"):
                return None
            return Actor(name, classify_ko(name))
    return None


_EN_SAID = re.compile(
    r"(?:^|(?<=[\s,.”\"(-]))((?:[A-Z][\w.’'-]*|the|of|new|former)(?:\s+(?:[A-Z][\w.’'-]*"
    r"|the|of|new|former|city|government|mayor|secretary|minister)){0,6}|[Hh]e|[Ss]he|"
    r"[Tt]hey|We|I)\s+(?:has\s+|have\s+)?(?:said|says|told|added|announced|promised|"
    r"pledged|vowed|unveiled|suggested|stated)\b"
)
_EN_SAID_AFTER = re.compile(
    r"\b(?:said|says|told)\s+((?:the\s+)?(?:[A-Z][\w.’'-]*|new|former)(?:\s+[A-Z][\w.’'-]*)*)"
)
_EN_SUBJECT = re.compile(
    r"^(?:[“\"]?\s*)(?:(?:On|In|As|To|For|With|Within|After)\b[^,]*,\s*)?"
    r"((?:The\s+|the\s+)?(?:[A-Z][\w.’'-]*\s+)?(?:[\w.’'-]+\s+){0,4}[A-Za-z][\w.’'-]*)\s+"
    r"(?:will|is|are|was|were|has|have|plans|aims|said|also|pledged|vowed|targets)\b"
)


def english_subject(text: str) -> Actor | None:
    for pat in (_EN_SAID, _EN_SAID_AFTER, _EN_SUBJECT):
        m = pat.search(text)
        if not m:
            continue
        name = re.sub(r"(?:\s+(?:also|now|still|then|further|again))+$", "", m.group(1))
        name = name.strip()
        if name.lower() in ("he", "she", "they", "we", "i"):
            return Actor(name, None)
        if NON_OFFICIAL_EN.search(name):
            return Actor(name, False)
        if OFFICIAL_EN.search(name):
            return Actor(name, True)
        if pat is not _EN_SUBJECT:
            return Actor(name, None)
    return None


def resolve(name: str | None, gazetteer: Mapping[str, str] | None) -> str | None:
    """Gazetteer key for a name (longest alias found inside it), else None."""
    if not name or not gazetteer:
        return None
    low = name.lower()
    best: tuple[int, str] | None = None
    for alias, key in gazetteer.items():
        if alias and alias.lower() in low and (best is None or len(alias) > best[0]):
            best = (len(alias), key)
    return best[1] if best else None

"""Who commits: the sentence's subject or speaker, else the article's main
official actor. Experts, executives and professors are never pledge owners.

The actor is read from the text by rules of the language, so that an article
about a body the database has never seen still gets an owner proposal:

- Korean: the topic/subject noun phrase (은/는/이/가) of whole words, judged
  by its head: an office (대통령, 장관, 시장, 도지사 …), a government body
  (…부/처/청 ministries and agencies, 위원회, 정부), an administrative unit
  (a proper noun in …시/군/구, a province, 특별시/광역시/특별자치도), or
  "X 관계자" (an official speaking for X).
- English (english_owners.py): a noun phrase headed by an office or a body
  ("the federal government", "Minister X", "the council"), in subject
  position or attributed with "said"; never a whole clause.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

# Offices held by a person (the phrase may start with the person's name).
OFFICE_KO = (
    "대통령", "국무총리", "총리", "부총리", "장관", "차관", "도지사", "지사", "구청장",
    "군수", "청장", "위원장", "의장", "교육감", "부시장", "부지사", "당선인", "당선자",
    "대변인", "시장",
)  # fmt: skip
# Collective bodies whose name ends in these words.
BODY_KO = (
    "정부", "당국", "위원회", "의회", "국회", "본부", "특별시", "광역시", "특별자치시",
    "특별자치도", "특례시", "시청", "구청", "도청", "군청", "교육청", "내각", "부처",
)  # fmt: skip
# Provinces: a closed set of the country's administrative geography (full and
# short forms), unlike "…도" in general (철도, 속도, 제도, 농도).
_PROVINCE_KO = re.compile(
    r"(?:경기|강원|제주|충청[남북]|전라[남북]|경상[남북]|충[남북]|전[남북]|경[남북])도$"
)
# Common nouns that end like a ministry or agency (…부/처/청) but are not one.
_NOT_BODY_KO = {"중심부", "상층부", "하층부", "외곽부", "내륙부", "접경부"}
# A bare body word stands for the article's main actor ("시는", "정부는").
SHORTHAND_KO = {"시", "도", "군", "구", "정부", "당국", "부처", "우리 정부"}
NON_OFFICIAL_KO = (
    "교수", "연구원", "센터장", "대표", "사장", "회장", "상무", "전무", "이사", "부사장",
    "CTO", "CEO", "소장", "박사", "전문가", "연구위원", "애널리스트", "참석자", "참석자들",
    "위원", "변호사", "기자", "학생", "시민", "주민", "관계자들", "업계", "부문장",
    "시민단체", "노조", "협회", "연합회", "단체", "기업", "회사",
)  # fmt: skip
# Speaking for a body: "도 관계자는" speaks for 도, "서울시 대변인은" for 서울시.
_SPOKESPERSON_KO = ("관계자", "당국자", "담당자")
_TIME_WORDS_KO = {
    "이날", "오늘", "올해", "내년", "지난해", "작년", "현재", "최근", "앞서", "또한",
    "특히", "한편", "이번", "당시", "이후", "향후", "그간", "그동안", "이제", "오는",
}  # fmt: skip
_NOUNISH = ("NNG", "NNP", "NNB", "SL", "SH", "SN", "XSN", "XPN", "NR", "W_SERIAL")
_NOT_HEAD = {"것", "등", "수", "때", "중", "점", "바", "측", "뿐", "데"}


@dataclass
class Actor:
    name: str
    official: bool | None  # None: unknown (pronoun, plain name)
    shorthand: bool = False  # "시는", "the city": stands for the main actor


def _ends_with_office(core: str) -> bool:
    return core.endswith(OFFICE_KO)


def classify_ko(name: str, tags: Sequence[str] | None = None) -> bool | None:
    """Official (True), not official (False) or unknown (None).

    ``tags`` are the Kiwi tags of the phrase's tokens when known: a place
    name in …시/군/구 is a proper noun (NNP), unlike 도시, 연구 or 가구."""
    core = name.strip()
    if not core:
        return None
    if core in SHORTHAND_KO:
        return True
    last = core.split()[-1]
    for w in NON_OFFICIAL_KO:
        if last.endswith(w):
            return False
    if last.endswith(_SPOKESPERSON_KO):
        return True if len(core.split()) > 1 else None
    if last.endswith(BODY_KO) or _PROVINCE_KO.search(last):
        return True
    if _ends_with_office(last):
        if last == "시장" and len(core.split()) > 1:
            # "오 시장", "오세훈 시장": a name; "주택 시장": a market
            if tags is not None and len(tags) >= 2:
                return True if tags[-2] == "NNP" else None
            return True if _is_person_name(core.split()[-2]) else None
        return True
    if (
        last.endswith(("부", "처", "청"))
        and len(last) >= 3
        and last not in _NOT_BODY_KO
    ):
        return True  # 교육부, 과학기술정보통신부, 식약처, 산림청
    if last.endswith(("시", "군", "구")) and len(last) >= 2:
        if tags is not None:
            if tags and tags[-1] == "NNP":
                return True
        elif len(last) <= 5 and last[:-1] and not last.endswith(_COMMON_SIGUN):
            return True
    if last.endswith("당") and len(last) >= 3 and (tags is None or tags[-1] == "NNP"):
        return True  # a party
    return None


# Common nouns ending in 시/군/구 (only used when no tags are known).
_COMMON_SIGUN = (
    "도시", "당시", "동시", "역시", "즉시", "표시", "제시", "지시", "실시", "전시", "연구",
    "지구", "도구", "요구", "가구", "인구", "입구", "출구", "창구", "친구", "항구", "추구",
    "장군", "국군", "미군", "그룹군",
)  # fmt: skip


def _is_person_name(word: str) -> bool:
    """A Korean personal name or surname: 1-4 syllables of Hangul."""
    return bool(re.fullmatch(r"[\uac00-\ud7a3]{1,4}", word)) and word not in (
        _TIME_WORDS_KO
    )


def _eojeol_bounds(tokens: list[Any], text: str, i: int) -> tuple[int, int]:
    """Start and end offsets of the whitespace-delimited word holding token i."""
    start = tokens[i].start
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    end = tokens[i].end
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end


def _phrase_before(tokens: list[Any], text: str, i: int) -> tuple[str, list[str]]:
    """The noun phrase of whole words that ends right before the particle at i."""
    j = i - 1
    if j < 0 or not tokens[j].tag.startswith(_NOUNISH) or tokens[j].sub != 0:
        return "", []
    if tokens[j].form in _NOT_HEAD:
        return "", []
    first = j
    words = 1
    while first > 0:
        prev = tokens[first - 1]
        if prev.sub != 0 or not (
            prev.tag.startswith(_NOUNISH) or (prev.tag == "SP" and prev.form == "·")
        ):
            break
        gap = text[prev.end : tokens[first].start]
        if gap and not gap.isspace():
            break
        if gap:
            words += 1
            if words > 3:
                break
        first -= 1
    # the phrase starts at a word boundary: drop a partial leading word
    while first < j:
        ws, _ = _eojeol_bounds(tokens, text, first)
        if ws == tokens[first].start:
            break
        first += 1
    ws, _ = _eojeol_bounds(tokens, text, first)
    if ws != tokens[first].start:
        return "", []
    span = list(range(first, j + 1))
    # leading dates, numbers and time words are not part of the name
    while len(span) > 1:
        t = tokens[span[0]]
        _, we = _eojeol_bounds(tokens, text, span[0])
        word = text[t.start : min(we, tokens[j].end)]
        if (
            t.tag in ("SN", "NR")
            and re.fullmatch(r"[\d.,]+\s*(?:일|월|년|시|분)?", word)
            or word in _TIME_WORDS_KO
        ):
            span = [k for k in span if tokens[k].start >= we]
        else:
            break
        if not span:
            return "", []
    name = text[tokens[span[0]].start : tokens[j].end]
    return name, [tokens[k].tag for k in span]


def _spoken_for(name: str) -> str:
    """ "서울시 관계자" speaks for 서울시."""
    words = name.split()
    if len(words) > 1 and words[-1].endswith(_SPOKESPERSON_KO):
        return " ".join(words[:-1])
    return name


def korean_subject(tokens: list[Any], text: str) -> Actor | None:
    """The actor of the main clause: the first classified topic (은/는), else
    the first classified subject (이/가), else the first topic or subject."""
    topics: list[Actor] = []
    subjects: list[Actor] = []
    for i, t in enumerate(tokens):
        if t.sub != 0 or i == 0:
            continue
        is_topic = t.tag == "JX" and t.form in ("은", "는")
        is_subject = t.tag == "JKS" and t.form in ("이", "가", "께서")
        if not (is_topic or is_subject):
            continue
        name, tags = _phrase_before(tokens, text, i)
        if not name:
            continue
        official = classify_ko(name, tags)
        actor = Actor(
            _spoken_for(name) if official else name,
            official,
            shorthand=_spoken_for(name) in SHORTHAND_KO,
        )
        (topics if is_topic else subjects).append(actor)
    for group in (topics, subjects):
        for a in group:
            if a.official is not None:
                return a
    return next(iter(topics or subjects), None)


# --- English -------------------------------------------------------------

_CAPTION = re.compile(
    r"(?:pic(?:ture)?\s+credit|photo(?:graph)?\s*(?::|by|credit)|\(사진|\[사진|"
    r"사진\s*=|/사진|▲\s*사진|ⓒ|©)",
    re.I,
)


def is_caption(text: str) -> bool:
    """A photo caption or credit: never a source of owners."""
    return bool(_CAPTION.search(text))


def main_actor(
    actors: Sequence[Actor | None], text: str, gazetteer: Mapping[str, str] | None
) -> str | None:
    """The article's main official actor: the gazetteer key mentioned most,
    else the official actor named most often as a subject (shorthand such as
    "시" or "the government" only when nothing more specific is named)."""
    counts: Counter[str] = Counter()
    if gazetteer:
        low = text.lower()
        for alias, key in gazetteer.items():
            if alias:
                counts[key] += low.count(alias.lower())
        if counts and counts.most_common(1)[0][1] > 0:
            return counts.most_common(1)[0][0]
        counts.clear()
    first: dict[str, int] = {}
    shorthand: Counter[str] = Counter()
    for n, actor in enumerate(actors):
        if actor is None or not actor.official:
            continue
        if actor.shorthand or actor.name in SHORTHAND_KO:
            shorthand[actor.name] += 1
            continue
        counts[actor.name] += 1
        first.setdefault(actor.name, n)
    if counts:
        return max(counts, key=lambda k: (counts[k], -first[k]))
    for name, _ in shorthand.most_common():
        if name not in ("시", "도", "군", "구"):
            return name
    return None


def choose_owner(
    actor: Actor | None,
    speaker: Actor | None,
    sentence: str,
    gazetteer: Mapping[str, str] | None,
    main: str | None,
) -> str | None:
    """The owner of a pledge stated in ``sentence``: a gazetteer key when the
    actor (or the sentence) names a known owner, else the actor's own name,
    else the article's main actor."""
    for a in (actor, speaker):
        if a is None or a.official is False:
            continue
        key = resolve(a.name, gazetteer)
        if key:
            return key
    key = resolve(sentence, gazetteer)
    if key:
        return key
    for a in (actor, speaker):
        if a is None:
            continue
        if (
            a.official is None
            and main
            and re.search(rf"(?<!\w){re.escape(a.name)}(?!\w)", main)
        ):
            return main  # "Oh said" in an article about "Seoul Mayor Oh Se-hoon"
        if a.official and main and _names_part_of(a.name, main):
            return main  # "the mayor said" in an article about "Mayor X"
        if a.official:
            # "시는" / "the city": shorthand for the article's main actor
            if a.shorthand or a.name in SHORTHAND_KO:
                return main or (
                    a.name if a.name not in ("시", "도", "군", "구") else None
                )
            return a.name
    return main


def _names_part_of(name: str, main: str) -> bool:
    """A bare office or body that the main actor's name ends a word with:
    "Mayor" of "Seoul Mayor Oh Se-hoon", "시장" of "오세훈 서울시장"."""
    if name.lower() == main.lower():
        return False
    if re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", main, re.I):
        return True
    return any(w.endswith(name) for w in main.split()) and " " not in name


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


def actor_list(items: Sequence[Any]) -> list[Actor | None]:
    """Helper for callers holding (actor, text) pairs: captions dropped."""
    out: list[Actor | None] = []
    for actor, text in items:
        out.append(None if is_caption(text) else actor)
    return out

"""Match an owner name proposed by the engine to known owners (no Django).

The same actor is written many ways: 서울시 and 서울특별시, 충남 and 충청남도,
과기정통부 and 과학기술정보통신부, "오 시장" for 오세훈 서울시장 once the article
has named him, "the Scottish Government" and "Scottish government". These are
rules of the language (administrative suffixes, syllable abbreviations of
ministries, surname + office), not lists of names.

    match_owner("과기정통부", [KnownOwner("msit", "과학기술정보통신부")])
    -> KnownOwner("msit", ...)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

HANGUL = re.compile(r"[\uac00-\ud7a3]")

# Administrative units, longest first; the class says which ones are the
# same level ("서울시" = "서울특별시"; "제주도" = "제주특별자치도").
_UNITS_KO = (
    ("특별자치시", "시"), ("특별자치도", "도"), ("특별시", "시"), ("광역시", "시"),
    ("특례시", "시"), ("시", "시"), ("도", "도"), ("군", "군"), ("구", "구"),
)  # fmt: skip
# A province named by two two-syllable parts: 충청남도 -> 충남, 경상북도 -> 경북.
_PROVINCE_LONG = re.compile(r"^([\uac00-\ud7a3])[\uac00-\ud7a3]([남북])$")
# Suffixes of government bodies that keep their syllables in abbreviations.
_BODY_SUFFIX_KO = ("위원회", "부", "처", "청", "원", "위")
# Offices held by a person, and the body each office heads ("시장" heads a 시).
_OFFICES_KO = (
    ("구청장", "구"), ("도지사", "도"), ("시장", "시"), ("군수", "군"), ("지사", "도"),
    ("장관", ""), ("차관", ""), ("청장", "청"), ("처장", "처"), ("위원장", "위원회"),
    ("대통령", ""), ("국무총리", ""), ("총리", ""), ("교육감", "교육청"), ("의장", ""),
)  # fmt: skip
_OFFICES_EN = (
    "prime minister", "first minister", "deputy prime minister", "minister",
    "secretary", "mayor", "governor", "president", "premier", "chancellor",
    "taoiseach", "senator", "councillor", "councilor",
)  # fmt: skip


@dataclass(frozen=True)
class KnownOwner:
    """An owner already on record: its key (slug or id) and every name."""

    key: str
    name: str
    name_en: str = ""
    aliases: tuple[str, ...] = field(default_factory=tuple)

    def names(self) -> list[str]:
        return [n for n in (self.name, self.name_en, *self.aliases) if n]


def normalise(name: str) -> str:
    """Case, width, spacing and English articles do not distinguish names."""
    s = unicodedata.normalize("NFKC", name or "").strip()
    s = re.sub(r"[’`]", "'", s)
    s = re.sub(r"\s+", " ", s)
    s = s.strip(" .,;:\"'()[]“”‘’")
    s = re.sub(r"^(?:the|a)\s+", "", s, flags=re.I)
    s = re.sub(r"'s\b", "", s)
    return s.lower()


def _korean_place(name: str) -> tuple[str, str] | None:
    """(base, class) of an administrative unit: 서울특별시 -> (서울, 시)."""
    s = name.replace(" ", "")
    if not HANGUL.search(s) or len(s) < 2:
        return None
    for suffix, cls in _UNITS_KO:
        if s.endswith(suffix) and len(s) > len(suffix):
            base = s[: -len(suffix)]
            if len(base) >= 1 and HANGUL.fullmatch(base[-1]):
                m = _PROVINCE_LONG.match(base) if cls == "도" else None
                if m:
                    base = m.group(1) + m.group(2)  # 충청남 -> 충남
                return base, cls
    return None


def _place_forms(name: str) -> set[tuple[str, str]]:
    p = _korean_place(name)
    if p is None:
        s = name.replace(" ", "")
        # a bare place name ("서울", "경기", "충남") stands for its unit
        if HANGUL.fullmatch(s[:1] or "x") and 2 <= len(s) <= 3:
            return {(s, "*")}
        return set()
    return {p}


def _same_place(a: str, b: str) -> bool:
    for base_a, cls_a in _place_forms(a):
        for base_b, cls_b in _place_forms(b):
            if base_a == base_b and (cls_a == cls_b or "*" in (cls_a, cls_b)):
                return True
    return False


def _body_stem(name: str) -> tuple[str, str] | None:
    s = name.replace(" ", "")
    for suffix in _BODY_SUFFIX_KO:
        if s.endswith(suffix) and len(s) > len(suffix) + 1:
            return s[: -len(suffix)], suffix
    return None


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def is_abbreviation(short: str, long: str) -> bool:
    """과기정통부 of 과학기술정보통신부, 식약처 of 식품의약품안전처, 국토부 of
    국토교통부: the same suffix, and the short stem's syllables taken in order
    from the long stem, starting with its first syllable."""
    a, b = _body_stem(short), _body_stem(long)
    if a is None or b is None or a[1] != b[1]:
        return False
    (s, _), (lg, _) = a, b
    if len(s) < 2 or len(s) >= len(lg):
        return False
    return s[0] == lg[0] and _is_subsequence(s, lg)


def _korean_person(name: str) -> tuple[str, str, str] | None:
    """(personal name or surname, place/body before the office, office):
    "오세훈 서울시장" -> ("오세훈", "서울", "시장"); "오 시장" -> ("오", "", "시장")."""
    words = name.split()
    if len(words) < 2 or not re.fullmatch(r"[\uac00-\ud7a3]{1,4}", words[0]):
        return None
    rest = "".join(words[1:])
    for office, _ in _OFFICES_KO:
        if rest.endswith(office):
            return words[0], rest[: -len(office)], office
    return None


def _same_korean_person(a: str, b: str, context: str) -> bool:
    pa, pb = _korean_person(a), _korean_person(b)
    if pa is None or pb is None:
        return False
    (na, wa, oa), (nb, wb, ob) = pa, pb
    if oa != ob:
        return False
    same_body = (
        wa == wb
        or _same_place(wa + "시", wb + "시")
        or is_abbreviation(wa, wb)
        or is_abbreviation(wb, wa)
    )
    if wa and wb and not same_body:
        return False
    if na == nb:
        return True
    short, full = (na, nb) if len(na) < len(nb) else (nb, na)
    if len(short) != 1 or not full.startswith(short):
        return False
    # "오 시장" is 오세훈 시장 only in an article that names him
    return not context or full in context


def _english_person(name: str) -> tuple[str, str] | None:
    """(office, personal name): "Seoul Mayor Oh Se-hoon" -> ("mayor", "oh se-hoon")."""
    low = normalise(name)
    for office in _OFFICES_EN:
        m = re.search(rf"\b{office}\b(?:\s+(?:of|for)\s+[\w\s-]+?)?\s+(.+)$", low)
        if m and m.group(1):
            return office, m.group(1).strip()
    return None


def _same_english_person(a: str, b: str, context: str) -> bool:
    pa, pb = _english_person(a), _english_person(b)
    if pa is not None and pb is not None:
        return pa[0] == pb[0] and pa[1] == pb[1]
    # a surname alone ("Oh", "Johnson") for the person the article names
    one, other = (a, pb) if pb is not None else (b, pa)
    if other is None:
        return False
    sur = normalise(one)
    if not re.fullmatch(r"[a-z][a-z'-]+", sur):
        return False
    parts = other[1].split()
    hit = sur in (parts[0], parts[-1]) if parts else False
    return hit and (not context or other[1] in normalise(context))


def same_owner(a: str, b: str, *, context: str = "") -> bool:
    """Whether two names denote the same owner. ``context`` is the article's
    text: a surname with an office ("오 시장", "Johnson") counts only when the
    article names the full person."""
    if not a or not b:
        return False
    na, nb = normalise(a), normalise(b)
    if na == nb:
        return True
    if na.replace(" ", "") == nb.replace(" ", ""):
        return True
    if HANGUL.search(na) and HANGUL.search(nb):
        if _same_place(na, nb):
            return True
        if is_abbreviation(na, nb) or is_abbreviation(nb, na):
            return True
        return _same_korean_person(na, nb, context)
    return _same_english_person(a, b, context)


def match_owner(
    proposed: str | None, known: Iterable[KnownOwner], *, context: str = ""
) -> KnownOwner | None:
    """The known owner that ``proposed`` names, or None (none, or ambiguous).

    An exact name or alias wins; then the language's short forms."""
    if not proposed or not proposed.strip():
        return None
    owners = list(known)
    key = normalise(proposed)
    exact = [o for o in owners if any(normalise(n) == key for n in o.names())]
    if len(exact) == 1:
        return exact[0]
    found = [
        o
        for o in owners
        if any(same_owner(proposed, n, context=context) for n in o.names())
    ]
    unique = {o.key: o for o in found}
    if len(unique) == 1:
        return next(iter(unique.values()))
    return None


def office_body(name: str) -> str | None:
    """The body an office-holder heads: "오세훈 서울시장" -> "서울시",
    "김 경기도지사" -> "경기도"; None when the phrase names no such body."""
    words = name.split()
    rest = "".join(words[1:]) if len(words) > 1 else name.replace(" ", "")
    for office, unit in _OFFICES_KO:
        if rest.endswith(office) and len(rest) > len(office) and unit:
            place = rest[: -len(office)]
            return place if place.endswith(unit) else place + unit
    return None

"""Quantities in English sentences: digits with scales and currencies, a
closed list of number words, fractions and multipliers; dates, baseline
years and superseded targets are not quantities."""

from __future__ import annotations

import re

from .numbers import PER_MONTH, PER_YEAR, Quantity, clean_value, fold_baselines

WORD_NUMBERS = {
    "zero": 0, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100,
    "one hundred": 100, "a thousand": 1000, "one thousand": 1000,
    "a million": 1e6, "one million": 1e6, "a billion": 1e9, "one billion": 1e9,
    "one trillion": 1e12, "a trillion": 1e12, "one": 1,
}  # fmt: skip
_SCALE = {
    "trillion": 1e12, "billion": 1e9, "bn": 1e9, "million": 1e6, "mn": 1e6,
    "m": 1e6, "thousand": 1e3, "k": 1e3, "hundred": 1e2,
}  # fmt: skip
_EN_EXPR = re.compile(
    r"(?<![\w.])(?P<cur>[$£€₩])?\s?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|"
    + "(?:"
    + "|".join(sorted((re.escape(w) for w in WORD_NUMBERS), key=len, reverse=True))
    + r")\b)(?![\w,]*\d)"
    r"(?:[\s-]?(?P<scale>trillion|billion|million|thousand|hundred|bn|mn|m|k)\b)?",
    re.I,
)
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|"
    "december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_TIME_UNITS = re.compile(
    r"^[\s-]?(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|"
    r"centuries|century|year-old|times?|of (?:the|them|those|these)|am|pm|a\.m|p\.m|"
    r"st|nd|rd|th)\b",
    re.I,
)
_EN_STOP = {
    "of", "in", "to", "by", "the", "a", "an", "and", "or", "for", "over", "per",
    "each", "every", "from", "at", "on", "with", "as", "that", "which", "this",
    "will", "would", "is", "are", "was", "were", "be", "been", "annually", "within",
    "across", "under", "into", "than", "more", "less", "it", "its", "their", "his",
    "her", "our", "we", "they", "he", "she", "said", "says", "new",
    # conjunctions and prepositions end a unit ("2,000 trees since …")
    "since", "while", "because", "after", "before", "when", "until", "through",
    "including", "among", "between", "during", "without", "via", "if", "but", "so",
    "where", "whereas", "compared", "versus", "vs", "against", "below", "above",
    "up", "down", "off", "out", "about", "around", "toward", "towards", "like",
    "unlike", "despite", "whether", "who", "whom", "whose", "also", "now", "then",
    "target", "targets", "goal", "goals", "level", "levels", "such",
    # the rest of the closed class of prepositions ("10,000 trees along …")
    "along", "alongside", "amid", "amidst", "atop", "behind", "beneath", "beside",
    "besides", "beyond", "inside", "near", "onto", "outside", "past", "throughout",
    "underneath", "upon", "plus", "except",
}  # fmt: skip
# "the previous 30GW target", "the former aim was 57%": superseded figures
_EN_SUPERSEDED_BEFORE = re.compile(
    r"\b(?:previous|former|earlier|old|original|existing|current)\s+"
    r"(?:[A-Za-z’'-]+\s+){0,3}$",
    re.I,
)
_EN_MULTIPLIER = re.compile(
    r"\b(?:(doubl)|(tripl)|(quadrupl))(?:e|es|ed|ing)\b(?!-)|\btwice\b", re.I
)
# A change stated as a fraction: "cut deaths by half", "to a third", "halve".
_EN_FRACTIONS = {
    "half": 50.0, "a half": 50.0, "one half": 50.0, "a third": 100 / 3,
    "one third": 100 / 3, "two thirds": 200 / 3, "a quarter": 25.0,
    "one quarter": 25.0, "three quarters": 75.0,
}  # fmt: skip
_EN_FRACTION = re.compile(
    r"\b(?:by|to)\s+(?P<frac>half|(?:a|one)[\s-]half|(?:a|one|two)[\s-]thirds?|"
    r"(?:a|one|three)[\s-]quarters?)\b|\bhalv(?:e|es|ed|ing)\b",
    re.I,
)
_EN_TIMES = re.compile(r"^[\s-]?(?:times|fold)\b", re.I)
_YEAR_PREP = {
    "by", "in", "since", "until", "from", "to", "of", "before", "after", "through",
    "during", "year", "the", "early", "late", "mid", "end", "vision", "and",
    "below", "above", "on", "against", "over", "than", "compared", "with", "at",
}  # fmt: skip
_EN_PERIOD_AFTER = re.compile(
    r"^[\s,]*(?:(?:[a-z-]+\s){0,3})?(per year|a year|each year|every year|annually|"
    r"per annum|yearly|a month|per month|each month|every month|monthly)\b",
    re.I,
)
_EN_PERIOD_BEFORE = re.compile(r"\b(annual|annually|yearly|monthly)\s+$", re.I)
_EN_QUAL_BEFORE = re.compile(
    r"\b(up to|as many as|at least|about|around|nearly|almost|more than|over|"
    r"some|roughly|approximately|a total of|total of)\s+$",
    re.I,
)
_EN_BASELINE_BETWEEN = re.compile(r"^\s*(?:to|→|->|⇒)\s*$", re.I)
_CURRENCY = {"$": "USD", "£": "GBP", "€": "EUR", "₩": "KRW"}


def _en_unit(after: str) -> tuple[str, int]:
    m = re.match(r"\s*(percent|per cent|%|pc\b|percentage points?)", after, re.I)
    if m:
        return "%", m.end()
    m = re.match(r"\s*(won|dollars?|pounds?|euros?|yen|yuan)\b", after, re.I)
    if m:
        cur = m.group(1).lower().rstrip("s")
        return {"won": "KRW", "dollar": "USD", "pound": "GBP", "euro": "EUR"}.get(
            cur, cur
        ), m.end()
    words: list[str] = []
    pos = 0
    for wm in re.finditer(r"\s*([A-Za-z][A-Za-z-]*)", after):
        if wm.start() != pos:
            break
        w = wm.group(1)
        if w.lower() in _EN_STOP and not (w.lower() == "new" and not words):
            break
        words.append(w)
        pos = wm.end()
        if len(words) == 4:  # "20,000 new low-carbon social homes"
            break
    return " ".join(words), pos


def english_quantities(sentence: str) -> list[Quantity]:
    found: list[Quantity] = []
    for m in _EN_EXPR.finditer(sentence):
        raw = m.group("num")
        low = raw.lower()
        before = sentence[max(0, m.start() - 30) : m.start()]
        after = sentence[m.end() :]
        if low in WORD_NUMBERS:
            if raw[0].isupper() and sentence[: m.start()].strip(" \"'“‘(-"):
                # A capitalised number word inside a sentence belongs to a
                # name ("Net Zero Secretary", "Formula One"): not a quantity.
                continue
            value = float(WORD_NUMBERS[low])
            if low == "one" and not m.group("scale"):
                continue  # "one of", "on the one level": not a quantity
        else:
            value = float(raw.replace(",", ""))
            is_int = re.fullmatch(r"\d+", raw)
            if (
                is_int
                and len(raw) == 4
                and 1800 <= value <= 2100
                and not m.group("cur")
            ):
                # a year, unless it counts something: "plant 2000 trees"
                prev_word = re.search(r"([A-Za-z]+)\W*$", before)
                next_word = re.match(r"\s([a-z][a-z-]+)", after)
                counts = (
                    next_word is not None
                    and next_word.group(1) not in _EN_STOP
                    and (
                        prev_word is None
                        or prev_word.group(1).lower() not in _YEAR_PREP
                    )
                )
                if not counts or re.match(r"\s(?:levels?|baseline|base)\b", after):
                    continue  # a year, or a baseline year ("1990 levels")
        if re.search(rf"\b(?:{_MONTHS})\.?\s*$", before, re.I):
            continue  # April 19, Sept. 15
        if re.search(
            r"\b(?:no|No|number|No\.|page|article|section|covid)[\s.-]*$", before
        ):
            continue
        times = _EN_TIMES.match(after)
        if _TIME_UNITS.match(after) and not m.group("scale") and not times:
            continue
        scale = (m.group("scale") or "").lower()
        if scale:
            value *= _SCALE[scale]
        if m.group("cur"):
            unit, used = _CURRENCY[m.group("cur")], 0
        elif times:
            unit, used = "x", times.end()  # "15 times": a multiplier
        else:
            unit, used = _en_unit(after)
        if low in WORD_NUMBERS and not unit:
            continue
        end = m.end() + used
        period = None
        pm = _EN_PERIOD_AFTER.match(sentence[end:])
        if pm:
            period = PER_MONTH if "month" in pm.group(1).lower() else PER_YEAR
        elif _EN_PERIOD_BEFORE.search(before):
            period = PER_MONTH if "month" in before[-10:].lower() else PER_YEAR
        qm = _EN_QUAL_BEFORE.search(before)
        start = m.start()
        if m.group("cur") is None and sentence[start] == " ":
            start += 1
        found.append(
            Quantity(
                value=clean_value(value),
                unit=unit,
                start=start,
                end=end,
                text=sentence[start:end].strip(),
                period=period,
                qualifier=qm.group(1).lower() if qm else None,
            )
        )
    for m in _EN_MULTIPLIER.finditer(sentence):
        value = 3.0 if m.group(2) else 4.0 if m.group(3) else 2.0
        found.append(Quantity(value, "x", m.start(), m.end(), m.group(0)))
    for m in _EN_FRACTION.finditer(sentence):
        frac = m.group("frac")
        key = re.sub(r"[\s-]+", " ", frac.lower()).rstrip("s") if frac else "half"
        key = {"two third": "two thirds", "three quarter": "three quarters"}.get(
            key, key
        )
        value = _EN_FRACTIONS[key]
        found.append(Quantity(round(value, 1), "%", m.start(), m.end(), m.group(0)))
    found.sort(key=lambda q: q.start)
    # "from 20,000 to 220,000": drop the word "from" from the gap
    out = fold_baselines(found, sentence, _EN_BASELINE_BETWEEN)
    return _drop_superseded(out, sentence)


def _drop_superseded(found: list[Quantity], sentence: str) -> list[Quantity]:
    """A figure named as the previous target is the next figure's baseline."""
    out: list[Quantity] = []
    pending: Quantity | None = None
    for q in found:
        before = sentence[max(0, q.start - 40) : q.start]
        if _EN_SUPERSEDED_BEFORE.search(before):
            pending = q
            continue
        if pending is not None and pending.unit == q.unit and q.baseline is None:
            q.baseline = pending.value
        out.append(q)
    return out

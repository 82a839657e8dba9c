"""Numbers and engine output in words an editor reads:
`{% load newsroom_format %}{{ t.value|amount }} {{ t.unit }}`."""

from decimal import Decimal, InvalidOperation

from django import template
from django.utils.translation import get_language, gettext_lazy, pgettext_lazy

from commitments.models import Target

register = template.Library()

# Korean counts in myriads: 만 (10^4), 억 (10^8), 조 (10^12), 경 (10^16).
_KO_UNITS = [(10**16, "경"), (10**12, "조"), (10**8, "억"), (10**4, "만")]
_EN_UNITS = [
    (10**12, pgettext_lazy("number", "trillion")),
    (10**9, pgettext_lazy("number", "billion")),
    (10**6, pgettext_lazy("number", "million")),
]
# The engine's own names for the cues it found; other cues are the article's
# words ("-겠다는 계획", "will") and are shown as written.
_CUE_WORDS = {
    "declarative": gettext_lazy("states a plan"),
    "headline": gettext_lazy("the headline"),
}


def _number(value: object) -> Decimal | None:
    try:
        number = Decimal(str(value).replace(",", "").strip())
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def _plain(number: Decimal) -> str:
    """Grouped digits, no trailing zeros: 2,500,000 and 12.5."""
    if number == number.to_integral_value():
        return f"{int(number):,}"
    text = f"{number.normalize():,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def korean_amount(number: Decimal) -> str:
    """2500000000000 -> "2조 5000억"; 48688800000000 -> "48조 6888억"."""
    if number != number.to_integral_value() or abs(number) < 10**4:
        return _plain(number)
    rest = int(abs(number))
    parts = []
    for size, name in _KO_UNITS:
        if rest >= size:
            parts.append(f"{rest // size}{name}")
            rest %= size
    if rest:
        parts.append(str(rest))
    return ("-" if number < 0 else "") + " ".join(parts)


def english_amount(number: Decimal) -> str:
    """2500000000000 -> "2.5 trillion" when exact to four decimals, else
    grouped digits: a figure on the review screen must not be rounded."""
    for size, name in _EN_UNITS:
        if abs(number) >= size:
            scaled = number / size
            if scaled == scaled.quantize(Decimal("0.0001")):
                return f"{_plain(scaled)} {name}"
            break
    return _plain(number)


@register.filter
def amount(value: object) -> str:
    """A target's value in the reader's language; anything not a number is
    returned as it came."""
    number = _number(value)
    if number is None:
        return "" if value is None else str(value)
    if (get_language() or "").startswith("ko"):
        return korean_amount(number)
    return english_amount(number)


@register.filter
def period_label(code: object) -> str:
    """ "per_year" -> "Per year" (translated); "none" says nothing."""
    if not code or code == Target.Period.NONE:
        return ""
    try:
        return str(Target.Period(str(code)).label)
    except ValueError:
        return ""


@register.filter
def cue_words(cue: object) -> str:
    return str(_CUE_WORDS.get(str(cue), cue))

"""English commitment cues (modals and commitment verbs) and the negatives
that veto them (requirements, forecasts, past accomplishments)."""

from __future__ import annotations

import re

from .cues import CueResult
from .lexicon import EN_ACTION_VERBS

_EN_STRONG = [
    (re.compile(r"\b(?:will|shall)\s+(?:also\s+|now\s+|soon\s+)?(?!be\s+(?:expected|likely|able|at|in|among|one\s+of|part\s+of)\b)"
                r"(?!(?:work|strive|try|seek|endeavou?r|cost|take|require|need|mean|"
                r"depend|affect|face)\b)\w+", re.I), "will", 0.5),
    (re.compile(r"\b(?:we|i|you|they|it)['’]ll\b", re.I), "will", 0.45),
    (re.compile(r"\b(?<!the\s)(?<!a\s)(?<!an\s)(?<!its\s)(?<!his\s)(?<!her\s)"
                r"(?<!their\s)(?<!our\s)(?<!this\s)(?<!new\s)(?<!'s\s)(?<!’s\s)"
                r"(?:plans|planning|planned|plan)\s+to\b"), "plans to", 0.5),
    (re.compile(r"^(?:[A-Z][\w’'-]*\s+){0,4}(?:plans|planning|planned)\s+to\b"),
     "plans to", 0.5),
    (re.compile(r"(?<!that\s)(?<!which\s)(?<!who\s)\b(?:has|have)\s+(?:also\s+|now\s+)?"
                r"(?:committed|pledged|promised|vowed)\b", re.I), "has committed", 0.5),
    (re.compile(r"\b(?:set|sets|setting|creating|create|creates|adopting|adopts)\s+"
                r"(?:a|an|the)\s+(?:new\s+|further\s+|legally\s+binding\s+)?"
                r"(?:target|goal)\b", re.I), "target set", 0.5),
    (re.compile(r"\b(?:includes?|including|provides?|allocates?|earmarks?|commits?|"
                r"sets?\s+aside|invests?|announces?|unveils?|offers?)\b[^.;]{0,40}?"
                r"[$£€₩]\s?\d", re.I), "funding", 0.45),
    (re.compile(r"[$£€₩]\s?\d[\d.,]*\s*(?:million|billion|bn|m|trillion)?\b[^.;,]{0,30}?"
                r"\bto\s+(?:" + "|".join(sorted(EN_ACTION_VERBS)) + r")\b", re.I),
     "funding", 0.45),
    (re.compile(r"\bto\s+(?:" + "|".join(sorted(EN_ACTION_VERBS)) + r")\s+"
                r"(?:a\s+minimum\s+of\s+|at\s+least\s+|up\s+to\s+|more\s+than\s+|"
                r"over\s+|some\s+|an?\s+(?:extra|additional|further)\s+)?"
                r"[$£€₩]?\d[^.;]{0,60}\bby\s+(?:the\s+end\s+of\s+)?20\d\d\b", re.I),
     "to-infinitive target", 0.35),
    (re.compile(r"\baims?\s+(?:to|at)\b|\baiming\s+(?:to|at)\b", re.I), "aims to", 0.5),
    (re.compile(r"\b(?:pledged?|pledges|pledging)\b", re.I), "pledge", 0.5),
    (re.compile(r"\b(?:vowed|vows|vow)\s+to\b", re.I), "vowed", 0.5),
    (re.compile(r"\b(?:promised|promises|promise)\s+to\b", re.I), "promised", 0.5),
    (re.compile(r"\b(?:is|are|am|remains?|be|been|fully|absolutely)\W{0,2}\s*committed\W{0,2}\s+to\b",
                re.I), "committed to", 0.5),
    (re.compile(r"\bintends?\s+to\b", re.I), "intends to", 0.5),
    (re.compile(r"\b(?:is|are)\s+set\s+to\b", re.I), "set to", 0.4),
    (re.compile(r"\bgoing\s+to\s+(?!(?:work|try|strive|seek)\b)\w+", re.I), "going to", 0.45),
    (re.compile(r"\btargets?\s+(?:zero|\d|a\s|an\s)", re.I), "target", 0.5),
    (re.compile(r"\b(?:goal|target)\s+(?:of|is\s+to)\b", re.I), "goal", 0.4),
    (re.compile(r"\b(?:suggested|proposed)\s+(?:that\s+)?(?:the|a|an)\s+\w+", re.I),
     "proposed", 0.35),
    (re.compile(r"\bannounced\b.{0,60}\bto\s+(?:reach|cut|build|plant|create|reduce|"
                r"achieve|expand|invest|spend|hire|train|double)\b", re.I),
     "announced measures", 0.4),
    (re.compile(r"^[A-Z][\w .,'’-]{2,60}\bto\s+[a-z]+\b", re.M), "headline to-infinitive", 0.0),
]  # fmt: skip
_EN_WEAK = [
    (re.compile(r"\b(?:will|shall)\s+(?:also\s+)?(?:work|strive|try|seek|endeavou?r)\b",
                re.I), "will work to", 0.3),
    (re.compile(r"\bgoing\s+to\s+(?:work|try|strive|seek)\b", re.I), "going to work", 0.3),
    (re.compile(r"\bwould\b", re.I), "would", 0.25),
    (re.compile(r",\s*(?:promising|vowing|pledging)\s+to\b", re.I), "promising to", 0.35),
    (re.compile(r"\bby\s+20\d\d\b", re.I), "by 20XX", 0.3),
]  # fmt: skip
_EN_NEGATIVE = [
    (re.compile(r"\b(?:expected|forecast|projected|predicted|likely|anticipated)\s+to\b",
                re.I), "forecast"),
    (re.compile(r"\b(?:should|ought\s+to|must)\b", re.I), "recommendation"),
    (re.compile(r"\bhad\s+(?:already\s+|previously\s+)?(?:committed|pledged|promised|vowed)\b"
                r"|\b(?:that|which|who)\s+(?:have|has)\s+(?:already\s+)?"
                r"(?:committed|pledged|promised|vowed)\b", re.I), "past"),
    (re.compile(r"\b(?:is|are)\s+set\s+to\s+(?:become|be|remain)\b", re.I), "forecast"),
    (re.compile(r"\brun\s+(?:again|for)\b|\bre-?election\b|\bcandidacy\b", re.I), "candidacy"),
    (re.compile(r"\b(?:scheduled|set)\s+to\s+(?:host|hold|attend|visit|meet|speak)\b", re.I),
     "event"),
    # a scheduled event, not a promise: "a hearing will be held on June 3"
    (re.compile(r"\bwill\s+(?:be\s+held|take\s+place|be\s+hosted|convene)\b"
                r"|\bwill\s+meet\s+(?:on|in|at|next|again)\b", re.I), "event"),
    (re.compile(r"\b(?:could|may|might)\b|\bhop(?:e|es|ed|ing)\b", re.I), "hedge"),
    (re.compile(r"\bif\b", re.I), "conditional"),
]  # fmt: skip
_HEADLINE_TO = re.compile(r"^(?:[A-Z][\w.'’-]*\s+){1,6}to\s+[a-z]+\b")


_WILL = re.compile(r"\b(?:will|shall)\b|['’]ll\b", re.I)
# "will" that commits nobody: a relative clause's ("…, which will provide"),
# a requirement's or a use's ("will be required", "will be used")
_IDLE_WILL = re.compile(
    r"\b(?:which|that|who)\s+(?:\w+\s+)?(?:will|shall)\b"
    r"|\b(?:will|shall)\s+(?:also\s+)?be\s+(?:\w+ly\s+)?(?:required|needed|necessary|"
    r"used|spent\s+on|subject)\b",
    re.I,
)


def _committing_will(text: str) -> bool:
    idle = sum(1 for _ in _IDLE_WILL.finditer(text))
    return len(_WILL.findall(text)) > idle


def english_cues(text: str, headline: bool) -> CueResult:
    r = CueResult()
    for pat, name, strength in _EN_STRONG:
        if name == "will" and not _committing_will(text):
            continue
        if strength and pat.search(text):
            r.add(name, strength)
    for pat, name, strength in _EN_WEAK:
        if pat.search(text):
            if name == "promising to" and r.cues == ["promised"]:
                r.cues.clear()
                r.strength = 0.0
            r.add(name, strength)
    if headline and _HEADLINE_TO.match(text):
        r.add("headline", 0.35)
    for pat, name in _EN_NEGATIVE:
        if pat.search(text):
            r.negatives.append(name)
    # a conditional or a hedge only vetoes weak cues: "will ... if" is a threat
    if (
        "conditional" in r.negatives
        and r.strength >= 0.5
        and "going to work" not in r.cues
        and not re.search(r"\bwill\b[^.;]*\bif\b(?!\s+elected)", text, re.I)
    ):
        r.negatives.remove("conditional")
    if "hedge" in r.negatives and r.strength >= 0.5:
        r.negatives.remove("hedge")
    m = re.search(r"\b(?:to|will|plans? to|aims? to)\s+([a-z]+)", text)
    if m:
        r.action = m.group(1)
    return r


def anaphoric_restatement(text: str) -> bool:
    """'We'll do it', 'standing firm behind the vow': no new content."""
    return bool(
        re.search(r"\b(?:do|deliver|achieve)\s+(?:it|this|that)\b", text, re.I)
        or re.search(
            r"\b(?:behind|to|on)\s+the\s+(?:vow|pledge|promise|target|goal)\b",
            text,
            re.I,
        )  # fmt: skip
    )

"""English owners: a noun phrase headed by an office or a body ("the federal
government", "Minister X", "the council", "San Francisco Mayor X"), in
subject position or attributed with "said"; never a whole clause."""

from __future__ import annotations

import re

from .owners import Actor

_EN_PERSON_OFFICE = (
    r"(?:(?:Deputy|Vice|Prime|First|Chief|Foreign|Finance|Health|Housing|Energy|"
    r"Environment|Education|Transport|Business|Home|Culture|Defence|Defense|"
    r"Justice|Interior|Trade|Climate|Science|Digital|Economy|Labor|Labour|State|"
    r"Cabinet|Junior|Junior\s+Housing|Assistant)\s+)*"
    r"(?:[Mm]inister|[Mm]ayor|[Ss]ecretary|[Pp]resident|[Pp]remier|[Gg]overnor|"
    r"[Cc]hancellor|[Tt]aoiseach|[Tt][aá]naiste|[Ss]enator|MP|MSP|[Cc]ouncill?or|"
    r"[Ss]pokes(?:man|woman|person))"
)
_EN_BODY = (
    r"(?:[Gg]overnment|[Cc]ouncil|[Mm]inistry|[Dd]epartment|[Aa]dministration|"
    r"[Aa]uthority|[Aa]gency|[Ee]xecutive|[Cc]ommission|[Pp]arliament|[Aa]ssembly|"
    r"[Cc]abinet|[Cc]ongress|[Ll]egislature|[Tt]reasury|[Mm]unicipality|"
    r"[Cc]ity\s+[Hh]all|[Ww]hite\s+House|[Ee]xecutive|[Ss]tate|[Cc]ity|[Cc]oalition)"
)
_EN_MOD = (
    r"(?:(?:[A-Z][\w.-]*(?:[’']s)?|new|former|federal|national|local|state|city|"
    r"county|regional|provincial|municipal|central|coalition|incoming|outgoing|"
    r"UK|US|EU)\s+)"
)
# A personal name's words: "Jane", "McAllan", "O’Neill", "Smith-Jones", "J."
_EN_NAME_WORD = r"[A-Z][a-z]*(?:[’'][A-Z])?[a-z]*(?:[A-Z][a-z]+)?(?:-[A-Z]?[a-z]+)?"
_EN_NAME = rf"(?:\s+(?:{_EN_NAME_WORD}(?<=[a-z])|[A-Z]\.)){{1,3}}"
_EN_OF = r"(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w-]*(?:\s+(?:and\s+)?[A-Z][\w-]*){0,3})"
_EN_ACTOR = re.compile(
    r"(?<![\w’'])(?:(?:[Tt]he|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Aa])\s+)?"
    rf"(?:{_EN_MOD}{{0,4}}(?P<office>{_EN_PERSON_OFFICE})(?:{_EN_OF})?(?P<name>{_EN_NAME})?"
    rf"|{_EN_MOD}{{0,4}}(?P<body>{_EN_BODY})(?:{_EN_OF})?)(?![\w’'-])"
)
_EN_NON_OFFICIAL = re.compile(
    r"\b(professor|expert|analyst|economist|ceo|executive|chairman|chairwoman|"
    r"chair|researcher|scientist|founder|investor|consultant|companies|company|"
    r"businesspeople|residents?|critics?|campaigners?|developers?|groups?|"
    r"think\s+tanks?|body|industry|union|association|opposition|spokesperson\s+for)\b",
    re.I,
)
_EN_PRONOUN = {"he", "she", "they", "we", "i", "it"}
_EN_SPEECH = (
    r"(?:has\s+|have\s+|had\s+)?(?:also\s+)?(?:said|says|told|added|announced|"
    r"promised|pledged|vowed|unveiled|suggested|stated|confirmed|insisted|"
    r"declared|warned|explained)"
)
_EN_INTRO = re.compile(
    r"^[“\"‘']?\s*(?:(?:On|In|As|To|For|With|Within|Under|After|Speaking|At|From|"
    r"Through|By|Meanwhile|However|Also|Separately|Elsewhere)\b[^,]{0,120},\s*)?"
)
# Subjects that are things, not actors: "More trees will be planted".
_EN_SUBJECT = re.compile(
    r"([A-Za-z“\"][\w’'“”\"-]*(?:\s+[\w’'“”\"-]+){0,7}?)\s+(?:will|would|is|are|was|"
    r"were|has|have|had|plans|aims|said|says|also|pledged|vowed|targets|intends|"
    r"wants|expects|promises|commits|announced|set|reaffirmed|confirmed|unveiled)\b"
)


def _clean_en(name: str) -> str:
    name = re.sub(r"^(?:the|its|their|his|her|a)\s+", "", name.strip(), flags=re.I)
    name = re.sub(r"^(?:new|former)\s+", "", name, flags=re.I)
    # "UK’s Prime Minister X" -> "UK Prime Minister X"
    name = re.sub(r"^([A-Z][\w.-]*)[’']s\s+(?=[A-Z])", r"\1 ", name)
    name = name.strip(' ,;:“”"')
    return name[:1].upper() + name[1:]


def english_actor_in(phrase: str) -> Actor | None:
    """The official actor a noun phrase names, if it names one."""
    phrase = phrase.strip(' ,;:“”"‘’')
    if not phrase:
        return None
    low = phrase.lower()
    if low in _EN_PRONOUN:
        return Actor(phrase, None)
    if low in ("the city", "the government", "the state", "city", "government"):
        return Actor(_clean_en(phrase), True, shorthand=True)
    if re.fullmatch(rf"the\s+{_EN_PERSON_OFFICE}", phrase, re.I):
        # "the minister added": the office the article named in full before
        return Actor(_clean_en(phrase), True, shorthand=True)
    m = _EN_ACTOR.search(phrase)
    if _EN_NON_OFFICIAL.search(phrase) and not (m and m.start() == 0):
        return Actor(phrase, False)
    if m is None:
        return None
    name = _clean_en(m.group(0))
    if (
        m.group("body")
        and m.group("body").lower() in ("state", "city")
        and (len(name.split()) == 1)
    ):
        return Actor(name, True, shorthand=True)
    if m.group("body") and name.lower() in ("government", "coalition", "council"):
        return Actor(name, True, shorthand=True)
    return Actor(name, True)


def _english_body_subject(text: str) -> Actor | None:
    intro = _EN_INTRO.match(text)
    m = _EN_SUBJECT.match(text[intro.end() if intro else 0 :])
    if m is None:
        return None
    actor = english_actor_in(m.group(1))
    found = _EN_ACTOR.search(m.group(1).strip(' ,;:“”"‘’'))
    if (
        actor is None
        or not actor.official
        or actor.shorthand
        or found is None
        or not found.group("body")
    ):
        return None
    return actor


def english_subject(text: str) -> Actor | None:
    """The speaker ("…, the minister said") or the subject of the sentence.
    A named government body as the subject ("The Welsh government has
    committed to …, the minister said") is the owner; its minister speaks for
    it."""
    body = _english_body_subject(text)
    if body is not None:
        return body
    # 1. attribution: "ROLE, NAME, said", "NAME said", "said NAME"
    m = re.search(
        rf"((?:[\w’'.-]+\s+){{0,7}}[\w’'.-]+),\s+((?:[A-Z][\w’'-]+\s+){{0,3}}"
        rf"[A-Z][\w’'-]+),\s+{_EN_SPEECH}\b",
        text,
    )
    if m:
        role = english_actor_in(m.group(1))
        surname = m.group(2).split()[-1]
        if _EN_NON_OFFICIAL.search(m.group(1)):
            return Actor(surname, False)
        if role is not None and role.official:
            return Actor(f"{role.name} {m.group(2)}", True)
    for m in re.finditer(
        rf"(?:^|[,.”\"’;:—–-]\s*|\b(?:and|but)\s+)((?:[\w’'.-]+\s+){{0,7}}?[\w’'.-]+)"
        rf"\s+{_EN_SPEECH}\b",
        text,
    ):
        actor = _attributed(m.group(1))
        if actor is not None:
            return actor
    m = re.search(
        r"\b(?:said|says|told|according\s+to)\s+((?:the\s+)?(?:[\w’'.-]+\s+){0,6}"
        r"[\w’'.-]+)",
        text,
    )
    if m:
        actor = english_actor_in(m.group(1))
        if actor is not None and actor.official is not None:
            return actor
    # 2. the subject at the start of the sentence (after an introductory phrase)
    intro = _EN_INTRO.match(text)
    rest = text[intro.end() if intro else 0 :]
    m = _EN_SUBJECT.match(rest)
    if m:
        actor = english_actor_in(m.group(1))
        if actor is not None:
            return actor
    return None


def _attributed(phrase: str) -> Actor | None:
    words = phrase.split()
    # keep the phrase's tail: "Oh said", "the new Housing Secretary has said"
    for k in range(max(0, len(words) - 7), len(words)):
        tail = " ".join(words[k:])
        actor = english_actor_in(tail)
        if actor is not None and (actor.official is not None or k == len(words) - 1):
            if actor.official is None and tail.lower() not in _EN_PRONOUN:
                continue
            return actor
    last = words[-1] if words else ""
    if re.fullmatch(_EN_NAME_WORD, last) and last[-1].islower():
        return Actor(last, None)  # a plain name: "Oh said"
    return None


# --- choosing the owner ----------------------------------------------------

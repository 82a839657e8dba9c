"""Sentence segmentation with offsets into the (cleaned, same-length) text.

Korean goes through Kiwi, one line at a time: headlines and leads carry no
final punctuation, so Kiwi would glue them to the next line otherwise. English
uses a rule-based splitter.
"""

from __future__ import annotations

import functools
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .language import detect_language

# Kiwi's cost grows with the length of a sentence it cannot split; long runs
# without punctuation are cut at a space near this size.
MAX_CHUNK = 1500


@dataclass
class Sentence:
    start: int
    end: int
    text: str
    language: str
    line: int  # index of the source line (paragraph)
    headline: bool = False  # no sentence-final punctuation (title, lead line)
    tokens: list[Any] = field(default_factory=list)  # Kiwi tokens, offsets local


@functools.cache
def get_kiwi() -> Any:
    """Load the Kiwi model once per process, on first use.

    `num_workers=0`: analysis runs in the calling thread, with no thread pool
    of Kiwi's own. A pool thread does not survive a fork, so with one a
    Celery prefork parent could not load and warm the model for its
    children to share (config/celery.py); one pool thread was no faster.
    """
    from kiwipiepy import Kiwi

    with warnings.catch_warnings():
        # kiwipiepy warns that 0 meant "all cores" before 0.21; now it means
        # single-threaded, which is what we ask for.
        warnings.simplefilter("ignore", DeprecationWarning)
        return Kiwi(num_workers=0)


_FINAL_PUNCT = re.compile(r"[.!?。…”\"’'」』)\]]\s*$")


def _is_headline(s: str) -> bool:
    t = s.rstrip()
    if not t:
        return False
    if t.endswith(("다.", "다", "요.", "까?")) and len(t) > 80:
        return False
    return not re.search(r"[.!?。]\s*[”\"’'」』)\]]*\s*$", t)


def _chunks(line: str, base: int) -> Iterator[tuple[int, str]]:
    """Yield (offset, piece) of at most MAX_CHUNK chars, cut at whitespace."""
    pos = 0
    while pos < len(line):
        if len(line) - pos <= MAX_CHUNK:
            yield base + pos, line[pos:]
            return
        cut = line.rfind(" ", pos + MAX_CHUNK // 2, pos + MAX_CHUNK)
        if cut <= pos:
            cut = pos + MAX_CHUNK
        yield base + pos, line[pos:cut]
        pos = cut


def _lines(text: str) -> Iterator[tuple[int, int, str]]:
    """Yield (line index, offset, line) for non-blank lines."""
    offset = 0
    for idx, line in enumerate(text.splitlines(keepends=True)):
        body = line.rstrip("\r\n")
        if body.strip():
            yield idx, offset, body
        offset += len(line)


def _trimmed(start: int, piece: str) -> tuple[int, int, str] | None:
    stripped = piece.strip()
    if not stripped:
        return None
    lead = len(piece) - len(piece.lstrip())
    return start + lead, start + lead + len(stripped), stripped


def split_korean(pieces: list[tuple[int, int, str]]) -> list[Sentence]:
    """pieces: (line index, offset, text). One Kiwi call per piece: a batched
    call needs Kiwi's thread pool (see get_kiwi), and measured no faster."""
    if not pieces:
        return []
    kiwi = get_kiwi()
    out: list[Sentence] = []
    results = [kiwi.split_into_sents(p[2], return_tokens=True) for p in pieces]
    for (line_idx, base, piece), sents in zip(pieces, results, strict=True):
        for s in sents:
            got = _trimmed(base + s.start, piece[s.start : s.end])
            if got is None:
                continue
            start, end, txt = got
            shift = start - base
            toks = list(s.tokens)
            out.append(
                Sentence(
                    start=start,
                    end=end,
                    text=txt,
                    language="ko",
                    line=line_idx,
                    headline=_is_headline(txt),
                    tokens=[_Tok(t, shift) for t in toks],
                )
            )
    return out


class _Tok:
    """A Kiwi token with its offset made relative to the sentence start."""

    __slots__ = ("form", "tag", "start", "end", "sub")

    def __init__(self, tok: Any, shift: int) -> None:
        self.form: str = tok.form
        self.tag: str = str(tok.tag)
        self.start: int = tok.start - shift
        self.end: int = tok.start - shift + tok.len
        self.sub: int = tok.sub_sent_position

    def __repr__(self) -> str:
        return f"{self.form}/{self.tag}"


_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "gen", "gov", "sen",
    "rep", "lt", "col", "capt", "sgt", "inc", "ltd", "co", "corp", "vs", "etc",
    "e.g", "i.e", "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "u.s", "u.k", "d.c", "a.m", "p.m", "dept", "est",
    "approx", "fig", "vol", "op", "ave", "blvd", "rd", "ft", "cf", "al",
}  # fmt: skip
_EN_BOUNDARY = re.compile(
    r"(?P<end>[.!?]+[”\"’')\]]*)(?=\s+[“\"‘'(\[]?[A-Z0-9]|\s*$)"
    r"|(?P<glued>(?<=[a-z]{2})\.)(?=[A-Z][a-z])"
)


def _split_english_line(line: str) -> Iterator[tuple[int, int]]:
    start = 0
    for m in _EN_BOUNDARY.finditer(line):
        if m.group("end") is not None:
            if m.group("end").startswith(".") and len(m.group("end")) == 1:
                word = re.search(r"([\w.]+)$", line[start : m.start()])
                w = word.group(1).lower() if word else ""
                if w in _ABBREVIATIONS or (len(w) == 1 and w.isalpha()):
                    continue
                if re.fullmatch(r"(?:[a-z]\.)+[a-z]", w):  # U.S. / D.C. initials
                    continue
            stop = m.end()
        else:
            stop = m.end("glued")
        if line[start:stop].strip():
            yield start, stop
        start = stop
    if line[start:].strip():
        yield start, len(line)


def split_english(pieces: list[tuple[int, int, str]]) -> list[Sentence]:
    out: list[Sentence] = []
    for line_idx, base, line in pieces:
        for a, b in _split_english_line(line):
            got = _trimmed(base + a, line[a:b])
            if got is None:
                continue
            start, end, txt = got
            out.append(
                Sentence(start, end, txt, "en", line_idx, headline=_is_headline(txt))
            )
    return out


def segment(text: str, language: str | None = None) -> list[Sentence]:
    """Split cleaned text into sentences; per line language unless forced."""
    ko: list[tuple[int, int, str]] = []
    en: list[tuple[int, int, str]] = []
    for idx, offset, line in _lines(text):
        lang = language or detect_language(line)
        for base, piece in _chunks(line, offset):
            (ko if lang == "ko" else en).append((idx, base, piece))
    sentences = split_korean(ko) + split_english(en)
    sentences.sort(key=lambda s: s.start)
    return sentences

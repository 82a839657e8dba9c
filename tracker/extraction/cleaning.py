"""Offset-preserving cleaning.

Every function here returns a string of exactly the input's length: removed
material is overwritten with spaces (line breaks kept), so any offset found in
the cleaned text is also an offset into the original and quotes stay verbatim.
"""

from __future__ import annotations

import re

_HTML_HINT = re.compile(
    r"<(?:p|div|br|span|a|html|body|li|h[1-6]|article|script)\b", re.I
)
_BLOCK_WITH_BODY = re.compile(
    r"<(script|style|noscript|iframe|svg|form)\b.*?</\1\s*>|<!--.*?-->", re.I | re.S
)
_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*>")
_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
    "tr", "table", "article", "section", "header", "footer", "figure",
    "figcaption", "blockquote", "nav", "aside", "dd", "dt",
}  # fmt: skip
_DROP_WITH_BODY = {"figcaption", "nav", "aside", "footer", "header"}
_ENTITY = re.compile(r"&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);")
_ENTITY_CHARS = {
    "&nbsp;": " ", "&amp;": "&", "&quot;": '"', "&lt;": "<", "&gt;": ">",
    "&#39;": "'", "&apos;": "'", "&middot;": "·", "&hellip;": "…",
}  # fmt: skip


def _blank(s: str) -> str:
    """Spaces of the same length, keeping line breaks."""
    return "".join("\n" if ch == "\n" else " " for ch in s)


def looks_like_html(text: str) -> bool:
    return bool(_HTML_HINT.search(text[:50000]))


def strip_html(text: str) -> str:
    """Mask tags and non-content elements; block tags become line breaks."""

    def kill(m: re.Match[str]) -> str:
        return _blank(m.group(0))

    out = _BLOCK_WITH_BODY.sub(kill, text)
    for name in _DROP_WITH_BODY:
        out = re.sub(
            rf"<{name}\b.*?</{name}\s*>",
            kill,
            out,
            flags=re.I | re.S,
        )

    def tag(m: re.Match[str]) -> str:
        s = m.group(0)
        if m.group(1).lower() in _BLOCK_TAGS:
            # a break at the tag keeps paragraphs apart for sentence splitting
            return "\n" + _blank(s[1:])
        return _blank(s)

    out = _TAG.sub(tag, out)

    def entity(m: re.Match[str]) -> str:
        s = m.group(0)
        ch = _ENTITY_CHARS.get(s.lower(), " ")
        return ch + " " * (len(s) - 1)

    return _ENTITY.sub(entity, out)


_NAV_WORDS = {
    "후원하기", "인쇄", "전송", "보관", "기사목록", "오탈자제보", "공유", "공유하기",
    "스크랩", "글자크기", "카카오톡", "페이스북", "트위터", "밴드", "링크복사",
    "url복사", "댓글", "좋아요", "구독", "구독하기", "기사제보", "메일", "이메일",
    "프린트", "닫기", "이전", "다음", "목록", "홈", "배너", "광고", "로그인",
    "회원가입", "많이 본 뉴스", "관련기사", "주요뉴스", "기사원문", "본문 글씨 키우기",
    "share", "print", "email", "tweet", "facebook", "twitter", "linkedin",
    "whatsapp", "copy link", "comments", "comment", "subscribe", "advertisement",
    "sponsored", "related", "related articles", "read more", "sign up", "log in",
    "more", "menu", "search", "top stories", "most read", "license photo",
}  # fmt: skip
_ONLY_SYMBOLS = re.compile(r"^[\s•·▶►■□◆◇○●▲△▼▽☞|/\-–—_=*+~#.,:;!?()\[\]{}<>]*$")
_BULLET = re.compile(r"^[•·▶►■◆☞|]\s*")
_BYLINE_KO = re.compile(
    r"기자\s*(?:\||\d{4}[.\-/]\d{1,2}[.\-/]\d{1,2})|^\S+\s*\S*기자$"
)
_BYLINE_EN = re.compile(
    r"^(?:By|BY|Written by|Reporting by)\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}"
    r"(?:\s*(?:,|and|\|)\s*[\w .'’-]+)?$"
)
_CAPTION = re.compile(
    r"^(?:사진|그래픽|자료|이미지|영상|출처|제공)\s*[=:／/]|Photo by|Photo:|\(Photo|"
    r"File Photo|License Photo|Getty Images|Photograph:|Image:|Credit:|"
    r"/(?:AP|AFP|Reuters|UPI|EPA|Yonhap|연합뉴스|뉴시스)\s*$",
    re.I,
)
_TRAILING_CREDIT = re.compile(r"\[[^\[\]\n]{1,20}\]\s*$")
_SOURCE_TAG = re.compile(r"^\([^()\n]{1,20}\)$")
_COPYRIGHT = re.compile(
    r"copyright|ⓒ|©|무단\s*전재|재배포\s*금지|all rights reserved|저작권자", re.I
)
_COMMENT_BOX = re.compile(
    r"^(?:댓글\s*\d*|\d+\s*개의\s*댓글|comments?\s*\(?\d*\)?|leave a (?:comment|reply)|"
    r"댓글을?\s*(?:입력|작성|남겨).*|등록|취소|\d+\s*comments?)$",
    re.I,
)
_EMAIL_ONLY = re.compile(r"^\S+@\S+\.\S+$")
_INLINE_BYLINE = re.compile(
    r"^\s*\[[^\[\]\n]{1,40}(?:기자|특파원|통신원)[^\[\]\n]{0,10}\]\s*"
)
_INLINE_CREDIT = re.compile(
    r"\[(?:사진|자료|그래픽)[^\[\]\n]{0,30}\]|\[\s*\d*[a-zA-Z]+\d*\s*\]"
)


def is_boilerplate_line(line: str) -> bool:
    """True for navigation, share buttons, banners, bylines, captions, etc."""
    s = line.strip()
    if not s:
        return False
    if _ONLY_SYMBOLS.match(s):
        return True
    core = _BULLET.sub("", s).strip().strip(".:|").strip()
    if core.lower() in _NAV_WORDS:
        return True
    if _BULLET.match(s) and len(core) <= 12:
        return True
    if len(s) <= 80 and (_BYLINE_KO.search(s) or _BYLINE_EN.match(s)):
        return True
    if _CAPTION.search(s):
        return True
    if len(s) <= 60 and _TRAILING_CREDIT.search(s):
        return True
    if _SOURCE_TAG.match(s) or _EMAIL_ONLY.match(s) or _COMMENT_BOX.match(s):
        return True
    return bool(len(s) <= 200 and _COPYRIGHT.search(s))


def clean(text: str) -> str:
    """Return the text with boilerplate masked; same length as the input."""
    if looks_like_html(text):
        text = strip_html(text)
    out: list[str] = []
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        ending = line[len(body) :]
        if is_boilerplate_line(body):
            out.append(_blank(body) + ending)
            continue
        body = _INLINE_BYLINE.sub(lambda m: _blank(m.group(0)), body)
        body = _INLINE_CREDIT.sub(lambda m: _blank(m.group(0)), body)
        out.append(body + ending)
    return "".join(out)

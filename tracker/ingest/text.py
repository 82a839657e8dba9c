"""Turning bytes into text: declared charset, then sniffed, then guessed.

Korean sites still serve EUC-KR; CP949 is its superset (it adds the
characters EUC-KR cannot encode), so EUC-KR is always decoded as CP949.
"""

from __future__ import annotations

import codecs
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.safe_http.client import FetchResult

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I
)
_ALIASES = {
    "euc-kr": "cp949",
    "euc_kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "ksc5601": "cp949",
    "x-windows-949": "cp949",
    "windows-949": "cp949",
}


def normal_charset(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip().strip("\"'").lower()
    name = _ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def charset_from_content_type(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            return normal_charset(value)
    return None


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters: not an article."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    if not head:
        return False
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls / len(head) > 0.05


def decode_bytes(data: bytes, *, declared: str | None = None) -> str:
    """Decode with the declared charset, a <meta charset>, UTF-8, then CP949."""
    tried: list[str] = []
    candidates = [normal_charset(declared)]
    match = _META_CHARSET.search(data[:4096])
    if match:
        candidates.append(normal_charset(match.group(1).decode("ascii", "ignore")))
    candidates += ["utf-8", "cp949"]
    for name in candidates:
        if not name or name in tried:
            continue
        tried.append(name)
        try:
            text = data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        return text.removeprefix("\ufeff")
    # Nothing fits exactly: keep what can be read rather than fail.
    return data.decode("utf-8", errors="replace")


def response_text(result: FetchResult) -> str:
    """A fetched page's text, decoded by its declared or sniffed charset."""
    return decode_bytes(
        result.body, declared=charset_from_content_type(result.content_type)
    )

"""Django-free command line: `python -m tracker.extraction.cli FILE`.

The management command `extract` wraps main() unchanged.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import json
import sys
from typing import IO, TYPE_CHECKING, Any

from .pipeline import DEFAULT_MAX_CHARS, PIPELINE_VERSION, extract
from .records import ExtractionInputError

if TYPE_CHECKING:
    # Anything with write(str): a text stream or Django's OutputWrapper.
    from _typeshed import SupportsWrite

# Header names, with the Korean ones newsrooms paste, -> the canonical key.
_HEADER_KEYS = {
    "URL": "URL",
    "DATE": "DATE",
    "TITLE": "TITLE",
    "주소": "URL",
    "링크": "URL",
    "날짜": "DATE",
    "일자": "DATE",
    "보도일": "DATE",
    "제목": "TITLE",
}


def split_header(text: str) -> tuple[dict[str, str], int]:
    """Leading `KEY: value` lines -> (headers, offset where the body starts)."""
    headers: dict[str, str] = {}
    offset = 0
    for line in text.splitlines(keepends=True):
        key, sep, value = line.partition(":")
        name = _HEADER_KEYS.get(key.strip().upper())
        if sep and name and key == key.strip():
            headers[name] = value.strip()
            offset += len(line)
            continue
        break
    return headers, offset


def decode(data: bytes) -> str:
    """UTF-8 text (BOM tolerated) or ExtractionInputError."""
    if b"\x00" in data[:100000]:
        raise ExtractionInputError("input looks binary (NUL bytes), not an article")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ExtractionInputError(
            f"input is not valid UTF-8 (byte {exc.start}): save the article as UTF-8"
        ) from exc


def _parse_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {value!r}") from exc


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="extract", description="Propose pledges found in a news article."
    )
    p.add_argument("file", help="article file (UTF-8); '-' reads stdin")
    p.add_argument("--date", type=_parse_date, help="publication date YYYY-MM-DD")
    p.add_argument("--language", choices=("ko", "en"))
    p.add_argument("--format", choices=("json", "text"), default="json")
    p.add_argument(
        "--gazetteer", help="JSON file mapping names and aliases to owner keys"
    )
    p.add_argument("--max-chars", type=int, default=DEFAULT_MAX_CHARS)
    return p


def _read(path: str, stdin: IO[Any], max_chars: int) -> str:
    # bytes beyond 4x the character cap cannot be within it (UTF-8 <= 4 bytes)
    limit = max_chars * 4 + 4
    if path == "-":
        raw = getattr(stdin, "buffer", None)
        data = (
            raw.read(limit + 1) if raw is not None else stdin.read(limit + 1).encode()
        )
    else:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    if len(data) > limit:
        raise ExtractionInputError(
            f"input is larger than the {max_chars:,}-character limit"
        )
    return decode(data)


def _as_json(cands: list[Any], language: str, offset: int) -> dict[str, Any]:
    out = []
    for c in cands:
        d = dataclasses.asdict(c)
        d["start"] += offset
        d["end"] += offset
        for q in d["extra_quotes"]:
            q["start"] += offset
            q["end"] += offset
        out.append(d)
    return {
        "language": language,
        "pipeline_version": PIPELINE_VERSION,
        "candidates": out,
    }


def _as_text(cands: list[Any], language: str) -> str:
    lines = [f"language: {language}   candidates: {len(cands)}"]
    for n, c in enumerate(cands, 1):
        lines.append("")
        lines.append(f"{n}. {c.title}   [score {c.score:.2f}; owner {c.owner or '-'}]")
        lines.append(f"   quote: {c.quote}")
        lines.append(f"   cues:  {', '.join(c.cues)}")
        for t in c.targets:
            value = f"{t.value:,.0f}" if float(t.value).is_integer() else f"{t.value:,}"
            bits = [f"{value} {t.unit}".strip()]
            if t.period:
                bits.append(t.period)
            if t.deadline:
                bits.append(
                    f"by {t.deadline}" + (" (inferred)" if t.deadline_inferred else "")
                )
            if t.baseline is not None:
                bits.append(f"from {t.baseline:,g}")
            if t.component_of is not None:
                bits.append(f"part of #{t.component_of + 1}")
            lines.append(f"   target: {' | '.join(bits)}   «{t.text}»")
        for q in c.extra_quotes:
            lines.append(f"   also:  {q.quote}")
    return "\n".join(lines) + "\n"


def main(
    argv: list[str] | None = None,
    stdin: IO[Any] | None = None,
    stdout: SupportsWrite[str] | None = None,
    stderr: SupportsWrite[str] | None = None,
) -> int:
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse already printed the usage message
        return int(exc.code or 0)
    try:
        raw = _read(args.file, stdin, args.max_chars)
        gazetteer = None
        if args.gazetteer:
            with open(args.gazetteer, encoding="utf-8") as fh:
                gazetteer = json.load(fh)
        headers, offset = split_header(raw)
        body = raw[offset:]
        published = args.date
        if published is None and headers.get("DATE"):
            try:
                published = datetime.date.fromisoformat(headers["DATE"][:10])
            except ValueError:
                published = None
        cands = extract(
            body,
            published_on=published,
            language=args.language,
            gazetteer=gazetteer,
            max_chars=args.max_chars,
        )
    except (OSError, ExtractionInputError, json.JSONDecodeError) as exc:
        msg = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        name = getattr(exc, "filename", None)
        stderr.write(f"extract: {name + ': ' if name else ''}{msg}\n")
        return 2
    from .language import detect_language

    language = args.language or detect_language(body)
    if args.format == "json":
        # one write: Django's OutputWrapper appends a newline to every write()
        payload = json.dumps(
            _as_json(cands, language, offset), ensure_ascii=False, indent=1
        )
        stdout.write(payload + "\n")
    else:
        stdout.write(_as_text(cands, language))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

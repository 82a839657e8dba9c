"""The pledge's share card: a 1200×630 PNG (the size link previews expect)
stating the title, the owner and our verdict, drawn with Pillow.

Korean needs a CJK font. The repository ships NanumSquare Bold (SIL Open Font
License, commitments/fonts/OFL.txt), which covers the 2,350 common syllables
of KS X 1001 and Latin; for a text with a syllable it lacks, the next font in
`SHARE_CARD_FONTS` that has them all is used (e.g. Debian's fonts-nanum,
with every syllable, where installed). When no listed font loads, the card falls back to Pillow's own Latin
font and English text: the status colour and label still say the verdict.

Cards are cached by what they show (a hash of the text, the language and the
fonts), so an edited title or a renamed owner makes a new card at once.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from PIL import Image, ImageDraw, ImageFont

from commitments.models import Pledge
from commitments.pages.charts import STATUS_COLOURS
from commitments.statuses import status_label

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
CARD_VERSION = "1"  # bump when the drawing changes: cached cards are keyed by it
CACHE_SECONDS = 24 * 3600
SITE_NAME = {"ko": "공약 추적", "en": "Pledge tracker"}
BY = {"ko": "{} 공약", "en": "A pledge by {}"}
VERDICT = {"ko": "평가", "en": "Our verdict"}

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@dataclass(frozen=True)
class CardText:
    language: str
    title: str
    owner: str
    status: str  # the code
    status_text: str
    # For a card without a Korean font: the English title and owner, if any.
    title_en: str = ""
    owner_en: str = ""


def card_text(pledge: Pledge, language: str) -> CardText:
    english = language == "en"
    title = (pledge.title_en if english else "") or pledge.title
    owner = (pledge.owner.name_en if english else "") or pledge.owner.name
    return CardText(
        language=language,
        title=title,
        owner=owner,
        status=pledge.status,
        status_text=status_label(pledge.status, language),
        title_en=pledge.title_en,
        owner_en=pledge.owner.name_en,
    )


@lru_cache(maxsize=8)
def _font_file(path: str, size: int) -> ImageFont.FreeTypeFont | None:
    try:
        return ImageFont.truetype(path, size)
    except OSError:
        return None


def fonts(size: int) -> list[ImageFont.FreeTypeFont]:
    found = [_font_file(str(p), size) for p in settings.SHARE_CARD_FONTS]
    return [f for f in found if f is not None]


@lru_cache(maxsize=4096)
def _has_glyph(font: ImageFont.FreeTypeFont, char: str) -> bool:
    return char.isspace() or font.getmask(char).getbbox() is not None


def font_for(text: str, size: int) -> Font | None:
    """The first listed font that draws every character of `text` (else the
    first that loads); None when none loads."""
    loaded = fonts(size)
    for font in loaded:
        if all(_has_glyph(font, c) for c in text):
            return font
    return loaded[0] if loaded else None


def _latin(text: str) -> bool:
    return all(ord(c) < 0x2E80 for c in text)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: Font, width: int) -> list[str]:
    """Lines no wider than `width`: break between words, and inside a word
    only when it alone is too wide."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for char in word:
            if draw.textlength(line + char, font=font) > width and line:
                lines.append(line)
                line = ""
            line += char
    if line:
        lines.append(line)
    return lines


def _fit(draw: ImageDraw.ImageDraw, lines: list[str], font: Font, width: int, n: int):
    if len(lines) <= n:
        return lines
    kept = lines[:n]
    last = kept[-1]
    while last and draw.textlength(last + "…", font=font) > width:
        last = last[:-1]
    kept[-1] = last.rstrip() + "…"
    return kept


def draw_card(text: CardText) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), "#ffffff")
    draw = ImageDraw.Draw(image)
    colour = STATUS_COLOURS.get(text.status, "#555555")
    draw.rectangle([0, 0, WIDTH, 18], fill=colour)
    wide = WIDTH - 2 * MARGIN

    have_fonts = bool(fonts(60))
    if not have_fonts and not _latin(text.title + text.owner + text.status_text):
        # No font for Korean here: say what we can in Latin letters.
        text = CardText(
            language="en",
            title=next(
                (t for t in (text.title, text.title_en) if t and _latin(t)),
                "A pledge we track",
            ),
            owner=next((o for o in (text.owner, text.owner_en) if o and _latin(o)), ""),
            status=text.status,
            status_text=status_label(text.status, "en"),
        )

    def font(sample: str, size: int) -> Font:
        return font_for(sample, size) or ImageFont.load_default(size=size)

    site = SITE_NAME[text.language]
    draw.text((MARGIN, 60), site, font=font(site, 30), fill="#4d5258")

    title_font = font(text.title, 62)
    lines = _fit(draw, _wrap(draw, text.title, title_font, wide), title_font, wide, 3)
    y = 130
    for line in lines:
        draw.text((MARGIN, y), line, font=title_font, fill="#1a1a1a")
        y += 80
    if text.owner:
        by = BY[text.language].format(text.owner)
        owner_font = font(by, 36)
        if draw.textlength(by, font=owner_font) > wide:
            by = _fit(draw, [by, ""], owner_font, wide, 1)[0]
        draw.text((MARGIN, y + 16), by, font=owner_font, fill="#4d5258")

    verdict = VERDICT[text.language]
    label_font = font(verdict, 30)
    draw.text((MARGIN, 452), verdict, font=label_font, fill="#4d5258")
    status_font = font(text.status_text, 44)
    box = draw.textbbox((0, 0), text.status_text, font=status_font)
    pill_w = box[2] - box[0] + 56
    draw.rounded_rectangle(
        [MARGIN, 496, MARGIN + pill_w, 496 + 76], radius=14, fill=colour
    )
    draw.text(
        (MARGIN + 28, 496 + 38),
        text.status_text,
        font=status_font,
        fill="#ffffff",
        anchor="lm",
    )
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def card_key(text: CardText) -> str:
    fonts_used = "|".join(str(p) for p in settings.SHARE_CARD_FONTS)
    raw = "\x1f".join(
        [
            CARD_VERSION,
            fonts_used,
            text.language,
            text.title,
            text.owner,
            text.status,
            text.title_en,
            text.owner_en,
        ]
    )
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def card_png(pledge: Pledge, language: str) -> tuple[bytes, str]:
    """The card's PNG and its key (also its ETag), from the cache when drawn."""
    text = card_text(pledge, language)
    key = card_key(text)
    png = cache.get(f"pledge-card:{key}")
    if png is None:
        png = draw_card(text)
        cache.set(f"pledge-card:{key}", png, CACHE_SECONDS)
    return png, key

"""Link-preview pictures (Open Graph and Twitter cards) drawn with Pillow for pages without an
image of their own: a title, a line of figures and a progress bar on the site's colours, with
the site's mark and name.

The font travels with the code (``core/fonts``, DejaVu Sans with its licence): it draws
Kazakh Cyrillic, and the picture looks the same on every machine whatever fonts it has.
Drawing takes tens of milliseconds of CPU: callers keep what it returns (see
``petitions/cards.py``).
"""

import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

CARD_WIDTH = 1200
CARD_HEIGHT = 630
FONT_FILE = Path(__file__).resolve().parent / "fonts" / "DejaVuSans-Bold.ttf"

# site.css's :root colours.
NIGHT = "#1d1b19"
ACCENT = "#b3261e"
SUN = "#f2c14e"
PAPER = "#ffffff"
MUTED = "#c9c2b8"
TRACK = "#45403b"

MARGIN = 72
TITLE_SIZES = (68, 60, 52, 46, 40)
ELLIPSIS = "…"


@dataclass(frozen=True)
class Card:
    """What a card shows. ``progress`` (0 to 1) draws the bar; None leaves it out."""

    title: str
    kicker: str
    figures: str
    site_name: str
    address: str
    progress: float | None = None


@lru_cache(maxsize=16)
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_FILE), size)


def _split_long_word(word: str, font, width: int) -> list[str]:
    pieces, piece = [], ""
    for character in word:
        if piece and font.getlength(piece + character) > width:
            pieces.append(piece)
            piece = ""
        piece += character
    return [*pieces, piece] if piece else pieces


def wrap(text: str, font, width: int) -> list[str]:
    """``text`` in lines no wider than ``width`` pixels, broken between words (a word wider
    than a line, as long Kazakh compounds can be, between its letters)."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if font.getlength(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        *whole, line = _split_long_word(word, font, width)
        lines.extend(whole)
    return [*lines, line] if line else lines


def _line_height(font) -> int:
    return round(font.size * 1.18)


def _fitted_title(title: str, width: int, height: int) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest size at which the title fits in ``width`` by ``height`` pixels; at the smallest,
    the lines that fit, the last one ending in an ellipsis."""
    for size in TITLE_SIZES:
        font = _font(size)
        lines = wrap(title, font, width)
        if len(lines) * _line_height(font) <= height:
            return font, lines
    lines = lines[: max(1, height // _line_height(font))]
    last = lines[-1]
    while last and font.getlength(last + ELLIPSIS) > width:
        last = last[:-1]
    lines[-1] = last.rstrip() + ELLIPSIS
    return font, lines


def _cubic(start, control1, control2, end, steps=12):
    return [
        tuple(
            (1 - t) ** 3 * a + 3 * (1 - t) ** 2 * t * b + 3 * (1 - t) * t**2 * c + t**3 * d
            for a, b, c, d in zip(start, control1, control2, end, strict=True)
        )
        for t in (step / steps for step in range(steps + 1))
    ]


def _draw_mark(draw: ImageDraw.ImageDraw, left: int, top: int, size: int) -> None:
    """The site's mark (templates/base.html's #brand-mark), drawn on its 32-unit grid."""
    scale = size / 32

    def at(points):
        return [(left + x * scale, top + y * scale) for x, y in points]

    draw.rounded_rectangle([left, top, left + size, top + size], radius=7 * scale, fill=ACCENT)
    stroke = round(2.4 * scale)
    for y in (7, 25):
        draw.line(at([(8, y), (24, y)]), fill=PAPER, width=stroke)
    for x, bend in ((12.5, -3.5), (19.5, 3.5)):
        curve = _cubic((x, 7), (x, 11.5), (x + bend, 12.5), (x + bend, 16))
        curve += _cubic((x + bend, 16), (x + bend, 19.5), (x, 20.5), (x, 25))[1:]
        draw.line(at(curve), fill=PAPER, width=stroke, joint="curve")
    for x, y in at([(8, 7), (24, 7), (8, 25), (24, 25)]):
        draw.ellipse([x - stroke / 2, y - stroke / 2, x + stroke / 2, y + stroke / 2], fill=PAPER)
    (cx, cy), radius = at([(16, 16)])[0], 3 * scale
    draw.ellipse([cx - radius, cy - radius, cx + radius, cy + radius], fill=SUN)


def render_card(card: Card) -> bytes:
    """The card as a CARD_WIDTH by CARD_HEIGHT PNG."""
    image = Image.new("RGB", (CARD_WIDTH, CARD_HEIGHT), NIGHT)
    draw = ImageDraw.Draw(image)
    width = CARD_WIDTH - 2 * MARGIN
    draw.rectangle([0, 0, 16, CARD_HEIGHT], fill=ACCENT)

    mark, mark_top = 64, 52
    middle = mark_top + mark / 2
    _draw_mark(draw, MARGIN, mark_top, mark)
    draw.text((MARGIN + mark + 20, middle), card.site_name, font=_font(32), fill=PAPER, anchor="lm")
    draw.text((MARGIN + width, middle), card.address, font=_font(24), fill=MUTED, anchor="rm")

    bottom = CARD_HEIGHT - 56
    if card.progress is not None:
        bar_top = bottom - 22
        draw.rounded_rectangle([MARGIN, bar_top, MARGIN + width, bottom], radius=11, fill=TRACK)
        filled = round(width * min(max(card.progress, 0.0), 1.0))
        if filled >= 22:
            draw.rounded_rectangle(
                [MARGIN, bar_top, MARGIN + filled, bottom], radius=11, fill=ACCENT
            )
        bottom = bar_top - 20
    figures = _font(44)
    draw.text((MARGIN, bottom), card.figures, font=figures, fill=SUN, anchor="ld")

    top = mark_top + mark + 44
    draw.text((MARGIN, top), card.kicker.upper(), font=_font(26), fill=SUN)
    top += 48
    font, lines = _fitted_title(card.title, width, bottom - figures.size - 32 - top)
    for line in lines:
        draw.text((MARGIN, top), line, font=font, fill=PAPER)
        top += _line_height(font)

    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()

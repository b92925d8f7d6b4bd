"""Chart drawing shared by /stats and poll results: Pillow with the Roboto font of ``font-roboto``.

Roboto has Cyrillic and ships with the package, so no system font is assumed. Pillow is imported on
first use, so runs that never draw a chart never load it.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import ImageFont

Colour = tuple[int, int, int]

BG: Colour = (255, 255, 255)
INK: Colour = (33, 33, 33)
MUTED: Colour = (117, 117, 117)
GRID: Colour = (224, 224, 224)
BAR: Colour = (66, 133, 244)
HIGHLIGHT: Colour = (52, 168, 83)


def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    import font_roboto
    from PIL import ImageFont

    return ImageFont.truetype(font_roboto.RobotoBold if bold else font_roboto.Roboto, size)


def fit(text: str, face: ImageFont.FreeTypeFont, width: int) -> str:
    """The text, cut with "…" so that it fits ``width`` pixels."""
    if face.getlength(text) <= width:
        return text
    while text and face.getlength(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


def wrap(text: str, face: ImageFont.FreeTypeFont, width: int, max_lines: int) -> list[str]:
    """Words laid out in lines of ``width`` pixels; the last allowed line is cut with "…"."""
    lines: list[str] = []
    current = ""
    words = text.split()
    for index, word in enumerate(words):
        candidate = f"{current} {word}".strip()
        if face.getlength(candidate) <= width or not current:
            current = candidate
            continue
        lines.append(current)
        current = word
        if len(lines) == max_lines - 1:
            current = " ".join(words[index:])
            break
    if current:
        lines.append(current)
    return [fit(line, face, width) for line in lines[:max_lines]]


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: int
    note: str  # shown after the bar, e.g. "12 · 60 %"
    highlight: bool = False


WIDTH = 1000
MARGIN = 24
ROW_H = 40
BAR_H = 24
LABEL_W = 330
NOTE_W = 130
TITLE_LINE_H = 30


def bar_chart(title: str, bars: Sequence[Bar], footer: str, scale: int | None = None) -> bytes:
    """One panel of horizontal bars under a title (up to 3 lines), with a footer line. PNG bytes.

    Bars are drawn against ``scale`` (e.g. the number of voters) or, without it, against the largest value.
    """
    from PIL import Image, ImageDraw

    title_font, label_font, small = font(24, bold=True), font(18), font(16)
    title_lines = wrap(title, title_font, WIDTH - 2 * MARGIN, 3)
    bar_x, bar_w = MARGIN + LABEL_W, WIDTH - 2 * MARGIN - LABEL_W - NOTE_W
    top = MARGIN + len(title_lines) * TITLE_LINE_H + 16
    height = top + max(1, len(bars)) * ROW_H + 20 + TITLE_LINE_H + MARGIN
    image = Image.new("RGB", (WIDTH, height), BG)
    draw = ImageDraw.Draw(image)
    y = MARGIN
    for line in title_lines:
        draw.text((MARGIN, y), line, font=title_font, fill=INK)
        y += TITLE_LINE_H
    biggest = scale if scale and scale > 0 else max((b.value for b in bars), default=0)
    y = top
    for bar in bars:
        middle = y + ROW_H // 2
        colour = HIGHLIGHT if bar.highlight else BAR
        draw.text((MARGIN, middle), fit(bar.label, label_font, LABEL_W - 14), font=label_font, fill=INK, anchor="lm")
        draw.rectangle((bar_x, middle - BAR_H // 2, bar_x + bar_w, middle + BAR_H // 2), fill=GRID)
        if bar.value > 0 and biggest > 0:
            right = bar_x + max(2, round(bar_w * min(bar.value, biggest) / biggest))
            draw.rectangle((bar_x, middle - BAR_H // 2, right, middle + BAR_H // 2), fill=colour)
        draw.text(
            (bar_x + bar_w + 10, middle), fit(bar.note, label_font, NOTE_W - 12), font=label_font, fill=INK, anchor="lm"
        )
        y += ROW_H
    draw.text((MARGIN, y + 20), fit(footer, small, WIDTH - 2 * MARGIN), font=small, fill=MUTED)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()

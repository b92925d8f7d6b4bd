"""Personal check-in QR codes: a PNG with the bot's deep link start=checkin_<token>."""

from __future__ import annotations

import io

import segno
from PIL import Image

CHECKIN_PREFIX = "checkin_"
SESSION_PREFIX = "session_"
MASK = 2  # see qr_png


def deep_link(bot_username: str, payload: str) -> str:
    return f"https://t.me/{bot_username}?start={payload}"


def checkin_link(bot_username: str, token: str) -> str:
    return deep_link(bot_username, CHECKIN_PREFIX + token)


def session_link(bot_username: str, session_id: int) -> str:
    return deep_link(bot_username, f"{SESSION_PREFIX}{session_id}")


def qr_png(data: str, scale: int = 8, border: int = 4) -> bytes:
    """A QR code as PNG bytes (error correction M, the standard quiet zone of 4 modules).

    The data mask is fixed (any of the eight is valid for readers): letting segno score all eight
    takes ~8 ms per code, most of a registration's CPU (bench/session_bench.py). Pillow draws the
    modules (segno's own PNG writer is pure Python, ~5 ms).
    """
    matrix = segno.make(data, error="m", micro=False, mask=MASK).matrix
    size = len(matrix) + 2 * border
    pixels = bytearray(b"\xff" * size * size)
    for y, row in enumerate(matrix):
        start = (y + border) * size + border
        for x, dark in enumerate(row):
            if dark:
                pixels[start + x] = 0
    image = Image.frombytes("L", (size, size), bytes(pixels)).resize(
        (size * scale, size * scale), Image.Resampling.NEAREST
    )
    out = io.BytesIO()
    image.convert("1").save(out, format="PNG")
    return out.getvalue()

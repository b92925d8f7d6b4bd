"""Personal check-in QR codes: a PNG with the bot's deep link start=checkin_<token>."""

from __future__ import annotations

import struct
import zlib

import segno

CHECKIN_PREFIX = "checkin_"
SESSION_PREFIX = "session_"
MASK = 2  # see qr_png
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def deep_link(bot_username: str, payload: str) -> str:
    return f"https://t.me/{bot_username}?start={payload}"


def checkin_link(bot_username: str, token: str) -> str:
    return deep_link(bot_username, CHECKIN_PREFIX + token)


def session_link(bot_username: str, session_id: int) -> str:
    return deep_link(bot_username, f"{SESSION_PREFIX}{session_id}")


def qr_png(data: str, scale: int = 8, border: int = 4) -> bytes:
    """A QR code as PNG bytes (error correction M, the standard quiet zone of 4 modules).

    The data mask is fixed (any of the eight is valid for readers): letting segno score all eight
    takes ~8 ms per code, most of a registration's CPU (bench/session_bench.py). The PNG is written here, one bit
    per pixel compressed by zlib: segno's own PNG writer is pure Python (~5 ms), and Pillow, which drew it
    before, added ~4 MB to the bot's memory for this alone (charts load it only when drawn).
    """
    matrix = segno.make(data, error="m", micro=False, mask=MASK).matrix
    size = (len(matrix) + 2 * border) * scale
    quiet = "1" * (border * scale)
    blank = _packed("1" * size)
    rows = [blank] * (border * scale)
    for row in matrix:
        bits = quiet + "".join("0" * scale if dark else "1" * scale for dark in row) + quiet
        rows.extend([_packed(bits)] * scale)
    rows.extend([blank] * (border * scale))
    return _png_1bit(rows, size)


def _packed(bits: str) -> bytes:
    """A row of pixels ("1" white, "0" black) as PNG's filter byte 0 and the bits, padded to whole bytes."""
    padded = bits + "1" * (-len(bits) % 8)
    return b"\x00" + int(padded, 2).to_bytes(len(padded) // 8, "big")


def _png_1bit(rows: list[bytes], size: int) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", size, size, 1, 0, 0, 0, 0)  # 1 bit per pixel, greyscale
    return (
        PNG_SIGNATURE + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b"")
    )

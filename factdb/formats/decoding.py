"""Bytes to text, shared by every format: BOMs, UTF-8, a detected Western encoding, and the
charset a server or an HTML page declares.

charset-normalizer is imported on first use: CLI start time matters.
"""

from __future__ import annotations

import re

# Detected (not declared) encodings: the single-byte ones Western news archives use. Wider
# lists make charset-normalizer "detect" an encoding for random bytes.
_DETECTABLE = ["cp1252", "latin_1", "iso8859_15"]
_BOMS = [
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
]


def _detect_encoding(data: bytes) -> str | None:
    """A Western single-byte decoding of mostly-ASCII bytes, else None."""
    ascii_share = sum(b < 0x80 for b in data) / len(data)
    if ascii_share < 0.7:  # real Latin-1/cp1252 prose is mostly ASCII; random bytes are not
        return None
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_DETECTABLE).best()
    return str(best) if best is not None else None


def decode(data: bytes) -> str:
    """Bytes to text with LF line ends; ``ValueError`` when they are not text.

    Order: a BOM; NUL bytes mean binary; UTF-8; a detected Western single-byte encoding.
    """
    if not data:
        raise ValueError("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise ValueError(f"not text: bad {encoding} at byte {exc.start}") from exc
            break
    else:
        if b"\x00" in data[:8192]:
            raise ValueError("binary file (contains NUL bytes), not article text")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            detected = _detect_encoding(data)
            if detected is None:
                raise ValueError(
                    f"not text: not UTF-8 (bad byte at offset {exc.start}) "
                    "and no other encoding detected"
                ) from exc
            text = detected
    return text.replace("\r\n", "\n").replace("\r", "\n")


def meta_charset(data: bytes) -> str | None:
    """The ``<meta charset>`` an HTML page declares in its first 4 KiB, if any."""
    m = re.search(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", data[:4096], re.I)
    return m.group(1).decode("ascii") if m else None


def recode(data: bytes, charset: str | None) -> bytes:
    """Bytes in a declared (HTTP) charset as UTF-8, unless they are UTF-8 already: servers
    that declare ISO-8859-1 by default often send UTF-8."""
    if not charset or data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return data
    try:
        data.decode("utf-8")
        return data
    except UnicodeDecodeError:
        pass
    try:
        return data.decode(charset).encode("utf-8")
    except (LookupError, UnicodeDecodeError):
        return data

"""The loading every input goes through, a lecture or a subtitle file: a file, not too large, decoded.

Below both ``readers`` (lectures) and ``formats`` (subtitle files), which each load through it.
"""

from __future__ import annotations

import codecs
import json
from pathlib import Path
from typing import Any

from captions.errors import InputError
from captions.text.syllables import is_hangul

# A real report is tens of kilobytes; 16 MiB is a lecture of hundreds of hours. Everything is read
# whole and every output is written whole (atomically), so a larger file is refused, not streamed.
MAX_BYTES = 16 * 1024 * 1024


_BOMS = (  # UTF-32's little-endian mark begins with UTF-16's: it is tried first
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes, source: str, encoding: str | None = None) -> str:
    """Bytes of an input as text: the given encoding; else the one a BOM names (UTF-8, UTF-16, UTF-32);
    else UTF-8; else CP949, only when the result reads as Korean.

    CP949 is the superset of EUC-KR that Korean Windows writes; UTF-8 is tried first because a
    CP949 decoder accepts many byte strings that are really UTF-8 and would garble them. It also
    accepts much Windows-1252 text (``TRADUÇÃO`` → ``TRADU플O``): such text is refused with a hint,
    not read as Korean without a word.
    """
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(source, "", f"unknown encoding {encoding!r}") from None
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as e:
            raise InputError(source, f"byte {e.start}", f"not valid {encoding} text") from None
        return normalise(text)
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return normalise(data.decode(name))
            except UnicodeDecodeError as e:
                raise InputError(source, f"byte {e.start}", f"not valid {name.upper()} text after its BOM") from None
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(source, f"byte {nul}", "binary data (a NUL byte), not a text file")
    try:
        return normalise(data.decode("utf-8"))
    except UnicodeDecodeError as e:
        utf8_error = e
    try:
        text = data.decode("cp949")
    except UnicodeDecodeError:
        raise InputError(
            source, f"byte {utf8_error.start}", "neither UTF-8 nor CP949 text (give --encoding if it is another)"
        ) from None
    if not reads_as_korean(text):
        raise InputError(
            source,
            f"byte {utf8_error.start}",
            "not UTF-8, and read as CP949 it is not Korean text (give --encoding, e.g. --encoding cp1252)",
        )
    return normalise(text)


def reads_as_korean(text: str) -> bool:
    """Whether text decoded as CP949 is Korean: most of what is not ASCII is Hangul, and Hangul does
    not sit inside Latin words (Windows-1252's accented letters pair into syllables: ``TRADU플O``)."""
    other = [i for i, ch in enumerate(text) if ord(ch) > 0x7F]
    hangul = [i for i in other if is_hangul(text[i])]
    if not hangul or len(hangul) < 0.8 * len(other):
        return False
    inside = sum(
        1
        for i in hangul
        if 0 < i < len(text) - 1
        and text[i - 1].isascii()
        and text[i - 1].isalpha()
        and text[i + 1].isascii()
        and text[i + 1].isalpha()
    )
    return inside <= 0.05 * len(hangul)


def normalise(text: str) -> str:
    """One form for every reader: no BOM, and every line ending (CRLF, CR) a plain LF."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def load(path: Path, encoding: str | None = None) -> str:
    """The text of any input file (a lecture or a subtitle file): a file, not too large, decoded."""
    source = str(path)
    try:
        if path.is_dir():
            raise InputError(source, "", "is a folder, not a file")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(
                source, "", f"{size / 2**20:.0f} MiB is larger than the {MAX_BYTES // 2**20} MiB an input may be"
            )
        data = path.read_bytes()
    except OSError as e:
        raise InputError(source, "", e.strerror or str(e)) from None
    return decode(data, source, encoding)


def parse_json(text: str, source: str, **options: Any) -> Any:
    """The JSON in ``text``, or an ``InputError`` that names the file and the place: where it breaks, or
    that it nests deeper than the parser goes (``[`` a thousand times over is valid JSON, and Python's
    parser gives up on it with a ``RecursionError``)."""
    try:
        return json.loads(text, **options)
    except json.JSONDecodeError as e:
        raise InputError(source, f"line {e.lineno} column {e.colno}", f"not valid JSON: {e.msg}") from None
    except RecursionError:
        raise InputError(source, "", "JSON nested too deeply to read (hundreds of levels)") from None

"""Input readers, told apart by content (like pysubs2's ``guess_format``), registered by name."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from captions.readers import report, segments_json
from captions.timeline import InputError, Timeline, validate

Reader = Callable[[str, str], Timeline]
READERS: dict[str, Reader] = {"segments-json": segments_json.read, "report": report.read}
_DETECT: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("segments-json", segments_json.looks_like),
    ("report", report.looks_like),
)


def decode(data: bytes, source: str) -> str:
    """Bytes of an input file as text: UTF-8 (with or without BOM), else CP949 (Korean Windows)."""
    if b"\x00" in data:
        raise InputError(source, "", "binary data, not a text file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        utf8_error = e
    try:
        return data.decode("cp949")
    except UnicodeDecodeError:
        raise InputError(source, f"byte {utf8_error.start}", "neither UTF-8 nor CP949 text") from None


def detect(text: str, source: str) -> str:
    """Name of the reader for ``text``, decided by what the text holds, not by the file name."""
    if not text.strip():
        raise InputError(source, "", "the file is empty")
    for name, looks_like in _DETECT:
        if looks_like(text):
            return name
    if any(title in text for title in report.SCRIPT_TITLES):
        raise InputError(
            source,
            "",
            f"a script without a segment list (no '{report.SEGMENTS_TITLE}' section): nothing to time",
        )
    raise InputError(source, "", "not a lecture report or a Remotion segments JSON")


def read_text(text: str, source: str) -> Timeline:
    """A validated timeline from the text of an input."""
    return validate(READERS[detect(text, source)](text, source))


def read_path(path: Path) -> Timeline:
    """A validated timeline from an input file."""
    source = str(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(source, "", e.strerror or str(e)) from None
    return read_text(decode(data, source), source)

"""The subtitle formats, listed once: what ``generate`` writes, ``check`` reads, ``attach`` accepts.

Adding a format is one module that builds a ``Format`` (see ``base``) and one entry in ``FORMATS``;
rendering, detection, ``--formats``, ``attach`` and the writer invariants in the tests all go
through this registry. A text's format is told from its content, never its name: every format's
``sniff`` is asked, and a text that none or several claim is refused (as pysubs2's
``autodetect_format`` does), so no format is anyone's catch-all.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from captions.errors import InputError
from captions.formats import ass, remotion, smi, srt, vtt, words
from captions.formats.base import DEFAULTS, Format, Options, Read, Unreadable
from captions.inputs import load

__all__ = ["DEFAULT_FORMATS", "FORMATS", "Format", "Options", "Read", "detect", "latest", "parse", "read_path"]

FORMATS: dict[str, Format] = {
    f.name: f for f in (srt.FORMAT, vtt.FORMAT, ass.FORMAT, smi.FORMAT, remotion.FORMAT, words.FORMAT)
}
DEFAULT_FORMATS = ("srt", "vtt", "ass")
_LATEST_MS = max(f.max_ms for f in FORMATS.values())  # 99:59:59.999: a time read past every clock we write is none


def latest(names: Iterable[str]) -> tuple[int, str]:
    """The latest time every one of the formats ``names`` can hold, and the format that sets it."""
    return min((FORMATS[n].max_ms, n) for n in names)


def playable_suffixes() -> set[str]:
    """File suffixes of the formats ffmpeg and players read (what ``attach`` accepts)."""
    return {suffix for f in FORMATS.values() for suffix in f.suffixes}


def _readable() -> list[Format]:
    return [f for f in FORMATS.values() if f.read is not None]


def detect(text: str, source: str) -> Format:
    """The one readable format whose ``sniff`` claims ``text``; none or several is an error naming the file."""
    if not text.strip():
        raise InputError(source, "", "the file is empty")
    claims = [f for f in _readable() if f.sniff(text)]
    if not claims:
        names = ", ".join(f.name.upper() for f in _readable())
        raise InputError(source, "", f"not a subtitle file in any format this tool reads ({names})")
    if len(claims) > 1:
        raise InputError(
            source, "", f"reads as {' and '.join(f.name.upper() for f in claims)} at once; cannot tell which it is"
        )
    return claims[0]


def parse(text: str, source: str, options: Options = DEFAULTS) -> Read:
    """The captions of a subtitle file's text, in file order, as a player shows them."""
    fmt = detect(text, source)
    assert fmt.read is not None  # detect only offers readable formats
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a library's own warnings are not for the user's terminal
            read = fmt.read(text, options)
    except Unreadable as e:
        raise InputError(source, "", str(e)) from None
    except Exception as e:  # each library raises its own kinds; all mean the same thing to the user
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise InputError(source, "", f"cannot read as {fmt.name.upper()}: {first[:160]}") from None
    timed = [c for c in read.captions if 0 <= c.start_ms <= _LATEST_MS and 0 <= c.end_ms <= _LATEST_MS]
    if len(timed) < len(read.captions):  # skipped, as a player skips a cue it cannot place
        read = replace(read, captions=timed, skipped=read.skipped + len(read.captions) - len(timed))
    if not read.captions and read.skipped:
        many = "cues or lines" if read.skipped > 1 else "cue or line"
        raise InputError(source, "", f"nothing readable: {read.skipped} malformed {many}")
    return read


def read_path(path: Path, encoding: str | None = None, options: Options = DEFAULTS) -> Read:
    """The captions of a subtitle file, as a player reads it (loaded and decoded as every input is)."""
    return parse(load(path, encoding), str(path), options)

"""SubRip, composed and parsed by ``srt``. Emphasis is dropped by default (many players show ``<b>`` literally)."""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Iterator, Sequence
from datetime import timedelta

import srt  # type: ignore[import-untyped]  # srt 3.5.3 ships no types (no py.typed) and typeshed has no stubs

from captions.caption import Caption, Line
from captions.formats.base import DEFAULTS, WORD_JOINER, Format, Options, Read, Unreadable, caption

_TAG_START = re.compile(r"(<)(?=[A-Za-z/])|(\{)(?=\\)|(--)(?=>)")
_TAGS = re.compile(r"</?(?:b|i|u|s|font)(?:\s[^>]*)?>|\{\\[^}]*\}", re.IGNORECASE)
_TIMING = r"\d+:\d\d:\d\d[,.]\d+\s*-->\s*\d+:\d\d:\d\d[,.]\d+"
_FIRST_CUE = re.compile(rf"[\ufeff\s]*(?:\d+[ \t]*\n[ \t]*)?{_TIMING}")
_TEXT_ON_TIMING = re.compile(rf"^({_TIMING})[ \t]+(?!X1:)(\S.*)$", re.MULTILINE)
_CUE_WITHOUT_BLANK = re.compile(rf"(?<=\S)\n(\d+\n{_TIMING})")


def neutralise(text: str) -> str:
    """Text that no player reads as markup: SRT has no escapes, yet players honour ``<i>``, ``<font>``
    and ASS-style ``{\\an8}``, and ffmpeg starts a new cue at any line that reads as a timing line;
    a word joiner after the ``<``, the ``{`` or the ``--`` of ``-->`` keeps them literal."""
    return _TAG_START.sub(lambda m: m.group(0) + WORD_JOINER, text)


def _line(line: Line, bold: bool) -> str:
    return "".join(f"<b>{neutralise(r.text)}</b>" if bold and r.bold else neutralise(r.text) for r in line)


def write(captions: Sequence[Caption], options: Options = DEFAULTS) -> str:
    """SRT text for ``captions`` (times as given); ``options.bold`` keeps emphasis as ``<b>`` tags."""
    subs = [
        srt.Subtitle(
            i,
            timedelta(milliseconds=c.start_ms),
            timedelta(milliseconds=c.end_ms),
            "\n".join(_line(line, options.bold) for line in c.lines),
        )
        for i, c in enumerate(captions, 1)
    ]
    composed: str = srt.compose(subs, reindex=False)  # srt is untyped (see the import)
    return composed


def sniff(text: str) -> bool:
    """An SRT file begins with its first cue: a number and a timing line (``00:00:01,000 -->
    00:00:02,000``), or the timing line alone. Judging by the beginning, not by a timing line
    anywhere, keeps WebVTT (``WEBVTT`` first) and a caption whose text looks like a timing line apart."""
    return _FIRST_CUE.match(text) is not None


def repaired(text: str) -> str:
    """SRT as players read it when the file is sloppy: text written on the timing line goes to the
    next line, and a cue number and timing line right after text start a new cue."""
    return _CUE_WITHOUT_BLANK.sub(r"\n\n\1", _TEXT_ON_TIMING.sub(r"\1\n\2", text))


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """``srt`` logs each block it cannot parse on its own logger, which reaches stderr with no name of
    ours or of the file: we count those blocks and say so in one line instead."""
    log = logging.getLogger("srt")
    was, log.disabled = log.disabled, True
    try:
        yield
    finally:
        log.disabled = was


def _cues(block: str) -> list[srt.Subtitle]:
    """The cue of one block, or none when it is malformed — a time too large for any clock included
    (``srt`` then fails on the whole file): that block is skipped, as a player skips it."""
    try:
        return list(srt.parse(block, ignore_errors=True))
    except (ValueError, OverflowError, srt.SRTParseError):
        return []


def read(text: str, options: Options = DEFAULTS) -> Read:
    """Cues as players show them: tags (``<i>``, ``<font>``, ``{\\an8}``) dropped, a cue with no text
    left out, a malformed block skipped and counted. Block by block, so one bad cue costs only itself."""
    ms = timedelta(milliseconds=1)
    text = repaired(text)
    blocks = [b for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    with _quiet():
        parsed = [_cues(block + "\n") for block in blocks]
    subs = [s for cues in parsed for s in cues]
    if not subs:
        raise Unreadable("no subtitles found")
    out = [caption(s.start // ms, s.end // ms, _TAGS.sub("", s.content).split("\n")) for s in subs]
    kept = [c for c in out if c.lines]  # a cue with no text shows nothing
    return Read("srt", kept, sum(1 for cues in parsed if not cues))


FORMAT = Format("srt", "srt", write, sniff, read, suffixes=(".srt",))

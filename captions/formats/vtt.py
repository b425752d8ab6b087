"""WebVTT, composed and parsed by ``webvtt-py``; emphasis as ``<b>``, text escaped as the format requires."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

import webvtt

from captions.caption import Caption, Line
from captions.formats.base import DEFAULTS, Format, Options, Read, caption, word_pieces
from captions.timing import clock


def escape(text: str) -> str:
    """Cue text with ``&``, ``<`` and ``>`` as entities, so no input can become markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _line(line: Line) -> str:
    return "".join(f"<b>{escape(r.text)}</b>" if r.bold else escape(r.text) for r in line)


def _timed(c: Caption) -> list[str] | None:
    """The cue's lines with a timestamp before each word after the first (where it is said), so that a
    player can style the words already spoken (``:past``/``:future``); None if ``c`` has no words."""
    lines = word_pieces(c)
    if lines is None:
        return None
    out = []
    for pieces in lines:
        text = ""
        for piece, bold, k in pieces:
            if k:  # not the first word: the cue's own start is its time
                text += f"<{clock(c.words[k].start_ms)}>"
            text += f"<b>{escape(piece)}</b>" if bold else escape(piece)
        out.append(text)
    return out


def write(captions: Sequence[Caption], options: Options = DEFAULTS) -> str:
    """WebVTT text for ``captions`` (times as given); with ``options.word_times``, cue timestamps."""
    cues = [
        webvtt.Caption(
            start=clock(c.start_ms),
            end=clock(c.end_ms),
            text=(_timed(c) if options.word_times else None) or [_line(line) for line in c.lines],
        )
        for c in captions
    ]
    return webvtt.WebVTT(captions=cues).content


def sniff(text: str) -> bool:
    """A WebVTT file starts with ``WEBVTT`` (after a BOM at most; we allow blank space too)."""
    return text.lstrip("\ufeff \t\r\n").startswith("WEBVTT")


def read(text: str, options: Options = DEFAULTS) -> Read:
    """Cues with their tags removed and entities read, as a player shows them; a block webvtt-py makes no
    cue of (a timing line it cannot read, or none) is passed over, as a player passes it, and counted."""
    cues = webvtt.from_string(text).captions
    out = [
        caption(
            c.start_time.in_milliseconds(),
            c.end_time.in_milliseconds(),
            [html.unescape(line) for line in c.text.split("\n")],
        )
        for c in cues
    ]
    return Read("vtt", [c for c in out if c.lines], max(0, len(_cue_blocks(text)) - len(cues)))


def _cue_blocks(text: str) -> list[str]:
    """The blocks after the header that are not a comment, a style or a region: each should be one cue
    (a cue's text holds no blank line), so those webvtt-py made none of were malformed."""
    blocks = [b for b in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n").replace("\r", "\n")) if b.strip()]
    return [b for b in blocks[1:] if not b.lstrip().startswith(("NOTE", "STYLE", "REGION"))]


FORMAT = Format("vtt", "vtt", write, sniff, read, suffixes=(".vtt",))

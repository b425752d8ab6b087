"""SubRip, composed by ``srt``. Emphasis is dropped by default (many players show ``<b>`` literally)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import timedelta

import srt

from captions.caption import Caption, Line

WORD_JOINER = "\u2060"  # invisible and zero-width: breaks a tag without changing what is shown
_TAG_START = re.compile(r"(<)(?=[A-Za-z/])|(\{)(?=\\)")


def neutralise(text: str) -> str:
    """Text that no player reads as markup: SRT has no escapes, yet players honour ``<i>``, ``<font>``
    and ASS-style ``{\\an8}``; a word joiner after the ``<`` or ``{`` keeps them literal."""
    return _TAG_START.sub(lambda m: m.group(0) + WORD_JOINER, text)


def _line(line: Line, bold: bool) -> str:
    return "".join(f"<b>{neutralise(r.text)}</b>" if bold and r.bold else neutralise(r.text) for r in line)


def write(captions: Sequence[Caption], *, bold: bool = False) -> str:
    """SRT text for ``captions`` (times as given); ``bold`` keeps emphasis as ``<b>`` tags."""
    subs = [
        srt.Subtitle(
            i,
            timedelta(milliseconds=c.start_ms),
            timedelta(milliseconds=c.end_ms),
            "\n".join(_line(line, bold) for line in c.lines),
        )
        for i, c in enumerate(captions, 1)
    ]
    return srt.compose(subs, reindex=False)

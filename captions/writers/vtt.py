"""WebVTT, composed by ``webvtt-py``; emphasis as ``<b>``, text escaped as the format requires."""

from __future__ import annotations

from collections.abc import Sequence

import webvtt
from webvtt.models import Timestamp

from captions.caption import Caption, Line


def _stamp(ms: int) -> str:
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return str(Timestamp(hours, minutes, seconds, millis))


def escape(text: str) -> str:
    """Cue text with ``&``, ``<`` and ``>`` as entities, so no input can become markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _line(line: Line) -> str:
    return "".join(f"<b>{escape(r.text)}</b>" if r.bold else escape(r.text) for r in line)


def write(captions: Sequence[Caption]) -> str:
    """WebVTT text for ``captions`` (times as given)."""
    cues = [
        webvtt.Caption(start=_stamp(c.start_ms), end=_stamp(c.end_ms), text=[_line(line) for line in c.lines])
        for c in captions
    ]
    return webvtt.WebVTT(captions=cues).content

"""SubRip, composed by ``srt``. Emphasis is dropped by default (many players show ``<b>`` literally)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

import srt

from captions.caption import Caption


def _line(runs, bold: bool) -> str:
    return "".join(f"<b>{r.text}</b>" if bold and r.bold else r.text for r in runs)


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

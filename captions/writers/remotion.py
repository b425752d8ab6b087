"""Remotion's ``@remotion/captions`` ``Caption`` objects, as JSON, for a ``<Captions>``-style overlay.

Each object is what ``parseSrt`` from ``@remotion/captions`` gives for the same cue of our SRT —
``text`` (lines joined by a newline), ``startMs``, ``endMs``, ``timestampMs`` (the middle of the cue)
and ``confidence`` (1: the text is the script itself, not a recognition) — so a producer can use either
file in Remotion and get the same captions.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from captions.caption import Caption


def _middle(caption: Caption) -> int | float:
    total = caption.start_ms + caption.end_ms
    return total // 2 if total % 2 == 0 else total / 2


def write(captions: Sequence[Caption]) -> str:
    """A JSON array of ``Caption`` objects, in order."""
    items = [
        {
            "text": c.text,
            "startMs": c.start_ms,
            "endMs": c.end_ms,
            "timestampMs": _middle(c),
            "confidence": 1,
        }
        for c in captions
    ]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"

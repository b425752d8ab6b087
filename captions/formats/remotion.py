"""Remotion's ``@remotion/captions`` ``Caption`` objects, as JSON, for a ``<Captions>``-style overlay.

Each object is what ``parseSrt`` from ``@remotion/captions`` gives for the same cue of our SRT —
``text`` (lines joined by a newline), ``startMs``, ``endMs``, ``timestampMs`` (the middle of the cue)
and ``confidence`` (1: the text is the script itself, not a recognition) — so a producer can use either
file in Remotion and get the same captions. ``captions check`` reads such a file back (ours or
another tool's, for example one made by ``@remotion/install-whisper-cpp``'s ``toCaptions``).
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence

from captions.caption import Caption
from captions.formats.base import DEFAULTS, Format, Options, Read, Unreadable, caption


def _middle(caption: Caption) -> int | float:
    total = caption.start_ms + caption.end_ms
    return total // 2 if total % 2 == 0 else total / 2


def write(captions: Sequence[Caption], options: Options = DEFAULTS) -> str:
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


def _items(text: str) -> list[object] | None:
    """The JSON array the text holds, or None when it holds something else."""
    if not text.lstrip("\ufeff \t\r\n").startswith("["):
        return None
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):  # a RecursionError: nested hundreds deep, no captions file
        return None
    return data if isinstance(data, list) else None


def _is_caption(item: object) -> bool:
    return isinstance(item, dict) and {"text", "startMs", "endMs"} <= item.keys()


def sniff(text: str) -> bool:
    """A JSON array of objects that each have ``text``, ``startMs`` and ``endMs``."""
    items = _items(text)
    return items is not None and all(_is_caption(item) for item in items)


def _ms(value: object, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
        raise Unreadable(f"{where}: not a time in milliseconds ({value!r})")
    return round(value)


def read(text: str, options: Options = DEFAULTS) -> Read:
    """Each object as a caption, its ``text`` lines as the caption's lines, in file order."""
    items = _items(text)
    if items is None:
        raise Unreadable("not a JSON array of captions")
    out = []
    for k, item in enumerate(items):
        if not _is_caption(item):
            raise Unreadable(f"item {k}: not a caption object with text, startMs and endMs")
        assert isinstance(item, dict)
        if not isinstance(item["text"], str):
            raise Unreadable(f"item {k}: 'text' is not a string")
        start, end = _ms(item["startMs"], f"item {k} startMs"), _ms(item["endMs"], f"item {k} endMs")
        found = caption(start, end, item["text"].split("\n"))
        if found.lines:
            out.append(found)
    return Read("remotion", out)


FORMAT = Format("remotion", "captions.json", write, sniff, read)

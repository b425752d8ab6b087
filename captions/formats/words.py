"""Every word with its time, as ``@remotion/captions`` ``Caption`` tokens: ``STEM.words.json``.

One object per word, in order, as the package's own word tokens are: ``text`` carries the space before
the word (every word but the lecture's first: ``createTikTokStyleCaptions`` starts a new token, and may
start a new page, at a leading space, and joins a token without one to the one before), ``startMs`` and
``endMs`` (from where it is heard to where the next word is, or its caption ends), ``timestampMs`` (where
it is heard) and ``confidence`` (1: heard in the media; below 1: estimated by weight — between words that
were heard, or, without media, by weight alone). The last word of each of our captions has
``pageBreakAfter``, which ``createTikTokStyleCaptions`` honours by ending its page there: pages made from
this file end where our captions end, whatever ``combineTokensWithinMilliseconds`` says.

Only written: the file is a Remotion ``Caption[]``, so ``captions check`` reads it as the ``remotion``
format does (one caption a word).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from captions.caption import Caption
from captions.formats.base import DEFAULTS, Format, Options


def write(captions: Sequence[Caption], options: Options = DEFAULTS) -> str:
    """A JSON array of word tokens, in order (see the module's note)."""
    items: list[dict[str, object]] = []
    for c in captions:
        for k, w in enumerate(c.words):
            item: dict[str, object] = {
                "text": (" " if w.spaced and items else "") + w.text,
                "startMs": w.start_ms,
                "endMs": w.end_ms,
                "timestampMs": w.start_ms,
                "confidence": w.confidence,
            }
            if k == len(c.words) - 1:
                item["pageBreakAfter"] = True
            items.append(item)
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def _never(_text: str) -> bool:
    return False  # a words file is a Remotion Caption[]: the remotion format reads it


FORMAT = Format("words", "words.json", write, _never)

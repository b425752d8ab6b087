"""Advanced SubStation Alpha, composed by ``pysubs2``: 1920×1080, Hangul font, outlined white text."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pysubs2

from captions.caption import Caption, Line

FONT = "Noto Sans CJK KR"
PLAY_RES = (1920, 1080)


def _style() -> pysubs2.SSAStyle:
    """White text with a dark outline and soft shadow, bottom centre, sized for 16 Hangul a line."""
    return pysubs2.SSAStyle(
        fontname=FONT,
        fontsize=64,
        primarycolor=pysubs2.Color(255, 255, 255, 0),
        secondarycolor=pysubs2.Color(255, 255, 255, 0),
        outlinecolor=pysubs2.Color(16, 16, 16, 0),
        backcolor=pysubs2.Color(0, 0, 0, 128),
        outline=3.5,
        shadow=1.5,
        alignment=pysubs2.Alignment.BOTTOM_CENTER,
        marginl=120,
        marginr=120,
        marginv=72,
    )


def escape(text: str) -> str:
    """Plain text that libass shows as written: braces and backslashes cannot start override tags.

    A backslash is followed by a word joiner (U+2060, invisible, zero width) so ``\\N``, ``\\n``
    and ``\\h`` stay literal; braces become libass's escaped ``\\{`` and ``\\}``.
    """
    return text.replace("\\", "\\\u2060").replace("{", "\\{").replace("}", "\\}")


_ESCAPE_OR_TAG = re.compile(r"\\[{}Nnh]|\\\u2060|\{[^}]*\}")
_UNESCAPE = {"\\{": "{", "\\}": "}", "\\N": "\n", "\\n": "\n", "\\h": "\u00a0", "\\\u2060": "\\"}


def to_plain(text: str) -> str:
    """What libass shows for an event's text, as plain text: override blocks dropped, escapes read.

    The inverse of ``escape`` for our own files, and a fair reading of anyone else's (``\\n`` is
    read as a line break, as with ``WrapStyle: 2``).
    """
    return _ESCAPE_OR_TAG.sub(lambda m: _UNESCAPE.get(m.group(0), ""), text)


def _line(line: Line) -> str:
    return "".join(f"{{\\b1}}{escape(r.text)}{{\\b0}}" if r.bold else escape(r.text) for r in line)


def write(captions: Sequence[Caption]) -> str:
    """ASS text for ``captions`` (times as given; the format keeps centiseconds)."""
    subs = pysubs2.SSAFile()
    subs.info["PlayResX"], subs.info["PlayResY"] = (str(v) for v in PLAY_RES)
    subs.info["WrapStyle"] = "2"  # we break lines ourselves; the renderer must not re-wrap
    subs.styles["Default"] = _style()
    for c in captions:
        subs.events.append(
            pysubs2.SSAEvent(start=c.start_ms, end=c.end_ms, text="\\N".join(_line(line) for line in c.lines))
        )
    return subs.to_string("ass")

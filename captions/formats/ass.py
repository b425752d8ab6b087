"""Advanced SubStation Alpha (and SSA), made and read by ``pysubs2``: 1920×1080, Hangul font, outlined white text."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pysubs2

from captions.caption import Caption, Line
from captions.formats.base import DEFAULTS, Format, Options, Read, caption, word_pieces

FONT = "Noto Sans CJK KR"
PLAY_RES = (1920, 1080)


def _style(karaoke: bool = False) -> pysubs2.SSAStyle:
    """White text with a dark outline and soft shadow, bottom centre, sized for 16 Hangul a line; for
    karaoke, the words not yet said in light grey (the secondary colour ``{\\kf}`` fills from)."""
    return pysubs2.SSAStyle(
        fontname=FONT,
        fontsize=64,
        primarycolor=pysubs2.Color(255, 255, 255, 0),
        secondarycolor=pysubs2.Color(150, 150, 150, 0) if karaoke else pysubs2.Color(255, 255, 255, 0),
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


def _karaoke(c: Caption) -> str | None:
    """The event's text with a ``{\\kf}`` before each word, lasting until the next word is said (in
    centiseconds, rounded from the event's start so that the durations add up); None if ``c`` has no words."""
    lines = word_pieces(c)
    if lines is None:
        return None

    def cs(ms: int) -> int:
        return (ms - c.start_ms + 5) // 10

    out = []
    for pieces in lines:
        text = ""
        for piece, bold, k in pieces:
            if k is not None:
                w = c.words[k]
                text += f"{{\\kf{cs(w.end_ms) - cs(w.start_ms)}}}"
            text += f"{{\\b1}}{escape(piece)}{{\\b0}}" if bold else escape(piece)
        out.append(text)
    return "\\N".join(out)


def write(captions: Sequence[Caption], options: Options = DEFAULTS) -> str:
    """ASS text for ``captions`` (times as given; the format keeps centiseconds); with ``options.karaoke``,
    each word lights up from grey to white as it is said."""
    subs = pysubs2.SSAFile()
    subs.info["PlayResX"], subs.info["PlayResY"] = (str(v) for v in PLAY_RES)
    subs.info["WrapStyle"] = "2"  # we break lines ourselves; the renderer must not re-wrap
    subs.styles["Default"] = _style(options.karaoke)
    for c in captions:
        text = (_karaoke(c) if options.karaoke else None) or "\\N".join(_line(line) for line in c.lines)
        subs.events.append(pysubs2.SSAEvent(start=c.start_ms, end=c.end_ms, text=text))
    return subs.to_string("ass")


_EVENTS = re.compile(r"^\[Events\][ \t]*$", re.MULTILINE)


def sniff(text: str) -> bool:
    """An ASS/SSA file opens with a section header (``[Script Info]``, the spec's first line, or
    another section in a sloppy file) and has an ``[Events]`` section, or at least opens with
    ``[Script Info]``; an ``[Events]`` line in another format's caption text does not count."""
    head = text.lstrip("\ufeff \t\r\n")
    return head.startswith("[Script Info]") or (head.startswith("[") and _EVENTS.search(text) is not None)


_DRAWING = re.compile(r"\{[^}]*\\p[1-9][^}]*\}.*?(?=\{[^}]*\\p0[^}]*\}|$)", re.DOTALL)


def _shown(text: str) -> list[str]:
    r"""What an ASS event shows as text: vector drawings (``{\p1}m 0 0 l …{\p0}``) and tags are not text."""
    return to_plain(_DRAWING.sub("", text)).split("\n")


def _events(text: str) -> tuple[list[pysubs2.SSAEvent], int]:
    """Every event pysubs2 reads; when it refuses the file, each event line alone, the bad ones counted
    (ffmpeg skips a malformed line the same way)."""
    try:
        return pysubs2.SSAFile.from_string(text).events, 0
    except Exception:
        kept: list[pysubs2.SSAEvent] = []
        skipped = 0
        head, _, body = text.partition("[Events]")
        lines = body.split("\n")
        fmt = next((line for line in lines if line.startswith("Format:")), "")
        for line in lines:
            if not line.startswith(("Dialogue:", "Comment:")):
                continue
            try:
                kept.extend(pysubs2.SSAFile.from_string(f"{head}[Events]\n{fmt}\n{line}\n").events)
            except Exception:
                skipped += 1
        return kept, skipped


def read(text: str, options: Options = DEFAULTS) -> Read:
    """Dialogue events as shown: comments, drawings and tag-only events are nothing to read."""
    events, skipped = _events(text)
    out = []
    for e in events:
        lines = _shown(e.text)
        if e.is_comment or not any(line.strip() for line in lines):
            continue  # a comment, a drawing, or tags alone: nothing on screen to read
        out.append(caption(e.start, e.end, lines))
    return Read("ass", out, skipped)


# one digit of hours and centiseconds: 9:59:59.99
FORMAT = Format("ass", "ass", write, sniff, read, suffixes=(".ass", ".ssa"), max_ms=35_999_990, precision_ms=10)

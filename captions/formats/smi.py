"""SAMI (``.smi``), which Korean desktop players (PotPlayer, KMPlayer, GOM) still prefer.

pysubs2 1.8 reads SAMI but cannot write it (its ``sami`` format raises ``NotImplementedError`` on
write), so this module writes the small subset those players read — one ``<SYNC Start=ms>`` per cue
with a Korean class (``KRCC``), ``<br>`` between lines, ``<b>`` for emphasis, and an empty ``&nbsp;``
cue wherever the screen should go blank — and the tests read every file back with pysubs2's reader.
SAMI has start times only: a cue lasts until the next ``SYNC``. Reading is ours too (an
``HTMLParser``), because real files carry several tracks and we must choose the Korean one.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from html.parser import HTMLParser

from captions.caption import Caption, Line
from captions.formats.base import DEFAULTS, Format, Options, Read, Unreadable, caption
from captions.text.syllables import is_hangul

HEAD = """<SAMI>
<HEAD>
<TITLE>{title}</TITLE>
<STYLE TYPE="text/css">
<!--
P {{ margin-left: 8pt; margin-right: 8pt; margin-bottom: 2pt; margin-top: 2pt; text-align: center;
    font-size: 20pt; font-family: "Noto Sans CJK KR", "Malgun Gothic", sans-serif; font-weight: normal;
    color: white; background-color: black; }}
.KRCC {{ Name: 한국어; lang: ko-KR; SAMIType: CC; }}
-->
</STYLE>
</HEAD>
<BODY>
"""
BLANK = "&nbsp;"


def _line(line: Line) -> str:
    return "".join(
        f"<b>{html.escape(r.text, quote=False)}</b>" if r.bold else html.escape(r.text, quote=False) for r in line
    )


def write(captions: Sequence[Caption], options: Options = DEFAULTS) -> str:
    """SAMI text for ``captions`` (times as given, ``options.title`` as its title), with a blank cue
    after each caption that no cue follows at once."""
    out = [HEAD.format(title=html.escape(options.title))]
    for i, c in enumerate(captions):
        out.append(f"<SYNC Start={c.start_ms}><P Class=KRCC>{'<br>'.join(_line(line) for line in c.lines)}\n")
        following = captions[i + 1].start_ms if i + 1 < len(captions) else None
        if following is None or following > c.end_ms:
            out.append(f"<SYNC Start={c.end_ms}><P Class=KRCC>{BLANK}\n")
    out.append("</BODY>\n</SAMI>\n")
    return "".join(out)


def sniff(text: str) -> bool:
    """A SAMI file opens with ``<SAMI>``."""
    return text.lstrip("\ufeff \t\r\n")[:5].upper() == "<SAMI"


class _Sami(HTMLParser):
    """SAMI's SYNC elements, each paragraph under its track (its ``Class``)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.cues: list[tuple[int, str, str]] = []  # (start ms, track, text)
        self.start: int | None = None
        self.track = ""
        self.text: list[str] = []
        self.skipped = 0

    def flush(self) -> None:
        """Keep the cue being read (at the next SYNC, at the end of the body, or of a file without one)."""
        if self.start is not None:
            self.cues.append((self.start, self.track, "".join(self.text)))
        self.text = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "") for k, v in attrs}
        if tag == "sync":
            self.flush()
            digits = re.match(r"\s*(\d+)", values.get("start", ""))
            self.start = int(digits.group(1)) if digits else None
            self.skipped += digits is None
            self.track = ""
        elif tag == "p":
            if self.text:
                self.flush()
            self.track = values.get("class", "")
        elif tag == "br":
            self.text.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("sync", "body", "sami"):
            self.flush()
            if tag != "sync":
                self.start = None

    def handle_data(self, data: str) -> None:
        if self.start is not None:
            self.text.append(re.sub(r"\s+", " ", data))


def _korean_share(texts: list[str]) -> float:
    letters = [ch for t in texts for ch in t if ch.isalpha()]
    return sum(map(is_hangul, letters)) / len(letters) if letters else 0.0


def read(text: str, options: Options = DEFAULTS) -> Read:
    """One track of a SAMI file: the one asked for, else the one whose text is Korean (class names lie:
    real files carry Korean under ``ENCC``). Each cue ends at the next SYNC of its own track."""
    track = options.track
    parser = _Sami()
    parser.feed(text)
    parser.close()
    parser.flush()  # a file that never closes its BODY
    names = tuple(dict.fromkeys(name for _, name, _ in parser.cues))
    by_track = {name: [(start, body) for start, n, body in parser.cues if n == name] for name in names}
    if track is not None:
        matches = [n for n in names if n.lower() == track.lower()]
        if not matches:
            raise Unreadable(f"no track {track!r} (tracks: {', '.join(names) or 'none'})")
        chosen = matches[0]
    elif names:
        chosen = max(names, key=lambda n: (_korean_share([b for _, b in by_track[n]]), len(by_track[n])))
    else:
        chosen = ""
    cues = sorted(by_track.get(chosen, []), key=lambda c: c[0])
    out = []
    for k, (start, body) in enumerate(cues):
        lines = [line.strip("\xa0 ") for line in body.split("\n")]  # the parser has read the entities
        if not any(lines):
            continue  # &nbsp; clears the screen: the previous cue ends here
        end = cues[k + 1][0] if k + 1 < len(cues) else start + 500 + 67 * len(body)
        out.append(caption(start, end, lines))
    return Read("smi", out, parser.skipped, chosen or None, names)


FORMAT = Format("smi", "smi", write, sniff, read, suffixes=(".smi", ".sami"))

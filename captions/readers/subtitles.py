"""Subtitle files from anywhere (SRT, WebVTT, ASS/SSA) read back into captions, for ``captions check``.

Each format is parsed by its library — ``srt``, ``webvtt-py``, ``pysubs2`` — and its markup removed
the way a player would: SRT's ``<b>``/``<i>``/``<font>`` and ``{\\an8}``-style tags, WebVTT's cue
tags and entities, ASS's override blocks and escapes. The format is told from the content.
"""

from __future__ import annotations

import html
import re
import warnings
from dataclasses import dataclass
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path

import pysubs2
import srt
import webvtt

from captions.caption import Caption, Run
from captions.readers import load
from captions.text.syllables import is_hangul
from captions.timeline import InputError
from captions.writers.ass import to_plain
from captions.writers.srt import WORD_JOINER

_SRT_TAGS = re.compile(r"</?(?:b|i|u|s|font)(?:\s[^>]*)?>|\{\\[^}]*\}", re.IGNORECASE)


def detect(text: str) -> str:
    """``vtt``, ``smi``, ``ass`` or ``srt``, from the text itself."""
    head = text.lstrip("\ufeff \t\r\n")
    if head.startswith("WEBVTT"):
        return "vtt"
    if head[:5].upper() == "<SAMI":
        return "smi"
    if head.startswith("[Script Info]") or "\n[Events]" in text:
        return "ass"
    return "srt"


def _caption(start_ms: int, end_ms: int, lines: list[str]) -> Caption:
    kept = tuple((Run(line.replace(WORD_JOINER, "")),) for line in lines if line.strip())
    return Caption(0, start_ms, end_ms, kept)


@dataclass
class Read:
    """A subtitle file as a player reads it: its format, its captions, and what was passed over."""

    format: str
    captions: list[Caption]
    skipped: int = 0  # malformed cues or lines left out, as a player leaves them
    track: str | None = None  # the SAMI track (Class) read, when the file has several
    tracks: tuple[str, ...] = ()


_DRAWING = re.compile(r"\{[^}]*\\p[1-9][^}]*\}.*?(?=\{[^}]*\\p0[^}]*\}|$)", re.DOTALL)


def _ass_text(text: str) -> list[str]:
    r"""What an ASS event shows as text: vector drawings (``{\p1}m 0 0 l …{\p0}``) and tags are not text."""
    return to_plain(_DRAWING.sub("", text)).split("\n")


def _ass(text: str) -> tuple[list[Caption], int]:
    """Events of an ASS/SSA file; a malformed line is skipped and counted, as ffmpeg does."""
    try:
        events = pysubs2.SSAFile.from_string(text).events
        skipped = 0
    except Exception:
        kept, skipped = [], 0
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
        events = kept
    out = []
    for e in events:
        lines = _ass_text(e.text)
        if e.is_comment or not any(line.strip() for line in lines):
            continue  # a comment, a drawing, or tags alone: nothing on screen to read
        out.append(_caption(e.start, e.end, lines))
    return out, skipped


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


def _sami(text: str, track: str | None, source: str) -> Read:
    """One track of a SAMI file: the one asked for, else the one whose text is Korean (class names lie:
    real files carry Korean under ``ENCC``). Each cue ends at the next SYNC of its own track."""
    parser = _Sami()
    parser.feed(text)
    parser.close()
    parser.flush()  # a file that never closes its BODY
    names = tuple(dict.fromkeys(name for _, name, _ in parser.cues))
    by_track = {name: [(start, body) for start, n, body in parser.cues if n == name] for name in names}
    if track is not None:
        matches = [n for n in names if n.lower() == track.lower()]
        if not matches:
            raise InputError(source, "", f"no track {track!r} (tracks: {', '.join(names) or 'none'})")
        chosen = matches[0]
    elif names:
        chosen = max(names, key=lambda n: (_korean_share([b for _, b in by_track[n]]), len(by_track[n])))
    else:
        chosen = ""
    cues = sorted(by_track.get(chosen, []), key=lambda c: c[0])
    out = []
    for k, (start, body) in enumerate(cues):
        lines = [line.strip("\xa0 ") for line in html.unescape(body).split("\n")]
        if not any(lines):
            continue  # &nbsp; clears the screen: the previous cue ends here
        end = cues[k + 1][0] if k + 1 < len(cues) else start + 500 + 67 * len(body)
        out.append(_caption(start, end, lines))
    return Read("smi", out, parser.skipped, chosen or None, names)


def parse(text: str, source: str, track: str | None = None) -> Read:
    """The captions of a subtitle file's text, in file order, as a player shows them."""
    fmt = detect(text)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a library's own warnings are not for the user's terminal
            read = _parse(fmt, text, source, track)
    except InputError:
        raise
    except Exception as e:  # each library raises its own kinds; all mean the same thing to the user
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise InputError(source, "", f"cannot read as {fmt.upper()}: {first[:160]}") from None
    if not read.captions and read.skipped:
        raise InputError(source, "", f"nothing readable: {read.skipped} malformed cues or lines")
    return read


def _parse(fmt: str, text: str, source: str, track: str | None) -> Read:
    if fmt == "vtt":
        cues = webvtt.from_string(text).captions
        out = [
            _caption(
                c.start_time.in_milliseconds(),
                c.end_time.in_milliseconds(),
                [html.unescape(line) for line in c.text.split("\n")],
            )
            for c in cues
        ]
        return Read(fmt, [c for c in out if c.lines])
    if fmt == "smi":
        return _sami(text, track, source)
    if fmt == "ass":
        captions, skipped = _ass(text)
        return Read(fmt, captions, skipped)
    ms = timedelta(milliseconds=1)
    text = _srt_repaired(text)
    blocks = [b for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    subs = list(srt.parse(text, ignore_errors=True))
    if not subs:
        raise InputError(source, "", "no subtitles found (not SRT, WebVTT or ASS)")
    out = [_caption(s.start // ms, s.end // ms, _SRT_TAGS.sub("", s.content).split("\n")) for s in subs]
    kept = [c for c in out if c.lines]  # a cue with no text shows nothing
    return Read(fmt, kept, max(0, len(blocks) - len(subs)))


_TIMING = r"\d+:\d\d:\d\d[,.]\d+\s*-->\s*\d+:\d\d:\d\d[,.]\d+"
_TEXT_ON_TIMING = re.compile(rf"^({_TIMING})[ \t]+(?!X1:)(\S.*)$", re.MULTILINE)
_CUE_WITHOUT_BLANK = re.compile(rf"(?<=\S)\n(\d+\n{_TIMING})")


def _srt_repaired(text: str) -> str:
    """SRT as players read it when the file is sloppy: text written on the timing line goes to the
    next line, and a cue number and timing line right after text start a new cue."""
    return _CUE_WITHOUT_BLANK.sub(r"\n\n\1", _TEXT_ON_TIMING.sub(r"\1\n\2", text))


def read_path(path: Path, encoding: str | None = None, track: str | None = None) -> Read:
    """The captions of a subtitle file, as a player reads them."""
    return parse(load(path, encoding), str(path), track)

"""What every subtitle format is: a name, an extension, a writer, a reader where it can be read, a sniffer.

The shape follows pysubs2's ``formats`` package: one object per format, asked in turn whether a text
is theirs (``sniff``), and detection that refuses a text no format or several formats claim. Each
format module builds its ``FORMAT`` from its own functions; ``captions.formats`` lists them once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from captions.caption import Caption, Run

WORD_JOINER = "\u2060"  # invisible and zero-width: our writers put it inside would-be markup to keep it literal


@dataclass(frozen=True)
class Options:
    """Everything any format's writer or reader can be told; each takes what it needs and ignores the rest."""

    bold: bool = False  # SRT: keep emphasis as <b> tags (many players show them literally, so off by default)
    title: str = "captions"  # SAMI: the <TITLE> of the file
    track: str | None = None  # SAMI, reading: the track (Class) to read; by default the Korean one
    karaoke: bool = False  # ASS: each word lights up as it is said ({\kf} before each word)
    word_times: bool = False  # WebVTT: a cue timestamp before each word after the first (<00:01:02.345>)


DEFAULTS = Options()  # frozen, so one shared default serves every call


@dataclass
class Read:
    """A subtitle file as a player reads it: its format, its captions, and what was passed over."""

    format: str
    captions: list[Caption]
    skipped: int = 0  # malformed cues or lines left out, as a player leaves them
    track: str | None = None  # the SAMI track (Class) read, when the file has several
    tracks: tuple[str, ...] = ()


class Unreadable(ValueError):
    """A format's reader found the text unusable; the message says why (the caller names the file)."""


Writer = Callable[[Sequence[Caption], Options], str]
Reader = Callable[[str, Options], Read]


@dataclass(frozen=True)
class Format:
    """One subtitle format. ``read`` is None for a format we only write."""

    name: str  # what --formats and reports call it
    extension: str  # what its files are written with (no leading dot)
    write: Writer
    sniff: Callable[[str], bool]  # whether a text is in this format; no other format's sniff may also say yes
    read: Reader | None = None
    suffixes: tuple[str, ...] = field(default=())  # file suffixes ffmpeg and players read it under; () if none do
    max_ms: int = 359_999_999  # the latest time it holds; SRT's and WebVTT's two-digit hours: 99:59:59.999
    precision_ms: int = 1  # how finely it keeps times (ASS: centiseconds)


def caption(start_ms: int, end_ms: int, lines: Sequence[str]) -> Caption:
    """A caption read from a file: its non-blank lines as plain runs, our word joiners taken out."""
    kept = tuple((Run(line.replace(WORD_JOINER, "")),) for line in lines if line.strip())
    return Caption(0, start_ms, end_ms, kept)


Piece = tuple[str, bool, int | None]  # text, emphasised, the index of the word it begins (None: no word begins)
_PIECES = re.compile(r"\s+|\S+")


def word_pieces(c: Caption) -> list[list[Piece]] | None:
    """Each line of ``c`` cut where its words begin, for a writer that marks each word (ASS karaoke, WebVTT
    cue timestamps): pieces of text in order, each with its emphasis and, if a word begins with it, the
    word's index in ``c.words``. None when the lines do not split into ``c.words`` (a caption read from a
    file has no words), so the writer leaves the words unmarked."""
    lines: list[list[Piece]] = []
    k = 0
    for line in c.lines:
        pieces: list[Piece] = []
        starting = True  # a word begins at each line's start and after each space
        for run in line:
            for m in _PIECES.finditer(run.text):
                text = m.group()
                blank = text.isspace()
                begins = starting and not blank
                pieces.append((text, run.bold, k if begins else None))
                k += 1 if begins else 0
                starting = blank
        lines.append(pieces)
    return lines if c.words and k == len(c.words) else None

"""Subtitle files from anywhere (SRT, WebVTT, ASS/SSA) read back into captions, for ``captions check``.

Each format is parsed by its library — ``srt``, ``webvtt-py``, ``pysubs2`` — and its markup removed
the way a player would: SRT's ``<b>``/``<i>``/``<font>`` and ``{\\an8}``-style tags, WebVTT's cue
tags and entities, ASS's override blocks and escapes. The format is told from the content.
"""

from __future__ import annotations

import html
import re
from datetime import timedelta
from pathlib import Path

import pysubs2
import srt
import webvtt

from captions.caption import Caption, Run
from captions.readers import load
from captions.timeline import InputError
from captions.writers import ass
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


def parse(text: str, source: str) -> tuple[str, list[Caption]]:
    """The format and the captions of a subtitle file's text, in file order."""
    fmt = detect(text)
    try:
        if fmt == "vtt":
            cues = webvtt.from_string(text).captions
            return fmt, [
                _caption(
                    c.start_time.in_milliseconds(),
                    c.end_time.in_milliseconds(),
                    [html.unescape(line) for line in c.text.split("\n")],
                )
                for c in cues
            ]
        if fmt == "smi":
            cues = sorted(pysubs2.SSAFile.from_string(text, format_="sami").events, key=lambda e: e.start)
            out = []
            for k, e in enumerate(cues):
                lines = ass.to_plain(e.text).split("\n")
                if any(line.strip("\xa0 ") for line in lines):
                    end = cues[k + 1].start if k + 1 < len(cues) else e.end
                    out.append(_caption(e.start, end, [line.strip("\xa0 ") for line in lines]))
            return fmt, out
        if fmt == "ass":
            events = pysubs2.SSAFile.from_string(text).events
            return fmt, [_caption(e.start, e.end, ass.to_plain(e.text).split("\n")) for e in events if not e.is_comment]
        ms = timedelta(milliseconds=1)
        subs = list(srt.parse(text))
        if not subs:
            raise InputError(source, "", "no subtitles found (not SRT, WebVTT or ASS)")
        return fmt, [_caption(s.start // ms, s.end // ms, _SRT_TAGS.sub("", s.content).split("\n")) for s in subs]
    except InputError:
        raise
    except Exception as e:  # each library raises its own kinds; all mean the same thing to the user
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise InputError(source, "", f"cannot read as {fmt.upper()}: {first[:160]}") from None


def read_path(path: Path, encoding: str | None = None) -> tuple[str, list[Caption]]:
    """The format and captions of a subtitle file."""
    return parse(load(path, encoding), str(path))

"""The properties every output must hold, as plain functions shared by property and corpus tests."""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Sequence
from datetime import timedelta
from fractions import Fraction

import pysubs2
import srt
import webvtt

from captions.caption import Caption, line_text
from captions.pipeline import Result
from captions.text.markup import parse
from captions.timing import scale_ms
from captions.writers import ass as ass_writer
from captions.writers import srt as srt_writer
from captions.writers import vtt as vtt_writer


def nonspace(text: str) -> str:
    return "".join(text.split())


def check_text_kept(result: Result) -> None:
    """Every character of the script (markup aside) appears exactly once, in order, in its segment."""
    for seg in result.timeline.segments:
        mine = [c for c in result.captions if c.segment == seg.number]
        spoken = parse(seg.text).text
        assert nonspace("".join(c.text for c in mine)) == nonspace(spoken), seg.number
        joined = " ".join(line_text(line) for c in mine for line in c.lines)
        if all(result.profile.width(w) <= result.profile.max_line_width for w in spoken.split()):
            # breaks only at spaces: the lines, joined by single spaces, are the text itself
            assert joined == spoken, seg.number


def check_layout(result: Result) -> None:
    for c in result.captions:
        assert 1 <= len(c.lines) <= result.profile.max_lines, c
        for line in c.lines:
            text = line_text(line)
            assert text and text == text.strip(), c
            assert result.profile.width(text) <= result.profile.max_line_width, c


def check_times(result: Result, captions: Sequence[Caption], speed: Fraction) -> None:
    """Inside its segment (at this speed), in order, no overlap; the segment is tiled from start to end."""
    timeline = result.synced.timeline if result.synced else result.timeline
    segments = {s.number: s for s in timeline.segments}
    previous_end = 0
    for c in captions:
        seg = segments[c.segment]
        assert scale_ms(seg.start_ms, speed) <= c.start_ms <= c.end_ms <= scale_ms(seg.end_ms, speed), c
        assert c.start_ms >= previous_end, c
        previous_end = c.end_ms
    for seg in timeline.segments:
        mine = [c for c in captions if c.segment == seg.number]
        if mine:
            assert mine[0].start_ms == scale_ms(seg.start_ms, speed)
            assert mine[-1].end_ms == scale_ms(seg.end_ms, speed)
            for a, b in itertools.pairwise(mine):
                assert a.end_ms == b.start_ms  # captions of a segment touch


def check_speed(result: Result, speed: Fraction) -> None:
    """The captions at ``speed`` are the 1x captions with times divided by it (±1 ms), same text."""
    fast = result.at(speed)
    assert len(fast) == len(result.captions)
    for a, b in zip(result.captions, fast, strict=True):
        assert a.lines == b.lines
        assert abs(b.start_ms - a.start_ms / speed) <= 1 and abs(b.end_ms - a.end_ms / speed) <= 1


def check_writers(captions: Sequence[Caption]) -> None:
    """SRT, WebVTT and ASS parse back (with srt, webvtt-py, pysubs2) to the same cues."""
    texts = [c.text for c in captions]
    subs = list(srt.parse(srt_writer.write(captions)))
    ms = timedelta(milliseconds=1)
    assert [(s.start // ms, s.end // ms) for s in subs] == [(c.start_ms, c.end_ms) for c in captions]
    assert [s.content.replace(srt_writer.WORD_JOINER, "") for s in subs] == texts
    bold = list(srt.parse(srt_writer.write(captions, bold=True)))
    assert [re.sub(r"</?b>", "", s.content).replace(srt_writer.WORD_JOINER, "") for s in bold] == texts
    vtt = webvtt.from_string(vtt_writer.write(captions))
    assert [(v.start_time.in_milliseconds(), v.end_time.in_milliseconds()) for v in vtt.captions] == [
        (c.start_ms, c.end_ms) for c in captions
    ]
    assert [html.unescape(v.text) for v in vtt.captions] == texts
    ass = pysubs2.SSAFile.from_string(ass_writer.write(captions))
    assert len(ass.events) == len(captions)
    for e, c in zip(ass.events, captions, strict=True):
        assert abs(e.start - c.start_ms) <= 5 and abs(e.end - c.end_ms) <= 5
        assert ass_writer.to_plain(e.text) == c.text
    assert ass.info["PlayResX"] == "1920" and ass.info["PlayResY"] == "1080"


def check_all(result: Result) -> None:
    check_text_kept(result)
    check_layout(result)
    for speed in result.speeds:
        captions = result.at(speed)
        check_times(result, captions, speed)
        check_speed(result, speed)
        check_writers(captions)

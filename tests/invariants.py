"""The properties every output must hold, as plain functions shared by property and corpus tests."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from fractions import Fraction

from captions.caption import Caption, line_text
from captions.formats import FORMATS, Format, Options
from captions.pipeline import Result
from captions.text.markup import parse
from captions.timing import scale_ms


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
    segments = {s.number: s for s in result.timeline.segments}
    previous_end = 0
    for c in captions:
        seg = segments[c.segment]
        assert scale_ms(seg.start_ms, speed) <= c.start_ms <= c.end_ms <= scale_ms(seg.end_ms, speed), c
        assert c.start_ms >= previous_end, c
        previous_end = c.end_ms
    for seg in result.timeline.segments:
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


def check_writers(captions: Sequence[Caption], formats: Iterable[Format] | None = None) -> None:
    """Every format (by default every registered one), with and without emphasis: what it writes is
    claimed by its own ``sniff`` and no other's, and reads back to the same cues — times within the
    format's precision, every character of the text."""
    texts = [c.text for c in captions]
    for fmt in FORMATS.values() if formats is None else formats:
        for options in (Options(), Options(bold=True, title="<강의> & 'ü'")):
            written = fmt.write(captions, options)
            assert isinstance(written, str) and (written or not captions), fmt.name
            if fmt.read is None or not captions:
                continue
            claims = [other.name for other in FORMATS.values() if other.read and other.sniff(written)]
            assert claims == [fmt.name], (fmt.name, claims)
            read = fmt.read(written, options).captions
            assert len(read) == len(captions), fmt.name
            slack = fmt.precision_ms // 2
            for got, want in zip(read, captions, strict=True):
                assert abs(got.start_ms - want.start_ms) <= slack and abs(got.end_ms - want.end_ms) <= slack, fmt.name
            assert [c.text for c in read] == texts, fmt.name


def check_all(result: Result) -> None:
    check_text_kept(result)
    check_layout(result)
    for speed in result.speeds:
        captions = result.at(speed)
        check_times(result, captions, speed)
        check_speed(result, speed)
        check_writers(captions)

"""Time inside a segment, and speed scaling.

A segment's span is shared by its captions in proportion to their weight: the weighted width of
the text each one speaks, including the space after it (see ``plan.Chunk.weight``). A Hangul
syllable is one beat and a Latin letter, digit, space or punctuation mark half a beat: roughly
how long a Korean TTS voice takes over them, and the same measure a reader's eye spends, so every
caption of a segment gets the same reading speed. Boundaries are rounded to whole milliseconds once,
from the running total, so the captions tile the segment exactly: the first starts at its start and
the last ends at its end. Captions touch (the profile's minimum gap applies to captions that do not).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from fractions import Fraction

from captions.caption import Caption, Word
from captions.plan import Chunk
from captions.timeline import Segment

# a word's confidence: heard in the media; placed by weight between heard ones; by weight alone (no
# media); heard, but where its neighbours cannot be (so placed by weight between them instead)
HEARD, BETWEEN, ESTIMATED, DISAGREED = 1.0, 0.7, 0.5, 0.3


def allocate(
    segment: Segment,
    chunks: Sequence[Chunk],
    anchors: Sequence[tuple[int, int]] = (),
    heard: bool = False,
    words: Sequence[tuple[int, int]] = (),
) -> list[Caption]:
    """Captions for ``chunks`` sharing ``segment``'s span exactly, in proportion to their weight, each with
    its words timed the same way.

    ``anchors`` pin weight offsets inside the segment to times (from ``sync``: a sentence or a word start
    heard in the media); between pins, and with none, time runs in proportion to weight. ``heard``: the
    segment's span itself comes from the media, so its start is a heard time too. ``words``: where the
    media alignment heard each word it placed (weight, ms), pinned or not, for the words' ``heard_ms``.
    """
    total = sum(c.weight for c in chunks)
    if not chunks or total <= 0:
        return []
    points = [(0, segment.start_ms)]
    for offset, ms in sorted(anchors):
        if points[-1][0] < offset < total and points[-1][1] <= ms <= segment.end_ms:
            points.append((offset, ms))
    points.append((total, segment.end_ms))
    pinned = dict(points[:-1]) if heard else {}
    found = pinned | dict(words)  # where each word was heard: a sentence's or the segment's start too
    captions: list[Caption] = []
    running = 0
    start = segment.start_ms
    for chunk in chunks:
        said: list[tuple[str, int, float, bool, int | None]] = []  # text, start, confidence, spaced, heard
        at = running
        for text, weight, spaced in chunk.words:
            sure = HEARD if at in pinned else DISAGREED if at in found else BETWEEN if heard else ESTIMATED
            said.append((text, start if at == running else _at(points, at), sure, spaced, found.get(at)))
            at += weight
        running += chunk.weight
        end = _at(points, running)
        ends = [x[1] for x in said[1:]] + [end]
        timed = tuple(Word(x, t, e, c, sp, h) for (x, t, c, sp, h), e in zip(said, ends, strict=True))
        captions.append(Caption(segment.number, start, end, chunk.lines, timed))
        start = end
    return captions


def _at(points: Sequence[tuple[int, int]], weight: int) -> int:
    """The time at ``weight`` on the piecewise-linear line through ``points`` (weight, ms, weights rising),
    rounded once; the piece is found by bisection: with media a segment has a point at every word."""
    k = bisect.bisect_left(points, (weight,))  # the first point at or after ``weight``
    if k == 0:
        return points[0][1]
    if k == len(points):
        return points[-1][1]
    (w0, t0), (w1, t1) = points[k - 1], points[k]
    return t0 + _round_div((t1 - t0) * (weight - w0), w1 - w0)


def _round_div(a: int, b: int) -> int:
    """``a / b`` rounded half up, in integers."""
    return (2 * a + b) // (2 * b)


def scale_ms(ms: int, speed: Fraction) -> int:
    """A 1x time at playback ``speed``: divided, rounded half up to the millisecond.

    The same 1x time always maps to the same scaled time, so captions that touch at 1x touch at
    every speed; and the mapping never decreases, so nothing that did not overlap starts to.

    >>> scale_ms(1000, Fraction(3, 2)), scale_ms(3, Fraction(2))  # 666.67 and 1.5, rounded half up
    (667, 2)
    """
    return _round_div(ms * speed.denominator, speed.numerator)


def scale(captions: Sequence[Caption], speed: Fraction) -> list[Caption]:
    """The same captions with every time divided by ``speed``, their words' too."""
    if speed == 1:
        return list(captions)
    return [
        c.with_times(
            scale_ms(c.start_ms, speed),
            scale_ms(c.end_ms, speed),
            tuple(
                w.with_times(
                    scale_ms(w.start_ms, speed),
                    scale_ms(w.end_ms, speed),
                    None if w.heard_ms is None else scale_ms(w.heard_ms, speed),
                )
                for w in c.words
            ),
        )
        for c in captions
    ]


def parse_speed(text: str) -> Fraction:
    """A playback speed as written by the user (``1.5``, ``2``, ``1.25``), exactly: as a fraction, so
    that times divided by it are exact.

    >>> parse_speed("1.5"), parse_speed(" 2 "), parse_speed("1.25")
    (Fraction(3, 2), Fraction(2, 1), Fraction(5, 4))
    >>> parse_speed("0")
    Traceback (most recent call last):
    ValueError: speed '0' must be above 0 and at most 16
    """
    try:
        value = Fraction(text.strip())
    except (ValueError, ZeroDivisionError):
        raise ValueError(f"speed {text!r} is not a number") from None
    if value <= 0 or value > 16:
        raise ValueError(f"speed {text!r} must be above 0 and at most 16")
    return value


def clock(ms: int) -> str:
    """``HH:MM:SS.mmm``, WebVTT's timestamp, and how the report and errors write a time.

    >>> clock(3_723_004)
    '01:02:03.004'
    """
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"

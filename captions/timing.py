"""Time inside a segment, and speed scaling.

A segment's span is shared by its captions in proportion to their weight: the weighted width of
the text each one speaks, including the space after it (see ``plan.Chunk.weight``). A Hangul
syllable is one beat and a Latin letter, digit, space or punctuation mark half a beat: roughly
how long a Korean TTS voice takes over them, and the same measure a reader's eye spends, so every
caption of a segment gets the same reading speed. Boundaries are rounded to whole milliseconds once,
from the running total, so the captions tile the segment exactly: the first starts at its start and
the last ends at its end. Captions touch (the profile's minimum gap applies to captions that do not).

With media, ``held`` then ends a caption followed by a real pause in the voice shortly after its last
word, as a subtitler times out-times to the audio: half a second after the voice stops, or later where
the profile's duration and reading speed need it, and a gap to the next caption only if it is longer
than half a second; shorter gaps stay closed (Netflix's timing guide: out-times up to 12 frames past the
end of the audio; gaps of 12 frames or fewer "chained").
"""

from __future__ import annotations

import bisect
from collections.abc import Collection, Sequence
from fractions import Fraction
from itertools import pairwise

from captions.caption import Caption, Word, line_text
from captions.plan import Chunk
from captions.profiles import Profile
from captions.text.width import HALF
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
    silences: Sequence[tuple[int, int]] = (),
    between: Collection[int] = (),
) -> list[Caption]:
    """Captions for ``chunks`` sharing ``segment``'s span exactly, in proportion to their weight, each with
    its words timed the same way.

    ``anchors`` pin weight offsets inside the segment to times (from ``sync``: a sentence or a word start
    heard in the media); between pins, and with none, time runs in proportion to weight. ``heard``: the
    segment's span itself comes from the media, so its start is a heard time too. ``words``: where the
    media alignment heard each word it placed (weight, ms), pinned or not, for the words' ``heard_ms``.
    ``silences``: the pauses heard in the media (1x ms, in order); the words before a pinned point that the
    voice reaches after a pause are spoken before that pause begins, not spread across it (``_paused``).
    ``between``: the weight offsets of pinned words placed by the reference's rhythm between heard ones, not
    heard themselves (``sync``'s ``WORD_FIT``): confidence ``BETWEEN``, no ``heard_ms``.
    """
    total = sum(c.weight for c in chunks)
    if not chunks or total <= 0:
        return []
    points = [(0, segment.start_ms)]
    for offset, ms in sorted(anchors):
        if points[-1][0] < offset < total and points[-1][1] <= ms <= segment.end_ms:
            points.append((offset, ms))
    points.append((total, segment.end_ms))
    if silences:
        points = _paused(points, silences)
    pinned = dict(points[:-1]) if heard else {}
    found = pinned | dict(words)  # where each word was heard: a sentence's or the segment's start too
    for offset in between:
        found.pop(offset, None)
    captions: list[Caption] = []
    running = 0
    start = segment.start_ms
    for chunk in chunks:
        said: list[tuple[str, int, float, bool, int | None]] = []  # text, start, confidence, spaced, heard
        at = running
        for text, weight, spaced in chunk.words:
            sure = (
                BETWEEN
                if at in between
                else HEARD
                if at in pinned
                else DISAGREED
                if at in found
                else BETWEEN
                if heard
                else ESTIMATED
            )
            said.append((text, start if at == running else _at(points, at), sure, spaced, found.get(at)))
            at += weight
        running += chunk.weight
        end = _at(points, running)
        ends = [x[1] for x in said[1:]] + [end]
        timed = tuple(Word(x, t, e, c, sp, h) for (x, t, c, sp, h), e in zip(said, ends, strict=True))
        captions.append(Caption(segment.number, start, end, chunk.lines, timed))
        start = end
    return captions


HOLD_MS = 500  # on screen, at every speed: the most a caption stays after the voice stops before a pause
CHAIN_MS = 500  # on screen, at any speed: a gap to the next caption this short or shorter stays closed
VOICE_TOLERANCE_MS = 150  # a pause counts as the one before the next caption if it ends this near its start


def held(
    captions: Sequence[Caption],
    end_ms: int,
    silences: Sequence[tuple[int, int]],
    profile: Profile,
    speeds: Sequence[Fraction],
) -> list[Caption]:
    """``captions`` (one segment's, tiling it up to ``end_ms``) with each one that the voice stops after
    ended ``HOLD_MS`` after it stops, where that leaves a gap worth showing before the next one.

    ``silences``: (start, end) of the pauses heard in the media, 1x ms, in order. A caption is held when a
    pause begins after it starts and lasts until the next caption (or the segment's end); it then ends
    ``HOLD_MS`` after the pause begins (at the slowest speed, so no file holds it longer) — or as long after
    its last word's start, which may be an estimate placed late —, or later where the profile's minimum
    duration or reading speed needs it at any speed; and it keeps its
    end when the gap left would be ``CHAIN_MS`` or shorter at any speed, or under the profile's minimum
    gap. Starts never move and no caption grows, so order, segments and every rule hold as before.
    """
    out = list(captions)
    if not silences or not out or not speeds:
        return out
    begins = [a for a, _ in silences]
    hold = round(HOLD_MS * min(speeds))
    chain = CHAIN_MS * max(speeds)
    for i, c in enumerate(out):
        following = out[i + 1].start_ms if i + 1 < len(out) else end_ms
        said = c.words[-1].start_ms if c.words else c.start_ms
        stops = _voice_stops(silences, begins, c.start_ms, following, following - VOICE_TOLERANCE_MS)
        if stops is None:
            continue
        end = max(stops + hold, said + hold, _least_end(c, profile, speeds))
        if following - end <= chain or not _gap_allowed(end, following, profile, speeds):
            continue
        last = c.words[-1:]  # the last word now ends with its caption
        words = (*c.words[:-1], *(w.with_times(w.start_ms, end, w.heard_ms) for w in last))
        out[i] = c.with_times(c.start_ms, end, words)
    return out


def _voice_stops(
    silences: Sequence[tuple[int, int]], begins: Sequence[int], after: int, before: int, lo: int, hi: int | None = None
) -> int | None:
    """Where the voice last stops between ``after`` and ``before`` for a pause that ends between ``lo`` and
    ``hi`` (no bound above if None): the start of the last such pause, if any. ``begins``: the pauses'
    starts, for the bisection."""
    k = bisect.bisect_right(begins, after)
    stops = None
    while k < len(silences) and silences[k][0] < before:
        if lo <= silences[k][1] and (hi is None or silences[k][1] <= hi):
            stops = silences[k][0]
        k += 1
    return stops


def _least_end(caption: Caption, profile: Profile, speeds: Sequence[Fraction]) -> int:
    """The earliest end at which ``caption`` is long enough and slow enough to read at every speed."""
    chars = sum(profile.width(line_text(line)) for line in caption.lines) / HALF
    shown = max(profile.min_duration_ms, -(-chars * 1000 // profile.max_cps)) if profile.max_cps > 0 else 0
    end = caption.start_ms + max(int(shown * s) for s in speeds)
    while any(scale_ms(end, s) - scale_ms(caption.start_ms, s) < shown for s in speeds):
        end += 1  # rounding at a speed: a millisecond or two at most
    return end


def _gap_allowed(end: int, following: int, profile: Profile, speeds: Sequence[Fraction]) -> bool:
    """Whether a gap from ``end`` to ``following`` is either none or at least the profile's minimum, at
    every speed."""
    gaps = (scale_ms(following, s) - scale_ms(end, s) for s in speeds)
    return all(g == 0 or g >= profile.min_gap_ms for g in gaps)


def _paused(points: list[tuple[int, int]], silences: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """``points`` with a point where the voice stops before each one it reaches after a pause: a pause that
    begins after the point before and ends within ``VOICE_TOLERANCE_MS`` of this one. The new point sits one
    weight unit before, so the time runs out at the pause's start and jumps across it."""
    begins = [a for a, _ in silences]
    out = [points[0]]
    for (w0, t0), (w1, t1) in pairwise(points):
        stop = _voice_stops(silences, begins, t0, t1, t1 - VOICE_TOLERANCE_MS, t1 + VOICE_TOLERANCE_MS)
        if stop is not None and w1 - 1 > w0:
            out.append((w1 - 1, stop))
        out.append((w1, t1))
    return out


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

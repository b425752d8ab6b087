"""The lecture's timeline: segments with integer-millisecond spans, and what the header claims.

Every reader produces a ``Timeline``; everything downstream reads only this. Times are parsed from
their decimal text (``13.80`` → 13800) or rounded from JSON floats, never carried as floats.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from captions.errors import InputError

__all__ = [
    "Finding",
    "Header",
    "InputError",
    "Segment",
    "Timeline",
    "ms_from_float",
    "ms_from_text",
    "speed_label",
    "validate",
]


@dataclass(frozen=True)
class Segment:
    """One Remotion segment: its number as the report shows it (from 1), span and raw script text."""

    number: int
    start_ms: int
    end_ms: int
    text: str

    @property
    def duration_ms(self) -> int:
        return self.end_ms - self.start_ms


@dataclass(frozen=True)
class Finding:
    """Something about the input that a person should look at: not fatal, shown in the report."""

    kind: str
    message: str
    segment: int | None = None


@dataclass(frozen=True)
class Header:
    """The facts the report's header (or the sidecar's metadata) states about the lecture."""

    facts: tuple[tuple[str, str], ...] = ()
    segment_count: int | None = None
    total_ms: int | None = None
    fast_minutes: Decimal | None = None  # "1.5배속 기준 K분"


@dataclass(frozen=True)
class Timeline:
    """Segments in order, with the header and what reading the input already noticed."""

    source: str
    kind: str
    segments: tuple[Segment, ...]
    header: Header = field(default_factory=Header)
    findings: tuple[Finding, ...] = ()

    @property
    def end_ms(self) -> int:
        return self.segments[-1].end_ms if self.segments else 0


MAX_MS = 359_999_999  # 99:59:59.999, the latest time an SRT file can hold
_DECIMAL = re.compile(r"\d+(?:\.\d+)?")


def ms_from_text(text: str) -> int:
    """Seconds written in decimal as integer milliseconds, rounded half up: parsed from the text, so
    no float ever stands between what the report says and the time.

    >>> ms_from_text("13.80"), ms_from_text("0.0005"), ms_from_text("0.0004")
    (13800, 1, 0)
    """
    if not _DECIMAL.fullmatch(text):
        raise ValueError(f"not a number of seconds: {text!r}")
    try:
        return int((Decimal(text) * 1000).quantize(Decimal(1), rounding="ROUND_HALF_UP"))
    except InvalidOperation as e:  # pragma: no cover - the pattern already excludes it
        raise ValueError(f"not a number of seconds: {text!r}") from e


def ms_from_float(value: float) -> int:
    """JSON float seconds as the nearest integer millisecond (upstream's summed durations carry float noise).

    >>> ms_from_float(532.9999999999999), ms_from_float(232.39999999999998)
    (533000, 232400)
    """
    return int((Decimal(repr(value)) * 1000).quantize(Decimal(1), rounding="ROUND_HALF_UP"))


def validate(timeline: Timeline) -> Timeline:
    """Refuse a timeline captions cannot be built on; return it with findings about gaps added.

    Segments must be in order and must not overlap; a segment with text must last; numbers must
    be unique. A gap between segments is allowed (silence on screen) and reported.
    """
    if timeline.segments and not any(seg.text.strip() for seg in timeline.segments):
        raise InputError(timeline.source, "", "no segment has any text: nothing to caption")
    seen: set[int] = set()
    findings = list(timeline.findings)
    previous: Segment | None = None
    for seg in timeline.segments:
        where = f"구간 {seg.number}"
        if seg.number in seen:
            raise InputError(timeline.source, where, "duplicate segment number")
        seen.add(seg.number)
        if seg.start_ms < 0 or seg.end_ms < seg.start_ms:
            raise InputError(timeline.source, where, "negative start or duration")
        if seg.end_ms > MAX_MS:
            raise InputError(
                timeline.source, where, f"ends at {seg.end_ms / 1000:g} s, past 99:59:59.999, the latest time SRT holds"
            )
        if seg.end_ms == seg.start_ms and seg.text.strip():
            raise InputError(timeline.source, where, "segment has text but lasts 0 ms")
        if previous is not None:
            if seg.start_ms < previous.end_ms:
                raise InputError(
                    timeline.source,
                    where,
                    f"starts at {seg.start_ms} ms, before 구간 {previous.number} ends at {previous.end_ms} ms",
                )
            if seg.start_ms > previous.end_ms:
                findings.append(
                    Finding(
                        "timeline-gap",
                        f"앞 구간({previous.number})이 끝나고 {(seg.start_ms - previous.end_ms) / 1000:g}초 "
                        "동안 구간이 없습니다 (그동안 자막 없음)",
                        seg.number,
                    )
                )
        previous = seg
    return Timeline(timeline.source, timeline.kind, timeline.segments, timeline.header, tuple(findings))


def speed_label(speed: Fraction) -> str:
    """How a speed is written in file names and reports: Python's ``f"{s:g}x"``.

    >>> speed_label(Fraction(1)), speed_label(Fraction(3, 2)), speed_label(Fraction(5, 4))
    ('1x', '1.5x', '1.25x')
    """
    return f"{float(speed):g}x"

"""Rule checks of any list of captions against a profile: the report and ``captions check`` share it.

Reading speed is the caption's width as the profile counts it (netflix-ko: a Hangul syllable 1, any
other character 0.5, the line break nothing) per second on screen.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from captions.caption import Caption, line_text
from captions.profiles import Profile
from captions.text.width import HALF
from captions.timeline import speed_label
from captions.timing import scale

RULES = (
    "line-too-wide",
    "too-many-lines",
    "too-short",
    "too-long",
    "reading-speed",
    "overlap",
    "gap-too-small",
)


@dataclass(frozen=True)
class Measure:
    """One caption measured at one speed: line widths in half-units, reading speed, rules broken."""

    index: int
    start_ms: int
    end_ms: int
    line_widths: tuple[int, ...]
    cps: float
    violations: tuple[str, ...]

    @property
    def duration_ms(self) -> int:
        return self.end_ms - self.start_ms


def reading_speed(total_width: int, duration_ms: int) -> float:
    """Weighted characters per second; infinite for a caption with text and no time.

    >>> reading_speed(24, 2000)  # 24 half-units: 12 Hangul syllables, for 2 s
    6.0
    >>> reading_speed(24, 0), reading_speed(0, 0)
    (inf, 0.0)
    """
    if duration_ms <= 0:
        return float("inf") if total_width else 0.0
    return total_width / HALF * 1000 / duration_ms


def measure(captions: Sequence[Caption], profile: Profile) -> list[Measure]:
    """Each caption's figures and the profile rules it breaks, in the order of ``RULES``."""
    out: list[Measure] = []
    previous_end: int | None = None
    for index, c in enumerate(captions, 1):
        widths = tuple(profile.width(line_text(line)) for line in c.lines)
        cps = reading_speed(sum(widths), c.duration_ms)
        broken: list[str] = []
        if any(w > profile.max_line_width for w in widths):
            broken.append("line-too-wide")
        if len(widths) > profile.max_lines:
            broken.append("too-many-lines")
        if c.duration_ms < profile.min_duration_ms:
            broken.append("too-short")
        if c.duration_ms > profile.max_duration_ms:
            broken.append("too-long")
        if cps > profile.max_cps:
            broken.append("reading-speed")
        if previous_end is not None:
            gap = c.start_ms - previous_end
            if gap < 0:
                broken.append("overlap")
            elif 0 < gap < profile.min_gap_ms:
                broken.append("gap-too-small")
        previous_end = c.end_ms if previous_end is None else max(previous_end, c.end_ms)
        out.append(Measure(index, c.start_ms, c.end_ms, widths, cps, tuple(broken)))
    return out


def measure_speeds(
    captions: Sequence[Caption], profile: Profile, speeds: Sequence[Fraction]
) -> dict[Fraction, list[Measure]]:
    """``measure`` at each playback speed, the times divided by it first."""
    return {s: measure(scale(captions, s), profile) for s in speeds}


def flags(measures: Mapping[Fraction, Sequence[Measure]], speeds: Sequence[Fraction], index: int) -> list[str]:
    """The rules the caption at ``index`` (0-based) breaks, speed by speed, as ``rule@speed``: how the
    report and the review page name them (``too-short@1.5x``)."""
    return [f"{v}@{speed_label(s)}" for s in speeds for v in measures[s][index].violations]


def broken(measures: Mapping[Fraction, Sequence[Measure]]) -> int:
    """How many rule breaches there are, over every caption and speed."""
    return sum(len(m.violations) for ms in measures.values() for m in ms)


def _finite(cps: float) -> float | None:
    """A reading speed JSON can carry (it has no Infinity): rounded, or ``None`` for a caption with text
    and no time.

    >>> _finite(12.3456), _finite(float("inf"))
    (12.35, None)
    """
    return round(cps, 2) if math.isfinite(cps) else None


def as_json(
    source: str,
    fmt: str,
    profile: Profile,
    captions: Sequence[Caption],
    measures: Mapping[Fraction, Sequence[Measure]],
) -> dict[str, object]:
    """One file's check as plain JSON data (the shape is documented in the README)."""
    speeds = list(measures)
    first = measures[speeds[0]]
    rows = []
    for i, c in enumerate(captions):
        rows.append(
            {
                "index": i + 1,
                "start_ms": c.start_ms,
                "end_ms": c.end_ms,
                "duration_ms": c.duration_ms,
                "lines": [
                    {"text": line_text(line), "width": w / HALF}
                    for line, w in zip(c.lines, first[i].line_widths, strict=True)
                ],
                "cps": {speed_label(s): _finite(measures[s][i].cps) for s in speeds},  # null: no time at all
                "times": {speed_label(s): [measures[s][i].start_ms, measures[s][i].end_ms] for s in speeds},
                "violations": {speed_label(s): list(measures[s][i].violations) for s in speeds},
            }
        )
    summary = {
        speed_label(s): {
            "max_cps": _finite(max((m.cps for m in measures[s]), default=0.0)),
            "violations": dict(Counter(v for m in measures[s] for v in m.violations)),
        }
        for s in speeds
    }
    return {
        "file": source,
        "format": fmt,
        "profile": profile.name,
        "speeds": [speed_label(s) for s in speeds],
        "caption_count": len(captions),
        "summary": summary,
        "captions": rows,
    }

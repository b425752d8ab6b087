"""Rule checks of any list of captions against a profile: the report and ``captions check`` share it.

Reading speed is the caption's weighted width (Netflix's Korean count: a Hangul syllable 1, any
other character 0.5, the line break nothing) per second on screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from captions.caption import Caption, line_text
from captions.profiles import Profile
from captions.text.width import HALF, width

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
    """Weighted characters per second; infinite for a caption with text and no time."""
    if duration_ms <= 0:
        return float("inf") if total_width else 0.0
    return total_width / HALF * 1000 / duration_ms


def measure(captions: Sequence[Caption], profile: Profile) -> list[Measure]:
    """Each caption's figures and the profile rules it breaks, in the order of ``RULES``."""
    out: list[Measure] = []
    previous_end: int | None = None
    for index, c in enumerate(captions, 1):
        widths = tuple(width(line_text(line)) for line in c.lines)
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

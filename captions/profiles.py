"""Rule sets a caption is held to, as frozen dataclasses.

Widths are in half-units (see ``text.width``): 32 half-units is Netflix's 16 Korean characters.
Reading speed is weighted characters (the same width, in whole characters) per second of display.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Profile:
    """Limits of one subtitle style guide."""

    name: str
    max_line_width: int  # half-units
    max_lines: int
    min_duration_ms: int
    max_duration_ms: int
    max_cps: float  # weighted characters per second
    min_gap_ms: int  # a gap between two captions is either 0 (they touch) or at least this

    def describe(self) -> str:
        """The profile's numbers in one line, for reports and listings."""
        return (
            f"{self.name}: 한 줄 ≤ {self.max_line_width / 2:g}자, ≤ {self.max_lines}줄, "
            f"{self.min_duration_ms / 1000:.3g}–{self.max_duration_ms / 1000:g}초, "
            f"≤ {self.max_cps:g}자/초, 간격 0 또는 ≥ {self.min_gap_ms}ms"
        )


NETFLIX_KO = Profile(
    name="netflix-ko",
    max_line_width=32,
    max_lines=2,
    min_duration_ms=833,  # 5/6 s, 20 frames at 24 fps
    max_duration_ms=7000,
    max_cps=12.0,
    min_gap_ms=83,  # two frames at 24 fps
)

PROFILES: dict[str, Profile] = {p.name: p for p in (NETFLIX_KO,)}
DEFAULT = NETFLIX_KO.name


def get(name: str) -> Profile:
    """The profile called ``name``; ``KeyError`` names the ones there are."""
    try:
        return PROFILES[name]
    except KeyError:
        raise KeyError(f"unknown profile {name!r} (known: {', '.join(PROFILES)})") from None

"""Rule sets a caption is held to, as frozen dataclasses.

Widths are in half-units (see ``text.width``) so that Korean's weighted count stays in integers:
32 half-units is Netflix's 16 Korean characters. A profile that counts plain characters (English)
counts every character as 2 half-units. Reading speed is that width, in whole characters, per second
on screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from captions.text import width as _width

WEIGHTED = "weighted"  # full-width 1, anything else 0.5 (Netflix's CJK rule)
CHARACTERS = "characters"  # every character 1 (Netflix's Latin-script rule)


@dataclass(frozen=True)
class Profile:
    """Limits of one subtitle style guide, and how it counts a character."""

    name: str
    max_line_width: int  # half-units
    max_lines: int
    min_duration_ms: int
    max_duration_ms: int
    max_cps: float  # characters (in the profile's count) per second
    min_gap_ms: int  # a gap between two captions is either 0 (they touch) or at least this
    counting: str = WEIGHTED
    source: str = ""

    def char_width(self, ch: str) -> int:
        """Width of one character in half-units, as this profile counts."""
        return _width.char_width(ch) if self.counting == WEIGHTED else _width.HALF

    def width(self, text: str) -> int:
        """Width of a line in half-units, as this profile counts: 32 half-units is netflix-ko's 16 Korean
        characters; a profile counting plain characters (English) counts each as 2.

        >>> NETFLIX_KO.width("가" * 16) == NETFLIX_KO.max_line_width
        True
        >>> NETFLIX_KO.width("보안 OK"), NETFLIX_EN.width("보안 OK")
        (7, 10)
        """
        if self.counting == WEIGHTED:
            return _width.width(text)
        return _width.HALF * (len(text) - text.count("\n"))

    def describe(self) -> str:
        """The profile's numbers in one line, for reports and listings."""
        unit = "자"
        return (
            f"{self.name}: 한 줄 ≤ {self.max_line_width / 2:g}{unit}, ≤ {self.max_lines}줄, "
            f"{self.min_duration_ms / 1000:.3g}–{self.max_duration_ms / 1000:g}초, "
            f"≤ {self.max_cps:g}{unit}/초, "
            + (f"간격 0 또는 ≥ {self.min_gap_ms}ms" if self.min_gap_ms else "간격 규칙 없음")
        )


NETFLIX_KO = Profile(
    name="netflix-ko",
    max_line_width=32,
    max_lines=2,
    min_duration_ms=833,  # 5/6 s, 20 frames at 24 fps
    max_duration_ms=7000,
    max_cps=12.0,
    min_gap_ms=83,  # two frames at 24 fps
    source="Netflix Korean Timed Text Style Guide: 16 characters a line (CJK counts 1, the rest 0.5), "
    "2 lines, 5/6 s to 7 s, two-frame gaps; 12 characters a second is a conservative CJK reading speed",
)
NETFLIX_EN = Profile(
    name="netflix-en",
    max_line_width=84,
    max_lines=2,
    min_duration_ms=833,
    max_duration_ms=7000,
    max_cps=20.0,
    min_gap_ms=83,
    counting=CHARACTERS,
    source="Netflix English Timed Text Style Guide: 42 characters a line, 2 lines, 5/6 s to 7 s, "
    "20 characters a second (adult programmes)",
)
YOUTUBE_KO = Profile(
    name="youtube-ko",
    max_line_width=40,
    max_lines=2,
    min_duration_ms=667,
    max_duration_ms=8000,
    max_cps=15.0,
    min_gap_ms=0,
    source="YouTube sets no limits; its caption box is wider than a TV safe area, so 20 weighted characters "
    "a line still fit a phone in landscape at the default size; viewers can pause and rewind, so 15 "
    "characters a second, 2/3 s (16 frames) to 8 s, and touching or any gaps (the player shows no flicker)",
)

PROFILES: dict[str, Profile] = {p.name: p for p in (NETFLIX_KO, NETFLIX_EN, YOUTUBE_KO)}
DEFAULT = NETFLIX_KO.name


def get(name: str) -> Profile:
    """The profile called ``name``; ``KeyError`` names the ones there are.

    >>> get("youtube-ko").max_cps
    15.0
    >>> get("nope")
    Traceback (most recent call last):
    KeyError: "unknown profile 'nope' (known: netflix-ko, netflix-en, youtube-ko)"
    """
    try:
        return PROFILES[name]
    except KeyError:
        raise KeyError(f"unknown profile {name!r} (known: {', '.join(PROFILES)})") from None

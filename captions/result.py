"""What one lecture produces before any file is written: below ``pipeline``, which makes it, and the
writers (``writers.report``, ``writers.review``), which read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from captions import timing
from captions.caption import Caption
from captions.measures import Measure
from captions.profiles import Profile
from captions.timeline import Finding, Timeline

if TYPE_CHECKING:  # sync loads only for a lecture given its media
    from captions import sync


@dataclass(frozen=True)
class Result:
    """Everything one lecture produces, before any file is written."""

    timeline: Timeline  # what the captions were timed on: the source, or the source fitted to the media
    source: Timeline  # the timeline as read
    profile: Profile
    speeds: tuple[Fraction, ...]
    captions: tuple[Caption, ...]  # at 1x
    findings: tuple[Finding, ...]
    measures: dict[Fraction, list[Measure]]  # each speed's rule check, made once in ``build``
    synced: sync.Synced | None = None  # how the timeline was fitted to the media, if it was

    def at(self, speed: Fraction) -> list[Caption]:
        """The captions with times at playback ``speed``."""
        return timing.scale(self.captions, speed)

"""What every lecture reader is: the kind of input it reads, how it recognises one, and how it reads it.

One object per input kind (a lecture report, a Remotion sidecar, a bare script), like the subtitle
formats of ``captions.formats``; ``captions.readers`` lists them once and tells an input's kind from
its content, refusing a text that no reader or several readers claim.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from captions.timeline import Timeline


@dataclass(frozen=True)
class LectureFormat:
    """One kind of lecture input."""

    name: str  # the timeline's ``kind``, as the report names it
    describe: str  # what it is, for the error that says an input is none of them
    sniff: Callable[[str], bool]  # whether a text is of this kind; no other reader's sniff may also say yes
    read: Callable[[str, str], Timeline]  # (text, source) → timeline, or an InputError naming the place
    estimated: bool = False  # its timeline is only upstream's estimate: read only when asked to


def opens_json(text: str) -> bool:
    """Whether a text begins like JSON (an object or an array); only the sidecar is JSON among lectures."""
    return text.lstrip()[:1] in ("{", "[")

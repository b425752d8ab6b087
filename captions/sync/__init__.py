"""Fit the captions to the lecture's media: when each segment, sentence and word is really heard.

One package for everything media fitting needs, with one error type (``MediaError``): ``media`` reads
the audio or video with ffmpeg, ``features`` turns samples into frames, ``speech`` speaks the script with
espeak-ng as a reference, ``align`` finds the reference in the media, and ``fitting`` moves the timeline
onto what was found. The rest of captions uses only the names below; it never reaches into the modules,
and nothing here imports planning or writing. numpy loads only when media is listened to or aligned.
"""

from __future__ import annotations

from captions.errors import MediaError
from captions.sync.fitting import (
    METHODS,
    Media,
    Moved,
    Pause,
    Spoken,
    Synced,
    findings,
    fit,
    heard,
    scaled,
)
from captions.sync.media import Heard, duration_ms, has_picture, listen, tool

__all__ = [
    "METHODS",
    "Heard",
    "Media",
    "MediaError",
    "Moved",
    "Pause",
    "Spoken",
    "Synced",
    "duration_ms",
    "findings",
    "fit",
    "has_picture",
    "heard",
    "listen",
    "scaled",
    "tool",
]

"""The Remotion sidecar (``*_segments.json``): full segment texts with float-second times."""

from __future__ import annotations

import math
import re

from captions.inputs import parse_json
from captions.readers.base import LectureFormat
from captions.timeline import MAX_MS, Header, InputError, Segment, Timeline, ms_from_float

_SEGMENTS_KEY = re.compile(r'"segments"\s*:')


def sniff(text: str) -> bool:
    """A JSON object with a ``segments`` key. Broken JSON that has one is still claimed, so that the
    reader can say where it breaks; other JSON (a captions file, a list) is not a sidecar."""
    return text.lstrip()[:1] == "{" and _SEGMENTS_KEY.search(text) is not None


def _number(value: object, source: str, where: str, name: str) -> float:
    """A time in seconds, checked before any arithmetic: a whole number of 400 digits is a valid JSON
    number that no float holds, so the bounds come first (Python compares them exactly)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError(source, where, f"'{name}' must be a number of seconds, not {type(value).__name__}")
    if value != value:  # NaN, which no comparison below catches
        raise InputError(source, where, f"'{name}' is not a finite number ({value!r})")
    if value < 0:
        raise InputError(source, where, f"'{name}' is negative ({_seconds(value)})")
    if value > MAX_MS / 1000:
        raise InputError(source, where, f"'{name}' is {_seconds(value)}, past 99:59:59.999, the latest time SRT holds")
    return float(value)


def _seconds(value: float) -> str:
    """A time as a message shows it, ``1e+35 s`` — and not 400 digits, nor through a float that fails."""
    digits = len(str(abs(value))) if isinstance(value, int) else 0
    return f"a {digits}-digit number of seconds" if digits > 15 else f"{value:g} s"


def read(text: str, source: str) -> Timeline:
    """Parse a segments JSON sidecar; every type is checked, times round to the nearest ms."""
    data = parse_json(text, source, parse_constant=lambda c: math.nan)
    if not isinstance(data, dict):
        raise InputError(source, "", "JSON top level must be an object with 'segments'")
    raw_segments = data.get("segments")
    if not isinstance(raw_segments, list):
        raise InputError(source, "segments", "'segments' must be a list")
    if not raw_segments:
        raise InputError(source, "segments", "the list of segments is empty")
    segments: list[Segment] = []
    for pos, item in enumerate(raw_segments):
        where = f"segments[{pos}]"
        if not isinstance(item, dict):
            raise InputError(source, where, "a segment must be an object")
        index = item.get("index", pos)
        if isinstance(index, bool) or not isinstance(index, int):
            raise InputError(source, where, "'index' must be a whole number")
        text_value = item.get("text")
        if not isinstance(text_value, str):
            raise InputError(source, where, "'text' must be a string")
        start = _number(item.get("startTime"), source, where, "startTime")
        duration = _number(item.get("duration"), source, where, "duration")
        # upstream sums float durations into the next start, so the end is rounded from the same sum
        segments.append(Segment(index + 1, ms_from_float(start), ms_from_float(start + duration), text_value))
    total = data.get("totalDuration")
    total_ms = None
    if isinstance(total, (int, float)) and not isinstance(total, bool) and total == total and total >= 0:
        total_ms = ms_from_float(_number(total, source, "totalDuration", "totalDuration"))
    metadata = data.get("metadata")
    facts = tuple((str(k), str(v)) for k, v in metadata.items()) if isinstance(metadata, dict) else ()
    return Timeline(source, "segments-json", tuple(segments), Header(facts, None, total_ms, None))


FORMAT = LectureFormat("segments-json", "a Remotion segments JSON", sniff, read)

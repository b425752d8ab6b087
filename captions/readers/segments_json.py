"""The Remotion sidecar (``*_segments.json``): full segment texts with float-second times."""

from __future__ import annotations

import json
import math
import re

from captions.readers.base import LectureFormat
from captions.timeline import MAX_MS, Header, InputError, Segment, Timeline, ms_from_float

_SEGMENTS_KEY = re.compile(r'"segments"\s*:')


def sniff(text: str) -> bool:
    """A JSON object with a ``segments`` key. Broken JSON that has one is still claimed, so that the
    reader can say where it breaks; other JSON (a captions file, a list) is not a sidecar."""
    return text.lstrip()[:1] == "{" and _SEGMENTS_KEY.search(text) is not None


def _number(value: object, source: str, where: str, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError(source, where, f"'{name}' must be a number of seconds, not {type(value).__name__}")
    if not math.isfinite(value):
        raise InputError(source, where, f"'{name}' is not a finite number ({value!r})")
    if value < 0:
        raise InputError(source, where, f"'{name}' is negative ({value!r})")
    if value > MAX_MS / 1000:
        raise InputError(source, where, f"'{name}' is {value:g} s, past 99:59:59.999, the latest time SRT holds")
    return float(value)


def read(text: str, source: str) -> Timeline:
    """Parse a segments JSON sidecar; every type is checked, times round to the nearest ms."""
    try:
        data = json.loads(text, parse_constant=lambda c: math.nan)
    except json.JSONDecodeError as e:
        raise InputError(source, f"line {e.lineno} column {e.colno}", f"not valid JSON: {e.msg}") from None
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
    if isinstance(total, (int, float)) and not isinstance(total, bool) and math.isfinite(total) and total >= 0:
        total_ms = ms_from_float(float(total))
    metadata = data.get("metadata")
    facts = tuple((str(k), str(v)) for k, v in metadata.items()) if isinstance(metadata, dict) else ()
    return Timeline(source, "segments-json", tuple(segments), Header(facts, None, total_ms, None))


FORMAT = LectureFormat("segments-json", "a Remotion segments JSON", sniff, read)

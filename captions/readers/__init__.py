"""Lecture readers, listed once and told apart by content (every input is loaded by ``captions.inputs``).

Adding a kind of lecture input is one module that builds a ``LectureFormat`` (see ``base``) and one
entry in ``READERS``. An input's kind is what exactly one reader's ``sniff`` claims (as with
``captions.formats``): none or several is an error, never a guess.
"""

from __future__ import annotations

from pathlib import Path

from captions.inputs import MAX_BYTES, decode, load, normalise, reads_as_korean
from captions.readers import report, script, segments_json
from captions.readers.base import LectureFormat, opens_json
from captions.timeline import InputError, Timeline, validate

__all__ = [
    "MAX_BYTES",
    "READERS",
    "decode",
    "detect",
    "load",
    "matching_sidecar",
    "normalise",
    "read_path",
    "read_text",
    "reads_as_korean",
]

READERS: dict[str, LectureFormat] = {f.name: f for f in (report.FORMAT, script.FORMAT, segments_json.FORMAT)}


def detect(text: str, source: str, estimate_timeline: bool = False) -> LectureFormat:
    """The reader for ``text``, decided by what the text holds, not by the file name."""
    if not text.strip():
        raise InputError(source, "", "the file is empty")
    claims = [f for f in READERS.values() if f.sniff(text)]
    if len(claims) > 1:
        raise InputError(source, "", f"reads as {' and '.join(f.name for f in claims)} at once; cannot tell which")
    if not claims:
        if opens_json(text):
            raise InputError(
                source,
                "",
                "JSON, but not a segments sidecar: the top level must be an object with 'segments'"
                + _subtitles_hint(text, source),
            )
        kinds = [f.describe for f in READERS.values()]
        named = ", ".join(kinds[:-1]) + f" or {kinds[-1]}" if len(kinds) > 1 else kinds[0]
        raise InputError(source, "", f"not {named}{_subtitles_hint(text, source)}")
    found = claims[0]
    if found.estimated and not estimate_timeline:
        raise InputError(
            source,
            "",
            f"a script without a segment list (no '{report.SEGMENTS_TITLE}' section): nothing to time "
            "the captions by; give --estimate-timeline to use upstream's rule (len/5 s a line)",
        )
    return found


def _subtitles_hint(text: str, source: str) -> str:
    """What to do with a subtitle file given where a lecture was expected."""
    from captions import formats  # here: most runs never need the subtitle formats' readers

    try:
        found = formats.detect(text, source)
    except InputError:
        return ""
    return f"; it is {found.name.upper()} subtitles, which `captions check` reads"


def read_text(text: str, source: str, *, estimate_timeline: bool = False) -> Timeline:
    """A validated timeline from the text of an input."""
    text = normalise(text)
    return validate(detect(text, source, estimate_timeline).read(text, source))


def read_path(path: Path, *, encoding: str | None = None, estimate_timeline: bool = False) -> Timeline:
    """A validated timeline from an input file."""
    return read_text(load(path, encoding), str(path), estimate_timeline=estimate_timeline)


def matching_sidecar(report: Path, candidates: list[Path]) -> Path | None:
    """The Remotion sidecar that belongs to ``report``: same lecture, same segment spans.

    Not always the one named after it — upstream rewrote sidecars in later runs (docs/upstream.md) — so
    every candidate of the same lecture (the name before ``_script``) is compared.
    """
    lecture = report.name.split("_script")[0]
    spans = [(s.start_ms, s.end_ms) for s in read_path(report).segments]
    for sidecar in candidates:
        if sidecar.name.split("_script")[0] != lecture:
            continue
        if [(s.start_ms, s.end_ms) for s in read_path(sidecar).segments] == spans:
            return sidecar
    return None

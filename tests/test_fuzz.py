"""A mutation fuzz of our own: real inputs (the seed, corpus reports and sidecars, subtitle files in every
format we write) mutated as hostile files are — bytes flipped, cut short, NUL bytes, invalid UTF-8, UTF-16,
huge numbers, a 200,000-character line, JSON nested a thousand deep, two formats run together — and read
in process as ``generate`` and ``check`` read them. Only our own errors (``CaptionsError``) may come out,
and nothing may be written to stderr or logged by a library.

A short run (60 inputs) is part of ``make test``; ``make fuzz`` runs it long (250,000 inputs, some 20
minutes; ``FUZZ_EXAMPLES`` chooses how many).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
from fractions import Fraction
from pathlib import Path

import pytest
from conftest import SAMPLE, corpus_files
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from captions import formats, pipeline, profiles, readers
from captions.errors import CaptionsError

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "0")) or (
    20_000 if os.environ.get("HYPOTHESIS_PROFILE") == "fuzz" else 60
)
SPEEDS = (Fraction(1), Fraction(3, 2))


def _subtitles() -> list[tuple[str, bytes]]:
    """The seed in every format we write, as files other tools would get."""
    result = pipeline.build(readers.read_path(SAMPLE), profiles.NETFLIX_KO, SPEEDS)
    out = []
    for fmt in formats.FORMATS.values():
        if fmt.read is not None:
            out.append((f"seed.{fmt.extension}", fmt.write(result.captions[:40], formats.Options()).encode()))
    return out


def _lectures() -> list[tuple[str, bytes]]:
    files = [SAMPLE, *corpus_files("*_segments.json")[:3], *corpus_files("*_improved*.txt")[:3]]
    return [(p.name, p.read_bytes()) for p in files]


SOURCES = _subtitles() + _lectures()


def _flip(data: bytes, at: int, value: int) -> bytes:
    return data[:at] + bytes([value]) + data[at + 1 :] if data else data


MUTATIONS = {
    "flip": lambda d, r: _flip(d, r % max(1, len(d)), r % 256),
    "truncate": lambda d, r: d[: r % max(1, len(d))],
    "nul": lambda d, r: d[: r % max(1, len(d))] + b"\x00" + d[r % max(1, len(d)) :],
    "invalid utf-8": lambda d, r: d[: r % max(1, len(d))] + b"\xff\xfe\x80" + d[r % max(1, len(d)) :],
    "utf-16": lambda d, r: d.decode("utf-8", "replace").encode("utf-16"),
    "huge number": lambda d, r: re.sub(rb"\d+", lambda m: b"9" * (35 if r % 2 else 400), d, count=1 + r % 5),
    "long line": lambda d, r: d[: r % max(1, len(d))] + "가".encode() * 70_000 + d[r % max(1, len(d)) :],
    "deep json": lambda d, r: b"[" * 1000 + d[: r % 100] + b"]" * 1000,
    "nested sidecar": lambda d, r: b'{"segments": ' + b"[" * (200 + r % 900) + b"]" * (200 + r % 900) + b"}",
    "mixed": lambda d, r: d + b"\n\n" + SOURCES[r % len(SOURCES)][1],
    "blank lines": lambda d, r: d.replace(b"\n", b"\n\n", 1 + r % 7),
}


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
@given(
    source=st.sampled_from(SOURCES),
    steps=st.lists(st.tuples(st.sampled_from(sorted(MUTATIONS)), st.integers(0, 2**31)), min_size=1, max_size=3),
    suffix=st.sampled_from([".txt", ".json", ".srt", ".vtt", ".ass", ".smi"]),
)
def test_mutated_inputs_give_only_our_errors(tmp_path_factory, capfd, caplog, source, steps, suffix):
    name, data = source
    for mutation, r in steps:
        data = MUTATIONS[mutation](data, r)
    path = Path(tmp_path_factory.mktemp("fuzz")) / (Path(name).stem + suffix)
    path.write_bytes(data)
    caplog.set_level(logging.WARNING)
    try:
        timeline = readers.read_path(path)
        if sum(len(s.text) for s in timeline.segments) < 30_000:  # the fuzz is for reading, not for speed
            pipeline.build(timeline, profiles.NETFLIX_KO, SPEEDS)
    except CaptionsError:
        pass
    with contextlib.suppress(CaptionsError):
        formats.read_path(path)
    _, err = capfd.readouterr()
    assert err == "", err[:300]
    # a library's debug lines go nowhere; a warning would reach the terminal through Python's last resort
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING], caplog.records[:3]


def test_the_fuzz_can_fail():
    """The check above sees a foreign error: a mutation that makes one is caught as not ours."""
    with pytest.raises(ZeroDivisionError):
        try:
            raise ZeroDivisionError
        except CaptionsError:
            pass

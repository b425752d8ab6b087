"""Fitting the timeline to real audio: an espeak-ng lecture with known segment starts, and properties."""

from __future__ import annotations

import itertools
import shutil
import subprocess
from fractions import Fraction

import espeak_lecture
import pytest
from conftest import CORPUS, SAMPLE
from hypothesis import given, settings
from hypothesis import strategies as st
from invariants import check_all
from test_properties import timelines
from typer.testing import CliRunner

from captions import pipeline, profiles, readers, sync
from captions.cli import app

SPEEDS = (Fraction(1), Fraction(3, 2))


def errors(timeline, result, starts) -> list[int]:
    """How far each spoken segment's fitted start is from where its audio truly begins."""
    spoken = [(s, t) for s, t in zip(result.synced.timeline.segments, starts, strict=True) if s.duration_ms]
    return [abs(s.start_ms - t) for s, t in spoken]


@pytest.fixture(scope="module")
def seed_audio(tmp_path_factory):
    timeline = readers.read_path(SAMPLE)
    wav, starts = espeak_lecture.build(timeline, tmp_path_factory.mktemp("audio"), words_per_minute=190)
    return timeline, wav, starts


def fitted(timeline, media_path, method):
    length, pauses = sync.probe(media_path)
    media = sync.Media(str(media_path), length, tuple(pauses), method)
    return pipeline.build(timeline, profiles.NETFLIX_KO, SPEEDS, media=media)


def test_pauses_put_segment_starts_on_the_voice(seed_audio):
    timeline, wav, starts = seed_audio
    result = fitted(timeline, wav, "pauses")
    errs = errors(timeline, result, starts)
    assert sum(e <= 150 for e in errs) / len(errs) >= 0.95, errs
    assert max(errs) <= 400, errs
    check_all(result)


def test_scale_and_none_drift_as_expected(seed_audio):
    timeline, wav, starts = seed_audio
    scale, none = fitted(timeline, wav, "scale"), fitted(timeline, wav, "none")
    assert scale.synced.timeline.end_ms == scale.synced.media_ms
    assert none.synced.timeline == timeline
    assert max(errors(timeline, none, starts)) > 100_000  # the plain timeline is minutes off by the end
    assert max(errors(timeline, scale, starts)) > 1000
    check_all(scale)


def test_mp3_and_mp4_media_work_too(seed_audio, tmp_path):
    timeline, wav, starts = seed_audio
    ffmpeg = shutil.which("ffmpeg")
    mp3, mp4 = tmp_path / "lecture.mp3", tmp_path / "lecture.mp4"
    subprocess.run([ffmpeg, "-v", "error", "-i", str(wav), "-c:a", "libmp3lame", "-q:a", "4", str(mp3)], check=True)
    subprocess.run(
        [ffmpeg, "-v", "error", "-f", "lavfi", "-i", "color=c=black:s=320x180:r=5", "-i", str(wav),
         "-shortest", "-c:v", "libx264", "-c:a", "aac", str(mp4)],
        check=True,
    )  # fmt: skip
    for media in (mp3, mp4):
        errs = errors(timeline, fitted(timeline, media, "pauses"), starts)
        assert sum(e <= 150 for e in errs) / len(errs) >= 0.95, (media.suffix, errs)


def test_a_corpus_lecture_with_markup_and_stage_directions(tmp_path):
    [path] = sorted(CORPUS.glob("2025-05-02-Kandji*_improved.txt"))
    timeline = readers.read_path(path)
    wav, starts = espeak_lecture.build(timeline, tmp_path, words_per_minute=210)
    result = fitted(timeline, wav, "pauses")
    errs = errors(timeline, result, starts)
    assert sum(e <= 150 for e in errs) / len(errs) >= 0.95 and max(errs) <= 400, errs
    check_all(result)


def test_cli_reports_the_drift_and_batches_find_their_media(seed_audio, tmp_path):
    _timeline, wav, _ = seed_audio
    lectures, media = tmp_path / "lectures", tmp_path / "media"
    lectures.mkdir()
    media.mkdir()
    for name in ("week1", "week2"):
        shutil.copy(SAMPLE, lectures / f"{name}.txt")
        shutil.copy(wav, media / f"{name}.wav")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["generate", str(lectures), "-o", str(out), "--media", str(media)])
    assert result.exit_code == 0, result.output
    report = (out / "week1.report.txt").read_text(encoding="utf-8")
    assert "미디어:" in report and "그대로 쓰면 끝에서 어긋남" in report and "맞춤 방식: pauses" in report
    assert "media-drift" in report
    result = CliRunner().invoke(app, ["generate", str(SAMPLE), "-o", str(out), "--media", str(tmp_path / "no.wav")])
    assert result.exit_code == 2 and "no such media" in result.stderr
    result = CliRunner().invoke(app, ["generate", str(SAMPLE), "-o", str(out), "--sync", "scale"])
    assert result.exit_code == 2 and "--media" in result.stderr


@settings(max_examples=60)
@given(
    timelines(),
    st.integers(1000, 2_000_000),
    st.lists(st.tuples(st.integers(0, 2_000_000), st.integers(1, 3000)), max_size=60),
    st.sampled_from(sync.METHODS),
)
def test_any_media_gives_a_valid_timeline_and_valid_captions(timeline, length, raw_pauses, method):
    pauses = tuple(sorted({sync.Pause(s, min(s + d, length)) for s, d in raw_pauses if s < length}))
    media = sync.Media("m.wav", length, pauses, method)
    result = pipeline.build(timeline, profiles.NETFLIX_KO, SPEEDS, media=media)
    fitted_segments = result.synced.timeline.segments
    assert [s.number for s in fitted_segments] == [s.number for s in timeline.segments]
    if method != "none":
        assert all(0 <= s.start_ms <= s.end_ms <= length for s in fitted_segments)
    for a, b in itertools.pairwise(fitted_segments):
        assert a.end_ms <= b.start_ms
    check_all(result)

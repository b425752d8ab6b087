"""The acoustic pieces on their own: features, speech detection, DTW, and the spoken reference."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from captions.sync import align, features, media, speech

RATE = 16_000


def tone_bursts(bursts: list[tuple[int, int]], floor_db: float, snr_db: float, total_ms: int, seed: int) -> np.ndarray:
    """Noise at ``floor_db`` dBFS with bursts of a vowel-like harmonic tone ``snr_db`` louder, at (start, end) ms."""
    rng = np.random.default_rng(seed)
    n = RATE * total_ms // 1000
    signal = rng.normal(0.0, 10 ** (floor_db / 20), n)
    t = np.arange(n) / RATE
    voice = sum(np.sin(2 * np.pi * 140 * k * t) / k for k in range(1, 12))
    voice *= 10 ** ((floor_db + snr_db) / 20) / np.sqrt(np.mean(voice**2))
    for a, b in bursts:
        i, j = RATE * a // 1000, RATE * b // 1000
        signal[i:j] += voice[i:j]
    return np.clip(signal, -1.0, 1.0)


@settings(max_examples=examples(40))
@given(st.lists(st.integers(1, 40_000), min_size=1, max_size=8), st.integers(0, 3))
def test_features_do_not_depend_on_how_the_samples_arrive(cuts, seed):
    samples = (np.random.default_rng(seed).normal(0, 3000, RATE * 3)).astype(np.int16)
    whole = features.extract(samples, RATE)
    extractor = features.Extractor(RATE)
    at = 0
    for cut in sorted(set(cuts)):
        extractor.feed(samples[at:cut])
        at = max(at, cut)
    extractor.feed(samples[at:])
    streamed = extractor.result()
    assert np.allclose(streamed.logmel, whole.logmel, atol=1e-4)
    assert np.allclose(streamed.energy_db, whole.energy_db, atol=1e-4)
    window = features.Extractor(RATE).window
    assert whole.frames == (len(samples) - window) // (RATE * features.HOP_MS // 1000) + 1


@settings(max_examples=examples(40), deadline=None)
@given(
    st.floats(-80, -30),  # the noise floor: near silence to a loud music bed
    st.floats(15, 40),  # how much louder the voice is
    st.lists(st.tuples(st.integers(300, 1500), st.integers(150, 900)), min_size=2, max_size=6),
    st.integers(0, 1000),
)
def test_speech_is_told_from_the_recordings_own_floor(floor_db, snr_db, shape, seed):
    bursts, t = [], 500
    for length, gap in shape:
        bursts.append((t, t + length))
        t += length + gap
    samples = tone_bursts(bursts, floor_db, snr_db, t + 500, seed)
    found = features.speech(features.extract(samples, RATE))
    assert abs(found.first * features.ENERGY_MS - bursts[0][0]) <= 30
    assert abs(found.last * features.ENERGY_MS - bursts[-1][1]) <= 40
    onsets, _ = features.onsets(features.extract(samples, RATE), found)
    heard = sorted(int(o) * features.ENERGY_MS for o in onsets)
    assert len(heard) == len(bursts)  # the first word, after the leading silence, is an onset too
    for got, (want, _) in zip(heard, bursts, strict=True):
        assert abs(got - want) <= 30


@settings(max_examples=examples(25), deadline=None)
@given(st.integers(200, 2500), st.floats(0.6, 1.6), st.floats(0.0, 0.4), st.integers(0, 10_000))
def test_dtw_recovers_a_warp_whose_tempo_changes(length, ratio, wobble, seed):
    """``y`` played at a tempo that drifts between ×0.5 and ×2 around ``ratio``: the path maps every frame
    of ``y`` back to where it was played, within a few frames, at any length (banded, windowed)."""
    rng = np.random.default_rng(seed)
    y = rng.normal(size=(length, 6)).astype(np.float32)
    y = np.cumsum(y, axis=0) * 0.3 + y  # neighbouring frames alike, as in speech
    tempo = ratio * (1 + wobble * np.sin(np.arange(int(length * ratio * 2)) / 90.0))
    positions = np.cumsum(1 / np.clip(tempo, 0.55, 1.9))
    positions = positions[positions < length - 1]
    x = y[np.round(positions).astype(int)] + rng.normal(0, 0.2, (len(positions), 6)).astype(np.float32)
    path = align.warp(x, y)
    assert tuple(path[0]) == (0, 0) and tuple(path[-1]) == (len(x) - 1, len(y) - 1)
    assert (np.diff(path, axis=0) >= 0).all()
    rows = align.mapping(path, len(y))
    truth = np.interp(np.arange(len(y)), positions, np.arange(len(x)))
    inner = slice(5, len(y) - 5)
    assert np.median(np.abs(rows[inner] - truth[inner])) <= 1.5
    assert np.percentile(np.abs(rows[inner] - truth[inner]), 95) <= 6


def test_a_long_dtw_stays_within_a_band_of_its_length():
    """A 3-hour lecture's worth of 40 ms frames: no matrix of the square of its length is ever made."""
    rng = np.random.default_rng(1)
    y = rng.normal(size=(40_000, 4)).astype(np.float32)
    x = np.repeat(y, 2, axis=0)[::3] + rng.normal(0, 0.1, (26_667, 4)).astype(np.float32)
    path = align.warp(x, y)
    rows = align.mapping(path, len(y))
    assert np.median(np.abs(rows - np.arange(len(y)) * 2 / 3)) <= 1.5


@pytest.fixture(scope="module")
def units():
    return ["안녕하세요, 여러분.", "오늘은 컨테이너 보안을 배웁니다.", "", "Docker와 Kubernetes를 씁니다.", "끝."]


def test_the_reference_is_spoken_unit_by_unit_and_the_same_every_time(units):
    speech.speak(units[3:], 300)  # espeak-ng keeps state between calls: none of it may reach a reference
    a, b = speech.begin(units, 200).result(), speech.begin(units, 200).result()
    assert a.starts_ms == b.starts_ms and np.array_equal(a.features.logmel, b.features.logmel)
    assert a.starts_ms[0] == 0 and list(a.starts_ms) == sorted(a.starts_ms)
    assert a.starts_ms[2] == a.starts_ms[3]  # an empty unit takes no time
    fast = speech.begin(units, 400).result()
    assert fast.length_ms < a.length_ms  # a faster rate says the same in less time
    found = features.speech(a.features)
    for start in a.starts_ms[1:]:  # every unit is preceded by a pause
        assert not found.voiced[start // features.ENERGY_MS - 3]
    # the text goes as SSML: markup characters are text, and a comma is a pause however fast the pace
    marked = speech.begin(["M&A <b>와 R&D, 그리고 1 < 2 > 0."], 400).result()
    said = features.speech(marked.features)
    assert said.voiced.sum() * features.ENERGY_MS > 1000
    assert features.pauses(said, 80), "no pause after the comma"


def test_espeak_missing_is_one_clear_error(monkeypatch):
    speech._library.cache_clear()
    monkeypatch.setitem(__import__("sys").modules, "espeakng_loader", None)
    monkeypatch.setattr(speech.ctypes.util, "find_library", lambda name: None)
    try:
        with pytest.raises(media.MediaError, match=r"espeak-ng is needed.*apt-get install espeak-ng"):
            speech.speak(["안녕하세요."], 200)
    finally:
        speech._library.cache_clear()


@pytest.mark.clients
def test_media_that_ffmpeg_cannot_read_is_one_clear_error(tmp_path):
    bad = tmp_path / "lecture.mp3"
    bad.write_bytes(b"not audio at all" * 100)
    with pytest.raises(media.MediaError, match=r"lecture\.mp3: ffmpeg cannot read its audio"):
        media.listen(bad).features  # noqa: B018 - decoding happens in the background; its error surfaces here
    with pytest.raises(media.MediaError, match="no such media file"):
        media.listen(tmp_path / "missing.wav")


@settings(max_examples=examples(20), deadline=None)
@given(st.integers(50, 4000), st.integers(50, 4000), st.integers(0, 30), st.integers(0, 1000))
def test_any_two_recordings_place_every_moment_inside_the_media(n, m, count, seed):
    """Unrelated recordings of any lengths (a tempo ratio DTW's steps could not follow included): every
    moment gets a place inside the media's speech and a confidence, and nothing raises."""
    rng = np.random.default_rng(seed)

    def fake(frames: int) -> features.Features:
        loud = np.where(rng.random(2 * frames) > 0.25, -20.0, -90.0).astype(np.float32)
        return features.Features(rng.normal(-5, 2, (frames, features.MEL_BANDS)).astype(np.float32), loud)

    media_features = fake(n)
    moments = sorted(rng.integers(0, m * features.HOP_MS, count).tolist())
    found = align.locate(media_features, fake(m), moments)
    assert len(found.placed) == count
    for p in found.placed:
        assert 0 <= p.ms <= n * features.HOP_MS and 0.0 <= p.confidence <= 1.0

"""Hard lecture audio, built the way upstream builds its own, with the true time of every segment and sentence.

Upstream speaks the whole script in one TTS run with no pauses added and then speeds the MP3 up 1.5x
(``docs/upstream.md``). This builder does the same with tools a user has — espeak-ng for the voice,
sox for a music bed, ffmpeg for the tempo and the 32 kb/s MP3 — and makes it harder on purpose: each
sentence (or each segment) gets its own voice, pitch and pace, drawn from a seeded generator; no
silence is added between segments unless asked; a music bed can run under everything and alone
before the first word. Sentences are cut with a plain rule of its own (a ``.?!`` and a space), not
with the product's kss, so the truth does not share the product's view of the text.

Used by the sync tests and ``benchmarks/sync.py``; everything is made in a temporary folder.
"""

from __future__ import annotations

import random
import re
import shutil
import subprocess
import wave
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from captions.caption import Caption
from captions.text.markup import parse
from captions.timeline import Timeline

RATE = 22050  # Hz, what espeak-ng writes
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")


@dataclass(frozen=True)
class Recipe:
    """How to speak a lecture and what to do to the audio afterwards."""

    voices: tuple[str, ...] = ("ko",)  # espeak-ng voices, e.g. "ko+f3" (a variant over the Korean voice)
    pitches: tuple[int, int] = (50, 50)  # espeak-ng -p range, 0–99
    pace: tuple[int, int] = (190, 190)  # words a minute range (espeak-ng -s)
    vary: str = "segment"  # "sentence" or "segment": where voice, pitch and pace are drawn anew
    gap_ms: int = 0  # silence added between segments (upstream adds none)
    tail_ms: int | None = None  # each sentence's trailing silence cut to at most this (None: as spoken)
    music_db: float | None = None  # a music bed this many dB below the speech, under everything
    intro_ms: int = 0  # music alone before the first word (with a music bed)
    intro_db: float | None = None  # the intro this many dB below the speech (None: as loud as the bed)
    outro_ms: int = 0  # and after the last
    tempo: float = 1.0  # ffmpeg atempo, applied to the finished mix (upstream: 1.5)
    codec: str = "wav"  # "wav", or "mp3" at 32 kb/s as upstream's ffmpeg writes it
    seed: int = 0


@dataclass(frozen=True)
class Lecture:
    """The media file and where, in it, each segment and each sentence truly begins (ms)."""

    path: Path
    segment_starts: tuple[int | None, ...]  # per timeline segment; None when nothing is said in it
    sentence_starts: tuple[tuple[int, int, int], ...]  # (segment number, non-space chars before it, ms)
    syllables: int  # Hangul syllables spoken


def sentences_of(text: str) -> list[str]:
    """The builder's own sentence cut: after ``.?!`` and a space."""
    return [s for s in _SENTENCE_END.split(text.strip()) if s]


def _speak(espeak: str, text: str, voice: str, pitch: int, wpm: int, out: Path) -> np.ndarray:
    subprocess.run([espeak, "-v", voice, "-p", str(pitch), "-s", str(wpm), "-w", str(out), text], check=True)
    with wave.open(str(out)) as w:
        assert w.getframerate() == RATE and w.getsampwidth() == 2 and w.getnchannels() == 1
        data = np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16)
    out.unlink()
    return data


def _trim_tail(samples: np.ndarray, keep_ms: int) -> np.ndarray:
    loud = np.flatnonzero(np.abs(samples.astype(np.int32)) > 200)
    if not len(loud):
        return samples
    return samples[: min(len(samples), loud[-1] + 1 + RATE * keep_ms // 1000)]


def _music(sox: str, seconds: float, folder: Path, seed: int) -> np.ndarray:
    """A music bed from sox: plucked chords that change every 2 s over a low sine, and a noise beat;
    a 16 s phrase of eight chords, repeated."""
    rng = random.Random(seed)
    roots = [220.0, 174.6, 196.0, 164.8, 246.9, 207.7]
    parts = []
    for k in range(8):
        root = rng.choice(roots)
        chord = folder / f"chord{k}.wav"
        subprocess.run(
            [sox, "-r", "44100", "-c", "4", "-n", "-b", "16", "-e", "signed-integer", "-c", "1", str(chord),
             "synth", "2", "pluck", f"{root}", "pluck", f"{root * 1.26}", "pluck", f"{root * 1.5}",
             "sine", f"{root / 2}", "remix", "-", "tremolo", "5", "30", "rate", str(RATE)],
            check=True, capture_output=True,
        )  # fmt: skip
        beat = folder / f"beat{k}.wav"
        subprocess.run(
            [sox, "-r", str(RATE), "-c", "1", "-n", "-b", "16", "-e", "signed-integer", str(beat),
             "synth", "0.5", "pinknoise", "fade", "0.005", "0.5", "0.45", "repeat", "3"],
            check=True, capture_output=True,
        )  # fmt: skip
        with wave.open(str(chord)) as a, wave.open(str(beat)) as b:
            x = np.frombuffer(a.readframes(a.getnframes()), dtype=np.int16).astype(np.float64)
            y = np.frombuffer(b.readframes(b.getnframes()), dtype=np.int16).astype(np.float64)
        n = min(len(x), len(y))
        parts.append(x[:n] + 0.3 * y[:n])
        chord.unlink()
        beat.unlink()
    phrase = np.concatenate(parts)
    return np.tile(phrase, int(seconds * RATE // len(phrase)) + 1)


def build(timeline: Timeline, folder: Path, recipe: Recipe = Recipe()) -> Lecture:
    """Speak ``timeline`` by ``recipe`` into ``folder``; return the media and the truth."""
    espeak, sox, ffmpeg = shutil.which("espeak-ng"), shutil.which("sox"), shutil.which("ffmpeg")
    if not (espeak and sox and ffmpeg):
        raise RuntimeError("espeak-ng, sox and ffmpeg are needed: run `make clients`")
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(recipe.seed)
    clip = folder / "clip.wav"

    def draw() -> tuple[str, int, int]:
        return rng.choice(recipe.voices), rng.randint(*recipe.pitches), rng.randint(*recipe.pace)

    pieces: list[np.ndarray] = []
    at = 0  # samples so far
    segment_starts: list[int | None] = []
    sentence_starts: list[tuple[int, int, int]] = []
    syllables = 0
    for seg in timeline.segments:
        text = parse(seg.text).text
        said = sentences_of(text)
        if not said:
            segment_starts.append(None)
            continue
        if pieces and recipe.gap_ms:
            pieces.append(np.zeros(RATE * recipe.gap_ms // 1000, dtype=np.int16))
            at += len(pieces[-1])
        segment_starts.append(at)
        params = draw()
        done = 0  # non-space characters of this segment already spoken
        for sentence in said:
            if recipe.vary == "sentence":
                params = draw()
            samples = _speak(espeak, sentence, *params, clip)
            if recipe.tail_ms is not None:
                samples = _trim_tail(samples, recipe.tail_ms)
            sentence_starts.append((seg.number, done, at))
            done += len("".join(sentence.split()))
            syllables += len(re.findall(r"[가-힣]", sentence))
            pieces.append(samples)
            at += len(samples)
    speech = np.concatenate(pieces).astype(np.float64)
    lead = tail = 0
    if recipe.music_db is not None:
        lead, tail = RATE * recipe.intro_ms // 1000, RATE * recipe.outro_ms // 1000
        music = _music(sox, (lead + len(speech) + tail) / RATE + 2, folder, recipe.seed)
        mix = np.zeros(lead + len(speech) + tail)
        mix[lead : lead + len(speech)] = speech
        level = np.sqrt(np.mean(speech**2)) / np.sqrt(np.mean(music**2)) * 10 ** (-recipe.music_db / 20)
        gain = np.full(len(mix), level)
        if recipe.intro_db is not None:  # a jingle louder than the bed, fading down to it as the voice begins
            loud = level * 10 ** ((recipe.music_db - recipe.intro_db) / 20)
            gain[:lead] = loud
            fade = min(lead, RATE // 2)
            gain[lead - fade : lead] = np.linspace(loud, level, fade)
        mix += gain * music[: len(mix)]
        speech = mix
    peak = np.max(np.abs(speech)) or 1.0
    pcm = (speech * min(1.0, 32000 / peak)).astype(np.int16)
    raw = folder / "mix.wav"
    with wave.open(str(raw), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(pcm.tobytes())
    out = folder / f"lecture.{recipe.codec}"
    codec = ["-c:a", "libmp3lame", "-b:a", "32k"] if recipe.codec == "mp3" else ["-c:a", "pcm_s16le"]
    tempo = ["-af", f"atempo={recipe.tempo}"] if recipe.tempo != 1 else []
    subprocess.run([ffmpeg, "-v", "error", "-y", "-i", str(raw), *tempo, *codec, str(out)], check=True)
    raw.unlink()

    def ms(sample: int) -> int:
        return round((lead + sample) * 1000 / RATE / recipe.tempo)

    return Lecture(
        out,
        tuple(None if s is None else ms(s) for s in segment_starts),
        tuple((n, c, ms(s)) for n, c, s in sentence_starts),
        syllables,
    )


@dataclass(frozen=True)
class Score:
    """How far captions start from where their words are truly heard, at one output speed (ms)."""

    segments: tuple[int, ...]  # per spoken segment: |first caption's start − truth|
    sentences: tuple[int, ...]  # per sentence that begins a caption: the same

    def within(self, limit_ms: int, sentences: bool = False) -> float:
        errors = self.sentences if sentences else self.segments
        return sum(e <= limit_ms for e in errors) / len(errors) if errors else 1.0

    @property
    def worst(self) -> int:
        return max(self.segments, default=0)


def score(captions: Sequence[Caption], lecture: Lecture, timeline: Timeline, media_speed: float, speed: float) -> Score:
    """Score 1x ``captions`` played at ``speed`` against ``lecture`` built to play at ``media_speed``:
    a word heard at media time t is said at t × media_speed in the 1x lecture, at that ÷ speed here."""
    order = [s.number for s in timeline.segments]
    truth = dict(zip(order, lecture.segment_starts, strict=True))
    by_segment: dict[int, list[Caption]] = {}
    for c in captions:
        by_segment.setdefault(c.segment, []).append(c)

    def at(ms: int) -> float:
        return ms / speed

    def true_at(ms: int) -> float:
        return ms * media_speed / speed

    segments = [
        round(abs(at(by_segment[n][0].start_ms) - true_at(t)))
        for n, t in truth.items()
        if t is not None and by_segment.get(n)
    ]
    starts: dict[tuple[int, int], int] = {}
    for n, mine in by_segment.items():
        done = 0
        for c in mine:
            starts[(n, done)] = c.start_ms
            done += len("".join(c.text.split()))
    sentences = [round(abs(at(starts[(n, o)]) - true_at(t))) for n, o, t in lecture.sentence_starts if (n, o) in starts]
    return Score(tuple(segments), tuple(sentences))

"""Hard lecture audio, built the way upstream builds its own, with the true time of every segment, sentence and word.

Upstream speaks the whole script in one TTS run with no pauses added and then speeds the MP3 up 1.5x
(``docs/upstream.md``). This builder does the same with tools a user has — espeak-ng for the voice,
sox for a music bed, ffmpeg for the tempo and the 32 kb/s MP3 — and makes it harder on purpose: each
sentence (or each segment) gets its own voice, pitch and pace, drawn from a seeded generator; no
silence is added between segments unless asked; a music bed can run under everything and alone
before the first word. Sentences are cut with a plain rule of its own (a ``.?!`` and a space), not
with the product's kss, so the truth does not share the product's view of the text.

The voice is libespeak-ng, driven through ``ctypes`` in a fresh process (``python espeak_lecture.py
--speak``, so the audio depends on the recipe alone): its synth callback reports where each word begins
(word events, the truth for word and caption starts). Now and then it reports a word late and out of
order, or a word it spells out more than once: only the first report of each word, in order, is kept.

Used by the sync tests and ``benchmarks/sync.py``; everything is made in a temporary folder.
"""

from __future__ import annotations

import concurrent.futures
import ctypes
import ctypes.util
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
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
    word_starts: tuple[tuple[int, int, int], ...] = ()  # (segment number, non-space chars before it, ms)
    speech_ends: tuple[tuple[int, int, int], ...] = ()  # (segment number, non-space chars up to it, ms): each
    # sentence's last sound, where the voice stops


def sentences_of(text: str) -> list[str]:
    """The builder's own sentence cut: after ``.?!`` and a space."""
    return [s for s in _SENTENCE_END.split(text.strip()) if s]


_WORD_EVENT = 1  # espeakEVENT_WORD
_PITCH, _RATE_PARAMETER = 3, 1  # espeakPITCH, espeakRATE
_SYNCHRONOUS, _CHARACTER, _UTF8, _END_PAUSE = 2, 1, 1, 0x1000  # as the espeak-ng command speaks


class _Event(ctypes.Structure):  # espeak_EVENT, as speak_lib.h declares it
    _fields_ = [
        ("type", ctypes.c_int),
        ("unique_identifier", ctypes.c_uint),
        ("text_position", ctypes.c_int),
        ("length", ctypes.c_int),
        ("audio_position", ctypes.c_int),
        ("sample", ctypes.c_int),
        ("user_data", ctypes.c_void_p),
        ("id", ctypes.c_void_p),
    ]


def _speak_here(sentence: str, voice: str, pitch: int, wpm: int) -> bytes:
    """``--speak OUT``: one sentence spoken by the system's libespeak-ng (the espeak-ng command's own library,
    so the audio is what that command makes), in a process of its own: espeak-ng keeps state from one
    sentence to the next. Into OUT: a JSON line of its words' (non-space characters before, sample), then
    the samples."""
    found = ctypes.util.find_library("espeak-ng")
    assert found, "libespeak-ng is needed: run `make clients`"
    lib = ctypes.CDLL(found)
    lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
    assert lib.espeak_Initialize(_SYNCHRONOUS, 500, None, 0) == RATE
    audio: list[bytes] = []
    events: list[tuple[int, int]] = []  # (character offset in the sentence, sample)

    def received(wav: ctypes._Pointer[ctypes.c_short], count: int, evs: ctypes._Pointer[_Event]) -> int:
        if count > 0:
            audio.append(ctypes.string_at(wav, 2 * count))
        k = 0
        while evs[k].type != 0:
            if evs[k].type == _WORD_EVENT:
                events.append((evs[k].text_position - 1, evs[k].sample))
            k += 1
        return 0

    callback = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.POINTER(_Event))(
        received
    )
    lib.espeak_SetSynthCallback(callback)
    assert lib.espeak_SetVoiceByName(voice.encode()) == 0, voice
    lib.espeak_SetParameter(_PITCH, pitch, 0)
    lib.espeak_SetParameter(_RATE_PARAMETER, wpm, 0)
    text = sentence.encode("utf-8")
    assert lib.espeak_Synth(text, len(text) + 1, 0, _CHARACTER, 0, _UTF8 | _END_PAUSE, None, None) == 0
    lib.espeak_Synchronize()
    words: list[tuple[int, int]] = []
    for offset, sample in events:  # the first report of each word, in order
        if 0 <= offset < len(sentence) and (not words or (offset > words[-1][0] and sample >= words[-1][1])):
            words.append((offset, sample))
    said = [(len("".join(sentence[:offset].split())), sample) for offset, sample in words]
    return json.dumps(said).encode() + b"\n" + b"".join(audio)


def _speak(requests: Sequence[tuple[str, str, int, int]]) -> tuple[list[np.ndarray], list[list[tuple[int, int]]]]:
    """Each sentence's samples, and its words' (non-space characters before, sample): a process each, on
    every core."""

    def one(request: tuple[str, str, int, int]) -> tuple[np.ndarray, list[tuple[int, int]]]:
        asked = json.dumps(list(request)).encode()
        with tempfile.NamedTemporaryFile() as out:  # not stdout: libespeak-ng may print there itself
            command = [sys.executable, __file__, "--speak", out.name]
            subprocess.run(command, input=asked, capture_output=True, check=True)
            head, _, samples = Path(out.name).read_bytes().partition(b"\n")
        return np.frombuffer(samples, dtype=np.int16), [(c, s) for c, s in json.loads(head)]

    with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 1) as pool:
        spoken = list(pool.map(one, requests))
    return [c for c, _ in spoken], [w for _, w in spoken]


def _sounding(samples: np.ndarray) -> int:
    """The sample after a clip's last sound (espeak-ng's own silence after it is exactly quiet)."""
    loud = np.flatnonzero(np.abs(samples.astype(np.int32)) > 200)
    return int(loud[-1]) + 1 if len(loud) else 0


def _trim_tail(samples: np.ndarray, keep_ms: int) -> np.ndarray:
    if not _sounding(samples):
        return samples
    return samples[: min(len(samples), _sounding(samples) + RATE * keep_ms // 1000)]


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
    sox, ffmpeg = shutil.which("sox"), shutil.which("ffmpeg")
    if not (sox and ffmpeg):
        raise RuntimeError("sox and ffmpeg are needed: run `make clients`")
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(recipe.seed)

    def draw() -> tuple[str, int, int]:
        return rng.choice(recipe.voices), rng.randint(*recipe.pitches), rng.randint(*recipe.pace)

    plan: list[tuple[int, int, str, tuple[str, int, int]]] = []  # (segment index, number, sentence, voice)
    for k, seg in enumerate(timeline.segments):
        said = sentences_of(parse(seg.text).text)
        params = draw() if said else ("ko", 50, 190)
        for sentence in said:
            if recipe.vary == "sentence":
                params = draw()
            plan.append((k, seg.number, sentence, params))
    clips, word_events = _speak([(sentence, *params) for _, _, sentence, params in plan])
    pieces: list[np.ndarray] = []
    at = 0  # samples so far
    segment_starts: list[int | None] = [None] * len(timeline.segments)
    sentence_starts: list[tuple[int, int, int]] = []
    word_starts: list[tuple[int, int, int]] = []
    speech_ends: list[tuple[int, int, int]] = []
    syllables = 0
    done = 0  # non-space characters of this segment already spoken
    for (k, number, sentence, _), samples, words in zip(plan, clips, word_events, strict=True):
        if segment_starts[k] is None:
            if pieces and recipe.gap_ms:
                pieces.append(np.zeros(RATE * recipe.gap_ms // 1000, dtype=np.int16))
                at += len(pieces[-1])
            segment_starts[k] = at
            done = 0
        if recipe.tail_ms is not None:
            samples = _trim_tail(samples, recipe.tail_ms)
        sentence_starts.append((number, done, at))
        word_starts += [(number, done + chars, at + min(sample, len(samples))) for chars, sample in words]
        done += len("".join(sentence.split()))
        speech_ends.append((number, done, at + _sounding(samples)))
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
        tuple((n, c, ms(s)) for n, c, s in word_starts),
        tuple((n, c, ms(s)) for n, c, s in speech_ends),
    )


@dataclass(frozen=True)
class Score:
    """How far captions start from where their words are truly heard, at one output speed (ms)."""

    segments: tuple[int, ...]  # per spoken segment: |first caption's start − truth|
    sentences: tuple[int, ...]  # per sentence that begins a caption: the same
    captions: tuple[int, ...] = ()  # per caption whose first word has a true start: the same
    inside: tuple[int, ...] = ()  # the same for the captions that do not begin a sentence
    words: tuple[int, ...] = ()  # per word with a true start: |its start in the captions' words − truth|

    def within(self, limit_ms: int, sentences: bool = False) -> float:
        errors = self.sentences if sentences else self.segments
        return _share(errors, limit_ms)

    def captions_within(self, limit_ms: int, inside: bool = False) -> float:
        return _share(self.inside if inside else self.captions, limit_ms)

    def words_within(self, limit_ms: int) -> float:
        return _share(self.words, limit_ms)

    @property
    def worst(self) -> int:
        return max(self.segments, default=0)

    @property
    def worst_caption(self) -> int:
        return max(self.captions, default=0)


def _share(errors: Sequence[int], limit_ms: int) -> float:
    return sum(e <= limit_ms for e in errors) / len(errors) if errors else 1.0


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
    said: dict[tuple[int, int], int] = {}  # where each word of the captions starts
    for n, mine in by_segment.items():
        done = 0
        for c in mine:
            starts[(n, done)] = c.start_ms
            chars = done
            for w in c.words:
                said[(n, chars)] = w.start_ms
                chars += len("".join(w.text.split()))
            done += len("".join(c.text.split()))
    sentences = [round(abs(at(starts[(n, o)]) - true_at(t))) for n, o, t in lecture.sentence_starts if (n, o) in starts]
    begins = {(n, o) for n, o, _ in lecture.sentence_starts}
    words = [(n, o, t) for n, o, t in lecture.word_starts if (n, o) in starts]
    every = [round(abs(at(starts[(n, o)]) - true_at(t))) for n, o, t in words]
    inside = [e for e, (n, o, _) in zip(every, words, strict=True) if (n, o) not in begins]
    heard = [round(abs(at(said[(n, o)]) - true_at(t))) for n, o, t in lecture.word_starts if (n, o) in said]
    return Score(tuple(segments), tuple(sentences), tuple(every), tuple(inside), tuple(heard))


if __name__ == "__main__" and sys.argv[1:2] == ["--speak"]:
    Path(sys.argv[2]).write_bytes(_speak_here(*json.loads(sys.stdin.buffer.read())))

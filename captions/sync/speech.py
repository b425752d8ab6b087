"""The script spoken by espeak-ng, as the reference the media is aligned to.

espeak-ng's library is called in-process through ``ctypes`` (one ``espeak_Synth`` call a sentence, no
process per sentence), from the ``espeakng-loader`` wheel — which ships libespeak-ng and its Korean
data, so a ``pip install`` is enough — or else from the system's libespeak-ng. Each unit (a
sentence) is spoken on its own and the units are joined, so where each one begins in the reference
is exact. Inside a unit, espeak-ng's word events say where each word begins; they skip a word now and
then in Korean text (and spell a Latin word out in several), so only those in order are kept and a
word without one is placed by the caller between its neighbours. The samples go straight into a
``features.Extractor``; only the features are kept.

espeak-ng keeps state from one call to the next (the same sentence comes out a few milliseconds
longer or shorter, its waveform different, after other sentences), so ``begin`` speaks the script in
fresh processes: the reference depends on the script alone, never on what this process spoke before —
and it is made on the other cores while this one decodes the media. A long script is spoken in two
parts side by side; every unit starts on a whole frame, so the parts' features are simply joined.
"""

from __future__ import annotations

import bisect
import ctypes
import ctypes.util
import html
import io
import json
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from captions.errors import MediaError  # one error for everything outside that media fitting needs
from captions.sync.features import ENERGY_MS, HOP_MS, Extractor, Features

if TYPE_CHECKING:
    import numpy.typing as npt

VOICE = b"ko"
BUFFER_MS = 500  # audio handed to the callback at a time
MIN_WPM, MAX_WPM = 80, 450  # espeak-ng's own range
UNIT_PAUSE_MS = 150  # silence after every unit: each boundary of the reference is a pause, whatever the rate
SILENT = 16  # sample magnitude below which espeak-ng's output is silence
COMMA_PAUSE_MS = 100  # a pause after every comma: espeak-ng's own nearly vanishes at a fast rate, a voice's does not
COMMA_BREAK = f'<break time="{COMMA_PAUSE_MS}ms"/>'
INSTALL_HINT = (
    "reinstall captions (its espeakng-loader dependency ships espeak-ng) or install espeak-ng "
    "(Debian/Ubuntu: apt-get install espeak-ng; macOS: brew install espeak-ng)"
)

_AUDIO_OUTPUT_SYNCHRONOUS = 2
_CHARS_UTF8 = 1
_SSML = 0x10
_POS_CHARACTER = 1
_RATE = 1  # espeakRATE
_LIST_TERMINATED, _WORD_EVENT = 0, 1  # espeakEVENT_LIST_TERMINATED, espeakEVENT_WORD


class _Event(ctypes.Structure):
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


_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.POINTER(_Event))


@dataclass(frozen=True)
class Reference:
    """The spoken script: its features, the ms at which each unit begins in it, and where its words begin:
    (unit, word's index in the unit's whitespace-split words, ms), for the words espeak-ng reported in order
    (it reports most; the unit's first word is the unit's start)."""

    features: Features
    starts_ms: tuple[int, ...]
    length_ms: int
    words_per_minute: int
    words: tuple[tuple[int, int, int], ...] = ()


@lru_cache(maxsize=1)
def _library() -> tuple[ctypes.CDLL, int]:
    """libespeak-ng, initialised for synchronous synthesis with the Korean voice, and its sample rate."""
    candidates: list[tuple[str, bytes | None]] = []
    try:
        # espeakng-loader 0.2.4 ships no types (no py.typed) and typeshed has no stubs; two calls returning str
        import espeakng_loader  # type: ignore[import-untyped]

        candidates.append((espeakng_loader.get_library_path(), espeakng_loader.get_data_path().encode()))
    except (ImportError, RuntimeError):
        pass
    system = ctypes.util.find_library("espeak-ng")
    if system:
        candidates.append((system, None))
    problems = []
    for path, data in candidates:
        try:
            lib = ctypes.CDLL(path)
        except OSError as e:
            problems.append(str(e))
            continue
        lib.espeak_Initialize.restype = ctypes.c_int
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        rate = lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, BUFFER_MS, data, 0)
        if rate <= 0:
            problems.append(f"{path}: espeak_Initialize failed")
            continue
        if lib.espeak_SetVoiceByName(VOICE) != 0:
            problems.append(f"{path}: no Korean voice")
            continue
        return lib, rate
    detail = f" ({'; '.join(problems)})" if problems else ""
    raise MediaError(f"espeak-ng is needed to align the captions to the media by content{detail}: {INSTALL_HINT}")


class Speaking:
    """The script being spoken by child processes (``python -m captions.sync.speech``), a long one in parts on
    every core: ``result`` waits for the reference, ``stop`` drops it. Each child is a fresh interpreter
    that knows nothing of the caller, so the reference depends on the script alone."""

    def __init__(self, units: Sequence[str], words_per_minute: int) -> None:
        self._children = [_Child(part, words_per_minute) for part in _parts(units)]

    def result(self) -> Reference:
        """The reference, or a ``MediaError`` with a child's last word."""
        try:
            done = [child.result() for child in self._children]
        finally:
            self.stop()
        starts: list[int] = []
        words: list[tuple[int, int, int]] = []
        offset = 0
        for part in done:
            words += [(len(starts) + u, k, offset + t) for u, k, t in part.words]
            starts += [offset + t for t in part.starts_ms]
            offset += part.length_ms
        logmel = np.concatenate([p.features.logmel for p in done])
        energy = np.concatenate([p.features.energy_db for p in done])
        return Reference(Features(logmel, energy), tuple(starts), offset, done[0].words_per_minute, tuple(words))

    def stop(self) -> None:
        """Drop the reference (the media was refused): end every child still running."""
        for child in self._children:
            child.stop()


PART_CHARACTERS = 20_000  # a script longer than this (about an hour) is spoken in parts, in parallel
MAX_PARTS = 2


def _parts(units: Sequence[str]) -> list[list[str]]:
    """``units`` in consecutive parts of about equal length, one per ``PART_CHARACTERS`` (at most
    ``MAX_PARTS``): by the script's length alone, so the reference is the same on any machine."""
    total = sum(len(u) for u in units)
    count = max(1, min(MAX_PARTS, total // PART_CHARACTERS))
    parts: list[list[str]] = [[] for _ in range(count)]
    done = 0
    for unit in units:
        parts[min(count - 1, done * count // max(1, total))].append(unit)
        done += len(unit)
    return [p for p in parts if p] or [[]]


class _Child:
    """One ``python -m captions.sync.speech`` process and what it answers."""

    def __init__(self, units: Sequence[str], words_per_minute: int) -> None:
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 - closed by result() or stop()
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "captions.sync.speech", str(int(words_per_minute))],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._log,
        )  # fmt: skip
        assert self._proc.stdin is not None
        try:
            self._proc.stdin.write(json.dumps(list(units), ensure_ascii=False).encode("utf-8"))
            self._proc.stdin.close()
        except BrokenPipeError:
            pass  # the child is gone already: ``result`` says why

    def result(self) -> Reference:
        assert self._proc.stdout is not None
        with self._proc, self._log:
            data = self._proc.stdout.read()
            self._proc.wait()
            self._log.seek(0)
            said = self._log.read().decode("utf-8", "replace").strip().splitlines()
        if self._proc.returncode != 0 or not data:
            raise MediaError(said[-1] if said else f"espeak-ng stopped (exit status {self._proc.returncode})")
        with np.load(io.BytesIO(data)) as parts:
            starts, meta, words = parts["starts"], parts["meta"], parts["words"]
            found = Features(parts["logmel"], parts["energy"])
        heard = tuple((int(u), int(k), int(t)) for u, k, t in words.tolist())
        return Reference(found, tuple(int(t) for t in starts), int(meta[0]), int(meta[1]), heard)

    def stop(self) -> None:
        if self._log.closed:
            return
        with self._proc, self._log:
            self._proc.kill()
            self._proc.wait()


def begin(units: Sequence[str], words_per_minute: int) -> Speaking:
    """Start speaking ``units`` (see ``speak``) in fresh processes."""
    return Speaking(units, words_per_minute)


def main() -> int:
    """``python -m captions.sync.speech WPM``: units as a JSON list on stdin, the reference as .npz on stdout."""
    try:
        reference = speak(json.loads(sys.stdin.buffer.read().decode("utf-8")), int(sys.argv[1]))
    except MediaError as e:
        print(e, file=sys.stderr)
        return 2
    out = io.BytesIO()
    np.savez(
        out,
        logmel=reference.features.logmel,
        energy=reference.features.energy_db,
        starts=np.array(reference.starts_ms, dtype=np.int64),
        meta=np.array([reference.length_ms, reference.words_per_minute], dtype=np.int64),
        words=np.array(reference.words, dtype=np.int64).reshape(-1, 3),
    )
    sys.stdout.buffer.write(out.getvalue())
    return 0


def speak(units: Sequence[str], words_per_minute: int) -> Reference:
    """Speak every unit in turn at ``words_per_minute``; the reference features and each unit's start.

    The text goes to espeak-ng as SSML (escaped), with a ``COMMA_PAUSE_MS`` break after each comma, so
    the reference pauses where a voice does however fast it speaks; without them the media's comma
    pause after a sentence's one-syllable first word (``자, …``) looked like the reference's pause
    before it, and the boundary slipped a word. A unit with nothing to say (empty) takes no time. Each
    unit is cut to its sounds and followed by ``UNIT_PAUSE_MS`` of silence (espeak-ng's own pause after a
    sentence all but vanishes at a fast rate),
    so every boundary of the reference is a pause for the media's pause, if it has one, to meet, and
    each unit's start is where its first sound is.
    """
    lib, rate = _library()
    wpm = max(MIN_WPM, min(MAX_WPM, int(words_per_minute)))
    extractor = Extractor(rate)
    pending: list[npt.NDArray[np.int16]] = []

    reported: list[tuple[int, int]] = []  # this unit's word events: (character position, sample)

    def received(wav: ctypes._Pointer[ctypes.c_short], count: int, events: ctypes._Pointer[_Event]) -> int:
        if count > 0:
            pending.append(np.ctypeslib.as_array(wav, shape=(count,)).astype(np.int16))
        k = 0
        while events[k].type != _LIST_TERMINATED:
            if events[k].type == _WORD_EVENT:
                reported.append((events[k].text_position - 1, events[k].sample))
            k += 1
        return 0

    callback = _CALLBACK(received)  # kept referenced for as long as the library may call it
    lib.espeak_SetSynthCallback(callback)
    lib.espeak_SetParameter(_RATE, wpm, 0)
    silence = np.zeros(rate * UNIT_PAUSE_MS // 1000, dtype=np.int16)
    frame = rate * HOP_MS // 1000
    starts: list[int] = []
    total = 0
    waiting: list[npt.NDArray[np.int16]] = []  # fed to the extractor a second or more at a time

    def add(block: npt.NDArray[np.int16]) -> None:
        nonlocal total
        waiting.append(block)
        total += len(block)
        if sum(len(w) for w in waiting) >= rate:
            extractor.feed(np.concatenate(waiting))
            waiting.clear()

    words: list[tuple[int, int, int]] = []
    for index, unit in enumerate(units):
        starts.append(total * 1000 // rate)
        said = unit.split()
        if not said:
            continue
        ssml, at = _ssml(said)
        text = ssml.encode("utf-8")
        pending.clear()
        reported.clear()
        status = lib.espeak_Synth(text, len(text) + 1, 0, _POS_CHARACTER, 0, _CHARS_UTF8 | _SSML, None, None)
        if status != 0:
            raise MediaError(f"espeak-ng could not speak the script (error {status})")
        lib.espeak_Synchronize()
        samples = np.concatenate(pending) if pending else silence[:0]
        first, sounding = _sounding(samples)
        words += [(index, k, (total + max(0, x - first)) * 1000 // rate) for k, x in _in_order(reported, at) if k]
        add(sounding)
        add(silence)
        add(np.zeros(-total % frame, dtype=np.int16))  # the next unit starts on a whole frame
    # the last frames are analysed as if silence went on: parts spoken apart join frame for frame
    extractor.feed(np.concatenate([*waiting, np.zeros(2 * extractor.window, dtype=np.int16)]))
    found = extractor.result()
    kept = Features(found.logmel[: total // frame], found.energy_db[: total * HOP_MS // frame // ENERGY_MS])
    return Reference(kept, tuple(starts), total * 1000 // rate, wpm, tuple(words))


def _ssml(words: Sequence[str]) -> tuple[str, list[int]]:
    """The unit as espeak-ng is given it (escaped, a ``COMMA_BREAK`` after a word ending in ``,;:``), and
    where each word begins in that text (characters), to read its word events by."""
    pieces: list[str] = []
    at: list[int] = []
    length = 0
    for k, word in enumerate(words):
        piece = html.escape(word, quote=False)
        if k + 1 < len(words) and word[-1] in ",;:":
            piece += COMMA_BREAK
        at.append(length)
        pieces.append(piece)
        length += len(piece) + 1
    return " ".join(pieces), at


def _in_order(reported: Sequence[tuple[int, int]], at: Sequence[int]) -> list[tuple[int, int]]:
    """(word index, sample) for each word espeak-ng reported, its first report only, and only while words
    and samples both go forward: it now and then reports a word late and out of order, or again."""
    found: list[tuple[int, int]] = []
    for position, sample in reported:
        k = bisect.bisect_right(at, position) - 1
        if k >= 0 and (not found or (k > found[-1][0] and sample >= found[-1][1])):
            found.append((k, sample))
    return found


def _sounding(samples: npt.NDArray[np.int16]) -> tuple[int, npt.NDArray[np.int16]]:
    """Where a unit's first sound is, and its audio from there to its last sound: the unit then begins where
    it is first heard, and the pause after it is ``UNIT_PAUSE_MS`` at any rate."""
    sound = np.flatnonzero(np.abs(samples.astype(np.int32)) > SILENT)
    return (int(sound[0]), samples[sound[0] : sound[-1] + 1]) if len(sound) else (0, samples[:0])


if __name__ == "__main__":
    raise SystemExit(main())

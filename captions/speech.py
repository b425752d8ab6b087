"""The script spoken by espeak-ng, as the reference the media is aligned to.

espeak-ng's library is called in-process through ``ctypes`` (one ``espeak_Synth`` call a sentence, no
process per sentence), from the ``espeakng-loader`` wheel — which ships libespeak-ng and its Korean
data, so a ``pip install`` is enough — or else from the system's libespeak-ng. Each unit (a
sentence) is spoken on its own and the units are joined, so where each one begins in the reference
is exact: espeak-ng's word events skip words in Korean text, and a boundary placed from them can be
a word off. The samples go straight into a ``features.Extractor``; only the features are kept.

espeak-ng keeps state from one call to the next (the same sentence comes out a few milliseconds
longer or shorter, its waveform different, after other sentences), so ``begin`` speaks the script in a
fresh process each time: the reference depends on the script alone, never on what this process spoke
before — and it is made on the other core while this one decodes the media.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from captions.features import Extractor, Features
from captions.media import MediaError  # one error for everything outside that media fitting needs

VOICE = b"ko"
BUFFER_MS = 500  # audio handed to the callback at a time
MIN_WPM, MAX_WPM = 80, 450  # espeak-ng's own range
UNIT_PAUSE_MS = 150  # silence after every unit: each boundary of the reference is a pause, whatever the rate
SILENT = 16  # sample magnitude below which espeak-ng's output is silence
INSTALL_HINT = (
    "reinstall captions (its espeakng-loader dependency ships espeak-ng) or install espeak-ng "
    "(Debian/Ubuntu: apt-get install espeak-ng; macOS: brew install espeak-ng)"
)

_AUDIO_OUTPUT_SYNCHRONOUS = 2
_CHARS_UTF8 = 1
_POS_CHARACTER = 1
_RATE = 1  # espeakRATE


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
    """The spoken script: its features, and the ms at which each unit begins in it."""

    features: Features
    starts_ms: tuple[int, ...]
    length_ms: int
    words_per_minute: int


@lru_cache(maxsize=1)
def _library() -> tuple[ctypes.CDLL, int]:
    """libespeak-ng, initialised for synchronous synthesis with the Korean voice, and its sample rate."""
    candidates: list[tuple[str, bytes | None]] = []
    try:
        import espeakng_loader

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
    """The script being spoken in a child process: ``result`` waits for the reference, ``stop`` drops it."""

    def __init__(self, units: Sequence[str], words_per_minute: int) -> None:
        import multiprocessing

        context = multiprocessing.get_context("spawn")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_child, args=(list(units), words_per_minute, send), daemon=True)
        self._process.start()
        send.close()

    def result(self) -> Reference:
        """The reference, or the child's ``MediaError`` raised here."""
        try:
            answer = self._receive.recv()
        except EOFError:
            answer = MediaError("espeak-ng stopped before it had spoken the script")
        finally:
            self._receive.close()
            self._process.join()
        if isinstance(answer, BaseException):
            raise answer
        return answer

    def stop(self) -> None:
        """Drop the reference (the media was refused): end the child now."""
        self._process.terminate()
        self._process.join()
        self._receive.close()


def begin(units: Sequence[str], words_per_minute: int) -> Speaking:
    """Start speaking ``units`` (see ``speak``) in a fresh process."""
    return Speaking(units, words_per_minute)


def _child(units: list[str], words_per_minute: int, send: object) -> None:
    try:
        answer: object = speak(units, words_per_minute)
    except MediaError as e:
        answer = e
    except Exception as e:  # anything else, as one line, never a traceback in another process
        answer = MediaError(f"espeak-ng failed: {e}")
    send.send(answer)  # type: ignore[attr-defined]
    send.close()  # type: ignore[attr-defined]


def speak(units: Sequence[str], words_per_minute: int) -> Reference:
    """Speak every unit in turn at ``words_per_minute``; the reference features and each unit's start.

    A unit with nothing to say (empty) takes no time. Each unit is cut to its sounds and followed by
    ``UNIT_PAUSE_MS`` of silence (espeak-ng's own pause after a sentence all but vanishes at a fast rate),
    so every boundary of the reference is a pause for the media's pause, if it has one, to meet, and
    each unit's start is where its first sound is.
    """
    lib, rate = _library()
    wpm = max(MIN_WPM, min(MAX_WPM, int(words_per_minute)))
    extractor = Extractor(rate)
    pending: list[np.ndarray] = []

    def received(wav: ctypes.Array, count: int, _events: object) -> int:
        if count > 0:
            pending.append(np.ctypeslib.as_array(wav, shape=(count,)).astype(np.int16))
        return 0

    callback = _CALLBACK(received)  # kept referenced for as long as the library may call it
    lib.espeak_SetSynthCallback(callback)
    lib.espeak_SetParameter(_RATE, wpm, 0)
    silence = np.zeros(rate * UNIT_PAUSE_MS // 1000, dtype=np.int16)
    starts: list[int] = []
    total = 0
    for unit in units:
        starts.append(total * 1000 // rate)
        text = " ".join(unit.split()).encode("utf-8")
        if not text:
            continue
        pending.clear()
        status = lib.espeak_Synth(text, len(text) + 1, 0, _POS_CHARACTER, 0, _CHARS_UTF8, None, None)
        if status != 0:
            raise MediaError(f"espeak-ng could not speak the script (error {status})")
        lib.espeak_Synchronize()
        said = _trimmed(np.concatenate(pending)) if pending else silence[:0]
        for block in (said, silence):
            extractor.feed(block)
            total += len(block)
    return Reference(extractor.result(), tuple(starts), total * 1000 // rate, wpm)


def _trimmed(samples: np.ndarray) -> np.ndarray:
    """A unit's audio from its first sound to its last: the unit then begins where it is first heard,
    and the pause after it is ``UNIT_PAUSE_MS`` at any rate."""
    sound = np.flatnonzero(np.abs(samples.astype(np.int32)) > SILENT)
    return samples[sound[0] : sound[-1] + 1] if len(sound) else samples[:0]

"""The lecture's audio or video, as ffmpeg and ffprobe see it: one error type for everything they touch.

``listen`` streams the audio track out of any file ffmpeg reads (WAV, MP3, MP4, MKV…) as 16 kHz
mono samples and turns it into ``Features`` block by block, so a 3-hour lecture is never held
as samples, only as frames. The video stream, if any, is never decoded.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from captions.errors import MediaError

try:
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX
    fcntl = None  # type: ignore[assignment]

if TYPE_CHECKING:  # numpy loads only when media is listened to
    from captions.sync.features import Features

BLOCK_SAMPLES = 16_000 * 4  # read from ffmpeg's pipe at a time (``features.RATE``, four seconds)
INSTALL_HINT = "install ffmpeg (Debian/Ubuntu: apt-get install ffmpeg; macOS: brew install ffmpeg)"


def tool(name: str) -> str:
    """Path of ``ffmpeg`` or ``ffprobe`` on PATH, or a ``MediaError`` that says what to install."""
    found = shutil.which(name)
    if not found:
        raise MediaError(f"{name} not found on PATH: {INSTALL_HINT}")
    return found


def duration_ms(path: Path) -> int | None:
    """Length of a media or subtitle file by ffprobe, in ms; ``None`` when ffprobe cannot tell."""
    out = subprocess.run(
        [tool("ffprobe"), "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", str(path)],
        capture_output=True,
        text=True,
    )
    try:
        return round(float(out.stdout.strip()) * 1000)
    except ValueError:
        return None


_STILL_FORMATS = ("image2", "apng")  # ffprobe's names for a picture; and every "*_pipe" (png_pipe, jpeg_pipe…)


def has_picture(path: Path) -> bool:
    """Whether ``path`` holds a moving picture ffmpeg can put subtitles on: a video stream that is not a
    still image (a PNG, a JPEG) or an audio file's cover art. ``False`` too when ffprobe cannot read it."""
    entries = "format=format_name:stream=codec_type:stream_disposition=attached_pic"
    out = subprocess.run(
        [tool("ffprobe"), "-v", "error", "-show_entries", entries, "-of", "json", str(path)],
        capture_output=True,
        text=True,
    )
    try:
        found = json.loads(out.stdout or "{}")
    except ValueError:
        return False
    names = str(found.get("format", {}).get("format_name", "")).split(",")
    if any(n in _STILL_FORMATS or n.endswith("_pipe") for n in names):
        return False
    return any(
        st.get("codec_type") == "video" and not st.get("disposition", {}).get("attached_pic")
        for st in found.get("streams", [])
    )


class Heard:
    """A media file being listened to: its name and length at once (ffprobe), its features once ffmpeg
    has decoded it, in a thread of its own — so the script can be spoken meanwhile (``speech.begin``)."""

    def __init__(self, path: Path) -> None:
        ffmpeg = tool("ffmpeg")
        if not path.is_file():
            raise MediaError(f"{path}: no such media file")
        self.path = path
        self.name = str(path)
        self.probed_ms = duration_ms(path)
        self._result: tuple[Features, int] | MediaError | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._decode, args=(ffmpeg,), daemon=True)
        self._thread.start()

    def close(self) -> None:
        """Stop decoding (the lecture failed before the media was needed) and wait for the thread."""
        self._stop.set()
        self._thread.join()

    @property
    def features(self) -> Features:
        return self._wait()[0]

    @property
    def length_ms(self) -> int:
        """Its length as decoded (ffprobe's, while decoding goes on, is ``probed_ms``)."""
        return self._wait()[1]

    def _wait(self) -> tuple[Features, int]:
        self._thread.join()
        if isinstance(self._result, MediaError) or self._result is None:
            raise self._result or MediaError(f"{self.path}: ffmpeg cannot read its audio")
        return self._result

    def _decode(self, ffmpeg: str) -> None:
        try:
            self._result = _decode(ffmpeg, self.path, self._stop)
        except MediaError as e:
            self._result = e
        except OSError as e:
            self._result = MediaError(f"{self.path}: cannot run ffmpeg: {e.strerror or e}")


BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def listen(path: Path) -> Heard:
    """Start decoding the audio of ``path`` with ffmpeg; its features come as it streams in.

    The first thing media fitting does, so here numpy's BLAS is held to one thread (unless the caller
    set it): it would start a thread per core for matrix products far too small to gain from them, and
    fight ffmpeg and the espeak-ng children (which inherit the setting) for the cores — the media's
    features took twice as long. Set before numpy loads; importing captions sets nothing."""
    for name in BLAS_THREADS:
        os.environ.setdefault(name, "1")
    return Heard(path)


def _decode(ffmpeg: str, path: Path, stop: threading.Event) -> tuple[Features, int]:
    import numpy as np  # only a run with --media pays for numpy

    from captions.sync.features import RATE, Extractor

    cmd = [ffmpeg, "-hide_banner", "-nostdin", "-v", "error", "-i", str(path), "-map", "0:a:0", "-vn",
           "-ac", "1", "-ar", str(RATE), "-f", "s16le", "-"]  # fmt: skip
    extractor = Extractor(RATE)
    samples = 0
    # ffmpeg's complaints go to a file: a damaged file can fill a pipe with them while we read the audio
    with tempfile.TemporaryFile() as log, subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=log) as proc:
        assert proc.stdout is not None
        _widen(proc.stdout)
        carry = b""
        while not stop.is_set() and (chunk := proc.stdout.read(BLOCK_SAMPLES * 2)):
            data = carry + chunk
            usable = len(data) - len(data) % 2
            carry = data[usable:]
            block = np.frombuffer(data[:usable], dtype=np.int16)
            samples += len(block)
            extractor.feed(block)
        if stop.is_set():
            proc.kill()
            raise MediaError(f"{path}: decoding stopped")
        proc.wait()
        log.seek(0)
        errors = log.read(65536).decode("utf-8", "replace")
    if proc.returncode != 0 or samples == 0:
        last = errors.strip().splitlines()[-1] if errors.strip() else "no audio"
        if "matches no streams" in errors or "does not contain any stream" in errors:
            last = "no audio stream"
        raise MediaError(f"{path}: ffmpeg cannot read its audio ({last[:160]})")
    return extractor.result(), samples * 1000 // RATE


def _widen(pipe: object) -> None:
    """A pipe that holds ``BLOCK_SAMPLES`` and more, where the system allows (Linux): ffmpeg then decodes
    the next block while this one is analysed, instead of waiting for room in a 64 KB pipe."""
    setsize = getattr(fcntl, "F_SETPIPE_SZ", None) if fcntl else None
    if setsize is not None:
        with contextlib.suppress(OSError):
            fcntl.fcntl(pipe.fileno(), setsize, 4 * BLOCK_SAMPLES * 2)  # type: ignore[attr-defined]

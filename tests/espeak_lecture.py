"""A lecture's audio made with espeak-ng, segment by segment, with the true start of each segment.

Used by the sync tests and ``benchmarks/sync.py``; made in a temporary folder, never committed.
The voice speaks at a rate unlike upstream's 5 characters a second, and a fixed pause separates
segments, as a TTS run over the whole script would leave between paragraphs.
"""

from __future__ import annotations

import shutil
import subprocess
import wave
from pathlib import Path

from captions.text.markup import parse
from captions.timeline import Timeline

RATE = 22050  # Hz, what espeak-ng writes
GAP_MS = 600


def build(timeline: Timeline, folder: Path, words_per_minute: int = 230) -> tuple[Path, list[int]]:
    """Speak every segment with text, join them with ``GAP_MS`` of silence; return the WAV and the
    ms at which each spoken segment's audio begins (in the order of the timeline's segments)."""
    espeak = shutil.which("espeak-ng")
    if espeak is None:
        raise RuntimeError("espeak-ng is not installed: run `make clients`")
    folder.mkdir(parents=True, exist_ok=True)
    frames = bytearray()
    starts: list[int] = []
    params = None
    for seg in timeline.segments:
        text = parse(seg.text).text
        if not text:
            starts.append(len(frames) // 2 * 1000 // RATE)
            continue
        part = folder / f"seg{seg.number}.wav"
        subprocess.run([espeak, "-v", "ko", "-s", str(words_per_minute), "-w", str(part), text], check=True)
        with wave.open(str(part)) as w:
            params = w.getparams()
            assert params.framerate == RATE and params.sampwidth == 2 and params.nchannels == 1
            if frames:
                frames += b"\x00\x00" * (RATE * GAP_MS // 1000)
            starts.append(len(frames) // 2 * 1000 // RATE)
            frames += w.readframes(w.getnframes())
        part.unlink()
    out = folder / "lecture.wav"
    with wave.open(str(out), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(bytes(frames))
    return out, starts

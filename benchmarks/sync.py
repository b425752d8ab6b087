"""How well `--sync` puts segment starts on the voice, on espeak-ng lectures with known segment starts.

For the seed and two corpus lectures, the audio is spoken segment by segment with espeak-ng (Korean
voice, 190 words a minute — not upstream's 5 characters a second), with 600 ms between segments and
also with none (one TTS run over the whole script leaves only its own sentence pauses). Each method's
fitted segment starts are compared with where each segment's audio truly begins; the time of the sync
step (ffmpeg's pause detection plus the alignment) is measured on its own.

Run: `make sync` (needs espeak-ng and ffmpeg: `make clients`).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import espeak_lecture  # noqa: E402

from captions import pipeline, profiles, readers, sync  # noqa: E402
from captions.text import markup  # noqa: E402

LECTURES = [
    ROOT / "samples" / "000_37263f0645e2225f.txt",
    *sorted((ROOT.parent / "shared" / "corpus").glob("2025-05-02-Kandji*_improved.txt")),
    *sorted((ROOT.parent / "shared" / "corpus").glob("2025-05-16-*_improved.txt")),
]


def main() -> int:
    print("| lecture | gap | timeline | media | method | ≤ 150 ms | median | worst | pauses found | fit + captions |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for path in LECTURES:
            timeline = readers.read_path(path)
            for gap in (600, 0):
                espeak_lecture.GAP_MS = gap
                wav, starts = espeak_lecture.build(timeline, Path(tmp), words_per_minute=190)
                for method in sync.METHODS:
                    started = time.perf_counter()
                    length, pauses = sync.probe(wav)
                    probed = time.perf_counter()
                    media = sync.Media(str(wav), length, tuple(pauses), method)
                    texts = [markup.parse(s.text).text for s in timeline.segments]
                    result = pipeline.build(timeline, profiles.NETFLIX_KO, [Fraction(1), Fraction(3, 2)], media=media)
                    built = time.perf_counter()
                    spoken = [
                        abs(s.start_ms - t)
                        for s, t, text in zip(result.synced.timeline.segments, starts, texts, strict=True)
                        if text
                    ]
                    within = sum(e <= 150 for e in spoken) / len(spoken)
                    print(
                        f"| {path.name[:28]}… | {gap} ms | {timeline.end_ms / 1000:.0f} s | {length / 1000:.0f} s | "
                        f"{method} | {within:.0%} | {int(statistics.median(spoken))} ms | {max(spoken)} ms | "
                        f"{len(pauses)} in {probed - started:.2f} s | {built - probed:.2f} s |"
                    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

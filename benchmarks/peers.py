"""Ours against the tools people reach for, on the same hard audio: ffsubsync and aeneas.

Each peer gets what a user would give it. ffsubsync (one shift and one speed factor fitted to the
media's voice activity) gets our captions timed by the report's timeline (`--sync none`) at the media's
speed; aeneas (espeak-ng speaks the text, MFCCs compared by DTW — the approach `--sync content` also
takes) gets the text of those same captions, one per line, and places each. alass needs crates.io,
which this machine cannot reach. Every tool's first caption of each segment is compared with where
that segment is truly heard (`tests/espeak_lecture.py`), in the media's own time.

The peers are installed on first use into `.cache/peers/` (pip, from PyPI): ffsubsync 0.5.1, and
aeneas 1.7.3.0 with numpy 1.23.5 and without its C espeak extension (it links against the old
`libespeak`), told to use espeak-ng's `ko` voice and 22050 Hz (without that, its reference is
written at the wrong rate and every boundary comes out scaled).

Run: `make peers`, or `.venv/bin/python benchmarks/peers.py [--lectures N] [--conditions LIST]`.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import srt as srt_lib

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import espeak_lecture  # noqa: E402
from sync import CONDITIONS, HELD_OUT_VOICES, LECTURES, SPEEDS  # noqa: E402

from captions import pipeline, profiles, readers, sync  # noqa: E402
from captions.caption import Caption  # noqa: E402
from captions.formats import srt as srt_writer  # noqa: E402

CACHE = ROOT / ".cache" / "peers"
FFS = CACHE / "ffsubsync" / "bin" / "ffs"
AENEAS = CACHE / "aeneas" / "bin" / "python"
AENEAS_TASK = "task_language=kor|is_text_type=plain|os_task_file_format=srt"


def install() -> None:
    """The peers' virtual environments, made once."""
    python = shutil.which("python3") or sys.executable
    if not FFS.exists():
        subprocess.run([python, "-m", "venv", str(FFS.parents[1])], check=True)
        subprocess.run([str(FFS.parent / "pip"), "install", "-q", "ffsubsync==0.5.1"], check=True)
    if not AENEAS.exists():
        subprocess.run([python, "-m", "venv", str(AENEAS.parents[1])], check=True)
        pip = str(AENEAS.parent / "pip")
        subprocess.run([pip, "install", "-q", "numpy==1.23.5", "wheel"], check=True)
        subprocess.run(
            [pip, "install", "-q", "--no-build-isolation", "aeneas==1.7.3.0"],
            check=True,
            env={**__import__("os").environ, "AENEAS_WITH_CEW": "False"},
        )


def aeneas_config() -> str:
    espeak, ffmpeg, ffprobe = (shutil.which(t) for t in ("espeak-ng", "ffmpeg", "ffprobe"))
    return (
        f"tts=espeak-ng|tts_path={espeak}|allow_unlisted_languages=True|tts_voice_code=ko"
        f"|ffmpeg_sample_rate=22050|ffmpeg_path={ffmpeg}|ffprobe_path={ffprobe}"
    )


def starts(cues: list[Caption] | list[srt_lib.Subtitle], captions: list[Caption]) -> dict[int, int]:
    """The first cue's start (ms) of each segment; ``cues`` are in the order of our ``captions``."""
    out: dict[int, int] = {}
    for cue, ours in zip(cues, captions, strict=True):
        at = cue.start_ms if isinstance(cue, Caption) else round(cue.start.total_seconds() * 1000)
        out.setdefault(ours.segment, at)
    return out


def errors(found: dict[int, int], lecture: espeak_lecture.Lecture, timeline) -> list[int]:
    truth = dict(zip((s.number for s in timeline.segments), lecture.segment_starts, strict=True))
    return [abs(found[n] - t) for n, t in truth.items() if t is not None and n in found]


def row(name: str, errs: list[int], took: float, lecture_name: str, condition: str) -> str:
    """One table row: the share of segment starts within 100 ms, the worst, the time taken."""
    within = sum(e <= 100 for e in errs) / len(errs) if errs else 0.0
    return f"| {lecture_name[:24]}… | {condition} | {name} | {within:.0%} | {max(errs, default=0)} ms | {took:.1f} s |"


def ours(lecture, timeline, speed: Fraction, method: str) -> tuple[list[int], float]:
    started = time.perf_counter()
    heard = sync.heard(sync.listen(lecture.path), method, speed, given=True)
    result = pipeline.build(timeline, profiles.NETFLIX_KO, SPEEDS, media=heard)
    took = time.perf_counter() - started
    return errors(starts(result.at(speed), result.captions), lecture, timeline), took


def peer(cmd: list[str], out: Path, captions: list[Caption], lecture, timeline) -> tuple[list[int], float] | str:
    """A peer's errors and time, or why there are none."""
    started = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True)
    took = time.perf_counter() - started
    if done.returncode != 0 or not out.exists():
        return "failed: " + (done.stderr.strip().splitlines() or ["?"])[-1][:120]
    cues = list(srt_lib.parse(out.read_text(encoding="utf-8")))
    out.unlink()
    paired = paired_by_text(cues, captions)
    if len(paired) < 0.9 * len(captions):
        return f"{len(cues)} cues for {len(captions)} captions, {len(paired)} matched by text"
    return errors(starts([c for c, _ in paired], [o for _, o in paired]), lecture, timeline), took


def paired_by_text(cues: list[srt_lib.Subtitle], captions: list[Caption]) -> list[tuple[srt_lib.Subtitle, Caption]]:
    """Each of our captions with the peer's cue of the same text, in order (a peer may drop or merge
    cues: ffsubsync drops some), skipping those it has not kept."""

    def norm(text: str) -> str:
        return "".join(re.sub(r"<[^>]+>", "", text).split())

    out, at = [], 0
    for ours in captions:
        for k in range(at, min(len(cues), at + 6)):
            if norm(cues[k].content) == norm(ours.text):
                out.append((cues[k], ours))
                at = k + 1
                break
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lectures", type=int, default=3)
    parser.add_argument("--conditions", default="sentence,music")
    args = parser.parse_args()
    install()
    print("Segment starts within 100 ms of the media (150 ms at 1x for a 1.5x media), in the media's time.")
    print("| lecture | condition | tool | ≤ 100 ms | worst | time |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for path in LECTURES[: args.lectures]:
            timeline = readers.read_path(path)
            for key in args.conditions.split(","):
                condition, recipe, speed, varied = CONDITIONS[key]
                recipe = replace(recipe, voices=HELD_OUT_VOICES, seed=3) if varied else recipe
                lecture = espeak_lecture.build(timeline, folder / "audio", recipe)
                at_speed = pipeline.build(timeline, profiles.NETFLIX_KO, SPEEDS).at(speed)
                given, text = folder / "timeline.srt", folder / "captions.txt"
                given.write_text(srt_writer.write(at_speed), encoding="utf-8")
                text.write_text("\n".join(" ".join(c.text.split()) for c in at_speed) + "\n", encoding="utf-8")
                runs: dict[str, tuple[list[int], float] | str] = {
                    f"captions --sync {m}": ours(lecture, timeline, speed, m) for m in ("content", "scale", "none")
                }
                ffs_out, aeneas_out = folder / "ffs.srt", folder / "aeneas.srt"
                runs["ffsubsync 0.5.1"] = peer(
                    [str(FFS), str(lecture.path), "-i", str(given), "-o", str(ffs_out)],
                    ffs_out, at_speed, lecture, timeline,
                )  # fmt: skip
                runs["aeneas 1.7.3.0"] = peer(
                    [str(AENEAS), "-m", "aeneas.tools.execute_task", str(lecture.path), str(text), AENEAS_TASK,
                     str(aeneas_out), f"-r={aeneas_config()}"],
                    aeneas_out, at_speed, lecture, timeline,
                )  # fmt: skip
                for name, outcome in runs.items():
                    if isinstance(outcome, str):
                        print(f"| {path.name[:24]}… | {condition} | {name} | {outcome} | | |")
                    else:
                        print(row(name, *outcome, path.name, condition), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""How well `--media` puts captions on the voice, on hard audio built the way upstream builds its own.

Every lecture is spoken with espeak-ng by ``tests/espeak_lecture.py`` — voices, pitches and paces that
change by sentence or by segment, no silence added between segments, a music bed and an intro, the
tempo raised 1.5x, a 32 kb/s MP3 — with the true time of every segment and sentence. Each method's
captions are then compared with that truth in the 1x and the 1.5x files: the share of segment starts
within 150 ms and the worst one, and the share of sentence starts (those that begin a caption) within
200 ms. Also timed: the whole fit (listening to the media, speaking the script, aligning, captions).

``--long`` instead times one 3-hour lecture (distinct script lines of the whole corpus, spoken at 150–230
words a minute by segment, 1x, 32 kb/s MP3, and its 1.5x version): the whole `captions generate --media`
run, its peak memory, and how well it did.

Run: `make sync` (needs espeak-ng, sox and ffmpeg: `make clients`), or
`.venv/bin/python benchmarks/sync.py [--conditions NAME,…] [--lectures N] [--methods LIST] [--voices held-out]`
or `.venv/bin/python benchmarks/sync.py --long [--hours H]`.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import espeak_lecture  # noqa: E402
from espeak_lecture import Recipe  # noqa: E402

from captions import pipeline, profiles, readers, sync  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
LECTURES = [
    ROOT / "samples" / "000_37263f0645e2225f.txt",
    *sorted(CORPUS.glob("2025-05-02-Kandji*_improved.txt")),
    *sorted(CORPUS.glob("2025-05-16-*_improved.txt")),
    *sorted(CORPUS.glob("2025-09-10-*_improved.txt")),
    *sorted(CORPUS.glob("2025-06-06-*_improved_improved.txt")),
]
TUNED_VOICES = ("ko", "ko+m3", "ko+f3")
HELD_OUT_VOICES = ("ko+m1", "ko+f2", "ko+m7", "ko+f5", "ko+klatt3")
UPSTREAM = Recipe(pitches=(30, 70), pace=(150, 230), tempo=1.5, codec="mp3")
# name → (what it is, recipe, the speed the media plays at, whether the voices vary)
CONDITIONS: dict[str, tuple[str, Recipe, Fraction, bool]] = {
    "sentence": ("upstream-like, pace by sentence", replace(UPSTREAM, vary="sentence"), Fraction(3, 2), True),
    "segment": ("upstream-like, pace by segment", replace(UPSTREAM, vary="segment"), Fraction(3, 2), True),
    "music": (
        "music bed −25 dB, 6 s intro",
        replace(UPSTREAM, vary="sentence", music_db=25, intro_ms=6000, outro_ms=3000),
        Fraction(3, 2),
        True,
    ),
    "gaps": ("espeak 190 wpm, 600 ms gaps, 1x WAV", Recipe(pace=(190, 190), gap_ms=600), Fraction(1), False),
    "nogaps": ("espeak 190 wpm, no gaps, 1x WAV", Recipe(pace=(190, 190)), Fraction(1), False),
}
SPEEDS = (Fraction(1), Fraction(3, 2))


def run(lectures: list[Path], conditions: list[str], methods: list[str], voices: tuple[str, ...], seed: int) -> None:
    print(
        "| lecture | condition | method | 1x ≤ 150 ms | 1x worst | 1.5x ≤ 150 ms | 1.5x worst "
        "| sentences ≤ 200 ms (1.5x) | captions ≤ 150 ms (1x) | not starting a sentence | worst caption (1x) "
        "| captions ≤ 100 ms (media's speed) | words ≤ 150 ms (1x) | flagged uncertain (of the segment starts "
        "> 150 ms off) | fit + captions |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    totals: dict[tuple[str, str], list[float]] = {}
    caption_totals: dict[tuple[str, str], list[tuple[float, float, int, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for path in lectures:
            timeline = readers.read_path(path)
            for key in conditions:
                name, recipe, speed, varied = CONDITIONS[key]
                if varied:
                    recipe = replace(recipe, voices=voices)
                lecture = espeak_lecture.build(timeline, Path(tmp) / "audio", replace(recipe, seed=seed))
                for method in methods:
                    started = time.perf_counter()
                    heard = sync.heard(sync.listen(lecture.path), method, speed, given=True)
                    result = pipeline.build(timeline, profiles.NETFLIX_KO, SPEEDS, media=heard)
                    took = time.perf_counter() - started
                    one = espeak_lecture.score(result.captions, lecture, timeline, float(speed), 1.0)
                    fast = espeak_lecture.score(result.captions, lecture, timeline, float(speed), 1.5)
                    own = espeak_lecture.score(result.captions, lecture, timeline, float(speed), float(speed))
                    flagged, wrong, caught = _flags(result, lecture, timeline, float(speed))
                    print(
                        f"| {path.name[:24]}… | {name} | {method} | {one.within(150):.0%} | {one.worst} ms "
                        f"| {fast.within(150):.0%} | {fast.worst} ms | {fast.within(200, sentences=True):.0%} "
                        f"of {len(fast.sentences)} | {one.captions_within(150):.0%} of {len(one.captions)} "
                        f"| {one.captions_within(150, inside=True):.0%} | {one.worst_caption} ms "
                        f"| {own.captions_within(100):.0%} | {one.words_within(150):.0%} of {len(one.words)} "
                        f"| {flagged} ({caught} of {wrong}) | {took:.2f} s |",
                        flush=True,
                    )
                    totals.setdefault((name, method), []).append(min(one.within(150), fast.within(150)))
                    caption_totals.setdefault((name, method), []).append(
                        (one.captions_within(150), own.captions_within(100), one.worst_caption, one.words_within(150))
                    )
    print()
    for (name, method), shares in totals.items():
        caps = caption_totals[(name, method)]
        print(
            f"{name}, {method}: lowest share of segment starts within 150 ms {min(shares):.0%}, "
            f"mean {statistics.mean(shares):.0%}; caption starts within 150 ms at 1x lowest "
            f"{min(c[0] for c in caps):.0%}, within 100 ms at the media's speed lowest {min(c[1] for c in caps):.0%}, "
            f"worst {max(c[2] for c in caps)} ms; word starts within 150 ms at 1x lowest {min(c[3] for c in caps):.0%}"
        )


def _flags(result: pipeline.Result, lecture: espeak_lecture.Lecture, timeline, speed: float) -> tuple[int, int, int]:
    """Boundaries the report flags as uncertain; segment starts more than 150 ms off (1x); and how many of
    those were flagged."""
    moves = result.synced.moves if result.synced else ()
    truth = dict(zip((s.number for s in timeline.segments), lecture.segment_starts, strict=True))
    wrong = [
        m for m in moves if m.is_segment and truth.get(m.segment) is not None
        and abs(m.placed_ms - truth[m.segment] * speed) > 150
    ]  # fmt: skip
    return sum(m.uncertain for m in moves), len(wrong), sum(m.uncertain for m in wrong)


def long_lecture(folder: Path, hours: float) -> Path:
    """A lecture report of distinct corpus script lines, about ``hours`` long when spoken at 190 words a
    minute (5.4 syllables a second), in upstream's format."""
    from captions.text import markup, syllables

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from speed import corpus_lines, report_text

    chosen, said = [], 0
    for line in corpus_lines("*.txt"):
        if said >= hours * 3600 * 5.4:
            break
        chosen.append(line)
        said += syllables.count(markup.parse(line).text)
    out = folder / "long_script_improved.txt"
    out.write_text(report_text(chosen, out.stem), encoding="utf-8")
    return out


def run_long(hours: float) -> None:
    """One long lecture through the CLI: wall time, peak memory, accuracy (see the module's note)."""
    import subprocess

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        report = long_lecture(folder, hours)
        timeline = readers.read_path(report)
        started = time.perf_counter()
        plain = espeak_lecture.build(timeline, folder / "a", Recipe(pace=(150, 230), vary="segment", codec="mp3"))
        fast = espeak_lecture.build(timeline, folder / "b", replace(UPSTREAM, vary="segment", voices=TUNED_VOICES))
        print(f"built the audio in {time.perf_counter() - started:.0f} s; {len(timeline.segments)} segments")
        for lecture, speed in ((plain, Fraction(1)), (fast, Fraction(3, 2))):
            length = sync.duration_ms(lecture.path) or 0
            out = folder / f"out{speed}"
            cmd = [str(Path(sys.executable).parent / "captions"), "generate", str(report), "-o", str(out),
                   "--media", str(lecture.path), "--media-speed", f"{float(speed):g}"]  # fmt: skip
            probe = (
                "import resource, subprocess, sys, time; t = time.perf_counter(); "
                "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode; "
                "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)"
            )
            done = subprocess.run([sys.executable, "-c", probe, *cmd], check=True, capture_output=True, text=True)
            if done.stdout.split()[2] != "0":  # what captions said, rather than the probe's traceback
                raise SystemExit(f"captions generate exited {done.stdout.split()[2]}: {done.stderr.strip()}")
            took, peak = float(done.stdout.split()[0]), int(done.stdout.split()[1]) / 1024
            heard = sync.heard(sync.listen(lecture.path), "content", speed, given=True)
            result = pipeline.build(timeline, profiles.NETFLIX_KO, SPEEDS, media=heard)
            one = espeak_lecture.score(result.captions, lecture, timeline, float(speed), 1.0)
            print(
                f"{length / 3_600_000:.2f} h of media at {float(speed):g}x: captions generate --media {took:.1f} s, "
                f"peak memory {peak:.0f} MB; segment starts within "
                f"150 ms {one.within(150):.1%}, worst {one.worst} ms",
                flush=True,
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    names = ", ".join(CONDITIONS)
    parser.add_argument("--conditions", default=",".join(CONDITIONS), help=f"comma-separated, from: {names}")
    parser.add_argument("--lectures", type=int, default=len(LECTURES))
    parser.add_argument("--methods", default="content,scale,none")
    parser.add_argument("--voices", choices=("tuned", "held-out"), default="tuned")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--long", action="store_true", help="time one long lecture instead")
    parser.add_argument("--hours", type=float, default=3.0)
    args = parser.parse_args()
    if args.long:
        run_long(args.hours)
        return 0
    wanted = [c.strip() for c in args.conditions.split(",") if c.strip()]
    unknown = [c for c in wanted if c not in CONDITIONS]
    if unknown:
        parser.error(f"unknown condition {unknown[0]!r}; choose from {', '.join(CONDITIONS)}")
    voices = TUNED_VOICES if args.voices == "tuned" else HELD_OUT_VOICES
    run(LECTURES[: args.lectures], wanted, args.methods.split(","), voices, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

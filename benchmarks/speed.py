"""Speed and memory of `captions generate`, measured side by side with a bare Python floor.

1. One lecture, as a user runs it: the `captions` command on the seed (six subtitle files, the report
   and the review page) against a bare `python -c "import srt, webvtt, pysubs2, typer"` from the same
   venv, one warm-up each, then PAIRS pairs in turn (A B A B …), both from a neutral folder with their
   output read through a pipe, the seed written into the same folder each time (every run replaces
   every file, as a user regenerating does): the medians, and the median of the pairs' ratios. First
   the package's bytecode is brought up to date, as an install does (`pip install`, `make`): a stale
   or missing `__pycache__` under `PYTHONDONTWRITEBYTECODE` (or in a read-only tree) makes every run
   compile our modules again, about 35 ms — why, before issue 24, this section printed 2.05× while
   the same two commands timed from outside in a checkout with stale bytecode measured 2.5×.
2. Many lectures: 1,000 distinct lectures built from the corpus's real script lines (11–41 lines
   each, like the corpus reports) and written in upstream's report format, converted by one
   `captions generate FOLDER` with the default `--jobs` (the CPU count). Nothing on this path caches.
3. Scaling: the seed repeated 10× and 100× (segments repeated, times shifted): CPU and wall time per
   segment once captions' own start-up (a one-line lecture, run alternately with each size) is taken
   off, against the seed's, and the peak memory of the 100× run.
4. Where the time goes: CPU milliseconds of each stage of one seed run (`--jobs 1`), each a median
   of RUNS fresh processes — interpreter, imports, typer's own work, kss, planning, lint and check,
   rendering, writing, shutdown. With `--vs TREE` (a checkout of an earlier revision, e.g. made with
   `git worktree add /tmp/before REV`) the same breakdown runs for it too, alternating, side by side.

Run: `make speed` (or `.venv/bin/python benchmarks/speed.py [--pairs N] [--runs N] [--lectures N] [--vs TREE]`;
`--only-seed` prints section 1 alone).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "samples" / "000_37263f0645e2225f.txt"
CORPUS = ROOT.parent / "shared" / "corpus"
BIN = Path(sys.executable).parent
CAPTIONS = [str(BIN / "captions")]
BARE = [sys.executable, "-c", "import srt, webvtt, pysubs2, typer"]
SEPARATOR = "=" * 60


def wall(cmd: list[str]) -> float:
    return timed(cmd)[0]


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system, every process it waited for) of one run of ``cmd``."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    took = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return took, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def bytecode_brought_up_to_date(work: Path) -> tuple[Path, int, int]:
    """The folder of the ``captions`` package the command imports, how many of its modules had no current
    bytecode, and how many modules it has; their bytecode is then written, as ``pip install`` or ``make``
    does, so that what is timed is what an installed package costs.

    Python recompiles a module whose ``__pycache__`` entry is missing or records another source mtime or
    size, and with ``PYTHONDONTWRITEBYTECODE`` set (or a read-only tree) it does so on every run."""
    import compileall
    import importlib.util

    where = subprocess.run(
        [sys.executable, "-c", "import captions; print(captions.__file__)"],
        check=True,
        capture_output=True,
        text=True,
        cwd=work,
    )
    package = Path(where.stdout.strip()).parent
    sources = sorted(package.rglob("*.py"))
    stale = 0
    for source in sources:
        cached = Path(importlib.util.cache_from_source(str(source)))
        stat = source.stat()
        header = cached.read_bytes()[:16] if cached.exists() else b""
        recorded = (int.from_bytes(header[8:12], "little"), int.from_bytes(header[12:16], "little"))
        if len(header) < 16 or recorded != (int(stat.st_mtime) & 0xFFFFFFFF, stat.st_size & 0xFFFFFFFF):
            stale += 1
    compileall.compile_dir(str(package), quiet=1)
    return package, stale, len(sources)


def one_lecture(work: Path, pairs: int) -> float:
    """Section 1: the seed as a user runs it, in turn with the import floor; returns the floor's median."""
    package, stale, modules = bytecode_brought_up_to_date(work)
    print(
        f"\n1. one lecture (seed, 24 segments), as a user runs it: {pairs} pairs in turn after a warm-up, "
        f"whole processes\n   captions from {package}; bytecode: {stale} of {modules} modules "
        "were compiled first (as an install does)"
    )
    ours_cmd = [*CAPTIONS, "generate", str(SEED), "-o", str(work / "seed")]

    def run(cmd: list[str]) -> tuple[float, float]:
        import resource

        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, cwd=work)  # read through a pipe, like a caller
        took = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return took, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)

    run(BARE), run(ours_cmd)  # warm-up: the page cache, and the output folder made
    measured = [(run(ours_cmd), run(BARE)) for _ in range(pairs)]
    b_wall = statistics.median(b[0] for _, b in measured)
    o_wall = statistics.median(a[0] for a, _ in measured)
    b_cpu = statistics.median(b[1] for _, b in measured)
    o_cpu = statistics.median(a[1] for a, _ in measured)
    wall_ratio = statistics.median(a[0] / b[0] for a, b in measured)
    cpu_ratio = statistics.median(a[1] / b[1] for a, b in measured)
    for name, w, c in (
        ("bare python importing srt, webvtt, pysubs2, typer", b_wall, b_cpu),
        ("captions generate (6 subtitles, report, page)", o_wall, o_cpu),
    ):
        print(f"   {name + ':':<51}{w * 1000:5.0f} ms wall, {c * 1000:4.0f} ms CPU")
    print(f"   median of the pairs' ratios: {wall_ratio:.2f}× the floor's wall time, {cpu_ratio:.2f}× its CPU time")
    return b_wall


def peak_rss_mb(cmd: list[str]) -> float:
    """Peak resident memory of ``cmd`` (run in a fresh wrapper, so nothing else is counted)."""
    probe = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", probe, *cmd], check=True, capture_output=True, text=True)
    return int(out.stdout.strip()) / 1024


def report_text(lines: list[str], title: str) -> str:
    """A lecture report in upstream's format: header, script, and the segment list its rule gives."""
    from captions.readers.script import estimate

    segments = estimate([(i + 1, line) for i, line in enumerate(lines)])
    total = segments[-1].end_ms / 1000
    out = [
        "개선일: 2026-01-11 00:00:00",
        f"원본 포스트: {title}.md",
        f"개선 후 대본 길이: {len(chr(10).join(lines))}자",
        f"Remotion 구간 수: {len(segments)}개",
        f"예상 총 길이: {total:.1f}초 ({total / 60:.1f}분, 1.5배속 기준 {total / 90:.1f}분)",
        "",
        SEPARATOR,
        "개선된 강의용 대본",
        SEPARATOR,
        "",
        "\n\n".join(lines),
        "",
        SEPARATOR,
        "Remotion 동기화 구간 정보",
        SEPARATOR,
        "",
    ]
    for s in segments:
        out.append(f"[구간 {s.number}] 시작: {s.start_ms / 1000:.2f}초, 길이: {s.duration_ms / 1000:.2f}초")
        out.append(s.text[:100] + ("..." if len(s.text) > 100 else ""))
        out.append("")
    return "\n".join(out)


def corpus_lines(pattern: str = "*_improved*.txt") -> list[str]:
    """Every distinct non-empty script line of the corpus's lecture reports (what lectures are made of),
    or of the corpus files ``pattern`` names."""
    from captions.readers import script

    seen: dict[str, None] = {}
    for path in sorted(CORPUS.glob(pattern)):
        lines = path.read_text(encoding="utf-8").splitlines()
        stop = next((i for i, line in enumerate(lines) if line.strip() == "Remotion 동기화 구간 정보"), len(lines))
        title = script.script_title(lines, stop)
        if title is not None:
            for _, line in script.body(lines, title, stop):
                if len(line) > 3:
                    seen.setdefault(line)
    return list(seen)


def build_lectures(folder: Path, count: int) -> int:
    """``count`` distinct lectures of 11–41 real script lines; returns the total number of characters."""
    rng = random.Random(20261125)
    pool = corpus_lines()
    made: set[tuple[int, ...]] = set()
    chars = 0
    while len(made) < count:
        picks = tuple(rng.sample(range(len(pool)), rng.randint(11, 41)))
        if picks in made:
            continue
        made.add(picks)
        lines = [pool[i] for i in picks]
        chars += sum(map(len, lines))
        name = f"lecture_{len(made):04d}_script_improved"
        (folder / f"{name}.txt").write_text(report_text(lines, name), encoding="utf-8")
    return chars


def repeated_seed(times: int) -> str:
    """The seed's script repeated ``times`` over, in upstream's format (so segments and times repeat)."""
    from captions.readers import script

    lines = SEED.read_text(encoding="utf-8").splitlines()
    stop = lines.index("Remotion 동기화 구간 정보")
    title = script.script_title(lines, stop)
    assert title is not None, "the seed has its script title"
    body = [u for _, u in script.body(lines, title, stop)]
    return report_text(body * times, f"seed_x{times}")


def kss_alone(folder: Path) -> float:
    """CPU seconds kss's sentence splitting alone takes over the lectures, in one process."""
    from captions import readers
    from captions.text import markup, sentences

    sentences.split(["준비."])
    spent = 0.0
    for path in sorted(folder.iterdir()):
        texts = [markup.parse(s.text).text for s in readers.read_path(path).segments]
        started = time.process_time()
        sentences.split(texts)
        spent += time.process_time() - started
    return spent


# One seed run in a fresh process, with each stage's CPU time recorded exclusively (a stage's time
# excludes the stages it calls). Stages are found by name and wrapped where they are looked up; the
# last mark is taken by the first exit handler registered, so whatever follows it is the shutdown.
STAGES_CHILD = r"""
import atexit, json, sys, time
clock = time.process_time
marks = {"start": clock()}
out_file = sys.argv[1]
atexit.register(lambda: (marks.__setitem__("exit", clock()), open(out_file, "w").write(json.dumps(marks))))
import typer
marks["typer"] = clock()
import srt, webvtt, pysubs2
marks["libraries"] = clock()
import captions.cli
marks["package"] = captions.cli.__file__
from captions import batch, lint, pipeline, plan, readers, timing
from captions.text import sentences
marks["ours"] = clock()
spent = {}
stack = []

def wrap(owner, name, stage):
    inner = getattr(owner, name, None)
    if inner is None:
        return
    def timed(*a, **k):
        spent.setdefault("first", clock())
        stack.append(0.0)
        began = clock()
        try:
            return inner(*a, **k)
        finally:
            took = clock() - began
            children = stack.pop()
            spent[stage] = spent.get(stage, 0.0) + took - children
            if stack:
                stack[-1] += took
            spent["last"] = clock()
    setattr(owner, name, timed)

wrap(readers, "read_path", "read")
wrap(sentences, "_splitter", "kss import")  # before issue 14
wrap(sentences, "tables", "kss import")  # since issue 24: the tables, and the splitter only when asked
wrap(sentences, "load", "kss import")
wrap(sentences, "split", "kss split")
wrap(plan, "plan", "plan")
wrap(timing, "allocate", "plan")
wrap(lint, "lint", "lint and check")
wrap(pipeline, "measure_speeds", "lint and check")
wrap(pipeline, "render", "render")
wrap(batch, "write_files", "write")
marks["spent"] = spent
sys.argv = ["captions", *sys.argv[2:]]
captions.cli.main()
"""
STAGES = [
    "interpreter",
    "typer import",
    "srt, webvtt, pysubs2",
    "our modules",
    "typer's own work",
    "read",
    "kss import",
    "kss split",
    "plan",
    "lint and check",
    "render",
    "write",
    "shutdown",
]


def stages_once(tree: Path | None, work: Path, python: str = sys.executable) -> dict[str, float]:
    """CPU ms of each stage of one seed run with the package at ``tree`` (None: the installed one),
    run by ``python`` (another venv's, to compare with the dependencies an earlier revision locked)."""
    import resource

    env = dict(os.environ)
    if tree is not None:
        env["PYTHONPATH"] = str(tree)
    marks_file = work / "marks.json"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = work / "stages"
    cmd = [python, "-c", STAGES_CHILD, str(marks_file), "generate", str(SEED), "-o", str(out), "--jobs", "1"]
    # run from the work folder: `python -c` puts the current folder first on sys.path, which from the
    # checkout would import its package instead of ``tree``'s
    subprocess.run(cmd, check=True, env=env, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    m = json.loads(marks_file.read_text())
    if tree is not None and not Path(m["package"]).resolve().is_relative_to(tree.resolve()):
        raise SystemExit(f"--vs {tree}: the run imported captions from {m['package']}, not from that tree")
    spent = m["spent"]
    work_total = sum(v for k, v in spent.items() if k not in ("first", "last"))
    stages = {
        "interpreter": m["start"],
        "typer import": m["typer"] - m["start"],
        "srt, webvtt, pysubs2": m["libraries"] - m["typer"],
        "our modules": m["ours"] - m["libraries"],
        # from the command line to the last stage, whatever no stage accounts for: typer parsing and
        # building the command, batch's bookkeeping, printing
        "typer's own work": (m["exit"] - m["ours"]) - work_total,
        "shutdown": total - m["exit"],
    }
    stages.update({k: v for k, v in spent.items() if k not in ("first", "last")})
    return {k: stages.get(k, 0.0) * 1000 for k in STAGES}


def breakdown(runs: int, work: Path, before: Path | None, before_python: str = sys.executable) -> None:
    """Print the stage table: medians of ``runs`` fresh processes, alternating with ``before``."""
    ours: list[dict[str, float]] = []
    theirs: list[dict[str, float]] = []
    for _ in range(runs):
        if before is not None:
            theirs.append(stages_once(before, work, before_python))
        ours.append(stages_once(None, work))

    def med(rows: list[dict[str, float]], key: str) -> float:
        return statistics.median(r[key] for r in rows)

    head = f"   {'stage':<24}" + (f"{'before':>9}" if before else "") + f"{'now':>9}"
    print(f"\n4. where the time goes (CPU ms, seed, --jobs 1, median of {runs} fresh processes each):")
    print(head)
    for key in [*STAGES, "total"]:
        if key == "total":
            now = sum(med(ours, k) for k in STAGES)
            was = sum(med(theirs, k) for k in STAGES) if before else 0.0
        else:
            now, was = med(ours, key), (med(theirs, key) if before else 0.0)
        print(f"   {key:<24}" + (f"{was:>9.0f}" if before else "") + f"{now:>9.0f}")


def scaling(work: Path, runs: int) -> None:
    """Section 3: the seed ×1, ×10, ×100."""
    # 3. scaling: each size alternates with the one-line lecture, so the start-up subtracted from it
    # was measured under the same load; per-segment cost in CPU (steadier on a shared machine) and wall
    tiny = work / "tiny.txt"
    tiny.write_text(report_text(["안녕하세요, 여러분. 오늘 강의를 시작하겠습니다."], "tiny"), encoding="utf-8")
    tiny_cmd = [*CAPTIONS, "generate", str(tiny), "-o", str(work / "t"), "--formats", "srt,vtt"]
    print("\n3. scaling (seed repeated; a segment's cost once captions' own start-up, a one-line lecture, is off):")
    base: tuple[float, float] | None = None
    for times in (1, 10, 100):
        path = work / f"seed_x{times}.txt"
        path.write_text(repeated_seed(times), encoding="utf-8")
        # 100 seeds last 20 hours, past what ASS holds (9:59:59.99): every size writes SRT and WebVTT only
        cmd = [*CAPTIONS, "generate", str(path), "-o", str(work / "scale"), "--formats", "srt,vtt"]
        pairs = [(timed(tiny_cmd), timed(cmd)) for _ in range(runs if times < 100 else 3)]
        segments = 24 * times
        wall_ms = statistics.median(big[0] - small[0] for small, big in pairs) * 1000 / segments
        cpu_ms = statistics.median(big[1] - small[1] for small, big in pairs) * 1000 / segments
        base = base or (cpu_ms, wall_ms)
        total = statistics.median(big[0] for _, big in pairs)
        print(
            f"   {times:>3}×: {segments:>5} segments, {total:6.2f} s; a segment {cpu_ms:.2f} ms of CPU "
            f"= {cpu_ms / base[0]:.2f}× the seed's, {wall_ms:.2f} ms of wall = {wall_ms / base[1]:.2f}×"
            + (f"; peak memory {peak_rss_mb(cmd):.0f} MB" if times == 100 else "")
        )


def one_segment(work: Path, runs: int) -> None:
    """Section 3b: one segment of 20,000, 200,000 and 400,000 characters (the seed's text repeated, in a
    sidecar): planning must cost in proportion to a segment's length, not its square."""
    from captions import readers

    text = " ".join(s.text for s in readers.read_path(SEED).segments)
    print("\n3b. one long segment (the seed's text repeated, one sidecar segment; the whole run, median):")
    times: dict[int, float] = {}
    for size in (20_000, 200_000, 400_000):
        said = (text * (size // len(text) + 1))[:size]
        said = said[: said.rfind(" ")]
        path = work / f"one_{size}_segments.json"
        segment = {"text": said, "startTime": 0, "duration": size / 5}
        path.write_text(json.dumps({"segments": [segment], "totalDuration": size / 5}, ensure_ascii=False))
        cmd = [*CAPTIONS, "generate", str(path), "-o", str(work / "one"), "--formats", "srt,vtt", "--jobs", "1"]
        times[size] = statistics.median(wall(cmd) for _ in range(runs if size < 400_000 else 3))
        previous = {200_000: 20_000, 400_000: 200_000}.get(size)
        ratio = f" = {times[size] / times[previous]:.2f}× the {previous:,}'s" if previous else ""
        print(f"   {size:>7} characters: {times[size]:5.2f} s{ratio}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=15, help="section 1: pairs of runs, ours and the floor's")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--lectures", type=int, default=1000)
    parser.add_argument("--vs", type=Path, default=None, help="an earlier checkout to break down side by side")
    parser.add_argument("--vs-python", default=sys.executable, help="the Python (venv) to run --vs with")
    parser.add_argument("--only-breakdown", action="store_true", help="print the stage table alone")
    parser.add_argument("--only-scaling", action="store_true", help="print the scaling section alone")
    parser.add_argument("--only-seed", action="store_true", help="print section 1 (the seed against the floor) alone")
    args = parser.parse_args()
    cores = len(os.sched_getaffinity(0))
    print(f"machine: {cores} cores; python {sys.version.split()[0]}")
    work = Path(tempfile.mkdtemp(prefix="captions-speed-"))
    if args.only_breakdown or args.only_scaling or args.only_seed:
        try:
            if args.only_seed:
                one_lecture(work, args.pairs)
            if args.only_scaling:
                scaling(work, args.runs)
                one_segment(work, args.runs)
            if args.only_breakdown:
                breakdown(args.runs, work, args.vs, args.vs_python)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return 0
    try:
        b = one_lecture(work, args.pairs)

        # 2. many lectures
        lectures = work / "lectures"
        lectures.mkdir()
        chars = build_lectures(lectures, args.lectures)
        batch = wall([*CAPTIONS, "generate", str(lectures), "-o", str(work / "many")])
        outputs = len(list((work / "many").iterdir()))
        kss = kss_alone(lectures)
        print(f"\n2. {args.lectures} distinct lectures, {chars / args.lectures:.0f} characters each on average:")
        print(
            f"   captions generate FOLDER (--jobs {cores}): {batch:.1f} s, "
            f"{batch / args.lectures * 1000:.0f} ms a lecture"
        )
        print(f"   {outputs} files written; {batch / args.lectures / b:.2f}× the bare floor a lecture")
        print(f"   kss's sentence splitting alone: {kss:.1f} s of CPU = {kss / cores:.1f} s on {cores} cores")

        scaling(work, args.runs)
        one_segment(work, args.runs)

        # 4. the stages of one run
        breakdown(args.runs, work, args.vs, args.vs_python)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

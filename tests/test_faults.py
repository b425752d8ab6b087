"""Faults: a crash in one lecture, a worker that dies, a rename that fails, a signal mid-run.

Each leaves what the user had whole: the other lectures convert, a lecture's files are the old set
or the new set, temporaries are gone, and the run says in one line what happened.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import pickle
import shutil
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from fractions import Fraction
from pathlib import Path

import pytest
from conftest import SAMPLE, SEED_SIDECAR
from typer.testing import CliRunner

from captions import batch, pipeline, profiles, readers, writers
from captions.cli import app
from captions.errors import CaptionsError, InputError, Interrupted, MediaError, OutputError

ERRORS = [
    InputError("a.txt", "line 3", "not a number"),
    InputError("a.txt", "", "empty"),
    OutputError("out/a.srt: cannot write: No space left on device"),
    MediaError("a.mp3: no audio stream"),
]


def _raise(error: BaseException) -> None:
    raise error


@pytest.mark.parametrize("error", ERRORS, ids=lambda e: type(e).__name__)
def test_every_error_survives_pickling_and_a_process_pool(error):
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is type(error) and str(back) == str(error) and isinstance(back, CaptionsError)
    with ProcessPoolExecutor(1) as pool:
        future = pool.submit(_raise, error)
        with pytest.raises(type(error)) as caught:
            future.result()
    assert str(caught.value) == str(error)
    if isinstance(error, InputError):
        assert (caught.value.path, caught.value.where, caught.value.message) == (error.path, error.where, error.message)
    stop = pickle.loads(pickle.dumps(Interrupted(signal.SIGTERM)))
    assert stop.exit_status == 143 and stop.name == "SIGTERM"


# a six-second lecture: these tests are of what a failing lecture costs the others, not of captioning
SHORT = json.dumps(
    {
        "segments": [
            {"index": 0, "startTime": 0.0, "duration": 4.0, "text": "안녕하세요, 여러분. 오늘은 컨테이너 보안입니다."},
            {"index": 1, "startTime": 4.0, "duration": 2.0, "text": "감사합니다."},
        ]
    },
    ensure_ascii=False,
)


def _three_lectures(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a_good.txt", "b_crash.txt", "c_good.txt"):
        (folder / name).write_text(SHORT, encoding="utf-8")  # a sidecar is known by its content
    return folder


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_crashing_lecture_is_its_own_error(tmp_path, monkeypatch, jobs):
    """An unexpected exception in one lecture: the other two convert, one line names it, exit 2."""
    real = pipeline.build

    def build(timeline, *args, **kwargs):
        if timeline.source.endswith("b_crash.txt"):
            raise OverflowError("date value out of range")
        return real(timeline, *args, **kwargs)

    monkeypatch.setattr(pipeline, "build", build)  # forked workers inherit the patch
    folder, out = _three_lectures(tmp_path), tmp_path / "out"
    result = CliRunner().invoke(app, ["generate", str(folder), "-o", str(out), "--jobs", jobs])
    assert result.exit_code == 2, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("captions: error:")]
    assert len(errors) == 1 and "b_crash.txt" in errors[0] and "internal error (OverflowError" in errors[0]
    assert "Traceback" not in result.stderr
    assert "2 of 3 lectures converted" in result.stderr
    assert sorted(p.name for p in out.glob("*.report.txt")) == ["a_good.report.txt", "c_good.report.txt"]
    debug = CliRunner().invoke(app, ["generate", str(folder), "-o", str(tmp_path / "o2"), "--jobs", jobs, "--debug"])
    assert debug.exit_code == 2 and "Traceback" in debug.stderr and "OverflowError" in debug.stderr


def _a_worker_dies(tmp_path: Path, monkeypatch) -> tuple[object, Path]:
    """Three lectures on two workers; the one converting b_crash.txt dies."""
    real = pipeline.build

    def build(timeline, *args, **kwargs):
        if timeline.source.endswith("b_crash.txt"):
            os._exit(9)  # the process is gone, as if killed
        return real(timeline, *args, **kwargs)

    monkeypatch.setattr(pipeline, "build", build)
    folder, out = _three_lectures(tmp_path), tmp_path / "out"
    return CliRunner().invoke(app, ["generate", str(folder), "-o", str(out), "--jobs", "2"]), out


def test_a_worker_that_dies_leaves_nothing_half_written(tmp_path, monkeypatch):
    result, out = _a_worker_dies(tmp_path, monkeypatch)
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("captions: error:")]
    assert any("b_crash.txt: internal error" in line for line in errors), errors
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporaries, no kept old files
    assert not list(out.glob("b_crash.*"))
    for report in out.glob("*.report.txt"):  # a lecture is there with every file, each whole, or not at all
        stem = report.name.removesuffix(".report.txt")
        assert len(list(out.glob(f"{stem}.*"))) == 8
        assert (out / f"{stem}.srt").read_text(encoding="utf-8").rstrip().endswith("감사합니다.")


def test_a_worker_that_dies_costs_only_its_lecture(tmp_path, monkeypatch):
    """What batch.run's docstring promises: only the lecture the dead worker had is lost."""
    result, out = _a_worker_dies(tmp_path, monkeypatch)
    errors = [line for line in result.stderr.splitlines() if line.startswith("captions: error:")]
    assert len(errors) == 1 and "b_crash.txt" in errors[0], errors
    assert "2 of 3 lectures converted" in result.stderr
    assert sorted(p.name for p in out.glob("*.report.txt")) == ["a_good.report.txt", "c_good.report.txt"]
    assert "the worker process died: exit status 9" in errors[0]


def test_two_workers_that_die_cost_two_lectures_and_the_rest_convert_once(tmp_path, monkeypatch):
    """Eight lectures on two workers; the workers converting lecture_1 and lecture_5 die, each its own way.
    Each of the other six is built once, written whole, reported once and counted; each dead one is one
    line; the workers that replace the dead ones take the lectures still to do."""
    built = tmp_path / "built.log"  # one line a build, appended by whichever process builds
    real = pipeline.build

    def build(timeline, *args, **kwargs):
        name = Path(timeline.source).stem
        with built.open("a", encoding="utf-8") as log:
            log.write(name + "\n")
        if name == "lecture_1":
            os._exit(9)
        if name == "lecture_5":
            os.kill(os.getpid(), signal.SIGKILL)
        return real(timeline, *args, **kwargs)

    monkeypatch.setattr(pipeline, "build", build)
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    names = [f"lecture_{k}" for k in range(8)]
    for name in names:
        (folder / f"{name}.txt").write_text(SHORT, encoding="utf-8")
    result = CliRunner().invoke(app, ["generate", str(folder), "-o", str(out), "--jobs", "2"])
    assert result.exit_code == 2, result.output
    errors = sorted(line for line in result.stderr.splitlines() if line.startswith("captions: error:"))
    assert len(errors) == 2, errors
    assert "lecture_1.txt: internal error (the worker process died: exit status 9)" in errors[0]
    assert "lecture_5.txt: internal error (the worker process died: killed by SIGKILL)" in errors[1]
    assert "6 of 8 lectures converted" in result.stderr and "2 failed" in result.stderr
    good = [n for n in names if n not in ("lecture_1", "lecture_5")]
    summaries = sorted(Path(line.split(" → ")[0]).stem for line in result.stdout.splitlines())
    assert summaries == good  # each reported once
    assert sorted(built.read_text(encoding="utf-8").split()) == names  # each built once, the dead ones too
    assert sorted(p.name.removesuffix(".report.txt") for p in out.glob("*.report.txt")) == good
    assert len(list(out.iterdir())) == 8 * len(good)  # 6 subtitle files, the report, the review page
    assert not multiprocessing.active_children()  # the dead workers and the living ones are all reaped


@pytest.mark.parametrize(
    ("signum", "status", "jobs"), [(signal.SIGTERM, 143, "1"), (signal.SIGTERM, 143, "2"), (signal.SIGINT, 130, "2")]
)
def test_a_lecture_written_as_the_stop_comes_is_counted(tmp_path, monkeypatch, signum, status, jobs):
    """The stop comes just after a_good's files are all in place, before its outcome is back: it is on
    disk, so it is counted. b_crash, still being built (for 30 s), is dropped at once; c_good never
    starts. No worker is left, and the signal handlers are what they were."""
    run, real_write, real_build = os.getpid(), batch.write_files, pipeline.build
    handlers = signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)

    def write_files(out, files, **kwargs):
        written = real_write(out, files, **kwargs)
        if "a_good.srt" in files:
            os.kill(run, signum)
            time.sleep(0.2)  # ample time for the stop to reach the worker writing, at the worst moment
        return written

    def build(timeline, *args, **kwargs):
        if timeline.source.endswith("b_crash.txt"):
            time.sleep(30)
        return real_build(timeline, *args, **kwargs)

    monkeypatch.setattr(batch, "write_files", write_files)
    monkeypatch.setattr(pipeline, "build", build)
    folder, out = _three_lectures(tmp_path), tmp_path / "out"
    started = time.monotonic()
    result = CliRunner().invoke(app, ["generate", str(folder), "-o", str(out), "--jobs", jobs])
    assert time.monotonic() - started < 10  # the stop did not wait for b_crash
    assert result.exit_code == status, result.output
    ours = [line for line in result.stderr.splitlines() if line.startswith("captions:")]  # not the suite's threads'
    assert ours == [
        f"captions: interrupted by {signal.Signals(signum).name}: 1 of 3 lectures converted, none half-written"
    ], result.stderr
    assert result.stdout.count("a_good.txt → ") == 1 and result.stdout.count("\n") == 1
    ends = ("srt", "vtt", "ass", "1.5x.srt", "1.5x.vtt", "1.5x.ass", "report.txt", "review.html")
    whole = [f"a_good.{end}" for end in ends]
    assert sorted(p.name for p in out.iterdir()) == sorted(whole)
    assert not multiprocessing.active_children()
    assert (signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)) == handlers


def test_a_stop_wakes_the_parent_whichever_of_its_threads_takes_the_signal(tmp_path, monkeypatch):
    """The kernel may hand SIGTERM to any thread of the parent (a progress bar has one), and Python runs
    the handler only once the main thread runs again: the parent, waiting on its workers, must still
    stop at once, not when a lecture next comes back (here, in 30 s)."""
    building, told = os.pipe()
    real = pipeline.build

    def build(timeline, *args, **kwargs):
        os.write(told, b"!")
        time.sleep(30)
        return real(timeline, *args, **kwargs)

    def stop_from_another_thread():
        os.read(building, 1)  # a worker is building: the run is under way, its handlers set
        signal.pthread_kill(threading.get_ident(), signal.SIGTERM)

    monkeypatch.setattr(pipeline, "build", build)
    folder, out = _three_lectures(tmp_path), tmp_path / "out"
    threading.Thread(target=stop_from_another_thread, daemon=True).start()
    started = time.monotonic()
    result = CliRunner().invoke(app, ["generate", str(folder), "-o", str(out), "--jobs", "2"])
    os.close(building), os.close(told)
    assert time.monotonic() - started < 10
    assert result.exit_code == 143, result.output
    assert "captions: interrupted by SIGTERM: 0 of 3 lectures converted, none half-written" in result.stderr
    assert not out.exists() and not multiprocessing.active_children()


def test_a_failed_rename_restores_the_whole_set(tmp_path, monkeypatch):
    out = tmp_path / "out"
    old = {"a.srt": "old srt", "a.vtt": "old vtt", "a.ass": "old ass", "a.report.txt": "old report"}
    writers.write_files(out, old)
    calls = []
    real = os.replace

    def replace(src, dst):
        calls.append(dst)
        if len(calls) == 4 and str(dst).endswith("a.report.txt"):
            raise OSError(28, "No space left on device", str(dst))
        return real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    new = {**{k: "new " + k for k in old}, "a.1.5x.srt": "new too"}
    with pytest.raises(OutputError, match="No space left"):
        writers.write_files(out, new)
    monkeypatch.setattr(os, "replace", real)
    assert {p.name: p.read_text() for p in out.iterdir()} == old  # the old set, nothing new, no temporaries


def test_an_interrupted_write_rolls_back(tmp_path, monkeypatch):
    out = tmp_path / "out"
    writers.write_files(out, {"a.srt": "old", "a.vtt": "old"})
    real = os.replace
    calls = []

    def replace(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise Interrupted(signal.SIGTERM)
        return real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(Interrupted):
        writers.write_files(out, {"a.srt": "new", "a.vtt": "new", "a.ass": "new"})
    monkeypatch.setattr(os, "replace", real)
    assert {p.name: p.read_text() for p in out.iterdir()} == {"a.srt": "old", "a.vtt": "old"}


def test_temporaries_start_with_their_final_permissions(tmp_path):
    previous = os.umask(0o027)
    try:
        fd, path = writers.create_temporary(tmp_path, "a.srt")
        os.close(fd)
        assert path.stat().st_mode & 0o777 == 0o640
        assert os.umask(0o027) == 0o027  # nothing set it to anything else meanwhile
        written = writers.write_files(tmp_path / "out", {"a.srt": "x"})
        assert written[0].stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(previous)
    assert not hasattr(writers, "file_mode")


def counted_forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """``os.fork`` as it is, each call counted in the list returned."""
    forks: list[int] = []
    real = os.fork

    def fork() -> int:
        forks.append(1)
        return real()

    monkeypatch.setattr(os, "fork", fork)
    return forks


def test_the_forked_half_is_taken_and_gives_the_same_captions(monkeypatch):
    timeline = readers.read_path(SAMPLE)
    speeds = (Fraction(1), Fraction(3, 2))
    alone = pipeline.build(timeline, profiles.NETFLIX_KO, speeds, workers=1)
    forks = counted_forks(monkeypatch)
    shared = pipeline.build(timeline, profiles.NETFLIX_KO, speeds, workers=2)
    assert forks == [1] and shared.captions == alone.captions


def test_the_forked_child_is_reaped_when_the_parent_half_fails(monkeypatch):
    timeline = readers.read_path(SAMPLE)
    real = pipeline.caption_segments

    def caption_segments(pairs, *args, **kwargs):
        if os.getpid() == parent:
            raise RuntimeError("the parent's half failed")
        return real(pairs, *args, **kwargs)

    parent = os.getpid()
    forks = counted_forks(monkeypatch)
    monkeypatch.setattr(pipeline, "caption_segments", caption_segments)
    before = len(os.listdir("/proc/self/fd"))
    with pytest.raises(RuntimeError, match="the parent's half failed"):
        pipeline.build(timeline, profiles.NETFLIX_KO, (Fraction(1),), workers=2)
    assert forks == [1]  # there was a child, and a pipe to it: what follows is not true by default
    assert len(os.listdir("/proc/self/fd")) == before  # the pipe is closed
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # and no child is left to reap


def _lectures(folder: Path, count: int) -> None:
    folder.mkdir()
    for k in range(count):
        shutil.copy(SAMPLE, folder / f"lecture_{k:02d}.txt")


@pytest.mark.parametrize(("signum", "status", "jobs"), [(signal.SIGTERM, 143, "2"), (signal.SIGINT, 130, "1")])
def test_a_signal_mid_run_leaves_finished_lectures_whole(tmp_path, signum, status, jobs):
    folder, out = tmp_path / "in", tmp_path / "out"
    count = 60  # enough that the run is still going when the signal comes (a lecture takes tens of ms)
    _lectures(folder, count)
    proc = subprocess.Popen(
        [sys.executable, "-m", "captions", "generate", str(folder), "-o", str(out), "--jobs", jobs],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    proc.stdout.readline()  # the first lecture is done
    time.sleep(0.05)
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == status, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "interrupted by " + signal.Signals(signum).name in lines[0], lines
    converted = int(lines[0].split(": ", 2)[2].split(" of ")[0])
    assert 1 <= converted < count
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporaries, no kept old files
    reports = sorted(out.glob("*.report.txt"))
    assert len(reports) == converted
    for report in reports:  # a lecture is there with every file, each whole, or not at all
        stem = report.name.removesuffix(".report.txt")
        names = sorted(p.name for p in out.glob(f"{stem}.*"))
        assert len(names) == 8, names
        assert (out / f"{stem}.srt").read_text(encoding="utf-8").rstrip().endswith("감사합니다.")
    assert len(list(out.iterdir())) == 8 * converted


@pytest.mark.corpus
def test_two_runs_into_one_folder_leave_every_file_whole(tmp_path):
    folder, out = tmp_path / "in", tmp_path / "out"
    _lectures(folder, 4)
    shutil.copy(SEED_SIDECAR, folder / "lecture_00.json")  # another lecture under a name both runs write
    (folder / "lecture_00.txt").unlink()
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "captions", "generate", str(folder), "-o", str(out), "--jobs", "1"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(2)
    ]
    for run in runs:
        run.communicate(timeout=120)
        assert run.returncode == 0
    assert not [p for p in out.iterdir() if p.name.startswith(".")]
    srts = sorted(out.glob("*.srt"))
    assert len(srts) == 4 * 2  # four lectures at 1x and 1.5x
    for srt in srts:
        assert srt.read_text(encoding="utf-8").rstrip().endswith("감사합니다.")


def test_the_process_leaves_without_teardown_yet_every_output_is_whole(tmp_path):
    """``cli.main`` ends with ``os._exit``: what was printed is flushed, exit statuses keep their
    meaning, and the files written are complete."""
    out = tmp_path / "out"
    run = subprocess.run(
        [sys.executable, "-m", "captions", "generate", str(SAMPLE), "-o", str(out), "--jobs", "2"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0 and run.stdout.count("\n") == 1, run
    srt_file = out / f"{SAMPLE.stem}.1.5x.srt"
    checked = subprocess.run(
        [sys.executable, "-m", "captions", "check", str(srt_file), "--format", "json", "--strict"],
        capture_output=True,
        text=True,
    )
    data = json.loads(checked.stdout)  # all of a long JSON text reached the pipe
    assert len(data["files"][0]["captions"]) == srt_file.read_text(encoding="utf-8").count(" --> ")
    assert checked.returncode == 1  # the seed breaks one rule at 1.5x × 1.5: --strict still says so
    missing = subprocess.run(
        [sys.executable, "-m", "captions", "check", str(tmp_path / "nope.srt")], text=True, capture_output=True
    )
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1

"""The command as a user runs it: files, summary line, exit codes, one-line errors, nothing half-written.

The CLI runs in this process (typer's CliRunner: a fraction of a second instead of a Python start-up
each); conftest puts back what a run changes of the process. One smoke test starts the console script
and ``python -m captions`` for real; the real-process tests of signals, tracebacks and concurrent runs
are in test_faults.py and test_bad_input.py.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pysubs2
import pytest
import srt
import webvtt
from conftest import SAMPLE, SEED_SIDECAR
from typer.testing import CliRunner

from captions.cli import app

STEM = SAMPLE.stem


@dataclass(frozen=True)
class Ran:
    returncode: int
    stdout: str
    stderr: str


def run(*args: str) -> Ran:
    """``captions ARGS`` in this process. An exception other than the CLI's own exit propagates (a real
    run would print its traceback), so an exit status here is always one the CLI chose."""
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    return Ran(result.exit_code, result.stdout, result.stderr)


def test_the_console_script_and_python_dash_m_run_the_same_program(tmp_path):
    """The real processes: the installed ``captions`` script and ``python -m captions`` write the same
    files, print one summary line and nothing on stderr."""
    script = Path(sys.executable).with_name("captions")
    if not script.is_file():
        pytest.fail(f"{script} is missing: install the package (`make test` or `pip install -e .`)")
    written = {}
    for name, command in (("script", [str(script)]), ("module", [sys.executable, "-m", "captions"])):
        out = tmp_path / name
        proc = subprocess.run([*command, "generate", str(SAMPLE), "-o", str(out)], capture_output=True, text=True)
        assert proc.returncode == 0 and proc.stderr == "", (name, proc.stderr)
        assert proc.stdout.count("\n") == 1 and "captions in 24 segments" in proc.stdout, name
        written[name] = {p.name: p.read_bytes() for p in out.iterdir()}
    assert written["script"] == written["module"] and len(written["script"]) == 8  # 6 subtitles, report, page


def test_generate_puts_back_the_signal_handler_it_installs(tmp_path):
    before = signal.getsignal(signal.SIGTERM)
    assert run("generate", str(SAMPLE), "-o", str(tmp_path / "ok")).returncode == 0
    assert signal.getsignal(signal.SIGTERM) is before
    (tmp_path / "bad.txt").write_text("  \n", encoding="utf-8")
    assert run("generate", str(tmp_path / "bad.txt"), "-o", str(tmp_path / "bad")).returncode == 2
    assert signal.getsignal(signal.SIGTERM) is before


def test_generate_writes_six_subtitle_files_the_report_and_the_review_page(tmp_path):
    proc = run("generate", str(SAMPLE), "-o", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("\n") == 1 and "captions in 24 segments" in proc.stdout
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(
        [f"{STEM}.{ext}" for ext in ("srt", "vtt", "ass")]
        + [f"{STEM}.1.5x.{ext}" for ext in ("srt", "vtt", "ass")]
        + [f"{STEM}.report.txt", f"{STEM}.review.html"]
    )
    one = list(srt.parse((tmp_path / f"{STEM}.srt").read_text(encoding="utf-8")))
    fast = list(srt.parse((tmp_path / f"{STEM}.1.5x.srt").read_text(encoding="utf-8")))
    assert len(one) == len(fast) == len(webvtt.read(str(tmp_path / f"{STEM}.vtt")).captions)
    assert len(pysubs2.load(str(tmp_path / f"{STEM}.1.5x.ass")).events) == len(one)
    report = (tmp_path / f"{STEM}.report.txt").read_text(encoding="utf-8")
    for label in ("구간 수: 24개", "1x 721.8초", "1.5x 481.2초", "최고 읽기 속도", "dangling-particle", "#1 구간 1"):
        assert label in report


@pytest.mark.corpus
def test_several_speeds_from_a_sidecar(tmp_path):
    proc = run("generate", str(SEED_SIDECAR), "-o", str(tmp_path), "--speed", "1", "--speed", "1.25", "--speed", "2")
    assert proc.returncode == 0, proc.stderr
    stem = SEED_SIDECAR.stem
    for infix in ("", ".1.25x", ".2x"):
        assert (tmp_path / f"{stem}{infix}.srt").exists()
    assert not (tmp_path / f"{stem}.1.5x.srt").exists()


def test_srt_bold_keeps_emphasis(tmp_path):
    assert run("generate", str(SAMPLE), "-o", str(tmp_path), "--srt-bold").returncode == 0
    assert "<b>이미지</b>" in (tmp_path / f"{STEM}.srt").read_text(encoding="utf-8")


def test_bad_input_is_one_line_exit_2_and_writes_nothing(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("개선일: 오늘\n\n강의용 대본\n안녕하세요.\n", encoding="utf-8")
    out = tmp_path / "out"
    proc = run("generate", str(bad), "-o", str(out))
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and str(bad) in proc.stderr
    assert not out.exists()


def test_one_bad_file_does_not_stop_the_others(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    out = tmp_path / "out"
    proc = run("generate", str(empty), str(SAMPLE), "-o", str(out))
    assert proc.returncode == 2
    error, summary = proc.stderr.splitlines()
    assert "empty.txt" in error and "1 of 2 lectures converted" in summary
    assert (out / f"{STEM}.srt").exists() and not list(out.glob("empty*"))


def test_version_and_usage_errors_are_one_plain_line():
    """``--version`` prints the installed version; a usage error (a missing option, a value out of range,
    an unknown command) is one line like every other error of ours, exit status 2, not a box."""
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == "captions 0.1.0"
    for args, said in (
        (["generate", str(SAMPLE)], "Missing option '--out'"),
        (["generate", str(SAMPLE), "-o", "x", "--jobs", "0"], "'--jobs'"),
        (["nonsense"], "No such command"),
        (["check"], "Missing argument"),
    ):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 2, args
        [line] = result.stderr.splitlines()
        assert line.startswith("captions: error: ") and said in line and "--help" in line, line
        assert not any(c in result.stderr for c in "╭│╰"), result.stderr
    result = CliRunner().invoke(app, [])
    assert result.exit_code == 0 and "Usage:" in result.stdout  # alone: the help
    for command, named in (("generate", "INPUT..."), ("check", "FILE..."), ("attach", "VIDEO SUBTITLES")):
        usage = CliRunner().invoke(app, [command, "--help"]).stdout
        assert named in usage and "{" not in usage.split("Usage:")[1].splitlines()[0], usage


def test_the_summary_line_counts_in_good_english(tmp_path):
    result = CliRunner().invoke(app, ["generate", str(SAMPLE), "-o", str(tmp_path), "--formats", "srt"])
    assert result.exit_code == 0
    assert f"{SAMPLE.stem}.srt at 1x, 1.5x" in result.stdout and ".{srt}" not in result.stdout
    for n, noun in re.findall(r"(\d+) (caption\w*|segment\w*|rule breach\w*|finding\w*)", result.stdout):
        assert noun.endswith("s") == (n != "1"), (n, noun)


def test_bad_speed_and_profile_are_refused(tmp_path):
    # exit 2 alone would not tell these from a usage error typer gives for an option it does not know
    refused = [
        (("--speed", "0"), "speed '0' must be above 0"),
        (("--speed", "fast"), "speed 'fast' is not a number"),
        (("--profile", "nope"), "unknown profile 'nope'"),
    ]
    for args, named in refused:
        proc = run("generate", str(SAMPLE), "-o", str(tmp_path), *args)
        assert proc.returncode == 2 and proc.stderr.startswith("captions: error: ") and named in proc.stderr, args
    assert not any(tmp_path.iterdir())


def test_an_input_is_never_overwritten(tmp_path):
    report = tmp_path / "lecture.report.txt"
    report.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    before = report.read_bytes()
    proc = run("generate", str(report), "-o", str(tmp_path))
    # the input's stem is 'lecture.report', so the outputs would be 'lecture.report.*' — none is the input
    assert proc.returncode == 0, proc.stderr
    assert report.read_bytes() == before
    clash = tmp_path / "x.report.txt"
    clash.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    renamed = tmp_path / "x.txt"
    renamed.symlink_to(clash)
    proc = run("generate", str(renamed), str(clash), "-o", str(tmp_path))
    # not just "input": this test's own folder is named "test_an_input_is_never_overwri0"
    assert proc.returncode == 2 and f"{clash}: refusing to overwrite an input file" in proc.stderr
    assert clash.read_text(encoding="utf-8") == SAMPLE.read_text(encoding="utf-8")


def test_existing_outputs_are_replaced_whole(tmp_path):
    target = tmp_path / f"{STEM}.srt"
    target.write_text("old content that is much longer than nothing\n" * 1000, encoding="utf-8")
    assert run("generate", str(SAMPLE), "-o", str(tmp_path)).returncode == 0
    assert "old content" not in target.read_text(encoding="utf-8")
    assert target.stat().st_mode & 0o777 == 0o666 & ~_umask()  # not the 0o600 of a temporary file
    assert not list(tmp_path.glob(".*.tmp"))


def test_unwritable_destinations_leave_nothing_behind(tmp_path):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x", encoding="utf-8")
    proc = run("generate", str(SAMPLE), "-o", str(not_a_folder))
    assert proc.returncode == 2 and "not a folder" in proc.stderr
    out = tmp_path / "out"
    (out / f"{STEM}.vtt").mkdir(parents=True)  # a folder where a subtitle file would go
    proc = run("generate", str(SAMPLE), "-o", str(out))
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "exists and is not a file" in proc.stderr
    assert sorted(p.name for p in out.iterdir()) == [f"{STEM}.vtt"]


def test_folders_and_parallel_jobs_give_the_same_files(tmp_path):
    lectures = tmp_path / "lectures"
    lectures.mkdir()
    for i in range(4):
        (lectures / f"lecture{i}.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (lectures / "notes.md").write_text("not a lecture", encoding="utf-8")
    one, two = tmp_path / "one", tmp_path / "two"
    assert run("generate", str(lectures), "-o", str(one), "--jobs", "1").returncode == 0
    proc = run("generate", str(lectures), "-o", str(two), "--jobs", "2")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("\n") == 5 and "4 of 4 lectures converted" in proc.stdout
    names = sorted(p.name for p in one.iterdir())
    assert names == sorted(p.name for p in two.iterdir()) and len(names) == 4 * 8
    for name in names:
        assert (one / name).read_bytes() == (two / name).read_bytes()


def test_same_stem_twice_is_refused(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    for d in (a, b):
        (d / "lecture.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    proc = run("generate", str(a / "lecture.txt"), str(b / "lecture.txt"), "-o", str(tmp_path / "out"))
    assert proc.returncode == 2 and "same name" in proc.stderr


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_folder_can_be_its_own_output_folder(tmp_path):
    (tmp_path / "lecture.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    for _ in range(2):  # the second run must not take the first run's reports or JSON for inputs
        proc = run("generate", str(tmp_path), "-o", str(tmp_path), "--formats", "srt,remotion")
        assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [
            "lecture.txt",
            "lecture.srt",
            "lecture.1.5x.srt",
            "lecture.captions.json",
            "lecture.1.5x.captions.json",
            "lecture.report.txt",
            "lecture.review.html",
        ]
    )

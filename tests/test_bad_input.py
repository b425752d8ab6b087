"""The catalogue of bad inputs: each is refused with exit 2, one line naming the file and the place,
no traceback, and no output at all."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from conftest import ROOT, SAMPLE, SEED_SIDECAR
from typer.testing import CliRunner

from captions.cli import app

REPORT = SAMPLE.read_text(encoding="utf-8")


def report(old: str, new: str, count: int = 1) -> bytes:
    assert old in REPORT, old
    return REPORT.replace(old, new, count).encode()


@dataclass(frozen=True)
class Sidecar:
    """The seed's sidecar with ``edit`` applied to its data (and ``then`` to its bytes). The sidecar is in
    the corpus, so it is read when the case runs, not as the module loads: without the corpus the
    other cases still collect and run, and these, marked ``corpus``, are not selected."""

    edit: Callable[[dict], object]
    then: Callable[[bytes], bytes] | None = None

    def __call__(self) -> bytes:
        data = json.loads(SEED_SIDECAR.read_text(encoding="utf-8"))
        self.edit(data)
        raw = json.dumps(data, ensure_ascii=False).encode()
        return self.then(raw) if self.then else raw


def sidecar(edit, then: Callable[[bytes], bytes] | None = None) -> Sidecar:
    return Sidecar(edit, then)


def seg(i: int, **changes):
    def edit(data):
        data["segments"][i].update(changes)

    return edit


CUT = REPORT.index("[구간 5] 시작: 146.80초, 길이: 14.60초") + len("[구간 5] 시작: 146.80초, 길이: 14")
SEG_LIST = REPORT.index("Remotion 동기화 구간 정보")

# name, file name, content, extra CLI arguments, text the one-line message must contain
CASES = [
    ("empty file", "a.txt", b"", [], "empty"),
    ("whitespace only", "a.txt", b" \n\t\r\n  ", [], "empty"),
    ("binary data", "a.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", [], "binary"),
    ("neither utf-8 nor cp949", "a.txt", "구간".encode() + b"\x80\x80\xff", [], "byte 6"),
    ("not valid in the named encoding", "a.txt", REPORT.encode(), ["--encoding", "ascii"], "byte"),
    ("unknown encoding", "a.txt", REPORT.encode(), ["--encoding", "klingon"], "unknown encoding"),
    ("unrelated text", "a.txt", b"hello world\nthis is not a lecture\n", [], "not a lecture report"),
    ("cut off inside a segment entry", "a.txt", REPORT[:CUT].encode(), [], "line 65"),
    ("cut off inside the last preview", "a.txt", REPORT[: REPORT.index("[구간 24]") + 36].encode(), [], "구간 24"),
    ("segment section missing", "a.txt", REPORT[: SEG_LIST - 62].encode(), [], "segment list"),
    ("script section missing", "a.txt", report("개선된 강의용 대본", "개선된 내용"), [], "script"),
    ("segment list without entries", "a.txt", REPORT[: SEG_LIST + 80].encode(), [], "no entries"),
    ("non-numeric start", "a.txt", report("시작: 13.80초", "시작: 13.8O초"), [], "line 56"),
    ("negative start", "a.txt", report("시작: 13.80초", "시작: -13.80초"), [], "line 56"),
    ("non-numeric duration", "a.txt", report("길이: 39.40초", "길이: 약 40초"), [], "line 56"),
    ("segment number not a number", "a.txt", report("[구간 2]", "[구간 둘]"), [], "line 56"),
    ("overlapping segments", "a.txt", report("시작: 53.20초", "시작: 50.00초"), [], "구간 3"),
    (
        "zero-length segment with text",
        "a.txt",
        report("시작: 13.80초, 길이: 39.40초", "시작: 13.80초, 길이: 0.00초"),
        [],
        "구간 2",
    ),
    ("duplicate segment numbers", "a.txt", report("[구간 3]", "[구간 2]"), [], "구간 2"),
    (
        "preview matching no script text",
        "a.txt",
        report("혹시 여러분의 IT 환경에서", "혹시 우리의 IT 환경에서"),
        [],
        "line 56",
    ),
    (
        "script without segment list",
        "a_script.txt",
        "생성일: 오늘\n\n" + "=" * 60 + "\n강의용 대본\n" + "=" * 60 + "\n\n안녕하세요.\n",
        [],
        "--estimate-timeline",
    ),
    ("json that does not parse", "a.json", b'{"segments": [', [], "line 1 column"),
    ("json top level is a list", "a.json", b"[1, 2]", [], "object"),
    ("json segments not a list", "a.json", b'{"segments": {"a": 1}}', [], "segments"),
    ("json without segments", "a.json", b'{"segments": []}', [], "empty"),
    (
        "json segment not an object",
        "a.json",
        sidecar(lambda d: d["segments"].__setitem__(3, "text")),
        [],
        "segments[3]",
    ),
    ("json text not a string", "a.json", sidecar(seg(2, text=42)), [], "segments[2]"),
    ("json duration a string", "a.json", sidecar(seg(4, duration="14.6")), [], "segments[4]"),
    ("json duration NaN", "a.json", sidecar(seg(5, duration=float("nan"))), [], "segments[5]"),
    ("json start Infinity", "a.json", sidecar(seg(6, startTime=float("inf"))), [], "segments[6]"),
    ("json negative duration", "a.json", sidecar(seg(7, duration=-1.5)), [], "segments[7]"),
    ("json index not an integer", "a.json", sidecar(seg(8, index=True)), [], "segments[8]"),
    ("json overlapping segments", "a.json", sidecar(seg(9, startTime=200.0)), [], "구간 10"),
    ("json zero-length segment with text", "a.json", sidecar(seg(10, duration=0)), [], "구간 11"),
    # issue 12: times no output can hold, numbers JSON should not carry, text that is not there
    ("json start at 1e14 s", "a.json", sidecar(seg(-1, startTime=1e14)), [], "99:59:59.999"),
    ("json start a 31-digit integer", "a.json", sidecar(seg(-1, startTime=10**30)), [], "99:59:59.999"),
    # issue 24: numbers no float holds and nesting no parser follows are the input's, not our bugs
    ("json duration a 400-digit integer", "a.json", sidecar(seg(1, duration=10**400)), [], "segments[1]"),
    ("json start a 400-digit integer", "a.json", sidecar(seg(1, startTime=10**400)), [], "segments[1]"),
    (
        "json totalDuration of 35 digits",
        "a.json",
        sidecar(lambda d: d.update(totalDuration=10**34)),
        [],
        "totalDuration",
    ),
    ("json nested 1,000 deep", "a.json", b'{"segments": ' + b"[" * 1000 + b"]" * 1000 + b"}", [], "nested"),
    ("json start -Infinity", "a.json", sidecar(seg(3, startTime=float("-inf"))), [], "segments[3]"),
    (
        "json duration 1e400 (overflows to inf)",
        "a.json",
        sidecar(seg(2, duration=1.0), lambda raw: raw.replace(b'"duration": 1.0', b'"duration": 1e400', 1)),
        [],
        "segments[2]",
    ),
    ("json start missing", "a.json", sidecar(lambda d: d["segments"][4].pop("startTime")), [], "segments[4]"),
    ("json text null", "a.json", sidecar(seg(6, text=None)), [], "segments[6]"),
    (
        "json every segment whitespace",
        "a.json",
        sidecar(lambda d: [s.update(text=" \n\t ") for s in d["segments"]]),
        [],
        "no segment has any text",
    ),
    (
        "report ending past 99:59:59.999",
        "a.txt",
        report("[구간 24] 시작: ", "[구간 24] 시작: 999999"),
        [],
        "구간 24",
    ),
    ("slower than ASS can hold", "a.txt", REPORT.encode(), ["--speed", "0.02"], "ASS"),
    ("windows-1252 text", "a.txt", "TRADUÇÃO: Relatório da aula\n".encode("cp1252"), [], "--encoding"),
    ("broken text after a UTF-16 BOM", "a.txt", b"\xff\xfe" + "구간".encode("utf-16-le") + b"\x00\xd8", [], "BOM"),
]


PARAMS = [pytest.param(*c, id=c[0], marks=[pytest.mark.corpus] if isinstance(c[2], Sidecar) else []) for c in CASES]


@pytest.mark.parametrize(("name", "filename", "content", "args", "where"), PARAMS)
def test_bad_input_is_refused_cleanly(tmp_path, name, filename, content, args, where):
    path = tmp_path / filename
    path.write_bytes(
        content() if isinstance(content, Sidecar) else content.encode() if isinstance(content, str) else content
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["generate", str(path), "-o", str(out), *args])
    assert result.exit_code == 2, (name, result.output)
    assert isinstance(result.exception, SystemExit)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert str(path) in lines[0] and where in lines[0], lines[0]
    assert not out.exists()


def test_the_catalogue_is_as_large_as_the_docs_say():
    docs = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    [count] = re.findall(r"`tests/test_bad_input\.py`: (\d+) cases", docs)
    assert len(CASES) + len(MEDIA_CASES) == int(count) >= 45


def _not_media(tmp_path):
    path = tmp_path / "lecture.mp3"
    path.write_text("this is not audio\n")
    return path


def _no_audio(tmp_path):
    path = tmp_path / "lecture.mp4"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "color=c=black:s=64x64:d=1", "-pix_fmt", "yuv420p", str(path)],
        check=True,
    )
    return path


MEDIA_CASES = [
    ("a media file that is not media", _not_media, "ffmpeg cannot read its audio"),
    ("a video without audio", _no_audio, "no audio stream"),
]


@pytest.mark.clients
@pytest.mark.parametrize(("name", "make", "where"), MEDIA_CASES, ids=[c[0] for c in MEDIA_CASES])
def test_bad_media_is_refused_cleanly(tmp_path, name, make, where):
    media = make(tmp_path)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["generate", str(SAMPLE), "-o", str(out), "--media", str(media)])
    assert result.exit_code == 2, (name, result.output)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and str(media) in lines[0] and where in lines[0], lines
    assert not out.exists()


def test_folder_missing_file_and_oversized_input(tmp_path):
    # the words are looked for after the path: this test's own folder is named "...folder_missing_file..."
    empty, big = tmp_path / "empty", tmp_path / "big" / "big.txt"
    empty.mkdir()
    big.parent.mkdir()
    with big.open("wb") as fh:
        fh.truncate(17 * 1024 * 1024)
    cases = (
        (empty, f"no lecture files (.txt, .json) in {empty}"),
        (tmp_path / "nope.txt", f"{tmp_path / 'nope.txt'}: No such file"),
        (big.parent, f"{big}: 17 MiB is larger than the 16 MiB"),  # a folder's files are checked too
    )
    for target, message in cases:
        result = CliRunner().invoke(app, ["generate", str(target), "-o", str(tmp_path / "out")])
        assert result.exit_code == 2 and result.stderr.startswith(f"captions: error: {message}"), result.stderr
    assert not (tmp_path / "out").exists()


def test_a_real_process_prints_no_traceback(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(report("시작: 13.80초", "시작: 13.8O초"))
    proc = subprocess.run(
        [sys.executable, "-m", "captions", "generate", str(path), "-o", str(tmp_path / "out")],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("captions: error: ") and proc.stderr.count("\n") == 1
    assert "Traceback" not in proc.stderr

"""``captions check`` on files written by hand: each named fault is found, a clean file passes."""

from __future__ import annotations

import json
import re
from fractions import Fraction

import pysubs2
import pytest
import srt
from conftest import SAMPLE
from typer.testing import CliRunner

from captions import formats, pipeline, profiles, readers
from captions.cli import app
from captions.measures import measure

FAULTY_SRT = """1
00:00:01,000 --> 00:00:03,000
이 줄은 한국어로 열여섯 글자를 훨씬 넘는 아주 긴 줄입니다

2
00:00:04,000 --> 00:00:06,000
첫째 줄
둘째 줄
셋째 줄

3
00:00:07,000 --> 00:00:07,500
짧다

4
00:00:08,000 --> 00:00:17,000
너무 오래 남는 자막

5
00:00:18,000 --> 00:00:19,500
빠르게 지나가는 자막을
도저히 다 읽을 수가 없어요

6
00:00:19,000 --> 00:00:21,000
<i>겹치는</i> 자막

7
00:00:21,040 --> 00:00:23,000
간격이 너무 좁은 자막
"""

CLEAN_SRT = """1
00:00:01,000 --> 00:00:03,500
안녕하세요, 여러분.

2
00:00:03,500 --> 00:00:07,000
오늘은 컨테이너 보안을
함께 살펴보겠습니다.
"""

EXPECTED = {
    1: ["line-too-wide", "reading-speed"],
    2: ["too-many-lines"],
    3: ["too-short"],
    4: ["too-long"],
    5: ["reading-speed"],
    6: ["overlap"],
    7: ["gap-too-small"],
}


def check(tmp_path, name: str, content: str, *args: str):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path, CliRunner().invoke(app, ["check", str(path), "--speed", "1", *args])


def as_vtt(srt_text: str) -> str:
    return "WEBVTT\n\n" + "\n\n".join(
        f"{_clock(s.start)} --> {_clock(s.end)}\n{s.content}" for s in srt.parse(srt_text)
    )


def _clock(td) -> str:
    ms = td // srt.timedelta(milliseconds=1)
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def as_ass(srt_text: str) -> str:
    return pysubs2.SSAFile.from_string(srt_text, format_="srt").to_string("ass")


@pytest.mark.parametrize(("name", "convert"), [("f.srt", str), ("f.vtt", as_vtt), ("f.ass", as_ass)])
def test_strict_finds_every_named_fault(tmp_path, name, convert):
    _, result = check(tmp_path, name, convert(FAULTY_SRT), "--strict", "--format", "json")
    assert result.exit_code == 1, result.output
    [data] = json.loads(result.stdout)["files"]
    found = {c["index"]: c["violations"]["1x"] for c in data["captions"]}
    assert found == EXPECTED
    assert data["captions"][0]["lines"][0]["width"] > 16
    assert {"index", "start_ms", "end_ms", "lines", "cps", "violations"} <= set(data["captions"][0])


@pytest.mark.parametrize(("name", "convert"), [("c.srt", str), ("c.vtt", as_vtt), ("c.ass", as_ass)])
def test_strict_passes_a_clean_file(tmp_path, name, convert):
    _, result = check(tmp_path, name, convert(CLEAN_SRT), "--strict")
    assert result.exit_code == 0, result.output
    assert "규칙 위반 없음" in result.stdout


def test_without_strict_faults_still_exit_0_and_are_listed(tmp_path):
    _, result = check(tmp_path, "f.srt", FAULTY_SRT)
    assert result.exit_code == 0
    assert "겹침 (overlap) @1x" in result.stdout and "간격이 너무 좁음 (gap-too-small) @1x" in result.stdout


def test_text_output_lists_what_breaks_a_rule_and_all_lists_every_caption(tmp_path):
    text = FAULTY_SRT.rstrip() + "\n\n99\n00:01:00,000 --> 00:01:03,000\n안녕하세요.\n"  # and one clean caption
    _, result = check(tmp_path, "f.srt", text)
    assert result.exit_code == 0
    shown = {int(n) for n in re.findall(r"^#(\d+)", result.stdout, re.MULTILINE)}
    assert shown == set(EXPECTED) and f"{len(EXPECTED)} of " in result.stdout and "--all" in result.stdout
    _, every = check(tmp_path, "f.srt", text, "--all")
    listed = {int(n) for n in re.findall(r"^#(\d+)", every.stdout, re.MULTILINE)}
    assert listed > shown and listed == set(range(1, max(listed) + 1))


def test_unreadable_file_exits_2(tmp_path):
    _, result = check(tmp_path, "bad.srt", "this is not\na subtitle file\n", "--strict")
    assert result.exit_code == 2 and "bad.srt" in result.stderr


def test_tags_are_not_counted_in_width():
    caps = formats.parse("1\n00:00:00,000 --> 00:00:02,000\n<i>기울임</i> {\\an8}위\n", "t.srt").captions
    assert caps[0].text == "기울임 위"
    assert measure(caps, profiles.NETFLIX_KO)[0].line_widths == (9,)  # 4 syllables and a space


def test_check_reads_our_own_outputs_back_to_the_report_figures(tmp_path):
    out = tmp_path / "out"
    assert CliRunner().invoke(app, ["generate", str(SAMPLE), "-o", str(out)]).exit_code == 0
    # the captions are planned for the speeds of the run (generate's default: 1 and 1.5)
    speeds = [Fraction(1), Fraction(3, 2)]
    count = len(pipeline.build(readers.read_path(SAMPLE), profiles.NETFLIX_KO, speeds).captions)
    for name in (f"{SAMPLE.stem}.srt", f"{SAMPLE.stem}.vtt", f"{SAMPLE.stem}.ass"):
        result = CliRunner().invoke(app, ["check", str(out / name), "--format", "json"])
        [data] = json.loads(result.stdout)["files"]
        assert data["caption_count"] == count
        assert data["summary"]["1.5x"]["violations"] == {"too-short": 1}


def test_profiles_lists_their_numbers():
    result = CliRunner().invoke(app, ["profiles"])
    assert result.exit_code == 0
    listed = result.stdout.splitlines()
    for profile in profiles.PROFILES.values():
        line = next(line for line in listed if line.startswith(profile.name + ":"))
        assert line.startswith(profile.describe())  # every number of the profile, as the report gives them
        assert f"≤ {profile.max_line_width / 2:g}자" in line and f"≤ {profile.max_cps:g}자/초" in line


def test_check_reads_sami_with_ends_at_the_next_sync(tmp_path):
    out = tmp_path / "out"
    args = ["generate", str(SAMPLE), "-o", str(out), "--formats", "srt,smi"]
    assert CliRunner().invoke(app, args).exit_code == 0
    figures = {}
    for ext in ("srt", "smi"):
        result = CliRunner().invoke(app, ["check", str(out / f"{SAMPLE.stem}.1.5x.{ext}"), "--format", "json"])
        assert result.exit_code == 0, result.output
        [data] = json.loads(result.stdout)["files"]
        figures[ext] = [(c["start_ms"], c["end_ms"], c["lines"]) for c in data["captions"]]
    assert figures["smi"] == figures["srt"]

"""``captions check`` reads subtitle files as a player does: files written here in the shapes real ones
take (bilingual SAMI, fansub ASS with drawings, broken SRT, UTF-16, Windows-1252, 0 ms cues)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from captions import formats
from captions.cli import app
from captions.errors import InputError

BILINGUAL = """<SAMI><HEAD><STYLE><!--
.KRCC {Name:Korean; lang:ko-KR;} .ENCC {Name:English; lang:en-US;}
--></STYLE></HEAD><BODY>
<SYNC Start=1000><P Class=ENCC>Hello there.
<SYNC Start=1000><P Class=KRCC>안녕하세요, 여러분.
<SYNC Start=1500><P Class=ENCC>Welcome to the lecture.
<SYNC Start=4000><P Class=KRCC>오늘은 컨테이너 보안을 배웁니다.
<SYNC Start=4200><P Class=ENCC>Today: container security.
<SYNC Start=7000><P Class=KRCC>&nbsp;
<SYNC Start=7100><P Class=ENCC>&nbsp;
</BODY></SAMI>
"""


def test_a_bilingual_sami_is_read_one_track_at_a_time():
    read = formats.parse(BILINGUAL, "a.smi")
    assert read.track == "KRCC" and set(read.tracks) == {"KRCC", "ENCC"}
    assert [(c.start_ms, c.end_ms) for c in read.captions] == [(1000, 4000), (4000, 7000)]  # its own next SYNC
    english = formats.parse(BILINGUAL, "a.smi", formats.Options(track="encc"))
    assert [c.start_ms for c in english.captions] == [1000, 1500, 4200]
    with pytest.raises(InputError, match="no track 'JPCC'"):
        formats.parse(BILINGUAL, "a.smi", formats.Options(track="JPCC"))


def test_the_korean_track_is_found_whatever_its_class_says():
    lying = BILINGUAL.replace("Class=KRCC", "Class=XXCC").replace("Class=ENCC", "Class=KRCC")
    lying = lying.replace("Class=XXCC", "Class=ENCC")
    read = formats.parse(lying, "a.smi")
    assert read.track == "ENCC" and read.captions[0].lines[0][0].text == "안녕하세요, 여러분."


STYLE_FORMAT = (
    "Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, "
    "Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, "
    "MarginR, MarginV, Encoding"
)
ASS = f"""[Script Info]
ScriptType: v4.00+

[V4+ Styles]
{STYLE_FORMAT}
Style: Default,Arial,20,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,2,2,2,10,10,10,1

[Events]
Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
Dialogue: 0,0:00:01.00,0:00:03.00,Default,,0,0,0,,{{\\p1}}m 0 0 l 100 0 100 100 0 100{{\\p0}}
Dialogue: 0,0:00:01.00,0:00:03.00,Default,,0,0,0,,{{\\an8\\pos(10,10)}}
Dialogue: 0,0:00:01.00,0:00:03.00,Default,,0,0,0,,{{\\b1}}첫 자막{{\\b0}}
Dialogue: 0,0:00:0X.00,not a time,Default,,0,0,0,,망가진 줄
Dialogue: 0,0:00:04.00,0:00:06.00,Default,,0,0,0,,{{\\p1}}m 0 0 l 5 5{{\\p0}}둘째 자막
"""


def test_ass_drawings_and_tags_alone_are_not_captions_and_a_bad_line_is_skipped():
    read = formats.parse(ASS, "a.ass")
    assert [c.lines[0][0].text for c in read.captions] == ["첫 자막", "둘째 자막"]
    assert read.skipped == 1


def test_a_file_with_nothing_readable_is_refused():
    broken = ASS.split("Dialogue:")[0] + "Dialogue: 0,0:00:0X.00,not a time,Default,,0,0,0,,망가진 줄\n"
    with pytest.raises(InputError, match="nothing readable"):
        formats.parse(broken, "a.ass")


def test_empty_srt_cues_are_not_captions():
    text = (
        "1\n00:00:01,000 --> 00:00:02,000\n첫 자막\n\n2\n00:00:02,500 --> 00:00:03,000\n\n"
        "3\n00:00:04,000 --> 00:00:05,000\n셋째\n"
    )
    assert [c.lines[0][0].text for c in formats.parse(text, "a.srt").captions] == ["첫 자막", "셋째"]


SRT = (
    "1\n00:00:01,000 --> 00:00:03,000\n안녕하세요, 여러분.\n\n2\n00:00:03,000 --> 00:00:05,000\n컨테이너 보안입니다.\n"
)


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-16"),
        lambda t: t.encode("utf-32"),
        lambda t: t.replace("\n", "\r").encode("utf-8"),
        lambda t: t.replace("\n", "\r\n").encode("utf-8-sig"),
        lambda t: t.encode("cp949"),
    ],
    ids=["utf-16 bom", "utf-32 bom", "cr only", "crlf and bom", "cp949"],
)
def test_every_encoding_and_line_end_a_player_reads(tmp_path, encode):
    path = tmp_path / "a.srt"
    path.write_bytes(encode(SRT))
    read = formats.read_path(path)
    assert [c.lines[0][0].text for c in read.captions] == ["안녕하세요, 여러분.", "컨테이너 보안입니다."]
    result = CliRunner().invoke(app, ["check", str(path)])
    assert result.exit_code == 0, result.output


def test_windows_1252_is_refused_with_the_option_to_give(tmp_path):
    path = tmp_path / "a.srt"
    path.write_bytes("1\n00:00:01,000 --> 00:00:03,000\nTRADUÇÃO E LEGENDAS\n".encode("cp1252"))
    result = CliRunner().invoke(app, ["check", str(path)])
    assert result.exit_code == 2 and "--encoding" in result.stderr
    given = CliRunner().invoke(app, ["check", str(path), "--encoding", "cp1252", "--format", "json"])
    assert json.loads(given.stdout)["files"][0]["captions"][0]["lines"][0]["text"] == "TRADUÇÃO E LEGENDAS"


def test_json_stays_json_with_a_0_ms_caption(tmp_path):
    path = tmp_path / "a.srt"
    path.write_text(
        "1\n00:00:01,000 --> 00:00:01,000\n번쩍\n\n2\n00:00:02,000 --> 00:00:04,000\n둘째\n", encoding="utf-8"
    )
    result = CliRunner().invoke(app, ["check", str(path), "--format", "json"])

    def refuse(constant):
        raise ValueError(constant)

    data = json.loads(result.stdout, parse_constant=refuse)  # no Infinity or NaN anywhere
    first = data["files"][0]["captions"][0]
    assert first["cps"]["1x"] is None and "too-short" in first["violations"]["1x"]


def test_no_library_warning_reaches_the_terminal_and_skips_are_one_line(tmp_path):
    path = tmp_path / "a.ass"
    path.write_text(ASS.replace("0:00:06.00", "12:00:00.00"), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "captions", "check", str(path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.splitlines() == [f"captions: warning: {path}: 1 malformed cue or line skipped"]


def test_a_file_timed_for_1_5x_says_what_its_speeds_are(tmp_path):
    path = tmp_path / "lecture.1.5x.srt"
    path.write_text(SRT, encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(path)])
    assert "file's own clock" in result.stdout and "timed for 1.5x already" in result.stdout
    data = json.loads(CliRunner().invoke(app, ["check", str(path), "--format", "json"]).stdout)["files"][0]
    assert data["clock"] == "file" and data["timed_for"] == "1.5x"


def test_a_sloppy_srt_loses_no_text_and_shows_no_timing():
    text = (
        "1\n00:00:01,000 --> 00:00:02,000 첫 자막입니다\n"
        "2\n00:00:02,500 --> 00:00:04,000\n둘째 자막\n셋째 줄\n"
        "3\n00:00:04,500 --> 00:00:06,000\n넷째\n"
    )
    read = formats.parse(text, "a.srt")
    shown = [[run.text for line in c.lines for run in line] for c in read.captions]
    assert shown == [["첫 자막입니다"], ["둘째 자막", "셋째 줄"], ["넷째"]]
    assert [c.start_ms for c in read.captions] == [1000, 2500, 4500]


@pytest.mark.parametrize(("name", "text"), [("a.smi", BILINGUAL), ("a.ass", ASS), ("a.srt", SRT)])
def test_utf_16_with_a_bom_is_read_in_every_format(tmp_path, name, text):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-16"))
    assert formats.read_path(path).captions == formats.parse(text, name).captions


@pytest.mark.parametrize("name", ["deep.json", "deep.srt", "deep.txt"])
def test_json_nested_a_thousand_deep_is_one_line_whatever_its_name(tmp_path, name):
    path = tmp_path / name
    path.write_text("[" * 1000 + "]" * 1000)
    result = CliRunner().invoke(app, ["check", str(path)])
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    [line] = result.stderr.splitlines()
    assert line.startswith(f"captions: error: {path}: ")


def test_a_bad_srt_cue_costs_only_itself_and_the_library_says_nothing(tmp_path):
    """A cue whose hour no clock holds (35 digits) and a cue cut short: each skipped and counted in our
    one warning line; the srt library's own log lines (``Skipped unparseable SRT data``) never show."""
    path = tmp_path / "a.srt"
    cues = [
        "1\n00:00:01,000 --> 00:00:02,000\n안녕하세요.",
        "2\n" + "9" * 35 + ":00:01,000 --> 00:00:03,000\n시계에 없는 시각",
        "55\n0:",
        "4\n00:00:04,000 --> 00:00:05,000\n셋째 자막",
    ]
    path.write_text("\n\n".join(cues) + "\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "captions", "check", str(path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.splitlines() == [f"captions: warning: {path}: 2 malformed cues or lines skipped"]
    assert "(SRT, 2 captions" in proc.stdout


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            "a.vtt",
            "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n안녕하세요\n\n"
            + "9" * 23
            + ":00:00.000 --> 00:00:01.000\n시계에 없는 시각\n\n100:00:00.000 --> 100:00:01.000\n백 시간 뒤\n",
        ),
        (
            "a.smi",
            "<SAMI><BODY>\n<SYNC Start=1000><P Class=KRCC>안녕하세요\n<SYNC Start=3000><P Class=KRCC>&nbsp;\n"
            f"<SYNC Start={'9' * 38}><P Class=KRCC>시계에 없는 시각\n<SYNC Start=360000000><P Class=KRCC>백 시간 뒤\n"
            "</BODY></SAMI>\n",
        ),
    ],
)
def test_a_time_no_clock_holds_is_a_malformed_cue_in_every_format(tmp_path, name, text):
    """WebVTT and SAMI as SRT: a cue at a time past 99:59:59.999 (23 or 38 digits, or just 100 hours) is
    skipped and counted in our one warning line, never read as a time; a timing line webvtt-py passes
    over silently is counted too."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "captions", "check", str(path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.splitlines() == [f"captions: warning: {path}: 2 malformed cues or lines skipped"]
    assert f"{path} ({path.suffix[1:].upper()}, 1 caption, " in proc.stdout, proc.stdout


def test_a_webvtt_block_without_a_timing_line_is_counted_but_comments_and_styles_are_not(tmp_path):
    """webvtt-py passes over a cue block with no timing line without a word (a player skips it too): it is
    counted as malformed; a NOTE, a STYLE or a REGION block is no cue at all."""
    path = tmp_path / "a.vtt"
    path.write_text(
        "WEBVTT\n\nSTYLE\n::cue { color: yellow }\n\nNOTE 주석\n\n00:00:01.000 --> 00:00:03.000\n안녕하세요\n\n"
        "시각이 없는 자막\n\n00:00:04.000 --> 00:00:06.000\n둘째 자막\n",
        encoding="utf-8",
    )
    proc = subprocess.run([sys.executable, "-m", "captions", "check", str(path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.splitlines() == [f"captions: warning: {path}: 1 malformed cue or line skipped"]
    assert f"{path} (VTT, 2 captions, " in proc.stdout

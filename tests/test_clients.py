"""Real clients read our files: @remotion/captions (Node), pysubs2's SAMI reader, headless Chromium
through a <track> element, ffmpeg, and ffmpeg+libass burning captions into a video.

The Makefile installs every client (`make clients`), so CI runs these rather than skipping them; on a
machine without one, the test says which is missing.
"""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import subprocess
import threading
from fractions import Fraction
from pathlib import Path

import pysubs2
import pytest
import srt
from conftest import CORPUS, ROOT, SAMPLE
from typer.testing import CliRunner

from captions import attach, pipeline, profiles, readers
from captions.cli import app

JS = ROOT / "tests" / "js"
SPEEDS = (Fraction(1), Fraction(3, 2))


def need(tool: str) -> str:
    found = shutil.which(tool)
    if not found:
        pytest.fail(f"{tool} is not installed: run `make clients` (the Makefile installs it for the tests)")
    return found


def run(cmd: list[str], **kw) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, check=True, timeout=180, **kw)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> Path:
    """Every format at 1x and 1.5x for the seed and one more corpus lecture."""
    out = tmp_path_factory.mktemp("outputs")
    [kandji] = sorted(CORPUS.glob("2025-05-02-Kandji*_improved.txt"))  # one, or the tests would test only the seed
    inputs = [str(SAMPLE), str(kandji)]
    formats = "srt,vtt,ass,smi,remotion,words"
    result = CliRunner().invoke(app, ["generate", *inputs, "-o", str(out), "--formats", formats])
    assert result.exit_code == 0, result.output
    timed = ["--formats", "vtt,ass", "--word-times", "--karaoke", "--no-review"]
    result = CliRunner().invoke(app, ["generate", *inputs, "-o", str(out / "timed"), *timed])
    assert result.exit_code == 0, result.output
    return out


def stems(out: Path) -> list[str]:
    """The 1x file stems (``X.srt``, not ``X.1.5x.srt``)."""
    return sorted(p.name.removesuffix(".srt") for p in out.glob("*.srt") if not p.name.endswith(".1.5x.srt"))


@pytest.mark.clients
@pytest.mark.corpus
def test_remotion_parse_srt_gives_our_json(outputs):
    need("node")
    if not (JS / "node_modules" / "@remotion" / "captions").is_dir():
        pytest.fail("@remotion/captions is not installed: run `make clients`")
    for stem in stems(outputs):
        ours = json.loads((outputs / f"{stem}.captions.json").read_text(encoding="utf-8"))
        theirs = json.loads(run(["node", str(JS / "parse_srt.js"), str(outputs / f"{stem}.srt")], cwd=JS).stdout)
        assert theirs == ours, stem
        assert {"text", "startMs", "endMs", "timestampMs", "confidence"} == set(ours[0])


@pytest.mark.clients
@pytest.mark.corpus
def test_tiktok_pages_from_our_words_end_where_our_captions_end(outputs):
    """``createTikTokStyleCaptions`` from the npm package pages our words file: one page per caption, its
    text the caption's words, its tokens our words with our times."""
    need("node")
    for stem in stems(outputs):
        for speed in ("", ".1.5x"):
            words = json.loads((outputs / f"{stem}{speed}.words.json").read_text(encoding="utf-8"))
            pages = json.loads(
                run(["node", str(JS / "tiktok_pages.js"), str(outputs / f"{stem}{speed}.words.json")], cwd=JS).stdout
            )
            cues = list(srt.parse((outputs / f"{stem}{speed}.srt").read_text(encoding="utf-8")))
            assert len(pages) == len(cues), stem
            for page, cue in zip(pages, cues, strict=True):
                assert page["text"].split() == cue.content.split()
                assert page["startMs"] == round(cue.start.total_seconds() * 1000)
            tokens = [t for page in pages for t in page["tokens"]]
            assert [(t["fromMs"], t["toMs"]) for t in tokens] == [(w["startMs"], w["endMs"]) for w in words]
            assert [t["text"].strip() for t in tokens] == [w["text"].strip() for w in words]


@pytest.mark.corpus
def test_sami_reads_back_with_pysubs2(outputs):
    for stem in stems(outputs):
        srt_cues = list(srt.parse((outputs / f"{stem}.srt").read_text(encoding="utf-8")))
        sami = pysubs2.load(str(outputs / f"{stem}.smi"), format_="sami")
        shown = [e for e in sami.events if e.plaintext.strip("\xa0 ")]
        assert [e.start for e in shown] == [c.start // srt.timedelta(milliseconds=1) for c in srt_cues]
        assert [e.plaintext for e in shown] == [c.content for c in srt_cues]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep the test output clean
        pass


PAGE = """<!doctype html><meta charset="utf-8"><video id="v" width="320" height="180">
<track id="t" kind="subtitles" srclang="ko" label="한국어" src="{vtt}" default></video><pre id="out">waiting</pre>
<script>
const track = document.getElementById("t");
track.track.mode = "hidden";
function stamps(node) {{  // the cue timestamps getCueAsHTML keeps, as processing instructions
  if (node.nodeType === 7) return [node.data];
  return Array.from(node.childNodes).flatMap(stamps);
}}
function done() {{
  const cues = Array.from(track.track.cues).map(c => ({{start: c.startTime, end: c.endTime,
    text: c.getCueAsHTML().textContent, stamps: stamps(c.getCueAsHTML())}}));
  document.getElementById("out").textContent = JSON.stringify(cues);
}}
track.addEventListener("load", done);
track.addEventListener("error", () => document.getElementById("out").textContent = "error");
if (track.readyState === 2) done();
</script>"""


@pytest.mark.clients
@pytest.mark.corpus
@pytest.mark.slow
def test_chromium_sees_every_webvtt_cue(outputs, tmp_path):
    chromium = need("chromium")
    site = tmp_path / "site"
    site.mkdir()
    cases = [(stem, infix, timed) for stem in stems(outputs) for infix in ("", ".1.5x") for timed in ("", "timed")]
    for i, (stem, infix, timed) in enumerate(cases):  # one page and one plain file name per case: nothing cached
        shutil.copy(outputs / timed / f"{stem}{infix}.vtt", site / f"cues{i}.vtt")
        (site / f"page{i}.html").write_text(PAGE.format(vtt=f"cues{i}.vtt"), encoding="utf-8")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        for i, (stem, infix, timed) in enumerate(cases):
            url = f"http://127.0.0.1:{server.server_port}/page{i}.html"
            dom = run([
                chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                f"--user-data-dir={tmp_path / f'profile{i}'}", "--virtual-time-budget=10000", "--dump-dom", url,
            ]).stdout  # fmt: skip
            shown = dom.split('<pre id="out">', 1)[1].split("</pre>", 1)[0]
            seen = json.loads(shown.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))
            cues = list(srt.parse((outputs / f"{stem}{infix}.srt").read_text(encoding="utf-8")))
            ms = srt.timedelta(milliseconds=1)
            assert [round(c["start"] * 1000) for c in seen] == [c.start // ms for c in cues], (stem, infix)
            assert [round(c["end"] * 1000) for c in seen] == [c.end // ms for c in cues]
            assert [c["text"] for c in seen] == [c.content for c in cues]
            if not timed:
                assert not any(c["stamps"] for c in seen)
                continue
            # a timestamp before every word but the first, where the words file says it is heard
            words = json.loads((outputs / f"{stem}{infix}.words.json").read_text(encoding="utf-8"))
            pages, page = [], []
            for w in words:
                page.append(w["startMs"])
                if w.get("pageBreakAfter"):
                    pages.append(page[1:])
                    page = []
            got = [[_ms(t) for t in c["stamps"]] for c in seen]  # Chromium keeps them as seconds: ±1 ms
            assert [len(g) for g in got] == [len(p) for p in pages], (stem, infix)
            assert all(abs(a - b) <= 1 for g, p in zip(got, pages, strict=True) for a, b in zip(g, p, strict=True))
    finally:
        server.shutdown()


def _ms(stamp: str) -> int:
    """``HH:MM:SS.mmm`` in integer milliseconds."""
    h, m, s = stamp.split(":")
    whole, _, frac = s.partition(".")
    return ((int(h) * 60 + int(m)) * 60 + int(whole)) * 1000 + int(frac.ljust(3, "0"))


@pytest.mark.clients
@pytest.mark.corpus
def test_ffmpeg_reads_srt_webvtt_and_ass(outputs):
    ffmpeg = need("ffmpeg")
    for stem in stems(outputs):
        expected = list(srt.parse((outputs / f"{stem}.srt").read_text(encoding="utf-8")))
        for ext, tolerance in (("srt", 0), ("vtt", 0), ("ass", 10)):
            got = list(
                srt.parse(run([ffmpeg, "-v", "error", "-i", str(outputs / f"{stem}.{ext}"), "-f", "srt", "-"]).stdout)
            )
            assert len(got) == len(expected), (stem, ext)
            ms = srt.timedelta(milliseconds=1)
            for g, e in zip(got, expected, strict=True):
                assert abs(g.start // ms - e.start // ms) <= tolerance and abs(g.end // ms - e.end // ms) <= tolerance


@pytest.fixture(scope="module")
def video(tmp_path_factory) -> Path:
    """A three-second test video with sound, made by ffmpeg for the test."""
    ffmpeg = need("ffmpeg")
    path = tmp_path_factory.mktemp("video") / "lecture.mp4"
    run([
        ffmpeg, "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=25:duration=3",
        "-f", "lavfi", "-i", "sine=frequency=440:duration=3", "-c:v", "libx264", "-pix_fmt", "yuv420p",
        "-c:a", "aac", "-shortest", str(path),
    ])  # fmt: skip
    return path


def short_lecture(tmp: Path, text: str, karaoke: bool = False) -> Path:
    """Captions for a three-second, one-segment lecture."""
    from captions.timeline import Segment, Timeline, validate
    from captions.writers import write_files

    timeline = validate(Timeline("t", "test", (Segment(1, 0, 3000, text),)))
    result = pipeline.build(timeline, profiles.NETFLIX_KO, [Fraction(1)])
    write_files(tmp, pipeline.render(result, "lecture", ["srt", "ass"], karaoke=karaoke))
    return tmp


def streams(path: Path) -> list[dict]:
    out = run([need("ffprobe"), "-v", "error", "-show_streams", "-of", "json", str(path)]).stdout
    return json.loads(out)["streams"]


@pytest.mark.clients
def test_attach_muxes_korean_soft_subtitles(video, tmp_path):
    subs = short_lecture(tmp_path, "안녕하세요, 여러분.")
    for source, target, codec in (("lecture.srt", "out.mp4", "mov_text"), ("lecture.ass", "out.mkv", "ass")):
        result = CliRunner().invoke(app, ["attach", str(video), str(subs / source), "-o", str(tmp_path / target)])
        assert result.exit_code == 0, result.output
        [sub] = [s for s in streams(tmp_path / target) if s["codec_type"] == "subtitle"]
        assert sub["codec_name"] == codec and sub["tags"]["language"] == "kor"
        assert {s["codec_type"] for s in streams(tmp_path / target)} == {"video", "audio", "subtitle"}


@pytest.mark.clients
def test_attach_never_overwrites_and_says_what_is_missing(video, tmp_path, monkeypatch):
    subs = short_lecture(tmp_path, "안녕하세요.")
    before = video.read_bytes()
    result = CliRunner().invoke(app, ["attach", str(video), str(subs / "lecture.srt"), "-o", str(video)])
    assert result.exit_code == 2 and "input video" in result.stderr and video.read_bytes() == before
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = CliRunner().invoke(app, ["attach", str(video), str(subs / "lecture.srt"), "-o", str(tmp_path / "x.mp4")])
    assert result.exit_code == 2 and "apt-get install ffmpeg" in result.stderr


@pytest.mark.clients
def test_attach_warns_when_the_subtitles_outlast_the_video(video, tmp_path):
    """The 1x file on a shorter (1.5x) video: the subtitles' own last end, read as ``check`` reads them,
    against the video's length — ffprobe tells no length for a subtitle file."""
    long = tmp_path / "lecture.srt"
    long.write_text("1\n00:00:01,000 --> 00:00:02,000\n안녕하세요.\n\n2\n00:00:08,000 --> 00:00:10,500\n끝.\n")
    out = tmp_path / "out.mp4"
    result = CliRunner().invoke(app, ["attach", str(video), str(long), "-o", str(out)])
    assert result.exit_code == 0 and out.is_file(), result.output
    [warning] = result.stderr.strip().splitlines()
    assert warning.startswith("captions: warning:") and "10.5 s" in warning and "3.0 s" in warning
    assert str(video) in warning and str(long) in warning
    fits = short_lecture(tmp_path / "fits", "안녕하세요.")
    result = CliRunner().invoke(app, ["attach", str(video), str(fits / "lecture.srt"), "-o", str(tmp_path / "b.mp4")])
    assert result.exit_code == 0 and "warning" not in result.stderr


@pytest.mark.clients
def test_attach_refuses_a_still_image_or_audio_as_the_video(video, tmp_path):
    ffmpeg = need("ffmpeg")
    subs = short_lecture(tmp_path, "안녕하세요.")
    still, sound = tmp_path / "slide.png", tmp_path / "voice.mp3"
    run([ffmpeg, "-v", "error", "-f", "lavfi", "-i", "color=c=red:s=64x64", "-frames:v", "1", str(still)])
    run([ffmpeg, "-v", "error", "-f", "lavfi", "-i", "sine=duration=2", str(sound)])
    long = tmp_path / "long.srt"  # longer than the sound too: the refusal alone is said, no warning first
    long.write_text("1\n00:00:08,000 --> 00:00:10,500\n끝.\n", encoding="utf-8")
    for bad, srt_file in ((still, subs / "lecture.srt"), (sound, subs / "lecture.srt"), (sound, long)):
        before = sorted(tmp_path.iterdir())
        result = CliRunner().invoke(app, ["attach", str(bad), str(srt_file), "-o", str(tmp_path / "x.mp4")])
        assert result.exit_code == 2, result.output
        [line] = result.stderr.strip().splitlines()
        assert line.startswith("captions: error:") and str(bad) in line and "moving picture" in line
        assert sorted(tmp_path.iterdir()) == before  # nothing written, nothing left behind


def gray_frame(path: Path, at: str = "1.5") -> bytes:
    return subprocess.run(
        [need("ffmpeg"), "-v", "error", "-ss", at, "-i", str(path), "-frames:v", "1", "-f", "rawvideo",
         "-pix_fmt", "gray", "-"],
        capture_output=True, check=True,
    ).stdout  # fmt: skip


@pytest.mark.clients
def test_burned_frame_shows_hangul_glyphs_not_boxes(video, tmp_path):
    frames = {}
    for name, text in (("a", "가나다라마바사 아자차카"), ("b", "하늘바다 구름 나무숲길")):
        subs = short_lecture(tmp_path / name, text)
        out = tmp_path / f"{name}.mp4"
        attach.attach(video, subs / "lecture.ass", out, burn=True)
        frames[name] = gray_frame(out)
    plain = gray_frame(video)
    width, height = 1280, 720
    bottom = slice(width * (height * 2 // 3), width * height)

    def changed(x: bytes, y: bytes) -> int:
        return sum(1 for p, q in zip(x[bottom], y[bottom], strict=True) if abs(p - q) > 40)

    drawn = changed(frames["a"], plain)
    assert drawn > 2000  # captions were drawn
    # different Hangul, different pixels: real glyphs; tofu boxes for two strings this long would match
    assert changed(frames["a"], frames["b"]) > drawn // 3


@pytest.mark.clients
def test_karaoke_lights_the_words_up_as_they_are_said(video, tmp_path):
    """libass fills each word from grey to white as it is said: early in the caption its text is mostly
    grey, at its end all white."""
    subs = short_lecture(tmp_path, "가나다라 마바사아 자차카타 파하가나", karaoke=True)
    assert "{\\kf" in (subs / "lecture.ass").read_text(encoding="utf-8")
    out = tmp_path / "karaoke.mp4"
    attach.attach(video, subs / "lecture.ass", out, burn=True)
    width, height = 1280, 720
    bottom = slice(width * (height * 2 // 3), width * height)

    def shades(at: str) -> tuple[int, int]:
        """Pixels libass drew (unlike the video's own frame): white ones, and grey ones."""
        drawn = [
            p
            for p, q in zip(gray_frame(out, at)[bottom], gray_frame(video, at)[bottom], strict=True)
            if abs(p - q) > 40
        ]
        return sum(1 for p in drawn if p >= 235), sum(1 for p in drawn if 130 <= p <= 170)

    early, late = shades("0.1"), shades("2.9")
    assert late[0] > max(200, 4 * early[0])  # white grows as the words are said
    assert early[1] > 2 * late[1]  # and the grey of the words not yet said goes


def test_sami_and_remotion_are_opt_in(tmp_path):
    result = CliRunner().invoke(app, ["generate", str(SAMPLE), "-o", str(tmp_path)])
    assert result.exit_code == 0
    assert not list(tmp_path.glob("*.smi")) and not list(tmp_path.glob("*.captions.json"))
    result = CliRunner().invoke(app, ["generate", str(SAMPLE), "-o", str(tmp_path), "--formats", "srt,nope"])
    assert result.exit_code == 2 and "nope" in result.stderr


def test_remotion_json_matches_our_captions():
    result = pipeline.build(readers.read_path(SAMPLE), profiles.NETFLIX_KO, SPEEDS)
    from captions.formats import remotion

    data = json.loads(remotion.write(result.at(Fraction(3, 2))))
    assert [(d["startMs"], d["endMs"], d["text"]) for d in data] == [
        (c.start_ms, c.end_ms, c.text) for c in result.at(Fraction(3, 2))
    ]
    assert all(d["timestampMs"] * 2 == d["startMs"] + d["endMs"] for d in data)

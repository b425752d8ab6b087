"""The review page: what is in it (parsed here, on generated and hostile input) and what a browser makes
of it (Debian's Chromium, driven by Playwright, from ``file://`` with every outside request refused).

The page's content invariants run with every pipeline property (``invariants.check_review`` is part of
``check_all``); these tests add the page's script data, its media link, the CLI switch, and the browser.
"""

from __future__ import annotations

import functools
import json
import os
import re
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from fractions import Fraction
from pathlib import Path
from urllib.parse import unquote

import pytest
from conftest import SAMPLE
from hypothesis import given
from hypothesis import strategies as st
from invariants import Page, check_review
from typer.testing import CliRunner

from captions import pipeline, profiles, readers
from captions.cli import app
from captions.formats import FORMATS, Options
from captions.writers import review

STEM = SAMPLE.stem
CHROMIUM = "/usr/bin/chromium"
SPEEDS = (Fraction(1), Fraction(3, 2))


@pytest.fixture(scope="module")
def seed() -> pipeline.Result:
    return pipeline.build(readers.read_path(SAMPLE), profiles.NETFLIX_KO, SPEEDS)


@functools.cache
def _seed_at_1_5x() -> pipeline.Result:
    return pipeline.build(readers.read_path(SAMPLE), profiles.NETFLIX_KO, [Fraction(3, 2)])


@given(st.text())
def test_the_media_data_comes_back_whole_from_the_page(vtt):
    """Whatever the data holds (``</script>``, ``<!--``), the page's data script ends where the page ends
    it, and reads back as what was put in."""
    page = Page(f'<script type="application/json">{review._json({"vtt": vtt})}</script>')
    assert json.loads(page.scripts[0]) == {"vtt": vtt}


def test_the_player_gets_the_captions_at_the_media_speed_as_our_webvtt():
    result = _seed_at_1_5x()
    three = replace(result, captions=result.captions[:3], measures={s: m[:3] for s, m in result.measures.items()})
    page = Page(review.write(three, title="t", media=("a%20b.mp4", Fraction(3, 2))))
    data = json.loads(page.scripts[0])
    at = three.at(Fraction(3, 2))
    assert data["vtt"] == FORMATS["vtt"].write(at, Options(title="t"))
    assert data["starts"] == [c.start_ms for c in at] and data["ends"] == [c.end_ms for c in at]
    assert len(data["starts"]) == len(data["ends"]) == 3
    assert [e.attrs["src"] for e in page.having("src")] == ["a%20b.mp4"] and page.having("data-caption")


@pytest.mark.parametrize(
    ("media", "out"),
    [
        ("media/lecture.mp4", "out"),
        ("강의 영상/7주차 #1 (최종)?.mp3", "결과/자막"),
        ("a%20b.wav", "."),
        ("lecture.webm", "deep/er/out"),
    ],
)
def test_the_media_link_is_relative_to_the_page_and_finds_the_file(tmp_path, media, out):
    path, folder = tmp_path / media, tmp_path / out
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"")
    folder.mkdir(parents=True, exist_ok=True)
    href = review.media_href(path, folder)
    assert not re.match(r"^[a-z][a-z0-9+.-]*:|^/", href) and not set(href) & set(" #?")
    assert (folder / unquote(href)).resolve() == path.resolve()


def test_the_seed_page_holds_every_caption_and_every_flag(seed):
    files = pipeline.render(seed, STEM, ["srt"])
    page = check_review(seed, files[f"{STEM}.review.html"])
    flagged = [e.attrs["data-caption"] for e in page.having("data-violations")]
    assert flagged == [str(len(seed.captions))]  # the seed's one breach: the last, 감사합니다., is too short at 1.5x
    assert page.having("data-violations")[0].attrs["data-violations"] == "too-short@1.5x"
    findings = [e.attrs["data-finding"] for e in page.having("data-finding")]
    assert findings == [f.kind for f in seed.findings]
    assert not page.scripts  # without media the page needs no script


def test_no_review_writes_no_page_and_the_summary_says_what_was_written(tmp_path):
    result = CliRunner().invoke(app, ["generate", str(SAMPLE), "-o", str(tmp_path / "a"), "--jobs", "1"])
    assert result.exit_code == 0 and "+ review page" in result.stdout
    assert (tmp_path / "a" / f"{STEM}.review.html").is_file()
    result = CliRunner().invoke(app, ["generate", str(SAMPLE), "-o", str(tmp_path / "b"), "--no-review"])
    assert result.exit_code == 0 and "+ review page" not in result.stdout
    assert not list((tmp_path / "b").glob("*.html")) and len(list((tmp_path / "b").iterdir())) == 7


# -- in the browser -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is not installed: run `make clients` (the Makefile installs it for the tests)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",  # CI runs as root
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--autoplay-policy=no-user-gesture-required",
            ],
        )
        yield launched
        launched.close()


class Opened:
    """A page opened from ``file://`` with every request that is not for a local file refused and
    recorded, and every console message and uncaught error recorded."""

    def __init__(self, browser, path: Path) -> None:
        self.page = browser.new_page(viewport={"width": 1100, "height": 900})
        self.refused: list[str] = []
        self.console: list[str] = []
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.console.append(f"pageerror: {e}"))
        self.page.route("**/*", self._route)
        self.page.goto(path.as_uri())

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith(("file:", "blob:", "data:")):
            route.continue_()
        else:
            self.refused.append(url)
            route.abort()

    def value(self, script: str):
        return self.page.evaluate(script)


@pytest.mark.clients
def test_chromium_shows_every_caption_the_charts_and_the_flags_offline(browser, seed, tmp_path):
    out = tmp_path / "out"
    assert CliRunner().invoke(app, ["generate", str(SAMPLE), "-o", str(out), "--jobs", "1"]).exit_code == 0
    opened = Opened(browser, out / f"{STEM}.review.html")
    try:
        assert opened.value("document.querySelectorAll('[data-caption]').length") == len(seed.captions)
        numbers = opened.value("Array.from(document.querySelectorAll('[data-caption]'), e => e.dataset.caption)")
        assert numbers == [str(i) for i in range(1, len(seed.captions) + 1)]
        charts = opened.value(
            "Array.from(document.querySelectorAll('svg.chart'), s => [s.dataset.chart, s.dataset.speed,"
            " s.getBoundingClientRect().width > 300, s.querySelector('path.captions').getTotalLength() > 0])"
        )
        assert sorted(charts) == sorted([k, s, True, True] for k in ("cps", "duration") for s in ("1x", "1.5x"))
        flagged = opened.value(
            "Array.from(document.querySelectorAll('[data-violations]'), e => [e.dataset.caption, e.dataset.violations,"
            " getComputedStyle(e).backgroundColor, getComputedStyle(e).borderLeftColor])"
        )
        plain = opened.value(
            "(e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).borderLeftColor])"
            "(document.querySelector('[data-caption]:not([data-violations])'))"
        )
        assert [f[:2] for f in flagged] == [[str(len(seed.captions)), "too-short@1.5x"]]
        assert flagged[0][2] != plain[0] and flagged[0][3] != plain[1]  # it stands out
        # every link inside the page lands on an element, the findings' on their segments
        dangling = opened.value(
            "Array.from(document.querySelectorAll('a[href^=\"#\"]'), a => a.getAttribute('href'))"
            ".filter(h => !document.getElementById(h.slice(1)))"
        )
        assert dangling == []
        opened.page.click("[data-finding] a")
        assert opened.value("location.hash") == f"#segment-{seed.findings[0].segment}"
        opened.page.check("#only-flagged")
        shown = opened.value(
            "Array.from(document.querySelectorAll('[data-caption]')).filter(e => e.offsetParent).length"
        )
        assert shown == 1
        assert opened.refused == [] and opened.console == []
    finally:
        opened.page.close()


@pytest.fixture(scope="module")
def video(tmp_path_factory) -> Path:
    """A video as long as the seed at 1.5x (481.2 s), grey frames and a tone: what --media points at."""
    path = tmp_path_factory.mktemp("media") / f"{STEM}.mp4"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "color=c=gray:size=160x90:rate=1:duration=482",
         "-f", "lavfi", "-i", "sine=frequency=300:duration=482", "-c:v", "libx264", "-preset", "ultrafast",
         "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", str(path)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    return path


@pytest.mark.clients
def test_chromium_plays_the_media_with_its_track_and_follows_the_voice(browser, seed, video, tmp_path):
    out = tmp_path / "pages"
    args = ["generate", str(SAMPLE), "-o", str(out), "--media", str(video.parent), "--media-speed", "1.5"]
    result = CliRunner().invoke(app, [*args, "--sync", "none", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    at = seed.at(Fraction(3, 2))
    opened = Opened(browser, out / f"{STEM}.review.html")
    try:
        page = opened.page
        page.wait_for_function("() => document.getElementById('media').readyState >= 1")
        page.wait_for_function("() => document.getElementById('track').readyState === 2")
        cues = opened.value(
            "Array.from(document.getElementById('media').textTracks[0].cues,"
            " c => [Math.round(c.startTime * 1000), Math.round(c.endTime * 1000), c.getCueAsHTML().textContent])"
        )
        assert cues == [[c.start_ms, c.end_ms, c.text] for c in at]  # the 1.5x track: the media's speed
        page.click("#caption-40")
        page.wait_for_function("() => document.querySelector('.speaking')?.dataset.caption === '40'")
        now = opened.value("document.getElementById('media').currentTime") * 1000
        assert at[39].start_ms <= now < at[39].end_ms
        # while it plays, the highlight moves on with the voice
        page.evaluate(f"document.getElementById('media').currentTime = {(at[40].end_ms - 300) / 1000}")
        page.wait_for_function("() => document.querySelector('.speaking')?.dataset.caption === '42'", timeout=5000)
        assert opened.value("document.getElementById('media').paused") is False
        assert opened.value("document.querySelectorAll('.speaking').length") == 1
        # and inside the caption, the word being said: paused on the third word of caption 42
        page.evaluate("document.getElementById('media').pause()")
        word = at[41].words[2]
        page.evaluate(f"document.getElementById('media').currentTime = {(word.start_ms + 20) / 1000}")
        page.wait_for_function(
            "() => document.querySelector('.speaking .w.said')?.dataset.w === '2'"
            " && document.querySelector('.speaking')?.dataset.caption === '42'",
            timeout=5000,
        )
        said = opened.value("Array.from(document.querySelectorAll('.w.said'), w => w.textContent).join('')")
        assert said == word.text
        assert opened.refused == [] and opened.console == []
    finally:
        opened.page.close()

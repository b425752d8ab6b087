"""Hostile caption text survives SRT, WebVTT and ASS with its meaning intact and injects nothing."""

from __future__ import annotations

import html
from fractions import Fraction

import pysubs2
import srt
import webvtt
from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st
from invariants import check_all, check_writers

from captions import pipeline, profiles
from captions.caption import Caption, Run
from captions.formats import ass, vtt
from captions.formats import srt as srt_writer
from captions.timeline import Segment, Timeline, validate

HOSTILE = [
    "-->",
    "<",
    ">",
    "&",
    "{",
    "}",
    "\\N",
    "\\n",
    "\\h",
    "\\",
    "{\\b1}",
    "{\\an8}",
    "<b>",
    "<i>x</i>",
    "<v Bob>",
    "&amp;",
    "&lt;",
    "0",
    "123",
    "00:00:01,000 --> 00:00:02,000",
    "WEBVTT",
    "NOTE",
    "[Events]",
    "Dialogue:",
    ",",
    "가나다",
    "abc",
    "1.",
    "'",
    '"',
    "</script>",  # the review page: text must not end its script or open a comment
    "<!--",
    "</article>",
]
line_text = st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=6).map(" ".join)


@st.composite
def captions(draw) -> list[Caption]:
    out, t = [], 0
    for _ in range(draw(st.integers(1, 5))):
        lines = tuple((Run(text, draw(st.booleans())),) for text in draw(st.lists(line_text, min_size=1, max_size=2)))
        d = draw(st.integers(1, 9000))
        out.append(Caption(1, t, t + d, lines))
        t += d + draw(st.sampled_from([0, 0, 40, 1000]))
    return out


@settings(max_examples=examples(300))
@given(captions())
def test_hostile_text_round_trips_through_every_format(caps):
    check_writers(caps)


@settings(max_examples=examples(300))
@given(captions())
def test_nothing_becomes_markup(caps):
    texts = [c.text for c in caps]
    for event, text in zip(pysubs2.SSAFile.from_string(ass.write(caps)).events, texts, strict=True):
        # the only override tags in our ASS are our own bold switches
        blocks = pysubs2.SSAEvent.OVERRIDE_SEQUENCE.findall(event.text.replace("\\{", "").replace("\\}", ""))
        assert set(blocks) <= {"{\\b1}", "{\\b0}"}, (text, event.text)
    for cue in webvtt.from_string(vtt.write(caps)).captions:
        tags = [t for t in cue.raw_text.replace("&lt;", "").split("<")[1:]]
        assert all(t.startswith(("b>", "/b>")) for t in tags), cue.raw_text
    for sub in srt.parse(srt_writer.write(caps)):
        assert "<b" not in sub.content and "<i" not in sub.content and "{\\" not in sub.content
    assert [html.unescape(c.text) for c in webvtt.from_string(vtt.write(caps)).captions] == texts


@given(st.lists(st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=12).map(" ".join), min_size=1, max_size=4))
def test_hostile_script_text_goes_through_the_whole_pipeline(texts):
    segments, t = [], 0
    for i, text in enumerate(texts, 1):
        segments.append(Segment(i, t, t + len(text) * 200, text))
        t += len(text) * 200
    timeline = validate(Timeline("hostile", "test", tuple(segments)))
    check_all(pipeline.build(timeline, profiles.NETFLIX_KO, [Fraction(1), Fraction(3, 2)]))

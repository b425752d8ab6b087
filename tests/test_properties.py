"""Hypothesis over generated timelines: every invariant of the outputs, at every speed."""

from __future__ import annotations

import string
from fractions import Fraction

from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st
from invariants import check_all, check_layout, check_text_kept

from captions import pipeline, profiles
from captions.timeline import Segment, Timeline, validate

HANGUL = "가나다라마바사아자차카타파하고는을를이에서의한된다습니요죠컨테너보안클우드환경실행"
PARTICLES = ["", "", "는", "를", "에서", "의", "와", "고", "한", "하는", "으로"]
PUNCT = ["", "", "", "", ",", ".", "?", "!", "'"]


@st.composite
def words(draw, max_len: int = 7) -> str:
    stem = draw(
        st.one_of(
            st.text(alphabet=HANGUL, min_size=1, max_size=max_len),
            st.text(alphabet=string.ascii_letters + string.digits, min_size=1, max_size=2 * max_len),
        )
    )
    word = stem + draw(st.sampled_from(PARTICLES)) + draw(st.sampled_from(PUNCT))
    style = draw(st.sampled_from(["plain"] * 6 + ["bold", "code"]))
    return {"plain": word, "bold": f"**{word}**", "code": f"`{word}`"}[style]


@st.composite
def timelines(draw, max_len: int = 7) -> Timeline:
    count = draw(st.integers(1, 6))
    segments, t = [], 0
    for number in range(1, count + 1):
        if draw(st.integers(0, 9)) == 0:
            text = draw(st.sampled_from(["---", "**", "#"]))
        else:
            text = " ".join(draw(st.lists(words(max_len), min_size=1, max_size=40)))
        rate = draw(st.integers(40, 500))  # ms per character: 2 to 25 characters a second
        duration = max(1, len(text) * rate)
        t += draw(st.sampled_from([0, 0, 0, 500, 2500]))
        segments.append(Segment(number, t, t + duration, text))
        t += duration
    return validate(Timeline("generated", "generated", tuple(segments)))


speed_sets = st.lists(
    st.sampled_from([Fraction(1), Fraction(3, 2), Fraction(5, 4), Fraction(2), Fraction(3, 4)]),
    min_size=1,
    max_size=3,
    unique=True,
)


@given(timelines(), speed_sets, st.sampled_from(list(profiles.PROFILES.values())))
def test_every_invariant_holds_on_generated_timelines(timeline, speeds, profile):
    result = pipeline.build(timeline, profile, speeds)
    check_all(result)


@given(timelines(max_len=30))
def test_words_wider_than_a_line_are_cut_and_nothing_is_lost(timeline):
    result = pipeline.build(timeline, profiles.NETFLIX_KO, [Fraction(1)])
    check_text_kept(result)
    check_layout(result)


@given(timelines(), speed_sets)
def test_output_names_follow_the_speed(timeline, speeds):
    result = pipeline.build(timeline, profiles.NETFLIX_KO, speeds)
    files = pipeline.render(result, "lecture", ["srt", "vtt", "ass"])
    expected = {"lecture.report.txt", "lecture.review.html"}
    for s in speeds:
        infix = "" if s == 1 else f".{float(s):g}x"
        expected |= {f"lecture{infix}.{ext}" for ext in ("srt", "vtt", "ass")}
    assert set(files) == expected


@settings(max_examples=examples(15))
@given(timelines(), speed_sets)
def test_sharing_a_lecture_with_a_second_process_changes_nothing(timeline, speeds):
    alone = pipeline.build(timeline, profiles.NETFLIX_KO, speeds, workers=1)
    shared = pipeline.build(timeline, profiles.NETFLIX_KO, speeds, workers=2)
    assert shared.captions == alone.captions

"""Hypothesis over generated timelines: every invariant of the outputs, at every speed."""

from __future__ import annotations

import string
from fractions import Fraction
from itertools import pairwise

from conftest import examples
from hypothesis import event, given, settings
from hypothesis import strategies as st
from invariants import check_all, check_layout, check_text_kept

from captions import pipeline, plan, profiles, timing
from captions.measures import measure
from captions.text import markup, sentences
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


@given(timelines(), speed_sets, st.sampled_from(list(profiles.PROFILES.values())), st.data())
def test_captions_held_after_the_voice_stops_keep_every_rule(timeline, speeds, profile, data):
    """``timing.held`` with pauses anywhere: starts stay, no caption grows, no rule breaks that did not
    before at any speed, and a caption ends early only after a pause that runs to the next caption, at
    least the hold after it begins, with more than the chaining gap left."""
    result = pipeline.build(timeline, profile, speeds)
    for seg in timeline.segments:
        mine = [c for c in result.captions if c.segment == seg.number]
        cuts = sorted(data.draw(st.lists(st.integers(seg.start_ms, seg.end_ms), max_size=12)))
        silences = [(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=False) if a < b]
        held = timing.held(mine, seg.end_ms, silences, profile, speeds)
        assert [c.start_ms for c in held] == [c.start_ms for c in mine]
        for s in speeds:
            before, after = measure(timing.scale(mine, s), profile), measure(timing.scale(held, s), profile)
            for b, a in zip(before, after, strict=True):
                assert set(a.violations) <= set(b.violations), (s, a, b)
        for k, (old, new) in enumerate(zip(mine, held, strict=True)):
            assert new.start_ms < new.end_ms <= old.end_ms and new.lines == old.lines
            if new.end_ms == old.end_ms:
                continue
            event("a caption held")
            following = held[k + 1].start_ms if k + 1 < len(held) else seg.end_ms
            assert following - new.end_ms > timing.CHAIN_MS * max(speeds)
            assert any(
                new.start_ms < a and b >= following - timing.VOICE_TOLERANCE_MS and new.end_ms - a >= 0
                for a, b in silences
            )
            assert [w.start_ms for w in new.words] == [w.start_ms for w in old.words]
            assert new.words[-1].end_ms == new.end_ms and new.words[-1].start_ms < new.end_ms


@given(timelines(), st.data())
def test_time_runs_out_where_the_voice_pauses_and_captions_still_tile(timeline, data):
    """``timing.allocate`` with pins and pauses anywhere: the captions still tile their segment in order,
    every word starts inside its caption in order, and every pin keeps its time."""
    profile = profiles.NETFLIX_KO
    for seg in timeline.segments:
        rich = markup.parse(seg.text)
        chunks = plan.plan(rich, sentences.sentence_ends(rich.text, [rich.text]), seg.duration_ms, profile, [1])
        total = sum(c.weight for c in chunks)
        if total <= 1:
            continue
        offsets = sorted(set(data.draw(st.lists(st.integers(1, total - 1), max_size=6))))
        times = sorted(
            data.draw(st.lists(st.integers(seg.start_ms, seg.end_ms), min_size=len(offsets), max_size=len(offsets)))
        )
        pins = list(zip(offsets, times, strict=True))
        cuts = sorted(data.draw(st.lists(st.integers(seg.start_ms, seg.end_ms), max_size=12)))
        silences = [(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=False) if a < b]
        if pins and data.draw(st.booleans()):  # a pause that ends where the voice reaches a pin
            ms = data.draw(st.sampled_from(times))
            silences = sorted({*silences, (ms - data.draw(st.integers(1, 3000)), ms)})
            event("a pause before a pin")
        out = timing.allocate(seg, chunks, pins, True, pins, silences)
        assert out[0].start_ms == seg.start_ms and out[-1].end_ms == seg.end_ms
        assert all(a.end_ms == b.start_ms for a, b in pairwise(out))
        said = [w for c in out for w in c.words]
        assert all(a.start_ms <= b.start_ms for a, b in pairwise(said))
        assert all(c.start_ms <= w.start_ms <= c.end_ms for c in out for w in c.words)
        at, starts = 0, {}
        for c, chunk in zip(out, chunks, strict=True):
            for w, (_, weight, _) in zip(c.words, chunk.words, strict=True):
                starts[at] = w.start_ms
                at += weight
        assert all(starts[offset] == ms for offset, ms in pins if offset in starts)

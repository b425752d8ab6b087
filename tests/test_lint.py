"""Each quirk of the real reports has a deliberate behaviour and a finding that names its segment."""

from __future__ import annotations

from fractions import Fraction

import pytest
from conftest import CORPUS

from captions import pipeline, profiles, readers
from captions.timeline import Segment, Timeline, validate

SPEEDS = (Fraction(1), Fraction(3, 2))


def build(*texts: str, gaps: tuple[int, ...] = ()):
    segments, t = [], 0
    for i, text in enumerate(texts):
        t += gaps[i] if i < len(gaps) else 0
        duration = max(len(text), 1) * 200
        segments.append(Segment(i + 1, t, t + duration, text))
        t += duration
    return pipeline.build(validate(Timeline("test", "test", tuple(segments))), profiles.NETFLIX_KO, SPEEDS)


def kinds(result) -> set[tuple[str, int | None]]:
    return {(f.kind, f.segment) for f in result.findings}


def captions_of(result, segment: int) -> str:
    return " ".join(c.text.replace("\n", " ") for c in result.captions if c.segment == segment)


def test_llm_preamble_is_captioned_and_flagged():
    r = build("네, 알겠습니다. 요청하신 강의 대본을 작성해 드리겠습니다.", "안녕하세요, 여러분.")
    assert ("llm-preamble", 1) in kinds(r)
    assert "알겠습니다" in captions_of(r, 1)  # the TTS read it, so the caption shows it


def test_meta_talk_later_in_the_script_is_flagged():
    r = build("안녕하세요.", "구어체로 구성했습니다. 이제 시작합니다.")
    assert ("meta-talk", 2) in kinds(r)


def test_a_lecture_that_starts_with_yes_is_not_only_preamble_later():
    r = build("안녕하세요.", "네, 맞습니다. 바로 그 점이 중요합니다.")
    assert not any(k in ("llm-preamble", "meta-talk") for k, _ in kinds(r))


def test_markdown_only_segment_gets_no_caption():
    r = build("첫 문장입니다.", "---", "다음 문장입니다.")
    assert ("markup-only", 2) in kinds(r)
    assert not [c for c in r.captions if c.segment == 2]


def test_heading_marker_is_dropped_and_flagged():
    r = build("## 컨테이너 보안", "본문입니다.")
    assert ("heading", 1) in kinds(r)
    assert captions_of(r, 1) == "컨테이너 보안"


def test_stage_direction_is_captioned_and_flagged():
    r = build("(잔잔한 인트로 음악 후, 페이드 아웃)", "안녕하세요.")
    assert ("stage-direction", 1) in kinds(r)
    assert "페이드 아웃" in captions_of(r, 1)


def test_dangling_particle_is_flagged_but_a_determiner_is_not():
    r = build("은 클러스터 전체를 관리합니다.", "이 컨테이너는 가볍습니다.")
    assert ("dangling-particle", 1) in kinds(r)
    assert ("dangling-particle", 2) not in kinds(r)


def test_latin_glued_inside_a_hangul_word_is_flagged():
    r = build("위험한 권한을 가진 컨테E-A-T이너의 실행", "Docker와 K8s는 다릅니다.")
    assert ("glued-latin", 1) in kinds(r)
    assert ("glued-latin", 2) not in kinds(r)


def test_gaps_in_the_timeline_are_allowed_and_reported():
    r = build("첫 구간입니다.", "두 번째 구간입니다.", gaps=(0, 3000))
    assert ("timeline-gap", 2) in kinds(r)
    assert r.captions[-1].start_ms >= 3000 + len("첫 구간입니다.") * 200


def test_unmatched_emphasis_and_overwide_words_are_flagged():
    r = build("짝 없는 **강조 표시", "https://example.com/a/very/long/path/that/does/not/fit/on/one/line")
    assert ("markup", 1) in kinds(r)
    assert ("word-too-wide", 2) in kinds(r)


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("2025-05-02-Kandji", {("llm-preamble", 1), ("markup-only", 2), ("stage-direction", 3)}),
        ("2025-05-23-클라우드", {("markup", 2), ("stage-direction", 2), ("stage-direction", 25)}),
        ("2025-05-30-클라우드", {("dangling-particle", 12), ("glued-latin", 21)}),
    ],
)
def test_real_reports_show_their_quirks(corpus, name, expected):
    [path] = [p for p in CORPUS.glob(f"{name}*_improved*.txt")]
    r = pipeline.build(readers.read_path(path), profiles.NETFLIX_KO, SPEEDS)
    assert expected <= kinds(r)

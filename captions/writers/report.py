"""The text report: the lecture's facts, a summary, the findings, then every caption at every speed.

Labels are Korean, ``이름: 값`` like the upstream report's own header, so a producer reads both the
same way. Widths and reading speeds use the profile's weighted count (``text.width``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING

from captions import timing
from captions.caption import Caption, line_text
from captions.measures import Measure, flags
from captions.profiles import Profile
from captions.text.width import show
from captions.timeline import Timeline, speed_label
from captions.timing import clock, scale_ms

if TYPE_CHECKING:  # only for annotations
    from captions.result import Result
    from captions.sync import Synced

KIND_NAMES = {"report": "강의 보고서", "segments-json": "Remotion 구간 JSON"}

# Each rule a caption can break and each kind of finding, in Korean; the code (what JSON, the page's
# data attributes and the documentation use) stays beside it: 너무 짧음 (too-short)
NAMES = {
    "line-too-wide": "줄이 너무 넓음",
    "too-many-lines": "줄이 너무 많음",
    "too-short": "너무 짧음",
    "too-long": "너무 긺",
    "reading-speed": "읽기 속도 초과",
    "overlap": "겹침",
    "gap-too-small": "간격이 너무 좁음",
    "header-mismatch": "머리글과 다름",
    "duration-mismatch": "길이가 맞지 않음",
    "uncovered-script": "구간에 없는 대본",
    "estimated-timeline": "추정한 시간표",
    "llm-preamble": "생성 모델의 머리말",
    "meta-talk": "대본 밖의 말",
    "markup-only": "마크다운뿐인 줄",
    "markup": "마크다운",
    "stage-direction": "지문",
    "dangling-particle": "떨어진 조사",
    "glued-latin": "낱말에 낀 로마자",
    "too-fast-segment": "너무 빠른 구간",
    "word-too-wide": "한 줄보다 긴 낱말",
    "media-drift": "미디어와 길이 차이",
    "media-speed": "미디어 재생 속도",
    "sync-fallback": "쉼 없이 놓은 경계",
    "sync-uncertain": "신뢰도 낮은 경계",
    "sync-word": "첫 단어 위치 확인",
    "timeline-gap": "구간 사이 빈 시간",
}


def width_legend(profile: Profile) -> str:
    """What the widths in brackets are, as ``profile`` counts them."""
    hangul, latin = profile.char_width("가") / 2, profile.char_width("a") / 2
    each = f"한 글자 {hangul:g}" if hangul == latin else f"한글 한 글자 {hangul:g}, 로마자·숫자·공백·문장부호 {latin:g}"
    return f"[ ] 안의 수는 줄 너비: {each} (한 줄에 {profile.max_line_width / 2:g}까지)"


def named(code: str) -> str:
    """A rule or a finding in Korean, its code beside it: ``너무 짧음 (too-short)``."""
    return f"{NAMES[code]} ({code})" if code in NAMES else code


def named_flag(flag: str) -> str:
    """A broken rule at a speed (``too-short@1.5x``) in Korean: ``너무 짧음 (too-short) @1.5x``."""
    code, at, speed = flag.partition("@")
    return f"{named(code)} @{speed}" if at else named(code)


def _length(ms: int) -> str:
    return f"{ms / 1000:.1f}초 ({ms / 60000:.1f}분)"


def write(result: Result) -> str:
    """The whole report as text."""
    timeline, profile, speeds, captions = result.timeline, result.profile, result.speeds, result.captions
    measures, findings, synced = result.measures, result.findings, result.synced
    out: list[str] = ["자막 보고서", ""]
    out.extend(f"{k}: {v}" for k, v in facts(timeline, profile, speeds, captions))
    if synced:
        out += sync_summary(synced, speeds)
    out.append(f"자막 수: {len(captions)}개")
    out.append(word_summary(captions, synced is not None and synced.heard))
    out += ["", "=" * 60, "요약", "=" * 60, ""]
    out += speed_summary(speeds, measures)
    kinds = Counter(f.kind for f in findings)
    out.append("검토할 점: " + (", ".join(f"{named(k)} {v}건" for k, v in sorted(kinds.items())) or "없음"))
    out += ["", "=" * 60, "검토할 점", "=" * 60, ""]
    out.extend(
        f"- [{named(f.kind)}] " + (f"구간 {f.segment}: " if f.segment is not None else "") + f.message for f in findings
    )
    if not findings:
        out.append("없음")
    out += ["", "=" * 60, "자막별 읽기 속도", "=" * 60, "", width_legend(profile), ""]
    out += caption_blocks(captions, speeds, measures, synced is not None and synced.heard)
    return "\n".join(out)


def facts(
    timeline: Timeline, profile: Profile, speeds: Sequence[Fraction], captions: Sequence[Caption]
) -> list[tuple[str, str]]:
    """The lecture's facts as (label, value), in the report's order: the source, what its header
    states, the profile, the segments and the length at each speed (the review page shows the same)."""
    with_captions = len({c.segment for c in captions})
    end = timeline.end_ms
    return [
        ("원본", f"{timeline.source} ({KIND_NAMES.get(timeline.kind, timeline.kind)})"),
        *timeline.header.facts,
        ("프로파일", profile.describe()),
        ("구간 수", f"{len(timeline.segments)}개 (자막이 있는 구간 {with_captions}개)"),
        ("총 길이", " · ".join(f"{speed_label(s)} {_length(scale_ms(end, s))}" for s in speeds)),
    ]


def sync_summary(synced: Synced, speeds: Sequence[Fraction]) -> list[str]:
    """The media and its speed, the speech rate measured in it, the plain timeline's drift at each speed,
    the method, and every boundary: where the timeline had it, where it went (1x), and how sure."""
    drift = synced.media_ms - synced.timeline_ms
    played = speed_label(synced.speed) + ("" if synced.speed_given else " (--media-speed를 주지 않아 1x로 봄)")
    out = [
        f"미디어: {synced.media} ({synced.media_ms / float(synced.speed) / 1000:.1f}초)",
        f"미디어 재생 속도: {played}",
        f"말 빠르기: 초당 {synced.rate:.1f}음절 (1x로 초당 {synced.rate / float(synced.speed):.1f}음절)",
        f"구간 목록 길이: {synced.timeline_ms / 1000:.1f}초 · 그대로 쓰면 끝에서 어긋남: "
        + " · ".join(f"{speed_label(s)} {float(drift / s) / 1000:+.1f}초" for s in speeds),
    ]
    if not synced.moves:
        out.append(f"맞춤 방식: {synced.method}")
        return out
    fell = sum(m.fell_back for m in synced.moves)
    if synced.method == "content":
        low = sum(m.uncertain for m in synced.moves)
        out.append(
            f"맞춤 방식: content — 대본을 espeak-ng로 읽힌 소리({synced.reference_ms / 1000:.1f}초)와 미디어를 "
            f"비교(DTW)해 경계 {len(synced.moves)}개를 놓았습니다: 쉼으로 확인 {len(synced.moves) - fell}개, "
            f"신뢰도 낮음 {low}개"
        )
    else:
        out.append(
            f"맞춤 방식: {synced.method} — 쉼 {synced.pauses}곳을 찾아 경계 {len(synced.moves)}개 중 "
            f"{len(synced.moves) - fell}개를 쉼에 맞추고 {fell}개는 비례로 놓았습니다"
        )
    out.append("경계 (구간 목록 → 맞춘 곳 1x, 차이, 신뢰도):")
    for m in synced.moves:
        what = f"구간 {m.segment} 시작" if m.is_segment else f"구간 {m.segment} 문장 시작"
        how = " (쉼 없음)" if m.fell_back else ""
        moved = (m.placed_ms - m.timeline_ms) / 1000
        out.append(
            f"  {what}: {clock(m.timeline_ms)} → {clock(m.placed_ms)} ({moved:+.2f}초) 신뢰도 {m.confidence:.2f}{how}"
        )
    return out


def word_summary(captions: Sequence[Caption], heard: bool) -> str:
    """Where the words' times come from: how many were heard in the media, or that they are estimates."""
    words = [w for c in captions for w in c.words]
    if not heard:
        return (
            f"단어 시각: 단어 {len(words)}개 모두 미디어 없이 글자 무게로 나눈 추정입니다 "
            "(words 파일의 confidence 0.5; --media를 주면 실제 목소리에 맞춥니다)"
        )
    sure = sum(w.confidence >= timing.HEARD for w in words)
    off = sum(w.confidence <= timing.DISAGREED for w in words)
    return (
        f"단어 시각: 단어 {len(words)}개 중 {sure}개를 미디어에서 들은 곳에 놓았습니다; "
        f"{len(words) - sure - off}개는 들은 단어 사이에 글자 무게나 대본 낭독의 리듬으로, "
        f"{off}개는 들은 곳이 앞뒤와 맞지 않아 "
        "그 사이에 놓았습니다"
    )


def first_word(c: Caption) -> str:
    """How a caption's start relates to its first word in the media (with media): the offset from where it
    was heard, or why there is none."""
    w = c.words[0] if c.words else None
    if w is None:
        return ""
    if w.heard_ms is None:
        return "  첫 단어: 미디어에서 또렷이 찾지 못해 앞뒤 단어 사이에 놓음 (글자 무게나 대본 낭독의 리듬으로)"
    note = "" if w.confidence >= timing.HEARD else " (들린 곳이 앞뒤 단어와 맞지 않아 그 사이에 놓음)"
    return f"  첫 단어와의 차이: {c.start_ms - w.heard_ms:+d} ms{note}"


def speed_summary(speeds: Sequence[Fraction], measures: Mapping[Fraction, Sequence[Measure]]) -> list[str]:
    """One line a speed: the highest reading speed and the rule breaches by kind."""
    out = []
    for s in speeds:
        ms = measures[s]
        counts = Counter(v for m in ms for v in m.violations)
        fastest = max(ms, key=lambda m: m.cps, default=None)
        top = f"{fastest.cps:.1f}자/초 (#{fastest.index})" if fastest else "-"
        breaches = ", ".join(f"{named(k)} {v}건" for k, v in sorted(counts.items())) or "없음"
        out.append(f"{speed_label(s)}: 최고 읽기 속도 {top}, 규칙 위반 {breaches}")
    return out


def caption_blocks(
    captions: Sequence[Caption],
    speeds: Sequence[Fraction],
    measures: Mapping[Fraction, Sequence[Measure]],
    heard: bool = False,
    flagged_only: bool = False,
) -> list[str]:
    """Every caption (or, ``flagged_only``, every caption that breaks a rule): index (and segment), then
    start → end, duration and reading speed at each speed, each line with its width, the rules it breaks
    as ``rule@speed``, and with media (``heard``) its start's offset from where its first word was heard."""
    out: list[str] = []
    for i, c in enumerate(captions):
        if flagged_only and not flags(measures, speeds, i):
            continue
        out.append(f"#{i + 1}" + (f" 구간 {c.segment}" if c.segment else ""))
        for s in speeds:
            m = measures[s][i]
            out.append(
                f"  {speed_label(s):>5} {clock(m.start_ms)} → {clock(m.end_ms)}  "
                f"길이 {m.duration_ms / 1000:.2f}초  읽기 속도 {m.cps:.1f}자/초"
            )
        for line, w in zip(c.lines, measures[speeds[0]][i].line_widths, strict=True):
            out.append(f"  [{show(w):>4}] {line_text(line)}")
        if broken := flags(measures, speeds, i):
            out.append("  위반: " + ", ".join(named_flag(b) for b in broken))
        if heard and (said := first_word(c)):
            out.append(said)
        out.append("")
    return out

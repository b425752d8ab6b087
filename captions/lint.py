"""Findings about the script and its header: what a producer should fix upstream.

None of these stops captions being made; each names its segment so the report can point at it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from captions.profiles import Profile
from captions.text.markup import Rich
from captions.text.width import show, width
from captions.timeline import Finding, Timeline

_HEADING = re.compile(r"(?:^|\s)#{1,6}\s+\S")
_RULE = re.compile(r"(?:^|\s)([-*_=])\1{2,}(?=\s|$)")
_PAREN = re.compile(r"\(([^()]{2,80})\)")
_STAGE_WORDS = re.compile(
    r"음악|효과음|페이드|인트로|아웃트로|BGM|잠시|멈춤|웃음|박수|전환|화면|배경|나레이션|내레이션|톤|쉼"
)
_PREAMBLE = re.compile(
    r"^(?:네|예|물론이죠|물론입니다|알겠습니다|좋습니다)[,.!]|(?:작성|정리|변환|준비|수정|구성)해\s?드리겠습니다|요청하신"
)
_META = re.compile(r"강의\s?대본(?:입니다|을|으로)|대본(?:을|으로)\s?(?:작성|수정|변환)|아래는|다음은[^.]{0,30}대본")
_DANGLING = re.compile(r"^(?:은|는|이|가|을|를|의|에|와|과|도|로|으로|에서|에게|란|이란)(?=[\s,.])")
_GLUED = re.compile(r"[가-힣][A-Za-z][A-Za-z0-9\-]*[가-힣]")


def lint(timeline: Timeline, riches: Sequence[Rich], profile: Profile) -> list[Finding]:
    """Header cross-checks, then per-segment findings about the script, in segment order."""
    return [*header_findings(timeline), *script_findings(timeline, riches, profile)]


def header_findings(timeline: Timeline) -> list[Finding]:
    """Where the header's segment count, total length or 1.5x length disagree with the segment list."""
    header, found = timeline.header, []
    if header.segment_count is not None and header.segment_count != len(timeline.segments):
        found.append(
            Finding(
                "header-mismatch",
                f"머리말의 구간 수 {header.segment_count}개가 구간 목록의 {len(timeline.segments)}개와 다릅니다",
            )
        )
    end = timeline.end_ms
    if header.total_ms is not None and abs(header.total_ms - end) > 50:
        found.append(
            Finding(
                "header-mismatch",
                f"머리말의 총 길이 {header.total_ms / 1000:g}초가 구간 목록의 {end / 1000:g}초와 다릅니다",
            )
        )
    if header.fast_minutes is not None:
        expected = (Decimal(end) / Decimal(90_000)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        if abs(expected - header.fast_minutes) > Decimal("0.1"):
            found.append(
                Finding(
                    "header-mismatch",
                    f"머리말의 1.5배속 길이 {header.fast_minutes}분이 구간 목록으로 계산한 {expected}분과 다릅니다",
                )
            )
    return found


def script_findings(timeline: Timeline, riches: Sequence[Rich], profile: Profile) -> list[Finding]:
    """Quirks of the script in each segment (DESIGN.md lists the ones seen in real reports)."""
    found: list[Finding] = []
    for seg, rich in zip(timeline.segments, riches, strict=True):
        n, raw = seg.number, seg.text
        if raw.strip() and not rich.text:
            found.append(Finding("markup-only", f"마크다운({raw.strip()[:20]})뿐이라 자막이 없습니다", n))
            continue
        if _HEADING.search(" " + raw):
            found.append(Finding("heading", "마크다운 제목(#)이 있습니다: 기호를 빼고 자막에 넣었습니다", n))
        elif _RULE.search(raw):
            found.append(Finding("markup", "마크다운 구분선이 있습니다: 자막에서는 뺐습니다", n))
        if (n == timeline.segments[0].number and _PREAMBLE.search(rich.text)) or _META.search(rich.text):
            found.append(Finding("llm-preamble", f"대본이 아닌 LLM의 안내 문구가 남아 있습니다: {rich.text[:40]!r}", n))
        for m in _PAREN.finditer(rich.text):
            inner = m.group(1)
            if _STAGE_WORDS.search(inner) or m.group(0) == rich.text:
                found.append(Finding("stage-direction", f"지문 '{m.group(0)}'이 자막에 나옵니다", n))
        if _DANGLING.match(rich.text):
            found.append(
                Finding(
                    "dangling-particle",
                    f"조사 '{rich.text.split()[0]}'로 시작합니다: 앞의 낱말(굵은 글씨?)이 빠진 듯합니다",
                    n,
                )
            )
        for word in rich.text.split():
            if _GLUED.search(word):
                found.append(Finding("glued-latin", f"낱말 '{word}' 안에 로마자가 끼어 있습니다", n))
        for word in rich.text.split():
            if width(word) > profile.max_line_width:
                found.append(
                    Finding(
                        "word-too-wide",
                        f"'{word[:24]}…'는 폭 {show(width(word))}로 한 줄에 들어가지 않아 낱말 안에서 줄을 나눴습니다",
                        n,
                    )
                )
        if raw.count("**") % 2:
            found.append(Finding("markup", "짝이 없는 ** 가 있습니다: 자막에서는 뺐습니다", n))
    return found

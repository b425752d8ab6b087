"""Findings about the script and its header: what a producer should fix upstream.

None of these stops captions being made; each names its segment so the report can point at it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from captions.profiles import Profile
from captions.text.markup import Rich
from captions.text.width import show
from captions.timeline import Finding, Timeline

_HEADING = re.compile(r"(?:^|\s)#{1,6}\s+\S")
_RULE = re.compile(r"(?:^|\s)([-*_=])\1{2,}(?=\s|$)")
_PAREN = re.compile(r"\(([^()]{2,80})\)")
_STAGE_WORDS = re.compile(
    r"음악|효과음|페이드|인트로|아웃트로|BGM|잠시|멈춤|웃음|박수|전환|화면|배경|나레이션|내레이션|톤|쉼"
)
# the LLM answering its prompt, left in the script: "네, 알겠습니다. … 대본 전문가로서, 제공해주신 …"
_PREAMBLE = re.compile(r"^(?:네|예|알겠습니다|물론입니다|물론이죠)[,.!]")
_META = re.compile(
    r"대본\s?(?:작성\s?)?전문가로서|제공해\s?주신|요청하신|대본을\s?(?:작성|수정|확장|구성)|구어체로\s?(?:구성|작성)"
)
# "이" is left out: at the start of a line it is the determiner ("이 컨테이너"), not a stranded particle
_DANGLING = re.compile(r"^(?:은|는|가|을|를|의|에|와|과|도|로|으로|에서|에게|란|이란)(?=[\s,.])")
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
    """Quirks of the script in each segment (docs/upstream.md lists the ones seen in real reports)."""
    found: list[Finding] = []
    first = timeline.segments[0].number if timeline.segments else None
    for seg, rich in zip(timeline.segments, riches, strict=True):
        n, raw, text = seg.number, seg.text, rich.text

        def add(kind: str, message: str, n: int = n) -> None:
            found.append(Finding(kind, message, n))

        if raw.strip() and not text:
            add("markup-only", f"마크다운 '{raw.strip()[:20]}'뿐이라 자막을 만들지 않았습니다: 대본에서 지우세요")
            continue
        if _HEADING.search(" " + raw):
            add("heading", "마크다운 제목(#)이 있습니다: 기호는 빼고 제목 글은 자막에 넣었습니다")
        elif _RULE.search(raw):
            add("markup", "마크다운 구분선(---)이 있습니다: 자막에서는 뺐습니다")
        if raw.count("**") % 2:
            add("markup", "짝이 없는 ** 가 있습니다: 자막에서는 뺐습니다")
        if (n == first and _PREAMBLE.search(text)) or _META.search(text):
            add(
                "llm-preamble" if n == first else "meta-talk",
                f"LLM의 답변 문구가 대본에 남아 있어 자막에도 나옵니다: '{text[:40]}…' — 대본에서 지우세요",
            )
        for m in _PAREN.finditer(text):
            if _STAGE_WORDS.search(m.group(1)) or m.group(0) == text:
                add("stage-direction", f"지문 '{m.group(0)}'도 자막에 나옵니다 (TTS도 읽습니다): 대본에서 빼세요")
        if _DANGLING.match(text):
            add(
                "dangling-particle",
                f"조사 '{text.split()[0]}'이(가) 맨 앞에 있습니다: 앞의 낱말(굵게 쓴 용어?)이 빠진 듯합니다",
            )
        cps = profile.width(text) / 2 * 1000 / seg.duration_ms if seg.duration_ms else 0.0
        if cps > profile.max_cps:
            add(
                "too-fast-segment",
                f"{seg.duration_ms / 1000:g}초에 {profile.width(text) / 2:g}자라 1x에서도 {cps:.1f}자/초입니다 "
                f"(한도 {profile.max_cps:g}): 자막을 어떻게 나눠도 읽을 수 없습니다 — 구간 길이를 확인하세요",
            )
        for word in text.split():
            if _GLUED.search(word):
                add("glued-latin", f"낱말 '{word}' 안에 로마자가 끼어 있습니다: 대본의 오타로 보입니다")
            if profile.width(word) > profile.max_line_width:
                add(
                    "word-too-wide",
                    f"'{word[:24]}…'는 폭 {show(profile.width(word))}로 한 줄보다 넓어 낱말 안에서 줄을 나눴습니다",
                )
    return found

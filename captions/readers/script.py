"""The script section every upstream file has, and upstream's rule for timing it.

Upstream files share one layout: header lines (``key: value``), then a title between two rules of
``=`` (``강의용 대본``, ``개선된 강의용 대본``, ``5분 요약 대본``), then the script, one paragraph a line.
A lecture report adds the segment list (``readers.report``); a plain ``*_script.txt`` has none, and
its timeline can only be estimated the way upstream builds one: each non-empty line is a unit lasting
``len(line) / 5`` seconds, and consecutive units are merged into one segment, joined by one space,
while their sum stays within 5 seconds.
"""

from __future__ import annotations

import re
from decimal import Decimal

from captions.readers.base import LectureFormat, opens_json
from captions.timeline import Finding, Header, InputError, Segment, Timeline, ms_from_text

SEPARATOR = re.compile(r"={10,}\s*")
MS_PER_CHAR = 200  # upstream: a script line lasts len(line) / 5 seconds
MERGE_LIMIT_MS = 5000  # upstream merges consecutive lines while their sum stays within 5 s
_COUNT = re.compile(r"(\d+)\s*개")
_TOTAL = re.compile(r"([\d.]+)\s*초(?:\s*\(\s*([\d.]+)\s*분\s*,\s*1\.5배속 기준\s*([\d.]+)\s*분\s*\))?")

Unit = tuple[int, str]  # 1-based line number, the stripped line


def is_title(lines: list[str], i: int) -> bool:
    """Whether line ``i`` is a section title: short, and right below a rule of ``=``."""
    return i > 0 and bool(SEPARATOR.fullmatch(lines[i - 1])) and 0 < len(lines[i].strip()) <= 40


def script_title(lines: list[str], stop: int | None = None) -> int | None:
    """Index of the script section's title (one that ends with ``대본``)."""
    for i in range(len(lines) if stop is None else stop):
        if is_title(lines, i) and lines[i].strip().endswith("대본"):
            return i
    return None


SEGMENTS_TITLE = "Remotion 동기화 구간 정보"  # a report's segment list: its title, and each entry
ENTRY = re.compile(r"\[구간 (?P<n>[^\]]*)\] 시작: (?P<start>[^,]*)초, 길이: (?P<dur>.*)초")


def has_segment_list(text: str) -> bool:
    """Whether ``text`` has a report's segment list, or entries of one."""
    return SEGMENTS_TITLE in text or ENTRY.search(text) is not None


def sniff(text: str) -> bool:
    """Whether ``text`` is a script alone: a script section (a title ending in ``대본``) and no segment
    list — a report has a script section too, and is the report reader's."""
    return not opens_json(text) and not has_segment_list(text) and script_title(text.splitlines()) is not None


def header(lines: list[str]) -> Header:
    """``key: value`` facts above the first section, with the ones a report can be checked against."""
    facts: list[tuple[str, str]] = []
    count = total = fast = None
    for line in lines:
        key, sep, value = line.partition(":")
        if not sep or not key.strip() or SEPARATOR.fullmatch(line):
            continue
        key, value = key.strip(), value.strip()
        facts.append((key, value))
        if key == "Remotion 구간 수" and (m := _COUNT.fullmatch(value)):
            count = int(m.group(1))
        elif key == "예상 총 길이" and (m := _TOTAL.fullmatch(value)):
            try:
                total = ms_from_text(m.group(1))
            except ValueError:
                total = None
            fast = Decimal(m.group(3)) if m.group(3) else None
    return Header(tuple(facts), count, total, fast)


def body(lines: list[str], title: int, end: int) -> list[Unit]:
    """The non-empty script lines between the title (and its closing rule) and ``end``."""
    start = title + 1
    if start < len(lines) and SEPARATOR.fullmatch(lines[start]):
        start += 1
    if end > start and SEPARATOR.fullmatch(lines[end - 1]):
        end -= 1
    return [(i + 1, line.strip()) for i, line in enumerate(lines[start:end], start) if line.strip()]


def estimate(units: list[Unit]) -> list[Segment]:
    """Upstream's timeline for script lines: merge while the sum stays within 5 s, ``len / 5`` s a line."""
    segments: list[Segment] = []
    group: list[str] = []
    group_ms = start = 0
    for _, unit in units:
        ms = len(unit) * MS_PER_CHAR
        if group and group_ms + ms > MERGE_LIMIT_MS:
            segments.append(Segment(len(segments) + 1, start, start + group_ms, " ".join(group)))
            start += group_ms
            group, group_ms = [], 0
        group.append(unit)
        group_ms += ms
    if group:
        segments.append(Segment(len(segments) + 1, start, start + group_ms, " ".join(group)))
    return segments


def read(text: str, source: str) -> Timeline:
    """A script without a segment list, timed with upstream's rule; the report says it was estimated."""
    lines = text.splitlines()
    title = script_title(lines)
    if title is None:
        raise InputError(source, "", "no script section (a title ending in '대본' below a rule of '=')")
    units = body(lines, title, len(lines))
    if not units:
        raise InputError(source, f"line {title + 1}", "the script section is empty")
    segments = estimate(units)
    note = Finding(
        "estimated-timeline",
        f"구간 목록이 없어 upstream의 규칙(한 줄 = 글자 수 / 5초, 5초까지 이어 붙임)으로 {len(segments)}개 구간을 "
        "추정했습니다: 실제 음성과 어긋날 수 있습니다",
    )
    return Timeline(source, "script", tuple(segments), header(lines[: title - 1]), (note,))


FORMAT = LectureFormat("script", "a script", sniff, read, estimated=True)

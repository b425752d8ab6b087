"""The lecture report (``*_improved.txt``): header, full script, segment list with previews.

The segment list holds only the first 100 characters of each segment's text, so the full text is
recovered from the script body: upstream made each segment from consecutive non-empty script lines
joined by one space, each line lasting ``len(line) / 5`` seconds. Lines are taken in order until
the segment's stated duration is reached and its preview matches.
"""

from __future__ import annotations

from captions.readers import script
from captions.readers.base import LectureFormat, opens_json
from captions.readers.script import ENTRY, MS_PER_CHAR, SEGMENTS_TITLE, has_segment_list
from captions.timeline import Finding, InputError, Segment, Timeline, ms_from_text

__all__ = ["FORMAT", "SEGMENTS_TITLE", "read", "sniff"]


def sniff(text: str) -> bool:
    """Whether ``text`` is a lecture report: not JSON, and has the segment section or its entries
    (a report whose script section is missing is still one, so that the reader says what is missing)."""
    return not opens_json(text) and has_segment_list(text)


def read(text: str, source: str) -> Timeline:
    """Parse a lecture report into a timeline whose segments carry their full script text."""
    lines = text.splitlines()
    seg_title = next((i for i, line in enumerate(lines) if line.strip() == SEGMENTS_TITLE), None)
    if seg_title is None:
        raise InputError(source, "", f"no segment list: the section '{SEGMENTS_TITLE}' is missing")
    title = script.script_title(lines, seg_title)
    if title is None:
        raise InputError(source, "", "no script: the section '개선된 강의용 대본' is missing")
    units = script.body(lines, title, seg_title)
    list_start = seg_title + 1
    if list_start < len(lines) and script.SEPARATOR.fullmatch(lines[list_start]):
        list_start += 1
    entries = _entries(lines, list_start, source)
    if not entries:
        raise InputError(source, f"line {list_start + 1}", "the segment list has no entries")
    segments, findings = _assign(entries, units, source)
    return Timeline(source, "report", tuple(segments), script.header(lines[: max(title - 1, 0)]), tuple(findings))


_Entry = tuple[int, int, int, int, str]  # line number, segment number, start, duration, preview


def _entries(lines: list[str], start: int, source: str) -> list[_Entry]:
    entries: list[_Entry] = []
    i = start
    while i < len(lines):
        line = lines[i].strip()
        if not line:
            i += 1
            continue
        where = f"line {i + 1}"
        m = ENTRY.fullmatch(line)
        if m is None:
            cut = " (the report looks cut off)" if i == len(lines) - 1 else ""
            raise InputError(source, where, f"expected '[구간 N] 시작: S초, 길이: D초', found {line[:40]!r}{cut}")
        try:
            number = int(m.group("n"))
        except ValueError:
            raise InputError(source, where, f"segment number {m.group('n')!r} is not a whole number") from None
        try:
            start_ms, dur_ms = ms_from_text(m.group("start").strip()), ms_from_text(m.group("dur").strip())
        except ValueError as e:
            raise InputError(source, where, f"구간 {number}: {e}") from None
        preview: list[str] = []
        j = i + 1
        while j < len(lines) and lines[j].strip() and not lines[j].lstrip().startswith("[구간 "):
            preview.append(lines[j].strip())
            j += 1
        if not preview:
            raise InputError(source, where, f"구간 {number} has no text preview (report cut off?)")
        entries.append((i + 1, number, start_ms, dur_ms, " ".join(preview)))
        i = j
    return entries


def _matches(joined: str, preview: str) -> bool:
    """Whether ``preview`` is what upstream would print for a segment whose text is ``joined``."""
    if joined == preview:
        return True
    if not preview.endswith("..."):
        return False
    core = preview[:-3].rstrip()
    return joined == core or (joined.startswith(core) and len(joined) > len(core))


def _assign(entries: list[_Entry], units: list[tuple[int, str]], source: str) -> tuple[list[Segment], list[Finding]]:
    segments: list[Segment] = []
    findings: list[Finding] = []
    p = 0
    for line_no, number, start_ms, dur_ms, preview in entries:
        best: tuple[int, int] | None = None  # (|duration difference|, q)
        acc = 0
        for q in range(p + 1, len(units) + 1):
            acc += len(units[q - 1][1]) * MS_PER_CHAR
            joined = " ".join(u for _, u in units[p:q])
            if _matches(joined, preview):
                diff = abs(acc - dur_ms)
                if best is None or diff < best[0]:
                    best = (diff, q)
                if diff == 0:
                    break
            elif best is not None or len(joined) > len(preview) + 1:
                break
        if best is None:
            raise InputError(
                source,
                f"line {line_no}",
                f"구간 {number}: its preview matches no script text at this point ({preview[:30]!r}...)",
            )
        diff, q = best
        text = " ".join(u for _, u in units[p:q])
        if diff:
            findings.append(
                Finding(
                    "duration-mismatch",
                    f"길이 {dur_ms / 1000:g}초가 대본 글자 수로 계산한 "
                    f"{(dur_ms + diff if acc > dur_ms else dur_ms - diff) / 1000:g}초와 다릅니다",
                    number,
                )
            )
        segments.append(Segment(number, start_ms, start_ms + dur_ms, text))
        p = q
    if p < len(units):
        findings.append(
            Finding(
                "uncovered-script",
                f"대본의 마지막 {len(units) - p}줄(줄 {units[p][0]}부터)은 어느 구간에도 없어 자막이 없습니다",
            )
        )
    return segments, findings


FORMAT = LectureFormat("report", "a lecture report", sniff, read)

"""Markdown left in a lecture script, turned into caption text plus emphasis spans.

Upstream's LLM writes a little markdown into the script and the TTS reads past it; a caption
must show what is said. ``**x**`` becomes emphasis, backticks vanish (the code span's text
stays), a lone heading marker (``#``, ``##``) or a horizontal rule (``---``) is dropped, and
whitespace collapses to single spaces. Text is NFC-normalised first so that a script saved
with decomposed Hangul (macOS) counts, breaks and compares like any other.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_RULE_OR_HEADING = re.compile(r"(?:^|(?<=\s))(?:#{1,6}|([-*_=])\1{2,})(?=\s|$)")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Rich:
    """Plain caption text and the half-open character ranges of it that are emphasised."""

    text: str
    bold: tuple[tuple[int, int], ...] = ()

    def is_bold(self, i: int) -> bool:
        """Whether character ``i`` of ``text`` lies inside an emphasis span (the spans are in order and
        apart, so the one that could hold it is found by bisection, not by a scan)."""
        k = bisect.bisect_right(self.bold, (i, len(self.text) + 1)) - 1
        return k >= 0 and self.bold[k][0] <= i < self.bold[k][1]


def parse(raw: str) -> Rich:
    """Turn one segment's raw script text into plain text with emphasis spans.

    Unmatched ``**`` markers are dropped rather than shown: the reader never sees markup.

    >>> parse("첫째, **이미지**는 `etcd`와   노드")
    Rich(text='첫째, 이미지는 etcd와 노드', bold=((4, 7),))
    >>> parse("## 제목입니다").text, parse("---").text, parse("짝 없는 ** 별").text
    ('제목입니다', '', '짝 없는 별')
    """
    raw = unicodedata.normalize("NFC", raw)
    raw = _RULE_OR_HEADING.sub(" ", raw)
    flags = [False] * len(raw)
    markers = [False] * len(raw)
    for m in _BOLD.finditer(raw):
        a, b = m.span(1)
        for i in range(a, b):
            flags[i] = True
        markers[m.start()] = markers[m.start() + 1] = True
        markers[b] = markers[b + 1] = True
    for m in re.finditer(r"\*\*", raw):
        if not markers[m.start()]:
            markers[m.start()] = markers[m.start() + 1] = True
    chars: list[str] = []
    bold: list[bool] = []
    for i, ch in enumerate(raw):
        if markers[i] or ch == "`":
            continue
        if ch.isspace():
            if chars and chars[-1] != " ":
                chars.append(" ")
                bold.append(flags[i])
            continue
        chars.append(ch)
        bold.append(flags[i])
    while chars and chars[-1] == " ":
        chars.pop()
        bold.pop()
    text = "".join(chars)
    return Rich(text, _spans(text, bold))


def _spans(text: str, bold: list[bool]) -> tuple[tuple[int, int], ...]:
    """Runs of emphasised characters; spaces at a run's edge are not emphasised."""
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        if bold[i] and text[i] != " ":
            j = i
            while j < n and (bold[j] or text[j] == " ") and not (text[j] == " " and not (j + 1 < n and bold[j + 1])):
                j += 1
            spans.append((i, j))
            i = j
        else:
            i += 1
    return tuple(spans)


def plain(raw: str) -> str:
    """The caption text of a raw script fragment, without emphasis."""
    return parse(raw).text


def normalise_space(text: str) -> str:
    """Collapse every run of whitespace to one space and trim the ends.

    >>> normalise_space("  보안\\t 그룹\\n ")
    '보안 그룹'
    """
    return _SPACE.sub(" ", text).strip()

"""The properties every output must hold, as plain functions shared by property and corpus tests."""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from html.parser import HTMLParser

from captions import timing
from captions.caption import Caption, line_text
from captions.formats import FORMATS, Format, Options
from captions.pipeline import Result, render
from captions.text.markup import parse
from captions.timeline import speed_label
from captions.timing import scale_ms


def nonspace(text: str) -> str:
    return "".join(text.split())


def check_text_kept(result: Result) -> None:
    """Every character of the script (markup aside) appears exactly once, in order, in its segment."""
    for seg in result.timeline.segments:
        mine = [c for c in result.captions if c.segment == seg.number]
        spoken = parse(seg.text).text
        assert nonspace("".join(c.text for c in mine)) == nonspace(spoken), seg.number
        joined = " ".join(line_text(line) for c in mine for line in c.lines)
        if all(result.profile.width(w) <= result.profile.max_line_width for w in spoken.split()):
            # breaks only at spaces: the lines, joined by single spaces, are the text itself
            assert joined == spoken, seg.number


def check_layout(result: Result) -> None:
    for c in result.captions:
        assert 1 <= len(c.lines) <= result.profile.max_lines, c
        for line in c.lines:
            text = line_text(line)
            assert text and text == text.strip(), c
            assert result.profile.width(text) <= result.profile.max_line_width, c


def check_times(result: Result, captions: Sequence[Caption], speed: Fraction) -> None:
    """Inside its segment (at this speed), in order, no overlap; the segment is tiled from start to end —
    except, with media, where the voice pauses: a caption held after the voice stops (``timing.held``) is
    followed by a gap longer than the chaining gap, and where it ends the media has a pause."""
    segments = {s.number: s for s in result.timeline.segments}
    previous_end = 0
    for c in captions:
        seg = segments[c.segment]
        assert scale_ms(seg.start_ms, speed) <= c.start_ms <= c.end_ms <= scale_ms(seg.end_ms, speed), c
        assert c.start_ms >= previous_end, c
        previous_end = c.end_ms
    for seg in result.timeline.segments:
        mine = [c for c in captions if c.segment == seg.number]
        if mine:
            assert mine[0].start_ms == scale_ms(seg.start_ms, speed)
            ends = [*(b.start_ms for b in mine[1:]), scale_ms(seg.end_ms, speed)]
            for c, following in zip(mine, ends, strict=True):
                if c.end_ms == following:
                    continue  # captions of a segment touch, and the last one ends with it
                assert result.synced is not None and result.synced.silences, c
                assert following - c.end_ms >= timing.CHAIN_MS * max(result.speeds) / speed - 1, (c, following)
                end, until = c.end_ms * speed, following * speed - timing.VOICE_TOLERANCE_MS - 2  # at 1x
                assert any(a < end and b >= until for a, b in result.synced.silences), (c, following)


def check_words(captions: Sequence[Caption]) -> None:
    """Each caption says its own words: their text, spaced as they are, is the caption's lines joined by
    spaces; they tile the caption in order (the first starts with it, each ends where the next starts,
    the last ends with it); and the words file holds them all, with these times, one page per caption."""
    for c in captions:
        assert c.words, c
        said = "".join((" " if w.spaced and k else "") + w.text for k, w in enumerate(c.words))
        assert said == " ".join(line_text(line) for line in c.lines) or nonspace(said) == nonspace(c.text), c
        assert c.words[0].start_ms == c.start_ms and c.words[-1].end_ms == c.end_ms, c
        for a, b in itertools.pairwise(c.words):
            assert a.start_ms <= a.end_ms == b.start_ms <= b.end_ms, c
        assert all(0 < w.confidence <= 1 for w in c.words), c
    tokens = json.loads(FORMATS["words"].write(captions, Options()))
    assert [(t["startMs"], t["endMs"]) for t in tokens] == [(w.start_ms, w.end_ms) for c in captions for w in c.words]
    assert sum(bool(t.get("pageBreakAfter")) for t in tokens) == len(captions)
    assert nonspace("".join(t["text"] for t in tokens)) == nonspace("".join(c.text for c in captions))


def check_speed(result: Result, speed: Fraction) -> None:
    """The captions at ``speed`` are the 1x captions with times divided by it (±1 ms), same text."""
    fast = result.at(speed)
    assert len(fast) == len(result.captions)
    for a, b in zip(result.captions, fast, strict=True):
        assert a.lines == b.lines
        assert abs(b.start_ms - a.start_ms / speed) <= 1 and abs(b.end_ms - a.end_ms / speed) <= 1


def check_writers(captions: Sequence[Caption], formats: Iterable[Format] | None = None) -> None:
    """Every format (by default every registered one), with and without emphasis: what it writes is
    claimed by its own ``sniff`` and no other's, and reads back to the same cues — times within the
    format's precision, every character of the text."""
    texts = [c.text for c in captions]
    for fmt in FORMATS.values() if formats is None else formats:
        for options in (Options(), Options(bold=True, title="<강의> & 'ü'")):
            written = fmt.write(captions, options)
            assert isinstance(written, str) and (written or not captions), fmt.name
            if fmt.read is None or not captions:
                continue
            claims = [other.name for other in FORMATS.values() if other.read and other.sniff(written)]
            assert claims == [fmt.name], (fmt.name, claims)
            read = fmt.read(written, options).captions
            assert len(read) == len(captions), fmt.name
            slack = fmt.precision_ms // 2
            for got, want in zip(read, captions, strict=True):
                assert abs(got.start_ms - want.start_ms) <= slack and abs(got.end_ms - want.end_ms) <= slack, fmt.name
            assert [c.text for c in read] == texts, fmt.name


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: list[str] = field(default_factory=list)  # every piece of text inside it, descendants' included


class Page(HTMLParser):
    """The review page as a browser's parser sees it: every element with its attributes and text, and
    the text of each ``<script>``. Tags are checked to balance (void elements aside)."""

    VOID = frozenset({"meta", "link", "br", "img", "input", "track", "source", "hr", "wbr", "col", "area"})

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.open: list[Element] = []
        self.scripts: list[str] = []
        self.feed(html)
        self.close()
        assert not self.open, [e.tag for e in self.open]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.elements.append(element)
        if tag not in self.VOID:
            self.open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(Element(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1].tag == tag, (tag, [e.tag for e in self.open])
        element = self.open.pop()
        if tag == "script":
            self.scripts.append("".join(element.text))

    def handle_data(self, data: str) -> None:
        for element in self.open:
            element.text.append(data)

    def having(self, attribute: str) -> list[Element]:
        return [e for e in self.elements if attribute in e.attrs]


def check_review(result: Result, html: str | None = None) -> Page:
    """The review page holds every caption once, in order, with its text and the rules it breaks; a
    chart of each kind for every speed, with a marker for each caption that breaks a rule there; every
    in-page link lands on an element; and nothing in it points outside the page."""
    page = Page(html if html is not None else render(result, "lecture", ["vtt"])["lecture.review.html"])
    items = page.having("data-caption")
    assert [e.attrs["data-caption"] for e in items] == [str(i) for i in range(1, len(result.captions) + 1)]
    for i, (item, caption) in enumerate(zip(items, result.captions, strict=True)):
        assert item.attrs["data-segment"] == str(caption.segment)
        shown = "".join(item.text)
        assert all(line_text(line) in shown for line in caption.lines), (shown, caption)
        broken = [f"{v}@{speed_label(s)}" for s in result.speeds for v in result.measures[s][i].violations]
        assert item.attrs.get("data-violations", "").split() == broken
        assert ("flagged" in item.attrs["class"].split()) == bool(broken)
    charts = {(e.attrs["data-chart"], e.attrs["data-speed"]) for e in page.having("data-chart")}
    assert charts == {(k, speed_label(s)) for k in ("cps", "duration") for s in result.speeds}
    markers = [int(e.attrs["data-caption-ref"]) for e in page.having("data-caption-ref")]
    expected = [m.index for _ in ("cps", "duration") for s in result.speeds for m in result.measures[s] if m.violations]
    assert markers == expected
    ids = {e.attrs["id"] for e in page.having("id")}
    for e in page.having("href"):
        href = e.attrs["href"]
        if href.startswith("#"):
            assert href[1:] in ids, href
        else:  # only the media is not in the page, and it is named relative to it
            assert e.tag in ("video", "audio") and not re.match(r"^[a-z][a-z0-9+.-]*:|^//", href), href
    for e in page.elements:
        for name in ("src", "srcset", "data", "poster", "action"):
            if name in e.attrs:
                assert e.tag in ("video", "audio") and not re.match(r"^[a-z][a-z0-9+.-]*:|^//", e.attrs[name])
    return page


def check_named(result: Result) -> None:
    """Every rule broken and every finding has a Korean name, and the report says it by that name with
    its code beside it (``너무 짧음 (too-short) @1.5x``), never the bare code."""
    from captions.measures import flags
    from captions.writers import report

    assert {f.kind for f in result.findings} <= report.NAMES.keys()
    text = report.write(result)
    for f in result.findings:
        assert f"[{report.named(f.kind)}]" in text
    for i in range(len(result.captions)):
        for flag in flags(result.measures, result.speeds, i):
            assert flag.split("@")[0] in report.NAMES and report.named_flag(flag) in text
    assert report.width_legend(result.profile) in text
    from html import unescape

    from captions.writers import review

    page = unescape(review.write(result, title="t"))
    for f in result.findings:
        assert report.named(f.kind) in page
    for i in range(len(result.captions)):
        for flag in flags(result.measures, result.speeds, i):
            assert report.named_flag(flag) in page


def check_all(result: Result) -> None:
    check_named(result)
    check_text_kept(result)
    check_layout(result)
    for speed in result.speeds:
        captions = result.at(speed)
        check_times(result, captions, speed)
        check_speed(result, speed)
        check_words(captions)
        check_writers(captions)
    check_review(result)

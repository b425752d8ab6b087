"""The review page: the text report's figures as one self-contained HTML file a producer looks at.

It opens by double-click, offline: no network, no CDN, no font files (system fonts, Hangul ones named
first), and a Content-Security-Policy that lets nothing outside the page load but the lecture's own
media. At the top the lecture's facts and the findings, each linking to its segment; then, for every
speed, the reading speed of each caption over the lecture's time with the profile's limit drawn, and
each caption's duration against the profile's bounds, rule breaches marked; then every caption
(``data-caption="N"``, 1-based as in the report; ``data-violations="too-short@1.5x …"`` when it breaks
a rule). Labels are Korean, like the report's.

The charts are SVG drawn here, so the page needs no script to show them. With media, a small script
plays it: the WebVTT track at the media's speed (the same text the ``vtt`` format writes, handed to
the browser as a blob, since a ``file://`` page may not load a track file beside it), a click on a
caption seeks there, and the caption being spoken is highlighted while it plays.
"""

from __future__ import annotations

import json
import math
import os
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from captions.caption import Caption, Line
from captions.formats import FORMATS, Options
from captions.formats.base import word_pieces
from captions.measures import Measure, flags
from captions.profiles import Profile
from captions.text.width import show
from captions.timeline import Finding, Timeline, speed_label
from captions.timing import clock, scale, scale_ms
from captions.writers.report import facts, named, named_flag, speed_summary, sync_summary, width_legend

if TYPE_CHECKING:  # only for annotations
    from captions.result import Result

FONTS = (
    'system-ui, -apple-system, "Segoe UI", "Apple SD Gothic Neo", "Malgun Gothic", "맑은 고딕", '
    '"Noto Sans KR", "Noto Sans CJK KR", "Nanum Gothic", sans-serif'
)
# Nothing loads from outside the page: its own inline style and script, and the lecture's media (which
# the user's browser reads by relative path) with its track, which the script hands over as a blob.
POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; "
    "media-src 'self' file: blob:; base-uri 'none'; form-action 'none'"
)
OPEN_FINDINGS = 8  # more findings than this start folded
CHART_W, CHART_H = 960, 200
LEFT, RIGHT, TOP, BOTTOM = 56, 12, 10, 26  # the plot's margins inside the chart, in SVG units


def media_href(media: Path, out_dir: Path) -> str:
    """The media as a URL relative to the folder the page is written in, so the page and the media can
    move together (a folder copied elsewhere, a zip)."""
    relative = os.path.relpath(media.resolve(), out_dir.resolve())
    return quote(Path(relative).as_posix())


def write(result: Result, *, title: str, media: tuple[str, Fraction] | None = None) -> str:
    """The whole page. ``media`` is (href, the speed it plays the lecture at): the player gets the
    captions at that speed as WebVTT, written by the ``vtt`` format; the report's lines about fitting to
    the media come from ``result.synced``."""
    timeline, profile, speeds, captions = result.timeline, result.profile, result.speeds, result.captions
    measures, findings = result.measures, result.findings
    summary = sync_summary(result.synced, speeds) if result.synced else []
    violations = [flags(measures, speeds, i) for i in range(len(captions))]
    flagged = sum(bool(v) for v in violations)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="ko">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>자막 검토: {escape(title)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        '<body class="playable">' if media is not None else "<body>",
        f"<header><h1>자막 검토 <span class='stem'>{escape(title)}</span></h1></header>",
    ]
    if media is not None:
        parts.append(_player(media, title))
    parts.append("<main>")
    parts.append(_facts(timeline, profile, speeds, captions, summary))
    parts.append(_summary(speeds, measures, findings, flagged))
    parts.append(_charts(profile, speeds, measures))
    parts.append(_caption_list(timeline, speeds, captions, measures, violations, flagged, media is not None, profile))
    parts.append("</main>")
    if media is not None:
        at = scale(captions, media[1])
        vtt = FORMATS["vtt"].write(at, Options(title=title))
        data = {
            "vtt": vtt,
            "starts": [c.start_ms for c in at],
            "ends": [c.end_ms for c in at],
            "words": [[w.start_ms for w in c.words] for c in at],
        }
        parts.append(f'<script type="application/json" id="review-data">{_json(data)}</script>')
        parts.append(f"<script>{_SCRIPT}</script>")
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def _json(data: object) -> str:
    """JSON safe inside a ``<script>`` element: no ``<`` can end it early."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


VIDEO_SUFFIXES = (".mp4", ".m4v", ".mov", ".mkv", ".webm")  # the rest (.wav, .mp3, …) play in an <audio>


def _player(media: tuple[str, Fraction], title: str) -> str:
    """A video shows the track over the picture; audio gets a bare player (a video element with no
    picture would be an empty black box), and the list below shows the caption being spoken."""
    href, speed = media
    label = f"한국어 ({speed_label(speed)})"
    element = "video" if Path(href).suffix.lower() in VIDEO_SUFFIXES else "audio"
    return (
        '<section class="player" id="player" aria-label="미디어">'
        f'<{element} id="media" controls preload="metadata" src="{escape(href)}" title="{escape(title)}">'
        f'<track id="track" kind="subtitles" srclang="ko" label="{escape(label)}" default>'
        f"</{element}>"
        f'<p class="media-note">미디어: <code>{escape(href)}</code> · 자막 {speed_label(speed)} · '
        "자막을 누르면 그곳부터 재생합니다 · "
        '<label><input type="checkbox" id="follow" checked> 말하는 자막 따라가기</label></p>'
        "</section>"
    )


def _facts(
    timeline: Timeline,
    profile: Profile,
    speeds: Sequence[Fraction],
    captions: Sequence[Caption],
    summary: Sequence[str],
) -> str:
    rows = [*facts(timeline, profile, speeds, captions), ("자막 수", f"{len(captions)}개")]
    out = ['<section class="facts" aria-labelledby="facts-h"><h2 id="facts-h">강의 정보</h2><dl>']
    out += [f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in rows]
    out.append("</dl>")
    if summary:
        out.append("<details><summary>미디어에 맞춘 시간</summary><pre>")
        out.append(escape("\n".join(summary)))
        out.append("</pre></details>")
    out.append("</section>")
    return "".join(out)


def _summary(
    speeds: Sequence[Fraction],
    measures: Mapping[Fraction, Sequence[Measure]],
    findings: Sequence[Finding],
    flagged: int,
) -> str:
    out = ['<section class="summary" aria-labelledby="summary-h"><h2 id="summary-h">요약</h2><ul>']
    out += [f"<li>{escape(line)}</li>" for line in speed_summary(speeds, measures)]
    out.append(f"<li>규칙을 어긴 자막: {flagged}개</li></ul>")
    out.append(f'<h2 id="findings-h">검토할 점 <span class="count">{len(findings)}건</span></h2>')
    if findings:
        # a list of a few is open; a long one (an old sidecar flags every segment) folds, its kinds counted
        kinds = Counter(f.kind for f in findings)
        counted = ", ".join(f"{escape(named(k))} {v}건" for k, v in sorted(kinds.items()))
        out.append(f'<details class="findings"{" open" if len(findings) <= OPEN_FINDINGS else ""}>')
        out.append(f"<summary>{counted}</summary><ul>")
        for f in findings:
            where = f'<a href="#segment-{f.segment}">구간 {f.segment}</a>: ' if f.segment is not None else ""
            out.append(
                f'<li data-finding="{escape(f.kind)}"><span class="kind">{escape(named(f.kind))}</span> '
                f"{where}{escape(f.message)}</li>"
            )
        out.append("</ul></details>")
    else:
        out.append("<p>없음</p>")
    out.append("</section>")
    return "".join(out)


def _charts(profile: Profile, speeds: Sequence[Fraction], measures: Mapping[Fraction, Sequence[Measure]]) -> str:
    """Reading speed at every speed, then duration at every speed: the same view one above the other,
    so the faster speed's rise reads at a glance. A marker is any rule the caption breaks at that speed."""
    out = ['<section class="charts" aria-labelledby="charts-h"><h2 id="charts-h">한눈에 보기</h2>']
    out.append(
        '<p class="legend"><span class="key ok"></span> 자막 <span class="key bad"></span> 규칙 위반 '
        '<span class="key limit"></span> 프로파일 한도 · 점을 누르면 그 자막으로 갑니다</p>'
    )
    bounds = [
        (profile.min_duration_ms / 1000, f"최소 {profile.min_duration_ms / 1000:.3g}초"),
        (profile.max_duration_ms / 1000, f"최대 {profile.max_duration_ms / 1000:g}초"),
    ]
    views: list[tuple[str, str, str, list[tuple[float, str]], Callable[[Measure], float]]] = [
        ("cps", "읽기 속도", "자/초", [(profile.max_cps, f"한도 {profile.max_cps:g}자/초")], _cps),
        ("duration", "자막 길이", "초", bounds, _seconds),
    ]
    for kind, name, unit, limits, value in views:
        for s in speeds:
            label = speed_label(s)
            at = measures[s]
            marked = [bool(m.violations) for m in at]
            out.append(f"<h3>{name} · {label}</h3>")
            out.append(_chart(kind, label, at, [value(m) for m in at], marked, limits, unit))
    out.append("</section>")
    return "".join(out)


def _cps(m: Measure) -> float:
    return m.cps


def _seconds(m: Measure) -> float:
    return m.duration_ms / 1000


def _chart(
    kind: str,
    label: str,
    measured: Sequence[Measure],
    values: Sequence[float],
    marked: Sequence[bool],
    limits: Sequence[tuple[float, str]],
    unit: str,
) -> str:
    """One SVG chart: a step for each caption over its time on screen, the profile's limits as dashed
    lines, and a marker linking to each caption that breaks a rule at this speed. The captions are one
    path, so a lecture of thousands of captions stays a light page."""
    end = max((m.end_ms for m in measured), default=0) or 1
    finite = [v for v in values if math.isfinite(v)]
    top = _nice(max([*finite, *(v for v, _ in limits), 1.0]) * 1.1)
    plot_w, plot_h = CHART_W - LEFT - RIGHT, CHART_H - TOP - BOTTOM

    def x(ms: int) -> float:
        return LEFT + plot_w * ms / end

    def y(v: float) -> float:
        return TOP + plot_h * (1 - min(v, top) / top) if math.isfinite(v) else TOP

    out = [
        f'<svg class="chart" data-chart="{kind}" data-speed="{label}" viewBox="0 0 {CHART_W} {CHART_H}" '
        f'role="img" aria-label="{escape(label)} {"읽기 속도" if kind == "cps" else "자막 길이"}">'
    ]
    for tick in _ticks(top):
        ty = y(tick)
        out.append(
            f'<line class="grid" x1="{LEFT}" x2="{CHART_W - RIGHT}" y1="{ty:.1f}" y2="{ty:.1f}"/>'
            f'<text class="axis" x="{LEFT - 6}" y="{ty + 4:.1f}" text-anchor="end">{tick:g}{unit}</text>'
        )
    for ms in _time_ticks(end):
        tx = x(ms)
        anchor = "end" if tx > CHART_W - RIGHT - 20 else "middle"  # the last label stays inside the chart
        out.append(
            f'<line class="grid" x1="{tx:.1f}" x2="{tx:.1f}" y1="{TOP}" y2="{TOP + plot_h}"/>'
            f'<text class="axis" x="{tx:.1f}" y="{CHART_H - 8}" text-anchor="{anchor}">{_minutes(ms)}</text>'
        )
    pairs = zip(measured, values, strict=True)
    steps = " ".join(f"M{x(m.start_ms):.1f} {y(v):.1f}H{x(m.end_ms):.1f}" for m, v in pairs)
    out.append(f'<path class="captions" d="{steps}"/>')
    for value, text in limits:
        ly = y(value)
        out.append(
            f'<line class="limit" x1="{LEFT}" x2="{CHART_W - RIGHT}" y1="{ly:.1f}" y2="{ly:.1f}"/>'
            f'<text class="limit-label" x="{CHART_W - RIGHT - 4}" y="{ly - 4:.1f}" text-anchor="end">'
            f"{escape(text)}</text>"
        )
    for m, v, bad in zip(measured, values, marked, strict=True):
        if not bad:
            continue
        mid = x((m.start_ms + m.end_ms) // 2)
        shown = f"{v:.1f}{unit}" if math.isfinite(v) else "∞"
        out.append(
            f'<a href="#caption-{m.index}" class="breach" data-caption-ref="{m.index}">'
            f'<circle cx="{mid:.1f}" cy="{y(v):.1f}" r="5"/>'
            f"<title>#{m.index} {clock(m.start_ms)} {shown} {escape(' '.join(m.violations))}</title></a>"
        )
    out.append("</svg>")
    return "".join(out)


def _nice(value: float) -> float:
    """The round number at or above ``value`` an axis ends at: 1, 2, 2.5 or 5 times a power of ten."""
    if value <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    return next(float(k * power) for k in (1, 2, 2.5, 5, 10) if k * power >= value)


def _ticks(top: float) -> list[float]:
    """Four or five round values from 0 to ``top`` for the value axis."""
    step = _nice(top / 5)
    return [round(k * step, 6) for k in range(int(top / step + 1e-9) + 1)]


def _time_ticks(end_ms: int) -> list[int]:
    """Ticks on the time axis at a round number of seconds or minutes, about eight of them."""
    for step in (10_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_800_000, 3_600_000):
        if end_ms / step <= 10:
            return list(range(0, end_ms + 1, step))
    return list(range(0, end_ms + 1, 7_200_000))


def _minutes(ms: int) -> str:
    minutes, seconds = divmod(ms // 1000, 60)
    return f"{minutes}:{seconds:02d}"


def _caption_list(
    timeline: Timeline,
    speeds: Sequence[Fraction],
    captions: Sequence[Caption],
    measures: Mapping[Fraction, Sequence[Measure]],
    violations: Sequence[Sequence[str]],
    flagged: int,
    playable: bool = False,
    profile: Profile | None = None,
) -> str:
    out = [
        '<section class="captions" aria-labelledby="captions-h">',
        f'<h2 id="captions-h">자막 <span class="count">{len(captions)}개</span></h2>',
        f'<p><label><input type="checkbox" id="only-flagged"> 규칙을 어긴 자막만 보기 ({flagged}개)</label></p>',
        *([f'<p class="legend">{escape(width_legend(profile))}</p>'] if profile else []),
    ]
    by_segment: dict[int, list[int]] = {}
    for i, c in enumerate(captions):
        by_segment.setdefault(c.segment, []).append(i)
    for seg in timeline.segments:
        at = " · ".join(
            f"{speed_label(s)} {clock(scale_ms(seg.start_ms, s))}–{clock(scale_ms(seg.end_ms, s))}" for s in speeds
        )
        indices = by_segment.get(seg.number, [])
        out.append(
            f'<section class="segment" id="segment-{seg.number}" data-segment="{seg.number}">'
            f'<h3>구간 {seg.number} <span class="span">{at}</span></h3>'
        )
        if not indices:
            out.append('<p class="empty">자막 없음</p>')
        out += [_caption(i, captions[i], speeds, measures, violations[i], playable) for i in indices]
        out.append("</section>")
    out.append("</section>")
    return "".join(out)


def _caption(
    i: int,
    caption: Caption,
    speeds: Sequence[Fraction],
    measures: Mapping[Fraction, Sequence[Measure]],
    broken: Sequence[str],
    playable: bool = False,
) -> str:
    n = i + 1
    attrs = f'class="caption{" flagged" if broken else ""}" id="caption-{n}" data-caption="{n}"'
    attrs += f' data-segment="{caption.segment}"'
    if broken:
        attrs += f' data-violations="{escape(" ".join(broken))}"'
    rows = []
    for s in speeds:
        m = measures[s][i]
        bad = " ".join(m.violations)
        rows.append(
            f"<tr{' class=bad' if bad else ''}><th>{speed_label(s)}</th>"
            f"<td>{clock(m.start_ms)} → {clock(m.end_ms)}</td><td>{m.duration_ms / 1000:.2f}초</td>"
            f"<td>{m.cps:.1f}자/초</td></tr>"
        )
    widths = measures[speeds[0]][i].line_widths
    texts = (_word_lines(caption) if playable else None) or [_line(line) for line in caption.lines]
    lines = "".join(
        f'<div class="line"><span class="width">{show(w)}</span><span class="text">{text}</span></div>'
        for text, w in zip(texts, widths, strict=True)
    )
    flag = f'<p class="violations">위반: {escape(", ".join(named_flag(b) for b in broken))}</p>' if broken else ""
    return (
        f"<article {attrs}><div class='head'><span class='n'>#{n}</span></div>"
        f"<div class='lines'>{lines}</div><table class='times'>{''.join(rows)}</table>{flag}</article>"
    )


def _line(line: Line) -> str:
    return "".join(f"<b>{escape(r.text)}</b>" if r.bold else escape(r.text) for r in line)


def _word_lines(caption: Caption) -> list[str] | None:
    """The caption's lines with each word in a ``<span class="w" data-w="k">`` (``k``: its index in
    ``caption.words``), for the player to light up the word being said; None without words."""
    lines = word_pieces(caption)
    if lines is None:
        return None
    out = []
    k = -1
    for pieces in lines:
        text = ""
        for piece, bold, begins in pieces:
            k = begins if begins is not None else k
            shown = f"<b>{escape(piece)}</b>" if bold else escape(piece)
            text += shown if piece.isspace() else f'<span class="w" data-w="{k}">{shown}</span>'
        out.append(text)
    return out


_STYLE = f"""
:root {{ color-scheme: light; --ink: #1d1f23; --muted: #5d6470; --line: #d9dde3; --bad: #c62828;
  --bad-bg: #fdecea; --ok: #1565c0; --now: #fff3c4; }}
* {{ box-sizing: border-box; }}
body {{ margin: 0; font-family: {FONTS}; color: var(--ink); background: #f6f7f9; line-height: 1.5;
  word-break: keep-all; overflow-wrap: anywhere; }}
header {{ background: #fff; border-bottom: 1px solid var(--line); padding: 12px 24px; }}
h1 {{ font-size: 1.3rem; margin: 0; }} h1 .stem {{ color: var(--muted); font-weight: 400; margin-left: .5em; }}
main {{ max-width: 1040px; margin: 0 auto; padding: 8px 24px 48px; }}
h2 {{ font-size: 1.1rem; margin: 24px 0 8px; }} h3 {{ font-size: .95rem; margin: 16px 0 4px; }}
.count, .span {{ color: var(--muted); font-weight: 400; font-size: .9em; margin-left: .4em; }}
dl {{ display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }}
dt {{ color: var(--muted); }} dd {{ margin: 0; }}
pre {{ white-space: pre-wrap; font-size: .85rem; }}
.findings li {{ margin: 2px 0; }} .findings summary {{ cursor: pointer; color: var(--muted); }}
.kind {{ font-family: ui-monospace, monospace; font-size: .85em; background: #eceff3; padding: 0 4px;
  border-radius: 3px; }}
.player {{ position: sticky; top: 0; z-index: 2; background: #111; padding: 8px 24px; }}
.player video {{ display: block; width: 100%; max-height: 36vh; margin: 0 auto; background: #000; }}
.player audio {{ display: block; width: 100%; }}
.caption, .segment {{ scroll-margin-top: calc(var(--player, 0px) + 12px); }}
.media-note {{ color: #ddd; font-size: .85rem; margin: 6px 0 0; }} .media-note code {{ color: #fff; }}
.chart {{ width: 100%; height: auto; background: #fff; border: 1px solid var(--line); border-radius: 4px; }}
.chart .grid {{ stroke: #eef0f3; }} .chart .axis {{ font-size: 11px; fill: var(--muted); }}
.chart .captions {{ stroke: var(--ok); stroke-width: 2; fill: none; }}
.chart .limit {{ stroke: var(--bad); stroke-dasharray: 6 4; }}
.chart .limit-label {{ font-size: 11px; fill: var(--bad); }}
.chart .breach circle {{ fill: var(--bad); stroke: #fff; stroke-width: 1.5; }}
.legend {{ font-size: .85rem; color: var(--muted); }}
.key {{ display: inline-block; width: 18px; height: 0; vertical-align: middle; margin: 0 2px 0 10px; }}
.key.ok {{ border-top: 2px solid var(--ok); }} .key.limit {{ border-top: 2px dashed var(--bad); }}
.key.bad {{ width: 10px; height: 10px; border-radius: 50%; background: var(--bad); }}
.segment {{ margin-top: 12px; }}
.caption {{ background: #fff; border: 1px solid var(--line); border-left: 4px solid var(--line);
  border-radius: 4px; padding: 6px 12px; margin: 6px 0; display: grid;
  grid-template-columns: 3.5em minmax(14em, 1fr) auto; gap: 4px 12px; align-items: start; }}
.playable .caption {{ cursor: pointer; }}
.caption.flagged {{ border-left-color: var(--bad); background: var(--bad-bg); }}
.caption.speaking {{ outline: 3px solid #f9a825; background: var(--now); }}
.caption.speaking .w.said {{ background: #f9a825; border-radius: 3px; }}
.caption:target {{ outline: 2px solid var(--ok); }}
.caption .n {{ font-weight: 600; color: var(--muted); }}
.line {{ display: flex; gap: 8px; }} .line .text {{ font-size: 1.05rem; }}
.line .width {{ color: var(--muted); font-size: .8rem; min-width: 2.6em; text-align: right;
  padding-top: .2em; font-variant-numeric: tabular-nums; }}
.times {{ border-collapse: collapse; font-size: .8rem; font-variant-numeric: tabular-nums; }}
.times th {{ text-align: right; padding-right: 6px; color: var(--muted); font-weight: 500; }}
.times td {{ padding: 0 6px; white-space: nowrap; }} .times tr.bad td {{ color: var(--bad); font-weight: 600; }}
.violations {{ grid-column: 2 / -1; margin: 0; color: var(--bad); font-size: .85rem; font-weight: 600; }}
.empty {{ color: var(--muted); font-size: .85rem; }}
body:has(#only-flagged:checked) .caption:not(.flagged),
body:has(#only-flagged:checked) .segment:not(:has(.flagged)) {{ display: none; }}
@media (max-width: 720px) {{ .caption {{ grid-template-columns: 3em 1fr; }} .times {{ grid-column: 1 / -1; }} }}
"""

# With media only. The track gets the page's own WebVTT text as a blob; each caption's times at the
# media's speed come in the JSON beside it, in caption order.
_SCRIPT = """
(() => {
  const media = document.getElementById("media");
  const data = JSON.parse(document.getElementById("review-data").textContent);
  const track = document.getElementById("track");
  track.src = URL.createObjectURL(new Blob([data.vtt], {type: "text/vtt"}));
  track.track.mode = "showing";
  const items = Array.from(document.querySelectorAll("[data-caption]"));
  const follow = document.getElementById("follow");
  const player = document.getElementById("player");
  // anchors and the followed caption land below the sticky player, whatever its height
  new ResizeObserver(() => document.documentElement.style.setProperty("--player", player.offsetHeight + "px"))
    .observe(player);
  let current = -1;
  const find = (ms) => {
    let lo = 0, hi = data.starts.length - 1, at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (data.starts[mid] <= ms) { at = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return at >= 0 && ms < data.ends[at] ? at : -1;
  };
  let said = -1;  // the word being said in the current caption
  const word = (i, ms) => {
    const starts = data.words[i] || [];
    let at = -1;
    for (let k = 0; k < starts.length && starts[k] <= ms; k++) at = k;
    return at;
  };
  const light = (k) => {
    if (k === said || current < 0) return;
    items[current].querySelectorAll(".w.said").forEach((w) => w.classList.remove("said"));
    said = k;
    items[current].querySelectorAll(`.w[data-w="${k}"]`).forEach((w) => w.classList.add("said"));
  };
  const show = () => {
    const ms = media.currentTime * 1000;
    const now = find(ms);
    if (now !== current) {
      if (current >= 0) {
        items[current].classList.remove("speaking");
        items[current].querySelectorAll(".w.said").forEach((w) => w.classList.remove("said"));
      }
      current = now;
      said = -1;
      if (now >= 0) {
        items[now].classList.add("speaking");
        if (follow.checked && !media.paused) items[now].scrollIntoView({block: "nearest"});
      }
    }
    if (now >= 0) light(word(now, ms));
  };
  const seek = (i) => {
    media.currentTime = data.starts[i] / 1000 + 0.001;
    media.play().catch(() => {});
    show();
  };
  items.forEach((item, i) => {
    item.tabIndex = 0;  // with media each caption is a control: Enter or space plays from it
    item.addEventListener("click", (e) => { if (!e.target.closest("a")) seek(i); });
    item.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); seek(i); }
    });
  });
  const tick = () => { show(); if (!media.paused) requestAnimationFrame(tick); };
  media.addEventListener("play", () => requestAnimationFrame(tick));
  media.addEventListener("seeked", show);
  media.addEventListener("timeupdate", show);
})();
"""

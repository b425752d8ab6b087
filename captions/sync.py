"""Fit the timeline to the lecture's real audio: where the voice pauses, the captions turn.

The report's timeline is an estimate (upstream gives every script line ``len/5`` seconds); the
rendered lecture is as long as its TTS audio. The timeline still says *what* is said and in *which
order*; the audio says *when*. Three methods:

- ``none`` keeps the timeline as it is;
- ``scale`` stretches it linearly onto the media's length;
- ``pauses`` finds the pauses in the speech (ffmpeg's ``silencedetect``) and moves every sentence
  boundary — segment boundaries are sentence boundaries too — to a pause, with order-keeping
  alignments (dynamic programming over boundaries × pauses: each boundary takes a later pause than the
  one before, or none). A wide first pass, preferring long pauses near where each boundary is expected
  from the spoken weight before it, measures how the voice drifts from that estimate; a paced second
  pass then also asks that the time between two matched boundaries fit the weight between them, so a
  long pause inside a quotation cannot pull a boundary sentences away. A boundary that no pause fits
  falls back to scaling between its aligned neighbours.

A boundary is placed where the voice resumes (the pause's end): a caption appears when its words are
heard, and the previous one stays up through the pause.
"""

from __future__ import annotations

import bisect
import re
import statistics
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from captions.attach import MediaError, tool  # one error for everything ffmpeg touches
from captions.timeline import Finding, Segment, Timeline

METHODS = ("pauses", "scale", "none")
NOISE_DB = -40  # silence threshold; TTS pauses are digital silence or close to it
MIN_PAUSE_MS = 100
SKIP_COST = 2.5  # a boundary left to scaling
SPREAD = 0.05  # first pass: expected-position uncertainty, as a share of the lecture
FINE = 0.01  # second pass, around positions corrected by the first pass's local drift
NEIGHBOURS = 4  # boundaries on each side whose drift the second pass follows


@dataclass(frozen=True, order=True)
class Pause:
    """A stretch of silence in the media, in ms."""

    start_ms: int
    end_ms: int

    @property
    def length_ms(self) -> int:
        return self.end_ms - self.start_ms


@dataclass(frozen=True)
class Media:
    """What syncing needs to know of the lecture's media: its name, length, pauses, and the method."""

    name: str
    length_ms: int
    pauses: tuple[Pause, ...]
    method: str = "pauses"


@dataclass(frozen=True)
class Moved:
    """One boundary: where the timeline had it, where it was expected, where it went, and how."""

    segment: int  # the segment that starts here, or that holds the sentence boundary
    is_segment: bool
    timeline_ms: int
    expected_ms: int
    placed_ms: int
    fell_back: bool


@dataclass(frozen=True)
class Synced:
    """The timeline fitted to the media, with what the report says about it."""

    method: str
    media: str
    media_ms: int
    timeline_ms: int
    timeline: Timeline
    anchors: dict[int, tuple[tuple[int, int], ...]] = field(default_factory=dict)  # segment → (offset, ms)
    moves: tuple[Moved, ...] = ()
    pauses: int = 0


def probe(path: Path) -> tuple[int, list[Pause]]:
    """The media's length and its pauses, from one ffmpeg pass over the audio (video is skipped)."""
    ffmpeg = tool("ffmpeg")
    if not path.is_file():
        raise MediaError(f"{path}: no such media file")
    proc = subprocess.run(
        [ffmpeg, "-hide_banner", "-nostdin", "-vn", "-i", str(path),
         "-af", f"silencedetect=noise={NOISE_DB}dB:d={MIN_PAUSE_MS / 1000}", "-f", "null", "-"],
        capture_output=True, text=True, errors="replace",
    )  # fmt: skip
    log = proc.stderr
    if proc.returncode != 0 or "Audio:" not in log:
        raise MediaError(f"{path}: no audio stream ffmpeg can read")
    times = re.findall(r"time=(\d+):(\d+):(\d+(?:\.\d+)?)", log)
    duration = re.search(r"Duration: (\d+):(\d+):(\d+(?:\.\d+)?)", log)
    stamps = [duration.groups()] if duration else []
    stamps += times[-1:]
    length = max((round((int(h) * 3600 + int(m) * 60 + float(s)) * 1000) for h, m, s in stamps), default=0)
    pauses: list[Pause] = []
    start = None
    for kind, value in re.findall(r"silence_(start|end): (-?\d+(?:\.\d+)?)", log):
        ms = max(0, round(float(value) * 1000))
        if kind == "start":
            start = ms
        elif start is not None:
            pauses.append(Pause(start, ms))
            start = None
    if start is not None:
        pauses.append(Pause(start, length))
    if length <= 0:
        raise MediaError(f"{path}: cannot tell how long it is")
    return length, pauses


def scaled(timeline: Timeline, media_ms: int) -> Timeline:
    """Every time multiplied by media length / timeline length, rounded to the ms."""
    total = timeline.end_ms or 1

    def at(ms: int) -> int:
        return (2 * ms * media_ms + total) // (2 * total)

    segments = tuple(Segment(s.number, at(s.start_ms), at(s.end_ms), s.text) for s in timeline.segments)
    return Timeline(timeline.source, timeline.kind, segments, timeline.header, timeline.findings)


@dataclass(frozen=True)
class Boundary:
    """A sentence end in script order: its segment, its offset in that segment's weight, its weight from
    the lecture's start, whether a new segment starts here, and where the timeline put it."""

    segment: int
    offset: int
    weight: int
    is_segment: bool
    timeline_ms: int


def align(expected: Sequence[float], strong: Sequence[bool], pauses: Sequence[Pause], sigma: float) -> list[int | None]:
    """Order-keeping match of boundaries to pauses: index of the pause each boundary takes, or ``None``.

    Maximises, over increasing matches, the pauses' lengths (a segment boundary values length more)
    less the squared distance from where each boundary is expected, in units of ``sigma`` ms; a
    boundary no pause suits is skipped at ``SKIP_COST``.
    """
    n, m = len(expected), len(pauses)
    lengths = [min(p.length_ms, 1500) / 300 for p in pauses]
    inf = float("inf")
    # best[i][j]: cost of the first i boundaries with the last match at pause j-1 (j = 0: none yet)
    best = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int | None]]] = [[(0, None)] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(1, n + 1):
        x, weight = expected[i - 1], (2.0 if strong[i - 1] else 1.0)
        running, arg = inf, 0  # min of best[i-1][0..j-1], for matches at pause j-1
        for j in range(0, m + 1):
            # skip boundary i: keep the last match where it was
            if best[i - 1][j] + SKIP_COST < best[i][j]:
                best[i][j] = best[i - 1][j] + SKIP_COST
                back[i][j] = (j, None)
            if j >= 1:
                p = pauses[j - 1]
                cost = running + ((x - p.end_ms) / sigma) ** 2 - weight * lengths[j - 1]
                if cost < best[i][j]:
                    best[i][j] = cost
                    back[i][j] = (arg, j - 1)
            if best[i - 1][j] < running:
                running, arg = best[i - 1][j], j
    j = min(range(m + 1), key=lambda k: best[n][k])
    out: list[int | None] = [None] * n
    for i in range(n, 0, -1):
        j, matched = back[i][j]
        out[i - 1] = matched
    return out


def fit(
    timeline: Timeline,
    weights: Sequence[int],
    sentence_offsets: Sequence[Sequence[int]],
    media: str,
    media_ms: int,
    pauses: Sequence[Pause],
    method: str,
) -> Synced:
    """The timeline fitted to media of ``media_ms`` with ``pauses``, by ``method``.

    ``weights`` is each segment's spoken weight and ``sentence_offsets`` the weights, inside each
    segment, at which its sentences end (``timing`` measures both the same way).
    """
    end = timeline.end_ms
    if method == "none":
        return Synced(method, media, media_ms, end, timeline)
    if method == "scale":
        return Synced(method, media, media_ms, end, scaled(timeline, media_ms))
    segments = timeline.segments
    lead = next((p.end_ms for p in pauses if p.start_ms <= 0 < p.end_ms), 0)
    inner = _merged(p for p in pauses if p.start_ms > lead and p.end_ms < media_ms)
    total = sum(weights) or 1
    boundaries: list[Boundary] = []
    running = 0
    for k, seg in enumerate(segments):
        w = weights[k]
        if k and w:
            boundaries.append(Boundary(seg.number, 0, running, True, seg.start_ms))
        for offset in sentence_offsets[k]:
            if 0 < offset < w:
                at = seg.start_ms + seg.duration_ms * offset // w
                boundaries.append(Boundary(seg.number, offset, running + offset, False, at))
        running += w
    speech = media_ms - lead
    guess = [lead + b.weight * speech / total for b in boundaries]
    strong = [b.is_segment for b in boundaries]
    # coarse to fine: a wide first pass finds the voice's drift from the weight model; the paced pass
    # expects each boundary where its neighbours' median drift puts it and keeps the voice's pace
    # between matches (the median-corrected plain alignment stands in if no paced match exists)
    first = align(guess, strong, inner, max(1500.0, SPREAD * speech))
    drift = [t - x for t, x in zip(_placed(boundaries, first, inner, lead, total, media_ms), guess, strict=True)]
    expected = [x + statistics.median(drift[max(0, i - NEIGHBOURS) : i + NEIGHBOURS + 1]) for i, x in enumerate(guess)]
    paced = align_paced(expected, [b.weight for b in boundaries], strong, inner, lead, media_ms, total)
    matches = paced if paced is not None else align(expected, strong, inner, max(1000.0, FINE * speech))
    placed = _placed(boundaries, matches, inner, lead, total, media_ms)
    moves = tuple(
        Moved(b.segment, b.is_segment, b.timeline_ms, round(x), t, j is None)
        for b, x, t, j in zip(boundaries, expected, placed, matches, strict=True)
    )
    starts = {b.segment: t for b, t in zip(boundaries, placed, strict=True) if b.is_segment}
    anchors: dict[int, list[tuple[int, int]]] = {}
    for b, t in zip(boundaries, placed, strict=True):
        if not b.is_segment:
            anchors.setdefault(b.segment, []).append((b.offset, t))
    following: list[int] = [media_ms] * len(segments)  # the next fitted segment start after each segment
    for k in range(len(segments) - 2, -1, -1):
        following[k] = starts.get(segments[k + 1].number, following[k + 1])
    new: list[Segment] = []
    cursor = lead
    for k, seg in enumerate(segments):
        start = max(starts.get(seg.number, cursor), cursor)
        stop = max(start, following[k])
        if not weights[k]:
            stop = start  # nothing said: no time
        new.append(Segment(seg.number, start, stop, seg.text))
        cursor = stop
    spans = {s.number: (s.start_ms, s.end_ms) for s in new}
    clean = {n: tuple((o, min(max(t, spans[n][0]), spans[n][1])) for o, t in a) for n, a in anchors.items()}
    fitted = Timeline(timeline.source, timeline.kind, tuple(new), timeline.header, timeline.findings)
    return Synced(method, media, media_ms, end, fitted, clean, moves, len(pauses))


MAX_CANDIDATES = 8  # pauses each boundary may take in the paced pass, the nearest to where it is expected
MAX_SKIP = 6  # boundaries in a row the paced pass may leave to scaling


def align_paced(
    expected: Sequence[float],
    weights: Sequence[int],
    strong: Sequence[bool],
    pauses: Sequence[Pause],
    start: int,
    end: int,
    total: int,
) -> list[int | None] | None:
    """Order-keeping match in which the voice keeps its pace: the time between two matched boundaries
    should be the weight between them at the lecture's mean rate (give or take a fifth). A pause inside
    a quotation or after a comma can be long; it still cannot make the voice speak a sentence in half the
    time. ``None`` when no match keeps fewer than ``MAX_SKIP`` boundaries in a row unmatched."""
    n = len(expected)
    rate = (end - start) / total if total else 0.0
    ends = [p.end_ms for p in pauses]
    window = max(3000.0, 0.03 * (end - start))
    candidates: list[list[int]] = []
    for x in expected:
        lo, hi = bisect.bisect_left(ends, x - window), bisect.bisect_right(ends, x + window)
        nearest = sorted(range(lo, hi), key=lambda j: abs(ends[j] - x))[:MAX_CANDIDATES]
        candidates.append(sorted(nearest))

    def pace(w0: int, t0: float, w1: int, t1: float) -> float:
        predicted = rate * (w1 - w0)
        return ((t1 - t0 - predicted) / (0.2 * predicted + 400.0)) ** 2

    # best[i][j]: cost of a path whose last match is boundary i at pause j, and where it came from
    best: list[dict[int, tuple[float, tuple[int, int] | None]]] = [{} for _ in range(n)]
    for i in range(n):
        for j in candidates[i]:
            t = ends[j]
            own = ((t - expected[i]) / window) ** 2 - (2.0 if strong[i] else 1.0) * min(pauses[j].length_ms, 1500) / 300
            options: list[tuple[float, tuple[int, int] | None]] = []
            if i <= MAX_SKIP:
                options.append((i * SKIP_COST + pace(0, start, weights[i], t), None))
            for i2 in range(max(0, i - MAX_SKIP - 1), i):
                for j2, (cost2, _) in best[i2].items():
                    if j2 < j:
                        options.append(
                            (cost2 + (i - i2 - 1) * SKIP_COST + pace(weights[i2], ends[j2], weights[i], t), (i2, j2))
                        )
            if options:
                cost, came = min(options, key=lambda o: o[0])
                best[i][j] = (cost + own, came)
    finals = [
        (cost + (n - 1 - i) * SKIP_COST + pace(weights[i], ends[j], total, end), (i, j))
        for i in range(max(0, n - MAX_SKIP - 1), n)
        for j, (cost, _) in best[i].items()
    ]
    if not finals:
        return None
    _, node = min(finals, key=lambda f: f[0])
    out: list[int | None] = [None] * n
    while node is not None:
        i, j = node
        out[i] = j
        node = best[i][j][1]
    return out


def _placed(
    boundaries: Sequence[Boundary],
    matches: Sequence[int | None],
    pauses: Sequence[Pause],
    lead: int,
    total: int,
    media_ms: int,
) -> list[int]:
    """Each boundary's time: its pause's end if matched, else scaled between the matched neighbours."""
    known = [(0, lead)]
    known += [(b.weight, pauses[j].end_ms) for b, j in zip(boundaries, matches, strict=True) if j is not None]
    known.append((total, media_ms))
    placed: list[int] = []
    for b, j in zip(boundaries, matches, strict=True):
        if j is not None:
            placed.append(pauses[j].end_ms)
            continue
        lo = max((k for k in known if k[0] <= b.weight), key=lambda k: k[0])
        hi = min((k for k in known if k[0] >= b.weight), key=lambda k: k[0])
        share = (b.weight - lo[0]) / (hi[0] - lo[0]) if hi[0] > lo[0] else 0.0
        placed.append(round(lo[1] + share * (hi[1] - lo[1])))
    return placed


def _merged(pauses: Iterable[Pause]) -> list[Pause]:
    """Pauses in order, overlapping ones joined: ffmpeg never overlaps them, but callers may."""
    out: list[Pause] = []
    for p in sorted(pauses):
        if out and p.start_ms <= out[-1].end_ms:
            out[-1] = Pause(out[-1].start_ms, max(out[-1].end_ms, p.end_ms))
        else:
            out.append(p)
    return out


def findings(synced: Synced) -> list[Finding]:
    """What the report should say up front: how far the plain timeline drifts, and what fell back."""
    drift = synced.media_ms - synced.timeline_ms
    out = [
        Finding(
            "media-drift",
            f"구간 목록({synced.timeline_ms / 1000:g}초)과 미디어({synced.media_ms / 1000:g}초)의 길이가 "
            f"{drift / 1000:+.1f}초 다릅니다 (1.5x에서 {drift / 1500:+.1f}초): '{synced.method}' 방식으로 맞췄습니다",
        )
    ]
    fell = [m for m in synced.moves if m.fell_back]
    if fell:
        where = ", ".join(sorted({str(m.segment) for m in fell}, key=int))
        out.append(
            Finding(
                "sync-fallback",
                f"경계 {len(synced.moves)}개 중 {len(fell)}개는 맞는 쉼이 없어 비례로 놓았습니다 (구간 {where})",
            )
        )
    return out

"""Where in the media each moment of a reference recording is heard: banded DTW, then speech onsets.

Pure functions over numpy arrays (``features`` makes the frames). Dynamic time warping finds the
order-keeping match between the media's frames and the reference's with the least total distance.
It is computed coarse to fine (FastDTW's idea): a full DTW on frames a few hundred milliseconds
long, then at each finer level only inside a band around the coarser path, so time and memory grow
with the length, not with its square — a 3-hour lecture never builds the 3-hour × 3-hour matrix.
Within a level the rows are cut into overlapping windows that all advance together, one vectorised
step per row (``dtw_band``), so no Python loop runs over cells or over the whole lecture's rows.

``match_pauses`` and ``match_paced`` align boundaries to pauses alone, for the ``pauses`` method.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias

import numpy as np

from captions.sync.features import ENERGY_MS, HOP_MS, Features, Speech, kept, matchable, onsets, speech

if TYPE_CHECKING:
    import numpy.typing as npt

    _F32: TypeAlias = npt.NDArray[np.float32]  # frames to compare, band costs
    _F64: TypeAlias = npt.NDArray[np.float64]
    _I64: TypeAlias = npt.NDArray[np.int64]  # DTW paths, band limits
    _Ints: TypeAlias = npt.NDArray[np.signedinteger[Any]]  # int64 or intp (``features.kept``, onsets)
    _Mask: TypeAlias = npt.NDArray[np.bool_]


def pooled(x: _F32, factor: int) -> _F32:
    """Means of consecutive groups of ``factor`` frames (the last group may be shorter)."""
    if factor == 1:
        return x
    n = len(x)
    full = n // factor
    # a mean of float32 frames is float32 (numpy's stubs say Any for a mean along an axis)
    head: _F32 = x[: full * factor].reshape(full, factor, *x.shape[1:]).mean(axis=1)
    if n % factor:
        head = np.concatenate([head, x[full * factor :].mean(axis=0, keepdims=True)])
    return head


WINDOW_ROWS = 1500  # rows of one DTW window (its kept core)
OVERLAP_ROWS = 300  # rows computed on each side of a core and then dropped: a path forgets where it began


COST_BLOCK = 128  # rows whose band distances come from one matrix product


def _band_costs(x: _F32, y: _F32, lo: _I64, width: int) -> _F32:
    """Euclidean distance of every band cell: row ``i``, columns ``lo[i]`` … ``lo[i]+width−1`` (those
    past the end of ``y`` are infinite). A block of rows spans few columns, so each block is one dense
    product ``x·yᵀ`` (BLAS) over those columns, from which the band's cells are picked."""
    n, m = len(x), len(y)
    out = np.empty((n, width), dtype=np.float32)
    xx = (x * x).sum(axis=1)
    yy = np.concatenate([(y * y).sum(axis=1), np.zeros(width, dtype=np.float32)])
    for a in range(0, n, COST_BLOCK):
        b = min(n, a + COST_BLOCK)
        c0, c1 = int(lo[a]), min(m, int(lo[b - 1]) + width)
        dots = x[a:b] @ y[c0:c1].T
        cols = lo[a:b, None] + np.arange(width)[None, :]
        picked = np.take_along_axis(dots, np.clip(cols - c0, 0, c1 - c0 - 1), axis=1)
        d = np.sqrt(np.maximum(xx[a:b, None] + yy[cols] - 2.0 * picked, 0.0))
        d[cols >= m] = np.inf
        out[a:b] = d
    return out


def _read(values: _F32, values_lo: int, a: int, b: int, shift: int) -> _F32:
    """A band row (``values``, starting at column ``values_lo``) read at columns ``a−shift … b−shift−1``,
    infinite where it does not reach."""
    out = np.full(b - a, np.inf, dtype=np.float32)
    s, e = max(a, values_lo + shift), min(b, values_lo + len(values) + shift)
    if s < e:
        out[s - a : e - a] = values[s - shift - values_lo : e - shift - values_lo]
    return out


def _dtw_one_window(x: _F32, y: _F32, lo: _I64, hi: _I64, loose: int = 0) -> _I64:
    """``dtw_band`` in one window from the first cell to the last: the top of the pyramid and its wide
    levels, where a path must be free to go anywhere in a wide band. One row a step, read by slicing.

    With ``loose`` rows, the path may instead begin at the first column of any of the first ``loose``
    rows and end at the last column of any of the last ``loose``, paying for each media row it leaves
    out what matching it to unrelated sound would about cost: music or a jingle before the first word,
    loud enough to pass for speech, is then left out rather than matched to the script's first words.
    """
    n, m = len(x), len(y)
    width = int((hi - lo).max())
    offsets = np.concatenate([[0], np.cumsum(hi - lo)])
    moves = np.zeros(int(offsets[-1]), dtype=np.int8)  # 0 diagonal, 1 wide, 2 tall, 3 the path begins here
    block, block_at = np.zeros((0, width), dtype=np.float32), -COST_BLOCK
    d1 = d2 = c1 = np.zeros(0, dtype=np.float32)
    lo1 = lo2 = 0
    skip = 0.0
    ends: list[tuple[float, int]] = []  # (cost with the rows left out after it, row) at the last column
    for i in range(n):
        if i >= block_at + COST_BLOCK:
            block_at = i
            block = _band_costs(x[i : i + COST_BLOCK], y, lo[i : i + COST_BLOCK], width)
            if i == 0 and loose:
                finite = block[np.isfinite(block)]
                skip = 2.0 * LOOSE_COST * float(np.median(finite)) if len(finite) else 0.0
        a, b = int(lo[i]), int(hi[i])
        c = block[i - block_at, : b - a]
        if i == 0:
            d = np.full(b - a, np.inf, dtype=np.float32)
            d[0] = c[0]
            step = np.full(b - a, 3, dtype=np.int8)
        else:
            diag = _read(d1, lo1, a, b, 1) + 2 * c
            left = np.empty_like(c)
            left[0] = np.inf
            left[1:] = c[:-1]
            wide = _read(d1, lo1, a, b, 2) + 2 * left + c
            tall = _read(d2, lo2, a, b, 1) + 2 * _read(c1, lo1, a, b, 0) + c if i > 1 else np.full_like(c, np.inf)
            d = np.minimum(diag, np.minimum(wide, tall))
            step = (wide < diag).astype(np.int8)
            step[(tall < diag) & (tall <= wide)] = 2
            if i < loose and a == 0 and skip * i + 2 * c[0] < d[0]:
                d[0], step[0] = skip * i + 2 * c[0], 3
        moves[offsets[i] : offsets[i + 1]] = step
        if (i >= n - 1 - loose) and a <= m - 1 < b and np.isfinite(d[m - 1 - a]):
            ends.append((float(d[m - 1 - a]) + skip * (n - 1 - i), i))
        d2, lo2, d1, c1, lo1 = d1, lo1, d, c, a
    if not ends:
        raise ValueError("no path inside the band")
    path = []
    i, j = min(ends)[1], m - 1
    while True:
        path.append((i, j))
        move = moves[offsets[i] + j - int(lo[i])]
        if move == 3:
            break
        if move == 0:
            i, j = i - 1, j - 1
        elif move == 1:
            path.append((i, j - 1))
            i, j = i - 1, j - 2
        else:
            path.append((i - 1, j))
            i, j = i - 2, j - 1
    return np.array(path[::-1], dtype=np.int64)


def dtw_band(x: _F32, y: _F32, lo: _I64, hi: _I64, window: int = WINDOW_ROWS, loose: int = 0) -> _I64:
    """The least-cost order-keeping path through ``x`` × ``y`` inside a band, as (row, column) pairs.

    Row ``i`` may use columns ``lo[i]`` … ``hi[i]−1`` (both non-decreasing). The steps are Sakoe and
    Chiba's symmetric P = 1 pattern — a diagonal step, or a knight's move of one row and two columns or
    two rows and one column, weighted so every path weighs the same — so the local tempo ratio stays
    between ½ and 2: the path cannot stall on one frame of either recording for seconds, which is how
    plain DTW goes astray where two voices differ.

    The rows are cut into windows of ``window`` rows that overlap by ``OVERLAP_ROWS`` on each side;
    each window's path may begin anywhere in its first row and end anywhere in its last, and only its
    core is kept, where the free ends no longer matter. All windows advance together, one row each
    per step, as one vectorised operation over (windows × band width): the Python loop runs over a
    window's rows, not the lecture's, and never over cells. Each row depends only on the two before
    it, so no step needs a sequential scan.
    """
    n, m = len(x), len(y)
    width = int((hi - lo).max())
    x, y = x.astype(np.float32), y.astype(np.float32)
    if window >= n:
        return _dtw_one_window(x, y, lo, hi, loose)
    cores = list(range(0, n, window))
    first = np.array([max(0, c - OVERLAP_ROWS) for c in cores])
    last = np.array([min(n, c + window + OVERLAP_ROWS) for c in cores])  # exclusive
    k_count, steps = len(cores), int((last - first).max())
    inf = np.float32(np.inf)
    moves = np.zeros((steps, k_count, width), dtype=np.int8)  # 0 diagonal, 1 wide (1 row, 2 cols), 2 tall
    # rows are kept padded with ``width`` infinite cells on each side, so reading a row at a shifted
    # column is one ``take`` from the flat array (shifts beyond the padding are clipped into it)
    span = 3 * width
    base = (np.arange(k_count) * span + width)[:, None] + np.arange(width)[None, :]

    def padded(values: _F32) -> _F32:
        out = np.full((k_count, span), inf, dtype=np.float32)
        out[:, width : 2 * width] = values
        return out

    def gather(values: _F32, shift: _I64) -> _F32:
        """A padded band row read at this row's columns moved left by ``shift``."""
        return np.take(values, base + np.clip(shift, -width, width)[:, None])

    def rows_at(t: int) -> tuple[_I64, _Mask]:
        r = first + t
        return np.minimum(r, n - 1), r < last

    table = _band_costs(x, y, lo, width)  # narrow bands: every cell's distance at once

    def costs_of(r: _I64) -> _F32:
        return table[r]

    r0, _ = rows_at(0)
    start = costs_of(r0).copy()  # a window may begin anywhere in its first row …
    start[first == 0, 1:] = inf  # … but the whole path begins where both recordings do
    d1 = padded(start)
    c1, lo1 = padded(costs_of(r0)), lo[r0]
    d2, lo2 = padded(np.full((k_count, width), inf, dtype=np.float32)), lo1
    for t in range(1, steps):
        r, live = rows_at(t)
        c, lo0 = costs_of(r), lo[r]
        diag = gather(d1, lo0 - lo1 - 1) + 2 * c
        left = np.empty_like(c)
        left[:, 0] = inf
        left[:, 1:] = c[:, :-1]
        wide = gather(d1, lo0 - lo1 - 2) + 2 * left + c
        tall = gather(d2, lo0 - lo2 - 1) + 2 * gather(c1, lo0 - lo1) + c
        d = np.minimum(diag, np.minimum(wide, tall))
        step = (wide < diag).astype(np.int8)
        step[(tall < diag) & (tall <= wide)] = 2
        moves[t] = step
        if live.all():
            d2, lo2 = d1, lo1
            d1, c1, lo1 = padded(d), padded(c), lo0
        else:  # a finished window keeps its last rows
            d2 = np.where(live[:, None], d1, d2)
            lo2 = np.where(live, lo1, lo2)
            d1 = np.where(live[:, None], padded(d), d1)
            c1 = np.where(live[:, None], padded(c), c1)
            lo1 = np.where(live, lo0, lo1)
    d1 = d1[:, width : 2 * width]
    # walk every window back from its best last cell, together, keeping only the cores
    t_at = last - first - 1
    k_at = np.argmin(d1, axis=1)  # a window may end anywhere in its last row, but the path ends where both do
    final = last == n
    k_last = m - 1 - lo[n - 1]
    if 0 <= k_last < width:
        k_at[final & np.isfinite(d1[:, k_last])] = k_last
    cells: list[_I64] = []
    active = np.ones(k_count, dtype=bool)
    windows = np.arange(k_count)
    while active.any():
        rows = first + t_at
        cols = lo[np.minimum(rows, n - 1)] + k_at
        cells.append(np.stack([windows[active], rows[active], cols[active]], axis=1))
        move = moves[t_at, windows, k_at]
        done = (t_at <= 0) | ~active
        step_rows = np.where(move == 2, 2, 1)
        step_cols = np.where(move == 1, 2, 1)
        # a knight's move passes through a middle cell: (row, col−1) or (row−1, col)
        mid_rows = np.where(move == 2, rows - 1, rows)
        mid_cols = np.where(move == 1, cols - 1, cols)
        mid = active & ~done & (move != 0)
        if mid.any():
            cells.append(np.stack([windows[mid], mid_rows[mid], mid_cols[mid]], axis=1))
        new_t = t_at - step_rows
        new_rows = first + np.maximum(new_t, 0)
        new_cols = cols - step_cols
        active = active & ~done & (new_t >= 0)
        t_at = np.where(active, new_t, t_at)
        k_at = np.where(active, new_cols - lo[np.minimum(new_rows, n - 1)], k_at)
        k_at = np.clip(k_at, 0, width - 1)
    found = np.concatenate(cells)
    core_lo = np.array(cores)[found[:, 0]]
    keep = (found[:, 1] >= core_lo) & (found[:, 1] < core_lo + window)
    path = found[keep][:, 1:]
    path = path[np.lexsort((path[:, 1], path[:, 0]))]
    path[:, 1] = np.maximum.accumulate(path[:, 1])  # where two cores meet, never step back
    return path


def _band_around(path: _I64, factor: int, rows: int, cols: int, radius: int) -> tuple[_I64, _I64]:
    """Per fine row, the column range the coarse ``path`` covers once refined by ``factor``, widened
    by ``radius`` fine frames on every side."""
    lo = np.full(rows, cols, dtype=np.int64)
    hi = np.zeros(rows, dtype=np.int64)
    coarse_lo = np.full(int(path[:, 0].max()) + 1, cols, dtype=np.int64)
    coarse_hi = np.zeros(len(coarse_lo), dtype=np.int64)
    np.minimum.at(coarse_lo, path[:, 0], path[:, 1] * factor)
    np.maximum.at(coarse_hi, path[:, 0], np.minimum(cols, (path[:, 1] + 1) * factor))
    fine = np.arange(rows) // factor
    inside = fine < len(coarse_lo)
    lo[inside], hi[inside] = coarse_lo[fine[inside]], coarse_hi[fine[inside]]
    # widen: each row takes the union of its neighbours' ranges within ``radius`` rows, plus ``radius``
    window = 2 * radius + 1
    padded_lo = np.concatenate([np.full(radius, lo[0]), lo, np.full(radius, lo[-1])])
    padded_hi = np.concatenate([np.full(radius, hi[0]), hi, np.full(radius, hi[-1])])
    lo = np.lib.stride_tricks.sliding_window_view(padded_lo, window).min(axis=1) - radius
    hi = np.lib.stride_tricks.sliding_window_view(padded_hi, window).max(axis=1) + radius
    lo = np.clip(lo, 0, cols - 1)
    hi = np.clip(hi, 1, cols)
    lo[0] = 0
    hi[-1] = cols
    return np.maximum.accumulate(lo), np.maximum.accumulate(hi)


COARSEST_CELLS = 4_000_000  # a full DTW at the top of the pyramid stays under this many cells …
COARSEST_FRAMES = 4  # … and is used while its frames are at most this many finest frames (160 ms)
TOP_CELLS = 40_000_000  # else the top is a band around the diagonal, under this many cells
DRIFT = 0.15  # how far that band reaches: the voice ahead of or behind a steady pace by this share …
DRIFT_FRAMES = 1500  # … or by this many finest frames (60 s), whichever is more
LOOSE_SHARE = 0.1  # the top level may leave out up to this share of the media at each end …
LOOSE_FRAMES = 1500  # … or this many finest frames (60 s), whichever is less …
LOOSE_COST = 0.75  # … at this share of a typical (unrelated) cell's cost for each frame left out
LEFT_OUT_MS = 1000  # sound before the first word (or after the last) DTW must leave out to be believed
LEVEL_FACTOR = 4
RADIUS = 6  # band half-width added at each finer level, in that level's frames
WIDE_FACTOR = 8  # below a banded top, one level of frames at most this long (320 ms) searches wide …
SLACK_FRAMES = 375  # … this many finest frames (15 s) either side of the coarser path, in time and in text


def _diagonal(rows: int, cols: int, half: int) -> tuple[_I64, _I64]:
    """A band ``half`` columns either side of the straight line from (0, 0) to the last cell."""
    centre = np.round(np.arange(rows) * (cols - 1) / max(1, rows - 1)).astype(np.int64)
    lo = np.clip(centre - half, 0, cols - 1)
    hi = np.clip(centre + half + 1, 1, cols)
    hi[-1] = cols
    return lo, hi


def _top(n: int, m: int) -> tuple[int, bool]:
    """The top level's pooling factor, and whether it is a full DTW (else a band around the diagonal).

    A full DTW needs no assumption about the pace, but for a long lecture it could only be afforded
    on frames seconds long, which say too little to align anything; so past ``COARSEST_FRAMES`` the
    top level keeps frames short and looks only within ``DRIFT`` of a steady pace instead.
    """
    full = 1
    while (n // full) * (m // full) > COARSEST_CELLS:
        full *= LEVEL_FACTOR
    if full <= COARSEST_FRAMES:
        return full, True
    factor = 1
    while (n // factor) * 2 * max(DRIFT * m / factor, DRIFT_FRAMES / factor) > TOP_CELLS:
        factor *= 2
    return factor, False


def warp(x: _F32, y: _F32) -> _I64:
    """The DTW path between frame sequences ``x`` and ``y``, coarse to fine (see the module's note)."""
    top, full = _top(len(x), len(y))
    factors = [top] if full or top == 1 else [top, min(WIDE_FACTOR, top // 2)]
    while factors[-1] > 1:
        factors.append(factors[-1] // (LEVEL_FACTOR if factors[-1] % LEVEL_FACTOR == 0 else 2))
    path = None
    first = 0  # rows of ``x`` the top level left out before the reference begins
    for k, factor in enumerate(factors):
        xs, ys = pooled(x, factor), pooled(y, factor)
        if path is None:  # the top: one window over the whole matrix or a wide band
            if full:
                lo, hi = np.zeros(len(xs), dtype=np.int64), np.full(len(xs), len(ys), dtype=np.int64)
            else:
                lo, hi = _diagonal(len(xs), len(ys), round(max(DRIFT * len(ys), DRIFT_FRAMES / factor)))
            loose = round(min(LOOSE_SHARE * len(xs), LOOSE_FRAMES / factor))
            path = dtw_band(xs, ys, lo, hi, window=len(xs), loose=loose)
            begin, end = int(path[0, 0]), int(path[-1, 0]) + 1
            if begin > 0 or end < len(xs):  # what the top left out stays out: the finer levels see the rest
                first, x = begin * factor, x[begin * factor : min(len(x), end * factor)]
                path = path - np.array([begin, 0])
        elif k == 1 and not full:
            # below a banded top of frames a second long the path may be seconds off: a wide band, in
            # one window, so that the path is free to move anywhere inside it
            lo, hi = _band_around(path, factors[k - 1] // factor, len(xs), len(ys), round(SLACK_FRAMES / factor))
            path = dtw_band(xs, ys, lo, hi, window=len(xs))
        else:
            lo, hi = _band_around(path, factors[k - 1] // factor, len(xs), len(ys), RADIUS)
            path = dtw_band(xs, ys, lo, hi)
    assert path is not None
    shifted: _I64 = path + np.array([first, 0])  # int64 plus default ints is int64 (numpy's stubs: Any)
    return shifted


def mapping(path: _I64, cols: int) -> _F64:
    """For every column (reference frame), the mean row (media frame) the path pairs with it; a column
    the path skips (at a free start or end) is carried on from its neighbours."""
    sums = np.bincount(path[:, 1], weights=path[:, 0], minlength=cols)[:cols]
    counts = np.bincount(path[:, 1], minlength=cols)[:cols]
    seen = np.flatnonzero(counts)
    if not len(seen):
        return np.zeros(cols)
    return np.interp(np.arange(cols), seen, sums[seen] / counts[seen])


DTW_POOL = 2  # DTW's finest level: pairs of spectral frames (40 ms); the onsets give the last 10 ms
SNAP_MS = 350  # how far from where DTW heard a boundary its onset may be
SIGMA_MS = 150  # DTW's typical miss, for weighing an onset's distance against its pause
FIT_COLUMNS = 12  # a boundary's match is judged over this many DTW frames either side (±0.5 s)
MAX_RATIO = 1.6  # media and reference lengths are kept within this ratio of each other
STAY = 0.5  # the score of keeping DTW's time: an onset must score lower (nearer, after a longer pause)


@dataclass(frozen=True)
class Placed:
    """Where one reference moment is heard in the media (ms), how sure that is, and the evidence."""

    ms: int
    estimate_ms: int  # where DTW alone put it
    pause_ms: int  # the pause in the media just before it (0: none found, DTW's estimate kept)
    confidence: float  # 0…1


@dataclass(frozen=True)
class Alignment:
    """The reference's moments placed in the media, and where in the media the script's first word
    begins and its last ends (inside the media's speech, without any music before or after it)."""

    placed: tuple[Placed, ...]
    speech_start_ms: int
    speech_end_ms: int


@dataclass(frozen=True)
class Side:
    """A recording made ready for ``locate``: its speech, the frames DTW compares (pauses cut short,
    pooled), which spectral frames those are, and where its voice resumes after each pause (ms)."""

    found: Speech
    kept: _Ints
    frames: _F32
    onset_ms: _Ints
    onset_pause_ms: _I64


def prepare(feats: Features) -> Side:
    """``feats`` made ready for ``locate`` — worth doing for the media while the reference is spoken."""
    found = speech(feats)
    index = kept(found, feats.frames)
    frames = pooled(matchable(feats, found)[index], DTW_POOL)
    at, before = onsets(feats, found)
    return Side(found, index, frames, at * ENERGY_MS, before * ENERGY_MS)


def locate(
    media: Features | Side,
    reference: Features | Side,
    moments_ms: Sequence[int],
    silent_before_ms: int | Sequence[int] = 0,
) -> Alignment:
    """Where in ``media`` each of the reference's ``moments_ms`` (each the start of a stretch of speech
    in ``reference``, after ``silent_before_ms`` of silence there: one length for all, or one each) is heard.

    DTW between the two recordings (pauses shortened, from first word to last, see ``features.kept``)
    maps each moment to the media; the mapped time is then moved to the media's nearest speech onset —
    the end of a pause, where the voice resumes — weighing how far the onset is against how long its
    pause is (a boundary between sentences is where the voice pauses longest nearby). Where no onset is
    near, the DTW time stands. Confidence falls when the match around the moment is poor, when no pause
    confirms it, or when two onsets compete. A moment with no silence before it (a word inside a phrase)
    is not drawn to a pause nearby, where it could not be; only if DTW put it inside one does it move to
    that pause's end, where the voice resumes.
    """
    heard = media if isinstance(media, Side) else prepare(media)
    spoken = reference if isinstance(reference, Side) else prepare(reference)
    start_ms, end_ms = heard.found.first * ENERGY_MS, heard.found.last * ENERGY_MS
    if not len(heard.kept) or not len(spoken.kept):
        return Alignment(tuple(Placed(start_ms, start_ms, 0, 0.0) for _ in moments_ms), start_ms, end_ms)
    kx, ky, x, y = heard.kept, spoken.kept, heard.frames, spoken.frames
    # the reference is spoken at the media's pace, so the lengths differ little; should they not, it is
    # resampled to within the tempo ratio DTW's steps allow (½…2), and the path mapped back
    target = min(max(len(y), round(len(x) / MAX_RATIO)), round(len(x) * MAX_RATIO))
    picked = np.round(np.linspace(0, len(y) - 1, target)).astype(np.int64) if target != len(y) else None
    try:
        path = warp(x, y if picked is None else y[picked])
    except ValueError:  # no path at all (cannot happen with a whole band; a last guard)
        line = np.linspace(start_ms, end_ms, len(moments_ms) + 2)[1:-1]
        return Alignment(tuple(Placed(round(t), round(t), 0, 0.0) for t in line), start_ms, end_ms)
    if picked is not None:
        path = np.stack([path[:, 0], picked[path[:, 1]]], axis=1)
    rows = mapping(path, len(y))
    # how well the path matches around each column (±FIT_COLUMNS), against the whole path's median
    local = np.linalg.norm(x[path[:, 0]] - y[path[:, 1]], axis=1)
    typical = float(np.median(local)) or 1.0
    sums = np.concatenate([[0.0], np.cumsum(np.bincount(path[:, 1], weights=local, minlength=len(y)))])
    counts = np.concatenate([[0], np.cumsum(np.bincount(path[:, 1], minlength=len(y)))])
    onset_ms, onset_pause = heard.onset_ms, heard.onset_pause_ms
    long_pause = max(60.0, float(np.percentile(onset_pause, 90))) if len(onset_pause) else 60.0

    def heard_at(ms: _I64) -> tuple[_F64, _F64]:
        """Media ms of reference ``ms`` through the path, and the DTW columns they fall in."""
        cols = np.minimum(np.searchsorted(ky, ms // HOP_MS) / DTW_POOL, len(y) - 1.0)
        media_rows = np.interp(cols, np.arange(len(y)), rows)
        return np.round(np.interp(media_rows * DTW_POOL + (DTW_POOL - 1) / 2, np.arange(len(kx)), kx) * HOP_MS), cols

    moments = np.asarray(moments_ms, dtype=np.int64)
    before = np.broadcast_to(np.asarray(silent_before_ms, dtype=np.int64), moments.shape)
    estimates, cols = heard_at(moments)
    # where the silence before each moment begins, in the media: the media's pause should meet that span
    silences, _ = heard_at(np.maximum(0, moments - before))
    a = np.clip(np.floor(cols - FIT_COLUMNS).astype(np.int64), 0, len(y))
    b = np.clip(np.floor(cols + FIT_COLUMNS).astype(np.int64) + 1, 0, len(y))
    near = counts[b] - counts[a]
    fits = np.where(near > 0, np.minimum(1.0, typical * near / np.maximum(sums[b] - sums[a], 1e-9)), 0.5)
    onset_args = (onset_ms, onset_pause, long_pause, 1.0)
    placed = tuple(
        _snap(int(q), int(e), onset_ms, onset_pause, long_pause, float(f))
        if quiet
        else _inside_pause(int(e), onset_ms, onset_pause, float(f))
        for q, e, f, quiet in zip(np.minimum(silences, estimates), estimates, fits, before > 0, strict=True)
    )
    # where the script's first word and its last are heard: past any music the top level left out
    first_word = _snap(start_ms, int(heard_at(np.array([int(ky[0]) * HOP_MS]))[0][0]), *onset_args)
    last_row = min(len(kx) - 1, (int(path[-1, 0]) + 1) * DTW_POOL - 1)
    last_word = min(end_ms, int(kx[last_row]) * HOP_MS + HOP_MS)
    # trusted only when the top level left out a good second of sound: else the speech's own ends stand
    begins = first_word.ms if first_word.ms - start_ms >= LEFT_OUT_MS else start_ms
    ends = last_word if end_ms - last_word >= LEFT_OUT_MS else end_ms
    return Alignment(placed, begins, max(begins, ends))


def _snap(quiet: int, estimate: int, onset_ms: _Ints, onset_pause: _I64, long_pause: float, fit: float) -> Placed:
    """The onset near ``quiet``…``estimate`` (where DTW heard the reference's silence before the moment,
    and the moment) that best trades distance against the length of its pause, if one does better than
    ``STAY``; else ``estimate`` itself.

    The distance is between that span and the pause, not to the pause's end: inside a pause every frame
    sounds alike, so DTW can put a boundary anywhere in it, and the voice resumes at its end whichever
    frame that was.
    """
    pause_start = onset_ms - onset_pause
    lo = np.searchsorted(onset_ms, quiet - SNAP_MS)
    hi = np.searchsorted(pause_start, estimate + SNAP_MS, "right")
    if lo >= hi:
        return Placed(estimate, estimate, 0, round(0.4 * fit, 2))
    at, pause, begins = onset_ms[lo:hi], onset_pause[lo:hi], pause_start[lo:hi]
    distance = np.maximum(0, np.maximum(begins - estimate, quiet - at))
    strength = np.minimum(1.0, pause / long_pause)
    score = (distance / SIGMA_MS) ** 2 - 3.0 * strength
    order = np.argsort(score)
    best = int(order[0])
    if score[best] >= STAY:  # nothing near enough for its pause: DTW's time stands
        return Placed(estimate, estimate, 0, round(0.4 * fit, 2))
    closeness = float(np.exp(-0.5 * (distance[best] / SIGMA_MS) ** 2))
    confidence = fit * (0.4 + 0.6 * float(strength[best]) * closeness)
    if len(order) > 1 and score[order[1]] - score[best] < 1.0:
        confidence *= 0.6  # two onsets nearly as likely: either could be it
    return Placed(int(at[best]), estimate, int(pause[best]), round(confidence, 2))


def _inside_pause(estimate: int, onset_ms: _Ints, onset_pause: _I64, fit: float) -> Placed:
    """``estimate``, or the end of the media's pause it falls in: a word is not said in a pause."""
    k = int(np.searchsorted(onset_ms, estimate, "right"))
    if k < len(onset_ms) and onset_ms[k] - onset_pause[k] <= estimate:
        return Placed(int(onset_ms[k]), estimate, int(onset_pause[k]), round(fit, 2))
    return Placed(estimate, estimate, 0, round(fit, 2))


SKIP_COST = 2.5  # a boundary left unmatched by the pause matchers
MAX_CANDIDATES = 8  # pauses each boundary may take in the paced pass, the nearest to where it is expected
MAX_SKIP = 6  # boundaries in a row the paced pass may leave unmatched


def match_pauses(
    expected: Sequence[float], strong: Sequence[bool], ends: Sequence[int], lengths: Sequence[int], sigma: float
) -> list[int | None]:
    """Order-keeping match of boundaries to pauses (ending at ``ends``, lasting ``lengths`` ms): the index
    of the pause each boundary takes, or ``None``.

    Maximises, over increasing matches, the pauses' lengths (a segment boundary values length more)
    less the squared distance from where each boundary is expected, in units of ``sigma`` ms; a
    boundary no pause suits is skipped at ``SKIP_COST``.
    """
    n, m = len(expected), len(ends)
    value = [min(length, 1500) / 300 for length in lengths]
    inf = float("inf")
    # best[i][j]: cost of the first i boundaries with the last match at pause j-1 (j = 0: none yet)
    best = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int | None]]] = [[(0, None)] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(1, n + 1):
        x, weight = expected[i - 1], (2.0 if strong[i - 1] else 1.0)
        running, arg = inf, 0  # min of best[i-1][0..j-1], for matches at pause j-1
        for j in range(0, m + 1):
            if best[i - 1][j] + SKIP_COST < best[i][j]:  # skip boundary i: the last match stays
                best[i][j] = best[i - 1][j] + SKIP_COST
                back[i][j] = (j, None)
            if j >= 1:
                cost = running + ((x - ends[j - 1]) / sigma) ** 2 - weight * value[j - 1]
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


def match_paced(
    expected: Sequence[float],
    weights: Sequence[int],
    strong: Sequence[bool],
    ends: Sequence[int],
    lengths: Sequence[int],
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
            own = ((t - expected[i]) / window) ** 2 - (2.0 if strong[i] else 1.0) * min(lengths[j], 1500) / 300
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
    node: tuple[int, int] | None
    _, node = min(finals, key=lambda f: f[0])
    out: list[int | None] = [None] * n
    while node is not None:
        i, j = node
        out[i] = j
        node = best[i][j][1]
    return out

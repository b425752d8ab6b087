"""A recording as frames: log mel bands for matching, loudness for telling speech from pauses.

Pure functions over numpy arrays; nothing here reads files or runs programs. Both the media (the
lecture as rendered, ``media``) and the reference (the script spoken by espeak-ng, ``speech``) go
through the same ``Extractor``, block by block, so a 3-hour recording is only ever held as frames.
MFCCs describe the shape of the spectrum — the sound being made, whatever the voice's pitch — and,
normalised per recording, let two voices saying the same words trace similar paths (``matchable``).

Speech is told from the recording's own noise floor (``speech``) rather than a fixed level, so a
music bed under the voice reads as background, not as speech.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    import numpy.typing as npt

HOP_MS = 20  # spectral frame step (DTW's finest level)
ENERGY_MS = 10  # loudness frame step (speech onsets)
WINDOW_MS = 32
MEL_BANDS = 40
CEPSTRA = 13  # c1..c12 kept (c0, the loudness, is left to the speech detector)
LOW_HZ, HIGH_HZ = 80.0, 5000.0  # the band that tells speech sounds apart (higher bands only added noise)
RATE = 16_000  # Hz the media is decoded at: its onsets keep their consonants' high band
BLOCK_FRAMES = 2000  # spectral frames computed at once (bounded memory for any length)


@dataclass(frozen=True)
class Features:
    """A recording as frames: log mel bands every ``HOP_MS`` (for matching) and loudness in dB every
    ``ENERGY_MS`` (for speech)."""

    logmel: npt.NDArray[np.float32]  # (frames, MEL_BANDS)
    energy_db: npt.NDArray[np.float32]  # (energy frames,)

    @property
    def frames(self) -> int:
        return len(self.logmel)


def _mel(hz: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    return 2595.0 * np.log10(1.0 + hz / 700.0)


def _filterbank(rate: int, fft: int) -> npt.NDArray[np.float64]:
    """Triangular mel filters over ``LOW_HZ``–``HIGH_HZ`` for an FFT of ``fft`` points at ``rate``."""
    high = min(HIGH_HZ, rate / 2)
    edges = 700.0 * (10 ** (np.linspace(_mel(np.array(LOW_HZ)), _mel(np.array(high)), MEL_BANDS + 2) / 2595.0) - 1)
    bins = np.fft.rfftfreq(fft, 1.0 / rate)
    bank = np.zeros((MEL_BANDS, len(bins)))
    for k in range(MEL_BANDS):
        lo, mid, hi = edges[k], edges[k + 1], edges[k + 2]
        rise = (bins - lo) / (mid - lo)
        fall = (hi - bins) / (hi - mid)
        bank[k] = np.clip(np.minimum(rise, fall), 0.0, None)
    return bank


def _grid(rate: int, step_ms: int, frames: npt.NDArray[np.integer[Any]]) -> npt.NDArray[np.integer[Any]]:
    """Start sample of each frame on an exact ``step_ms`` grid at ``rate`` (rounded half up)."""
    return (2 * frames * rate * step_ms + 1000) // 2000


class Extractor:
    """Features of a recording at ``rate``, fed in blocks of samples of any size: a 3-hour file is
    never held whole, only its frames are kept."""

    def __init__(self, rate: int) -> None:
        self.rate = rate
        # a power of two near WINDOW_MS (512 samples at 16 and at 22.05 kHz): the FFT needs no padding
        self.window = 1 << max(4, (rate * WINDOW_MS // 1000).bit_length() - 1)
        self.fft = self.window
        self.taper = np.hanning(self.window)
        self.bank = _filterbank(rate, self.fft).T.copy()
        self.pending = np.zeros(0, dtype=np.float64)
        self.consumed = 0  # samples dropped from the front of ``pending`` so far
        self.made = 0  # spectral frames made so far
        self.energy_made = 0
        self.last = 0.0  # the sample before ``pending``, for the pre-emphasis
        self.logmel: list[npt.NDArray[np.float32]] = []
        self.energy: list[npt.NDArray[np.float32]] = []

    def feed(self, samples: npt.NDArray[np.int16] | npt.NDArray[np.floating[Any]]) -> None:
        """Add samples (int16, or float in −1…1) and turn every complete frame into features."""
        data = samples.astype(np.float64)
        if samples.dtype == np.int16:
            data /= 32768.0
        buffer = np.concatenate([self.pending, data])
        end = self.consumed + len(buffer)
        self._energy(buffer, end)
        total = (end - self.window) * 1000 // (self.rate * HOP_MS) + 1 if end >= self.window else 0
        while total > 0 and int(_grid(self.rate, HOP_MS, np.array(total - 1))) + self.window > end:
            total -= 1
        for first in range(self.made, total, BLOCK_FRAMES):
            k = np.arange(first, min(total, first + BLOCK_FRAMES), dtype=np.int64)
            starts = _grid(self.rate, HOP_MS, k) - self.consumed
            frames = np.zeros((len(k), self.fft))
            frames[:, : self.window] = buffer[starts[:, None] + np.arange(self.window)] * self.taper
            spectrum = np.fft.rfft(frames)
            power = spectrum.real**2 + spectrum.imag**2
            self.logmel.append(np.log(power @ self.bank + 1e-10).astype(np.float32))
        self.made = max(self.made, total)
        spectral = int(_grid(self.rate, HOP_MS, np.array(self.made)))
        loudness = int(_grid(self.rate, ENERGY_MS, np.array(self.energy_made)))
        keep = min(spectral, loudness) - self.consumed
        self.pending = buffer[keep:]
        self.consumed += keep

    def _energy(self, buffer: npt.NDArray[np.float64], end: int) -> None:
        """Loudness of every complete ``ENERGY_MS`` frame, from a running sum of squares."""
        total = end * 1000 // (self.rate * ENERGY_MS)
        while total > 0 and int(_grid(self.rate, ENERGY_MS, np.array(total))) > end:
            total -= 1
        if total <= self.energy_made:
            return
        edges = _grid(self.rate, ENERGY_MS, np.arange(self.energy_made, total + 1, dtype=np.int64)) - self.consumed
        squares = np.concatenate([[0.0], np.cumsum(buffer[edges[0] : edges[-1]] ** 2)])
        sums = squares[edges[1:] - edges[0]] - squares[edges[:-1] - edges[0]]
        self.energy.append((10.0 * np.log10(sums / np.diff(edges) + 1e-10)).astype(np.float32))
        self.energy_made = total

    def result(self) -> Features:
        logmel = np.concatenate(self.logmel) if self.logmel else np.zeros((0, MEL_BANDS), dtype=np.float32)
        energy = np.concatenate(self.energy) if self.energy else np.zeros(0, dtype=np.float32)
        return Features(logmel, energy)


def cepstra(logmel: npt.NDArray[np.float32], count: int = CEPSTRA) -> npt.NDArray[np.float32]:
    """MFCCs c1…c(count−1) of log mel frames: the spectrum's shape, less its loudness (c0)."""
    n: int = logmel.shape[1]  # numpy's stubs type a shape's entries as Any
    k = np.arange(1, count)[:, None]
    basis = np.cos(np.pi * k * (2 * np.arange(n)[None, :] + 1) / (2 * n)) * math.sqrt(2.0 / n)
    return (logmel @ basis.T.astype(np.float32)).astype(np.float32)


def extract(samples: npt.NDArray[np.int16] | npt.NDArray[np.floating[Any]], rate: int) -> Features:
    """Features of a whole recording held in memory."""
    extractor = Extractor(rate)
    extractor.feed(samples)
    return extractor.result()


@dataclass(frozen=True)
class Speech:
    """Which ``ENERGY_MS`` frames of a recording are speech, by a threshold set from the recording itself."""

    voiced: npt.NDArray[np.bool_]  # (energy frames,)
    floor_db: float
    level_db: float
    threshold_db: float

    @property
    def first(self) -> int:
        """The first voiced frame (0 when there is none)."""
        hits = np.flatnonzero(self.voiced)
        return int(hits[0]) if len(hits) else 0

    @property
    def last(self) -> int:
        """One past the last voiced frame (0 when there is none)."""
        hits = np.flatnonzero(self.voiced)
        return int(hits[-1]) + 1 if len(hits) else 0


MIN_RUN_MS = 30  # speech shorter than this is a click, not a syllable
BRIDGE_MS = 40  # a dip shorter than this inside speech is a stop consonant, not a pause
BELOW_VOICE_DB = 25.0  # a frame this far below the voice is a pause, however far below it the floor is


def speech(feats: Features) -> Speech:
    """Speech frames: those louder than a threshold between the recording's noise floor and its voice.

    The floor is a low percentile of the frame energies — silence, room tone or a music bed, whatever
    fills the pauses — and the level a high one, the voice. The threshold is Otsu's: the level that
    best splits the energies into two groups, kept at least 8 dB above the floor and 10 dB below the
    voice. A fixed −40 dBFS would call a music bed speech and a quiet recording silence; this does
    neither. Short runs are cleaned afterwards: clicks dropped, stop-consonant dips bridged.
    """
    e = feats.energy_db
    if not len(e):
        return Speech(np.zeros(0, dtype=bool), 0.0, 0.0, 0.0)
    floor = float(np.percentile(e, 2))
    level = float(np.percentile(e, 95))
    threshold = min(max(_otsu(e, floor, level), floor + 8.0, level - BELOW_VOICE_DB), level - 10.0)
    voiced = e > threshold
    voiced = _fill_runs(voiced, False, BRIDGE_MS // ENERGY_MS)
    voiced = _fill_runs(voiced, True, MIN_RUN_MS // ENERGY_MS)
    return Speech(voiced, floor, level, max(threshold, floor))


def _otsu(values: npt.NDArray[np.float32], lo: float, hi: float) -> float:
    """The threshold that maximises the between-group variance of ``values`` (1 dB steps in lo…hi)."""
    if hi - lo < 2:
        return lo
    counts, edges = np.histogram(np.clip(values, lo, hi), bins=max(2, int(hi - lo)), range=(lo, hi))
    centres = (edges[:-1] + edges[1:]) / 2
    weight = np.cumsum(counts)
    total = weight[-1]
    mass = np.cumsum(counts * centres)
    below, above = weight[:-1], total - weight[:-1]
    ok = (below > 0) & (above > 0)
    mean_below = np.where(ok, mass[:-1] / np.maximum(below, 1), 0)
    mean_above = np.where(ok, (mass[-1] - mass[:-1]) / np.maximum(above, 1), 0)
    between = np.where(ok, below * above * (mean_below - mean_above) ** 2, -1)
    return float(edges[1:-1][int(np.argmax(between))])


def _runs(mask: npt.NDArray[np.bool_]) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
    """Start and end (exclusive) of every run of equal values in ``mask``."""
    change = np.flatnonzero(mask[1:] != mask[:-1]) + 1
    return np.concatenate([[0], change]), np.concatenate([change, [len(mask)]])


def _fill_runs(mask: npt.NDArray[np.bool_], value: bool, shorter_than: int) -> npt.NDArray[np.bool_]:
    """``mask`` with every inner run of ``value`` shorter than ``shorter_than`` frames flipped."""
    if not len(mask):
        return mask
    out = mask.copy()
    starts, ends = _runs(mask)
    short = (mask[starts] == value) & (ends - starts < shorter_than) & (starts > 0) & (ends < len(mask))
    for a, b in zip(starts[short], ends[short], strict=True):
        out[a:b] = not value
    return out


def pauses(found: Speech, min_ms: int) -> list[tuple[int, int]]:
    """Every pause inside the speech at least ``min_ms`` long, as (start, end) in ms."""
    if not len(found.voiced):
        return []
    starts, ends = _runs(found.voiced)
    out = []
    for a, b in zip(starts, ends, strict=True):
        if not found.voiced[a] and (b - a) * ENERGY_MS >= min_ms:
            out.append((int(a) * ENERGY_MS, int(b) * ENERGY_MS))
    return out


RISE_MS = 80  # how far before the threshold crossing a word's first sound may begin


def onsets(feats: Features, found: Speech) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.int64]]:
    """Frames where speech resumes after a pause, and the length in frames of the pause before each.

    A word crosses the threshold only once it is well under way (a consonant starts quietly), so each
    onset is taken back over the frames that still rise towards it — louder than the pause's own level
    (its median, silence or music alike) by 3 dB, within 20 dB of the crossing — by at most ``RISE_MS``.
    """
    voiced, energy = found.voiced, feats.energy_db
    starts, ends = _runs(voiced)
    resumed = np.flatnonzero(voiced[starts] & (starts > 0))
    at = starts[resumed].copy()
    before = (ends[resumed - 1] - starts[resumed - 1]).astype(np.int64)
    reach = RISE_MS // ENERGY_MS
    for n, k in enumerate(resumed):
        quiet = float(np.median(energy[starts[k - 1] : ends[k - 1]]))
        onset = int(at[n])
        limit = max(int(starts[k - 1]) + 1, onset - reach)
        floor = max(quiet + 3.0, float(energy[onset]) - 20.0)
        while onset > limit and floor < energy[onset - 1] < energy[onset]:
            onset -= 1
        before[n] -= at[n] - onset
        at[n] = onset
    return at, before


def _spectral_mask(found: Speech, frames: int) -> npt.NDArray[np.bool_]:
    """The speech mask on the ``HOP_MS`` grid: a spectral frame is speech if any of its parts is."""
    ratio = HOP_MS // ENERGY_MS
    v = found.voiced[: frames * ratio]
    out = np.zeros(frames, dtype=bool)
    whole = len(v) // ratio
    out[:whole] = v[: whole * ratio].reshape(whole, ratio).any(axis=1)
    return out


def matchable(feats: Features, found: Speech) -> npt.NDArray[np.float32]:
    """The frames DTW compares: MFCCs c1…c12 and their slopes, normalised over the speech (removing
    the voice's and the channel's constant colour), and the loudness c0, normalised the same way —
    the rhythm of syllables and pauses, which every voice shares."""
    mask = _spectral_mask(found, feats.frames)
    ceps = cepstra(feats.logmel)
    ceps = _normalised(ceps, mask)
    slopes = np.gradient(ceps, axis=0) if len(ceps) > 1 else np.zeros_like(ceps)
    loud = _normalised(feats.logmel.mean(axis=1, keepdims=True), mask)
    return np.concatenate([ceps, 2.0 * slopes, 2.0 * loud], axis=1).astype(np.float32)


def _normalised(x: npt.NDArray[np.float32], mask: npt.NDArray[np.bool_]) -> npt.NDArray[np.float32]:
    ref = x[mask] if mask.any() else x
    if not len(ref):
        return x.astype(np.float32)
    # typed here: numpy's stubs give ``Any`` for a mean along an axis
    out: npt.NDArray[np.float32] = ((x - ref.mean(axis=0)) / (ref.std(axis=0) + 1e-6)).astype(np.float32)
    return out


KEPT_PAUSE_FRAMES = 4  # every pause is cut to at most this many ``HOP_MS`` frames before matching (80 ms)


def kept(found: Speech, frames: int) -> npt.NDArray[np.signedinteger[Any]]:
    """Indices of the spectral frames from the first word to the last, with every pause cut to at most
    ``KEPT_PAUSE_FRAMES`` (half at each end). Voices pause for different lengths, and a music bed fills
    pauses with what the reference has not; cut short, a pause still shows where it is, but one voice's
    long pause no longer has to be matched against the other's short one, which would pull the path —
    and the boundary after it — off by the difference."""
    mask = _spectral_mask(found, frames)
    hits = np.flatnonzero(mask)
    if not len(hits):
        return np.zeros(0, dtype=np.int64)
    lo, hi = int(hits[0]), int(hits[-1]) + 1
    keep = np.zeros(frames, dtype=bool)
    keep[lo:hi] = True
    starts, ends = _runs(mask[lo:hi])
    half = KEPT_PAUSE_FRAMES // 2
    for a, b in zip(starts + lo, ends + lo, strict=True):
        if not mask[a] and b - a > KEPT_PAUSE_FRAMES:
            keep[a + half : b - (KEPT_PAUSE_FRAMES - half)] = False
    return np.flatnonzero(keep)

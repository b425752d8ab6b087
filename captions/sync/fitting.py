"""Fit the timeline to the lecture as it was really rendered: the media says when each sentence is heard.

The report's timeline is an estimate (upstream gives every script line ``len/5`` seconds); the rendered
lecture is as long as its TTS audio, spoken in one run with no pauses added and usually sped up 1.5x.
The timeline still says *what* is said and in *which order*; the media says *when*. Methods:

- ``content`` (the default) finds where every sentence is spoken by comparing the media with the script
  spoken by espeak-ng (``speech``, ``align``): it needs no pause, no steady pace and no silence level;
  a pause near a boundary only sharpens it;
- ``pauses`` moves every boundary to a pause in the media (order-keeping dynamic programming, see
  ``align.match_pauses``): right only when the voice pauses between sentences at a steady pace;
- ``scale`` stretches the timeline linearly onto the media's speech;
- ``none`` keeps the timeline and only reports the drift.

Everything is aligned in the media's own time. The media plays the lecture at ``speed`` (upstream's
``_audio_improved.mp3`` files at 1.5), so the fitted 1x timeline is media time × speed: the captions at
that speed follow the media, and every other speed is derived from the 1x ones as always.

Media that cannot be this lecture's — its speech rate for this script, at its speed, outside what any
voice does — is refused rather than stretched (``check_rate``).
"""

from __future__ import annotations

import bisect
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from typing import TYPE_CHECKING

from captions.errors import MediaError
from captions.text import syllables
from captions.timeline import Finding, Segment, Timeline, speed_label

if TYPE_CHECKING:  # numpy, and the code that needs it, load only when media is aligned
    from captions.sync.align import Placed
    from captions.sync.features import Features
    from captions.sync.media import Heard
    from captions.sync.speech import Speaking

METHODS = ("content", "pauses", "scale", "none")
MIN_PAUSE_MS = 100  # a pause the pauses method may use
WORD_FIT = 0.8  # a word where DTW matches worse than this (about a tenth of words) is placed by rhythm
HOLD_MS = 500  # the last caption stays this long after the last word (within the media)
MIN_RATE, MAX_RATE = 2.0, 20.0  # syllables a second at 1x: outside, no voice is reading this script
FAST_AT_1X = 7.0  # a sustained rate above this at 1x is a sped-up recording, not a voice
TYPICAL_AT_1X = 5.5  # a Korean narrator's rate, syllables a second: what a sped-up recording is divided by
LOW_CONFIDENCE = 0.5
SPEAK_WPM_PER_SYLLABLE = 40  # espeak-ng's Korean voice: words a minute for one syllable a second
SPEECH_SHARE = 0.92  # of a media file's length, the part from first word to last (for the first guess)
RESPEAK = 0.3  # a first guess at the pace further off than this share is spoken again
SPREAD = 0.05  # pauses method, first pass: expected-position uncertainty, as a share of the lecture
FINE = 0.01  # second pass, around positions corrected by the first pass's local drift
NEIGHBOURS = 4  # boundaries on each side whose drift the second pass follows


@dataclass(frozen=True, order=True)
class Pause:
    """A stretch of non-speech in the media, in ms."""

    start_ms: int
    end_ms: int

    @property
    def length_ms(self) -> int:
        return self.end_ms - self.start_ms


@dataclass(frozen=True)
class Media:
    """What fitting needs to know of the lecture's media, all in the media's own time.

    Real media comes as ``heard`` (``media.listen``), still decoding: its speech span, pauses and
    features are read from it when first needed, so the script can be spoken meanwhile. Tests may give
    ``speech_span`` and ``pauses`` directly instead.
    """

    name: str
    length_ms: int
    method: str = "content"
    speed: Fraction = Fraction(1)
    speed_given: bool = False
    heard: Heard | None = None
    speech_span: tuple[int, int] | None = None
    given_pauses: tuple[Pause, ...] = ()

    @cached_property
    def _found(self) -> tuple[tuple[int, int], tuple[Pause, ...], int]:
        if self.heard is None:
            return self.speech_span or (0, self.length_ms), self.given_pauses, self.length_ms
        from captions.sync import features

        found = features.speech(self.heard.features)
        span = (found.first * features.ENERGY_MS, found.last * features.ENERGY_MS)
        pauses = tuple(Pause(a, b) for a, b in features.pauses(found, MIN_PAUSE_MS))
        return span, pauses, self.heard.length_ms

    @property
    def speech_ms(self) -> tuple[int, int]:
        """Where the first word begins and the last ends (waits for the decoding)."""
        return self._found[0]

    @property
    def pauses(self) -> tuple[Pause, ...]:
        return self._found[1]

    @property
    def decoded_ms(self) -> int:
        """The length as decoded (``length_ms`` is ffprobe's, known at once)."""
        return self._found[2]

    @property
    def features(self) -> Features | None:
        return self.heard.features if self.heard is not None else None


def heard(listened: Heard, method: str, speed: Fraction = Fraction(1), *, given: bool = False) -> Media:
    """``Media`` from a media file being listened to (``media.listen``)."""
    return Media(listened.name, listened.probed_ms or 0, method, speed, given, listened)


@dataclass(frozen=True)
class Spoken:
    """A segment as it is said: its weight (``plan.Chunk.weight`` units) and its sentences, each with the
    weight at which it begins inside the segment; and for each sentence, the weight at which each of its
    words (split at whitespace, as espeak-ng is given them) begins, so that words can be placed too."""

    weight: int
    sentences: tuple[tuple[int, str], ...]
    words: tuple[tuple[int, ...], ...] = ()


@dataclass(frozen=True)
class Moved:
    """One boundary: where the timeline had it, where it was expected, where it went (1x ms), how sure."""

    segment: int  # the segment that starts here, or that holds the sentence boundary
    is_segment: bool
    timeline_ms: int
    expected_ms: int
    placed_ms: int
    fell_back: bool  # no pause confirmed it: placed by the content match (or by scaling) alone
    confidence: float = 1.0

    @property
    def uncertain(self) -> bool:
        return self.confidence < LOW_CONFIDENCE


@dataclass(frozen=True)
class Synced:
    """The timeline fitted to the media (1x ms), with what the report says about it."""

    method: str
    media: str
    media_ms: int
    timeline_ms: int
    timeline: Timeline
    anchors: dict[int, tuple[tuple[int, int], ...]] = field(default_factory=dict)  # segment → (offset, ms)
    moves: tuple[Moved, ...] = ()
    pauses: int = 0
    speed: Fraction = Fraction(1)
    speed_given: bool = False
    rate: float = 0.0  # syllables a second, in the media as it plays
    reference_ms: int = 0  # length of the spoken reference (content method)
    words: dict[int, tuple[tuple[int, int], ...]] = field(default_factory=dict)  # segment → (offset, ms) heard
    silences: tuple[tuple[int, int], ...] = ()  # the pauses heard in the voice, (start, end) 1x ms, in order
    rhythm: dict[int, frozenset[int]] = field(default_factory=dict)  # segment → word offsets placed by rhythm

    @property
    def heard(self) -> bool:
        """Whether the segments' starts were found in the media (not only scaled, or kept)."""
        return self.method in ("content", "pauses")


@dataclass(frozen=True)
class Boundary:
    """A sentence start in script order (all but the lecture's first): its segment, its offset in that
    segment's weight, its weight from the lecture's start, whether a new segment starts here, where the
    timeline put it, and the sentence's index among all sentences."""

    segment: int
    offset: int
    weight: int
    is_segment: bool
    timeline_ms: int
    unit: int


def check_rate(media: Media, spoken: Sequence[Spoken]) -> float:
    """The media's speech rate in syllables a second as it plays; a ``MediaError`` when, at the media's
    speed, no voice reads this script that fast or that slowly (stale or wrong audio)."""
    said = _syllables(spoken)
    span = media.speech_ms[1] - media.speech_ms[0]
    if not said:
        return 0.0
    if span <= 0:
        raise MediaError(f"{media.name}: no speech found in it")
    rate = said * 1000 / span
    at_1x = rate / float(media.speed)
    if not MIN_RATE <= at_1x <= MAX_RATE:
        raise MediaError(
            f"{media.name}: {span / 1000:.1f} s of speech for {said} syllables is {at_1x:.1f} syllables a second "
            f"at {speed_label(media.speed)}; no voice reads this script at that rate "
            f"({MIN_RATE:g}–{MAX_RATE:g}): is it this lecture's audio?"
        )
    return rate


def _syllables(spoken: Sequence[Spoken]) -> int:
    return sum(syllables.count(text) for s in spoken for _, text in s.sentences)


def fit(timeline: Timeline, spoken: Sequence[Spoken], media: Media) -> Synced:
    """The timeline fitted to ``media`` by ``media.method``; ``spoken`` is each segment as said.

    For ``content`` the script starts being spoken (in another process) before the media has been
    decoded, at a pace guessed from the media's length; it is spoken again, at the measured pace, if
    that guess was far off.
    """
    boundaries, units = _boundaries(timeline, spoken)
    speaking = None
    if media.method == "content" and boundaries and media.length_ms > 0:
        from captions.sync import speech

        guess = _syllables(spoken) * 1000 / (SPEECH_SHARE * media.length_ms)
        speaking = (speech.begin(units, round(guess * SPEAK_WPM_PER_SYLLABLE)), guess)
    try:
        return _fit(timeline, spoken, media, boundaries, units, speaking)
    except BaseException:
        if speaking:
            speaking[0].stop()  # refused, or failed: the reference is not needed
        raise


def _fit(
    timeline: Timeline,
    spoken: Sequence[Spoken],
    media: Media,
    boundaries: list[Boundary],
    units: list[str],
    speaking: tuple[Speaking, float] | None,
) -> Synced:
    rate = check_rate(media, spoken)
    speed = media.speed
    end = timeline.end_ms
    length = media.decoded_ms

    def at_1x(ms: float) -> int:
        return round(ms * speed)

    if media.method == "none":
        return Synced(
            "none", media.name, at_1x(length), end, timeline, speed=speed, speed_given=media.speed_given, rate=rate
        )
    lead = media.speech_ms[0]
    stop = min(length, media.speech_ms[1] + HOLD_MS)
    if media.method == "scale":
        fitted = scaled(timeline, at_1x(lead), at_1x(stop))
        return Synced(
            "scale", media.name, at_1x(length), end, fitted, speed=speed, speed_given=media.speed_given, rate=rate
        )
    if media.method == "pauses":
        found = _by_pauses(boundaries, spoken, media)
    elif media.method == "content":
        found = _by_content(boundaries, units, _unit_words(timeline, spoken), media, rate, speaking)
        if found.heard is not None:  # where the script is heard: past a jingle louder than the voice, too
            lead, stop = found.heard[0], min(length, found.heard[1] + HOLD_MS)
    else:
        raise ValueError(f"unknown sync method {media.method!r}")
    placed = found.placed
    moves = tuple(
        Moved(b.segment, b.is_segment, b.timeline_ms, at_1x(x), at_1x(t), f, c)
        for b, x, t, f, c in zip(boundaries, found.expected, placed, found.fell, found.confidence, strict=True)
    )
    words = [(n, w, at_1x(t)) for n, w, t, _ in found.words]
    fitted, anchors = _assemble(
        timeline, spoken, boundaries, [at_1x(t) for t in placed], at_1x(lead), at_1x(stop), words
    )
    heard: dict[int, list[tuple[int, int]]] = {}
    rhythm: dict[int, list[int]] = {}
    for (n, w, t), (*_, sure) in zip(words, found.words, strict=True):
        if sure:
            heard.setdefault(n, []).append((w, t))
        else:
            rhythm.setdefault(n, []).append(w)
    return Synced(
        media.method, media.name, at_1x(length), end, fitted, anchors, moves, len(media.pauses),
        speed=speed, speed_given=media.speed_given, rate=rate, reference_ms=found.reference_ms,
        words={n: tuple(sorted(x)) for n, x in heard.items()},
        rhythm={n: frozenset(x) for n, x in rhythm.items()},
        silences=tuple((at_1x(p.start_ms), at_1x(p.end_ms)) for p in media.pauses),
    )  # fmt: skip


def scaled(timeline: Timeline, start_ms: int, end_ms: int) -> Timeline:
    """Every time mapped linearly from the timeline's span onto ``start_ms``…``end_ms``, rounded to the ms."""
    total = timeline.end_ms or 1
    length = max(0, end_ms - start_ms)

    def at(ms: int) -> int:
        return start_ms + (2 * ms * length + total) // (2 * total)

    segments = tuple(Segment(s.number, at(s.start_ms), at(s.end_ms), s.text) for s in timeline.segments)
    return Timeline(timeline.source, timeline.kind, segments, timeline.header, timeline.findings)


def _boundaries(timeline: Timeline, spoken: Sequence[Spoken]) -> tuple[list[Boundary], list[str]]:
    """Every sentence start but the first, in order, and the text of every sentence."""
    boundaries: list[Boundary] = []
    units: list[str] = []
    running = 0
    for seg, said in zip(timeline.segments, spoken, strict=True):
        for k, (offset, text) in enumerate(said.sentences):
            if units:
                at = seg.start_ms + (seg.duration_ms * offset // said.weight if said.weight else 0)
                boundaries.append(Boundary(seg.number, offset, running + offset, k == 0, at, len(units)))
            units.append(text)
        running += said.weight
    return boundaries, units


@dataclass(frozen=True)
class _Placements:
    """What a method found: each boundary where it was expected, where it went, how sure, whether a pause
    confirmed it (all in media ms); for ``content`` also the reference's length, where the script's
    first word and last are heard, and where each word inside a sentence is: (segment, weight, ms)."""

    expected: list[int]
    placed: list[int]
    confidence: list[float]
    fell: list[bool]
    reference_ms: int = 0
    heard: tuple[int, int] | None = None
    words: list[tuple[int, int, int, bool]] = field(default_factory=list)  # and whether heard (``_by_rhythm``)


def _unit_words(timeline: Timeline, spoken: Sequence[Spoken]) -> list[tuple[int, tuple[int, ...], list[str]]]:
    """For each unit (sentence) in script order: its segment, the weight at which each of its words begins,
    and its words."""
    units: list[tuple[int, tuple[int, ...], list[str]]] = []
    for seg, said in zip(timeline.segments, spoken, strict=True):
        for k, (_, text) in enumerate(said.sentences):
            units.append((seg.number, said.words[k] if k < len(said.words) else (), text.split()))
    return units


def _by_content(
    boundaries: Sequence[Boundary],
    units: Sequence[str],
    words: Sequence[tuple[int, tuple[int, ...], list[str]]],
    media: Media,
    rate: float,
    speaking: tuple[Speaking, float] | None,
) -> _Placements:
    """Each boundary where the media says its sentence's first words, and each word inside a sentence where
    the media says it, by comparison with espeak-ng (``words``: ``_unit_words``)."""
    from captions.sync import align, speech

    if media.features is None:
        raise MediaError(f"{media.name}: the content method needs the media's audio")
    if not boundaries:
        return _Placements([], [], [], [])
    if speaking is not None and abs(speaking[1] / rate - 1) > RESPEAK:
        speaking[0].stop()  # the guess from the media's length was far off: speak at the measured pace
        speaking = None
    pending = speaking[0] if speaking else speech.begin(units, round(rate * SPEAK_WPM_PER_SYLLABLE))
    heard = align.prepare(media.features)  # while the script is still being spoken
    reference = pending.result()
    moments = [reference.starts_ms[b.unit] for b in boundaries]
    sentence = [b.unit for b in boundaries]  # the sentence each moment is in
    keys: list[tuple[int, int]] = []  # (segment, weight) of each word placed
    for unit, k, ms in reference.words:
        segment, offsets, said = words[unit]
        if 0 < k < len(offsets) and k < len(said):
            keys.append((segment, offsets[k]))
            moments.append(ms)
            sentence.append(unit)
    # a sentence start is drawn to the voice's pause before it; a word is not, even after a comma: a
    # comma's pause is short in a fast voice, and the pause of a word nearby would win (measured: a
    # caption after a comma 270 ms off under a music bed); DTW's time stands unless it is inside a pause
    quiet = [speech.UNIT_PAUSE_MS] * len(boundaries) + [0] * len(keys)
    found = align.locate(heard, reference.features, moments, quiet)
    placed = found.placed[: len(boundaries)]
    return _Placements(
        [p.estimate_ms for p in placed],
        [p.ms for p in placed],
        [p.confidence for p in placed],
        [p.pause_ms == 0 for p in placed],
        reference.length_ms,
        (found.speech_start_ms, found.speech_end_ms),
        [
            (n, w, t, sure)
            for (n, w), (t, sure) in zip(
                keys, _by_rhythm(moments, found.placed, sentence, len(boundaries))[len(boundaries) :], strict=True
            )
        ],
    )


def _by_rhythm(
    moments: Sequence[int], placed: Sequence[Placed], sentence: Sequence[int], starts: int = 0
) -> list[tuple[int, bool]]:
    """Each moment's media time, and whether it is DTW's (``True``) or the reference's rhythm's.

    Where the match around a moment is poor (``WORD_FIT``), DTW's path can wander (a run of Latin names
    read by a Korean voice: six words 300–650 ms early, each in step with its neighbours); the reference's
    own rhythm is then the better guide: the moment is placed by its time in the reference, scaled between
    the nearest well-matched moments on either side — only when both are in its own sentence, which the
    voice says at one pace (across a sentence's end the pause and the pace both change). The first
    ``starts`` moments are sentence starts: one that was moved to the end of a pause in the media, where
    the voice resumes, is as good as a well-matched one. Otherwise DTW's time stands."""
    order = sorted(range(len(moments)), key=lambda i: moments[i])
    good = [i for i in order if placed[i].confidence >= WORD_FIT or (i < starts and placed[i].pause_ms > 0)]
    refs = [moments[i] for i in good]
    out = [(p.ms, True) for p in placed]
    for i in order:
        k = bisect.bisect_left(refs, moments[i])
        if i < starts or placed[i].confidence >= WORD_FIT or k == 0 or k == len(refs):
            continue
        a, b = good[k - 1], good[k]
        r0, r1, t0, t1 = moments[a], moments[b], placed[a].ms, placed[b].ms
        if sentence[a] == sentence[i] == sentence[b] and r1 > r0 and t1 >= t0:
            out[i] = (t0 + round((moments[i] - r0) * (t1 - t0) / (r1 - r0)), False)
    return out


def _by_pauses(boundaries: Sequence[Boundary], spoken: Sequence[Spoken], media: Media) -> _Placements:
    """Each boundary at a pause, by two order-keeping passes (see the module's note); a boundary no pause
    fits is scaled between its matched neighbours (confidence 0.5, against 1 for a matched one)."""
    from captions.sync import align

    lead, media_ms = media.speech_ms[0], media.speech_ms[1]
    inner = [p for p in media.pauses if lead < p.start_ms and p.end_ms < media_ms]
    total = sum(s.weight for s in spoken) or 1
    speech = media_ms - lead
    guess = [lead + b.weight * speech / total for b in boundaries]
    strong = [b.is_segment for b in boundaries]
    weights = [b.weight for b in boundaries]
    ends = [p.end_ms for p in inner]
    lengths = [p.length_ms for p in inner]
    first = align.match_pauses(guess, strong, ends, lengths, max(1500.0, SPREAD * speech))
    drift = [t - x for t, x in zip(_placed(weights, first, ends, lead, total, media_ms), guess, strict=True)]
    expected = [x + statistics.median(drift[max(0, i - NEIGHBOURS) : i + NEIGHBOURS + 1]) for i, x in enumerate(guess)]
    matches = align.match_paced(expected, weights, strong, ends, lengths, lead, media_ms, total)
    if matches is None:
        matches = align.match_pauses(expected, strong, ends, lengths, max(1000.0, FINE * speech))
    placed = _placed(weights, matches, ends, lead, total, media_ms)
    fell = [j is None for j in matches]
    return _Placements([round(x) for x in expected], placed, [0.5 if f else 1.0 for f in fell], fell)


def _placed(
    weights: Sequence[int], matches: Sequence[int | None], ends: Sequence[int], lead: int, total: int, last: int
) -> list[int]:
    """Each boundary's time: its pause's end if matched, else scaled between the matched neighbours."""
    known = [(0, lead)]
    known += [(w, ends[j]) for w, j in zip(weights, matches, strict=True) if j is not None]
    known.append((total, last))
    placed: list[int] = []
    for w, j in zip(weights, matches, strict=True):
        if j is not None:
            placed.append(ends[j])
            continue
        lo = max((k for k in known if k[0] <= w), key=lambda k: k[0])
        hi = min((k for k in known if k[0] >= w), key=lambda k: k[0])
        share = (w - lo[0]) / (hi[0] - lo[0]) if hi[0] > lo[0] else 0.0
        placed.append(round(lo[1] + share * (hi[1] - lo[1])))
    return placed


def _assemble(
    timeline: Timeline,
    spoken: Sequence[Spoken],
    boundaries: Sequence[Boundary],
    placed: Sequence[int],
    lead: int,
    stop: int,
    words: Sequence[tuple[int, int, int]] = (),
) -> tuple[Timeline, dict[int, tuple[tuple[int, int], ...]]]:
    """The fitted timeline: each segment from where it is heard to where the next one is (the last to
    ``stop``), in order and inside ``lead``…``stop``; and as anchors, each segment's sentence starts and
    the starts of the ``words`` (segment, weight, ms) that agree with them (``_agreeing``)."""
    segments = timeline.segments
    starts = {b.segment: t for b, t in zip(boundaries, placed, strict=True) if b.is_segment}
    following = [stop] * len(segments)  # the next fitted segment start after each segment
    for k in range(len(segments) - 2, -1, -1):
        following[k] = min(stop, starts.get(segments[k + 1].number, following[k + 1]))
    new: list[Segment] = []
    cursor = lead
    for k, seg in enumerate(segments):
        start = min(max(starts.get(seg.number, cursor), cursor), stop)
        end = max(start, following[k])
        if not spoken[k].weight:
            end = start  # nothing said: no time
        new.append(Segment(seg.number, start, end, seg.text))
        cursor = end
    spans = {s.number: (s.start_ms, s.end_ms) for s in new}
    anchors: dict[int, list[tuple[int, int]]] = {}
    for b, t in zip(boundaries, placed, strict=True):
        if not b.is_segment:
            lo, hi = spans[b.segment]
            anchors.setdefault(b.segment, []).append((b.offset, min(max(t, lo), hi)))
    said = {s.number: w.weight for s, w in zip(segments, spoken, strict=True)}
    heard: dict[int, list[tuple[int, int]]] = {}
    for n, w, t in words:
        heard.setdefault(n, []).append((w, t))
    for n, found in heard.items():
        lo, hi = spans[n]
        fixed = [(0, lo), *anchors.get(n, []), (said[n], hi)]
        anchors[n] = sorted([*anchors.get(n, []), *_agreeing(fixed, found)])
    fitted = Timeline(timeline.source, timeline.kind, tuple(new), timeline.header, timeline.findings)
    return fitted, {n: tuple(a) for n, a in anchors.items()}


def _agreeing(fixed: Sequence[tuple[int, int]], found: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Of the word starts ``found`` (weight, ms), the most that keep time and text in step: each between the
    ``fixed`` points (sentence starts, the segment's ends) on either side of it, and all of them in order
    (the longest chain whose times never go back as the weights go on, strictly inside the fixed ones)."""
    fixed = sorted(fixed)
    inside = []
    for w, t in sorted(found):
        k = bisect.bisect_right(fixed, (w, t))
        if 0 < k < len(fixed) and fixed[k - 1][0] < w < fixed[k][0] and fixed[k - 1][1] <= t <= fixed[k][1]:
            inside.append((w, t))
    # the longest run that never goes back in time: patience sorting, O(n log n)
    tails: list[int] = []  # tails[j]: the word ending the chain of length j + 1 with the earliest last time
    times: list[int] = []  # and that time
    before = [-1] * len(inside)
    for i, (_, t) in enumerate(inside):
        j = bisect.bisect_right(times, t)
        before[i] = tails[j - 1] if j else -1
        if j == len(tails):
            tails.append(i)
            times.append(t)
        else:
            tails[j], times[j] = i, t
    chain, i = [], tails[-1] if tails else -1
    while i >= 0:
        chain.append(inside[i])
        i = before[i]
    return chain[::-1]


def findings(synced: Synced, speeds: Sequence[Fraction]) -> list[Finding]:
    """What the report should say up front: the plain timeline's drift at each requested speed, a media
    that plays faster than any voice speaks without ``--media-speed``, and every uncertain boundary."""
    drift = synced.media_ms - synced.timeline_ms
    at = " · ".join(f"{speed_label(s)} {float(drift / s) / 1000:+.1f}초" for s in speeds)
    out = [
        Finding(
            "media-drift",
            f"구간 목록({synced.timeline_ms / 1000:.1f}초)과 미디어(1x로 {synced.media_ms / 1000:.1f}초)의 길이가 "
            f"다릅니다 ({at}): '{synced.method}' 방식으로 맞췄습니다",
        )
    ]
    at_1x = synced.rate / float(synced.speed)
    if not synced.speed_given and at_1x > FAST_AT_1X:
        likely = max(1.25, round(at_1x / TYPICAL_AT_1X * 4) / 4)
        out.append(
            Finding(
                "media-speed",
                f"미디어의 말 빠르기가 초당 {synced.rate:.1f}음절로, 1배속 목소리로는 나오지 않는 빠르기입니다: "
                f"빠르게 재생되는 음성이면(업스트림의 _audio_improved.mp3가 그렇습니다) --media-speed {likely:g} "
                "처럼 그 속도를 주세요",
            )
        )
    if synced.method == "pauses":
        fell = [m for m in synced.moves if m.fell_back]
        if fell:
            where = ", ".join(sorted({str(m.segment) for m in fell}, key=int))
            out.append(
                Finding(
                    "sync-fallback",
                    f"경계 {len(synced.moves)}개 중 {len(fell)}개는 맞는 쉼이 없어 비례로 놓았습니다 (구간 {where})",
                )
            )
    if synced.method == "content":
        for m in synced.moves:
            if m.uncertain:
                what = "구간 시작" if m.is_segment else "문장 시작"
                where = " · ".join(f"{speed_label(s)} {float(m.placed_ms / s) / 1000:.1f}초" for s in speeds)
                out.append(
                    Finding(
                        "sync-uncertain",
                        f"{what}({where})을 놓은 자리의 신뢰도가 낮습니다 ({m.confidence:.2f}): "
                        "미디어에서 확인해 주세요",
                        m.segment,
                    )
                )
    return out

"""read → lint → plan → time → scale → write, as pure functions over plain data.

``build`` turns a timeline (and, when given, what was heard in the media) into captions and findings;
``render`` turns them into the text of every output file. Reading inputs (``readers``), listening to
media (``media.listen``) and writing files (``writers.write_files``) happen outside them; the one
outside thing ``build`` starts is espeak-ng, in child processes, to speak the script for ``sync``.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
from collections.abc import Collection, Mapping, Sequence
from fractions import Fraction
from itertools import pairwise
from typing import TYPE_CHECKING

from captions import lint, plan, timing
from captions.caption import Caption
from captions.errors import InputError
from captions.formats import FORMATS, Options, latest
from captions.measures import measure_speeds
from captions.profiles import Profile
from captions.result import Result
from captions.text import markup, sentences
from captions.timeline import Finding, Segment, Timeline, speed_label
from captions.writers import report, review

if TYPE_CHECKING:  # sync loads only for a lecture given its media (5 ms of every run otherwise)
    from captions import sync

__all__ = ["Result", "build", "output_name", "render", "unique_speeds"]


def unique_speeds(speeds: Sequence[Fraction]) -> tuple[Fraction, ...]:
    """Speeds in the order given, each once."""
    return tuple(dict.fromkeys(speeds))


PARALLEL_MIN_CHARS = 1500  # below this a second process costs more than it saves


def build(
    timeline: Timeline,
    profile: Profile,
    speeds: Sequence[Fraction],
    workers: int = 1,
    media: sync.Media | None = None,
) -> Result:
    """Captions for a timeline: every segment planned for all ``speeds`` at once, timed inside its span.

    Segments are independent once read, so with ``workers`` > 1 a long lecture's segments are shared
    with a forked process — one lecture then uses both cores instead of one. The result is the same.
    With ``media``, the timeline is first fitted to the lecture's real audio (``sync``).
    """
    speeds = unique_speeds(speeds)
    riches = [markup.parse(seg.text) for seg in timeline.segments]
    size = sum(len(r.text) for r in riches)
    synced = None
    if media is not None:
        from captions import sync

        split = sentences.split([r.text for r in riches])
        said = [spoken(r.text, s, profile) for r, s in zip(riches, split, strict=True)]
        synced = sync.fit(timeline, said, media)
        pairs = list(zip(synced.timeline.segments, riches, strict=True))
        captions = caption_segments(
            pairs, profile, speeds, split, synced.anchors, synced.heard, synced.words, synced.silences, synced.rhythm
        )
    elif workers > 1 and size >= PARALLEL_MIN_CHARS and len(riches) > 1:
        captions = _in_parallel(list(zip(timeline.segments, riches, strict=True)), profile, speeds, size)
    else:
        captions = caption_segments(list(zip(timeline.segments, riches, strict=True)), profile, speeds)
    findings = [*timeline.findings, *lint.lint(timeline, riches, profile)]
    if synced is not None:
        findings += sync.findings(synced, speeds)
        findings += unsure_words(captions, speeds)
    return Result(
        synced.timeline if synced else timeline,
        timeline,
        profile,
        speeds,
        tuple(captions),
        tuple(findings),
        measure_speeds(captions, profile, speeds),
        synced,
    )


def unsure_words(captions: Sequence[Caption], speeds: Sequence[Fraction]) -> list[Finding]:
    """A finding for each caption whose first word the media alignment heard where its neighbours cannot be
    (``timing.DISAGREED``): its start is an estimate between them, and the media should be looked at there."""
    out = []
    for i, c in enumerate(captions, 1):
        w = c.words[0] if c.words else None
        if w is None or w.heard_ms is None or w.confidence > timing.DISAGREED:
            continue
        at = " · ".join(f"{speed_label(s)} {timing.clock(timing.scale_ms(c.start_ms, s))}" for s in speeds)
        out.append(
            Finding(
                "sync-word",
                f"자막 #{i}({at})의 첫 단어 '{w.text}'를 미디어에서 들은 곳({timing.clock(w.heard_ms)}, 1x)이 "
                f"앞뒤 단어와 맞지 않아 그 사이에 놓았습니다 ({c.start_ms - w.heard_ms:+d} ms): "
                "미디어에서 확인해 주세요",
                c.segment,
            )
        )
    return out


def spoken(text: str, found: Sequence[str], profile: Profile) -> sync.Spoken:
    """``text`` (a ``Rich`` text) as ``sync`` needs it: its weight, each sentence with the weight at which
    it begins, and the weight at which each word of each sentence begins — ``plan.weight``, the unit of
    ``plan.Chunk.weight``, so that these offsets and the captions' weights line up."""
    from captions import sync

    widths = plan.running_widths(text, profile)
    cuts = [0, *sorted(sentences.sentence_ends(text, found)), len(text)]
    pieces = [(a, b) for a, b in pairwise(cuts) if text[a:b].strip()]
    return sync.Spoken(
        plan.weight(text, widths, 0, len(text)),
        tuple((plan.weight(text, widths, 0, a), text[a:b].strip()) for a, b in pieces),
        tuple(tuple(widths[a + m.start()] for m in _WORD.finditer(text[a:b])) for a, b in pieces),
    )


_WORD = re.compile(r"\S+")


def caption_segments(
    pairs: Sequence[tuple[Segment, markup.Rich]],
    profile: Profile,
    speeds: Sequence[Fraction],
    split: Sequence[Sequence[str]] | None = None,
    anchors: Mapping[int, Sequence[tuple[int, int]]] | None = None,
    heard: bool = False,
    words: Mapping[int, Sequence[tuple[int, int]]] | None = None,
    silences: Sequence[tuple[int, int]] = (),
    rhythm: Mapping[int, Collection[int]] | None = None,
) -> list[Caption]:
    """Sentences (kss, in one call, unless given), then chunks, lines and times for each segment, in order
    (``anchors``, ``heard``, ``words`` and ``rhythm``: see ``timing.allocate``; ``silences``, the pauses
    heard in the media: see ``timing.held``)."""
    if split is None:
        split = sentences.split([r.text for _, r in pairs])
    captions: list[Caption] = []
    for (seg, rich), sents in zip(pairs, split, strict=True):
        chunks = plan.plan(rich, sentences.sentence_ends(rich.text, sents), seg.duration_ms, profile, speeds)
        pins, placed = (anchors or {}).get(seg.number, ()), (words or {}).get(seg.number, ())
        between = (rhythm or {}).get(seg.number, ())
        timed = timing.allocate(seg, chunks, pins, heard, placed, silences, between)
        captions.extend(timing.held(timed, seg.end_ms, silences, profile, speeds) if silences else timed)
    return captions


def _in_parallel(
    pairs: list[tuple[Segment, markup.Rich]], profile: Profile, speeds: Sequence[Fraction], size: int
) -> list[Caption]:
    """The first half of the text here, the second in a forked child at the same time.

    A bare ``fork`` and a pipe cost a few milliseconds, where ``multiprocessing`` would cost tens (the
    seed: 0.48 s against 0.60 s in one process, medians of 21 side by side). If the child fails for
    any reason, the parent plans the second half itself, so the result never depends on it; if the
    parent's own half fails, the child is killed and reaped and the pipe closed before the error
    goes on. Without ``os.fork`` (not POSIX) both halves are planned here.

    The sentences of every segment are found here before the fork, in one call as in one process
    (kss's answers depend on the texts it saw before): the child inherits them and never needs kss,
    and kss's splitter loads only if some piece needs it (none of the seed's does).
    """
    split = sentences.split([r.text for _, r in pairs])
    if not hasattr(os, "fork"):  # pragma: no cover - POSIX here
        return caption_segments(pairs, profile, speeds, split)
    import pickle  # here: a lecture planned in one process never needs it

    half, running = 0, 0
    while half < len(pairs) - 1 and running < size // 2:
        running += len(pairs[half][1].text)
        half += 1
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: plan the second half, send it, leave without running any cleanup
        code = 1
        try:
            os.close(read_end)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(pickle.dumps(caption_segments(pairs[half:], profile, speeds, split[half:])))
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    reaped = False
    try:
        first = caption_segments(pairs[:half], profile, speeds, split[:half])
        with os.fdopen(read_end, "rb") as pipe:
            read_end = -1
            data = pipe.read()
        _, status = os.waitpid(pid, 0)
        reaped = True
    finally:
        if read_end >= 0:
            os.close(read_end)
        if not reaped:  # the parent's half raised (or was interrupted): the child's work is moot
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
    if status == 0 and data:
        second: list[Caption] = pickle.loads(data)  # what the child sent: caption_segments of pairs[half:]
        return first + second
    return first + caption_segments(pairs[half:], profile, speeds, split[half:])


def check_times(timeline: Timeline, speeds: Sequence[Fraction], formats: Sequence[str]) -> None:
    """Refuse, naming the segment, a timeline that at its slowest speed ends past what a format holds."""
    if not timeline.segments:
        return
    limit, name = latest(formats)
    slowest = min(speeds)
    for seg in timeline.segments:
        end = timing.scale_ms(seg.end_ms, slowest)
        if end > limit:
            at = f" at {speed_label(slowest)}" if slowest != 1 else ""
            raise InputError(
                timeline.source,
                f"구간 {seg.number}",
                f"ends at {timing.clock(end)}{at}, past {timing.clock(limit)}, the latest time {name.upper()} "
                f"can hold (leave {name} out of --formats for a longer lecture)",
            )


def output_name(stem: str, speed: Fraction, extension: str) -> str:
    """``STEM.ext`` at 1x, ``STEM.1.5x.ext`` at other speeds."""
    return f"{stem}.{extension}" if speed == 1 else f"{stem}.{speed_label(speed)}.{extension}"


LANGUAGE = "ko"  # the tag players read from a subtitle file's name (VLC, mpv, Plex, Jellyfin)


def player_name(media_stem: str, extension: str) -> str:
    """``lecture.ko.srt`` for the media ``lecture.mp4``: the name a player finds beside the video by itself.

    >>> player_name("lecture", "srt"), player_name("lecture", "words.json")
    ('lecture.ko.srt', 'lecture.ko.words.json')
    """
    return f"{media_stem}.{LANGUAGE}.{extension}"


def render(
    result: Result,
    stem: str,
    formats: Sequence[str],
    *,
    srt_bold: bool = False,
    review_page: bool = True,
    media_href: str | None = None,
    karaoke: bool = False,
    word_times: bool = False,
    player_stem: str | None = None,
) -> dict[str, str]:
    """File name → content for every requested format at every speed, the report, and the review page
    (which plays the media at ``media_href``, relative to the output folder, when it is given). With
    ``player_stem`` (the media's own name) the files for the media's speed are named as players look for
    them beside it: ``lecture.ko.srt`` for ``lecture.mp4`` (``player_name``)."""
    if result.timeline is not result.source:  # the source was checked before the build; the fitted one now
        check_times(result.timeline, result.speeds, formats)
    files: dict[str, str] = {}
    options = Options(bold=srt_bold, title=stem, karaoke=karaoke, word_times=word_times)
    for speed in result.speeds:
        captions = result.at(speed)
        played = player_stem is not None and result.synced is not None and speed == result.synced.speed
        for name in formats:
            fmt = FORMATS[name]
            named = player_name(player_stem, fmt.extension) if played and player_stem else None
            files[named or output_name(stem, speed, fmt.extension)] = fmt.write(captions, options)
    files[f"{stem}.report.txt"] = report.write(result)
    if review_page:
        files[f"{stem}.review.html"] = _review(result, stem, media_href)
    return files


def _review(result: Result, stem: str, media_href: str | None) -> str:
    """The review page; with media, its player plays the captions at the media's own speed."""
    media = (media_href, result.synced.speed) if media_href is not None and result.synced is not None else None
    return review.write(result, title=stem, media=media)

"""Many lectures at once: folders expanded, each lecture converted on its own, in worker processes.

One lecture's failure is its own outcome, never the batch's: the others still convert, and the CLI
lists every error at the end. Workers are forked after kss's splitter is loaded, so each one starts
warm; with one input, or ``jobs=1``, everything runs in this process.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Generator, Iterable, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

from captions import pipeline, readers
from captions.check import broken
from captions.errors import CaptionsError, MediaError
from captions.formats import FORMATS
from captions.media import listen
from captions.profiles import Profile
from captions.text import sentences
from captions.timing import speed_label
from captions.writers import identities, review, write_files

if TYPE_CHECKING:  # concurrent.futures loads only for a run with workers (see ``run``), sync only with media
    from concurrent.futures import Future

    from captions import sync

INPUT_SUFFIXES = (".txt", ".json")
OUR_OUTPUTS = (".report.txt", ".captions.json")


@dataclass(frozen=True)
class Options:
    """Everything about a run that is the same for every lecture in it."""

    out: Path
    speeds: tuple[Fraction, ...]
    profile: Profile
    formats: tuple[str, ...]
    srt_bold: bool = False
    estimate_timeline: bool = False
    encoding: str | None = None
    protected: frozenset[object] = frozenset()  # identities of every input: never overwritten
    workers: int = 1  # processes one lecture may use (a single lecture gets them all)
    media: Path | None = None  # the lecture's audio or video, or a folder of them (matched by name)
    sync_method: str = "content"
    media_speed: Fraction | None = None  # the speed the media plays the lecture at, when the user says
    review: bool = True  # also write STEM.review.html


@dataclass(frozen=True)
class Outcome:
    """What converting one lecture gave: a summary line, or the one-line error (and, for an error of
    ours rather than of the input, the traceback ``--debug`` shows)."""

    path: Path
    summary: str | None = None
    error: str | None = None
    detail: str | None = None


def expand(inputs: Iterable[Path]) -> list[Path]:
    """Files as given; a folder stands for the ``.txt`` and ``.json`` files directly in it, less our own
    outputs (``.report.txt``, ``.captions.json``), so a folder can also be the output folder."""
    out: list[Path] = []
    for path in inputs:
        if path.is_dir():
            out.extend(
                sorted(
                    p
                    for p in path.iterdir()
                    if p.suffix in INPUT_SUFFIXES and p.is_file() and not p.name.endswith(OUR_OUTPUTS)
                )
            )
        else:
            out.append(path)
    return out


def protect(paths: Iterable[Path]) -> frozenset[object]:
    """Identities of the inputs, worked out once for the whole run."""
    return frozenset(identities(paths))


def convert(path: Path, options: Options) -> Outcome:
    """Read, build, render and write one lecture; its error, if any, as an outcome."""
    media = None
    try:
        timeline = readers.read_path(path, encoding=options.encoding, estimate_timeline=options.estimate_timeline)
        pipeline.check_times(timeline, options.speeds, options.formats)
        media = _media(path, options)
        result = pipeline.build(timeline, options.profile, options.speeds, options.workers, media)
        href = review.media_href(Path(media.name), options.out) if media is not None else None
        files = pipeline.render(
            result, path.stem, options.formats, srt_bold=options.srt_bold, review_page=options.review, media_href=href
        )
        write_files(options.out, files, protected=options.protected)
    except CaptionsError as e:
        return Outcome(path, error=str(e))
    except Exception as e:  # a bug of ours: this lecture's error, never the batch's
        return internal_error(path, e, traceback.format_exc())
    finally:
        if media is not None and media.heard is not None:
            media.heard.close()  # decoding is over by now unless the lecture failed first
    exts = ",".join(FORMATS[f].extension for f in options.formats)
    length = f"{result.timeline.end_ms / 1000:g} s"
    if result.synced and result.synced.method != "none":
        length += f" fitted to the media ({result.synced.method})"
    return Outcome(
        path,
        summary=(
            f"{path} → {options.out / path.stem}.{{{exts}}} at {', '.join(speed_label(s) for s in options.speeds)} "
            f"+ report{' + review page' if options.review else ''}: "
            f"{len(result.captions)} captions in {len(timeline.segments)} segments, {length}; "
            f"{broken(result.measures)} rule breaches, {len(result.findings)} findings"
        ),
    )


def internal_error(path: Path, error: BaseException, detail: str | None = None) -> Outcome:
    """An unexpected failure as one lecture's outcome: one line naming the file and what happened."""
    first = str(error).strip().splitlines()[0][:200] if str(error).strip() else ""
    what = f"{type(error).__name__}: {first}" if first else type(error).__name__
    return Outcome(
        path, error=f"{path}: internal error ({what}); run again with --debug for the traceback", detail=detail
    )


MEDIA_SUFFIXES = (".wav", ".mp3", ".m4a", ".aac", ".flac", ".ogg", ".opus", ".mp4", ".mov", ".mkv", ".webm")


def media_names(lecture: Path) -> list[str]:
    """File names (without extension) the media of ``lecture`` may have, in the order they are tried:
    the lecture's own stem, the part before ``_script``, then upstream's ``{base}_audio_improved`` and
    ``{base}_audio``, where ``base`` is the stem with every ``_improved`` and ``_script`` removed (and a
    sidecar's ``_segments``)."""
    stem = lecture.stem
    base = stem.removesuffix("_segments").replace("_improved", "").replace("_script", "")
    return list(dict.fromkeys([stem, stem.split("_script")[0], f"{base}_audio_improved", f"{base}_audio"]))


def media_for(lecture: Path, media: Path) -> Path:
    """The media file of ``lecture``: ``media`` itself, or in a folder the first file named as
    ``media_names`` says, with any audio or video extension."""
    if not media.is_dir():
        return media
    names = media_names(lecture)
    for name in names:
        for suffix in MEDIA_SUFFIXES:
            candidate = media / f"{name}{suffix}"
            if candidate.is_file():
                return candidate
    raise MediaError(f"{lecture}: no media named {' or '.join(names)} (.wav/.mp3/.mp4/…) in {media}")


def _media(path: Path, options: Options) -> sync.Media | None:
    if options.media is None:
        return None
    from captions import sync

    found = media_for(path, options.media)
    speed = options.media_speed or Fraction(1)
    return sync.heard(listen(found), options.sync_method, speed, given=options.media_speed is not None)


def default_jobs() -> int:
    """One worker per CPU this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def run(
    paths: Sequence[Path], options: Options, jobs: int, late: list[Outcome] | None = None
) -> Generator[Outcome, None, None]:
    """Convert every path, ``jobs`` at a time; outcomes come in the order the lectures finish.

    A worker that dies (killed, out of memory) costs only the lectures it had: each becomes an
    internal error. When the run is stopped (``Interrupted``, ``KeyboardInterrupt``, or the caller
    closing this generator) the workers are stopped, each rolling back the lecture it was writing,
    and the lectures that had finished but were not yet yielded are added to ``late``."""
    if jobs <= 1 or len(paths) <= 1:
        for path in paths:
            yield convert(path, replace(options, workers=jobs))
        return
    import multiprocessing  # here, not at the top: a single lecture never pays for it
    from concurrent.futures import ProcessPoolExecutor, as_completed

    sentences.warm_up()  # forked workers inherit kss loaded
    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(max_workers=min(jobs, len(paths)), mp_context=context, initializer=_worker_signals)
    futures: dict[Future[Outcome], Path] = {}
    given: set[Future[Outcome]] = set()
    try:
        futures = {pool.submit(convert, path, options): path for path in paths}
        for future in as_completed(futures):
            given.add(future)
            try:
                yield future.result()
            except Exception as e:  # the worker process died, or its result could not come back
                yield internal_error(futures[future], e)
    except BaseException:
        _stop(pool, context)
        finished = [f for f in futures if f not in given and f.done() and not f.cancelled() and f.exception() is None]
        if late is not None:
            late.extend(f.result() for f in finished if f.result().error is None)
        raise
    pool.shutdown()


def _worker_signals() -> None:
    """In a worker: SIGINT is the parent's to handle; SIGTERM (the parent stopping us) rolls back."""
    import signal

    from captions.errors import raise_interrupted

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, raise_interrupted)


def _stop(pool: object, context: object) -> None:
    """Cancel what has not started and stop the workers: each rolls back the lecture it was writing."""
    pool.shutdown(wait=False, cancel_futures=True)  # type: ignore[attr-defined]
    children = context.active_children()  # type: ignore[attr-defined]
    for child in children:
        child.terminate()
    for child in children:
        child.join(timeout=10)
        if child.is_alive():
            child.kill()
            child.join()

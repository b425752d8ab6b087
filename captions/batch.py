"""Many lectures at once: folders expanded, each lecture converted on its own, in worker processes.

One lecture's failure is its own outcome, never the batch's: the others still convert, and the CLI
lists every error at the end. Workers are forked after kss's splitter is loaded, so each one starts
warm; with one input, or ``jobs=1``, everything runs in this process.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
import traceback
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

from captions import pipeline, profiles, readers
from captions.errors import CaptionsError, Interrupted, MediaError, OptionError
from captions.formats import DEFAULT_FORMATS, FORMATS
from captions.measures import broken
from captions.profiles import Profile
from captions.text import sentences
from captions.timeline import speed_label
from captions.timing import parse_speed
from captions.writers import identities, review, write_files

if TYPE_CHECKING:  # multiprocessing loads only for a run with workers (see ``run``), sync only with media
    from multiprocessing.connection import Connection
    from multiprocessing.context import ForkContext
    from multiprocessing.process import BaseProcess

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
    karaoke: bool = False  # ASS: each word lights up as it is said
    word_times: bool = False  # WebVTT: a timestamp before each word
    player_names: bool = False  # the files for the media's speed named after the media: lecture.ko.srt


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


def speeds_and_profile(speeds: Sequence[str] | None, profile: str) -> tuple[tuple[Fraction, ...], Profile]:
    """The requested speeds (default 1 and 1.5), each once, and the profile named; an ``OptionError``."""
    try:
        return pipeline.unique_speeds([parse_speed(s) for s in (speeds or ["1", "1.5"])]), profiles.get(profile)
    except (ValueError, KeyError) as e:
        raise OptionError(str(e.args[0])) from None


def prepare(
    inputs: Sequence[Path],
    out: Path,
    *,
    speeds: Sequence[str] | None = None,
    profile: str = profiles.DEFAULT,
    formats: Sequence[str] = DEFAULT_FORMATS,
    media: Path | None = None,
    sync_method: str | None = None,
    media_speed: str | None = None,
    srt_bold: bool = False,
    estimate_timeline: bool = False,
    encoding: str | None = None,
    review: bool = True,
    karaoke: bool = False,
    word_times: bool = False,
    player_names: bool = False,
) -> tuple[list[Path], Options]:
    """The lectures ``inputs`` stand for and the run's ``Options``, from options as a user gives them
    (the command line's, and the Python API's); an ``OptionError`` saying what cannot be used."""
    chosen_speeds, rules = speeds_and_profile(speeds, profile)
    chosen = tuple(dict.fromkeys(f.strip().lower() for f in formats if f.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise OptionError(f"unknown format {', '.join(unknown) or '(none)'}; choose from {', '.join(FORMATS)}")
    method = sync_method or ("content" if media else "none")
    if method != "none":  # "none" is one of sync's methods; sync itself loads only when one is asked for
        from captions.sync import METHODS

        if method not in METHODS:
            raise OptionError(f"unknown --sync {method!r}; choose from {', '.join(METHODS)}")
    if method != "none" and media is None:
        raise OptionError(f"--sync {method} needs --media (the lecture's audio or video)")
    if media_speed is not None and media is None:
        raise OptionError("--media-speed needs --media (the lecture's audio or video)")
    if player_names and media is None:
        raise OptionError("--player-names needs --media (the files are named after it)")
    try:
        played = parse_speed(media_speed) if media_speed is not None else None
    except ValueError as e:
        raise OptionError(f"--media-speed: {e.args[0]}") from None
    paths = expand(inputs)
    if media is not None and not media.is_dir() and len(paths) > 1:
        raise OptionError(
            f"--media {media} is one file for {len(paths)} lectures: give a folder of media named like them"
        )
    if not paths:
        raise OptionError("no lecture files (.txt, .json) in " + ", ".join(map(str, inputs)))
    seen: dict[str, Path] = {}
    for path in paths:
        if path.stem in seen:
            raise OptionError(f"{seen[path.stem]} and {path} have the same name; their outputs would collide in {out}")
        seen[path.stem] = path
    options = Options(
        out,
        chosen_speeds,
        rules,
        chosen,
        srt_bold,
        estimate_timeline,
        encoding,
        protect(paths),
        media=media,
        sync_method=method,
        media_speed=played,
        review=review,
        karaoke=karaoke,
        word_times=word_times,
        player_names=player_names,
    )
    return paths, options


def protect(paths: Iterable[Path]) -> frozenset[object]:
    """Identities of the inputs, worked out once for the whole run."""
    return frozenset(identities(paths))


def lecture(path: Path, options: Options, hold: Callable[[], None] | None = None) -> tuple[pipeline.Result, list[Path]]:
    """Read, build, render and write one lecture: its result and the files written, or a ``CaptionsError``.

    ``hold`` is called just before the files are written: in a run it holds off a stop until the
    outcome is handed on (``_Stop``), so that a lecture whose files are in place is always counted."""
    media = None
    try:
        timeline = readers.read_path(path, encoding=options.encoding, estimate_timeline=options.estimate_timeline)
        pipeline.check_times(timeline, options.speeds, options.formats)
        media = _media(path, options)
        result = pipeline.build(timeline, options.profile, options.speeds, options.workers, media)
        href = review.media_href(Path(media.name), options.out) if media is not None else None
        files = pipeline.render(
            result,
            path.stem,
            options.formats,
            srt_bold=options.srt_bold,
            review_page=options.review,
            media_href=href,
            karaoke=options.karaoke,
            word_times=options.word_times,
            player_stem=Path(media.name).stem if media is not None and options.player_names else None,
        )
        if hold is not None:
            hold()
        return result, write_files(options.out, files, protected=options.protected)
    finally:
        if media is not None and media.heard is not None:
            media.heard.close()  # decoding is over by now unless the lecture failed first


def convert(path: Path, options: Options, hold: Callable[[], None] | None = None) -> Outcome:
    """``lecture``, its error, if any, as an outcome, and its summary line."""
    try:
        result, _ = lecture(path, options, hold)
    except CaptionsError as e:
        return Outcome(path, error=str(e))
    except Exception as e:  # a bug of ours: this lecture's error, never the batch's
        return internal_error(path, e, traceback.format_exc())
    extensions = [FORMATS[f].extension for f in options.formats]
    exts = extensions[0] if len(extensions) == 1 else "{" + ",".join(extensions) + "}"
    at = ", ".join(speed_label(s) for s in options.speeds)
    if options.player_names and result.synced is not None:  # the media's speed under the media's name
        at += f" ({speed_label(result.synced.speed)} as {pipeline.player_name(Path(result.synced.media).stem, exts)})"
    length = f"{result.timeline.end_ms / 1000:.1f} s"
    if result.synced and result.synced.method != "none":
        length += f" fitted to the media ({result.synced.method})"
    return Outcome(
        path,
        summary=(
            f"{path} → {options.out / path.stem}.{exts} at {at} "
            f"+ report{' + review page' if options.review else ''}: "
            f"{count(len(result.captions), 'caption')} in {count(len(result.timeline.segments), 'segment')}, "
            f"{length}; "
            f"{count(broken(result.measures), 'rule breach', 'rule breaches')}, "
            f"{count(len(result.findings), 'finding')}"
        ),
    )


def count(n: int, one: str, many: str | None = None) -> str:
    """``n`` and the noun, singular for one: ``1 caption``, ``2 captions``, ``1 rule breach``."""
    return f"{n} {one if n == 1 else many or one + 's'}"


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
    return sync.heard(sync.listen(found), options.sync_method, speed, given=options.media_speed is not None)


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

    A worker that dies (killed, out of memory) costs only the lecture it had: that lecture becomes an
    internal error, and a new worker takes the lectures still to do. (Each worker has a pipe of its own
    to this process, so which lecture a worker has is always known: a ``ProcessPoolExecutor`` cannot
    tell which future a dead worker had, and fails every one still pending.)

    SIGINT and SIGTERM stop the run as ``KeyboardInterrupt`` and ``Interrupted``, raised from this
    generator at a point where every outcome it has yielded was taken (see ``_Stop``). A lecture being
    read or built is dropped; one whose files were being written is finished: it was yielded, or, in a
    worker, it is added to ``late`` with every other lecture that finished but was not yet yielded. So
    the lectures yielded and in ``late`` that converted are exactly those whose files are on disk. The
    caller closing this generator, or raising either exception into it, stops the workers the same way."""
    if jobs <= 1 or len(paths) <= 1:
        yield from _here(paths, replace(options, workers=jobs))
    else:
        yield from _in_workers(paths, options, min(jobs, len(paths)), late)


def _here(paths: Sequence[Path], options: Options) -> Generator[Outcome, None, None]:
    """Every lecture in this process, one after the other; a stop that comes while one is written waits
    until its outcome has been taken (and so counted), and is raised when the next is asked for."""
    stop = _Stop()
    with _signals_to(stop):
        for path in paths:
            yield convert(path, options, stop.hold)
            stop.release()


def _in_workers(
    paths: Sequence[Path], options: Options, jobs: int, late: list[Outcome] | None
) -> Generator[Outcome, None, None]:
    """Every lecture in ``jobs`` forked workers, each given the next lecture as it hands back one.

    This process only waits and hands outcomes on, so a stop is held here all along: it wakes the wait,
    and is raised there or when the next outcome is asked for, never between an outcome read from a
    worker and its yield."""
    import multiprocessing  # here, not at the top: a single lecture never pays for it
    from multiprocessing.connection import wait

    sentences.warm_up()  # forked workers inherit kss loaded
    context = multiprocessing.get_context("fork")
    todo = deque(range(len(paths)))  # lectures not yet given to a worker, as indices into ``paths``
    workers: list[_Worker] = []
    stop = _Stop(holding=True)
    with _woken() as wake, _signals_to(stop):
        try:
            for _ in range(jobs):
                workers.append(_give(_start(context, paths, options, workers), todo))
            while busy := [(w, w.lecture) for w in workers if w.lecture is not None]:
                ready = wait([wake, *(w.conn for w, _ in busy), *(w.process.sentinel for w, _ in busy)])
                if wake in ready:
                    os.read(wake, 512)  # emptied, lest a signal of no concern here keep waking the wait
                stop.check()
                for worker, lecture in busy:
                    if worker.conn not in ready and worker.process.sentinel not in ready:
                        continue
                    outcome, worker.lecture = _receive(worker), None
                    if outcome is None:  # the process died with the lecture: it alone is lost
                        outcome = worker_died(paths[lecture], _retire(worker))
                        workers.remove(worker)
                        if todo:
                            workers.append(_give(_start(context, paths, options, workers), todo))
                    else:
                        _give(worker, todo)
                    yield outcome
                    stop.check()
        except BaseException:
            finished = _stop(workers)
            if late is not None:
                late.extend(o for o in finished if o.error is None)
            raise
        for worker in workers:  # every lecture is done: each worker is told so, and ends
            with contextlib.suppress(OSError):
                worker.conn.send(None)
            _retire(worker)


_STOPS = {signal.SIGINT, signal.SIGTERM}


class _Stop:
    """The first SIGINT or SIGTERM of a run, and when it may be raised.

    Python runs a handler between any two bytecodes, so a handler that raised at once could land after
    a lecture's last file is renamed into place and before its outcome is counted: whole on disk, yet
    missing from "N of M lectures converted". While ``holding`` — from just before a lecture's files
    are written until its outcome is handed on, and all along in the parent of workers, which only
    waits and hands on — the handler only notes the signal; ``check`` and ``release`` raise it where
    nothing is in between.
    """

    def __init__(self, holding: bool = False) -> None:
        self.holding = holding
        self.signum: int | None = None
        self.raised = False

    def handle(self, signum: int, _frame: object) -> None:
        """The signal handler: note the first signal; raise it unless it is held."""
        if self.signum is None:
            self.signum = signum
        if not self.holding:
            self.check()

    def hold(self) -> None:
        """From now on, until ``release``, a signal waits."""
        self.holding = True

    def release(self) -> None:
        """Signals are raised at once again, and one that came meanwhile is raised now."""
        self.holding = False
        self.check()

    def check(self) -> None:
        """Raise the signal that came, once: ``KeyboardInterrupt`` for SIGINT, as Python does."""
        if self.signum is not None and not self.raised:
            self.raised = True
            raise KeyboardInterrupt if self.signum == signal.SIGINT else Interrupted(self.signum)


@contextmanager
def _signals_to(stop: _Stop) -> Iterator[None]:
    """SIGINT and SIGTERM go to ``stop`` for as long as the run goes. After it the handlers from before
    are back, and a signal ``stop`` noted but never raised (the caller closed the run first) goes to
    them: no stop is lost. Outside the main thread, where handlers cannot be set, signals stay as they are."""
    try:
        before = {s: signal.signal(s, stop.handle) for s in _STOPS}
    except ValueError:
        before = {}
    try:
        yield
    finally:
        stop.holding = True  # from here a signal is only noted
        for s, handler in before.items():
            signal.signal(s, handler)
        if before and stop.signum is not None and not stop.raised:
            signal.raise_signal(stop.signum)


@contextmanager
def _woken() -> Iterator[int]:
    """A pipe (its read end, yielded) that a signal makes readable, so that the parent waiting on its
    workers sees a stop at once, whichever of its threads the kernel gives the signal to (a progress
    bar has one): ``signal.set_wakeup_fd``, whose write is in C, before any handler runs in Python."""
    read_end, write_end = os.pipe()
    os.set_blocking(read_end, False)
    os.set_blocking(write_end, False)
    try:
        before = signal.set_wakeup_fd(write_end, warn_on_full_buffer=False)
    except ValueError:  # not the main thread: our handlers are not set either (``_signals_to``)
        before = None
    try:
        yield read_end
    finally:
        if before is not None:
            signal.set_wakeup_fd(before)
        os.close(write_end)
        os.close(read_end)


@dataclass
class _Worker:
    """A worker process, the parent's end of the pipe to it, and the lecture it has (an index), if any."""

    process: BaseProcess
    conn: Connection
    lecture: int | None = None


def _start(context: ForkContext, paths: Sequence[Path], options: Options, others: list[_Worker]) -> _Worker:
    """A new worker, forked from this process (so with kss loaded, and ``paths`` and ``options`` as they are).

    SIGINT and SIGTERM are blocked across the fork, so a signal that comes meanwhile reaches the worker
    only once its own handlers are set, never this process's, which it inherits. It closes its copies
    of the parent's ends of every pipe, its own among them: were the parent to die, each worker's next
    read of its pipe ends, and no worker is left waiting for work."""
    ours, theirs = context.Pipe()
    inherited = [ours, *(w.conn for w in others)]
    process = context.Process(target=_serve, args=(theirs, inherited, paths, options), name="captions worker")
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)  # the worker sets its own handlers first
    try:
        process.start()
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    theirs.close()  # the worker holds the only other end: when it ends, our end reads the end of the pipe
    return _Worker(process, ours)


def _give(worker: _Worker, todo: deque[int]) -> _Worker:
    """The next lecture to do, to ``worker``: the lecture is its from now on, whatever becomes of it."""
    if todo:
        worker.lecture = todo.popleft()
        with contextlib.suppress(OSError):  # it has just died: the next wait sees it gone, with this lecture
            worker.conn.send(worker.lecture)
    return worker


def _receive(worker: _Worker) -> Outcome | None:
    """The outcome ``worker`` sent, or None when it died first (its pipe ended, perhaps mid-message)."""
    if not worker.conn.poll():  # only the process's end was seen: it ended without a word
        return None
    try:
        outcome: Outcome = worker.conn.recv()
    except (EOFError, OSError):
        return None
    return outcome


def worker_died(path: Path, exitcode: int | None) -> Outcome:
    """The lecture a worker had when its process died, as an internal error naming the file: one line,
    like ``internal_error``, without a traceback — there is none to show, the process is gone."""
    return Outcome(path, error=f"{path}: internal error (the worker process died: {_ended(exitcode)})")


def _ended(exitcode: int | None) -> str:
    """How a process ended, from its exit code (a signal's number, negated, when one killed it).

    >>> _ended(-9), _ended(9), _ended(-100), _ended(None)
    ('killed by SIGKILL', 'exit status 9', 'killed by signal 100', 'still running')
    """
    if exitcode is None:
        return "still running"
    if exitcode >= 0:
        return f"exit status {exitcode}"
    try:
        return f"killed by {signal.Signals(-exitcode).name}"
    except ValueError:
        return f"killed by signal {-exitcode}"


def _serve(conn: Connection, inherited: list[Connection], paths: Sequence[Path], options: Options) -> None:
    """A worker's life: convert each lecture the parent sends, and send back its outcome, until told to stop.

    SIGINT is the parent's to handle (a terminal sends it to every process of the group). SIGTERM, the
    parent stopping the run, ends the worker at once while it waits or reads or builds a lecture
    (nothing of it is on disk yet); from just before a lecture's files are written until its outcome
    is sent it waits, so a lecture written is a lecture the parent hears of."""
    stop = _Stop()
    signal.set_wakeup_fd(-1)  # the parent's pipe: a signal to this worker is none of the parent's
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, stop.handle)
    with contextlib.suppress(Interrupted, EOFError, BrokenPipeError):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPS)  # blocked across the fork: one that came lands here
        for end in inherited:
            end.close()
        while (index := conn.recv()) is not None:
            conn.send(convert(paths[index], options, stop.hold))
            stop.release()


def _stop(workers: list[_Worker], patience: float = 10.0) -> list[Outcome]:
    """Stop every worker; what the busy ones still send: lectures that finished as the stop came.

    Each worker, sent SIGTERM, drops the lecture it was building and ends; one writing its lecture's
    files finishes them and sends the outcome first (``_serve``), as does one that had finished already.
    Each busy worker's pipe is read to its end, so no outcome sent is lost; a worker still there after
    ``patience`` seconds (a write that hangs) is killed."""
    for worker in workers:
        worker.process.terminate()
    deadline = time.monotonic() + patience
    finished: list[Outcome] = []
    for worker in workers:
        if worker.lecture is not None and worker.conn.poll(max(0.0, deadline - time.monotonic())):
            outcome = _receive(worker)
            if outcome is not None:
                finished.append(outcome)
        _retire(worker, max(0.0, deadline - time.monotonic()))
    return finished


def _retire(worker: _Worker, patience: float = 10.0) -> int | None:
    """Wait for the worker's process to end (killing it after ``patience`` seconds), close our end of
    its pipe; the process's exit code."""
    worker.process.join(patience)
    if worker.process.is_alive():
        worker.process.kill()
        worker.process.join()
    worker.conn.close()
    return worker.process.exitcode
